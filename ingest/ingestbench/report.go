package ingestbench

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
)

// Peers the report names. Flat rows are read by both; whole conversations
// only by convqa (the Kafka engine cannot unnest a JSON array on 18.16).
const (
	PeerConvqaFlat   = "convqa ingest (flat)"
	PeerEngineFlat   = "ClickHouse Kafka engine (flat)"
	PeerConvqaConvos = "convqa ingest (conversations)"
)

// Result is one measured consumer run: from the start of consuming a
// backlog until every row was visible in ClickHouse.
type Result struct {
	Peer     string
	Messages int
	Rows     int
	// Bytes counts the Kafka message values consumed.
	Bytes   int64
	Elapsed time.Duration
	// CPU is the consumer's own CPU time: the convqa process, or for the
	// Kafka engine the ClickHouse server (less its idle rate).
	CPU time.Duration
	// ServerCPU is, for convqa, what the ClickHouse server spent on its
	// inserts (less its idle rate); zero for the engine, whose work is all
	// in CPU.
	ServerCPU time.Duration
	// MachineBusy is the share of all the machine's CPU time spent
	// working during the run, by anyone: near 1 means the run was bound
	// by CPU (its own, ClickHouse's, the broker's, or other work).
	MachineBusy float64
	// FirstVisible is when rows first showed in ClickHouse, and
	// FirstVisibleRows how many: all of them at once means the run's time
	// is mostly the consumer's start-up and flush latency, not throughput.
	FirstVisible     time.Duration
	FirstVisibleRows uint64
	// Stored and Distinct are the rows, and distinct (tenant, conversation,
	// seq), the target table held at the end: both equal Rows when the
	// consumer stored every row exactly once.
	Stored, Distinct uint64
}

// Summary is the median of a peer's runs.
type Summary struct {
	Result
	Runs int
}

// RowsPerSec is rows over the wall time.
func (s Summary) RowsPerSec() float64 { return perSec(float64(s.Rows), s.Elapsed) }

// MBPerSec is megabytes (10^6 bytes) of message values over the wall time.
func (s Summary) MBPerSec() float64 { return perSec(float64(s.Bytes)/1e6, s.Elapsed) }

// CPUPerMillion is the consumer's CPU seconds per million rows.
func (s Summary) CPUPerMillion() float64 { return perMillion(s.CPU, s.Rows) }

// TotalCPUPerMillion adds the ClickHouse server's share for convqa.
func (s Summary) TotalCPUPerMillion() float64 { return perMillion(s.CPU+s.ServerCPU, s.Rows) }

// RowsPerCPUSec is rows per second of the consumer's CPU: rows per core.
func (s Summary) RowsPerCPUSec() float64 { return perSec(float64(s.Rows), s.CPU) }

func perSec(x float64, d time.Duration) float64 {
	if d <= 0 {
		return 0
	}
	return x / d.Seconds()
}

func perMillion(cpu time.Duration, rows int) float64 {
	if rows == 0 {
		return 0
	}
	return cpu.Seconds() / float64(rows) * 1e6
}

// Summarize groups results by peer, in order of first appearance, and takes
// the median of each measured quantity separately: runs on a shared machine
// are noisy, and one slow run must not decide the table.
func Summarize(results []Result) []Summary {
	var order []string
	byPeer := map[string][]Result{}
	for _, r := range results {
		if _, ok := byPeer[r.Peer]; !ok {
			order = append(order, r.Peer)
		}
		byPeer[r.Peer] = append(byPeer[r.Peer], r)
	}
	out := make([]Summary, 0, len(order))
	for _, p := range order {
		rs := byPeer[p]
		s := Summary{Result: rs[0], Runs: len(rs)}
		s.Elapsed = medianOf(rs, func(r Result) time.Duration { return r.Elapsed })
		s.CPU = medianOf(rs, func(r Result) time.Duration { return r.CPU })
		s.ServerCPU = medianOf(rs, func(r Result) time.Duration { return r.ServerCPU })
		s.MachineBusy = medianOf(rs, func(r Result) float64 { return r.MachineBusy })
		out = append(out, s)
	}
	return out
}

func medianOf[T ~int64 | ~float64](rs []Result, f func(Result) T) T {
	xs := make([]T, len(rs))
	for i, r := range rs {
		xs[i] = f(r)
	}
	return median(xs)
}

// median of an even count is the mean of the middle two.
func median[T ~int64 | ~float64](xs []T) T {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// WriteTable prints the summaries as one aligned table, with a legend.
func WriteTable(w io.Writer, sums []Summary) error {
	// Numbers align right; names are padded to one width so they read
	// left-aligned in a right-aligned table.
	width := len("peer")
	for _, s := range sums {
		width = max(width, len(s.Peer))
	}
	pad := func(s string) string { return s + strings.Repeat(" ", width-len(s)) }
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, pad("peer")+"\tmessages\trows\tseconds\trows/s\tMB/s\tCPU s\tCPU s / M rows\trows per CPU s\tClickHouse CPU s\ttotal CPU s / M rows\tmachine busy\truns\t")
	for _, s := range sums {
		server := "-"
		if s.Peer != PeerEngineFlat {
			server = fixed(s.ServerCPU.Seconds(), 2)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s%%\t%d\t\n",
			pad(s.Peer), group(int64(s.Messages)), group(int64(s.Rows)), fixed(s.Elapsed.Seconds(), 2),
			group(int64(s.RowsPerSec()+0.5)), fixed(s.MBPerSec(), 2), fixed(s.CPU.Seconds(), 2),
			fixed(s.CPUPerMillion(), 2), group(int64(s.RowsPerCPUSec()+0.5)), server,
			fixed(s.TotalCPUPerMillion(), 2), fixed(100*s.MachineBusy, 0), s.Runs)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprint(w, `
seconds: from starting the consumer (convqa: its process; the engine: its Kafka table and view)
  on a full backlog until ClickHouse holds every row; MB: 10^6 bytes of Kafka message values.
CPU s: the consumer's own CPU (convqa: its process; Kafka engine: the ClickHouse server,
  less its idle rate). ClickHouse CPU s: what the server spent on convqa's inserts (idle
  rate subtracted). total: both. machine busy: share of all CPUs working during the run,
  whoever worked. Each figure is the median over the runs.
`)
	return err
}

// Ratio compares convqa with the Kafka engine on the flat topic.
type Ratio struct {
	// Throughput is convqa's rows/s over the engine's: ≥ 1 means faster.
	Throughput float64
	// TotalCPU is convqa's CPU (process plus ClickHouse) per row over the
	// engine's: ≤ 1 means cheaper.
	TotalCPU float64
	// ConvqaRowsPerCPUSec is convqa's rows per second of its own CPU.
	ConvqaRowsPerCPUSec float64
}

// Compare finds the two flat peers in sums; ok is false without both.
func Compare(sums []Summary) (r Ratio, ok bool) {
	var c, e *Summary
	for i := range sums {
		switch sums[i].Peer {
		case PeerConvqaFlat:
			c = &sums[i]
		case PeerEngineFlat:
			e = &sums[i]
		}
	}
	if c == nil || e == nil || e.RowsPerSec() == 0 || e.TotalCPUPerMillion() == 0 {
		return Ratio{}, false
	}
	return Ratio{
		Throughput:          c.RowsPerSec() / e.RowsPerSec(),
		TotalCPU:            c.TotalCPUPerMillion() / e.TotalCPUPerMillion(),
		ConvqaRowsPerCPUSec: c.RowsPerCPUSec(),
	}, true
}

// Goals are the throughput targets the issue sets for convqa.
const (
	GoalRatio         = 1.0
	GoalRowsPerCPUSec = 13000
)

// WriteRatio prints the comparison and whether convqa meets its goals.
func WriteRatio(w io.Writer, r Ratio) error {
	verdict := func(ok bool) string {
		if ok {
			return "met"
		}
		return "NOT met"
	}
	_, err := fmt.Fprintf(w, "ratio convqa / Kafka engine (flat): rows/s %s (goal ≥ %s: %s); total CPU per row %s\n"+
		"convqa rows per CPU s: %s (goal ≥ %s: %s)\n",
		fixed(r.Throughput, 2), fixed(GoalRatio, 1), verdict(r.Throughput >= GoalRatio), fixed(r.TotalCPU, 2),
		group(int64(r.ConvqaRowsPerCPUSec+0.5)), group(GoalRowsPerCPUSec), verdict(r.ConvqaRowsPerCPUSec >= GoalRowsPerCPUSec))
	return err
}

func fixed(x float64, prec int) string { return strconv.FormatFloat(x, 'f', prec, 64) }

// group writes n with thousands separators: 1234567 → "1,234,567".
func group(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// WriteNotes warns when a peer's rows all became visible in one step: then
// its time measures start-up (joining the group) and flush latency more
// than throughput, and a ratio at this size says little about steady state.
func WriteNotes(w io.Writer, results []Result) error {
	for _, r := range results {
		if r.FirstVisibleRows == 0 || r.FirstVisibleRows < uint64(r.Rows) {
			continue
		}
		_, err := fmt.Fprintf(w, "note: %s showed all %s rows at once, after %s s: its time here is mostly start-up and flush\n"+
			"  latency, not throughput; run with more rows (--rows 2000000) for the steady-state ratio.\n",
			r.Peer, group(int64(r.Rows)), fixed(r.FirstVisible.Seconds(), 2))
		return err
	}
	return nil
}
