package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/convqa/convqa/internal/config"
	"github.com/convqa/convqa/scoring/sentiment"
)

type sentimentFlags struct {
	neutralBand float64
}

// newSentimentCmd is `convqa sentiment`: score stdin line by line with the
// code the scoring job uses, and `convqa sentiment train`.
func newSentimentCmd(a *app) *cobra.Command {
	var fl sentimentFlags
	cmd := &cobra.Command{
		Use:   "sentiment",
		Short: "Score sentiment and emotion of text lines or JSONL on stdin",
		Long: `sentiment reads stdin line by line and prints one JSON object per line:
score in [-1, 1], label (negative, neutral, positive), emotion values
(anger, anxiety, frustration, satisfaction) and the evidence, with byte
offsets into the original text.

A line may be plain text, a JSON object {"text": "...", "id": ...}, or a
contract-v1 message (convqa.transcript.v1), which gets the conversation's
analysis: per-utterance results, per-speaker aggregates, the customer's
trajectory and lowest point, emotion peaks, repeated agent requests and the
escalation flag. A line that cannot be read gets {"error": "..."} and the
command goes on; it exits non-zero at the end if any line failed.

The shipped model is rules over lexicons written for convqa plus VADER's
English lexicon. --model loads a model made by "convqa sentiment train".`,
		Example: `  echo '菜不错，但是送得太慢了' | convqa sentiment
  convqa gen --conversations 5 | convqa sentiment --anger-threshold 0.7
  convqa sentiment --model model.json < reviews.txt`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runSentiment(cmd, a, fl)
		},
	}
	fs := cmd.Flags()
	a.bindConfigFlags(fs, []configFlag{
		{"model", "sentiment.model", `trained model file (JSON) from "convqa sentiment train" (config sentiment.model, default the shipped rules)`},
		{"anger-threshold", "sentiment.anger_threshold", "customer anger (0–1] that flags an escalation (config sentiment.anger_threshold, default 0.8)"},
		{"anxiety-threshold", "sentiment.anxiety_threshold", "customer anxiety (0–1] that flags an escalation (config sentiment.anxiety_threshold, default 0.8)"},
		{"human-requests", "sentiment.human_requests", "requests for a human that flag an escalation, 0 or -1 for never (config sentiment.human_requests, default 2)"},
	})
	fs.Float64Var(&fl.neutralBand, "neutral-band", sentiment.DefaultNeutralBand, "rule scores within ± this are neutral, [0, 1)")
	cmd.AddCommand(newSentimentTrainCmd(a))
	return cmd
}

func runSentiment(cmd *cobra.Command, a *app, fl sentimentFlags) error {
	cfg, err := a.loadConfig()
	if err != nil {
		return err
	}
	s, opts, err := sentimentFromConfig(cfg.Sentiment, fl.neutralBand)
	if err != nil {
		return err
	}
	in := bufio.NewReaderSize(cmd.InOrStdin(), 1<<16)
	out := bufio.NewWriterSize(cmd.OutOrStdout(), 1<<16)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	failed, n := 0, 0
	for {
		if err := cmd.Context().Err(); err != nil {
			return err
		}
		line, rerr := in.ReadBytes('\n')
		if len(line) > 0 {
			n++
			res, err := s.ScoreLine(line, opts)
			if err != nil {
				failed++
				err = enc.Encode(lineError{Line: n, Error: err.Error()})
			} else {
				err = enc.Encode(res)
			}
			if err != nil {
				return fmt.Errorf("write result of line %d: %w", n, err)
			}
		}
		if rerr != nil {
			break
		}
	}
	if err := out.Flush(); err != nil {
		return fmt.Errorf("write results: %w", err)
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d lines could not be scored (see their \"error\")", failed, n)
	}
	return nil
}

// lineError is the output for a line that could not be scored.
type lineError struct {
	Line  int    `json:"line"`
	Error string `json:"error"`
}

func loadModelFile(path string) (*sentiment.Model, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, usageError("--model: %v", err)
	}
	defer f.Close()
	m, err := sentiment.LoadModel(f)
	if err != nil {
		return nil, usageError("--model %s: %v", path, err)
	}
	return m, nil
}

type trainFlags struct {
	data, out string
	seed      uint64
	epochs    int
	balance   bool
	preset    string
}

func newSentimentTrainCmd(_ *app) *cobra.Command {
	var fl trainFlags
	cmd := &cobra.Command{
		Use:   "train",
		Short: "Train a sentiment model from labelled CSV (your own QA reviews)",
		Long: `train learns a logistic regression over character n-grams, word n-grams and
the shipped rules' outputs from a CSV with a header naming a label column
(negative/neutral/positive, -1/0/1, or 0/1 for binary sheets) and a text
column (text, review, content or utterance), and writes the model as JSON.
The same data, flags and seed give the same file, byte for byte.

--preset says where the labels come from:
  in-domain  labels from the traffic the model will score (your own QA
             reviews of your own chats): n-grams on top of the rule signals;
             best where it learned (make eval-sentiment: 5-fold rows).
  calibrate  labels from other traffic (public reviews, another product
             line): only the rule signals' weights are learned, which
             carries to other text (make eval-sentiment: cross-set rows).

Train only on data you have the rights to: the model is derived from it.`,
		Example: `  convqa sentiment train --data labels.csv --out model.json
  convqa sentiment --model model.json < texts.txt`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runSentimentTrain(cmd, fl)
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&fl.data, "data", "", "labelled CSV (required)")
	fs.StringVar(&fl.out, "out", "", "model file to write (required)")
	fs.Uint64Var(&fl.seed, "seed", 1, "order of training: same seed, same model")
	fs.IntVar(&fl.epochs, "epochs", 10, "passes over the data")
	fs.BoolVar(&fl.balance, "balance", false, "weigh classes inversely to their frequency (default: the preset's choice)")
	fs.StringVar(&fl.preset, "preset", "in-domain", "in-domain (labels from the traffic you score) or calibrate (labels from other traffic)")
	return cmd
}

func runSentimentTrain(cmd *cobra.Command, fl trainFlags) error {
	if fl.data == "" || fl.out == "" {
		return usageError("--data and --out are required")
	}
	if fl.epochs <= 0 {
		return usageError("--epochs must be > 0, got %d", fl.epochs)
	}
	f, err := os.Open(fl.data)
	if err != nil {
		return usageError("--data: %v", err)
	}
	defer f.Close()
	exs, err := sentiment.ReadExamples(f, fl.data)
	if err != nil {
		return usageError("%v", err)
	}
	rules, err := sentiment.New(sentiment.Options{})
	if err != nil {
		return err
	}
	var cands []sentiment.TrainOptions
	switch fl.preset {
	case "in-domain":
		cands = sentiment.InDomainCandidates()
	case "calibrate":
		cands = []sentiment.TrainOptions{sentiment.CalibrateOptions()}
	default:
		return usageError("--preset %q: allowed in-domain or calibrate", fl.preset)
	}
	if cmd.Flags().Changed("balance") {
		// The user decided the class weighting: nothing left to choose.
		cands = cands[:1]
		cands[0].Balance = fl.balance
	}
	for i := range cands {
		cands[i].Epochs = fl.epochs
	}
	m, sel, err := sentiment.TrainSelect(cmd.Context(), rules, exs, cands, sentiment.InDomainHeldOut, fl.seed)
	if err != nil {
		return usageError("%v", err)
	}
	m.Trained.Source = fl.data
	o, err := os.Create(fl.out)
	if err != nil {
		return fmt.Errorf("create model file: %w", err)
	}
	w := bufio.NewWriter(o)
	if err := m.Save(w); err != nil {
		o.Close()
		return fmt.Errorf("write model: %w", err)
	}
	if err := w.Flush(); err != nil {
		o.Close()
		return fmt.Errorf("write model: %w", err)
	}
	if err := o.Close(); err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	if len(cands) > 1 {
		fmt.Fprintf(cmd.OutOrStdout(), "chose candidate %d of %d (held-out accuracy %v on %d examples)\n", sel.Chosen+1, len(cands), sel.Accuracy, sel.HeldOut)
	}
	fmt.Fprintf(cmd.OutOrStdout(), "trained %s on %d examples %v: %d features → %s\n", m.Version(), m.Trained.Examples, m.Trained.PerClass, len(m.Weights), fl.out)
	return nil
}

// sentimentFromConfig builds the sentiment scorer and the conversation
// options that the sentiment.* keys describe, for every command that
// scores: the shipped lexicons plus sentiment.model, and the escalation
// thresholds. Config's human_requests 0 means off, as the package's -1.
func sentimentFromConfig(c config.Sentiment, band float64) (*sentiment.Scorer, sentiment.ConversationOptions, error) {
	human := c.HumanRequests
	if human <= 0 {
		human = -1
	}
	opts := sentiment.ConversationOptions{AngerThreshold: c.AngerThreshold, AnxietyThreshold: c.AnxietyThreshold, HumanRequests: human}
	if err := opts.Validate(); err != nil {
		return nil, opts, usageError("%v", err)
	}
	so := sentiment.Options{NeutralBand: band}
	if c.Model != "" {
		m, err := loadModelFile(c.Model)
		if err != nil {
			return nil, opts, fmt.Errorf("sentiment.model: %w", err)
		}
		so.Model = m
	}
	s, err := sentiment.New(so)
	if err != nil {
		return nil, opts, usageError("%v", err)
	}
	return s, opts, nil
}
