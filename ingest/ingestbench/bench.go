package ingestbench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
	"github.com/segmentio/kafka-go"

	"github.com/convqa/convqa/internal/kafkaadmin"
	"github.com/convqa/convqa/internal/wait"
)

// Report is what Run measured, and the set-up it measured it in.
type Report struct {
	Rows                 int
	FlatMessages         int
	FlatBytes            int64
	ConversationMessages int
	ConversationBytes    int64
	// Generate and Produce* time the set-up, before any consumer started.
	Generate, ProduceFlat, ProduceConversations time.Duration
	Partitions                                  int
	Engine                                      EngineSettings
	// FlushIntervalMS is the server's stream_flush_interval_ms, which
	// 18.16's Kafka engine takes from the server's default profile, not
	// from the table.
	FlushIntervalMS string
	ClickHousePID   int
	// LoadBefore and LoadAfter are /proc/loadavg: other work on the
	// machine makes numbers noisy, and this says how much there was.
	LoadBefore, LoadAfter string
	// Suffix ends the name of every topic, database and consumer group
	// the run made: convqa_bench_<what>_<run>_<suffix>.
	Suffix  string
	Results []Result
}

// idleSample is how long the server's idle CPU is sampled before each run.
const idleSample = 2 * time.Second

// bench is one benchmark's state: its resources and what cleans them up.
type bench struct {
	cfg       Config
	log       *slog.Logger
	ch        driver.Conn
	chPID     int
	data      *Dataset
	flatTopic string
	convTopic string
	flatBytes int64
	suffix    string
	cleanups  []func(context.Context) error
}

// Run generates the data, fills the topics, and measures each consumer
// cfg.Runs times, interleaved so that drifting load on a shared machine hits
// all of them alike. Topics, databases and consumer groups are removed at
// the end unless cfg.Keep.
func Run(ctx context.Context, cfg Config) (rep *Report, err error) {
	cfg = cfg.withDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if _, err := os.Stat(cfg.ConvqaBin); err != nil {
		return nil, fmt.Errorf("convqa binary: %w (build it with make build, or pass its path)", err)
	}
	b := &bench{cfg: cfg, log: cfg.Logger, chPID: cfg.ClickHousePID, suffix: randomHex(4)}
	if b.chPID == 0 {
		if b.chPID, err = ListenerPID(cfg.ClickHouseAddr); err != nil {
			return nil, fmt.Errorf("ClickHouse server's pid, to read its CPU time: %w", err)
		}
	}
	if b.ch, err = openServer(ctx, cfg.ClickHouseAddr); err != nil {
		return nil, err
	}
	defer func() { _ = b.ch.Close() }()
	defer func() { err = errors.Join(err, b.cleanUp()) }()
	defer func() {
		if rep != nil {
			rep.LoadAfter = loadAvg()
		}
	}()

	rep = &Report{Partitions: cfg.Partitions, Engine: cfg.Engine, ClickHousePID: b.chPID, LoadBefore: loadAvg(), FlushIntervalMS: "unknown", Suffix: b.suffix}
	_ = b.ch.QueryRow(ctx, "SELECT value FROM system.settings WHERE name = 'stream_flush_interval_ms'").Scan(&rep.FlushIntervalMS)
	t := time.Now()
	if b.data, err = NewDataset(ctx, cfg.Rows, cfg.Seed); err != nil {
		return nil, err
	}
	rep.Generate = time.Since(t)
	rep.Rows, rep.FlatMessages, rep.ConversationMessages = b.data.Rows, len(b.data.Flat), len(b.data.Conversations)
	b.flatBytes, rep.ConversationBytes = Bytes(b.data.Flat), Bytes(b.data.Conversations)
	rep.FlatBytes = b.flatBytes
	b.log.Info("generated", "rows", rep.Rows, "flat_bytes", rep.FlatBytes, "conversations", rep.ConversationMessages, "took", rep.Generate.Round(time.Millisecond))

	b.flatTopic = b.name("flat", 0)
	if rep.ProduceFlat, err = b.fill(ctx, b.flatTopic, b.data.Flat); err != nil {
		return nil, err
	}
	if cfg.Conversations {
		b.convTopic = b.name("conv", 0)
		if rep.ProduceConversations, err = b.fill(ctx, b.convTopic, b.data.Conversations); err != nil {
			return nil, err
		}
	}

	for run := 1; run <= cfg.Runs; run++ {
		steps := []func() (Result, error){
			func() (Result, error) {
				return b.runConvqa(ctx, convqaRun{peer: PeerConvqaFlat, topic: b.flatTopic, messages: len(b.data.Flat), bytes: b.flatBytes}, run)
			},
			func() (Result, error) { return b.runEngine(ctx, run) },
		}
		if cfg.Conversations {
			steps = append(steps, func() (Result, error) {
				n := len(b.data.Conversations)
				return b.runConvqa(ctx, convqaRun{peer: PeerConvqaConvos, topic: b.convTopic, messages: n, bytes: rep.ConversationBytes, conversations: n}, run)
			})
		}
		for _, step := range steps {
			r, err := step()
			if err != nil {
				return rep, err
			}
			b.log.Info("measured", "peer", r.Peer, "run", run, "seconds", r.Elapsed.Seconds(), "cpu_seconds", r.CPU.Seconds(),
				"clickhouse_cpu_seconds", r.ServerCPU.Seconds(), "machine_busy", fixed(r.MachineBusy, 2))
			rep.Results = append(rep.Results, r)
		}
	}
	return rep, nil
}

// name makes a topic, database or group name of this benchmark: a plain
// identifier, unique per benchmark, recognisable in listings.
func (b *bench) name(kind string, run int) string {
	return fmt.Sprintf("convqa_bench_%s_%d_%s", kind, run, b.suffix)
}

func (b *bench) fill(ctx context.Context, topic string, msgs []Message) (time.Duration, error) {
	b.cleanup(func(ctx context.Context) error { return b.deleteTopic(ctx, topic) })
	d, err := fillTopic(ctx, b.cfg.KafkaBrokers, topic, b.cfg.Partitions, msgs)
	if err == nil {
		b.log.Info("produced", "topic", topic, "messages", len(msgs), "took", d.Round(time.Millisecond))
	}
	return d, err
}

func (b *bench) cleanup(f func(context.Context) error) { b.cleanups = append(b.cleanups, f) }

// cleanUp runs the clean-ups newest first, each with its own deadline, so
// one that hangs does not leave the rest undone.
func (b *bench) cleanUp() error {
	if b.cfg.Keep {
		b.log.Info("kept topics, databases and consumer groups", "suffix", b.suffix)
		return nil
	}
	var errs []error
	for i := len(b.cleanups) - 1; i >= 0; i-- {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		errs = append(errs, b.cleanups[i](ctx))
		cancel()
	}
	return errors.Join(errs...)
}

func (b *bench) dropDatabase(ctx context.Context, db string) error {
	if err := b.ch.Exec(ctx, "DROP DATABASE IF EXISTS "+db); err != nil {
		return fmt.Errorf("drop database %s: %w", db, err)
	}
	return nil
}

func (b *bench) deleteTopic(ctx context.Context, topic string) error {
	return kafkaadmin.DeleteTopic(ctx, b.cfg.KafkaBrokers, topic)
}

// deleteGroup removes a consumer group the benchmark made; one that never
// committed (a failed run) is not an error. Members that just left may
// still be listed for a moment, so a non-empty group is retried.
func (b *bench) deleteGroup(ctx context.Context, group string) error {
	c := &kafka.Client{Addr: kafka.TCP(b.cfg.KafkaBrokers...), Timeout: 30 * time.Second}
	for {
		res, err := c.DeleteGroups(ctx, &kafka.DeleteGroupsRequest{GroupIDs: []string{group}})
		if err == nil {
			err = res.Errors[group]
		}
		if err == nil || errors.Is(err, kafka.GroupIdNotFound) {
			return nil
		}
		if !errors.Is(err, kafka.NonEmptyGroup) || !wait.For(ctx, 500*time.Millisecond) {
			return fmt.Errorf("delete consumer group %s: %w", group, err)
		}
	}
}

func loadAvg() string {
	b, err := os.ReadFile(procRoot + "/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	return strings.Join(f[:min(3, len(f))], " ")
}

// Write prints the set-up, the table of medians and the comparison.
func (r *Report) Write(w io.Writer) error {
	fmt.Fprintf(w, "data: %s utterance rows; flat topic %s messages (%.1f MB), conversation topic %s messages (%.1f MB); %d partitions\n",
		group(int64(r.Rows)), group(int64(r.FlatMessages)), float64(r.FlatBytes)/1e6,
		group(int64(r.ConversationMessages)), float64(r.ConversationBytes)/1e6, r.Partitions)
	fmt.Fprintf(w, "set-up: generated in %s, produced flat in %s, conversations in %s, before any consumer started\n",
		r.Generate.Round(time.Millisecond), r.ProduceFlat.Round(time.Millisecond), r.ProduceConversations.Round(time.Millisecond))
	fmt.Fprintf(w, "Kafka engine: kafka_num_consumers = %d, kafka_max_block_size = %d, JSONEachRow; "+
		"stream_flush_interval_ms = %s (the server profile's: 18.16 has no per-table setting)\n",
		r.Engine.NumConsumers, r.Engine.MaxBlockSize, r.FlushIntervalMS)
	fmt.Fprintf(w, "ClickHouse server pid %d; load average before %s, after %s\n\n", r.ClickHousePID, r.LoadBefore, r.LoadAfter)
	sums := Summarize(r.Results)
	if err := WriteTable(w, sums); err != nil {
		return err
	}
	if ratio, ok := Compare(sums); ok {
		fmt.Fprintln(w)
		if err := WriteRatio(w, ratio); err != nil {
			return err
		}
	}
	return WriteNotes(w, r.Results)
}
