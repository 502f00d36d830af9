package ingest

import (
	"context"
	"fmt"
	"time"
)

// Drain runs the ingester until its consumer group has committed total
// messages of the topic (which started empty), then stops it. It fails if
// ingest stops on its own or the messages are not all committed within
// limit. The demo and the scoring benchmark use it to ingest a known
// backlog.
func (in *Ingester) Drain(ctx context.Context, total int64, limit time.Duration) error {
	ictx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- in.Run(ictx) }()
	defer func() { cancel(); <-done }()
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		select {
		case err := <-done:
			return fmt.Errorf("ingest stopped early: %v", err)
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
		if in.lagSource == nil {
			return fmt.Errorf("drain: this ingester cannot read its group's offsets")
		}
		lags, err := in.lagSource(ctx)
		if err != nil {
			continue
		}
		var n int64
		for _, l := range lags {
			n += max(l.Committed, 0)
		}
		if n >= total {
			return nil
		}
	}
	return fmt.Errorf("ingest did not commit %d messages of %s within %s", total, in.topic, limit)
}
