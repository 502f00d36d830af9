package store

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

const conditional = `-- 0002_x.sql: why it is shaped like this; explained.
CREATE TABLE IF NOT EXISTS t (tenant String) ENGINE = Memory;

-- convqa:requires 22.3
ALTER TABLE t MODIFY COLUMN tenant LowCardinality(String);
-- convqa:else
SELECT 'old servers keep String';

-- convqa:requires 24.1
ALTER TABLE t MODIFY SETTING x = 1;
`

func TestParseMigration(t *testing.T) {
	m, err := ParseMigration("0002_x.sql", []byte(conditional))
	if err != nil {
		t.Fatal(err)
	}
	if m.Number != 2 || m.Name != "0002_x.sql" || len(m.Checksum) != 64 {
		t.Fatalf("got number %d name %q checksum %q", m.Number, m.Name, m.Checksum)
	}
	v223, v241 := Version{Major: 22, Minor: 3}, Version{Major: 24, Minor: 1}
	want := []struct {
		line int
		cond Condition
	}{
		{2, Condition{}},
		{5, Condition{Requires: v223}},
		{7, Condition{Requires: v223, Else: true}},
		{10, Condition{Requires: v241}},
	}
	if len(m.Statements) != len(want) {
		t.Fatalf("got %d statements, want %d", len(m.Statements), len(want))
	}
	for i, w := range want {
		s := m.Statements[i]
		if s.Index != i+1 || s.Line != w.line || s.Cond != w.cond {
			t.Errorf("statement %d: index %d line %d cond %+v, want line %d cond %+v", i+1, s.Index, s.Line, s.Cond, w.line, w.cond)
		}
	}
}

func TestMigrationBranches(t *testing.T) {
	m, err := ParseMigration("0002_x.sql", []byte(conditional))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		server  string
		branch  string
		run     []int
		skipped []int
	}{
		{"18.16.1", BranchOld, []int{1, 3}, []int{2, 4}},
		{"22.2.9.9", BranchOld, []int{1, 3}, []int{2, 4}},
		{"22.3", BranchMixed, []int{1, 2}, []int{3, 4}},
		{"23.8.1", BranchMixed, []int{1, 2}, []int{3, 4}},
		{"24.1.0.1", BranchNew, []int{1, 2, 4}, []int{3}},
		{"26.9.2.1", BranchNew, []int{1, 2, 4}, []int{3}},
	}
	for _, tt := range tests {
		v, err := ParseVersion(tt.server)
		if err != nil {
			t.Fatal(err)
		}
		run, skip := m.For(v)
		if got := m.Branch(v); got != tt.branch {
			t.Errorf("%s: branch %q, want %q", tt.server, got, tt.branch)
		}
		if got := indexes(run); !slices.Equal(got, tt.run) {
			t.Errorf("%s: run %v, want %v", tt.server, got, tt.run)
		}
		if got := indexes(skip); !slices.Equal(got, tt.skipped) {
			t.Errorf("%s: skipped %v, want %v", tt.server, got, tt.skipped)
		}
	}
	plain, err := ParseMigration("0001_plain.sql", []byte("SELECT 1"))
	if err != nil {
		t.Fatal(err)
	}
	if got := plain.Branch(MinServerVersion()); got != BranchAll {
		t.Errorf("file without conditions: branch %q, want %q", got, BranchAll)
	}
}

func TestParseMigrationErrors(t *testing.T) {
	tests := []struct {
		name, file, src, wantErr string
	}{
		{"bad name", "1_x.sql", "SELECT 1", `migration file name "1_x.sql"`},
		{"upper-case name", "0001_X.sql", "SELECT 1", "want NNNN_lowercase_name.sql"},
		{"no statements", "0001_x.sql", "-- only a comment\n", "migration 0001_x.sql: no statements"},
		{"else first", "0001_x.sql", "-- convqa:else\nSELECT 1", "line 1: convqa:else must follow a statement marked convqa:requires"},
		{"else after plain", "0001_x.sql", "SELECT 1;\n-- convqa:else\nSELECT 2", "line 2: convqa:else must follow"},
		{"else after else", "0001_x.sql", "-- convqa:requires 22.3\nSELECT 1;\n-- convqa:else\nSELECT 2;\n-- convqa:else\nSELECT 3", "line 5: convqa:else must follow"},
		{"two directives", "0001_x.sql", "-- convqa:requires 22.3\n-- convqa:requires 23.1\nSELECT 1", "line 2: a statement takes at most one convqa: directive"},
		{"unknown directive", "0001_x.sql", "-- convqa:require 22.3\nSELECT 1", `line 1: unknown directive "convqa:require 22.3"`},
		{"else with argument", "0001_x.sql", "-- convqa:requires 22.3\nSELECT 1;\n-- convqa:else 21\nSELECT 2", "unknown directive"},
		{"bad version", "0001_x.sql", "-- convqa:requires 22\nSELECT 1", "line 1: convqa:requires: version \"22\""},
		{"zero version", "0001_x.sql", "-- convqa:requires 0.0\nSELECT 1", "would mean every server"},
		{"trailing directive", "0001_x.sql", "SELECT 1;\n-- convqa:requires 22.3\n", "line 2: directive \"requires 22.3\" is not followed by a statement"},
		{"split error names file", "0001_x.sql", "SELECT 'x", "migration 0001_x.sql: line 1: unterminated"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseMigration(tt.file, []byte(tt.src))
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error = %v, want it to contain %q", err, tt.wantErr)
			}
		})
	}
}

func TestChecksumIgnoresLineEnds(t *testing.T) {
	lf, err := ParseMigration("0001_x.sql", []byte("SELECT 1;\nSELECT 2;\n"))
	if err != nil {
		t.Fatal(err)
	}
	crlf, err := ParseMigration("0001_x.sql", []byte("SELECT 1;\r\nSELECT 2;\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	edited, err := ParseMigration("0001_x.sql", []byte("SELECT 1;\nSELECT 3;\n"))
	if err != nil {
		t.Fatal(err)
	}
	if lf.Checksum != crlf.Checksum {
		t.Error("CRLF changed the checksum")
	}
	if lf.Checksum == edited.Checksum {
		t.Error("an edit kept the checksum")
	}
}

func TestLoadMigrationsOrder(t *testing.T) {
	fsys := fstest.MapFS{
		"0010_ten.sql":  {Data: []byte("SELECT 10")},
		"0002_two.sql":  {Data: []byte("SELECT 2")},
		"0001_one.sql":  {Data: []byte("SELECT 1")},
		"README.md":     {Data: []byte("not a migration; ignored")},
		"embed.go":      {Data: []byte("package sql")},
		"sub/0003.sql":  {Data: []byte("directories are not read")},
		"0100_more.sql": {Data: []byte("SELECT 100")},
	}
	migs, err := LoadMigrations(fsys)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, m := range migs {
		names = append(names, m.Name)
	}
	want := "0001_one.sql 0002_two.sql 0010_ten.sql 0100_more.sql"
	if got := strings.Join(names, " "); got != want {
		t.Fatalf("order %q, want %q", got, want)
	}
}

func TestLoadMigrationsErrors(t *testing.T) {
	tests := []struct {
		name    string
		fsys    fstest.MapFS
		wantErr string
	}{
		{"duplicate number", fstest.MapFS{"0001_a.sql": {Data: []byte("SELECT 1")}, "0001_b.sql": {Data: []byte("SELECT 2")}}, "migrations 0001_a.sql and 0001_b.sql share number 0001"},
		{"badly named", fstest.MapFS{"0001_a.sql": {Data: []byte("SELECT 1")}, "2_b.sql": {Data: []byte("SELECT 2")}}, `migration file name "2_b.sql"`},
		{"bad file", fstest.MapFS{"0001_a.sql": {Data: []byte("SELECT 'x")}}, "migration 0001_a.sql: line 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadMigrations(tt.fsys)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error = %v, want it to contain %q", err, tt.wantErr)
			}
		})
	}
}

func indexes(stmts []Statement) []int {
	out := []int{}
	for _, s := range stmts {
		out = append(out, s.Index)
	}
	return out
}
