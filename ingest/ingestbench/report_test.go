package ingestbench

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (go test -update rewrites it):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

func sec(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

// sampleResults are two runs of each peer, the second of the engine slow,
// so the medians show.
func sampleResults() []Result {
	flat := func(peer string, elapsed, cpu, server float64) Result {
		return Result{Peer: peer, Messages: 500000, Rows: 500000, Bytes: 176386979,
			Elapsed: sec(elapsed), CPU: sec(cpu), ServerCPU: sec(server), MachineBusy: 0.9}
	}
	return []Result{
		flat(PeerConvqaFlat, 20, 25, 5),
		flat(PeerEngineFlat, 25, 30, 0),
		{Peer: PeerConvqaConvos, Messages: 49535, Rows: 500000, Bytes: 95936514, Elapsed: sec(10), CPU: sec(12), ServerCPU: sec(4)},
		flat(PeerConvqaFlat, 22, 27, 7),
		flat(PeerEngineFlat, 35, 40, 0),
		{Peer: PeerConvqaConvos, Messages: 49535, Rows: 500000, Bytes: 95936514, Elapsed: sec(12), CPU: sec(14), ServerCPU: sec(4)},
	}
}

func TestWriteTableGolden(t *testing.T) {
	sums := Summarize(sampleResults())
	var buf bytes.Buffer
	if err := WriteTable(&buf, sums); err != nil {
		t.Fatal(err)
	}
	r, ok := Compare(sums)
	if !ok {
		t.Fatal("Compare found no pair of flat peers")
	}
	buf.WriteByte('\n')
	if err := WriteRatio(&buf, r); err != nil {
		t.Fatal(err)
	}
	golden(t, "table.golden", buf.Bytes())
}

func TestSummarizeTakesMediansPerPeer(t *testing.T) {
	sums := Summarize(sampleResults())
	if len(sums) != 3 {
		t.Fatalf("got %d summaries, want 3 (one per peer)", len(sums))
	}
	tests := []struct {
		peer                 string
		elapsed, cpu, server time.Duration
	}{
		{PeerConvqaFlat, sec(21), sec(26), sec(6)},
		{PeerEngineFlat, sec(30), sec(35), 0},
		{PeerConvqaConvos, sec(11), sec(13), sec(4)},
	}
	for i, tt := range tests {
		s := sums[i]
		if s.Peer != tt.peer || s.Runs != 2 || s.Elapsed != tt.elapsed || s.CPU != tt.cpu || s.ServerCPU != tt.server {
			t.Errorf("summary %d = %s runs %d elapsed %v cpu %v server %v; want %s runs 2 elapsed %v cpu %v server %v",
				i, s.Peer, s.Runs, s.Elapsed, s.CPU, s.ServerCPU, tt.peer, tt.elapsed, tt.cpu, tt.server)
		}
	}
}

func TestSummaryRates(t *testing.T) {
	s := Summary{Result: Result{Rows: 1_000_000, Bytes: 350_000_000, Elapsed: sec(50), CPU: sec(40), ServerCPU: sec(10)}}
	tests := []struct {
		name      string
		got, want float64
	}{
		{"rows/s", s.RowsPerSec(), 20000},
		{"MB/s", s.MBPerSec(), 7},
		{"CPU s / M rows", s.CPUPerMillion(), 40},
		{"total CPU s / M rows", s.TotalCPUPerMillion(), 50},
		{"rows per CPU s", s.RowsPerCPUSec(), 25000},
		{"zero elapsed", Summary{}.RowsPerSec(), 0},
		{"zero rows", Summary{}.CPUPerMillion(), 0},
	}
	for _, tt := range tests {
		if diff := tt.got - tt.want; diff > 1e-9 || diff < -1e-9 {
			t.Errorf("%s = %v, want %v", tt.name, tt.got, tt.want)
		}
	}
}

func TestMedian(t *testing.T) {
	tests := []struct {
		in   []time.Duration
		want time.Duration
	}{
		{nil, 0},
		{[]time.Duration{5}, 5},
		{[]time.Duration{9, 1, 5}, 5},
		{[]time.Duration{4, 1, 3, 2}, 2}, // (2+3)/2 in integer nanoseconds
		{[]time.Duration{10, 30}, 20},
	}
	for _, tt := range tests {
		if got := median(tt.in); got != tt.want {
			t.Errorf("median(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestCompareNeedsBothFlatPeers(t *testing.T) {
	sums := Summarize(sampleResults()[:1])
	if _, ok := Compare(sums); ok {
		t.Error("Compare reported a ratio without the Kafka engine's result")
	}
}

func TestGroup(t *testing.T) {
	tests := []struct {
		in   int64
		want string
	}{
		{0, "0"}, {999, "999"}, {1000, "1,000"}, {13000, "13,000"}, {1234567, "1,234,567"}, {-1234, "-1,234"},
	}
	for _, tt := range tests {
		if got := group(tt.in); got != tt.want {
			t.Errorf("group(%d) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWriteNotesFlagsAllRowsAtOnce(t *testing.T) {
	results := []Result{
		{Peer: PeerConvqaFlat, Rows: 1000, FirstVisible: sec(0.5), FirstVisibleRows: 50},
		{Peer: PeerEngineFlat, Rows: 1000, FirstVisible: sec(6), FirstVisibleRows: 1000},
		{Peer: PeerEngineFlat, Rows: 1000, FirstVisible: sec(7), FirstVisibleRows: 1000},
	}
	var buf bytes.Buffer
	if err := WriteNotes(&buf, results); err != nil {
		t.Fatal(err)
	}
	want := "note: " + PeerEngineFlat + " showed all 1,000 rows at once, after 6.00 s"
	if got := buf.String(); !strings.HasPrefix(got, want) || strings.Count(got, "note:") != 1 {
		t.Errorf("notes = %q, want one starting %q", got, want)
	}
	buf.Reset()
	if err := WriteNotes(&buf, results[:1]); err != nil || buf.Len() != 0 {
		t.Errorf("notes for a steady consumer = %q, %v; want none", buf.String(), err)
	}
}
