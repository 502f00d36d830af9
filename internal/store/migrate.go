package store

import (
	"context"
	"fmt"
	"log/slog"

	migrations "github.com/convqa/convqa/sql"

	"github.com/convqa/convqa/internal/config"
)

// MigrateAll applies every migration built into convqa to cfg's database,
// creating it if missing: what "convqa migrate" does with no flags, for the
// demo and for integration tests that need the real schema.
func MigrateAll(ctx context.Context, cfg config.ClickHouse, log *slog.Logger) (Report, error) {
	migs, err := LoadMigrations(migrations.FS)
	if err != nil {
		return Report{}, err
	}
	m, err := NewMigrator(ctx, cfg, migs, log)
	if err != nil {
		return Report{}, err
	}
	defer func() { _ = m.Close() }()
	p, err := m.Plan(ctx, 0)
	if err != nil {
		return Report{}, err
	}
	return m.Apply(ctx, p)
}

// DropDatabase drops cfg's database if it exists: for the demo, which
// starts from nothing on every run. The name is validated as a plain
// identifier before it is put into the statement (identifiers cannot be
// bound as parameters).
func DropDatabase(ctx context.Context, cfg config.ClickHouse) error {
	if !identifier.MatchString(cfg.Database) {
		return fmt.Errorf("drop database: %q is not a plain identifier", cfg.Database)
	}
	conn, err := openServer(ctx, cfg)
	if err != nil {
		return err
	}
	defer func() { _ = conn.Close() }()
	if err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+cfg.Database); err != nil {
		return fmt.Errorf("drop database %s: %w", cfg.Database, err)
	}
	return nil
}
