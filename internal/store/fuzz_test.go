package store

import (
	"strings"
	"testing"

	migrations "github.com/convqa/convqa/sql"
)

func addSeeds(f *testing.F) {
	f.Add(conditional)
	f.Add("SELECT 'a;b' -- c;\n;/* d; */ SELECT `e;f`, \"g;h\", 'i\\'j', 'k''l'")
	f.Add("-- convqa:requires 22.3\nALTER TABLE t ADD INDEX i x TYPE minmax GRANULARITY 1;\n-- convqa:else\nSELECT 1")
	f.Add("/* /* */")
	f.Add("'\\")
	entries, _ := migrations.FS.ReadDir(".")
	for _, e := range entries {
		if b, err := migrations.FS.ReadFile(e.Name()); err == nil && strings.HasSuffix(e.Name(), ".sql") {
			f.Add(string(b))
		}
	}
}

// FuzzSplitStatements checks that the splitter never panics and that its
// output is stable: joining the statements it found and splitting again
// finds the same statements, so no ';' was cut inside a literal or comment.
func FuzzSplitStatements(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, src string) {
		stmts, _, err := splitStatements(src)
		if err != nil {
			return
		}
		var joined strings.Builder
		for _, s := range stmts {
			if s.SQL == "" || strings.Trim(s.SQL, " \t\r\n\f\v") != s.SQL {
				t.Fatalf("statement %q is empty or not trimmed", s.SQL)
			}
			if s.Line < 1 || s.Line > strings.Count(src, "\n")+1 {
				t.Fatalf("statement %q at line %d, outside the input", s.SQL, s.Line)
			}
			// A newline before ';' keeps a trailing -- comment from eating it.
			joined.WriteString(s.SQL + "\n;\n")
		}
		again, _, err := splitStatements(joined.String())
		if err != nil {
			t.Fatalf("re-splitting %q: %v", joined.String(), err)
		}
		if len(again) != len(stmts) {
			t.Fatalf("re-split found %d statements, first split %d: %q", len(again), len(stmts), joined.String())
		}
		for i := range again {
			if again[i].SQL != stmts[i].SQL {
				t.Fatalf("statement %d changed on re-split: %q vs %q", i+1, again[i].SQL, stmts[i].SQL)
			}
		}
	})
}

// FuzzParseMigration checks the directive parser: no panics, and every
// parsed else-statement is paired with a requirement.
func FuzzParseMigration(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, src string) {
		m, err := ParseMigration("0001_fuzz.sql", []byte(src))
		if err != nil {
			return
		}
		for i, s := range m.Statements {
			if s.Cond.Else && (s.Cond.Requires.IsZero() || i == 0 || m.Statements[i-1].Cond.Requires != s.Cond.Requires) {
				t.Fatalf("statement %d: else without its requires-statement: %+v", i+1, s.Cond)
			}
			if s.Index != i+1 {
				t.Fatalf("statement %d has index %d", i+1, s.Index)
			}
		}
		for _, v := range []Version{MinServerVersion(), {Major: 22, Minor: 3}, {Major: 99}} {
			run, skip := m.For(v)
			if len(run)+len(skip) != len(m.Statements) {
				t.Fatalf("For(%s) lost statements", v)
			}
		}
	})
}

// FuzzParseVersion checks that a parsed version prints as something that
// parses back to it.
func FuzzParseVersion(f *testing.F) {
	for _, s := range []string{"18.16.1", "26.9.2.1", "22.3", "1.2.3.4-x", "0.0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseVersion(s)
		if err != nil {
			return
		}
		back, err := ParseVersion(v.String())
		if err != nil || back != v {
			t.Fatalf("%q parsed as %v, printed %q, parsed back as %v, %v", s, v, v.String(), back, err)
		}
	})
}
