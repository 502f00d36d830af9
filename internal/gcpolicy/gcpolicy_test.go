package gcpolicy

import (
	"os"
	"runtime/debug"
	"testing"
)

func TestApplyLeavesTheEnvironmentsGOGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	t.Setenv("GOGC", "")
	// An empty GOGC is set: the runtime read it (as the default, 100), and
	// Apply leaves what is in force.
	debug.SetGCPercent(150)
	Apply()
	if p := Percent(); p != 150 {
		t.Errorf("with GOGC set, Apply changed the percent to %d", p)
	}
}

func TestApplyDefault(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	t.Setenv("GOGC", "x") // restores the original value after the test
	if err := os.Unsetenv("GOGC"); err != nil {
		t.Fatal(err)
	}
	Apply()
	if p := Percent(); p != DefaultPercent {
		t.Errorf("without GOGC the percent in force is %d, want %d", p, DefaultPercent)
	}
}

func TestPercentLeavesThePace(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	debug.SetGCPercent(250)
	if p := Percent(); p != 250 {
		t.Errorf("Percent = %d, want 250", p)
	}
	if p := Percent(); p != 250 {
		t.Errorf("after Percent, the pace is %d, want 250", p)
	}
}
