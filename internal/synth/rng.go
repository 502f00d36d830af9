package synth

import (
	"math"
	"math/rand/v2"
)

// rng is the generator's only source of randomness. Everything random is
// drawn from it so that one seed gives one output, byte for byte.
type rng struct {
	src *rand.PCG
	r   *rand.Rand
}

func newRNG(seed, stream uint64) *rng {
	src := rand.NewPCG(seed, stream)
	return &rng{src: src, r: rand.New(src)}
}

// reseed restarts the stream without allocating: each conversation gets its
// own stream, so changing how one conversation is written never shifts the
// randomness of the next.
func (g *rng) reseed(seed, stream uint64) { g.src.Seed(seed, stream) }

func (g *rng) float() float64 { return g.r.Float64() }
func (g *rng) intn(n int) int { return g.r.IntN(n) }
func (g *rng) chance(p float64) bool {
	if p <= 0 {
		return false
	}
	return g.r.Float64() < p
}

// between returns an integer in [lo, hi].
func (g *rng) between(lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return lo + g.r.IntN(hi-lo+1)
}

func (g *rng) uint64() uint64 { return g.r.Uint64() }

// pick returns one element of a non-empty slice.
func pick[T any](g *rng, xs []T) T { return xs[g.r.IntN(len(xs))] }

// weighted draws an index with probability proportional to its weight. The
// weights must not all be zero.
func (g *rng) weighted(ws []float64) int {
	var total float64
	for _, w := range ws {
		total += w
	}
	x := g.r.Float64() * total
	for i, w := range ws {
		if x < w {
			return i
		}
		x -= w
	}
	// Rounding may leave x just above the last weight.
	for i := len(ws) - 1; i >= 0; i-- {
		if ws[i] > 0 {
			return i
		}
	}
	return 0
}

// poisson draws from a Poisson distribution. Small means use Knuth's
// multiplication method; large means use Hörmann's PTRS transformed
// rejection, which stays O(1) for the hourly means of a busy promotion day.
func (g *rng) poisson(mean float64) int {
	switch {
	case mean <= 0:
		return 0
	case mean < 30:
		l := math.Exp(-mean)
		k, p := 0, 1.0
		for {
			p *= g.r.Float64()
			if p <= l {
				return k
			}
			k++
		}
	}
	slam := math.Sqrt(mean)
	loglam := math.Log(mean)
	b := 0.931 + 2.53*slam
	a := -0.059 + 0.02483*b
	invalpha := 1.1239 + 1.1328/(b-3.4)
	vr := 0.9277 - 3.6224/(b-2)
	for {
		u := g.r.Float64() - 0.5
		v := g.r.Float64()
		us := 0.5 - math.Abs(u)
		k := math.Floor((2*a/us+b)*u + mean + 0.43)
		if us >= 0.07 && v <= vr {
			return int(k)
		}
		if k < 0 || (us < 0.013 && v > us) {
			continue
		}
		lg, _ := math.Lgamma(k + 1)
		if math.Log(v)+math.Log(invalpha)-math.Log(a/(us*us)+b) <= -mean+k*loglam-lg {
			return int(k)
		}
	}
}
