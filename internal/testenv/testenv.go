// Package testenv connects integration tests to the local stack that
// stack/stack.sh runs (ClickHouse and Kafka), and gives each test throwaway
// resources on it: a database of its own, a topic of its own.
//
// The stack's addresses come from the environment, as `stack/stack.sh env`
// prints them:
//
//	eval "$(stack/stack.sh env)"   # CONVQA_CLICKHOUSE_ADDR, CONVQA_KAFKA_BROKERS
//
// When a service is not configured or does not answer, a test that asks for
// it is skipped, so `go test ./...` stays useful without the stack; with
// CI=true it fails instead, so CI can never pass by skipping everything.
package testenv

import (
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Environment variables that point tests at the stack.
const (
	// EnvClickHouseAddr holds the host:port of ClickHouse's native protocol.
	EnvClickHouseAddr = "CONVQA_CLICKHOUSE_ADDR"
	// EnvKafkaBrokers holds a comma-separated list of Kafka host:port addresses.
	EnvKafkaBrokers = "CONVQA_KAFKA_BROKERS"
)

// dialTimeout bounds the reachability check: the stack runs on this machine,
// so anything slower than this is as good as down.
const dialTimeout = 2 * time.Second

// ClickHouseAddr returns the address of the stack's ClickHouse (native
// protocol) from CONVQA_CLICKHOUSE_ADDR, after checking that it accepts
// connections. It skips the test when the variable is unset or the server does
// not answer, or fails it when CI=true.
func ClickHouseAddr(t testing.TB) string {
	t.Helper()
	addr := strings.TrimSpace(os.Getenv(EnvClickHouseAddr))
	if addr == "" {
		unavailable(t, "ClickHouse", EnvClickHouseAddr+" is not set")
		return ""
	}
	if err := dial(addr); err != nil {
		unavailable(t, "ClickHouse", fmt.Sprintf("%s=%s does not answer: %v", EnvClickHouseAddr, addr, err))
		return ""
	}
	return addr
}

// KafkaBrokers returns the stack's Kafka bootstrap addresses from
// CONVQA_KAFKA_BROKERS (comma-separated), after checking that at least one of
// them accepts connections. It skips the test when the variable is unset or no
// broker answers, or fails it when CI=true.
func KafkaBrokers(t testing.TB) []string {
	t.Helper()
	brokers := splitList(os.Getenv(EnvKafkaBrokers))
	if len(brokers) == 0 {
		unavailable(t, "Kafka", EnvKafkaBrokers+" is not set")
		return nil
	}
	var errs []string
	for _, b := range brokers {
		err := dial(b)
		if err == nil {
			return brokers
		}
		errs = append(errs, err.Error())
	}
	unavailable(t, "Kafka", fmt.Sprintf("no broker in %s=%s answers: %s",
		EnvKafkaBrokers, strings.Join(brokers, ","), strings.Join(errs, "; ")))
	return nil
}

// unavailable ends a test that needs a service it cannot reach: a skip for a
// developer without the stack, a failure in CI where the stack must be there.
// With a real testing.T neither call returns; callers still return after it
// for fakes (and readers).
func unavailable(t testing.TB, service, why string) {
	t.Helper()
	if inCI() {
		t.Fatalf("%s is required with CI=true but unavailable: %s (start the stack with `make stack-up`, then eval \"$(stack/stack.sh env)\")", service, why)
		return
	}
	t.Skipf("%s unavailable: %s (start it with `make stack-up` and eval \"$(stack/stack.sh env)\"; with CI=true this fails instead of skipping)", service, why)
}

// inCI reports whether CI is set to a true value, as CI systems set it.
func inCI() bool {
	ci, err := strconv.ParseBool(strings.TrimSpace(os.Getenv("CI")))
	return err == nil && ci
}

func dial(addr string) error {
	c, err := net.DialTimeout("tcp", addr, dialTimeout)
	if err != nil {
		return err
	}
	return c.Close()
}

func splitList(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}
