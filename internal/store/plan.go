package store

import (
	"errors"
	"fmt"
	"time"
)

// Record is the bookkeeping row of one applied migration: what ran, on
// which server, taking which branch.
type Record struct {
	Name          string
	Checksum      string
	AppliedAt     time.Time
	ServerVersion string
	Branch        string
	// Statements counts the statements run by the latest action (a first
	// apply or an upgrade); Skipped those the server did not run.
	Statements int
	Skipped    int
}

// State is where one migration stands against the database.
type State string

// States of a migration in a Plan.
const (
	// StatePending: never applied; Apply runs it.
	StatePending State = "pending"
	// StateApplied: applied with the same checksum; nothing to do.
	StateApplied State = "applied"
	// StateUpgrade: applied on an older server, and this server meets
	// requirements that one did not; Apply runs just those statements.
	StateUpgrade State = "upgrade"
	// StateChanged: applied, but the file changed since. Apply refuses to run.
	StateChanged State = "changed"
	// StateUnknown: recorded as applied but not in this binary (a newer
	// convqa applied it).
	StateUnknown State = "unknown"
	// StateHeld: pending or upgradable, but beyond the requested target.
	StateHeld State = "held"
)

// Step is one migration's line in a Plan.
type Step struct {
	// Name is the migration's file name.
	Name  string
	State State
	// Branch is the side of the file's conditions this server takes.
	Branch string
	// Run lists what Apply executes, in order: empty unless State is
	// StatePending or StateUpgrade.
	Run []Statement
	// Skipped lists the statements this server does not run.
	Skipped []Statement
	// Migration is nil for StateUnknown.
	Migration *Migration
	// Record is the bookkeeping row, nil when never applied.
	Record *Record
}

// Plan is what Apply would do to one database on one server.
type Plan struct {
	Database       string
	DatabaseExists bool
	Server         Version
	Steps          []Step
}

// Todo returns the steps Apply executes, in order.
func (p Plan) Todo() []Step {
	var todo []Step
	for _, s := range p.Steps {
		if s.State == StatePending || s.State == StateUpgrade {
			todo = append(todo, s)
		}
	}
	return todo
}

// Err reports migrations whose file changed after they were applied; a plan
// with such an error must not be applied, since the database no longer
// matches what the files say.
func (p Plan) Err() error {
	var errs []error
	for _, s := range p.Steps {
		if s.State == StateChanged {
			errs = append(errs, fmt.Errorf("migration %s changed after it was applied (checksum %s, recorded %s): add a new migration instead of editing an applied one",
				s.Name, short(s.Migration.Checksum), short(s.Record.Checksum)))
		}
	}
	return errors.Join(errs...)
}

func short(sum string) string {
	if len(sum) > 12 {
		return sum[:12]
	}
	return sum
}

// BuildPlan compares the migrations with the bookkeeping records for a
// server of the given version. target > 0 holds back migrations numbered
// above it. It reads nothing and changes nothing, so every decision the
// migrator makes is here, testable without a server.
func BuildPlan(migs []Migration, records []Record, server Version, target int) Plan {
	byName := make(map[string]*Record, len(records))
	for i := range records {
		byName[records[i].Name] = &records[i]
	}
	p := Plan{Server: server}
	known := make(map[string]bool, len(migs))
	for i := range migs {
		m := &migs[i]
		known[m.Name] = true
		run, skip := m.For(server)
		st := Step{Name: m.Name, Branch: m.Branch(server), Skipped: skip, Migration: m, Record: byName[m.Name]}
		switch {
		case st.Record == nil:
			st.State, st.Run = StatePending, run
		case st.Record.Checksum != m.Checksum:
			st.State = StateChanged
		default:
			st.State = StateApplied
			if up := upgradeStatements(*m, st.Record.ServerVersion, server); len(up) > 0 {
				st.State, st.Run = StateUpgrade, up
			}
		}
		if target > 0 && m.Number > target && (st.State == StatePending || st.State == StateUpgrade) {
			st.State, st.Run = StateHeld, nil
		}
		p.Steps = append(p.Steps, st)
	}
	for i := range records {
		if !known[records[i].Name] {
			p.Steps = append(p.Steps, Step{Name: records[i].Name, State: StateUnknown, Branch: records[i].Branch, Record: &records[i]})
		}
	}
	return p
}

// upgradeStatements returns the requires-statements that the server which
// applied the migration did not meet and this one does. Only those run on
// upgrade: unconditional statements already ran, and old-server
// alternatives that ran are not undone, which is why such pairs must leave
// the schema in a state the newer statement accepts (see sql/README.md).
// An unreadable recorded version upgrades nothing rather than guessing.
func upgradeStatements(m Migration, recorded string, server Version) []Statement {
	was, err := ParseVersion(recorded)
	if err != nil {
		return nil
	}
	var up []Statement
	for _, s := range m.Statements {
		if s.Cond.Requires.IsZero() || s.Cond.Else {
			continue
		}
		if !s.Cond.Holds(was) && s.Cond.Holds(server) {
			up = append(up, s)
		}
	}
	return up
}
