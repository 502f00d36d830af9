package chaos

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
)

// Kill is one SIGKILL of an ingest process.
type Kill struct {
	// At is when, counted from the start of producing.
	At time.Duration
	// Ingester is the index of the process killed.
	Ingester int
	// Revive is how long it stays dead before it is started again; zero
	// restarts it at once, so that it rejoins the group mid-rebalance.
	Revive time.Duration
}

// Restart is one stop and start of a server of the stack.
type Restart struct {
	At      time.Duration
	Service string // clickhouse or kafka
	Down    time.Duration
}

// Plan is the schedule of faults of one run. It depends only on the
// configuration and its seed, so a failing run can be repeated.
type Plan struct {
	Kills    []Kill
	Restarts []Restart
}

// planStream keeps the schedule's random numbers apart from the data's,
// which synth draws from the same seed.
const planStream = 0x6368616f73 // "chaos"

// NewPlan draws the faults. The restarts come first, in separate windows
// (ClickHouse early, Kafka late) so that their outages never overlap. Kills
// fall at uniform random moments over the middle 90% of producing, but not
// in the Settle before a restart: a killed consumer stalls the group until
// its session times out, and a server that goes down while nobody consumes
// tests nothing. Kills during and after an outage are welcome.
func NewPlan(c Config) Plan {
	r := rand.New(rand.NewPCG(c.Seed, planStream))
	span := float64(c.ProduceFor)
	at := func(from, to float64) time.Duration { return time.Duration(span * (from + (to-from)*r.Float64())) }
	var p Plan
	if c.RestartClickHouse {
		p.Restarts = append(p.Restarts, Restart{At: at(0.2, 0.35), Service: "clickhouse", Down: c.Down})
	}
	if c.RestartKafka {
		p.Restarts = append(p.Restarts, Restart{At: at(0.6, 0.75), Service: "kafka", Down: c.Down})
	}
	quiet := func(t time.Duration) bool {
		for _, rs := range p.Restarts {
			if t > rs.At-c.Settle && t <= rs.At {
				return true
			}
		}
		return false
	}
	for range c.Kills {
		k := Kill{At: at(0.05, 0.95)}
		// A run too short to keep clear of the restarts gets its kills
		// anywhere rather than not at all.
		for try := 0; try < 1000 && quiet(k.At); try++ {
			k.At = at(0.05, 0.95)
		}
		k.Ingester = r.IntN(max(c.Ingesters, 1))
		if r.IntN(4) > 0 {
			k.Revive = time.Duration(500+r.IntN(2500)) * time.Millisecond
		}
		p.Kills = append(p.Kills, k)
	}
	slices.SortStableFunc(p.Kills, func(a, b Kill) int { return cmp.Compare(a.At, b.At) })
	return p
}

// Lines lists the faults in time order, one line each.
func (p Plan) Lines() []string {
	type line struct {
		at   time.Duration
		text string
	}
	var ls []line
	for _, k := range p.Kills {
		ls = append(ls, line{k.At, fmt.Sprintf("kill -9 ingest-%d, start again after %v", k.Ingester, k.Revive)})
	}
	for _, r := range p.Restarts {
		ls = append(ls, line{r.At, fmt.Sprintf("restart %s, down %v", r.Service, r.Down)})
	}
	slices.SortStableFunc(ls, func(a, b line) int { return cmp.Compare(a.at, b.at) })
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = fmt.Sprintf("t+%-8v %s", l.at.Round(100*time.Millisecond), l.text)
	}
	return out
}

// String is the plan, one fault a line.
func (p Plan) String() string { return strings.Join(p.Lines(), "\n") }
