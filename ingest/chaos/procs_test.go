package chaos

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fakeIngest writes a stand-in for `convqa ingest`: a shell script that
// runs body.
func fakeIngest(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "convqa")
	if err := os.WriteFile(p, []byte("#!/bin/sh\n"+body+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestIngesterKillAndStop(t *testing.T) {
	// Exits 0 on SIGTERM, as ingest does after a clean shutdown.
	bin := fakeIngest(t, `trap 'exit 0' TERM; echo "$1 $CHAOS_MARK"; while :; do sleep 0.05; done`)
	logPath := filepath.Join(t.TempDir(), "ingest.log")
	in := newIngester("ingest-0", bin, append(os.Environ(), "CHAOS_MARK=here"), logPath, slog.New(slog.DiscardHandler))
	if err := in.start(); err != nil {
		t.Fatal(err)
	}
	waitForLog(t, logPath, "ingest here", 1)
	pid, err := in.kill()
	if err != nil || pid <= 0 {
		t.Fatalf("kill: pid %d, %v", pid, err)
	}
	if pid, err := in.kill(); pid != 0 || err != nil {
		t.Fatalf("second kill of a dead process: pid %d, %v", pid, err)
	}
	if err := in.start(); err != nil {
		t.Fatal(err)
	}
	waitForLog(t, logPath, "ingest here", 2) // the trap is set before the echo
	if err := in.stop(context.Background(), 5*time.Second); err != nil {
		t.Fatalf("stop: %v", err)
	}
	if s := in.surprises(); len(s) != 0 {
		t.Fatalf("kills and stops on purpose counted as surprises: %q", s)
	}
	if err := in.start(); err != nil || in.starts != 2 {
		t.Errorf("start after stop: %v, %d starts; want no new process", err, in.starts)
	}
}

func TestIngesterUnexpectedExitIsRecordedAndRestarted(t *testing.T) {
	dir := t.TempDir()
	// The first run dies at once, later runs stay up.
	bin := fakeIngest(t, `if [ ! -f `+dir+`/ran ]; then touch `+dir+`/ran; exit 3; fi; trap 'exit 0' TERM; while :; do sleep 0.05; done`)
	in := newIngester("ingest-1", bin, os.Environ(), filepath.Join(dir, "log"), slog.New(slog.DiscardHandler))
	if err := in.start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		in.mu.Lock()
		starts := in.starts
		in.mu.Unlock()
		if starts == 2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("not restarted after an unexpected exit")
		}
		time.Sleep(50 * time.Millisecond)
	}
	time.Sleep(200 * time.Millisecond)
	if err := in.stop(context.Background(), 5*time.Second); err != nil {
		t.Fatalf("stop: %v", err)
	}
	s := in.surprises()
	if len(s) != 1 || !strings.Contains(s[0], "exit status 3") {
		t.Fatalf("surprises %q, want one naming exit status 3", s)
	}
}

func TestIngesterStopKillsAHungProcess(t *testing.T) {
	bin := fakeIngest(t, `trap '' TERM; while :; do sleep 0.05; done`)
	in := newIngester("ingest-0", bin, os.Environ(), filepath.Join(t.TempDir(), "log"), slog.New(slog.DiscardHandler))
	if err := in.start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond)
	err := in.stop(context.Background(), 300*time.Millisecond)
	if err == nil || !strings.Contains(err.Error(), "did not stop") {
		t.Fatalf("stop of a process ignoring SIGTERM: %v", err)
	}
}

// waitForLog waits until the log holds n lines containing s.
func waitForLog(t *testing.T, path, s string, n int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		b, _ := os.ReadFile(path)
		if strings.Count(string(b), s) >= n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: want %d lines with %q, have:\n%s", path, n, s, b)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
