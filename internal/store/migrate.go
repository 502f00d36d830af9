package store

import (
	"context"
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
