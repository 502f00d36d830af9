package job

import (
	"context"
	"fmt"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
	"github.com/apache/arrow/go/v17/arrow/memory"

	"github.com/convqa/convqa/internal/transcript"
)

// selectClosed lists a tenant's closed conversations started in
// [since, until), by start, after a (started, id) cursor: what a rule
// backtest reads, scored or not.
const selectClosed = `SELECT conversation_id, started
FROM ` + closedLatest + `
  AND (started, conversation_id) > (toDateTime(@after_at), @after_id)
ORDER BY started, conversation_id
LIMIT @limit`

// EachStored calls fn with every closed conversation of tenant started in
// [since, until), in start order, read the way the scoring job reads them
// (the latest version of each conversation and turn, through Arrow
// records), batch conversations at a time. It stops at fn's first error.
func EachStored(ctx context.Context, conn driver.Conn, tenant string, since, until time.Time, batch int, fn func(*transcript.Message) error) error {
	if batch <= 0 {
		batch = 500
	}
	if until.IsZero() {
		until = time.Now().Add(time.Hour)
	}
	afterAt, afterID := since.Add(-time.Second), ""
	mem := memory.NewGoAllocator()
	for {
		rows, err := conn.Query(ctx, selectClosed,
			clickhouse.Named("tenant", tenant), clickhouse.Named("since", since.Unix()), clickhouse.Named("lower", since.Unix()), clickhouse.Named("until", until.Unix()),
			clickhouse.Named("after_at", afterAt.Unix()), clickhouse.Named("after_id", afterID), clickhouse.Named("limit", batch))
		if err != nil {
			return fmt.Errorf("list stored conversations of tenant %q: %w", tenant, err)
		}
		var ids []string
		for rows.Next() {
			var id string
			var at time.Time
			if err := rows.Scan(&id, &at); err != nil {
				rows.Close()
				return fmt.Errorf("list stored conversations of tenant %q: %w", tenant, err)
			}
			ids = append(ids, id)
			afterAt, afterID = at, id
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("list stored conversations of tenant %q: %w", tenant, err)
		}
		if len(ids) == 0 {
			return nil
		}
		conv, utt, err := readBatch(ctx, conn, mem, tenant, ids)
		if err != nil {
			return err
		}
		msgs, err := Messages(conv, utt)
		conv.Release()
		utt.Release()
		if err != nil {
			return fmt.Errorf("stored conversations of tenant %q: %w", tenant, err)
		}
		for _, m := range msgs {
			if err := fn(m); err != nil {
				return err
			}
		}
		if len(ids) < batch {
			return nil
		}
	}
}

// Tenants lists the tenants that have conversations.
func Tenants(ctx context.Context, conn driver.Conn) ([]string, error) {
	return listTenants(ctx, conn)
}
