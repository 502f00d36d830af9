package pii

import (
	"regexp"
	"slices"
	"testing"
)

// emailPattern is the regular expression the scanner replaced; it stays
// here as the reference the scanner must agree with.
var emailPattern = regexp.MustCompile(`[A-Za-z0-9][A-Za-z0-9._%+\-]*[@＠][A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,24}`)

func emailSpans(text string) [][2]int {
	var out [][2]int
	for _, m := range findEmails(text, nil) {
		out = append(out, [2]int{m.Start, m.End})
	}
	return out
}

func patternSpans(text string) [][2]int {
	var out [][2]int
	for _, loc := range emailPattern.FindAllStringIndex(text, -1) {
		out = append(out, [2]int{loc[0], loc[1]})
	}
	return out
}

var emailSeeds = []string{
	"zhang.san+cs@example.com。", "lee＠example.com.hk", "a@b@c.com", "a@b.com123", "a@b.c1.com",
	"a@b.com.1x", "a@b.cd-e", "a@b.cd--", "a@-b.com", "a@b.-c.com", "..@a.com", "-a@b.com",
	"a@b.abcdefghijklmnopqrstuvwxyz", "user@localhost", "@小王", "x@y.cn，a@b.org", "a.@b.co",
}

func TestFindEmailsMatchesPattern(t *testing.T) {
	for _, s := range emailSeeds {
		if got, want := emailSpans(s), patternSpans(s); !slices.Equal(got, want) {
			t.Errorf("%q: scanner %v, pattern %v", s, got, want)
		}
	}
}

func FuzzFindEmailsMatchesPattern(f *testing.F) {
	for _, s := range emailSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := emailSpans(s), patternSpans(s); !slices.Equal(got, want) {
			t.Fatalf("%q: scanner %v, pattern %v", s, got, want)
		}
	})
}
