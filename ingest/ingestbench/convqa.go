package ingestbench

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// convqaRun is one "convqa ingest" to measure: which topic, and what it
// must store before it counts as done.
type convqaRun struct {
	peer     string
	topic    string
	messages int
	bytes    int64
	// conversations is the conversations-table rows to wait for too.
	conversations int
}

// runConvqa starts "convqa ingest" on its own consumer group and freshly
// migrated database, and measures until its metrics say every row is
// inserted: the process's CPU time then is convqa's cost, and the server's
// CPU over the same time (less idle) what its inserts cost ClickHouse.
func (b *bench) runConvqa(ctx context.Context, r convqaRun, run int) (Result, error) {
	kind := "cqflat"
	if r.conversations > 0 {
		kind = "cqconv"
	}
	db := b.name(kind, run)
	group, dlq := db, db+"_dlq"
	b.cleanup(func(ctx context.Context) error { return b.deleteTopic(ctx, dlq) })
	b.cleanup(func(ctx context.Context) error { return b.deleteGroup(ctx, group) })
	b.cleanup(func(ctx context.Context) error { return b.dropDatabase(ctx, db) })
	if err := migrate(ctx, b.cfg.ClickHouseAddr, db, b.log); err != nil {
		return Result{}, err
	}
	httpAddr, err := freeAddr()
	if err != nil {
		return Result{}, err
	}
	env := map[string]string{
		"CONVQA_CLICKHOUSE_ADDR":          b.cfg.ClickHouseAddr,
		"CONVQA_CLICKHOUSE_DATABASE":      db,
		"CONVQA_KAFKA_BROKERS":            strings.Join(b.cfg.KafkaBrokers, ","),
		"CONVQA_KAFKA_TOPIC":              r.topic,
		"CONVQA_KAFKA_DLQ_TOPIC":          dlq,
		"CONVQA_INGEST_GROUP_ID":          group,
		"CONVQA_INGEST_HTTP_ADDR":         httpAddr,
		"CONVQA_INGEST_CUSTOMER_HASH_KEY": randomHex(16),
	}
	if b.cfg.BatchMaxRows > 0 {
		env["CONVQA_INGEST_BATCH_MAX_ROWS"] = strconv.Itoa(b.cfg.BatchMaxRows)
	}
	logPath := filepath.Join(b.cfg.LogDir, db+".log")
	logFile, err := os.Create(logPath)
	if err != nil {
		return Result{}, err
	}
	defer func() { _ = logFile.Close() }()

	win, err := b.openWindow(ctx)
	if err != nil {
		return Result{}, err
	}
	cmd := exec.Command(b.cfg.ConvqaBin, "ingest")
	cmd.Env = subprocessEnv(os.Environ(), env)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return Result{}, fmt.Errorf("start %s ingest (build it with make build): %w", b.cfg.ConvqaBin, err)
	}
	pid := cmd.Process.Pid
	pctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	exited := make(chan struct{})
	go func() {
		err := cmd.Wait()
		cancel(fmt.Errorf("convqa ingest exited early (%v); its log: %s%s", err, logPath, tail(logPath)))
		close(exited)
	}()
	defer stop(cmd, exited, b.log)

	metrics := "http://" + httpAddr + "/metrics"
	prog, err := b.waitRows(pctx, start, func(ctx context.Context) (uint64, bool, error) {
		m, err := scrape(ctx, metrics)
		if err != nil {
			return 0, false, err
		}
		if n := m.sum("convqa_ingest_messages_rejected_total"); n > 0 {
			cancel(fmt.Errorf("convqa rejected %.0f generated messages to its DLQ %s; its log: %s", n, dlq, logPath))
		}
		u := m.get(`convqa_ingest_rows_inserted_total{table="utterances"}`)
		c := m.get(`convqa_ingest_rows_inserted_total{table="conversations"}`)
		if u < float64(b.data.Rows) || c < float64(r.conversations) {
			return uint64(u), false, nil
		}
		// The counter counts a redelivered row twice; the table says
		// whether every distinct row is there.
		_, distinct, err := tableRows(ctx, b.ch, db+".utterances")
		return distinct, distinct >= uint64(b.data.Rows), err
	})
	if cause := context.Cause(pctx); err != nil && cause != nil && ctx.Err() == nil {
		err = cause
	}
	if err != nil {
		return Result{}, fmt.Errorf("%s: %w", r.peer, err)
	}
	cpu, err := CPUTime(pid)
	if err != nil {
		return Result{}, err
	}
	server, busy, err := b.close(win, r.peer, prog.elapsed)
	if err != nil {
		return Result{}, err
	}
	res := Result{
		Peer: r.peer, Messages: r.messages, Rows: b.data.Rows, Bytes: r.bytes,
		Elapsed: prog.elapsed, FirstVisible: prog.first, FirstVisibleRows: prog.firstRows,
		CPU: cpu, ServerCPU: server, MachineBusy: busy,
	}
	if err := b.verify(ctx, db+".utterances", &res); err != nil {
		return res, fmt.Errorf("%w (convqa's log: %s)", err, logPath)
	}
	if r.conversations > 0 {
		var n, distinct uint64
		q := "SELECT count(), uniqExact(tenant, conversation_id) FROM " + db + ".conversations"
		if err := b.ch.QueryRow(ctx, q).Scan(&n, &distinct); err != nil {
			return res, fmt.Errorf("count rows of %s.conversations: %w", db, err)
		}
		if want := uint64(r.conversations); distinct != want || n < want {
			return res, fmt.Errorf("%s.conversations holds %d rows, %d distinct; want %d distinct (convqa's log: %s)", db, n, distinct, want, logPath)
		}
	}
	// The log is kept when anything failed: the error names it.
	b.cleanup(func(context.Context) error { return os.Remove(logPath) })
	return res, nil
}

// stop ends convqa as an operator would, with SIGTERM (it commits and
// leaves the group), and kills it if it does not exit in time.
func stop(cmd *exec.Cmd, exited <-chan struct{}, log *slog.Logger) {
	select {
	case <-exited:
		return
	default:
	}
	_ = cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-exited:
	case <-time.After(45 * time.Second):
		log.Warn("convqa ingest did not stop within 45s of SIGTERM; killing it", "pid", cmd.Process.Pid)
		_ = cmd.Process.Kill()
		<-exited
	}
}

// subprocessEnv is the parent's environment without any CONVQA_ variable
// (a developer's CONVQA_CONFIG must not change what is measured), plus set.
func subprocessEnv(parent []string, set map[string]string) []string {
	out := make([]string, 0, len(parent)+len(set))
	for _, kv := range parent {
		if !strings.HasPrefix(kv, "CONVQA_") {
			out = append(out, kv)
		}
	}
	for k, v := range set {
		out = append(out, k+"="+v)
	}
	return out
}

// freeAddr returns a loopback address with a port free right now, for
// convqa's /metrics.
func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer func() { _ = ln.Close() }()
	return ln.Addr().String(), nil
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// tail returns the last lines of a log file, for error messages.
func tail(path string) string {
	b, err := os.ReadFile(path)
	if err != nil || len(b) == 0 {
		return ""
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	return "\n  " + strings.Join(lines[max(0, len(lines)-5):], "\n  ")
}
