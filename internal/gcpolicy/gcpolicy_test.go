package gcpolicy

import (
	"os"
	"runtime/debug"
	"testing"
)

func TestApply(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))

	t.Setenv("GOGC", "")
	// An empty GOGC is set: the runtime read it (as the default, 100), and
	// Apply leaves what is in force.
	debug.SetGCPercent(150)
	if s := Apply(); s != (Setting{Percent: 150, FromEnv: true}) {
		t.Errorf("with GOGC set: %+v, want the percent in force, from the environment", s)
	}
	if p := debug.SetGCPercent(150); p != 150 {
		t.Errorf("with GOGC set, Apply changed the percent to %d", p)
	}
}

func TestApplyDefault(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	t.Setenv("GOGC", "x") // restores the original value after the test
	if err := os.Unsetenv("GOGC"); err != nil {
		t.Fatal(err)
	}
	if s := Apply(); s != (Setting{Percent: DefaultPercent}) {
		t.Errorf("without GOGC: %+v, want %d", s, DefaultPercent)
	}
	if p := debug.SetGCPercent(100); p != DefaultPercent {
		t.Errorf("without GOGC the percent in force is %d, want %d", p, DefaultPercent)
	}
}
