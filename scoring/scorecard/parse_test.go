package scorecard

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// TestBadFiles parses every testdata/bad file and checks that the error
// holds each "# want:" line of the file, each naming file:line, the path
// and what is allowed.
func TestBadFiles(t *testing.T) {
	files, err := filepath.Glob("testdata/bad/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no bad fixtures: %v", err)
	}
	for _, path := range files {
		name := strings.TrimPrefix(path, "testdata/")
		t.Run(filepath.Base(path), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var wants []string
			for _, line := range strings.Split(string(data), "\n") {
				if w, ok := strings.CutPrefix(line, "# want: "); ok {
					wants = append(wants, w)
				}
			}
			if len(wants) == 0 {
				t.Fatal("fixture has no # want: line")
			}
			sc, err := Parse(name, data)
			if err == nil {
				t.Fatalf("parsed a bad file into %+v", sc)
			}
			if sc != nil {
				t.Errorf("a scorecard came back with the error %v", err)
			}
			var fe *FieldError
			if !errors.As(err, &fe) {
				t.Errorf("error %T is not a *FieldError: %v", err, err)
			}
			for _, w := range wants {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error\n%v\ndoes not contain\n%s", err, w)
				}
			}
		})
	}
}

func TestGoodFiles(t *testing.T) {
	sc, err := Load("testdata/good/full.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if sc.ID() != "ecommerce_test" || sc.Declared() != "2026.11.1" || sc.Title() == "" {
		t.Errorf("id %q declared %q title %q", sc.ID(), sc.Declared(), sc.Title())
	}
	secs := sc.Sections()
	if len(secs) != 3 || len(secs[1].Criteria) != 2 {
		t.Fatalf("sections: %+v", secs)
	}
	c := secs[1].Criteria[0]
	if c.ID != "compliance.promises" || !c.AutoFail || c.Weight != 10 || c.Line != 23 {
		t.Errorf("criterion: %+v", c)
	}
	if got := secs[2].Criteria[1].Weight; got != 1 {
		t.Errorf("weight 1.0 read as %v", got)
	}
	if got := strings.Join(secs[0].Criteria[1].Rules, ","); got != "no_name" {
		t.Errorf("block-style rules read as %q", got)
	}
	want := "no_greeting,no_name,forbidden_promise,no_identity_check,card_readback,no_closing,no_survey"
	if got := strings.Join(sc.RuleIDs(), ","); got != want {
		t.Errorf("RuleIDs = %s, want %s", got, want)
	}
	// Sections is a copy: changing it changes nothing.
	secs[0].Criteria[0].Rules[0] = "changed"
	if sc.Sections()[0].Criteria[0].Rules[0] != "no_greeting" {
		t.Error("Sections shares memory with the scorecard")
	}
}

func TestLoadErrorsNameTheFile(t *testing.T) {
	_, err := Load("testdata/bad/zero_weight.yaml")
	if err == nil || !strings.HasPrefix(err.Error(), "testdata/bad/zero_weight.yaml:6: ") {
		t.Errorf("Load error = %v, want it to start with the path and line", err)
	}
	if _, err := Load("testdata/missing.yaml"); err == nil || !strings.Contains(err.Error(), "missing.yaml") {
		t.Errorf("missing file: %v", err)
	}
	fsys := fstest.MapFS{"pack/card.yaml": {Data: []byte("id: x\nversion: \"1\"\nsections: 3\n")}}
	_, err = LoadFS(fsys, "pack/card.yaml")
	want := "pack/card.yaml:3: sections: sections must be a list, got 3 (allowed: a list of sections, each with id, weight and criteria)"
	if err == nil || err.Error() != want {
		t.Errorf("LoadFS error =\n%v\nwant\n%s", err, want)
	}
	big := make([]byte, MaxFileBytes+1)
	if _, err := Parse("big.yaml", big); err == nil || !strings.Contains(err.Error(), "at most 1048576 bytes") {
		t.Errorf("oversized file: %v", err)
	}
}

func TestManyMistakesAreCapped(t *testing.T) {
	var b strings.Builder
	b.WriteString("id: x\nversion: \"1\"\nsections:\n")
	for range 30 {
		b.WriteString("  - {id: s, weight: 0, criteria: []}\n")
	}
	_, err := Parse("many.yaml", []byte(b.String()))
	if err == nil {
		t.Fatal("no error")
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != maxErrors+1 || !strings.Contains(lines[maxErrors], "and ") {
		t.Errorf("got %d lines, want %d and a count of the rest; last: %q", len(lines), maxErrors+1, lines[len(lines)-1])
	}
}

func TestVersion(t *testing.T) {
	data, err := os.ReadFile("testdata/good/full.yaml")
	if err != nil {
		t.Fatal(err)
	}
	a, err := Parse("a.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Parse("elsewhere/b.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	if a.Version() != b.Version() {
		t.Errorf("same bytes, different versions: %s, %s", a.Version(), b.Version())
	}
	if !strings.HasPrefix(a.Version(), "2026.11.1+") || len(a.Version()) != len("2026.11.1+")+12 {
		t.Errorf("version %q: want the declared version, + and 12 hex digits", a.Version())
	}
	// A comment changes nothing graded, but it is a different file: a new
	// version, so the audit trail names exactly what graded.
	c, err := Parse("a.yaml", append([]byte("# edited\n"), data...))
	if err != nil {
		t.Fatal(err)
	}
	if c.Version() == a.Version() {
		t.Error("an edited file kept its version")
	}
}

func TestCheck(t *testing.T) {
	sc, err := Load("testdata/good/full.yaml")
	if err != nil {
		t.Fatal(err)
	}
	set := map[string]string{
		"no_greeting": "opening.greeting", "no_name": "", "forbidden_promise": "compliance.promises",
		"no_identity_check": "compliance.identity", "card_readback": "compliance.identity",
		"no_closing": "closing.farewell", "no_survey": "closing.survey",
	}
	notes, err := sc.Check(set)
	if err != nil || len(notes) != 0 {
		t.Fatalf("a matching set: notes %q, error %v", notes, err)
	}

	delete(set, "no_closing")
	set["no_closng"] = ""
	set["blame_customer"] = "compliance.respect" // no such criterion
	set["no_name"] = "opening.greeting"          // listed under opening.name
	set["long_silence"] = "compliance.promises"  // not listed at all
	notes, err = sc.Check(set)
	want := `testdata/good/full.yaml:37: sections[2].criteria[0].rules[0]: criterion "closing.farewell" names rule "no_closing", which the rule set does not have (did you mean "no_closng"?) (allowed: ids of the 9 rules in the set)`
	if err == nil || err.Error() != want {
		t.Errorf("Check error =\n%v\nwant\n%s", err, want)
	}
	wantNotes := []string{
		`rule "blame_customer" feeds criterion "compliance.respect", which scorecard ecommerce_test (testdata/good/full.yaml) does not have`,
		`rule "long_silence" feeds criterion "compliance.promises", but testdata/good/full.yaml:23 does not list it in that criterion's rules`,
		`rule "no_name" feeds criterion "opening.greeting", but testdata/good/full.yaml:18 lists it under criterion "opening.name"`,
	}
	if strings.Join(notes, "\n") != strings.Join(wantNotes, "\n") {
		t.Errorf("notes =\n%s\nwant\n%s", strings.Join(notes, "\n"), strings.Join(wantNotes, "\n"))
	}
}

func TestNearest(t *testing.T) {
	known := map[string]string{"no_greeting": "", "no_closing": "", "card_readback": "", "id_readback": ""}
	for _, tc := range []struct{ id, want string }{
		{"no_greting", "no_greeting"},
		{"no_closing_", "no_closing"},
		{"readback", ""}, // too far from either
		{"x", ""},
		{"id_readbak", "id_readback"},
	} {
		if got := nearest(tc.id, known); got != tc.want {
			t.Errorf("nearest(%q) = %q, want %q", tc.id, got, tc.want)
		}
	}
}
