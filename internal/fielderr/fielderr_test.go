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
