package main

import (
	"fmt"
	"log/slog"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/convqa/convqa/ingest/ingestbench"
)

func newIngestCmd() *cobra.Command {
	var (
		cfg     ingestbench.Config
		brokers string
		verbose bool
	)
	cmd := &cobra.Command{
		Use:   "ingest",
		Short: "convqa ingest vs ClickHouse's Kafka engine: rows/s, MB/s, CPU per row",
		Long: `ingest generates utterances, produces them to fresh topics (one flat
utterance per message, and the same utterances as whole conversations)
before any consumer starts, then drains the backlog with:

  1. convqa ingest (bin/convqa as a subprocess: validates, redacts PII,
     deduplicates), its own consumer group, a freshly migrated database;
  2. ClickHouse's own Kafka table engine with a materialized view into the
     same utterances table, its own consumer group and database;
  3. convqa ingest on the whole-conversation topic.

Each is timed from its start until ClickHouse holds every row; CPU comes
from /proc (convqa's process; the ClickHouse server, less its idle rate).
The table shows medians over --runs. Topics, databases and groups are
removed afterwards unless --keep.`,
		Example: `  eval "$(stack/stack.sh env)"; make build
  convqa-bench ingest
  convqa-bench ingest --rows 100000 --runs 3 --engine-consumers 2`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg.KafkaBrokers = splitList(brokers)
			level := slog.LevelInfo
			if verbose {
				level = slog.LevelDebug
			}
			cfg.Logger = slog.New(slog.NewTextHandler(cmd.ErrOrStderr(), &slog.HandlerOptions{Level: level}))
			rep, err := ingestbench.Run(cmd.Context(), cfg)
			if rep != nil && len(rep.Results) > 0 {
				fmt.Fprintln(cmd.OutOrStdout())
				if werr := rep.Write(cmd.OutOrStdout()); werr != nil && err == nil {
					err = werr
				}
			}
			return err
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&cfg.ClickHouseAddr, "clickhouse-addr", os.Getenv("CONVQA_CLICKHOUSE_ADDR"), "ClickHouse native host:port on this machine (default $CONVQA_CLICKHOUSE_ADDR)")
	fs.StringVar(&brokers, "kafka-brokers", os.Getenv("CONVQA_KAFKA_BROKERS"), "Kafka brokers, comma-separated (default $CONVQA_KAFKA_BROKERS)")
	fs.StringVar(&cfg.ConvqaBin, "convqa-bin", "bin/convqa", "the convqa binary to run as convqa ingest")
	fs.IntVar(&cfg.Rows, "rows", ingestbench.DefaultRows, "utterance rows each consumer stores")
	fs.IntVar(&cfg.Partitions, "partitions", ingestbench.DefaultPartitions, "partitions of each benchmark topic")
	fs.IntVar(&cfg.Runs, "runs", 1, "runs of each consumer; the table shows medians")
	fs.Uint64Var(&cfg.Seed, "seed", 1, "generator seed: the same seed gives the same messages")
	fs.BoolVar(&cfg.Conversations, "conversations", true, "also measure convqa on whole-conversation messages")
	fs.IntVar(&cfg.BatchMaxRows, "batch-max-rows", 0, "convqa's ingest.batch_max_rows (0: convqa's default)")
	fs.IntVar(&cfg.Engine.NumConsumers, "engine-consumers", 0, "kafka_num_consumers of the Kafka engine table (0: the partitions, at most the CPUs)")
	fs.IntVar(&cfg.Engine.MaxBlockSize, "engine-block-size", ingestbench.DefaultMaxBlockSize, "kafka_max_block_size of the Kafka engine table")
	fs.IntVar(&cfg.ClickHousePID, "clickhouse-pid", 0, "the ClickHouse server's pid (0: the process listening on --clickhouse-addr)")
	fs.DurationVar(&cfg.Timeout, "timeout", ingestbench.DefaultTimeout, "longest wait for one consumer to store every row")
	fs.BoolVar(&cfg.Keep, "keep", false, "keep the topics, databases and consumer groups")
	fs.StringVar(&cfg.LogDir, "log-dir", "", "directory for convqa's logs (default: the system's temp dir)")
	fs.BoolVar(&verbose, "verbose", false, "debug logs")
	return cmd
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
