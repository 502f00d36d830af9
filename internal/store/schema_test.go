package store

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestEmbeddedMigrationsFollowTheRules checks the conventions that make
// migrations safe to re-run and tables safe to query (sql/README.md), so a
// new migration that breaks one fails here rather than in production.
func TestEmbeddedMigrationsFollowTheRules(t *testing.T) {
	migs := embedded(t)
	if len(migs) == 0 {
		t.Fatal("no embedded migrations")
	}
	var (
		createTable = regexp.MustCompile(`(?is)^CREATE\s+TABLE\s+IF\s+NOT\s+EXISTS\s+(\w+)`)
		add         = regexp.MustCompile(`\bADD\s+(INDEX|COLUMN|PROJECTION)\s`)
		addIdem     = regexp.MustCompile(`\bADD\s+(INDEX|COLUMN|PROJECTION)\s+IF\s+NOT\s+EXISTS\b`)
		newFeature  = regexp.MustCompile(`\b(LOWCARDINALITY|CODEC|TTL|DATETIME64|MAP)\s*\(|\bTTL\b|\bINDEX\s+\w+\s+\S.*\bTYPE\b`)
		tenant      = regexp.MustCompile(`(?m)^\s*tenant\s+String`)
	)
	for i, m := range migs {
		if m.Number != i+1 {
			t.Errorf("%s: numbers must run 1, 2, 3, … without gaps; want %04d", m.Name, i+1)
		}
		for _, s := range m.Statements {
			where := m.Name + " statement " + strconv.Itoa(s.Index)
			upper := strings.ToUpper(s.SQL)
			if strings.HasPrefix(upper, "CREATE") && !strings.Contains(upper[:min(len(upper), 60)], "IF NOT EXISTS") {
				t.Errorf("%s: CREATE without IF NOT EXISTS is not idempotent", where)
			}
			// 18.16 has no ADD COLUMN IF NOT EXISTS; newer servers do, so
			// their statements have no excuse.
			if add.MatchString(upper) && !addIdem.MatchString(upper) && !s.Cond.Requires.IsZero() {
				t.Errorf("%s: ADD without IF NOT EXISTS on a newer-server statement", where)
			}
			if newFeature.MatchString(upper) && s.Cond.Requires.IsZero() {
				t.Errorf("%s: uses a feature ClickHouse 18.16 lacks without -- convqa:requires", where)
			}
			sub := createTable.FindStringSubmatch(s.SQL)
			if sub == nil || strings.Contains(upper, "MATERIALIZED VIEW") {
				continue
			}
			if !tenant.MatchString(s.SQL) {
				t.Errorf("%s: table %s has no tenant column", where, sub[1])
			}
			if strings.Contains(upper, "REPLACINGMERGETREE") && !strings.Contains(upper, "REPLACINGMERGETREE(VERSION)") {
				t.Errorf("%s: table %s: ReplacingMergeTree without the version column", where, sub[1])
			}
			if !strings.Contains(upper, "ORDER BY (TENANT,") {
				t.Errorf("%s: table %s: the sorting key must start with tenant", where, sub[1])
			}
		}
	}
}
