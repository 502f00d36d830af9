package store

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"github.com/convqa/convqa/internal/config"
	"github.com/convqa/convqa/internal/testenv"
	migrations "github.com/convqa/convqa/sql"
)

// freshDatabase returns the config of a database name that does not exist
// yet on the stack's ClickHouse: testenv creates it (and drops it when the
// test ends), and we drop it again at once so migrate has to create it.
func freshDatabase(t *testing.T) config.ClickHouse {
	t.Helper()
	tdb := testenv.ClickHouse(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := tdb.Conn.Exec(ctx, "DROP DATABASE "+tdb.Database); err != nil {
		t.Fatalf("drop %s so that migrate must create it: %v", tdb, err)
	}
	return config.ClickHouse{Addr: []string{tdb.Addr}, Database: tdb.Database, Username: "default", DialTimeout: 5 * time.Second}
}

func embedded(t *testing.T) []Migration {
	t.Helper()
	migs, err := LoadMigrations(migrations.FS)
	if err != nil {
		t.Fatal(err)
	}
	return migs
}

func newTestMigrator(t *testing.T, cfg config.ClickHouse, migs []Migration) *Migrator {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	m, err := NewMigrator(ctx, cfg, migs, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = m.Close() })
	return m
}

func TestMigrateIntegration(t *testing.T) {
	cfg := freshDatabase(t)
	migs := embedded(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	m := newTestMigrator(t, cfg, migs)
	server := m.ServerVersion()
	t.Logf("ClickHouse %s, database %s", server, cfg.Database)

	// The dry run: everything pending, and nothing created by asking.
	for range 2 {
		p, err := m.Plan(ctx, 0)
		if err != nil {
			t.Fatal(err)
		}
		if p.DatabaseExists || len(p.Todo()) != len(migs) {
			t.Fatalf("before migrating: database exists %v, %d to do; want false, %d", p.DatabaseExists, len(p.Todo()), len(migs))
		}
	}

	p, err := m.Plan(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := m.Apply(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.CreatedDatabase || rep.Applied != len(migs) || rep.Upgraded != 0 {
		t.Fatalf("first run: %+v, want the database created and %d applied", rep, len(migs))
	}

	// A second run, from a new migrator as a second "convqa migrate" would, is a no-op.
	again := newTestMigrator(t, cfg, migs)
	p2, err := again.Plan(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	rep2, err := again.Apply(ctx, p2)
	if err != nil {
		t.Fatal(err)
	}
	if rep2 != (Report{}) {
		t.Fatalf("second run did something: %+v", rep2)
	}

	conn, err := Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()

	for _, table := range []string{"conversations", "utterances", "scores", "rule_hits", "topic_mentions", "spikes",
		"alert_events", "reviews", "conversations_hourly", "conversations_hourly_mv", BookkeepingTable} {
		var n uint64
		if err := conn.QueryRow(ctx, "SELECT count() FROM system.tables WHERE database = ? AND name = ?", cfg.Database, table).Scan(&n); err != nil || n != 1 {
			t.Errorf("table %s: count %d, %v", table, n, err)
		}
	}

	// The bookkeeping names the branch each file took on this server.
	recs, err := again.readRecords(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != len(migs) {
		t.Fatalf("%d bookkeeping records, want %d", len(recs), len(migs))
	}
	for i, r := range recs {
		want := migs[i].Branch(server)
		if r.Name != migs[i].Name || r.Checksum != migs[i].Checksum || r.Branch != want || r.ServerVersion != server.String() {
			t.Errorf("record %+v, want %s branch %s on %s", r, migs[i].Name, want, server)
		}
		if !server.AtLeast(Version{Major: 22, Minor: 3}) && migs[i].Name == "0001_conversations.sql" && r.Branch != BranchOld {
			t.Errorf("on ClickHouse %s, 0001 ran branch %q, want %q", server, r.Branch, BranchOld)
		}
	}

	checkDuplicateSafety(ctx, t, conn)
}

// checkDuplicateSafety inserts one conversation and its utterances twice, as
// at-least-once delivery does, and reads them back the documented ways.
func checkDuplicateSafety(ctx context.Context, t *testing.T, conn driver.Conn) {
	t.Helper()
	started := time.Date(2024, 5, 1, 9, 30, 0, 0, time.UTC)
	for _, c := range []struct {
		status  string
		version uint64
	}{{"open", 1}, {"open", 1}, {"closed", 2}} {
		b, err := conn.PrepareBatch(ctx, "INSERT INTO conversations (tenant, conversation_id, channel, status, started_at, customer_hash, version)")
		if err != nil {
			t.Fatal(err)
		}
		if err := b.Append("acme", "c-1", "chat", c.status, started, "h1", c.version); err != nil {
			t.Fatal(err)
		}
		if err := b.Send(); err != nil {
			t.Fatalf("insert conversation: %v", err)
		}
	}
	for range 2 {
		b, err := conn.PrepareBatch(ctx, "INSERT INTO utterances (tenant, conversation_id, seq, speaker, text, started_at, version)")
		if err != nil {
			t.Fatal(err)
		}
		for seq, text := range []string{"您好，请问有什么可以帮您？", "这个牛奶的保质期是多久？"} {
			if err := b.Append("acme", "c-1", uint32(seq), "agent", text, started, uint64(1)); err != nil {
				t.Fatal(err)
			}
		}
		if err := b.Send(); err != nil {
			t.Fatalf("insert utterances: %v", err)
		}
	}

	var n uint64
	if err := conn.QueryRow(ctx, "SELECT count() FROM conversations FINAL WHERE tenant = ?", "acme").Scan(&n); err != nil || n != 1 {
		t.Errorf("conversations FINAL: %d rows, %v; want 1", n, err)
	}
	var status string
	if err := conn.QueryRow(ctx, "SELECT argMax(status, version) FROM conversations WHERE tenant = ? GROUP BY conversation_id", "acme").Scan(&status); err != nil || status != "closed" {
		t.Errorf("argMax read: status %q, %v; want closed", status, err)
	}
	if err := conn.QueryRow(ctx, "SELECT count() FROM utterances FINAL WHERE tenant = ? AND conversation_id = ?", "acme", "c-1").Scan(&n); err != nil || n != 2 {
		t.Errorf("utterances FINAL: %d rows, %v; want 2", n, err)
	}
	if err := conn.QueryRow(ctx, "SELECT count() FROM (SELECT seq, argMax(text, version) FROM utterances WHERE tenant = ? GROUP BY seq)", "acme").Scan(&n); err != nil || n != 2 {
		t.Errorf("utterances argMax: %d rows, %v; want 2", n, err)
	}
	var convs, closed, customers uint64
	err := conn.QueryRow(ctx, `SELECT uniqExactMerge(conversations), uniqExactIfMerge(closed_conversations), uniqExactIfMerge(customers)
FROM conversations_hourly WHERE tenant = ? AND hour = ?`, "acme", started.Truncate(time.Hour)).Scan(&convs, &closed, &customers)
	if err != nil || convs != 1 || closed != 1 || customers != 1 {
		t.Errorf("conversations_hourly: %d conversations, %d closed, %d customers, %v; want 1 each", convs, closed, customers, err)
	}
}

func TestMigrateChecksumIntegration(t *testing.T) {
	cfg := freshDatabase(t)
	migs := embedded(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	m := newTestMigrator(t, cfg, migs[:3])
	p, err := m.Plan(ctx, 2)
	if err != nil {
		t.Fatal(err)
	}
	if rep, err := m.Apply(ctx, p); err != nil || rep.Applied != 2 {
		t.Fatalf("apply up to target 2: %+v, %v", rep, err)
	}

	edited := append([]Migration(nil), migs...)
	edited[1].Checksum = strings.Repeat("0", 64)
	m2 := newTestMigrator(t, cfg, edited)
	p2, err := m2.Plan(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	_, err = m2.Apply(ctx, p2)
	if err == nil || !strings.Contains(err.Error(), "migration 0002_utterances.sql changed after it was applied") {
		t.Fatalf("apply with an edited applied migration: %v", err)
	}
	if p3, err := m.Plan(ctx, 0); err != nil || len(p3.Todo()) != 1 {
		t.Fatalf("the refused run changed something: %v, %d to do, want 1 (0003)", err, len(p3.Todo()))
	}
}

func TestOpenErrorHidesPasswordIntegration(t *testing.T) {
	addr := testenv.ClickHouseAddr(t)
	const pw = "not-the-password-4711"
	// A user the server does not have: login fails whatever its password policy.
	cfg := config.ClickHouse{Addr: []string{addr}, Database: "default", Username: "convqa_no_such_user", Password: pw, DialTimeout: 5 * time.Second}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	conn, err := Open(ctx, cfg)
	if err == nil {
		_ = conn.Close()
		t.Fatal("login as a user the server does not have succeeded")
	}
	if strings.Contains(err.Error(), pw) {
		t.Fatalf("error shows the password: %v", err)
	}
	t.Logf("error: %v", err)
}

// TestConcurrentMigrateIntegration runs two migrators at once on a fresh
// database, as two "convqa migrate" started together would: both must
// succeed and leave one bookkeeping answer per migration.
func TestConcurrentMigrateIntegration(t *testing.T) {
	cfg := freshDatabase(t)
	migs := embedded(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	ms := []*Migrator{newTestMigrator(t, cfg, migs), newTestMigrator(t, cfg, migs)}
	errs := make(chan error, len(ms))
	for _, m := range ms {
		go func() {
			p, err := m.Plan(ctx, 0)
			if err == nil {
				_, err = m.Apply(ctx, p)
			}
			errs <- err
		}()
	}
	for range ms {
		if err := <-errs; err != nil {
			t.Errorf("concurrent migrate: %v", err)
		}
	}
	p, err := ms[0].Plan(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Todo()) != 0 || p.Err() != nil {
		t.Fatalf("after two concurrent runs: %d to do, %v", len(p.Todo()), p.Err())
	}
	recs, err := ms[0].readRecords(ctx)
	if err != nil || len(recs) != len(migs) {
		t.Fatalf("%d records, %v; want %d", len(recs), err, len(migs))
	}
}
