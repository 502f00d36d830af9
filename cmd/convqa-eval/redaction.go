package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/convqa/convqa/internal/pii"
	"github.com/convqa/convqa/internal/pii/eval"
)

type redactionFlags struct {
	genFlags
	hardCases string
	examples  int
}

func newRedactionCmd() *cobra.Command {
	var fl redactionFlags
	cmd := &cobra.Command{
		Use:   "redaction",
		Short: "Score PII redaction: precision and recall per type, look-alikes wrongly redacted",
		Long: `redaction generates conversations in process (all languages, full-width
digits and code-switched Chinese included) whose PII and PII look-alikes are
known, runs the redaction finder over every utterance, and compares what it
finds with the truth span by span: a prediction is a true positive when it
overlaps a truth span of the same type; "exact span" counts truth spans found
with exactly their bounds. It then does the same over the hand-written hard
cases, and lists the ones the finder gets wrong.

Taiwan IDs (tw_id in the truth) are scored as id_number, beside mainland
ones (cn_id). Addresses and person names are in the truth but not redacted:
they are reported as out of scope, with their counts.`,
		Example: `  convqa-eval redaction --conversations 20000 --seed 7
  convqa-eval redaction --conversations 2000 --languages zh-Hant=1 --examples 20`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runRedaction(cmd, fl)
		},
	}
	fs := cmd.Flags()
	fl.bind(fs, "fail when a type's precision or recall on generated text is below this (0–1), or a hard case other than a known limitation fails; 0: never fail")
	fs.StringVar(&fl.hardCases, "hard-cases", "", "hard cases TSV file (default: the built-in internal/pii/eval/testdata/hard_cases.tsv)")
	fs.IntVar(&fl.examples, "examples", 5, "errors to show per type (0: none)")
	return cmd
}

func runRedaction(cmd *cobra.Command, fl redactionFlags) error {
	langs, err := fl.check()
	if err != nil {
		return err
	}
	opts := eval.GenOptions{Conversations: fl.conversations, Seed: fl.seed, Languages: langs}
	cases, err := loadHardCases(fl.hardCases)
	if err != nil {
		return err
	}
	f, err := pii.NewFinder()
	if err != nil {
		return err
	}
	gen, err := eval.EvaluateGenerated(cmd.Context(), f, opts, fl.examples)
	if err != nil {
		return err
	}
	out := cmd.OutOrStdout()
	title := fmt.Sprintf("generated text (%d conversations, seed %d)", fl.conversations, fl.seed)
	if err := gen.Write(out, title); err != nil {
		return err
	}
	known := 0
	for _, hc := range cases {
		if hc.Limitation() {
			known++
		}
	}
	title = fmt.Sprintf("hard cases (%d known limitations included)", known)
	if err := eval.EvaluateHardCases(f, cases, 0).Write(out, title); err != nil {
		return err
	}
	failed, err := eval.WriteHardCaseChecks(out, f, cases)
	if err != nil {
		return err
	}
	if fl.min > 0 {
		if below := gen.Below(fl.min); len(below) > 0 {
			return fmt.Errorf("below %v on generated text: %s", fl.min, strings.Join(below, ", "))
		}
		if failed > 0 {
			return fmt.Errorf("%d hard cases fail (known limitations apart)", failed)
		}
	}
	return nil
}

func loadHardCases(path string) ([]eval.HardCase, error) {
	if path == "" {
		return eval.HardCases()
	}
	fh, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open hard cases: %w", err)
	}
	defer fh.Close()
	return eval.ParseHardCases(fh, path)
}
