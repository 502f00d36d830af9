package pack

import (
	"os"
	"path/filepath"
	"testing"
)

// TestLoad: a directory holding the pack loads as the same set as the
// embedded one (its scorecard left out), a single file loads alone, and a
// missing path is an error naming it.
func TestLoad(t *testing.T) {
	builtin, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	names, err := RuleFiles(FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range append(names, ScorecardFile) {
		b, err := FS.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, n), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fromDir, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if fromDir.Version() != builtin.Version() || fromDir.Len() != builtin.Len() {
		t.Errorf("directory copy: version %s, %d rules; built-in %s, %d rules", fromDir.Version(), fromDir.Len(), builtin.Version(), builtin.Len())
	}
	one, err := Load(filepath.Join(dir, "compliance.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if one.Len() == 0 || one.Len() >= builtin.Len() {
		t.Errorf("one file gave %d rules", one.Len())
	}
	missing := filepath.Join(dir, "nope")
	if _, err := Load(missing); err == nil || !os.IsNotExist(err) {
		t.Errorf("missing path: %v", err)
	}
}
