package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/convqa/convqa/internal/store"
	migrations "github.com/convqa/convqa/sql"
)

type migrateFlags struct {
	dryRun, status, showSQL, printPlan bool
	target                             int
}

func newMigrateCmd(a *app) *cobra.Command {
	var f migrateFlags
	cmd := &cobra.Command{
		Use:   "migrate",
		Short: "Create or update the ClickHouse schema",
		Long: `migrate applies the numbered SQL migrations built into convqa (the sql/
directory of the source) to the configured ClickHouse database, in order,
creating the database if it is missing. Applied migrations are recorded in
the table schema_migrations; running migrate again applies only what is new,
and does nothing when nothing is.

Statements marked "-- convqa:requires VERSION" run only on servers at least
that new (LowCardinality, data-skipping indexes, codecs, ...); statements
marked "-- convqa:else" are their alternatives for older servers. Which side
ran is recorded per migration as its branch: all (no conditions), old, new
or mixed. When the server is later upgraded, migrate runs the statements the
old server skipped.

A migration whose file changed after it was applied is an error: add a new
migration instead. Running two migrates at once is safe: statements are
idempotent and the bookkeeping keeps one row per migration.`,
		Example: `  convqa migrate --dry-run      # show what would run, change nothing
  convqa migrate                # apply everything pending
  convqa migrate --status       # list migrations: applied, pending, branch
  convqa migrate --target 3     # apply migrations up to 0003_* only`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runMigrate(cmd, a, f)
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&f.dryRun, "dry-run", false, "print the migrations and statements that would run, and which branch each takes, without changing anything")
	fl.BoolVar(&f.status, "status", false, "list every migration with its state (applied, pending, upgrade, changed, held, unknown), branch, time and server; change nothing")
	fl.IntVar(&f.target, "target", 0, "apply only migrations numbered up to N (0: all); later ones are listed as held")
	fl.BoolVar(&f.showSQL, "sql", false, "with --dry-run: print each statement in full, not just its first line")
	fl.BoolVar(&f.printPlan, "print-plan", false, "print every migration's statements for the oldest and newest server branch as JSON, without connecting (used by sql/chdb_check.py)")
	_ = fl.MarkHidden("print-plan")
	return cmd
}

func runMigrate(cmd *cobra.Command, a *app, f migrateFlags) error {
	switch {
	case f.dryRun && f.status:
		return usageError("--dry-run and --status exclude each other")
	case f.printPlan && (f.dryRun || f.status || f.target != 0):
		return usageError("--print-plan takes no other migrate flag")
	case f.showSQL && !f.dryRun:
		return usageError("--sql goes with --dry-run")
	case f.target < 0:
		return usageError("--target must be 0 (all) or a migration number, got %d", f.target)
	}
	migs, err := store.LoadMigrations(migrations.FS)
	if err != nil {
		return err
	}
	if f.printPlan {
		enc := json.NewEncoder(a.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(store.ExportPlan(migs))
	}

	cfg, err := a.loadConfig()
	if err != nil {
		return err
	}
	log := a.logger(cfg)
	ctx := cmd.Context()
	m, err := store.NewMigrator(ctx, cfg.ClickHouse, migs, log)
	if err != nil {
		return err
	}
	defer m.Close()
	p, err := m.Plan(ctx, f.target)
	if err != nil {
		return err
	}
	switch {
	case f.status:
		return writeStatus(a.stdout, p)
	case f.dryRun:
		if err := writePlan(a.stdout, p, f.showSQL); err != nil {
			return err
		}
		return p.Err()
	}
	for _, s := range p.Steps {
		if s.State == store.StateUnknown {
			log.Warn("database records a migration this convqa does not have; was it migrated by a newer release?", "migration", s.Name)
		}
	}
	log.Info("migrating", "database", p.Database, "server_version", p.Server.String(),
		"pending", len(p.Todo()), "migrations", len(migs))
	rep, err := m.Apply(ctx, p)
	if err != nil {
		return err
	}
	held := 0
	for _, s := range p.Steps {
		if s.State == store.StateHeld {
			held++
		}
	}
	_, err = fmt.Fprintf(a.stdout, "database %s on ClickHouse %s: applied %d migration(s), upgraded %d, %d statement(s); %d held by --target; %d migration(s) known\n",
		p.Database, p.Server, rep.Applied, rep.Upgraded, rep.Statements, held, len(migs))
	return err
}

// writePlan prints the dry run: per migration that would run, its branch
// and its statements, then what the server skips.
func writePlan(w io.Writer, p store.Plan, showSQL bool) error {
	var b strings.Builder
	fmt.Fprintf(&b, "dry run: database %s on ClickHouse %s; nothing is changed\n", p.Database, p.Server)
	if !p.DatabaseExists {
		fmt.Fprintf(&b, "would create database %s\n", p.Database)
	}
	todo := p.Todo()
	if len(todo) == 0 {
		b.WriteString("nothing to apply\n")
	}
	for _, st := range todo {
		verb := "apply"
		if st.State == store.StateUpgrade {
			verb = "upgrade"
		}
		fmt.Fprintf(&b, "\n%s %s (branch %s): %d statement(s), %d skipped\n", verb, st.Name, st.Branch, len(st.Run), len(st.Skipped))
		for _, s := range st.Run {
			fmt.Fprintf(&b, "  run  #%d line %d [%s]:%s\n", s.Index, s.Line, s.Cond, statementText(s.SQL, showSQL))
		}
		for _, s := range st.Skipped {
			fmt.Fprintf(&b, "  skip #%d line %d [%s]:%s\n", s.Index, s.Line, s.Cond, statementText(s.SQL, false))
		}
	}
	for _, st := range p.Steps {
		switch st.State {
		case store.StateHeld:
			fmt.Fprintf(&b, "held by --target: %s\n", st.Name)
		case store.StateChanged:
			fmt.Fprintf(&b, "CHANGED since applied: %s\n", st.Name)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// statementText is " " and the first line of a statement, or the whole
// statement indented on the lines below.
func statementText(sql string, full bool) string {
	if full {
		return "\n      " + strings.ReplaceAll(sql, "\n", "\n      ")
	}
	first, _, more := strings.Cut(sql, "\n")
	if more {
		first += " …"
	}
	return " " + first
}

// writeStatus prints one line per migration.
func writeStatus(w io.Writer, p store.Plan) error {
	exists := "exists"
	if !p.DatabaseExists {
		exists = "does not exist yet"
	}
	if _, err := fmt.Fprintf(w, "database %s (%s) on ClickHouse %s\n", p.Database, exists, p.Server); err != nil {
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "MIGRATION\tSTATE\tBRANCH\tAPPLIED AT\tON SERVER\tSTATEMENTS")
	for _, st := range p.Steps {
		applied, server, stmts := "-", "-", fmt.Sprintf("%d to run", len(st.Run))
		branch := st.Branch
		if r := st.Record; r != nil {
			applied, server = r.AppliedAt.UTC().Format("2006-01-02 15:04:05Z"), r.ServerVersion
			branch = r.Branch
			if st.State == store.StateUpgrade {
				branch += " -> " + st.Branch
			} else {
				stmts = fmt.Sprintf("%d ran, %d skipped", r.Statements, r.Skipped)
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", st.Name, st.State, branch, applied, server, stmts)
	}
	return tw.Flush()
}
