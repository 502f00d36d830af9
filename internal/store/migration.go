package store

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Migration is one numbered file of the sql directory, split into
// statements.
type Migration struct {
	// Number orders migrations; it is the file name's 4-digit prefix.
	Number int
	// Name is the file name, e.g. "0001_conversations.sql"; bookkeeping
	// rows are keyed by it.
	Name string
	// Checksum is the hex SHA-256 of the file with CRLF line ends read as
	// LF, so that a checkout's line-end conversion is not a change.
	Checksum string
	// Statements are the file's statements in order.
	Statements []Statement
}

// Statement is one SQL statement of a migration and the servers it is for.
type Statement struct {
	// Index is the 1-based position in the file, used in messages.
	Index int
	// Line is the 1-based line where the statement starts.
	Line int
	// SQL is the statement without its ';' and without the comments before it.
	SQL string
	// Cond says which servers run it.
	Cond Condition
}

// Condition says which servers run a statement. The zero Condition runs
// everywhere.
type Condition struct {
	// Requires is the oldest server that runs a "-- convqa:requires"
	// statement, or for Else the version its alternative requires. Zero for
	// an unconditional statement.
	Requires Version
	// Else marks a "-- convqa:else" statement: the alternative to the
	// requires-statement just before it, run only by servers older than
	// Requires.
	Else bool
}

// Holds reports whether a server of version v runs the statement.
func (c Condition) Holds(v Version) bool {
	switch {
	case c.Requires.IsZero():
		return true
	case c.Else:
		return !v.AtLeast(c.Requires)
	default:
		return v.AtLeast(c.Requires)
	}
}

// String describes the condition for plans and status output.
func (c Condition) String() string {
	switch {
	case c.Requires.IsZero():
		return "always"
	case c.Else:
		return "else (server < " + c.Requires.String() + ")"
	default:
		return "requires server >= " + c.Requires.String()
	}
}

// Branches name which side of a file's conditions a server takes.
const (
	// BranchAll: the file has no conditional statements.
	BranchAll = "all"
	// BranchOld: the server meets none of the file's requirements and runs
	// the old-server alternatives.
	BranchOld = "old"
	// BranchNew: the server meets every requirement of the file.
	BranchNew = "new"
	// BranchMixed: the server meets some of the file's requirements.
	BranchMixed = "mixed"
)

// For splits the statements into those a server of version v runs and
// those it skips.
func (m Migration) For(v Version) (run, skip []Statement) {
	for _, s := range m.Statements {
		if s.Cond.Holds(v) {
			run = append(run, s)
		} else {
			skip = append(skip, s)
		}
	}
	return run, skip
}

// Branch names the side of the file's conditions a server of version v
// takes: BranchAll, BranchOld, BranchNew or BranchMixed.
func (m Migration) Branch(v Version) string {
	met, unmet := 0, 0
	for _, s := range m.Statements {
		if s.Cond.Requires.IsZero() || s.Cond.Else {
			continue
		}
		if s.Cond.Holds(v) {
			met++
		} else {
			unmet++
		}
	}
	switch {
	case met == 0 && unmet == 0:
		return BranchAll
	case unmet == 0:
		return BranchNew
	case met == 0:
		return BranchOld
	default:
		return BranchMixed
	}
}

// NewestRequirement is the highest version any statement requires (zero
// when none does): a server at least this new takes every file's new
// branch.
func NewestRequirement(migs []Migration) Version {
	var newest Version
	for _, m := range migs {
		for _, s := range m.Statements {
			if s.Cond.Requires.Compare(newest) > 0 {
				newest = s.Cond.Requires
			}
		}
	}
	return newest
}

var fileName = regexp.MustCompile(`^([0-9]{4})_[a-z0-9_]+\.sql$`)

// LoadMigrations reads every *.sql file at the root of fsys, parses it and
// returns the migrations ordered by number. Badly named files, duplicate
// numbers and files that do not parse are errors: a migration set is only
// usable whole.
func LoadMigrations(fsys fs.FS) ([]Migration, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("list migrations: %w", err)
	}
	var migs []Migration
	seen := map[int]string{}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".sql") {
			continue
		}
		src, err := fs.ReadFile(fsys, e.Name())
		if err != nil {
			return nil, fmt.Errorf("read migration %s: %w", e.Name(), err)
		}
		m, err := ParseMigration(e.Name(), src)
		if err != nil {
			return nil, err
		}
		if other, dup := seen[m.Number]; dup {
			return nil, fmt.Errorf("migrations %s and %s share number %04d", other, m.Name, m.Number)
		}
		seen[m.Number] = m.Name
		migs = append(migs, m)
	}
	sort.Slice(migs, func(i, j int) bool { return migs[i].Number < migs[j].Number })
	return migs, nil
}

// ParseMigration parses one migration file: its name gives its number, its
// text its statements and their directives.
func ParseMigration(name string, src []byte) (Migration, error) {
	sub := fileName.FindStringSubmatch(name)
	if sub == nil {
		return Migration{}, fmt.Errorf("migration file name %q: want NNNN_lowercase_name.sql", name)
	}
	num, _ := strconv.Atoi(sub[1]) // four digits by the pattern
	text := strings.ReplaceAll(string(src), "\r\n", "\n")
	sum := sha256.Sum256([]byte(text))
	m := Migration{Number: num, Name: name, Checksum: hex.EncodeToString(sum[:])}

	raws, trailing, err := splitStatements(text)
	if err != nil {
		return Migration{}, fmt.Errorf("migration %s: %w", name, err)
	}
	if len(trailing) > 0 {
		return Migration{}, fmt.Errorf("migration %s line %d: directive %q is not followed by a statement", name, trailing[0].Line, trailing[0].Text)
	}
	if len(raws) == 0 {
		return Migration{}, fmt.Errorf("migration %s: no statements", name)
	}
	for i, r := range raws {
		cond, err := parseDirectives(r.Directives)
		if err != nil {
			return Migration{}, fmt.Errorf("migration %s: %w", name, err)
		}
		if cond.Else {
			// An else pairs with the requires-statement right before it and
			// borrows its version, so the pair always covers every server.
			if i == 0 || m.Statements[i-1].Cond.Requires.IsZero() || m.Statements[i-1].Cond.Else {
				return Migration{}, fmt.Errorf("migration %s line %d: convqa:else must follow a statement marked convqa:requires", name, r.Directives[0].Line)
			}
			cond.Requires = m.Statements[i-1].Cond.Requires
		}
		m.Statements = append(m.Statements, Statement{Index: i + 1, Line: r.Line, SQL: r.SQL, Cond: cond})
	}
	return m, nil
}

// parseDirectives reads the directives before one statement: at most one
// of "requires VERSION" and "else".
func parseDirectives(ds []directiveLine) (Condition, error) {
	if len(ds) == 0 {
		return Condition{}, nil
	}
	if len(ds) > 1 {
		return Condition{}, fmt.Errorf("line %d: a statement takes at most one convqa: directive, found %d", ds[1].Line, len(ds))
	}
	d := ds[0]
	f := strings.Fields(d.Text)
	switch {
	case len(f) == 2 && f[0] == "requires":
		v, err := ParseVersion(f[1])
		if err != nil {
			return Condition{}, fmt.Errorf("line %d: convqa:requires: %w", d.Line, err)
		}
		if v.IsZero() {
			return Condition{}, fmt.Errorf("line %d: convqa:requires 0.0 would mean every server: drop the directive", d.Line)
		}
		return Condition{Requires: v}, nil
	case len(f) == 1 && f[0] == "else":
		return Condition{Else: true}, nil
	default:
		return Condition{}, fmt.Errorf("line %d: unknown directive %q: want \"-- convqa:requires VERSION\" or \"-- convqa:else\"", d.Line, "convqa:"+d.Text)
	}
}
