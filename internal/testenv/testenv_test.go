package testenv

import (
	"fmt"
	"net"
	"regexp"
	"strings"
	"testing"
)

func TestUniqueNameShape(t *testing.T) {
	tests := []struct {
		prefix, testName, want string
	}{
		{"convqa_test", "TestIngest", "convqa_test_testingest_0123abcd"},
		{"convqa_test", "TestIngest/batch_of_12000-rows", "convqa_test_testingest_batch_of_12000_rows_0123abcd"},
		{"convqa_test", "TestX/中文 name", "convqa_test_testx_name_0123abcd"},
		{"Group-Name", "__Test__", "group_name_test_0123abcd"},
		{"", "TestOnly", "testonly_0123abcd"},
		// The whole name fits maxName: p_ + 52 a + _0123abcd = 63 bytes.
		{"p", strings.Repeat("a", 100), "p_" + strings.Repeat("a", 52) + "_0123abcd"},
		// Truncation must not leave a trailing '_' before the suffix.
		{"p", strings.Repeat("a", 51) + "/b", "p_" + strings.Repeat("a", 51) + "_0123abcd"},
	}
	for _, tt := range tests {
		t.Run(tt.testName, func(t *testing.T) {
			if got := uniqueName(tt.prefix, tt.testName, "0123abcd"); got != tt.want {
				t.Errorf("uniqueName(%q, %q) = %q, want %q", tt.prefix, tt.testName, got, tt.want)
			}
		})
	}
}

func TestUniqueNameIsValidEverywhere(t *testing.T) {
	// ClickHouse unquoted identifiers and Kafka topic names both accept this.
	valid := regexp.MustCompile(`^[a-z_][a-z0-9_]*$`)
	seen := map[string]bool{}
	for i := 0; i < 100; i++ {
		name := UniqueName(t, "convqa_test")
		if !valid.MatchString(name) || len(name) > maxName {
			t.Fatalf("UniqueName = %q: not a valid identifier/topic name", name)
		}
		if !strings.HasPrefix(name, "convqa_test_testuniquenameisvalideverywhere_") {
			t.Fatalf("UniqueName = %q: want the prefix and the test's name first", name)
		}
		if seen[name] {
			t.Fatalf("UniqueName returned %q twice", name)
		}
		seen[name] = true
	}
}

func TestSplitList(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{" , ,", nil},
		{"127.0.0.1:19092", []string{"127.0.0.1:19092"}},
		{" a:1 ,b:2,, c:3 ", []string{"a:1", "b:2", "c:3"}},
	}
	for _, tt := range tests {
		if got := splitList(tt.in); fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("splitList(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// recorder stands in for a testing.T to see whether a helper skips or fails.
// Unlike the real ones, its Skipf and Fatalf return.
type recorder struct {
	testing.TB
	skipped, fatal string
}

func (r *recorder) Helper()                          {}
func (r *recorder) Name() string                     { return "TestRecorder" }
func (r *recorder) Skipf(format string, args ...any) { r.skipped = fmt.Sprintf(format, args...) }
func (r *recorder) Fatalf(format string, args ...any) {
	r.fatal = fmt.Sprintf(format, args...)
}

// closedAddr returns a loopback address where nothing listens.
func closedAddr(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	return addr
}

// listening returns the address of a loopback listener that lives as long as
// the test.
func listening(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = l.Close() })
	return l.Addr().String()
}

func TestUnavailableServicesSkipOrFailByCI(t *testing.T) {
	down := closedAddr(t)
	up := listening(t)
	tests := []struct {
		name, ci, chAddr, brokers string
		wantSkip, wantFatal       bool
	}{
		{name: "unset skips", ci: "", wantSkip: true},
		{name: "unset fails in CI", ci: "true", wantFatal: true},
		{name: "down skips", ci: "false", chAddr: down, brokers: down, wantSkip: true},
		{name: "down fails in CI", ci: "1", chAddr: down, brokers: down, wantFatal: true},
		{name: "up returns the address", ci: "true", chAddr: up, brokers: down + "," + up},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("CI", tt.ci)
			t.Setenv(EnvClickHouseAddr, tt.chAddr)
			t.Setenv(EnvKafkaBrokers, tt.brokers)

			ch := &recorder{}
			addr := ClickHouseAddr(ch)
			kafka := &recorder{}
			brokers := KafkaBrokers(kafka)

			for _, r := range []struct {
				service string
				rec     *recorder
				empty   bool
			}{{"ClickHouse", ch, addr == ""}, {"Kafka", kafka, brokers == nil}} {
				if got := r.rec.skipped != ""; got != tt.wantSkip {
					t.Errorf("%s: skipped = %v (%q), want %v", r.service, got, r.rec.skipped, tt.wantSkip)
				}
				if got := r.rec.fatal != ""; got != tt.wantFatal {
					t.Errorf("%s: failed = %v (%q), want %v", r.service, got, r.rec.fatal, tt.wantFatal)
				}
				if r.empty != (tt.wantSkip || tt.wantFatal) {
					t.Errorf("%s: empty result = %v, want it only when unavailable", r.service, r.empty)
				}
				for _, msg := range []string{r.rec.skipped, r.rec.fatal} {
					if msg != "" && (!strings.Contains(msg, r.service) || !strings.Contains(msg, "make stack-up")) {
						t.Errorf("%s: message %q should name the service and `make stack-up`", r.service, msg)
					}
				}
			}
			if addr != "" && addr != up {
				t.Errorf("ClickHouseAddr = %q, want %q", addr, up)
			}
			if brokers != nil && fmt.Sprint(brokers) != fmt.Sprint([]string{down, up}) {
				t.Errorf("KafkaBrokers = %q, want both brokers as configured", brokers)
			}
		})
	}
}
