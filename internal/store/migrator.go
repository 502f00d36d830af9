package store

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"github.com/convqa/convqa/internal/config"
)

// BookkeepingTable records applied migrations in the migrated database.
const BookkeepingTable = "schema_migrations"

// bookkeepingDDL creates BookkeepingTable. Every action appends a row and
// readers take each name's newest (argMax by version), so two migrators
// recording the same migration at once leave one answer, not a conflict.
const bookkeepingDDL = `CREATE TABLE IF NOT EXISTS schema_migrations
(
    name           String COMMENT 'migration file name',
    checksum       String COMMENT 'SHA-256 of the file when it was applied',
    applied_at     DateTime('UTC'),
    server_version String COMMENT 'version of the server that ran it',
    branch         String COMMENT 'all, old, new or mixed: which side of the file''s convqa:requires conditions ran',
    action         String COMMENT 'apply, or upgrade when a newer server ran the statements an older one skipped',
    statements     UInt32 COMMENT 'statements run by this action',
    skipped        UInt32 COMMENT 'statements of the file this server did not run',
    version        UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY name`

// Migrator applies migrations to the configured database.
//
// ClickHouse has no transactions or locks, so the migrator relies on
// idempotence instead: every statement is written to be harmless when
// repeated (IF NOT EXISTS, MODIFY), a migration is recorded only after all
// its statements succeeded, and a failed run is finished by running again.
// Two migrators running at once may both execute a pending migration's
// statements and both record it; the result is the same schema and one
// bookkeeping answer.
type Migrator struct {
	cfg     config.ClickHouse
	migs    []Migration
	log     *slog.Logger
	server  driver.Conn // no database selected: it may not exist yet
	db      driver.Conn // cfg.Database, opened once it exists
	version Version
}

// NewMigrator connects to the server of cfg and reads its version. It does
// not need cfg.Database to exist.
func NewMigrator(ctx context.Context, cfg config.ClickHouse, migs []Migration, log *slog.Logger) (*Migrator, error) {
	if !identifier.MatchString(cfg.Database) {
		return nil, fmt.Errorf("migrate: database name %q is not a plain identifier", cfg.Database)
	}
	server, err := openServer(ctx, cfg)
	if err != nil {
		return nil, err
	}
	v, err := ServerVersion(ctx, server)
	if err != nil {
		_ = server.Close()
		return nil, err
	}
	if !v.AtLeast(MinServerVersion()) {
		log.Warn("ClickHouse server older than any convqa is tested with", "server_version", v.String(), "min_version", MinServerVersion().String())
	}
	return &Migrator{cfg: cfg, migs: migs, log: log, server: server, version: v}, nil
}

// ServerVersion is the version of the connected server.
func (m *Migrator) ServerVersion() Version { return m.version }

// Close closes the migrator's connections.
func (m *Migrator) Close() error {
	var err error
	if m.db != nil {
		err = m.db.Close()
	}
	if e := m.server.Close(); err == nil {
		err = e
	}
	return err
}

// Plan reads the bookkeeping, if any, and returns what Apply would do;
// target > 0 holds back migrations numbered above it. It changes nothing,
// which makes it the dry run.
func (m *Migrator) Plan(ctx context.Context, target int) (Plan, error) {
	exists, err := m.databaseExists(ctx)
	if err != nil {
		return Plan{}, err
	}
	var records []Record
	if exists {
		if records, err = m.readRecords(ctx); err != nil {
			return Plan{}, err
		}
	}
	p := BuildPlan(m.migs, records, m.version, target)
	p.Database, p.DatabaseExists = m.cfg.Database, exists
	return p, nil
}

// Report sums up what Apply did.
type Report struct {
	CreatedDatabase bool
	// Applied and Upgraded count migrations; Statements counts the
	// statements they ran.
	Applied, Upgraded, Statements int
}

// Apply carries out a plan made by Plan: creates the database if missing,
// then runs each pending or upgradable migration's statements in order and
// records it. It stops at the first error, which names the migration and
// statement; what ran before stays recorded.
func (m *Migrator) Apply(ctx context.Context, p Plan) (Report, error) {
	var rep Report
	if err := p.Err(); err != nil {
		return rep, err
	}
	if !p.DatabaseExists {
		// The name is an identifier checked by NewMigrator; DDL takes no
		// bound parameters, so quoting is the only way to put it here.
		if err := m.server.Exec(ctx, "CREATE DATABASE IF NOT EXISTS `"+m.cfg.Database+"`"); err != nil {
			return rep, fmt.Errorf("create database %s: %w", m.cfg.Database, err)
		}
		rep.CreatedDatabase = true
		m.log.Info("created database", "database", m.cfg.Database)
	}
	db, err := m.dbConn(ctx)
	if err != nil {
		return rep, err
	}
	if err := db.Exec(ctx, bookkeepingDDL); err != nil {
		return rep, fmt.Errorf("create bookkeeping table %s.%s: %w", m.cfg.Database, BookkeepingTable, err)
	}
	for _, st := range p.Todo() {
		began := time.Now()
		for _, s := range st.Run {
			if err := db.Exec(ctx, s.SQL); err != nil {
				return rep, fmt.Errorf("apply migration %s statement %d (line %d, %s): %w", st.Name, s.Index, s.Line, s.Cond, err)
			}
		}
		action := "apply"
		if st.State == StateUpgrade {
			action = "upgrade"
		}
		if err := m.record(ctx, db, st, action); err != nil {
			return rep, err
		}
		if st.State == StateUpgrade {
			rep.Upgraded++
		} else {
			rep.Applied++
		}
		rep.Statements += len(st.Run)
		m.log.Info("applied migration", "migration", st.Name, "action", action, "branch", st.Branch,
			"statements", len(st.Run), "skipped", len(st.Skipped), "duration_ms", time.Since(began).Milliseconds())
	}
	return rep, nil
}

func (m *Migrator) record(ctx context.Context, db driver.Conn, st Step, action string) error {
	// 18.16 needs the column list spelled out for native batch inserts.
	b, err := db.PrepareBatch(ctx, "INSERT INTO "+BookkeepingTable+" (name, checksum, applied_at, server_version, branch, action, statements, skipped, version)")
	if err != nil {
		return fmt.Errorf("record migration %s: prepare insert: %w", st.Name, err)
	}
	now := time.Now().UTC()
	if err := b.Append(st.Name, st.Migration.Checksum, now, m.version.String(), st.Branch, action,
		uint32(len(st.Run)), uint32(len(st.Skipped)), uint64(now.UnixNano())); err != nil {
		_ = b.Abort()
		return fmt.Errorf("record migration %s: %w", st.Name, err)
	}
	if err := b.Send(); err != nil {
		return fmt.Errorf("record migration %s: insert into %s: %w", st.Name, BookkeepingTable, err)
	}
	return nil
}

func (m *Migrator) dbConn(ctx context.Context) (driver.Conn, error) {
	if m.db == nil {
		db, err := Open(ctx, m.cfg)
		if err != nil {
			return nil, err
		}
		m.db = db
	}
	return m.db, nil
}

func (m *Migrator) databaseExists(ctx context.Context) (bool, error) {
	var n uint64
	if err := m.server.QueryRow(ctx, "SELECT count() FROM system.databases WHERE name = ?", m.cfg.Database).Scan(&n); err != nil {
		return false, fmt.Errorf("check whether database %s exists: %w", m.cfg.Database, err)
	}
	return n > 0, nil
}

func (m *Migrator) readRecords(ctx context.Context) ([]Record, error) {
	var n uint64
	if err := m.server.QueryRow(ctx, "SELECT count() FROM system.tables WHERE database = ? AND name = ?", m.cfg.Database, BookkeepingTable).Scan(&n); err != nil {
		return nil, fmt.Errorf("check for table %s.%s: %w", m.cfg.Database, BookkeepingTable, err)
	}
	if n == 0 {
		return nil, nil
	}
	db, err := m.dbConn(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := db.Query(ctx, `SELECT name, argMax(checksum, version), argMax(applied_at, version),
       argMax(server_version, version), argMax(branch, version),
       argMax(statements, version), argMax(skipped, version)
FROM `+BookkeepingTable+` GROUP BY name ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("read %s.%s: %w", m.cfg.Database, BookkeepingTable, err)
	}
	defer rows.Close()
	var recs []Record
	for rows.Next() {
		var (
			r           Record
			stmts, skip uint32
		)
		if err := rows.Scan(&r.Name, &r.Checksum, &r.AppliedAt, &r.ServerVersion, &r.Branch, &stmts, &skip); err != nil {
			return nil, fmt.Errorf("read %s.%s: %w", m.cfg.Database, BookkeepingTable, err)
		}
		r.Statements, r.Skipped = int(stmts), int(skip)
		recs = append(recs, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read %s.%s: %w", m.cfg.Database, BookkeepingTable, err)
	}
	return recs, nil
}
