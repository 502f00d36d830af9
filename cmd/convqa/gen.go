package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/convqa/convqa/internal/synth"
)

// genFlags are the generator's flags. gen and produce --generate bind the
// same set through bindGenFlags, so they cannot drift apart.
type genFlags struct {
	fs                        *pflag.FlagSet
	scenario                  string
	seed                      uint64
	start, until              string
	days, conversations       int
	perDay                    float64
	tenants, languages        string
	channels, intents         string
	liveShare, malformedShare float64
	promos, spikes            []string
	truthOut, spikesOut       string
}

func bindGenFlags(fs *pflag.FlagSet) *genFlags {
	f := &genFlags{fs: fs}
	fs.StringVar(&f.scenario, "scenario", "", "scenario YAML file (example: internal/synth/testdata/scenario.example.yaml); flags below override it")
	fs.Uint64Var(&f.seed, "seed", 1, "random seed: the same seed and flags give byte-identical output")
	fs.StringVar(&f.start, "start", "", "first instant: RFC 3339 or YYYY-MM-DD (local midnight); default 2025-06-12")
	fs.IntVar(&f.days, "days", 0, "length of the run in days (default 7); conflicts with --until")
	fs.StringVar(&f.until, "until", "", "end of the run (exclusive), RFC 3339 or YYYY-MM-DD; conflicts with --days")
	fs.Float64Var(&f.perDay, "per-day", 0, "mean conversations of an ordinary weekday before promotions (default 2000)")
	fs.IntVar(&f.conversations, "conversations", 0, "exact total number of conversations, spread with the same daily/weekly shape (replaces --per-day)")
	fs.StringVar(&f.tenants, "tenants", "", `tenants and weights, e.g. "demo" or "demo=3,acme=1" (default demo)`)
	fs.StringVar(&f.languages, "languages", "", `language shares, keys zh-Hans, zh-Hant, en, mixed (default "zh-Hans=0.55,zh-Hant=0.15,en=0.2,mixed=0.1")`)
	fs.StringVar(&f.channels, "channels", "", `channel shares, keys chat, voice, email, bot (default "chat=0.55,voice=0.2,email=0.08,bot=0.17")`)
	fs.StringVar(&f.intents, "intents", "", "intent (topic) shares, keys "+strings.Join(synth.Topics(), ", "))
	fs.Float64Var(&f.liveShare, "live-share", 0, "share (0–1) of chat/voice/bot conversations sent live: an utterance message per turn, then a closing conversation message")
	fs.Float64Var(&f.malformedShare, "malformed-share", 0, "share (0–1) of conversations sent as a deliberately malformed message (invalid JSON, invalid UTF-8, missing conversation_id, unknown speaker, bad timestamp, too large, ...), for DLQ tests")
	fs.StringArrayVar(&f.promos, "promo", nil, `promotion day multiplying all traffic, "[name:]YYYY-MM-DD[=multiplier]" (default ×3); repeatable; "none" for no promotion (default: 618:2025-06-18=3)`)
	fs.StringArrayVar(&f.spikes, "spike", nil, `topic spike, "topic=shelf_life,sku=DAIRY-001,start=2025-06-14T14:00,duration=3h,x=4[,tenant=T][,batch=B][,id=ID]"; repeatable; "none" for no spike (default: that one)`)
	fs.StringVar(&f.truthOut, "truth-out", "", "write the ground truth (JSONL, one line per conversation) here")
	fs.StringVar(&f.spikesOut, "spikes-out", "", "write the injected spikes and promotion days (JSON) here")
	return f
}

// scenario builds the scenario: the file (or the built-in default), then
// every flag that was set. Errors name the flag or the file:line.
func (f *genFlags) buildScenario() (synth.Scenario, error) {
	sc := synth.DefaultScenario()
	if f.scenario != "" {
		var err error
		if sc, err = synth.LoadScenario(f.scenario); err != nil {
			return sc, err
		}
	}
	set := func(name string) bool { return f.fs.Changed(name) }
	flagErr := func(name string, err error) error { return usageError("--%s: %v", name, err) }
	if set("start") {
		sc.Start = f.start
	}
	if set("days") || set("until") {
		sc.Days, sc.Until = f.days, f.until
	}
	if set("per-day") {
		sc.PerDay, sc.Conversations = f.perDay, 0
		if f.perDay <= 0 {
			return sc, flagErr("per-day", fmt.Errorf("must be > 0, got %v", f.perDay))
		}
	}
	if set("conversations") {
		if f.conversations <= 0 {
			return sc, flagErr("conversations", fmt.Errorf("must be > 0, got %d", f.conversations))
		}
		sc.Conversations = f.conversations
	}
	if set("tenants") {
		ts, err := synth.ParseTenants(f.tenants)
		if err != nil {
			return sc, flagErr("tenants", err)
		}
		sc.Tenants = ts
	}
	for _, s := range []struct {
		name, val string
		dst       *map[string]float64
	}{{"languages", f.languages, &sc.Languages}, {"channels", f.channels, &sc.Channels}, {"intents", f.intents, &sc.Intents}} {
		if set(s.name) {
			m, err := synth.ParseShares(s.val)
			if err != nil {
				return sc, flagErr(s.name, err)
			}
			*s.dst = m
		}
	}
	if set("live-share") {
		sc.LiveShare = f.liveShare
	}
	if set("malformed-share") {
		sc.MalformedShare = f.malformedShare
	}
	if set("promo") {
		var ps []synth.Promotion
		for _, s := range f.promos {
			if s == "none" {
				continue
			}
			p, err := synth.ParsePromotion(s)
			if err != nil {
				return sc, flagErr("promo", err)
			}
			ps = append(ps, p)
		}
		sc.SetPromotions(ps)
	}
	if set("spike") {
		var sps []synth.Spike
		for _, s := range f.spikes {
			if s == "none" {
				continue
			}
			sp, err := synth.ParseSpike(s)
			if err != nil {
				return sc, flagErr("spike", err)
			}
			sps = append(sps, sp)
		}
		sc.SetSpikes(sps)
	}
	return sc, nil
}

func (f *genFlags) generator() (*synth.Generator, error) {
	sc, err := f.buildScenario()
	if err != nil {
		return nil, err
	}
	g, err := synth.New(synth.Options{Scenario: sc, Seed: f.seed})
	if err != nil {
		return nil, fmt.Errorf("%w (after flag overrides)", err)
	}
	return g, nil
}

// fileSink writes messages and truth as JSONL.
type fileSink struct {
	out, truth *bufio.Writer
	convs      int
	msgs       int
	malformed  int
}

func (s *fileSink) Truth(t *synth.Truth) error {
	s.convs++
	if t.Malformed != "" {
		s.malformed++
	}
	if s.truth == nil {
		return nil
	}
	b, err := json.Marshal(t)
	if err != nil {
		return err
	}
	s.truth.Write(b)
	return s.truth.WriteByte('\n')
}

func (s *fileSink) Message(_ string, v []byte) error {
	s.msgs++
	s.out.Write(v)
	return s.out.WriteByte('\n')
}

// outputFile is a buffered file (or stdout) that reports its first error
// on close.
type outputFile struct {
	*bufio.Writer
	f    *os.File
	path string
}

func createOutput(path string, stdout io.Writer) (*outputFile, error) {
	if path == "-" {
		return &outputFile{Writer: bufio.NewWriterSize(stdout, 1<<20), path: "stdout"}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	return &outputFile{Writer: bufio.NewWriterSize(f, 1<<20), f: f, path: path}, nil
}

func (o *outputFile) Close() error {
	err := o.Flush()
	if o.f != nil {
		if cerr := o.f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", o.path, err)
	}
	return nil
}

func writeEvents(path string, ev synth.Events) error {
	b, err := json.MarshalIndent(ev, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}

func newGenCmd(a *app) *cobra.Command {
	var out, outDir string
	var listSKUs bool
	cmd := &cobra.Command{
		Use:   "gen",
		Short: "Generate synthetic customer-service conversations with ground truth",
		Long: `gen writes realistic e-commerce customer-service conversations (Simplified and
Traditional Chinese, English, code-switched Chinese; chat, voice, e-mail, bot)
as contract-v1 messages, one JSON value per line, and the ground truth beside
them: topics, products, the rules each agent breaks (and tempting
non-violations), customer sentiment and emotion, PII spans (rune offsets),
injected topic spikes and promotion days.

Outputs:
  --out data.jsonl   writes data.jsonl, data.truth.jsonl, data.spikes.json
  --out-dir DIR      writes DIR/transcripts.jsonl, DIR/truth.jsonl, DIR/spikes.json
  --out - (default)  messages to stdout; truth and spikes only with --truth-out/--spikes-out

The default scenario is one week from 2025-06-12 (+08:00), about 2,000
conversations on an ordinary weekday, the 618 promotion on 2025-06-18 (×3
traffic) and a shelf-life spike on DAIRY-001 on 2025-06-14 14:00–17:00 (×4
share). The same --seed and flags give byte-identical output.`,
		Example: `  convqa gen --out /tmp/week.jsonl
  convqa gen --conversations 100000 --live-share 0.2 --out-dir /tmp/gen
  convqa gen --scenario internal/synth/testdata/scenario.example.yaml --seed 7 --out /tmp/s.jsonl
  convqa gen --days 2 --promo none --spike topic=billing,start=2025-06-13T09:00,duration=2h,x=5 | head`,
		Args: cobra.NoArgs,
	}
	gf := bindGenFlags(cmd.Flags())
	cmd.Flags().StringVarP(&out, "out", "o", "-", `messages file ("-" = stdout); truth and spikes files are named after it`)
	cmd.Flags().StringVar(&outDir, "out-dir", "", "directory for transcripts.jsonl, truth.jsonl and spikes.json (created if missing); conflicts with --out")
	cmd.Flags().BoolVar(&listSKUs, "list-skus", false, "print the product catalogue and topic ids, and exit")
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		if listSKUs {
			return printCatalog(a.stdout)
		}
		cfg, err := a.loadConfig()
		if err != nil {
			return err
		}
		log := a.logger(cfg)
		if outDir != "" && cmd.Flags().Changed("out") {
			return usageError("--out and --out-dir conflict: give one")
		}
		truthPath, spikesPath := gf.truthOut, gf.spikesOut
		switch {
		case outDir != "":
			if err := os.MkdirAll(outDir, 0o755); err != nil {
				return err
			}
			out = filepath.Join(outDir, "transcripts.jsonl")
			truthPath = orDefault(truthPath, filepath.Join(outDir, "truth.jsonl"))
			spikesPath = orDefault(spikesPath, filepath.Join(outDir, "spikes.json"))
		// Only a regular file gets files beside it: never /dev/null.spikes.json.
		case out != "-" && !strings.HasPrefix(out, "/dev/"):
			base := strings.TrimSuffix(out, filepath.Ext(out))
			truthPath = orDefault(truthPath, base+".truth.jsonl")
			spikesPath = orDefault(spikesPath, base+".spikes.json")
		}
		g, err := gf.generator()
		if err != nil {
			return err
		}
		msgs, err := createOutput(out, a.stdout)
		if err != nil {
			return err
		}
		sink := &fileSink{out: msgs.Writer}
		var truth *outputFile
		if truthPath != "" {
			if truth, err = createOutput(truthPath, a.stdout); err != nil {
				msgs.Close()
				return err
			}
			sink.truth = truth.Writer
		}
		began := time.Now()
		ev, runErr := g.Run(cmd.Context(), sink)
		err = msgs.Close()
		if truth != nil {
			if cerr := truth.Close(); err == nil {
				err = cerr
			}
		}
		if runErr != nil {
			return fmt.Errorf("generate after %d conversations: %w", sink.convs, runErr)
		}
		if err != nil {
			return err
		}
		if spikesPath != "" {
			if err := writeEvents(spikesPath, ev); err != nil {
				return err
			}
		}
		el := time.Since(began)
		log.Info("gen done", "conversations", sink.convs, "messages", sink.msgs, "malformed", sink.malformed,
			"elapsed", el.Round(time.Millisecond).String(), "conversations_per_s", int(float64(sink.convs)/el.Seconds()),
			"out", msgs.path, "truth", truthPath, "spikes", spikesPath)
		return nil
	}
	return cmd
}

func orDefault(v, def string) string {
	if v != "" {
		return v
	}
	return def
}

func printCatalog(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SKU\tCATEGORY\tSHELF LIFE\tNAME")
	for _, p := range synth.Catalog() {
		shelf := "-"
		if p.ShelfLifeMonths > 0 {
			shelf = fmt.Sprintf("%d months", p.ShelfLifeMonths)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s / %s\n", p.SKU, p.Category, shelf, p.En, p.Hans)
	}
	fmt.Fprintf(tw, "\ntopics: %s\nrules: %s\n", strings.Join(synth.Topics(), ", "), strings.Join(synth.AllRules, ", "))
	return tw.Flush()
}
