package chaos

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// restartTimeout bounds one restart: a stop (up to 30 s before the script
// kills), the down time, and a cold start that the script waits for.
const restartTimeout = 4 * time.Minute

// stack restarts the servers through stack/stack.sh, which knows how to
// bring back exactly the process it stopped, even when the running stack
// belongs to another checkout.
type stack struct {
	script string
	grace  time.Duration // before a stopping server is killed
	out    io.Writer     // the script's own log lines
}

// restart stops service, keeps it down for down, starts it and waits until
// it answers. It returns how long that took, stop to ready.
func (s stack) restart(ctx context.Context, service string, down time.Duration) (time.Duration, error) {
	ctx, cancel := context.WithTimeout(ctx, restartTimeout)
	defer cancel()
	secs := strconv.Itoa(int(down.Round(time.Second).Seconds()))
	cmd := exec.CommandContext(ctx, s.script, "restart", service, secs)
	cmd.Stdout, cmd.Stderr = s.out, s.out
	if s.grace > 0 {
		cmd.Env = append(os.Environ(), "CONVQA_STACK_STOP_GRACE="+strconv.Itoa(max(1, int(s.grace.Round(time.Second).Seconds()))))
	}
	start := time.Now()
	err := cmd.Run()
	took := time.Since(start)
	if err != nil {
		return took, fmt.Errorf("%s restart %s %s: %w", s.script, service, secs, err)
	}
	return took, nil
}

// checkAddrs makes sure the script drives the servers the run talks to:
// restarting some other ClickHouse would prove nothing and disturb others.
func (s stack) checkAddrs(ctx context.Context, chAddr string, brokers []string) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, s.script, "env").Output()
	if err != nil {
		return fmt.Errorf("%s env: %w", s.script, err)
	}
	env := parseExports(out)
	if got := env["CONVQA_CLICKHOUSE_ADDR"]; got != chAddr {
		return fmt.Errorf("%s drives ClickHouse at %q, the run uses %q: set CONVQA_STACK_CH_PORT or the address to match", s.script, got, chAddr)
	}
	want := strings.Join(brokers, ",")
	if got := env["CONVQA_KAFKA_BROKERS"]; got != want {
		return fmt.Errorf("%s drives Kafka at %q, the run uses %q: set CONVQA_STACK_KAFKA_PORT or the brokers to match", s.script, got, want)
	}
	return nil
}

// parseExports reads the `export K=V` lines that `stack.sh env` prints.
func parseExports(b []byte) map[string]string {
	m := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := strings.TrimPrefix(strings.TrimSpace(sc.Text()), "export ")
		if k, v, ok := strings.Cut(line, "="); ok {
			m[k] = strings.Trim(v, `"'`)
		}
	}
	return m
}
