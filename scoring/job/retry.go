package job

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/cenkalti/backoff/v5"
)

// retry runs op until it succeeds, with capped exponential backoff between
// tries, as ingest does. Unlike ingest it gives up: after RetryTimeout, when
// ctx ends, or at once on an error that another try cannot fix (a missing
// table, a bad query: see permanent), since a scheduled job that fails is
// simply run again later.
func (r *run) retry(ctx context.Context, op string, fn func(context.Context) error) error {
	bo := backoff.NewExponentialBackOff()
	bo.InitialInterval = r.opt.RetryInitial
	bo.MaxInterval = r.opt.RetryMax
	bo.Reset()
	giveUp := time.Now().Add(r.opt.RetryTimeout)
	for attempt := 1; ; attempt++ {
		err := fn(ctx)
		if err == nil {
			return nil
		}
		r.m.errors.WithLabelValues(op).Inc()
		if ctx.Err() != nil {
			return fmt.Errorf("%w (gave up: %w)", err, ctx.Err())
		}
		if permanent(err) {
			return fmt.Errorf("%w (not retried: the server refused the statement; is the schema migrated? run convqa migrate)", err)
		}
		wait := bo.NextBackOff()
		if time.Now().Add(wait).After(giveUp) {
			return fmt.Errorf("%w (gave up after %d tries in %s)", err, attempt, r.opt.RetryTimeout)
		}
		r.m.retries.WithLabelValues(op).Inc()
		r.log.Warn("ClickHouse operation failed; retrying", "op", op, "attempt", attempt, "wait", wait, "err", err)
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return fmt.Errorf("%w (gave up: %w)", err, ctx.Err())
		case <-t.C:
		}
	}
}

// permanentCodes are ClickHouse exceptions that a retry cannot fix: the
// schema or the statement is wrong, or the user may not run it.
var permanentCodes = map[int32]bool{
	8:   true, // THERE_IS_NO_COLUMN
	16:  true, // NO_SUCH_COLUMN_IN_TABLE
	43:  true, // ILLEGAL_TYPE_OF_ARGUMENT
	47:  true, // UNKNOWN_IDENTIFIER
	53:  true, // TYPE_MISMATCH
	60:  true, // UNKNOWN_TABLE
	62:  true, // SYNTAX_ERROR
	81:  true, // UNKNOWN_DATABASE
	192: true, // UNKNOWN_USER
	193: true, // WRONG_PASSWORD
	194: true, // REQUIRED_PASSWORD
	497: true, // ACCESS_DENIED
	516: true, // AUTHENTICATION_FAILED
}

func permanent(err error) bool {
	var ex *clickhouse.Exception
	return errors.As(err, &ex) && permanentCodes[ex.Code]
}
