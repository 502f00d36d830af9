package testenv

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
)

// setupTimeout bounds each round trip of the helpers' own set-up and clean-up
// to the stack, so a wedged server fails the test instead of hanging it.
const setupTimeout = 30 * time.Second

// ClickHouseDB is a database of the stack's ClickHouse that belongs to one test.
// It is dropped, with everything in it, when the test ends.
type ClickHouseDB struct {
	// Conn is a native-protocol connection whose default database is Database,
	// so unqualified table names land there. The helper closes it.
	Conn driver.Conn
	// Database is the database's name: only [a-z0-9_], no quoting needed.
	Database string
	// Addr is the server's native-protocol host:port.
	Addr string
}

// ClickHouse creates a uniquely named database on the stack's ClickHouse for
// the calling test and returns a connection to it. The test is skipped (failed
// with CI=true) when the server is unavailable, as with ClickHouseAddr; a
// server that is reachable but refuses the set-up fails the test.
//
// The connection uses the native protocol: with ClickHouse 18.16, the version
// CI runs, clickhouse-go's HTTP protocol does not work.
func ClickHouse(t testing.TB) *ClickHouseDB {
	t.Helper()
	addr := ClickHouseAddr(t)
	if addr == "" {
		return nil
	}
	db := &ClickHouseDB{Database: UniqueName(t, "convqa_test"), Addr: addr}

	admin, err := clickhouse.Open(db.options("default"))
	if err != nil {
		t.Fatalf("open ClickHouse connection to %s: %v", addr, err)
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), setupTimeout)
	defer cancel()
	if err := admin.Exec(ctx, "CREATE DATABASE "+db.Database); err != nil {
		_ = admin.Close()
		t.Fatalf("create test database %s on ClickHouse %s: %v", db.Database, addr, err)
		return nil
	}
	// Registered before the test's connection is closed, so it runs after it
	// (cleanups run last-in first-out) and nothing still uses the database.
	t.Cleanup(func() {
		defer func() { _ = admin.Close() }()
		ctx, cancel := context.WithTimeout(context.Background(), setupTimeout)
		defer cancel()
		if err := admin.Exec(ctx, "DROP DATABASE IF EXISTS "+db.Database); err != nil {
			t.Errorf("drop test database %s on ClickHouse %s: %v", db.Database, addr, err)
		}
	})

	conn, err := clickhouse.Open(db.options(db.Database))
	if err != nil {
		t.Fatalf("open ClickHouse connection to %s/%s: %v", addr, db.Database, err)
		return nil
	}
	t.Cleanup(func() { _ = conn.Close() })
	if err := conn.Ping(ctx); err != nil {
		t.Fatalf("ping ClickHouse %s/%s: %v", addr, db.Database, err)
		return nil
	}
	db.Conn = conn
	return db
}

// Options returns fresh connection options for the test's database, for code
// under test that opens its own connections. The caller owns them and may
// change them.
func (db *ClickHouseDB) Options() *clickhouse.Options {
	return db.options(db.Database)
}

func (db *ClickHouseDB) options(database string) *clickhouse.Options {
	return &clickhouse.Options{
		Protocol:    clickhouse.Native,
		Addr:        []string{db.Addr},
		Auth:        clickhouse.Auth{Database: database, Username: "default"},
		DialTimeout: dialTimeout,
	}
}

// String names the database and server, for test logs.
func (db *ClickHouseDB) String() string {
	return fmt.Sprintf("%s/%s", db.Addr, db.Database)
}
