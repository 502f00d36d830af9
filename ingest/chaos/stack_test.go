package chaos

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fakeStack writes a stand-in for stack/stack.sh that prints the stack's
// addresses for env and records every other call.
func fakeStack(t *testing.T, ch, kafka string) (script, calls string) {
	t.Helper()
	dir := t.TempDir()
	calls = filepath.Join(dir, "calls")
	script = filepath.Join(dir, "stack.sh")
	body := `#!/bin/sh
if [ "$1" = env ]; then
  echo "export CONVQA_CLICKHOUSE_ADDR=` + ch + `"
  echo "export CONVQA_KAFKA_BROKERS=` + kafka + `"
  exit 0
fi
echo "$* grace=$CONVQA_STACK_STOP_GRACE" >>` + calls + `
echo "stack: $1 $2 done"
`
	if err := os.WriteFile(script, []byte(body), 0o755); err != nil {
		t.Fatal(err)
	}
	return script, calls
}

func TestStackCheckAddrs(t *testing.T) {
	script, _ := fakeStack(t, "127.0.0.1:19000", "127.0.0.1:19092")
	s := stack{script: script}
	ctx := context.Background()
	if err := s.checkAddrs(ctx, "127.0.0.1:19000", []string{"127.0.0.1:19092"}); err != nil {
		t.Fatalf("matching addresses: %v", err)
	}
	if err := s.checkAddrs(ctx, "127.0.0.1:29000", []string{"127.0.0.1:19092"}); err == nil || !strings.Contains(err.Error(), "CONVQA_STACK_CH_PORT") {
		t.Fatalf("another ClickHouse: %v", err)
	}
	if err := s.checkAddrs(ctx, "127.0.0.1:19000", []string{"127.0.0.1:29092"}); err == nil || !strings.Contains(err.Error(), "CONVQA_STACK_KAFKA_PORT") {
		t.Fatalf("another broker: %v", err)
	}
}

func TestStackRestartCallsTheScript(t *testing.T) {
	script, calls := fakeStack(t, "", "")
	var out bytes.Buffer
	s := stack{script: script, grace: 4 * time.Second, out: &out}
	if _, err := s.restart(context.Background(), "kafka", 2400*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(calls)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.TrimSpace(string(b)), "restart kafka 2 grace=4"; got != want {
		t.Errorf("script called with %q, want %q", got, want)
	}
	if !strings.Contains(out.String(), "stack: restart kafka done") {
		t.Errorf("the script's output is not kept: %q", out.String())
	}
	s.script = filepath.Join(t.TempDir(), "missing.sh")
	if _, err := s.restart(context.Background(), "kafka", 0); err == nil {
		t.Error("restart through a missing script succeeded")
	}
}

func TestParseExports(t *testing.T) {
	got := parseExports([]byte("export A=1\nexport B=\"x y\"\n\nnoise\nC='3'\n"))
	want := map[string]string{"A": "1", "B": "x y", "C": "3"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q (all: %v)", k, got[k], v, got)
		}
	}
}
