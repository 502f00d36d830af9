package main

import "github.com/spf13/cobra"

func newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "convqa-eval",
		Short: "Evaluate convqa's detectors against text with known truth",
		Long: `convqa-eval scores convqa's detectors against synthetic conversations from
the generator (with a fixed seed, so runs are comparable) and against
hand-written hard cases, and prints precision and recall.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.AddCommand(newRedactionCmd(), newSentimentCmd(), newRulesCmd())
	return root
}
