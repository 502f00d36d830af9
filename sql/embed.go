// Package sql holds convqa's ClickHouse migrations: numbered files
// NNNN_name.sql, applied in order by "convqa migrate" (see README.md in this
// directory for the file format and the newer-server directives).
//
// Import it under another name (for example migrations) where database/sql
// is also in scope.
package sql

import "embed"

// FS holds every migration file, at the root of the file system.
//
//go:embed *.sql
var FS embed.FS
