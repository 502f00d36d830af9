package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/robfig/cron/v3"
	"github.com/spf13/cobra"

	"github.com/convqa/convqa/ingest"
	"github.com/convqa/convqa/internal/config"
	"github.com/convqa/convqa/internal/store"
	"github.com/convqa/convqa/scoring/job"
)

// newRunCmd is `convqa run`: ingest and the scheduled jobs in one process.
func newRunCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "run",
		Short: "Run ingest and the scheduled jobs (scoring) in one process",
		Long: `run is the long-running process of a deployment: it consumes transcripts
from Kafka into ClickHouse as "convqa ingest" does (run.ingest), and starts
the scoring job on scoring.schedule as "convqa score" does
(scoring.enabled). Either can be switched off. A scheduled run never
overlaps the previous one: when it is still going, the due run is skipped.
Schedules are cron specs of five fields or descriptors ("@every 5m",
"@hourly") in the process's time zone (TZ).

One HTTP server (run.http_addr) serves /healthz, /readyz (ready while
ingest fetches and stores normally; it names the scoring job's last run)
and /metrics for all of it.

On SIGTERM or SIGINT it stops scheduling, interrupts a scoring run in
progress (which writes what it has scored; the next start resumes where it
stopped), waits for it up to run.shutdown_timeout, then stops ingest, which
finishes its batch in flight within ingest.shutdown_timeout.`,
		Example: `  convqa run --config convqa.yaml
  convqa run --no-ingest --schedule "@every 1m"     # scoring only
  CONVQA_SCORING_ENABLED=false convqa run           # ingest only`,
		Args: cobra.NoArgs,
	}
	var noIngest, noScoring bool
	fl := cmd.Flags()
	fl.BoolVar(&noIngest, "no-ingest", false, "do not run ingest (config run.ingest=false)")
	fl.BoolVar(&noScoring, "no-scoring", false, "do not schedule the scoring job (config scoring.enabled=false)")
	a.bindConfigFlags(fl, []configFlag{
		{"schedule", "scoring.schedule", `when the scoring job starts: cron spec or "@every 5m" (config scoring.schedule, default "@every 5m")`},
		{"http-addr", "run.http_addr", `address of /healthz, /readyz, /metrics; "" turns it off (config run.http_addr, default 127.0.0.1:9464)`},
		{"customer-hash-key-file", "ingest.customer_hash_key_file", "file holding the customer-id hash key (config ingest.customer_hash_key_file)"},
	})
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		cfg, err := a.loadConfig()
		if err != nil {
			return err
		}
		if noIngest {
			cfg.Run.Ingest = false
		}
		if noScoring {
			cfg.Scoring.Enabled = false
		}
		return runAll(cmd.Context(), cfg, a.logger(cfg))
	}
	return cmd
}

// runAll runs until ctx ends, then shuts down in order: the scheduler and
// its running job first, ingest last (so what arrives meanwhile is still
// stored).
func runAll(ctx context.Context, cfg config.Config, log *slog.Logger) error {
	if !cfg.Run.Ingest && !cfg.Scoring.Enabled {
		return usageError("nothing to run: run.ingest and scoring.enabled are both off")
	}
	reg := newRegistry()
	var ing *ingest.Ingester
	if cfg.Run.Ingest {
		var err error
		if ing, err = ingest.New(cfg, log, reg); err != nil {
			return err
		}
	}
	status := &jobStatus{}
	var sched *cron.Cron
	jobCtx, interruptJobs := context.WithCancel(context.WithoutCancel(ctx))
	defer interruptJobs()
	if cfg.Scoring.Enabled {
		scorer, err := newScorer(cfg)
		if err != nil {
			return err
		}
		j, err := job.New(scorer, jobOptions(cfg, log, reg))
		if err != nil {
			return err
		}
		cl := cronLogger{log.With("job", "scoring")}
		sched = cron.New(cron.WithLogger(cl), cron.WithChain(cron.Recover(cl), cron.SkipIfStillRunning(cl)))
		if _, err := sched.AddFunc(cfg.Scoring.Schedule, func() { scoreOnce(jobCtx, j, cfg, log, status) }); err != nil {
			return fmt.Errorf("scoring.schedule %q: %w", cfg.Scoring.Schedule, err)
		}
		log.Info("scoring scheduled", "schedule", cfg.Scoring.Schedule, "scorer_version", j.Version())
	}
	stopHTTP, err := serveHTTP(cfg.Run.HTTPAddr, runHandler(reg, ing, status), log)
	if err != nil {
		return err
	}
	defer stopHTTP()

	// Ingest stops after the jobs, on a context of its own.
	ingestCtx, stopIngest := context.WithCancel(context.WithoutCancel(ctx))
	defer stopIngest()
	ingestDone := make(chan error, 1)
	if ing != nil {
		go func() { ingestDone <- runIngest(ingestCtx, ing, cfg, log) }()
	}
	if sched != nil {
		sched.Start()
	}

	var runErr error
	select {
	case <-ctx.Done():
		log.Info("shutting down", "reason", context.Cause(ctx))
	case runErr = <-ingestDone:
		// Ingest only returns early on a failure it cannot wait out.
		ingestDone <- runErr
		log.Error("ingest stopped; shutting down", "err", runErr)
	}
	if sched != nil {
		stopped := sched.Stop()
		interruptJobs()
		select {
		case <-stopped.Done():
		case <-time.After(cfg.Run.ShutdownTimeout):
			log.Warn("a scheduled job is still running after run.shutdown_timeout; leaving it", "shutdown_timeout", cfg.Run.ShutdownTimeout)
		}
	}
	stopIngest()
	if ing != nil {
		if err := <-ingestDone; err != nil && runErr == nil {
			runErr = err
		}
	}
	return runErr
}

// scoreOnce is one scheduled run of the scoring job, on a connection of its
// own: a ClickHouse outage fails this run, and the next one tries again.
func scoreOnce(ctx context.Context, j *job.Job, cfg config.Config, log *slog.Logger, status *jobStatus) {
	start := time.Now()
	conn, err := store.Open(ctx, cfg.ClickHouse)
	var st job.Stats
	if err == nil {
		st, err = j.Run(ctx, conn)
		_ = conn.Close()
	}
	status.set(start, st, err)
	var fe *job.FailuresError
	switch {
	case err == nil:
		log.Info("scoring run done", "scored", st.Scored, "rescored", st.Rescored, "hits", st.Hits, "elapsed", st.Elapsed)
	case errors.As(err, &fe):
		log.Warn("scoring run done with failures", "scored", st.Scored, "failed", st.Failed, "err", err)
	case ctx.Err() != nil:
		log.Info("scoring run interrupted; the next run resumes", "scored", st.Scored, "err", err)
	default:
		log.Error("scoring run failed", "scored", st.Scored, "err", err)
	}
}

// jobStatus is the scoring job's last run, for /readyz.
type jobStatus struct {
	mu    sync.Mutex
	at    time.Time
	stats job.Stats
	err   error
}

func (s *jobStatus) set(at time.Time, st job.Stats, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.at, s.stats, s.err = at, st, err
}

func (s *jobStatus) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.at.IsZero():
		return "scoring: no run yet"
	case s.err != nil:
		return fmt.Sprintf("scoring: last run at %s: scored %d; %v", s.at.UTC().Format(time.RFC3339), s.stats.Scored, s.err)
	}
	return fmt.Sprintf("scoring: last run at %s: scored %d", s.at.UTC().Format(time.RFC3339), s.stats.Scored)
}

// runHandler serves /healthz, /readyz and /metrics for the whole process.
// Readiness follows ingest (whose failures mean ClickHouse or Kafka is
// away); a failed scoring run is reported in the body and the metrics but
// does not make the process unready, since the next run retries it.
func runHandler(g prometheus.Gatherer, ing *ingest.Ingester, status *jobStatus) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { fmt.Fprintln(w, "ok") })
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, _ *http.Request) {
		if ing != nil {
			if ok, why := ing.Ready(); !ok {
				http.Error(w, "not ready: ingest: "+why+"\n"+status.String(), http.StatusServiceUnavailable)
				return
			}
		}
		fmt.Fprintf(w, "ready\n%s\n", status)
	})
	mux.Handle("GET /metrics", promhttp.HandlerFor(g, promhttp.HandlerOpts{}))
	return mux
}

// cronLogger writes cron's messages to slog.
type cronLogger struct{ log *slog.Logger }

func (c cronLogger) Info(msg string, kv ...any) {
	if msg == "skip" {
		c.log.Info("a run is due while the previous one still runs; skipping it")
		return
	}
	c.log.Debug("cron: "+msg, kv...)
}
func (c cronLogger) Error(err error, msg string, kv ...any) {
	c.log.Error("cron: "+msg, append(kv, "err", err)...)
}
