package chaos

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/convqa/convqa/internal/kafkaadmin"
	"github.com/convqa/convqa/internal/wait"
)

// faults produces the data while the plan's kills and restarts happen, and
// returns when all of them are done.
func (r *runner) faults(ctx context.Context) error {
	c, rep, log, ins := r.c, r.rep, r.log, r.ins
	start := time.Now()
	var wg sync.WaitGroup
	var prodErr error
	wg.Go(func() {
		s, retries, err := produceAll(ctx, c.KafkaBrokers, rep.Topic, r.data.Records, c.ProduceFor, log)
		rep.Sent, rep.ProduceRetries, rep.ProduceTime, prodErr = s.Sent, retries, s.Elapsed, err
		log.Info("chaos: producing done", "sent", s.Sent, "retries", retries, "elapsed", s.Elapsed.Round(time.Second))
	})
	var kills []string
	wg.Go(func() {
		for _, k := range rep.Plan.Kills {
			if !wait.Until(ctx, start.Add(k.At)) {
				return
			}
			in, at := ins[k.Ingester], time.Since(start).Round(100*time.Millisecond)
			pid, err := in.kill()
			what := fmt.Sprintf("t+%v SIGKILL %s pid %d, started again after %v", at, in.name, pid, k.Revive)
			if err != nil {
				what = fmt.Sprintf("t+%v SIGKILL %s failed: %v", at, in.name, err)
			} else if pid == 0 {
				what = fmt.Sprintf("t+%v %s was not running (it had exited on its own)", at, in.name)
			}
			log.Info("chaos: " + what)
			kills = append(kills, what)
			if !wait.Until(ctx, time.Now().Add(k.Revive)) {
				return
			}
			if err := in.start(); err != nil {
				log.Error("chaos: start again", "ingester", in.name, "err", err)
			}
		}
	})
	var restarts []RestartResult
	wg.Go(func() {
		for _, rs := range rep.Plan.Restarts {
			if !wait.Until(ctx, start.Add(rs.At)) {
				return
			}
			log.Info("chaos: restarting " + rs.Service)
			res := RestartResult{Restart: rs, Began: time.Now()}
			res.Took, res.Err = r.stack.restart(ctx, rs.Service, rs.Down)
			log.Info("chaos: " + res.String())
			restarts = append(restarts, res)
		}
	})
	wg.Wait()
	rep.Kills, rep.Restarts = kills, restarts
	for _, rs := range restarts {
		if rs.Err != nil {
			rep.problem("restart: %v", rs.Err)
		}
	}
	if prodErr != nil {
		return fmt.Errorf("produce to %s: %w", rep.Topic, prodErr)
	}
	return ctx.Err()
}

// waitCaughtUp waits until the group has committed every partition to its
// end and the utterance count stops changing, and returns the lag left.
func (r *runner) waitCaughtUp(ctx context.Context) (int64, error) {
	c, rep := r.c, r.rep
	ctx, cancel := context.WithTimeout(ctx, c.CatchUp)
	defer cancel()
	prev, stable := -1, 0
	var lag int64 = -1
	for {
		lags, err := kafkaadmin.GroupLag(ctx, c.KafkaBrokers, rep.Group, rep.Topic)
		if err == nil {
			lag = 0
			for _, l := range lags {
				if l.Committed < 0 {
					lag += max(l.Lag, 1)
					continue
				}
				lag += l.Lag
			}
		}
		n, cerr := r.tables.count(ctx, "utterances")
		if err == nil && cerr == nil && lag == 0 && n == prev {
			stable++
		} else {
			stable = 0
		}
		if stable >= 2 {
			return 0, nil
		}
		prev = n
		r.log.Info("chaos: waiting for ingest to catch up", "lag", lag, "utterance_rows", n)
		select {
		case <-ctx.Done():
			return lag, fmt.Errorf("lag %d, %w", lag, errors.Join(err, cerr, ctx.Err()))
		case <-time.After(2 * time.Second):
		}
	}
}
