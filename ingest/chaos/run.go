package chaos

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"github.com/convqa/convqa/internal/kafkaadmin"
)

// Run does one chaos run and reports what it found. The error is for a run
// that could not be done (bad configuration, a server missing at the start,
// the overall timeout); what the checks found is in the Report. Once ingest
// processes have started, a Report is returned even with an error, naming
// it among its Problems.
func Run(ctx context.Context, c Config) (*Report, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, c.Timeout)
	defer cancel()
	r, err := newRunner(ctx, c)
	if err != nil {
		return nil, err
	}
	defer r.close()
	if err := r.prepare(ctx); err != nil {
		return nil, err
	}
	if !c.Keep {
		defer r.cleanUp()
	}
	if err := r.run(ctx); err != nil {
		r.rep.problem("run: %v", err)
		r.rep.Elapsed = time.Since(r.began)
		return r.rep, err
	}
	return r.rep, nil
}

// runner holds one run's resources.
type runner struct {
	c          Config
	log        *slog.Logger
	began      time.Time
	rep        *Report
	conn       driver.Conn
	tables     tables
	stack      stack
	restartLog *os.File
	data       *Dataset
	ins        []*ingester
	logs       []string
}

// newRunner names the run's topic, group and database, makes its log
// directory and connects to ClickHouse.
func newRunner(ctx context.Context, c Config) (*runner, error) {
	r := &runner{c: c, log: c.Logger, began: time.Now()}
	if r.log == nil {
		r.log = slog.New(slog.DiscardHandler)
	}
	// Names are new each run: a kept run, or one killed before its clean-up,
	// must not leak into the next.
	tag := fmt.Sprintf("%d_%06x", c.Seed, rand.Uint32()&0xffffff)
	topic := "convqa-chaos-" + strings.ReplaceAll(tag, "_", "-")
	r.rep = &Report{Seed: c.Seed, Database: "convqa_chaos_" + tag, Topic: topic, DLQTopic: topic + ".dlq",
		Group: topic, Plan: NewPlan(c), WorkDir: filepath.Join(cmp.Or(c.WorkDir, os.TempDir()), topic)}
	// A directory per run: the logs are read back for the report, and must
	// hold this run's lines only.
	if err := os.MkdirAll(r.rep.WorkDir, 0o755); err != nil {
		return nil, err
	}
	f, err := os.Create(filepath.Join(r.rep.WorkDir, "restarts.log"))
	if err != nil {
		return nil, err
	}
	r.restartLog, r.stack = f, stack{script: c.StackScript, grace: c.StopGrace, out: f}
	conn, err := clickhouse.Open(&clickhouse.Options{Protocol: clickhouse.Native, Addr: []string{c.ClickHouseAddr},
		Auth: clickhouse.Auth{Database: "default", Username: "default"}, DialTimeout: 5 * time.Second})
	if err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("ClickHouse %s: %w", c.ClickHouseAddr, err)
	}
	r.conn, r.tables = conn, tables{conn: conn, db: r.rep.Database}
	if err := conn.Ping(ctx); err != nil {
		r.close()
		return nil, fmt.Errorf("ClickHouse %s does not answer (is the stack up? make stack-up): %w", c.ClickHouseAddr, err)
	}
	return r, nil
}

func (r *runner) close() {
	_ = r.conn.Close()
	_ = r.restartLog.Close()
}

// prepare checks that the stack script drives the servers the run uses,
// generates the data, and creates the topic and the schema.
func (r *runner) prepare(ctx context.Context) error {
	c, rep := r.c, r.rep
	r.log.Info("chaos: plan", "seed", c.Seed, "database", rep.Database, "topic", rep.Topic, "logs", rep.WorkDir)
	for _, l := range rep.Plan.Lines() {
		r.log.Info("chaos: planned " + l)
	}
	if c.RestartClickHouse || c.RestartKafka {
		if err := r.stack.checkAddrs(ctx, c.ClickHouseAddr, c.KafkaBrokers); err != nil {
			return err
		}
	}
	d, err := Generate(ctx, c.Seed, c.Utterances, c.LiveShare, c.MalformedShare)
	if err != nil {
		return err
	}
	r.data = d
	rep.Messages, rep.MalformedMessages, rep.UtteranceMessages = len(d.Records), len(d.Malformed), d.UtteranceMessages
	rep.ValidUtterances, rep.ValidConversations = len(d.Utterances), len(d.Conversations)
	rep.LiveConversations, rep.WholeConversations = d.LiveConversations, d.WholeConversations
	r.log.Info("chaos: generated", "messages", rep.Messages, "valid_utterances", rep.ValidUtterances,
		"conversations", rep.ValidConversations, "malformed", rep.MalformedMessages)
	if _, err := kafkaadmin.EnsureTopic(ctx, c.KafkaBrokers, kafkaadmin.Topic{Name: rep.Topic, Partitions: c.Partitions, ReplicationFactor: 1}); err != nil {
		return fmt.Errorf("Kafka %s: %w", strings.Join(c.KafkaBrokers, ","), err)
	}
	return nil
}

// run migrates, starts the ingest processes, streams the data through the
// faults, waits for ingest to catch up, stops it cleanly and checks.
func (r *runner) run(ctx context.Context) error {
	c, rep := r.c, r.rep
	env := ingestEnv(c, rep)
	if err := migrate(ctx, c.ConvqaBin, env, filepath.Join(rep.WorkDir, "migrate.log")); err != nil {
		return err
	}
	if err := r.tables.instrument(ctx); err != nil {
		return err
	}
	r.ins = make([]*ingester, c.Ingesters)
	for i := range r.ins {
		name := fmt.Sprintf("ingest-%d", i)
		r.logs = append(r.logs, filepath.Join(rep.WorkDir, name+".log"))
		r.ins[i] = newIngester(name, c.ConvqaBin, env, r.logs[i], r.log)
	}
	// Whatever happens below, no ingest process outlives the run.
	defer func() {
		for _, in := range r.ins {
			_ = in.stop(context.Background(), time.Second)
		}
	}()
	for _, in := range r.ins {
		if err := in.start(); err != nil {
			return err
		}
	}
	if err := r.faults(ctx); err != nil {
		return err
	}
	producedAt := time.Now()
	lag, err := r.waitCaughtUp(ctx)
	rep.CatchUp, rep.LagAtEnd = time.Since(producedAt), lag
	if err != nil {
		rep.problem("ingest did not catch up within %v: %v", c.CatchUp, err)
	}
	for _, in := range r.ins {
		if err := in.stop(ctx, c.ShutdownTimeout+15*time.Second); err != nil {
			rep.problem("clean stop: %v", err)
		}
		rep.UnexpectedExits = append(rep.UnexpectedExits, in.surprises()...)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("%w after %v", err, time.Since(r.began).Round(time.Second))
	}
	return r.check(ctx)
}

// check compares the tables and the DLQ with the input and reads the logs.
func (r *runner) check(ctx context.Context) error {
	rep := r.rep
	if err := checkTables(ctx, r.tables, r.data, rep); err != nil {
		return err
	}
	entries, err := readDLQ(ctx, r.c.KafkaBrokers, rep.DLQTopic)
	if err != nil {
		return err
	}
	rep.DLQ = checkDLQ(r.data.Malformed, entries, rep.Topic)
	rep.IngestLog = countLogLevels(r.logs)
	for i := range rep.Restarts {
		rs := &rep.Restarts[i]
		// Ingest may notice an outage only at its next insert or fetch,
		// and say so up to a backoff later.
		rs.Warnings = countWarnings(r.logs, rs.Began, rs.Began.Add(rs.Took+10*time.Second))
	}
	rep.judge()
	rep.Elapsed = time.Since(r.began)
	return nil
}

// cleanUp drops what the run created. It runs even when the run failed, on
// a context of its own, since the run's may be done.
func (r *runner) cleanUp() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	rep := r.rep
	if err := r.conn.Exec(ctx, "DROP DATABASE IF EXISTS "+rep.Database); err != nil {
		r.log.Warn("chaos: clean-up: drop database", "database", rep.Database, "err", err)
	}
	// The group first: deleting its topic may already have emptied it, and
	// the broker then forgets it on its own.
	if err := deleteGroup(ctx, r.c.KafkaBrokers, rep.Group); err != nil {
		r.log.Warn("chaos: clean-up: delete consumer group", "group", rep.Group, "err", err)
	}
	for _, tp := range []string{rep.Topic, rep.DLQTopic} {
		if err := kafkaadmin.DeleteTopic(ctx, r.c.KafkaBrokers, tp); err != nil {
			r.log.Warn("chaos: clean-up: delete topic", "topic", tp, "err", err)
		}
	}
}
