package main

import (
	"fmt"
	"runtime"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/convqa/convqa/scoring/sentiment"
	"github.com/convqa/convqa/scoring/sentiment/eval"
)

type benchFlags struct {
	sentimentFlags
	seconds     float64
	peerSeconds float64
}

func newSentimentBenchCmd() *cobra.Command {
	var fl benchFlags
	cmd := &cobra.Command{
		Use:   "bench",
		Short: "Measure sentiment + emotion throughput per core and peak RSS, beside SnowNLP and VADER on the same texts",
		Long: `bench scores the texts of the shared labelled sets on one goroutine (one
core) for --seconds per group of texts — normalization, sentiment, emotion
and evidence, as "convqa sentiment" does — and prints MB/s (10^6 bytes of
UTF-8 input a second) and the process's peak resident memory, which
includes the loaded texts. With --python it then runs SnowNLP on the same
Chinese texts and VADER on the same English ones, for --peer-seconds each.`,
		Example: `  convqa-eval sentiment bench --python "$(scoring/sentiment/peers/setup.sh)"`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runBench(cmd, fl)
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&fl.data, "data", defaultDataDir(), "shared data folder (env CONVQA_SHARED_DATA)")
	fs.StringVar(&fl.python, "python", "", "python of the peers' venv (from peers/setup.sh); empty: no peers")
	fs.StringVar(&fl.script, "peer-script", "scoring/sentiment/peers/peer.py", "the peer runner script")
	fs.Float64Var(&fl.seconds, "seconds", 5, "seconds of scoring per group of texts")
	fs.Float64Var(&fl.peerSeconds, "peer-seconds", 20, "seconds of scoring per peer")
	return cmd
}

func runBench(cmd *cobra.Command, fl benchFlags) error {
	if fl.seconds <= 0 || fl.peerSeconds <= 0 {
		return fmt.Errorf("--seconds and --peer-seconds must be > 0")
	}
	out := cmd.OutOrStdout()
	t0 := time.Now()
	s, err := sentiment.New(sentiment.Options{})
	if err != nil {
		return err
	}
	build := time.Since(t0)
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	fmt.Fprintf(out, "== sentiment + emotion speed (%s; scorer built in %s, heap %.1f MB after build)\n", s.Version(), build.Round(time.Millisecond), float64(ms.HeapAlloc)/1e6)
	sets, err := eval.LoadSets(fl.data, 5, 1)
	if err != nil {
		return err
	}
	zh := texts(sets.Waimai, sets.WaimaiHant, sets.ChnSentiCorp)
	en := texts(sets.Airline)
	groups := []struct {
		name  string
		texts []string
	}{{"Chinese (waimai, waimai zh-Hant, ChnSentiCorp)", zh}, {"English (airline tweets)", en}, {"all", append(append([]string(nil), zh...), en...)}}
	for _, g := range groups {
		n, bytes, el := 0, 0, time.Duration(0)
		start := time.Now()
		for el < time.Duration(fl.seconds*float64(time.Second)) {
			for _, t := range g.texts {
				_ = s.Score(t)
				bytes += len(t)
				n++
			}
			el = time.Since(start)
		}
		fmt.Fprintf(out, "convqa  %-48s %8.2f MB/s per core  %9.0f texts/s\n", g.name, float64(bytes)/el.Seconds()/1e6, float64(n)/el.Seconds())
	}
	fmt.Fprintf(out, "peak RSS %.1f MB (the whole process, loaded texts included)\n", peakRSSMB())
	if fl.python == "" {
		fmt.Fprintln(out, "peers: skipped (no --python)")
		return nil
	}
	p := eval.Peer{Python: fl.python, Script: fl.script}
	for _, run := range []struct {
		tool  string
		texts []string
	}{{"snownlp", zh}, {"vader", en}} {
		r, err := p.Run(cmd.Context(), run.tool, run.texts, fl.peerSeconds)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "peer    %-48s %8.3f MB/s per core  %9.0f texts/s (%d texts in %.1f s)\n", r.Tool+" "+r.Version, r.MBps(), float64(r.Texts)/r.Seconds, r.Texts, r.Seconds)
	}
	return nil
}

func texts(ds ...*eval.Dataset) []string {
	var out []string
	for _, d := range ds {
		for _, r := range d.Rows {
			out = append(out, r.Text)
		}
	}
	return out
}

// peakRSSMB is the process's peak resident set size (Linux: ru_maxrss in KiB).
func peakRSSMB() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return -1
	}
	return float64(ru.Maxrss) * 1024 / 1e6
}
