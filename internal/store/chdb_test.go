package store

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestMigrationsOnChdb runs every migration, on both branches and as an
// upgrade, on the current ClickHouse engine through sql/chdb_check.py. The
// plan comes from ExportPlan in this process, so the script executes the
// statements this very code split and branched.
func TestMigrationsOnChdb(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		chdbUnavailable(t, "python3 not found on PATH")
	}
	// A directory of its own: chdb reads ./config.xml when it starts.
	dir := t.TempDir()
	probe := exec.Command(python, "-c", "import chdb")
	probe.Dir = dir
	if out, err := probe.CombinedOutput(); err != nil {
		chdbUnavailable(t, "python3 cannot import chdb: "+lastLine(string(out)))
	}

	plan, err := json.Marshal(ExportPlan(embedded(t)))
	if err != nil {
		t.Fatal(err)
	}
	planFile := filepath.Join(dir, "plan.json")
	if err := os.WriteFile(planFile, plan, 0o600); err != nil {
		t.Fatal(err)
	}
	script, err := filepath.Abs(filepath.Join("..", "..", "sql", "chdb_check.py"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(python, script, "--plan", planFile)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	t.Logf("%s", out)
	if err != nil {
		t.Fatalf("chdb_check.py: %v", err)
	}
	if !strings.Contains(string(out), " passed, 0 failed") {
		t.Fatal("chdb_check.py exited 0 without reporting its checks")
	}
}

// chdbUnavailable skips the test on a developer machine without chdb but
// fails it in CI, which installs sql/requirements-chdb.txt.
func chdbUnavailable(t *testing.T, why string) {
	t.Helper()
	if ci, _ := strconv.ParseBool(os.Getenv("CI")); ci {
		t.Fatalf("chdb check required with CI=true: %s (python3 -m pip install -r sql/requirements-chdb.txt)", why)
	}
	t.Skipf("chdb check skipped outside CI: %s (python3 -m pip install -r sql/requirements-chdb.txt; with CI=true this fails)", why)
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}
