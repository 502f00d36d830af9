package ingestbench

import (
	"net"
	"os"
	"strings"
	"testing"
	"time"
)

func TestParseStatCPU(t *testing.T) {
	tests := []struct {
		name    string
		stat    string
		want    uint64
		wantErr bool
	}{
		{
			name: "clickhouse-server",
			stat: "28906 (clickhouse-serv) S 1 28906 28906 0 -1 4194560 95447 0 0 0 1234 567 0 0 20 0 61 0 123 1343136 26839 18446744073709551615",
			want: 1234 + 567,
		},
		{
			// A command name may hold spaces and parentheses.
			name: "odd command name",
			stat: "42 (a) b (c)) R 1 42 42 0 -1 0 0 0 0 0 7 3 0 0 20 0 1 0 5 100 10 0",
			want: 10,
		},
		{name: "no command name", stat: "42 R 1 2 3", wantErr: true},
		{name: "too few fields", stat: "42 (x) R 1 2 3 4 5", wantErr: true},
		{name: "utime not a number", stat: "42 (x) R 1 42 42 0 -1 0 0 0 0 0 x 3 0 0 20 0 1 0 5 100 10 0", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseStatCPU([]byte(tt.stat))
			if (err != nil) != tt.wantErr {
				t.Fatalf("parseStatCPU: err = %v, want error: %v", err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("parseStatCPU = %d, want %d", got, tt.want)
			}
		})
	}
}

func TestCPUTimeOfThisProcessGrows(t *testing.T) {
	before, err := CPUTime(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	// Spin until the kernel's 10 ms ticks have certainly counted some.
	deadline := time.Now().Add(150 * time.Millisecond)
	x := 0
	for time.Now().Before(deadline) {
		x++
	}
	after, err := CPUTime(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	if after <= before {
		t.Errorf("CPU time went from %v to %v after 150 ms of spinning (%d loops)", before, after, x)
	}
}

func TestListeningInodes(t *testing.T) {
	// /proc/net/tcp as the kernel writes it: port 19000 (0x4A38) listening
	// twice, once connected, and another port listening.
	table := `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:4A38 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 111 1 0000000000000000 100 0 0 10 0
   1: 0100007F:4A38 0100007F:D2F0 01 00000000:00000000 00:00000000 00000000     0        0 222 1 0000000000000000 20 4 30 10 -1
   2: 0100007F:4A99 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 333 1 0000000000000000 100 0 0 10 0
   3: 00000000000000000000000001000000:4A38 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 444 1 0000000000000000 100 0 0 10 0
`
	got := map[string]bool{}
	if err := listeningInodes(strings.NewReader(table), 19000, got); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || !got["111"] || !got["444"] {
		t.Errorf("listening inodes on 19000 = %v, want 111 and 444", got)
	}
}

func TestListenerPIDFindsThisProcess(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = ln.Close() }()
	pid, err := ListenerPID(ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	if pid != os.Getpid() {
		t.Errorf("ListenerPID(%s) = %d, want this test's pid %d", ln.Addr(), pid, os.Getpid())
	}
}

func TestListenerPIDRefusesRemoteAndBadAddresses(t *testing.T) {
	for _, addr := range []string{"clickhouse.example:9000", "10.1.2.3:9000", "127.0.0.1", "127.0.0.1:notaport"} {
		if _, err := ListenerPID(addr); err == nil {
			t.Errorf("ListenerPID(%q) succeeded, want an error", addr)
		}
	}
}

func TestServerCPUSubtractsIdleAndNeverGoesNegative(t *testing.T) {
	tests := []struct {
		c0, c1, elapsed time.Duration
		idle            float64
		want            time.Duration
	}{
		{0, 10 * time.Second, 20 * time.Second, 0.05, 9 * time.Second},
		{0, 10 * time.Second, 20 * time.Second, 0, 10 * time.Second},
		{0, time.Second, 20 * time.Second, 0.5, 0},
	}
	for _, tt := range tests {
		if got := serverCPU(tt.c0, tt.c1, tt.elapsed, tt.idle); got != tt.want {
			t.Errorf("serverCPU(%v, %v, %v, %v) = %v, want %v", tt.c0, tt.c1, tt.elapsed, tt.idle, got, tt.want)
		}
	}
}

func TestParseMachineTimes(t *testing.T) {
	stat := "cpu  100 5 50 800 40 3 2 0 7 0\ncpu0 50 2 25 400 20 1 1 0 3 0\nintr 1\n"
	got, err := parseMachineTimes([]byte(stat))
	if err != nil {
		t.Fatal(err)
	}
	// busy: user+nice+system+irq+softirq+steal; idle and iowait are not.
	if want := (machineTimes{busy: 160, total: 1000}); got != want {
		t.Errorf("parseMachineTimes = %+v, want %+v", got, want)
	}
	if share := busyShare(machineTimes{10, 100}, machineTimes{70, 200}); share != 0.6 {
		t.Errorf("busyShare = %v, want 0.6", share)
	}
	if share := busyShare(machineTimes{10, 100}, machineTimes{10, 100}); share != 0 {
		t.Errorf("busyShare over no time = %v, want 0", share)
	}
	for _, bad := range []string{"", "intr 1 2 3\n", "cpu 1 2 3\n", "cpu 1 2 3 x 5 6 7 8\n"} {
		if _, err := parseMachineTimes([]byte(bad)); err == nil {
			t.Errorf("parseMachineTimes(%q) succeeded", bad)
		}
	}
}
