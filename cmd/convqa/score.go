package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/spf13/cobra"

	"github.com/convqa/convqa/internal/config"
	"github.com/convqa/convqa/internal/store"
	"github.com/convqa/convqa/internal/transcript"
	"github.com/convqa/convqa/scoring/job"
	"github.com/convqa/convqa/scoring/qa"
	"github.com/convqa/convqa/scoring/rules"
	"github.com/convqa/convqa/scoring/rules/pack"
	"github.com/convqa/convqa/scoring/scorecard"
	"github.com/convqa/convqa/scoring/sentiment"
)

type scoreFlags struct {
	backfill      bool
	since, until  string
	input, output string
}

// newScoreCmd is `convqa score`: one run of the scoring job, or a JSONL
// file scored without Kafka or ClickHouse.
func newScoreCmd(a *app) *cobra.Command {
	var f scoreFlags
	cmd := &cobra.Command{
		Use:   "score",
		Short: "Score closed conversations into scores and rule_hits (or a JSONL file with --input)",
		Long: `score runs the scoring job once: for every tenant (or scoring.tenants), it
scores each closed conversation that the current scorer version has not
scored yet — sentiment and emotion, the compliance rules, the QA
scorecard — and writes one scores row and its rule_hits rows. The scorer
version names the rules, scorecard, lexicons and model; a new version
re-scores history beside the old rows, which stay for audit.

Running it again is safe: scored conversations are skipped, and rows that
are written again collapse in reads (FINAL / argMax). Interrupt it (Ctrl-C)
at any time: what was scored is written, and the next run resumes where
this one stopped. Conversations never scored go first, at full speed;
re-scoring history is capped at scoring.rescore_rate (--rate)
conversations per second. --backfill applies the cap to every conversation
of the run, for history that was imported and never scored. Progress
(done/total, rate, ETA) is logged every few seconds.

--since and --until bound the conversations' start: RFC 3339
(2024-05-01T00:00:00Z), a date (2024-05-01, UTC), or a time ago (7d, 36h,
90m, 2w, 1d12h).

With --input, score reads contract-v1 conversation messages (JSONL, one
per line; "-" for stdin) and writes one result per line as JSON to
--output, using neither Kafka nor ClickHouse. Text is PII-redacted first,
as ingest does. Lines that cannot be scored are reported and counted, and
the command exits non-zero at the end.`,
		Example: `  convqa score                                   # one run over every tenant
  convqa score --backfill --since 30d --rate 200  # last 30 days, capped at 200/s
  convqa score --since 2024-05-01 --until 2024-06-01 --tenant acme
  convqa gen --conversations 20 | convqa score --input - --output scored.jsonl`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runScore(cmd, a, f)
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&f.backfill, "backfill", false, "apply the --rate cap to every conversation of the run, not only to re-scoring (for imported history)")
	fl.StringVar(&f.since, "since", "", "score conversations started at or after this: RFC 3339, a date (UTC), or a time ago like 7d, 36h (default: the beginning)")
	fl.StringVar(&f.until, "until", "", "score conversations started before this: RFC 3339, a date (UTC), or a time ago like 1d (default: no end)")
	fl.StringVar(&f.input, "input", "", `score this JSONL file of conversation messages instead of ClickHouse ("-": stdin)`)
	fl.StringVar(&f.output, "output", "-", `with --input: where the results go, one JSON object per line ("-": stdout)`)
	a.bindConfigFlags(fl, []configFlag{
		{"batch", "scoring.batch_size", "conversations read, scored and written together, 1–5000 (config scoring.batch_size, default 2000)"},
		{"rate", "scoring.rescore_rate", "cap on re-scoring in conversations per second, 0 for none (config scoring.rescore_rate, default 100)"},
		{"tenant", "scoring.tenants", "score only these tenants, comma-separated (config scoring.tenants, default every tenant)"},
		{"rules", "scoring.rules", "directory of rule files (YAML) (config scoring.rules, default the built-in pack)"},
		{"scorecard", "scoring.scorecard", "scorecard file (YAML) (config scoring.scorecard, default the built-in one)"},
		{"model", "sentiment.model", `sentiment model from "convqa sentiment train" (config sentiment.model, default the shipped rules)`},
		{"http-addr", "scoring.http_addr", `serve /metrics while the run lasts; "" for none (config scoring.http_addr, default "")`},
	})
	return cmd
}

func runScore(cmd *cobra.Command, a *app, f scoreFlags) error {
	now := time.Now()
	since, err := parseTimeFlag(f.since, now)
	if err != nil {
		return usageError("--since: %v", err)
	}
	until, err := parseTimeFlag(f.until, now)
	if err != nil {
		return usageError("--until: %v", err)
	}
	if !since.IsZero() && !until.IsZero() && !since.Before(until) {
		return usageError("--since %s is not before --until %s", since.Format(time.RFC3339), until.Format(time.RFC3339))
	}
	if f.input == "" && cmd.Flags().Changed("output") {
		return usageError("--output goes with --input")
	}
	if f.input != "" && (f.backfill || f.since != "" || f.until != "") {
		return usageError("--input scores a file; --backfill, --since and --until select conversations in ClickHouse")
	}
	cfg, err := a.loadConfig()
	if err != nil {
		return err
	}
	log := a.logger(cfg)
	scorer, err := newScorer(cfg)
	if err != nil {
		return err
	}
	log.Info("scorer", "version", scorer.Version())
	if f.input != "" {
		return scoreFile(cmd, a, cfg, scorer, f, log)
	}

	reg := newRegistry()
	opt := jobOptions(cfg, log, reg)
	opt.Since, opt.Until, opt.Backfill = since, until, f.backfill
	j, err := job.New(scorer, opt)
	if err != nil {
		return usageError("%v", err)
	}
	stop, err := serveHTTP(cfg.Scoring.HTTPAddr, metricsHandler(reg), log)
	if err != nil {
		return err
	}
	defer stop()
	ctx := cmd.Context()
	conn, err := store.Open(ctx, cfg.ClickHouse)
	if err != nil {
		return err
	}
	defer func() { _ = conn.Close() }()
	st, err := j.Run(ctx, conn)
	fmt.Fprintf(a.stdout, "scorer %s: scored %d of %d conversation(s) (%d re-scored) in %d tenant(s), %d rule hit(s); %d failed, %d unscorable; %s\n",
		j.Version(), st.Scored, st.Total, st.Rescored, st.Tenants, st.Hits, st.Failed, st.Unscorable, st.Elapsed.Round(time.Millisecond))
	return err
}

// jobOptions are the scoring job's options from the configuration.
func jobOptions(cfg config.Config, log *slog.Logger, reg prometheus.Registerer) job.Options {
	s := cfg.Scoring
	return job.Options{
		BatchSize:       s.BatchSize,
		Rate:            s.RescoreRate,
		Tenants:         s.Tenants,
		RetryMax:        s.RetryMaxBackoff,
		RetryTimeout:    s.RetryTimeout,
		ShutdownTimeout: s.ShutdownTimeout,
		Logger:          log,
		Registerer:      reg,
	}
}

// scoreFile is `convqa score --input`: qa.ScoreJSONL, the same scorer.
func scoreFile(cmd *cobra.Command, a *app, cfg config.Config, s qa.Scorer, f scoreFlags, log *slog.Logger) (err error) {
	var in io.Reader = cmd.InOrStdin()
	if f.input != "-" {
		file, err := os.Open(f.input)
		if err != nil {
			return fmt.Errorf("--input: %w", err)
		}
		defer file.Close()
		in = file
	}
	var out io.Writer = cmd.OutOrStdout()
	if f.output != "-" {
		file, err := os.Create(f.output)
		if err != nil {
			return fmt.Errorf("--output: %w", err)
		}
		defer func() {
			if cerr := file.Close(); cerr != nil && err == nil {
				err = fmt.Errorf("--output: %w", cerr)
			}
		}()
		out = file
	}
	bw := bufio.NewWriterSize(out, 1<<16)
	st, err := qa.ScoreJSONL(cmd.Context(), in, bw, s, transcript.Limits{MaxMessageBytes: cfg.Ingest.MaxMessageBytes})
	if ferr := bw.Flush(); err == nil && ferr != nil {
		err = fmt.Errorf("write results: %w", ferr)
	}
	for _, e := range st.Errors {
		log.Warn("line not scored", "line", e.Line, "conversation_id", e.ConversationID, "class", e.Class, "err", e.Err)
	}
	log.Info("scored file", "input", f.input, "lines", st.Lines, "scored", st.Scored, "failed", st.Failed, "utterances", st.Utterances)
	if err != nil {
		return err
	}
	if st.Failed > 0 {
		return fmt.Errorf("%d of %d lines could not be scored (see the log)", st.Failed, st.Lines-st.Blank)
	}
	return nil
}

// loadRuleSet loads the rules at path (a rule file or a directory) or,
// for "", the built-in pack; what names the setting in errors.
func loadRuleSet(path, what string) (*rules.Set, error) {
	if path == "" {
		set, err := pack.Load()
		if err != nil {
			return nil, fmt.Errorf("load the built-in rule pack: %w", err)
		}
		return set, nil
	}
	set, err := pack.Load(path)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", what, path, err)
	}
	return set, nil
}

// newScorer builds the full scorer the configuration describes: the rule
// pack and scorecard built into convqa unless scoring.rules and
// scoring.scorecard name others (a rules directory may hold its own
// scorecard.yaml), the shipped sentiment lexicons plus sentiment.model,
// and the escalation thresholds.
func newScorer(cfg config.Config) (*qa.Engine, error) {
	var card *scorecard.Scorecard
	set, err := loadRuleSet(cfg.Scoring.Rules, "scoring.rules")
	if err != nil {
		return nil, err
	}
	if dir := cfg.Scoring.Rules; dir != "" {
		fsys := os.DirFS(dir)
		if _, serr := fs.Stat(fsys, pack.ScorecardFile); serr == nil && cfg.Scoring.Scorecard == "" {
			if card, err = scorecard.LoadFS(fsys, pack.ScorecardFile); err != nil {
				return nil, fmt.Errorf("scoring.rules %s: %w", dir, err)
			}
		}
	}
	switch {
	case cfg.Scoring.Scorecard != "":
		if card, err = scorecard.Load(cfg.Scoring.Scorecard); err != nil {
			return nil, fmt.Errorf("scoring.scorecard: %w", err)
		}
	case card == nil:
		if card, err = scorecard.LoadFS(pack.FS, pack.ScorecardFile); err != nil {
			return nil, fmt.Errorf("load the built-in scorecard: %w", err)
		}
	}
	sent, conv, err := sentimentFromConfig(cfg.Sentiment, sentiment.DefaultNeutralBand)
	if err != nil {
		return nil, err
	}
	return qa.New(qa.Options{Rules: set, Scorecard: card, Sentiment: sent, Conversation: conv})
}

// metricsHandler serves /metrics and /healthz, for `convqa score`.
func metricsHandler(g prometheus.Gatherer) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { fmt.Fprintln(w, "ok") })
	mux.Handle("GET /metrics", promhttp.HandlerFor(g, promhttp.HandlerOpts{}))
	return mux
}

// maxAgo bounds relative times: a century back is before any conversation.
const maxAgo = 100 * 366 * 24 * time.Hour

// parseTimeFlag reads a --since/--until value: empty (unbounded, the zero
// time), "now", RFC 3339, a date (midnight UTC), or a time ago as numbers
// with units w, d, h, m, s ("7d", "1d12h", "90m"), counted back from now.
func parseTimeFlag(s string, now time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	const allowed = "allowed: RFC 3339 like 2024-05-01T08:00:00Z, a date like 2024-05-01 (UTC), now, or a time ago like 7d, 36h, 90m, 2w, 1d12h"
	switch s {
	case "":
		return time.Time{}, nil
	case "now":
		return now.UTC(), nil
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t.UTC(), nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	if strings.ContainsAny(s, "-:") && s[0] >= '0' && s[0] <= '9' {
		// Meant as a date or time: say what is wrong with it as one.
		layout := time.DateOnly
		if len(s) > len(time.DateOnly) {
			layout = time.RFC3339
		}
		_, err := time.Parse(layout, s)
		return time.Time{}, fmt.Errorf("%q: %v (%s)", s, err, allowed)
	}
	ago, err := parseAgo(s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q: %v (%s)", s, err, allowed)
	}
	return now.Add(-ago).UTC(), nil
}

// parseAgo reads "7d", "1d12h", "2w": one or more number-unit pairs.
func parseAgo(s string) (time.Duration, error) {
	if s == "" {
		return 0, errors.New("empty")
	}
	var total time.Duration
	for s != "" {
		i := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == 0 {
			return 0, fmt.Errorf("%q does not start with a number", s)
		}
		if i == len(s) {
			return 0, fmt.Errorf("number %s has no unit", s)
		}
		n, err := strconv.ParseInt(s[:i], 10, 64)
		if err != nil || n > int64(maxAgo/time.Second) {
			return 0, errors.New("more than a century")
		}
		var unit time.Duration
		switch s[i] {
		case 'w':
			unit = 7 * 24 * time.Hour
		case 'd':
			unit = 24 * time.Hour
		case 'h':
			unit = time.Hour
		case 'm':
			unit = time.Minute
		case 's':
			unit = time.Second
		default:
			r, _ := utf8.DecodeRuneInString(s[i:])
			return 0, fmt.Errorf("unknown unit %q", r)
		}
		if time.Duration(n) > (maxAgo-total)/unit {
			return 0, errors.New("more than a century")
		}
		total += time.Duration(n) * unit
		s = s[i+1:]
	}
	return total, nil
}
