package store

// PlanFormat names the JSON document ExportPlan produces, so its reader
// (sql/chdb_check.py) can refuse a shape it does not know.
const PlanFormat = "convqa.migrate.plan.v1"

// ExportedPlan is every migration's statements for two servers: the oldest
// supported one (branch "old") and one that meets every requirement
// (branch "new"). It exists so that other tools run exactly what the Go
// migrator would — same splitting, same directives — instead of
// re-implementing them.
type ExportedPlan struct {
	Format   string           `json:"format"`
	Branches []ExportedBranch `json:"branches"`
	// Bookkeeping is the DDL of the bookkeeping table, which the migrator
	// runs before any migration.
	Bookkeeping string              `json:"bookkeeping"`
	Migrations  []ExportedMigration `json:"migrations"`
}

// ExportedBranch is one server version the plan was made for.
type ExportedBranch struct {
	Name          string `json:"name"`
	ServerVersion string `json:"server_version"`
}

// ExportedMigration is one migration file's statements per exported branch.
type ExportedMigration struct {
	Name     string `json:"name"`
	Checksum string `json:"checksum"`
	// Runs is keyed by ExportedBranch.Name.
	Runs map[string]ExportedRun `json:"runs"`
	// Upgrade is what Apply runs for this file when a database migrated on
	// the old branch's server meets the new branch's server.
	Upgrade []ExportedStatement `json:"upgrade"`
}

// ExportedRun is what a server of one branch's version runs of a file.
type ExportedRun struct {
	// Branch is the file's own branch for that server (BranchAll for a
	// file without conditions).
	Branch     string              `json:"branch"`
	Statements []ExportedStatement `json:"statements"`
	Skipped    int                 `json:"skipped"`
}

// ExportedStatement is one statement to run.
type ExportedStatement struct {
	Index     int    `json:"index"`
	Line      int    `json:"line"`
	Condition string `json:"condition"`
	SQL       string `json:"sql"`
}

// ExportPlan builds the ExportedPlan of migs.
func ExportPlan(migs []Migration) ExportedPlan {
	oldest := MinServerVersion()
	newest := NewestRequirement(migs)
	if !newest.AtLeast(oldest) {
		newest = oldest
	}
	p := ExportedPlan{
		Format: PlanFormat,
		Branches: []ExportedBranch{
			{Name: BranchOld, ServerVersion: oldest.String()},
			{Name: BranchNew, ServerVersion: newest.String()},
		},
		Bookkeeping: bookkeepingDDL,
	}
	versions := map[string]Version{BranchOld: oldest, BranchNew: newest}
	for _, m := range migs {
		em := ExportedMigration{Name: m.Name, Checksum: m.Checksum, Runs: map[string]ExportedRun{}}
		for name, v := range versions {
			run, skip := m.For(v)
			em.Runs[name] = ExportedRun{Branch: m.Branch(v), Skipped: len(skip), Statements: exportStatements(run)}
		}
		em.Upgrade = exportStatements(upgradeStatements(m, oldest.String(), newest))
		p.Migrations = append(p.Migrations, em)
	}
	return p
}

func exportStatements(stmts []Statement) []ExportedStatement {
	out := []ExportedStatement{} // [] rather than null in JSON
	for _, s := range stmts {
		out = append(out, ExportedStatement{Index: s.Index, Line: s.Line, Condition: s.Cond.String(), SQL: s.SQL})
	}
	return out
}
