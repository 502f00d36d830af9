package main

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/spf13/cobra"

	"github.com/convqa/convqa/ingest"
	"github.com/convqa/convqa/internal/config"
)

func newIngestCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "ingest",
		Short: "Consume transcripts from Kafka into ClickHouse (DLQ, PII redaction, dedup-safe)",
		Long: `ingest joins the consumer group ingest.group_id on kafka.topic and stores
every valid message in ClickHouse: whole conversations and live utterances,
PII redacted (ingest.redact), customer ids replaced by a keyed hash. Offsets
are committed only after ClickHouse acknowledged the insert, and the tables
collapse redelivered rows, so a crash or rebalance neither loses nor
duplicates what queries show. Invalid messages go to kafka.dlq_topic with
their original bytes and headers naming the error.

When ClickHouse or Kafka fails, ingest stops fetching and retries with
capped exponential backoff (ingest.retry_max_backoff) for as long as it
runs; /readyz says why it waits. SIGTERM finishes the batch in flight
within ingest.shutdown_timeout, commits it, and leaves the group.

Run "convqa migrate" first. A customer hash key is required
(ingest.customer_hash_key_file or CONVQA_INGEST_CUSTOMER_HASH_KEY).`,
		Example: `  convqa ingest --config convqa.yaml
  CONVQA_INGEST_CUSTOMER_HASH_KEY_FILE=/run/secrets/hash convqa ingest --group convqa-ingest --http-addr :9464`,
		Args: cobra.NoArgs,
	}
	a.bindConfigFlags(cmd.Flags(), []configFlag{
		{"group", "ingest.group_id", "Kafka consumer group (config ingest.group_id, default convqa-ingest)"},
		{"http-addr", "ingest.http_addr", `address of /healthz, /readyz, /metrics; "" turns it off (config ingest.http_addr, default 127.0.0.1:9464)`},
		{"batch-max-rows", "ingest.batch_max_rows", "flush a batch at this many rows (config ingest.batch_max_rows, default 50000)"},
		{"batch-max-wait", "ingest.batch_max_wait", "flush a batch this long after its first message (config ingest.batch_max_wait, default 1s)"},
		{"customer-hash-key-file", "ingest.customer_hash_key_file", "file holding the customer-id hash key (config ingest.customer_hash_key_file)"},
	})
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		cfg, err := a.loadConfig()
		if err != nil {
			return err
		}
		log := a.logger(cfg)
		reg := newRegistry()
		ing, err := ingest.New(cfg, log, reg)
		if err != nil {
			return err
		}
		stop, err := serveHTTP(cfg.Ingest.HTTPAddr, ing.Handler(reg), log)
		if err != nil {
			return err
		}
		defer stop()
		return runIngest(cmd.Context(), ing, cfg, log)
	}
	return cmd
}

// newRegistry is a Prometheus registry with the Go runtime's and the
// process's metrics, for the commands that serve /metrics.
func newRegistry() *prometheus.Registry {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return reg
}

// runIngest consumes with ing until ctx ends, watching the consumer lag,
// and returns after ing's graceful shutdown ("convqa ingest", and the
// ingest of "convqa run").
func runIngest(ctx context.Context, ing *ingest.Ingester, cfg config.Config, log *slog.Logger) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go ing.WatchLag(ctx, 15*time.Second)
	log.Info("ingest start", "topic", cfg.Kafka.Topic, "group", cfg.Ingest.GroupID, "dlq", cfg.Kafka.DLQTopic,
		"database", cfg.ClickHouse.Database, "batch_max_rows", cfg.Ingest.BatchMaxRows, "batch_max_wait", cfg.Ingest.BatchMaxWait)
	err := ing.Run(ctx)
	log.Info("ingest stopped", "err", err)
	return err
}

// serveHTTP serves h on addr in the background until the returned stop is
// called; an empty addr serves nothing. The listener is opened before it
// returns, so a taken port is an error here, not a log line later.
func serveHTTP(addr string, h http.Handler, log *slog.Logger) (stop func(), err error) {
	if addr == "" {
		return func() {}, nil
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("http server", "err", err)
		}
	}()
	log.Info("serving /healthz /readyz /metrics", "addr", ln.Addr().String())
	return func() {
		sctx, scancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer scancel()
		_ = srv.Shutdown(sctx)
		<-done
	}, nil
}
