// Package ingestbench measures convqa ingest against the peer a user would
// pick instead, ClickHouse's own Kafka table engine with a materialized
// view, on the real Kafka and ClickHouse of the local stack: the same topic,
// an equivalent target table, the same backlog.
//
// A run generates utterances, produces them before any consumer starts (so
// every consumer drains a backlog), then times each consumer from its start
// until ClickHouse holds every row, and reads the CPU time each spent from
// /proc. convqa runs as a subprocess (the binary users run, with its own
// consumer group and a freshly migrated database); the Kafka engine runs
// inside the ClickHouse server, so its CPU is the server's, less its idle
// rate.
package ingestbench

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"runtime"
	"time"
)

// Config configures a benchmark. Zero fields take the defaults named.
type Config struct {
	// ClickHouseAddr is the native-protocol host:port of a ClickHouse on
	// this machine (its CPU is read from /proc). Required.
	ClickHouseAddr string
	// KafkaBrokers are host:port bootstrap addresses. Required.
	KafkaBrokers []string
	// ConvqaBin is the convqa binary run as "convqa ingest". Default
	// "bin/convqa".
	ConvqaBin string
	// Rows is the number of utterance rows each consumer stores. Default
	// 2000000: with fewer than about a million, the Kafka engine's start-up
	// (joining the group) and its one squashed insert at the end decide
	// its time, and the ratio says little about steady throughput.
	Rows int
	// Partitions of each benchmark topic. Default 4.
	Partitions int
	// Runs of each consumer; the report takes medians. Default 1.
	Runs int
	// Seed makes the data; the same seed gives the same messages. Default 1.
	Seed uint64
	// Conversations also runs convqa on whole-conversation messages
	// holding the same utterances.
	Conversations bool
	// BatchMaxRows is passed to convqa as ingest.batch_max_rows; 0 keeps
	// convqa's default.
	BatchMaxRows int
	// Engine tunes the Kafka engine table.
	Engine EngineSettings
	// ClickHousePID is the server's pid; 0 finds the process listening on
	// ClickHouseAddr.
	ClickHousePID int
	// Timeout bounds each consumer run. Default 5m.
	Timeout time.Duration
	// Keep leaves topics, databases and consumer groups in place.
	Keep bool
	// LogDir receives each convqa subprocess's log. Default os.TempDir().
	LogDir string
	// Logger receives progress. Default: discard.
	Logger *slog.Logger
}

// EngineSettings are the Kafka engine's knobs that 18.16 has.
type EngineSettings struct {
	// NumConsumers is kafka_num_consumers: consumers, each with its own
	// reading and parsing thread, of the one table. Default: the topic's
	// partitions, at most the machine's CPUs, as ClickHouse's documentation
	// advises (more consumers than cores only add rebalances).
	NumConsumers int
	// MaxBlockSize is kafka_max_block_size: rows per block a consumer
	// parses before handing it to the view. The view's insert squashes
	// blocks up to min_insert_block_size_rows anyway. Default 65536, the
	// server's max_block_size.
	MaxBlockSize int
}

// Defaults of Config.
const (
	DefaultRows         = 2_000_000
	DefaultPartitions   = 4
	DefaultMaxBlockSize = 65536
	DefaultTimeout      = 5 * time.Minute
)

func (c Config) withDefaults() Config {
	if c.ConvqaBin == "" {
		c.ConvqaBin = "bin/convqa"
	}
	if c.Rows == 0 {
		c.Rows = DefaultRows
	}
	if c.Partitions == 0 {
		c.Partitions = DefaultPartitions
	}
	if c.Runs == 0 {
		c.Runs = 1
	}
	if c.Seed == 0 {
		c.Seed = 1
	}
	if c.Engine.NumConsumers == 0 {
		c.Engine.NumConsumers = min(c.Partitions, runtime.NumCPU())
	}
	if c.Engine.MaxBlockSize == 0 {
		c.Engine.MaxBlockSize = DefaultMaxBlockSize
	}
	if c.Timeout == 0 {
		c.Timeout = DefaultTimeout
	}
	if c.LogDir == "" {
		c.LogDir = os.TempDir()
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	return c
}

// Validate reports settings that cannot work, naming the field.
func (c Config) Validate() error {
	var errs []error
	bad := func(format string, a ...any) { errs = append(errs, fmt.Errorf(format, a...)) }
	if c.ClickHouseAddr == "" {
		bad("ClickHouse address: required (CONVQA_CLICKHOUSE_ADDR, --clickhouse-addr)")
	}
	if len(c.KafkaBrokers) == 0 {
		bad("Kafka brokers: required (CONVQA_KAFKA_BROKERS, --kafka-brokers)")
	}
	if c.Rows < 0 || c.Rows > 100_000_000 {
		bad("rows %d: allowed 1 to 100,000,000", c.Rows)
	}
	if c.Partitions < 0 || c.Partitions > 64 {
		bad("partitions %d: allowed 1 to 64", c.Partitions)
	}
	if c.Runs < 0 || c.Runs > 20 {
		bad("runs %d: allowed 1 to 20", c.Runs)
	}
	if c.BatchMaxRows < 0 || c.BatchMaxRows > 1_000_000 {
		bad("batch max rows %d: allowed 1 to 1,000,000 (0: convqa's default)", c.BatchMaxRows)
	}
	if c.Engine.NumConsumers < 0 || (c.Partitions > 0 && c.Engine.NumConsumers > c.Partitions) {
		bad("kafka_num_consumers %d: allowed 1 to the partitions (a consumer without a partition idles)", c.Engine.NumConsumers)
	}
	if c.Engine.MaxBlockSize < 0 {
		bad("kafka_max_block_size %d: must be ≥ 1", c.Engine.MaxBlockSize)
	}
	if c.Timeout < 0 || c.ClickHousePID < 0 {
		bad("timeout and ClickHouse pid must be ≥ 0")
	}
	return errors.Join(errs...)
}
