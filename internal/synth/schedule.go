package synth

import (
	"math"
	"slices"
	"time"
)

// window is one local hour of the run (clipped at its ends) and the mean
// number of conversations that start in it.
type window struct {
	start, end time.Time
	mean       float64
}

// windows cuts the run into local hours and weighs each by the hour of day,
// the day of the week and any promotion.
func (p *plan) windows() []window {
	var sumWeekday, sumWeekend float64
	for i := range 24 {
		sumWeekday += p.weekday[i]
		sumWeekend += p.weekend[i]
	}
	var out []window
	for cur := p.start; cur.Before(p.end); {
		l := cur.In(p.loc)
		next := time.Date(l.Year(), l.Month(), l.Day(), l.Hour()+1, 0, 0, 0, p.loc)
		if next.After(p.end) {
			next = p.end
		}
		day := (int(l.Weekday()) + 6) % 7 // Monday first
		w := p.weekday[l.Hour()] / sumWeekday
		if day >= 5 {
			w = p.weekend[l.Hour()] / sumWeekend
		}
		frac := next.Sub(cur).Hours()
		mean := p.perDay * p.dayFactors[day] * w * frac
		if pr := p.promotion(cur); pr != nil {
			mean *= pr.multiplier
		}
		out = append(out, window{start: cur, end: next, mean: mean})
		cur = next
	}
	return out
}

// counts draws how many conversations start in each window: Poisson around
// the mean, or, when the scenario asks for an exact total, the means scaled
// to it and rounded with the remainder carried forward so the total is
// exact and the seasonal shape kept.
func (p *plan) counts(g *rng, ws []window) []int {
	out := make([]int, len(ws))
	if p.total == 0 {
		for i, w := range ws {
			out[i] = g.poisson(w.mean)
		}
		return out
	}
	var sum float64
	for _, w := range ws {
		sum += w.mean
	}
	var cum float64
	prev := 0
	for i, w := range ws {
		cum += w.mean
		next := int(math.Round(cum / sum * float64(p.total)))
		if i == len(ws)-1 {
			next = p.total
		}
		out[i] = next - prev
		prev = next
	}
	return out
}

// startTimes spreads n starts uniformly over the window, in order, at
// whole seconds.
func startTimes(g *rng, w window, n int, buf []time.Time) []time.Time {
	buf = buf[:0]
	secs := int(w.end.Sub(w.start) / time.Second)
	if secs < 1 {
		secs = 1
	}
	for range n {
		buf = append(buf, w.start.Add(time.Duration(g.intn(secs))*time.Second))
	}
	slices.SortFunc(buf, func(a, b time.Time) int { return a.Compare(b) })
	return buf
}
