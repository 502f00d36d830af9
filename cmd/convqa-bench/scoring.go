package main

import (
	"fmt"
	"log/slog"
	"os"

	"github.com/spf13/cobra"

	"github.com/convqa/convqa/scoring/scorebench"
)

func newScoringCmd() *cobra.Command {
	var (
		cfg     scorebench.Config
		brokers string
		asJSON  bool
		profile string
	)
	cmd := &cobra.Command{
		Use:   "scoring",
		Short: "The full scorer: MB/s and conversations/s per core, share per stage, peak RSS; and scoring vs ingest on the stack",
		Long: `scoring generates closed conversations and measures the full scorer
(sentiment and emotion, the built-in compliance rules, the QA scorecard):
each stage on one goroutine by CPU time (MB/s and conversations/s per core,
and its share of the time), then every core at once.

With ClickHouse and Kafka (the local stack), the peer: the same
conversations go through the real ingest path into a fresh database and
the real scoring job grades them; the ratio of their conversations/s says
whether scoring keeps up with ingest on this machine.`,
		Example: `  eval "$(stack/stack.sh env)"
  convqa-bench scoring --conversations 20000`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg.KafkaBrokers = splitList(brokers)
			cfg.Log = slog.New(slog.NewTextHandler(cmd.ErrOrStderr(), nil))
			if profile != "" {
				f, err := os.Create(profile)
				if err != nil {
					return fmt.Errorf("--job-cpuprofile: %w", err)
				}
				defer f.Close()
				cfg.JobProfile = f
			}
			rep, err := scorebench.Run(cmd.Context(), cfg)
			if rep != nil {
				if asJSON {
					b, jerr := rep.JSON()
					if jerr != nil {
						return jerr
					}
					fmt.Fprintln(cmd.OutOrStdout(), string(b))
				} else if werr := rep.Write(cmd.OutOrStdout()); werr != nil && err == nil {
					err = werr
				}
			}
			return err
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&cfg.ClickHouseAddr, "clickhouse-addr", os.Getenv("CONVQA_CLICKHOUSE_ADDR"), "ClickHouse native host:port; empty with --kafka-brokers empty skips the end-to-end part (default $CONVQA_CLICKHOUSE_ADDR)")
	fs.StringVar(&brokers, "kafka-brokers", os.Getenv("CONVQA_KAFKA_BROKERS"), "Kafka brokers, comma-separated (default $CONVQA_KAFKA_BROKERS)")
	fs.IntVar(&cfg.Conversations, "conversations", 20000, "conversations to generate")
	fs.Uint64Var(&cfg.Seed, "seed", 1, "generator seed")
	fs.IntVar(&cfg.BatchSize, "batch", 0, "the scoring job's batch size (default: the job's, scoring.batch_size)")
	fs.BoolVar(&asJSON, "json", false, "print the report as JSON")
	fs.StringVar(&profile, "job-cpuprofile", "", "write a CPU profile of the scoring job's run to this file (go tool pprof)")
	return cmd
}
