package store

import (
	"strings"
	"testing"
)

func TestSplitStatements(t *testing.T) {
	tests := []struct {
		name       string
		src        string
		want       []string
		lines      []int
		directives [][]string
		trailing   int
	}{
		{name: "two statements", src: "SELECT 1;\nSELECT 2;\n", want: []string{"SELECT 1", "SELECT 2"}, lines: []int{1, 2}},
		{name: "last without semicolon", src: "SELECT 1;\n\nSELECT 2\n", want: []string{"SELECT 1", "SELECT 2"}, lines: []int{1, 3}},
		{name: "empty statements dropped", src: ";;SELECT 1;;\n;", want: []string{"SELECT 1"}},
		{name: "only comments", src: "-- nothing; here\n/* nor; here */\n"},
		{name: "semicolon in single quotes", src: "SELECT 'a;b';SELECT 2", want: []string{"SELECT 'a;b'", "SELECT 2"}},
		{name: "backslash-escaped quote", src: `SELECT 'it\'s; fine'; SELECT 2`, want: []string{`SELECT 'it\'s; fine'`, "SELECT 2"}},
		{name: "escaped backslash ends string", src: `SELECT 'a\\'; SELECT 2`, want: []string{`SELECT 'a\\'`, "SELECT 2"}},
		{name: "doubled quote", src: "SELECT 'it''s; fine'; SELECT 2", want: []string{"SELECT 'it''s; fine'", "SELECT 2"}},
		{name: "empty string", src: "SELECT '';SELECT ''''", want: []string{"SELECT ''", "SELECT ''''"}},
		{name: "double-quoted identifier", src: `SELECT 1 AS "a;b"; SELECT 2`, want: []string{`SELECT 1 AS "a;b"`, "SELECT 2"}},
		{name: "backquoted identifier", src: "SELECT 1 AS `a;``b`; SELECT 2", want: []string{"SELECT 1 AS `a;``b`", "SELECT 2"}},
		{name: "line comment with semicolon and quote", src: "SELECT 1 -- it's; a comment\n, 2;\nSELECT 3", want: []string{"SELECT 1 -- it's; a comment\n, 2", "SELECT 3"}, lines: []int{1, 3}},
		{name: "block comment with semicolon", src: "SELECT /* a; 'b */ 1; SELECT 2", want: []string{"SELECT /* a; 'b */ 1", "SELECT 2"}},
		{name: "leading comments dropped", src: "-- header; why\n/* more */\nCREATE TABLE t (x String);\n", want: []string{"CREATE TABLE t (x String)"}, lines: []int{3}},
		{name: "comment as last line before semicolon", src: "SELECT 1\n-- end\n;SELECT 2", want: []string{"SELECT 1\n-- end", "SELECT 2"}},
		{name: "multi-line string counts lines", src: "SELECT 'a\nb';\nSELECT 2", want: []string{"SELECT 'a\nb'", "SELECT 2"}, lines: []int{1, 3}},
		{name: "multi-byte text", src: "SELECT '保质期；过期';SELECT '生产日期'", want: []string{"SELECT '保质期；过期'", "SELECT '生产日期'"}},
		{name: "CR LF", src: "SELECT 1;\r\nSELECT 2;\r\n", want: []string{"SELECT 1", "SELECT 2"}, lines: []int{1, 2}},
		{
			name:       "directives attach to the next statement",
			src:        "SELECT 1;\n-- why it needs a new server; explained\n-- convqa:requires 22.3\nALTER TABLE t;\n--convqa:else\nSELECT 3;",
			want:       []string{"SELECT 1", "ALTER TABLE t", "SELECT 3"},
			lines:      []int{1, 4, 6},
			directives: [][]string{nil, {"requires 22.3"}, {"else"}},
		},
		{name: "trailing directive", src: "SELECT 1;\n-- convqa:requires 22.3\n", want: []string{"SELECT 1"}, trailing: 1},
		{name: "directive-like text in a string", src: "SELECT '-- convqa:else'", want: []string{"SELECT '-- convqa:else'"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, trailing, err := splitStatements(tt.src)
			if err != nil {
				t.Fatalf("splitStatements: %v", err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d statements %q, want %d %q", len(got), sqls(got), len(tt.want), tt.want)
			}
			for i, s := range got {
				if s.SQL != tt.want[i] {
					t.Errorf("statement %d = %q, want %q", i+1, s.SQL, tt.want[i])
				}
				if tt.lines != nil && s.Line != tt.lines[i] {
					t.Errorf("statement %d line = %d, want %d", i+1, s.Line, tt.lines[i])
				}
				if tt.directives != nil {
					var texts []string
					for _, d := range s.Directives {
						texts = append(texts, d.Text)
					}
					if strings.Join(texts, "|") != strings.Join(tt.directives[i], "|") {
						t.Errorf("statement %d directives = %q, want %q", i+1, texts, tt.directives[i])
					}
				}
			}
			if len(trailing) != tt.trailing {
				t.Errorf("trailing directives = %v, want %d", trailing, tt.trailing)
			}
		})
	}
}

func TestSplitStatementsErrors(t *testing.T) {
	tests := []struct {
		name, src, wantErr string
	}{
		{"unterminated single quote", "SELECT 1;\nSELECT 'abc;\n", "line 2: unterminated ' quote"},
		{"unterminated identifier", "SELECT `abc", "line 1: unterminated ` quote"},
		{"escape at end", `SELECT 'abc\`, "unterminated ' quote"},
		{"unterminated block comment", "SELECT 1 /* x;\n", "line 1: unterminated /* comment"},
		{"nested block comment", "/* a\n/* b */ ; */ SELECT 1", "line 2: nested /* comment (opened at line 1)"},
		{"directive inside statement", "SELECT 1\n-- convqa:requires 22.3\n, 2;", "line 2: directive \"--convqa:requires 22.3\" inside a statement"},
		{"directive before empty statement", "-- convqa:else\n;\nSELECT 1", "line 1: directive \"else\" is followed by an empty statement"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := splitStatements(tt.src)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error = %v, want it to contain %q", err, tt.wantErr)
			}
		})
	}
}

func sqls(stmts []rawStatement) []string {
	var out []string
	for _, s := range stmts {
		out = append(out, s.SQL)
	}
	return out
}
