package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/convqa/convqa/scoring/sentiment"
	"github.com/convqa/convqa/scoring/sentiment/eval"
)

type sentimentFlags struct {
	data          string
	folds         int
	seed          uint64
	python        string
	script        string
	conversations int
	threshold     float64
}

// newSentimentCmd is `convqa-eval sentiment`: the labelled-data evaluation
// with peers, then emotion and escalation against generated truth.
func newSentimentCmd() *cobra.Command {
	var fl sentimentFlags
	cmd := &cobra.Command{
		Use:   "sentiment",
		Short: "Score sentiment on the shared labelled sets against SnowNLP and VADER, and emotion against generated truth",
		Long: `sentiment reads the labelled sets from the shared data folder (never copied
into the repository) and prints accuracy and macro-F1 per set for the shipped
model (rules and lexicons), a model trained in memory (5-fold within a set,
cross-set between waimai and ChnSentiCorp, zh-Hans folds tested on their
zh-Hant versions), and the peers on the same texts: SnowNLP on the Chinese
sets, VADER on the English tweets. Nothing trained is written to disk.

Then it generates conversations and compares emotion values (per customer
turn, thresholded) and the escalation flag (per conversation) with the
generator's truth.

Peers need a Python with them installed: scoring/sentiment/peers/setup.sh
makes one and prints its path; without --python the peer column is empty.`,
		Example: `  convqa-eval sentiment --python "$(scoring/sentiment/peers/setup.sh)"
  convqa-eval sentiment --data ../shared/data --folds 5 --seed 7`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runSentiment(cmd, fl)
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&fl.data, "data", defaultDataDir(), "shared data folder holding sentiment/zh and sentiment/en (env CONVQA_SHARED_DATA)")
	fs.IntVar(&fl.folds, "folds", 5, "k of the k-fold runs")
	fs.Uint64Var(&fl.seed, "seed", 7, "seed of the folds, the trainer and the generated conversations")
	fs.StringVar(&fl.python, "python", "", "python of the peers' venv (from peers/setup.sh); empty: no peers")
	fs.StringVar(&fl.script, "peer-script", "scoring/sentiment/peers/peer.py", "the peer runner script")
	fs.IntVar(&fl.conversations, "conversations", 5000, "generated conversations for the emotion evaluation (0: skip it)")
	fs.Float64Var(&fl.threshold, "threshold", 0.5, "emotion value at which an utterance counts as showing it")
	cmd.AddCommand(newSentimentBenchCmd())
	return cmd
}

func defaultDataDir() string {
	if d := os.Getenv("CONVQA_SHARED_DATA"); d != "" {
		return d
	}
	return "../shared/data"
}

func (fl sentimentFlags) peer() *eval.Peer {
	if fl.python == "" {
		return nil
	}
	return &eval.Peer{Python: fl.python, Script: fl.script}
}

func runSentiment(cmd *cobra.Command, fl sentimentFlags) error {
	if fl.folds < 2 {
		return fmt.Errorf("--folds must be ≥ 2, got %d", fl.folds)
	}
	if fl.threshold <= 0 || fl.threshold > 1 {
		return fmt.Errorf("--threshold must be in (0, 1], got %v", fl.threshold)
	}
	rules, err := sentiment.New(sentiment.Options{})
	if err != nil {
		return err
	}
	out := cmd.OutOrStdout()
	fmt.Fprintf(out, "shipped model: %s\n", rules.Version())
	cfg := eval.Config{
		DataDir: fl.data, Folds: fl.folds, Seed: fl.seed, Peer: fl.peer(), Log: cmd.ErrOrStderr(),
	}
	r, err := eval.Evaluate(cmd.Context(), cfg, rules)
	if errors.Is(err, eval.ErrNoData) {
		return fmt.Errorf("%w (set --data or CONVQA_SHARED_DATA)", err)
	}
	if err != nil {
		return err
	}
	if err := r.Write(out); err != nil {
		return err
	}
	if fl.conversations > 0 {
		er, err := eval.EvaluateEmotion(cmd.Context(), rules, eval.EmotionConfig{Conversations: fl.conversations, Seed: fl.seed, Threshold: fl.threshold})
		if err != nil {
			return err
		}
		return er.Write(out)
	}
	return nil
}
