package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
)

// Insert sends n rows to table as one native INSERT, column by column:
// cols[i] is the slice of column columns[i] (a type clickhouse-go appends
// to that ClickHouse column). The statement names its columns (ClickHouse
// 18.16 wants the list, and it keeps an insert valid when later migrations
// add columns). A fresh batch is prepared on every call, so a retry never
// sends a half-filled one. table and columns are convqa's own identifiers,
// never input: the values go as data, not SQL.
func Insert(ctx context.Context, conn driver.Conn, table string, columns []string, cols []any, n int) error {
	query := "INSERT INTO " + table + " (" + strings.Join(columns, ", ") + ")"
	b, err := conn.PrepareBatch(ctx, query)
	if err != nil {
		return fmt.Errorf("prepare insert of %d rows into %s: %w", n, table, err)
	}
	defer func() { _ = b.Close() }()
	for i, c := range cols {
		if err := b.Column(i).Append(c); err != nil {
			return fmt.Errorf("fill column %s of the insert of %d rows into %s: %w", columns[i], n, table, err)
		}
	}
	if err := b.Send(); err != nil {
		return fmt.Errorf("insert %d rows into %s: %w", n, table, err)
	}
	return nil
}
