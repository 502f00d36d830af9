// Package store is convqa's access to ClickHouse: opening native-protocol
// connections, telling the server's version, and applying the migrations
// of the sql directory in order (Migrator).
package store

import (
	"context"
	"crypto/tls"
	"fmt"
	"regexp"
	"strings"

	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"github.com/convqa/convqa/internal/config"
)

// identifier is what convqa accepts as a database name in the SQL it writes
// itself; config validates the same rule, this keeps the package safe when
// called with a config that skipped validation.
var identifier = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]{0,63}$`)

// Open connects to cfg.Database over the native protocol (the HTTP
// interface does not work with ClickHouse 18.16) and pings it. Errors name
// the addresses and the user, never the password.
func Open(ctx context.Context, cfg config.ClickHouse) (driver.Conn, error) {
	if !identifier.MatchString(cfg.Database) {
		return nil, fmt.Errorf("open ClickHouse: database name %q is not a plain identifier", cfg.Database)
	}
	return dial(ctx, cfg, cfg.Database)
}

// openServer connects without choosing a database (the server uses the
// user's default one), for the statements that must run before the
// configured database exists.
func openServer(ctx context.Context, cfg config.ClickHouse) (driver.Conn, error) {
	return dial(ctx, cfg, "")
}

func dial(ctx context.Context, cfg config.ClickHouse, database string) (driver.Conn, error) {
	where := fmt.Sprintf("ClickHouse at %s as user %q", strings.Join(cfg.Addr, ","), cfg.Username)
	if database != "" {
		where += fmt.Sprintf(" database %q", database)
	}
	opts := &clickhouse.Options{
		Protocol: clickhouse.Native,
		Addr:     cfg.Addr,
		Auth: clickhouse.Auth{
			Database: database,
			Username: cfg.Username,
			Password: cfg.Password.Reveal(),
		},
		DialTimeout: cfg.DialTimeout,
	}
	if cfg.Secure {
		opts.TLS = &tls.Config{MinVersion: tls.VersionTLS12}
	}
	conn, err := clickhouse.Open(opts)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", where, redact(err, cfg.Password))
	}
	if err := conn.Ping(ctx); err != nil {
		_ = conn.Close()
		return nil, fmt.Errorf("ping %s: %w", where, redact(err, cfg.Password))
	}
	return conn, nil
}

// redact hides the password should a driver or server error ever quote it
// (a DSN echoed back, an authentication message). errors.Is and errors.As
// still see the original error.
func redact(err error, password config.Secret) error {
	p := password.Reveal()
	if err == nil || p == "" || !strings.Contains(err.Error(), p) {
		return err
	}
	return &redactedError{msg: strings.ReplaceAll(err.Error(), p, "<secret>"), err: err}
}

type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }

// Unwrap keeps errors.Is/As working; it is only reached by code that
// inspects the error's type, not by printing it.
func (e *redactedError) Unwrap() error { return e.err }
