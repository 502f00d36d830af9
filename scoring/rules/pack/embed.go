// Package pack is convqa's default compliance rule pack for e-commerce
// customer service in Simplified Chinese, Traditional Chinese (Taiwan and
// Hong Kong wording included) and English, and the default scorecard that
// grades its verdicts.
//
// The rules are YAML files (scoring/rules/FORMAT.md), one per scorecard
// section, reviewed like code. scorecard.yaml is the scorecard, not a rule
// file: every criterion there names rules of this pack, and every rule here
// feeds one criterion there. The pack is embedded, so the binary runs
// without it on disk; a deployment that wants its own rules points the
// scorer at a directory instead.
package pack

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/convqa/convqa/scoring/rules"
)

// ScorecardFile is the name of the scorecard in FS; every other *.yaml
// file of FS is a rule file.
const ScorecardFile = "scorecard.yaml"

// FS holds the rule files and the scorecard.
//
//go:embed *.yaml
var FS embed.FS

// RuleFiles lists the rule files of fsys (every *.yaml but the
// scorecard) in name order, the order a rule set reads them.
func RuleFiles(fsys fs.FS) ([]string, error) {
	names, err := fs.Glob(fsys, "*.yaml")
	if err != nil {
		return nil, fmt.Errorf("list rule files: %w", err)
	}
	names = slices.DeleteFunc(names, func(n string) bool { return n == ScorecardFile })
	if len(names) == 0 {
		return nil, fmt.Errorf("list rule files: no *.yaml besides %s", ScorecardFile)
	}
	slices.Sort(names)
	return names, nil
}

// Rules loads the default rule pack: every rule file of FS.
func Rules() (*rules.Set, error) {
	names, err := RuleFiles(FS)
	if err != nil {
		return nil, fmt.Errorf("default rule pack: %w", err)
	}
	s, err := rules.LoadFS(FS, names...)
	if err != nil {
		return nil, fmt.Errorf("default rule pack: %w", err)
	}
	return s, nil
}

// Load loads the rule set at paths — each a rule file or a directory of
// them, whose scorecard.yaml is left out — or, with no path, the default
// pack. It is how every command turns a configured rules path into a set.
func Load(paths ...string) (*rules.Set, error) {
	if len(paths) == 0 {
		return Rules()
	}
	var files []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !st.IsDir() {
			files = append(files, p)
			continue
		}
		names, err := RuleFiles(os.DirFS(p))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		for _, n := range names {
			files = append(files, filepath.Join(p, n))
		}
	}
	return rules.LoadFiles(files...)
}

// Scorecard returns the default scorecard file's bytes.
func Scorecard() ([]byte, error) {
	b, err := FS.ReadFile(ScorecardFile)
	if err != nil {
		return nil, fmt.Errorf("default scorecard: %w", err)
	}
	return b, nil
}
