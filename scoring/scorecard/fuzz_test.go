package scorecard

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/convqa/convqa/scoring/rules"
)

// FuzzParse checks that Parse never panics, returns exactly one of a
// scorecard and an error, that every error names the file, and that any
// scorecard it accepts grades without panicking into a total in [0, 100].
func FuzzParse(f *testing.F) {
	for _, dir := range []string{"testdata/good", "testdata/bad"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
		for _, path := range files {
			data, err := os.ReadFile(path)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	f.Add([]byte("id: x\nversion: 1\nsections: [{id: s, weight: 1e6, criteria: [{id: c, weight: 0x10, rules: [a, b]}]}]"))
	f.Add([]byte("&a [*a]"))
	f.Add([]byte("{id: x, <<: {version: '1'}}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		sc, err := Parse("f.yaml", data)
		if (sc == nil) == (err == nil) {
			t.Fatalf("scorecard %v and error %v", sc != nil, err)
		}
		if err != nil {
			var fe *FieldError
			if !errors.As(err, &fe) || !strings.HasPrefix(err.Error(), "f.yaml") {
				t.Fatalf("error %T does not name the file: %v", err, err)
			}
			return
		}
		var outs []rules.Outcome
		for i, id := range sc.RuleIDs() {
			outs = append(outs, rules.Outcome{RuleID: id, Status: []rules.Status{rules.Pass, rules.Fail, rules.NA}[i%3]})
		}
		res := sc.Grade(outs)
		if res.Total < 0 || res.Total > 100 || len(res.Sections) == 0 || len(res.Criteria) == 0 {
			t.Fatalf("graded %+v", res)
		}
		if _, err := sc.Check(map[string]string{}); err == nil {
			t.Fatal("Check against an empty rule set passed")
		}
	})
}
