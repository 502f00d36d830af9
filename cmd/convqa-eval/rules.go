package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/convqa/convqa/scoring/rules"
	"github.com/convqa/convqa/scoring/rules/eval"
	"github.com/convqa/convqa/scoring/rules/pack"
)

type rulesFlags struct {
	genFlags
	rules    string
	examples int
}

// newRulesCmd is `convqa-eval rules`: the compliance rule pack against the
// generator's truth, on raw and on redacted text.
func newRulesCmd() *cobra.Command {
	var fl rulesFlags
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "Score the compliance rules against generated truth: precision and recall per rule, tempting cases flagged",
		Long: `rules generates conversations in process (seeded, so runs are comparable),
judges each with the rule pack twice, on the generator's text and on the text
as ingest stores it (card, ID, phone and e-mail numbers replaced by [CARD],
[ID], [PHONE] and [EMAIL], as ingest's default redaction does), and compares
the verdicts with the truth per conversation: a rule that failed where the
truth names it is a true positive. "seq" is the share of true positives whose
evidence lies on an utterance the truth names.

It then lists the generator's tempting non-violations (a promise negated, a
card read back masked, a hold announced, ...) with the rules that took them
for breaches, and how often each rule the generator does not inject fired.`,
		Example: `  convqa-eval rules --conversations 20000 --seed 7 --min 0.95
  convqa-eval rules --conversations 2000 --examples 3
  convqa-eval rules --rules ./my-rules --languages zh-Hant=1`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runRules(cmd, fl)
		},
	}
	fs := cmd.Flags()
	fl.bind(fs, "fail when a generated rule's precision or recall is below this (0–1) on either pass, or any tempting case is flagged; 0: never fail")
	fs.StringVar(&fl.rules, "rules", "", "rule files or a directory of them (default: the built-in pack, scoring/rules/pack; a directory's scorecard.yaml is skipped)")
	fs.IntVar(&fl.examples, "examples", 0, "misses and false alarms to show per rule, and flagged cases per tempting kind (0: none)")
	return cmd
}

func runRules(cmd *cobra.Command, fl rulesFlags) error {
	langs, err := fl.check()
	if err != nil {
		return err
	}
	if fl.examples < 0 {
		return fmt.Errorf("--examples must be ≥ 0, got %d", fl.examples)
	}
	cfg := eval.Config{Conversations: fl.conversations, Seed: fl.seed, Examples: fl.examples, Languages: langs}
	set, err := loadRules(fl.rules)
	if err != nil {
		return err
	}
	r, err := eval.Evaluate(cmd.Context(), set, cfg)
	if err != nil {
		return err
	}
	if err := r.Write(cmd.OutOrStdout()); err != nil {
		return err
	}
	if fl.min > 0 {
		if below := r.Below(fl.min); len(below) > 0 {
			return fmt.Errorf("below %v or tempted: %s", fl.min, strings.Join(below, "; "))
		}
	}
	return nil
}

// loadRules loads the built-in pack, or the files given (comma-separated;
// a directory stands for its rule files, its scorecard left out).
func loadRules(spec string) (*rules.Set, error) {
	var paths []string
	if spec != "" {
		for p := range strings.SplitSeq(spec, ",") {
			paths = append(paths, strings.TrimSpace(p))
		}
	}
	set, err := pack.Load(paths...)
	if err != nil {
		return nil, fmt.Errorf("--rules: %w", err)
	}
	return set, nil
}
