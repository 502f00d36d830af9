package main

import (
	"fmt"

	"github.com/spf13/pflag"

	"github.com/convqa/convqa/internal/synth"
)

// genFlags are the flags of the evaluations over generated conversations:
// how many, the seed, the language mix, and the floor below which the run
// fails.
type genFlags struct {
	conversations int
	seed          uint64
	languages     string
	min           float64
}

// bind defines the flags; minUsage says what --min checks.
func (g *genFlags) bind(fs *pflag.FlagSet, minUsage string) {
	fs.IntVar(&g.conversations, "conversations", 20000, "number of generated conversations")
	fs.Uint64Var(&g.seed, "seed", 7, "generator seed: the same seed gives the same text")
	fs.StringVar(&g.languages, "languages", "", `language shares, keys zh-Hans, zh-Hant, en, mixed (default: the generator's mix)`)
	fs.Float64Var(&g.min, "min", 0, minUsage)
}

// check validates the flags and returns the language shares (nil: the
// generator's mix).
func (g *genFlags) check() (map[string]float64, error) {
	if g.conversations <= 0 {
		return nil, fmt.Errorf("--conversations must be > 0, got %d", g.conversations)
	}
	if g.min < 0 || g.min > 1 {
		return nil, fmt.Errorf("--min must be between 0 and 1, got %v", g.min)
	}
	if g.languages == "" {
		return nil, nil
	}
	m, err := synth.ParseShares(g.languages)
	if err != nil {
		return nil, fmt.Errorf("--languages: %w", err)
	}
	return m, nil
}
