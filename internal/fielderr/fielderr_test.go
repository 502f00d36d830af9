package fielderr

import "testing"

func TestErrorNamesWhereWhatAndAllowed(t *testing.T) {
	for _, tt := range []struct {
		e    Error
		want string
	}{
		{Error{File: "r.yaml", Line: 7, Path: "rules[0].severity", Msg: `"loud" is not a severity`, Allowed: "info, minor, major, critical"},
			`r.yaml:7: rules[0].severity: "loud" is not a severity (allowed: info, minor, major, critical)`},
		{Error{File: "r.yaml", Msg: "empty file"}, "r.yaml: empty file"},
		{Error{File: "card.yaml", Line: 2, Msg: "not YAML"}, "card.yaml:2: not YAML"},
	} {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
}

func TestEditDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b  string
		limit int
		want  int
	}{
		{"speaker", "speaker", 3, 0},
		{"speaker", "speakr", 3, 1},
		{"keywords", "kewyords", 3, 2},
		{"kind", "knid", 3, 2},
		{"when", "severity", 3, 3},   // far: cut at the limit
		{"a", "abcdef", 3, 3},        // lengths alone too far apart
		{"applies_when", "", 20, 12}, // under a wide limit, the distance itself
	} {
		if got := EditDistance(tc.a, tc.b, tc.limit); got != tc.want {
			t.Errorf("EditDistance(%q, %q, %d) = %d, want %d", tc.a, tc.b, tc.limit, got, tc.want)
		}
	}
}
