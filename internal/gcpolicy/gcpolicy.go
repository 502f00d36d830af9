// Package gcpolicy sets how often the garbage collector of a convqa process
// runs.
//
// Scoring allocates a few kilobytes of short-lived results per
// conversation and keeps little: at Go's default pace (GOGC=100: collect
// when the heap has grown by as much as is live) the collector ran so often
// that it took about a fifth of the scorer's CPU time. convqa therefore
// lets the heap grow by DefaultPercent of what is live between
// collections: fewer collections, each no dearer, for a peak heap about
// (1 + DefaultPercent/100) times the live one — tens of megabytes for
// ingest and a few hundred for the scoring job's two batches in flight.
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

// Setting is the pace in force: Percent as GOGC means it (-1: off), and
// whether it came from the environment.
type Setting struct {
	Percent int
	FromEnv bool
}

// Apply sets the collector's pace to DefaultPercent unless GOGC is set in
// the environment, and returns the setting in force.
func Apply() Setting {
	if _, ok := os.LookupEnv("GOGC"); ok {
		// SetGCPercent returns the previous value; put it straight back.
		p := debug.SetGCPercent(100)
		debug.SetGCPercent(p)
		return Setting{Percent: p, FromEnv: true}
	}
	debug.SetGCPercent(DefaultPercent)
	return Setting{Percent: DefaultPercent}
}
