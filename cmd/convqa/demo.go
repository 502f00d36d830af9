package main

import (
	"github.com/spf13/cobra"

	"github.com/convqa/convqa/internal/demo"
)

func newDemoCmd(a *app) *cobra.Command {
	var days int
	var seed uint64
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Run the pipeline end to end on embedded defaults and show what it found",
		Long: `demo starts an in-process Kafka broker, generates days of realistic zh-Hans,
zh-Hant and English customer-service traffic with a shelf-life spike on one
dairy SKU, sends it through the real ingest path into ClickHouse (database
clickhouse.database, which the demo DROPS and recreates: point it at a
database of its own, by default convqa_demo), and prints what arrived.

"make demo" runs it against the local stack's ClickHouse.`,
		Example: `  convqa demo --clickhouse-addr 127.0.0.1:19000 --clickhouse-database convqa_demo`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := a.loadConfig()
			if err != nil {
				return err
			}
			if !cmd.Flags().Changed("clickhouse-database") && lookupEnv(a.env, "CONVQA_CLICKHOUSE_DATABASE") == "" {
				// Never the production database by accident.
				cfg.ClickHouse.Database = "convqa_demo"
			}
			return demo.Run(cmd.Context(), demo.Options{ClickHouse: cfg.ClickHouse, Days: days, Seed: seed,
				Out: a.stdout, Log: a.logger(cfg)})
		},
	}
	cmd.Flags().IntVar(&days, "days", 3, "days of traffic to generate from 2025-06-12; the shelf-life spike is on the third")
	cmd.Flags().Uint64Var(&seed, "seed", 1, "generator seed: the same seed gives the same traffic")
	return cmd
}
