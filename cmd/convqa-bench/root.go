package main

import "github.com/spf13/cobra"

func newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "convqa-bench",
		Short: "Benchmark convqa against its peers on the local stack",
		Long: `convqa-bench runs convqa's pipelines and the tools a user would pick
instead on the real ClickHouse and Kafka of the local stack (make stack-up;
eval "$(stack/stack.sh env)"), on the same generated data, and prints
throughput and CPU cost side by side.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.AddCommand(newIngestCmd(), newScoringCmd())
	return root
}
