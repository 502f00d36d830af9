package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/signal"
	"slices"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/convqa/convqa/internal/config"
	"github.com/convqa/convqa/internal/pii"
	"github.com/convqa/convqa/internal/store"
	"github.com/convqa/convqa/internal/synth"
	"github.com/convqa/convqa/internal/transcript"
	"github.com/convqa/convqa/scoring/backtest"
	"github.com/convqa/convqa/scoring/job"
)

// newRulesCmd is `convqa rules`: check, list and backtest compliance rules.
func newRulesCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "Check, list and backtest compliance rules",
		Long: `rules works on compliance rule files (YAML, see scoring/rules/FORMAT.md):
"check" loads them as the scorer would and reports every mistake with
file:line, "list" prints what a rule set holds, and "test" runs changed
rules beside the rules in force over stored conversations and shows what
the change would do before it is merged.

The rules in force are scoring.rules (a directory or file), or the rule pack
built into convqa when it is empty.`,
	}
	cmd.AddCommand(newRulesCheckCmd(a), newRulesListCmd(a), newRulesTestCmd(a))
	return cmd
}

func newRulesCheckCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "check [PATH...]",
		Short: "Load rule files and report every mistake (file:line); exit 1 if any",
		Example: `  convqa rules check ./my-rules
  convqa rules check            # the rules in force`,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := a.loadConfig()
			if err != nil {
				return err
			}
			if len(args) == 0 {
				args = []string{cfg.Scoring.Rules}
			}
			for _, p := range args {
				set, err := loadRuleSet(p, "rules")
				if err != nil {
					return err
				}
				name := p
				if name == "" {
					name = "built-in pack"
				}
				fmt.Fprintf(a.stdout, "%s: %d rules, version %s: ok\n", name, set.Len(), set.Version())
			}
			return nil
		},
	}
}

func newRulesListCmd(a *app) *cobra.Command {
	var path string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the rules of a rule set: id, kind, severity, criterion, where written",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := a.loadConfig()
			if err != nil {
				return err
			}
			if path == "" {
				path = cfg.Scoring.Rules
			}
			set, err := loadRuleSet(path, "--rules")
			if err != nil {
				return err
			}
			if asJSON {
				enc := json.NewEncoder(a.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(set.Rules())
			}
			tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "id\tkind\tseverity\tcriterion\twhere\ttitle")
			for _, r := range set.Rules() {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s:%d\t%s\n", r.ID, r.Kind, r.Severity, r.Criterion, r.File, r.Line, r.Title)
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "%d rules, version %s\n", set.Len(), set.Version())
			return nil
		},
	}
	cmd.Flags().StringVar(&path, "rules", "", "rule directory or file (default: the rules in force)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the rules as JSON")
	return cmd
}

type rulesTestFlags struct {
	rules, against    string
	since, until      string
	tenants           []string
	input, labels     string
	noReviews, asJSON bool
	examples, batch   int
}

func newRulesTestCmd(a *app) *cobra.Command {
	var f rulesTestFlags
	cmd := &cobra.Command{
		Use:   "test --rules NEW",
		Short: "Backtest changed rules against the rules in force over stored conversations",
		Long: `test evaluates the changed rules (--rules, a directory or one file) and the
rules in force (scoring.rules, the built-in pack, or --against) on the same
conversations and prints, per rule that changed: conversations failed before
and after, hits added and removed, verdicts flipped, and example
conversations with the evidence, the matched text shown in its utterance.

Conversations come from ClickHouse (closed ones started in --since/--until,
every tenant or --tenant) or from a contract-v1 JSONL file (--input; its text
is redacted as ingest would). Where humans gave verdicts — the reviews table
(a reviewer agreeing or disagreeing with a rule hit), or a labels file — the
report adds each rule's precision and recall, old → new. A labels file is
JSONL, {"conversation_id", "rule_id", "violation": true|false} a line, or the
truth file of "convqa gen".

Nothing is written: a backtest only reads.`,
		Example: `  convqa rules test --rules ./my-rules --since 7d
  convqa rules test --rules promise.yaml --input sample.jsonl --labels truth.jsonl`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runRulesTest(cmd, a, f)
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&f.rules, "rules", "", "the changed rules: a directory of rule files or one file (required)")
	fs.StringVar(&f.against, "against", "", "the rules to compare with (default: the rules in force, scoring.rules or the built-in pack)")
	fs.StringVar(&f.since, "since", "7d", "conversations started at or after: RFC 3339, a date, or a time ago (7d, 12h)")
	fs.StringVar(&f.until, "until", "", "conversations started before (default: now)")
	fs.StringSliceVar(&f.tenants, "tenant", nil, "tenants to read, comma-separated (default: scoring.tenants, else every tenant)")
	fs.StringVar(&f.input, "input", "", "read conversations from this JSONL file (- for stdin) instead of ClickHouse")
	fs.StringVar(&f.labels, "labels", "", "human verdicts as JSONL (see above)")
	fs.BoolVar(&f.noReviews, "no-reviews", false, "do not read verdicts from the reviews table")
	fs.BoolVar(&f.asJSON, "json", false, "print the report as JSON")
	fs.IntVar(&f.examples, "examples", 3, "example conversations per changed rule")
	fs.IntVar(&f.batch, "batch", 500, "conversations read from ClickHouse at a time")
	return cmd
}

func runRulesTest(cmd *cobra.Command, a *app, f rulesTestFlags) error {
	if f.rules == "" {
		return usageError("--rules is required: the changed rules to test")
	}
	if f.examples < 0 || f.batch < 1 {
		return usageError("--examples must be ≥ 0 and --batch ≥ 1")
	}
	cfg, err := a.loadConfig()
	if err != nil {
		return err
	}
	against := f.against
	if against == "" {
		against = cfg.Scoring.Rules
	}
	old, err := loadRuleSet(against, "rules in force")
	if err != nil {
		return err
	}
	nu, err := loadRuleSet(f.rules, "--rules")
	if err != nil {
		return err
	}
	now := time.Now()
	since, err := parseTimeFlag(f.since, now)
	if err != nil {
		return usageError("--since: %v", err)
	}
	until, err := parseTimeFlag(f.until, now)
	if err != nil {
		return usageError("--until: %v", err)
	}
	labels := backtest.Labels{}
	if f.labels != "" {
		fh, err := os.Open(f.labels)
		if err != nil {
			return usageError("--labels: %v", err)
		}
		labels, err = backtest.ReadLabels(fh, f.labels, synth.AllRules)
		fh.Close()
		if err != nil {
			return usageError("--labels: %v", err)
		}
	}
	ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	var src backtest.Source
	if f.input != "" {
		src, err = fileSource(cmd, f.input)
		if err != nil {
			return err
		}
	} else {
		src, err = storedSource(ctx, a, cfg, f, since, until, labels)
		if err != nil {
			return err
		}
	}
	r, err := backtest.Run(ctx, src, backtest.Options{Old: old, New: nu, Labels: labels, Examples: f.examples})
	if err != nil {
		return err
	}
	if f.asJSON {
		enc := json.NewEncoder(a.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	}
	return r.Print(a.stdout)
}

// fileSource reads conversations from a JSONL file or stdin, redacted as
// ingest would store them.
func fileSource(cmd *cobra.Command, input string) (backtest.Source, error) {
	finder, err := pii.NewFinder()
	if err != nil {
		return nil, err
	}
	lim := transcript.DefaultLimits()
	if input == "-" {
		return backtest.JSONLSource(cmd.InOrStdin(), "stdin", lim, finder), nil
	}
	return func(ctx context.Context, yield func(*transcript.Message) error) error {
		fh, err := os.Open(input)
		if err != nil {
			return usageError("--input: %v", err)
		}
		defer fh.Close()
		return backtest.JSONLSource(fh, input, lim, finder)(ctx, yield)
	}, nil
}

// storedSource reads the tenants' closed conversations from ClickHouse and,
// unless told not to, adds the reviewers' verdicts to labels.
func storedSource(ctx context.Context, a *app, cfg config.Config, f rulesTestFlags, since, until time.Time, labels backtest.Labels) (backtest.Source, error) {
	conn, err := store.Open(ctx, cfg.ClickHouse)
	if err != nil {
		return nil, err
	}
	tenants := f.tenants
	if len(tenants) == 0 {
		tenants = cfg.Scoring.Tenants
	}
	if len(tenants) == 0 {
		if tenants, err = job.Tenants(ctx, conn); err != nil {
			conn.Close()
			return nil, err
		}
	}
	slices.Sort(tenants)
	if !f.noReviews {
		for _, t := range tenants {
			rl, err := backtest.ReviewLabels(ctx, conn, t, since)
			if err != nil {
				conn.Close()
				return nil, err
			}
			for conv, m := range rl {
				for rule, v := range m {
					if labels[conv] == nil {
						labels[conv] = map[string]bool{}
					}
					labels[conv][rule] = v
				}
			}
		}
	}
	return func(ctx context.Context, yield func(*transcript.Message) error) error {
		defer conn.Close()
		for _, t := range tenants {
			if err := job.EachStored(ctx, conn, t, since, until, f.batch, yield); err != nil {
				return err
			}
		}
		return nil
	}, nil
}
