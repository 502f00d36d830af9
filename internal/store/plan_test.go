package store

import (
	"slices"
	"strings"
	"testing"
)

func testMigrations(t *testing.T) []Migration {
	t.Helper()
	files := []struct{ name, src string }{
		{"0001_base.sql", "CREATE TABLE IF NOT EXISTS a (x String) ENGINE = Memory"},
		{"0002_x.sql", conditional},
		{"0003_more.sql", "CREATE TABLE IF NOT EXISTS b (x String) ENGINE = Memory"},
	}
	var migs []Migration
	for _, f := range files {
		m, err := ParseMigration(f.name, []byte(f.src))
		if err != nil {
			t.Fatal(err)
		}
		migs = append(migs, m)
	}
	return migs
}

func recordOf(m Migration, server string) Record {
	v, _ := ParseVersion(server)
	return Record{Name: m.Name, Checksum: m.Checksum, ServerVersion: server, Branch: m.Branch(v)}
}

func states(p Plan) string {
	var out []string
	for _, s := range p.Steps {
		out = append(out, s.Name+"="+string(s.State))
	}
	return strings.Join(out, " ")
}

func TestBuildPlan(t *testing.T) {
	migs := testMigrations(t)
	old := MinServerVersion()
	v223 := Version{Major: 22, Minor: 3}
	v26 := Version{Major: 26, Minor: 9, Patch: 2, Build: 1}
	changed := recordOf(migs[1], "18.16.1")
	changed.Checksum = "0123456789abcdef"

	tests := []struct {
		name    string
		records []Record
		server  Version
		target  int
		states  string
		todo    [][]int // statement indexes per todo step
		wantErr string
	}{
		{
			name:   "fresh database",
			server: old,
			states: "0001_base.sql=pending 0002_x.sql=pending 0003_more.sql=pending",
			todo:   [][]int{{1}, {1, 3}, {1}},
		},
		{
			name:    "everything applied is a no-op",
			records: []Record{recordOf(migs[0], "18.16.1"), recordOf(migs[1], "18.16.1"), recordOf(migs[2], "18.16.1")},
			server:  old,
			states:  "0001_base.sql=applied 0002_x.sql=applied 0003_more.sql=applied",
		},
		{
			name:    "one new migration",
			records: []Record{recordOf(migs[0], "18.16.1"), recordOf(migs[1], "18.16.1")},
			server:  old,
			states:  "0001_base.sql=applied 0002_x.sql=applied 0003_more.sql=pending",
			todo:    [][]int{{1}},
		},
		{
			name:    "changed checksum",
			records: []Record{recordOf(migs[0], "18.16.1"), changed},
			server:  old,
			states:  "0001_base.sql=applied 0002_x.sql=changed 0003_more.sql=pending",
			todo:    [][]int{{1}},
			wantErr: "migration 0002_x.sql changed after it was applied (checksum " + migs[1].Checksum[:12] + ", recorded 0123456789ab)",
		},
		{
			name:    "server upgraded runs only the newly met requirements",
			records: []Record{recordOf(migs[0], "18.16.1"), recordOf(migs[1], "18.16.1"), recordOf(migs[2], "18.16.1")},
			server:  v26,
			states:  "0001_base.sql=applied 0002_x.sql=upgrade 0003_more.sql=applied",
			todo:    [][]int{{2, 4}},
		},
		{
			name:    "partial upgrade",
			records: []Record{recordOf(migs[0], "22.3.1"), recordOf(migs[1], "22.3.1"), recordOf(migs[2], "22.3.1")},
			server:  v26,
			states:  "0001_base.sql=applied 0002_x.sql=upgrade 0003_more.sql=applied",
			todo:    [][]int{{4}},
		},
		{
			name:    "older server than recorded does nothing",
			records: []Record{recordOf(migs[0], "26.9"), recordOf(migs[1], "26.9"), recordOf(migs[2], "26.9")},
			server:  v223,
			states:  "0001_base.sql=applied 0002_x.sql=applied 0003_more.sql=applied",
		},
		{
			name:    "unreadable recorded version does not upgrade",
			records: []Record{{Name: migs[1].Name, Checksum: migs[1].Checksum, ServerVersion: "?"}},
			server:  v26,
			states:  "0001_base.sql=pending 0002_x.sql=applied 0003_more.sql=pending",
			todo:    [][]int{{1}, {1}},
		},
		{
			name:   "target holds later migrations",
			server: v223,
			target: 2,
			states: "0001_base.sql=pending 0002_x.sql=pending 0003_more.sql=held",
			todo:   [][]int{{1}, {1, 2}},
		},
		{
			name:    "target holds upgrades too",
			records: []Record{recordOf(migs[0], "18.16.1"), recordOf(migs[1], "18.16.1"), recordOf(migs[2], "18.16.1")},
			server:  v26,
			target:  1,
			states:  "0001_base.sql=applied 0002_x.sql=held 0003_more.sql=applied",
		},
		{
			name:    "recorded migration this binary lacks",
			records: []Record{recordOf(migs[0], "18.16.1"), {Name: "0099_future.sql", Checksum: "x", Branch: "all"}},
			server:  old,
			states:  "0001_base.sql=applied 0002_x.sql=pending 0003_more.sql=pending 0099_future.sql=unknown",
			todo:    [][]int{{1, 3}, {1}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := BuildPlan(migs, tt.records, tt.server, tt.target)
			if got := states(p); got != tt.states {
				t.Errorf("states:\n got %s\nwant %s", got, tt.states)
			}
			todo := p.Todo()
			if len(todo) != len(tt.todo) {
				t.Fatalf("todo has %d steps, want %d", len(todo), len(tt.todo))
			}
			for i, st := range todo {
				if got := indexes(st.Run); !slices.Equal(got, tt.todo[i]) {
					t.Errorf("todo %s runs %v, want %v", st.Name, got, tt.todo[i])
				}
			}
			err := p.Err()
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("Err() = %v", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("Err() = %v, want it to contain %q", err, tt.wantErr)
			}
		})
	}
}

func TestExportPlan(t *testing.T) {
	migs := testMigrations(t)
	p := ExportPlan(migs)
	if p.Format != PlanFormat || len(p.Branches) != 2 {
		t.Fatalf("format %q branches %v", p.Format, p.Branches)
	}
	if p.Branches[0].ServerVersion != "18.16.1" || p.Branches[1].ServerVersion != "24.1" {
		t.Errorf("branch versions %v, want old 18.16.1 and new 24.1 (the newest requirement)", p.Branches)
	}
	if !strings.Contains(p.Bookkeeping, "CREATE TABLE IF NOT EXISTS "+BookkeepingTable) {
		t.Errorf("bookkeeping DDL missing: %q", p.Bookkeeping)
	}
	x := p.Migrations[1]
	if old := x.Runs[BranchOld]; old.Branch != BranchOld || len(old.Statements) != 2 || old.Skipped != 2 {
		t.Errorf("old run of 0002: %+v", old)
	}
	if nw := x.Runs[BranchNew]; nw.Branch != BranchNew || len(nw.Statements) != 3 || nw.Skipped != 1 {
		t.Errorf("new run of 0002: %+v", nw)
	}
	if got := x.Runs[BranchNew].Statements[1]; got.Index != 2 || got.Condition != "requires server >= 22.3" {
		t.Errorf("statement 2 of new run: %+v", got)
	}
	var up []int
	for _, s := range x.Upgrade {
		up = append(up, s.Index)
	}
	if !slices.Equal(up, []int{2, 4}) {
		t.Errorf("upgrade of 0002 runs %v, want [2 4]", up)
	}
	if p.Migrations[0].Upgrade == nil || len(p.Migrations[0].Upgrade) != 0 {
		t.Errorf("upgrade of 0001 = %#v, want empty", p.Migrations[0].Upgrade)
	}
}
