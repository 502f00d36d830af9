package ingestbench

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"github.com/convqa/convqa/internal/config"
	"github.com/convqa/convqa/internal/store"
	"github.com/convqa/convqa/internal/wait"
	migrations "github.com/convqa/convqa/sql"
)

func clickhouseConfig(addr, database string) config.ClickHouse {
	c := config.Default().ClickHouse
	c.Addr, c.Database = []string{addr}, database
	return c
}

// openServer connects without a database: the benchmark's own ones come
// and go.
func openServer(ctx context.Context, addr string) (driver.Conn, error) {
	conn, err := clickhouse.Open(&clickhouse.Options{
		Protocol: clickhouse.Native, Addr: []string{addr},
		Auth:        clickhouse.Auth{Username: "default"},
		DialTimeout: 5 * time.Second,
	})
	if err != nil {
		return nil, fmt.Errorf("open ClickHouse %s: %w", addr, err)
	}
	if err := conn.Ping(ctx); err != nil {
		_ = conn.Close()
		return nil, fmt.Errorf("ping ClickHouse %s: %w", addr, err)
	}
	return conn, nil
}

// migrate creates database with convqa's schema, exactly as "convqa migrate"
// does, so both peers write into the same utterances table definition. The
// migrator's per-file logs go to log at debug level only.
func migrate(ctx context.Context, addr, database string, log *slog.Logger) error {
	if !log.Enabled(ctx, slog.LevelDebug) {
		log = slog.New(slog.DiscardHandler)
	}
	migs, err := store.LoadMigrations(migrations.FS)
	if err != nil {
		return err
	}
	m, err := store.NewMigrator(ctx, clickhouseConfig(addr, database), migs, log)
	if err != nil {
		return err
	}
	defer func() { _ = m.Close() }()
	p, err := m.Plan(ctx, 0)
	if err != nil {
		return err
	}
	if _, err := m.Apply(ctx, p); err != nil {
		return fmt.Errorf("migrate %s: %w", database, err)
	}
	return nil
}

// tableRows counts rows and distinct (tenant, conversation, seq) in a
// table: equal when nothing was stored twice.
func tableRows(ctx context.Context, conn driver.Conn, table string) (rows, distinct uint64, err error) {
	q := "SELECT count(), uniqExact(tenant, conversation_id, seq) FROM " + table
	if err := conn.QueryRow(ctx, q).Scan(&rows, &distinct); err != nil {
		return 0, 0, fmt.Errorf("count rows of %s: %w", table, err)
	}
	return rows, distinct, nil
}

// waitMerges waits, up to limit, until the server runs no merges: a merge
// left over from the previous consumer would count as idle load, or as the
// next consumer's work.
func waitMerges(ctx context.Context, conn driver.Conn, limit time.Duration) {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		var n uint64
		if err := conn.QueryRow(ctx, "SELECT count() FROM system.merges").Scan(&n); err != nil || n == 0 {
			return
		}
		if !wait.For(ctx, 200*time.Millisecond) {
			return
		}
	}
}
