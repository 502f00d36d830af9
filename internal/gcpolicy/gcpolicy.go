// Package gcpolicy sets how often the garbage collector of a convqa process
// runs.
//
// Ingest and the scoring job allocate a batch's worth of short-lived
// memory at a time (decoded messages, Arrow records, the columns of an
// insert) and keep little. At Go's default pace (GOGC=100: collect when
// the heap has grown by as much as is live) the collector runs often for
// them; convqa lets the heap grow by DefaultPercent of what is live between
// collections instead: fewer collections, each no dearer, for a peak heap
// about (1 + DefaultPercent/100) times the live one. Measured with
// convqa-bench scoring (20,000 conversations, 2 cores), the scoring job
// grades about a tenth more conversations per second than at GOGC=100.
//
// The environment still decides: GOGC (a percent, or off) and GOMEMLIMIT
// are read by the Go runtime itself, and a GOGC that is set is left alone.
// On a host short of memory, GOMEMLIMIT makes the collector work harder as
// the heap nears it.
package gcpolicy

import (
	"os"
	"runtime/debug"
)

// DefaultPercent is the GOGC convqa runs with when the environment sets
// none.
const DefaultPercent = 400

// Apply sets the collector's pace to DefaultPercent unless GOGC is set in
// the environment.
func Apply() {
	if _, ok := os.LookupEnv("GOGC"); !ok {
		debug.SetGCPercent(DefaultPercent)
	}
}

// Percent is the pace in force, as GOGC says it (-1: off).
func Percent() int {
	// SetGCPercent returns the previous value; put it straight back.
	p := debug.SetGCPercent(-1)
	debug.SetGCPercent(p)
	return p
}
