package eval

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
)

// Peer runs a peer tool through peers/peer.py in a Python with the tools
// installed (peers/setup.sh makes one).
type Peer struct {
	// Python is the interpreter of the venv setup.sh made.
	Python string
	// Script is the path of peers/peer.py.
	Script string
	// TempDir holds the texts and scores exchanged with the script.
	TempDir string
}

// PeerRun is what a peer run reports: one score per text given (fewer
// when MaxSeconds cut it short), and its speed.
type PeerRun struct {
	Tool    string    `json:"tool"`
	Version string    `json:"version"`
	Texts   int       `json:"texts"`
	Bytes   int       `json:"bytes"`
	Seconds float64   `json:"seconds"`
	Scores  []float64 `json:"-"`
}

// MBps is the peer's rate in MB (10^6 bytes) of UTF-8 text per second.
func (r PeerRun) MBps() float64 {
	if r.Seconds == 0 {
		return 0
	}
	return float64(r.Bytes) / r.Seconds / 1e6
}

// Run scores texts with tool (snownlp or vader). maxSeconds > 0 stops
// after that much scoring time.
func (p Peer) Run(ctx context.Context, tool string, texts []string, maxSeconds float64) (PeerRun, error) {
	dir, err := os.MkdirTemp(p.TempDir, "convqa-peer-")
	if err != nil {
		return PeerRun{}, fmt.Errorf("peer %s: %w", tool, err)
	}
	defer os.RemoveAll(dir)
	in, out := filepath.Join(dir, "in.jsonl"), filepath.Join(dir, "out.jsonl")
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	for i, t := range texts {
		if err := enc.Encode(map[string]any{"id": i, "text": t}); err != nil {
			return PeerRun{}, err
		}
	}
	if err := os.WriteFile(in, buf.Bytes(), 0o600); err != nil {
		return PeerRun{}, fmt.Errorf("peer %s: write texts: %w", tool, err)
	}
	args := []string{"-X", "utf8", p.Script, tool, in, out}
	if maxSeconds > 0 {
		args = append(args, "--max-seconds", strconv.FormatFloat(maxSeconds, 'f', -1, 64))
	}
	cmd := exec.CommandContext(ctx, p.Python, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return PeerRun{}, fmt.Errorf("peer %s: %s %v: %w\n%s", tool, p.Python, args, err, lastLines(stderr.Bytes(), 20))
	}
	var run PeerRun
	lines := bytes.Split(bytes.TrimSpace(stdout.Bytes()), []byte("\n"))
	if err := json.Unmarshal(lines[len(lines)-1], &run); err != nil {
		return PeerRun{}, fmt.Errorf("peer %s: read summary %q: %w", tool, lines[len(lines)-1], err)
	}
	f, err := os.Open(out)
	if err != nil {
		return PeerRun{}, fmt.Errorf("peer %s: %w", tool, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<16), 1<<24)
	for sc.Scan() {
		var o struct {
			ID    int     `json:"id"`
			Score float64 `json:"score"`
		}
		if err := json.Unmarshal(sc.Bytes(), &o); err != nil {
			return PeerRun{}, fmt.Errorf("peer %s: read scores: %w", tool, err)
		}
		if o.ID != len(run.Scores) {
			return PeerRun{}, fmt.Errorf("peer %s: score for text %d arrived at position %d", tool, o.ID, len(run.Scores))
		}
		run.Scores = append(run.Scores, o.Score)
	}
	if err := sc.Err(); err != nil {
		return PeerRun{}, fmt.Errorf("peer %s: read scores: %w", tool, err)
	}
	if maxSeconds == 0 && len(run.Scores) != len(texts) {
		return PeerRun{}, fmt.Errorf("peer %s: %d scores for %d texts", tool, len(run.Scores), len(texts))
	}
	return run, nil
}

func lastLines(b []byte, n int) []byte {
	lines := bytes.Split(bytes.TrimRight(b, "\n"), []byte("\n"))
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return bytes.Join(lines, []byte("\n"))
}
