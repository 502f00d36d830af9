package job

import (
	"context"
	"fmt"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"

	"github.com/convqa/convqa/internal/store"
)

// insertRecord sends rec as one INSERT into table (store.Insert): the
// record's fields are the statement's columns, and each Arrow column
// becomes the Go slice its ClickHouse column takes.
func insertRecord(ctx context.Context, conn driver.Conn, table string, rec arrow.Record) error {
	n := int(rec.NumRows())
	if n == 0 {
		return nil
	}
	names := make([]string, rec.NumCols())
	cols := make([]any, rec.NumCols())
	for i, f := range rec.Schema().Fields() {
		names[i] = f.Name
		c, err := goColumn(rec.Column(i))
		if err != nil {
			return fmt.Errorf("insert %d rows into %s: column %s: %w", n, table, f.Name, err)
		}
		cols[i] = c
	}
	return store.Insert(ctx, conn, table, names, cols, n)
}

// goColumn converts an Arrow column to the slice clickhouse-go appends to
// the matching ClickHouse column: utf8 → String, the integer and float
// types → the same-width ClickHouse types, timestamp[s] → DateTime, lists
// → Array. Result records have no nulls; one is an error. Fixed-width
// values are handed over as the record's own memory, not copied:
// clickhouse-go copies them into its block, and the record outlives the
// insert.
func goColumn(a arrow.Array) (any, error) {
	if a.NullN() > 0 {
		return nil, fmt.Errorf("%d nulls: ClickHouse columns here are not Nullable", a.NullN())
	}
	switch a := a.(type) {
	case *array.String:
		out := make([]string, a.Len())
		for i := range out {
			out[i] = a.Value(i)
		}
		return out, nil
	case *array.Uint8:
		return a.Uint8Values(), nil
	case *array.Int32:
		return a.Int32Values(), nil
	case *array.Uint32:
		return a.Uint32Values(), nil
	case *array.Int64:
		return a.Int64Values(), nil
	case *array.Uint64:
		return a.Uint64Values(), nil
	case *array.Float32:
		return a.Float32Values(), nil
	case *array.Timestamp:
		unit := a.DataType().(*arrow.TimestampType).Unit
		if unit == arrow.Second {
			// clickhouse-go takes DateTime values as Unix seconds.
			out := make([]int64, a.Len())
			for i, v := range a.TimestampValues() {
				out[i] = int64(v)
			}
			return out, nil
		}
		out := make([]time.Time, a.Len())
		for i := range out {
			out[i] = a.Value(i).ToTime(unit)
		}
		return out, nil
	case *array.List:
		return goList(a)
	}
	return nil, fmt.Errorf("arrow type %s has no ClickHouse mapping here", a.DataType())
}

func goList(a *array.List) (any, error) {
	inner, err := goColumn(a.ListValues())
	if err != nil {
		return nil, fmt.Errorf("list values: %w", err)
	}
	switch v := inner.(type) {
	case []string:
		return split(a, v), nil
	case []float32:
		return split(a, v), nil
	}
	return nil, fmt.Errorf("list of %s has no ClickHouse mapping here", a.DataType().(*arrow.ListType).Elem())
}

// split cuts a list column's flattened values into one slice per row.
func split[T any](a *array.List, values []T) [][]T {
	out := make([][]T, a.Len())
	for i := range out {
		s, e := a.ValueOffsets(i)
		out[i] = values[s:e:e]
	}
	return out
}
