package chaos

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"time"
)

// Config is one chaos run. DefaultConfig holds the full run; Validate says
// what cannot work.
type Config struct {
	// Seed drives the data and the schedule of kills and restarts.
	Seed uint64
	// Utterances is the least number of valid utterances to stream; the
	// generator is asked for enough conversations. Default 200000.
	Utterances int
	// MalformedShare is the share (0–1) of conversations sent as one
	// deliberately malformed message. Default 0.01.
	MalformedShare float64
	// LiveShare is the share (0–1) of chat, voice and bot conversations sent
	// as one message per utterance plus a closing message. Default 0.3.
	LiveShare float64
	// Partitions of the fresh source topic. Default 4.
	Partitions int
	// Ingesters is how many `convqa ingest` processes share the group.
	// Default 2.
	Ingesters int
	// Kills is how many times an ingest process is killed with SIGKILL
	// (and started again). Default 10.
	Kills int
	// RestartClickHouse and RestartKafka restart each server once while
	// messages flow. Default true.
	RestartClickHouse, RestartKafka bool
	// Down is how long a restarted server stays stopped. Default 2s.
	Down time.Duration
	// StopGrace is how long a server may take to stop before it is killed
	// (stack.sh's CONVQA_STACK_STOP_GRACE): ClickHouse 18.16 otherwise waits
	// up to 10 s for idle client connections, and other people's tests share
	// the server. Default 5s.
	StopGrace time.Duration
	// ProduceFor spreads producing over this long, so that kills and
	// restarts fall while messages flow. Default 180s.
	ProduceFor time.Duration
	// Settle keeps kills this long ahead of a restart: a SIGKILLed member
	// holds up its group until its session times out (kafka-go's default
	// is 30 s), and a restart must find ingest consuming. Default 35s.
	Settle time.Duration
	// CatchUp bounds the wait, after producing and the last fault, for the
	// group's lag to reach 0 and the tables to stop changing. Default 5m.
	CatchUp time.Duration
	// Timeout bounds the whole run, set-up and clean-up included.
	// Default 20m.
	Timeout time.Duration
	// BatchMaxRows and BatchMaxWait are given to ingest: small batches make
	// many commits, so kills fall between insert and commit. Defaults 2000
	// and 500ms.
	BatchMaxRows int
	BatchMaxWait time.Duration
	// ShutdownTimeout is ingest's ingest.shutdown_timeout. Default 20s.
	ShutdownTimeout time.Duration

	// ConvqaBin is the convqa binary to run. Default "bin/convqa".
	ConvqaBin string
	// StackScript restarts servers: `<StackScript> restart clickhouse 3`.
	// Default "stack/stack.sh".
	StackScript string
	// ClickHouseAddr (native protocol) and KafkaBrokers must be loopback
	// addresses: the run kills and restarts what it talks to.
	ClickHouseAddr string
	KafkaBrokers   []string
	// WorkDir receives, in a directory per run, the logs of the ingest
	// processes and of the servers' restarts. Default os.TempDir().
	WorkDir string
	// Keep leaves the topics, the consumer group and the database in place
	// for inspection.
	Keep bool
	// Logger receives progress. Default: discard.
	Logger *slog.Logger
}

// DefaultConfig is the full run of `make chaos-ingest`.
func DefaultConfig() Config {
	return Config{
		Seed: 1, Utterances: 200000, MalformedShare: 0.01, LiveShare: 0.3,
		Partitions: 4, Ingesters: 2, Kills: 10,
		RestartClickHouse: true, RestartKafka: true, Down: 2 * time.Second, StopGrace: 5 * time.Second,
		ProduceFor: 180 * time.Second, Settle: 35 * time.Second, CatchUp: 5 * time.Minute, Timeout: 20 * time.Minute,
		BatchMaxRows: 2000, BatchMaxWait: 500 * time.Millisecond, ShutdownTimeout: 20 * time.Second,
		ConvqaBin: "bin/convqa", StackScript: "stack/stack.sh",
	}
}

// Validate reports settings that cannot work, naming the setting.
func (c Config) Validate() error {
	var errs []error
	bad := func(format string, a ...any) { errs = append(errs, fmt.Errorf(format, a...)) }
	if c.Utterances < 1 {
		bad("utterances %d: must be ≥ 1", c.Utterances)
	}
	if c.MalformedShare < 0 || c.MalformedShare >= 1 || c.LiveShare < 0 || c.LiveShare > 1 {
		bad("malformed share %v and live share %v: must be in [0, 1)", c.MalformedShare, c.LiveShare)
	}
	if c.Partitions < 1 || c.Partitions > 64 {
		bad("partitions %d: must be 1 to 64", c.Partitions)
	}
	if c.Ingesters < 1 || c.Ingesters > 8 {
		bad("ingesters %d: must be 1 to 8", c.Ingesters)
	}
	if c.Kills < 0 {
		bad("kills %d: must be ≥ 0", c.Kills)
	}
	if c.Down < 0 || c.Down > time.Minute {
		bad("down %v: must be 0 to 1m (other tests share the servers)", c.Down)
	}
	if c.StopGrace < time.Second || c.StopGrace > 5*time.Minute {
		bad("stop grace %v: must be 1s to 5m", c.StopGrace)
	}
	if c.Settle < 0 {
		bad("settle %v: must be ≥ 0", c.Settle)
	}
	for name, d := range map[string]time.Duration{"produce-for": c.ProduceFor, "catch-up": c.CatchUp,
		"timeout": c.Timeout, "batch-max-wait": c.BatchMaxWait, "shutdown-timeout": c.ShutdownTimeout} {
		if d <= 0 {
			bad("%s %v: must be > 0", name, d)
		}
	}
	if c.BatchMaxRows < 1 {
		bad("batch-max-rows %d: must be ≥ 1", c.BatchMaxRows)
	}
	if c.ConvqaBin == "" {
		bad("convqa binary: not set")
	}
	if (c.RestartClickHouse || c.RestartKafka) && c.StackScript == "" {
		bad("stack script: not set, and servers are to be restarted")
	}
	if err := loopback(c.ClickHouseAddr); err != nil {
		bad("ClickHouse address: %w", err)
	}
	if len(c.KafkaBrokers) == 0 {
		bad("Kafka brokers: none given")
	}
	for _, b := range c.KafkaBrokers {
		if err := loopback(b); err != nil {
			bad("Kafka broker: %w", err)
		}
	}
	return errors.Join(errs...)
}

// loopback accepts host:port on this machine only: the run kills and
// restarts the servers it is given, which must never be anyone else's.
func loopback(addr string) error {
	host, port, err := net.SplitHostPort(addr)
	if err != nil || port == "" {
		return fmt.Errorf("%q: want host:port", addr)
	}
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("%q is not a loopback address (want 127.0.0.1, ::1 or localhost)", addr)
}
