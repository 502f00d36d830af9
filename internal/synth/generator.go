// Package synth generates synthetic customer-service conversations in
// Simplified Chinese, Traditional Chinese and English as contract-v1
// messages, with the ground truth of what each conversation contains:
// topics, products, the rules its agent breaks, tempting non-violations,
// sentiment and emotion, PII spans, and injected topic spikes.
//
// Output depends only on the scenario and the seed: the same inputs give
// byte-identical messages and truth.
package synth

import (
	"container/heap"
	"context"
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"time"
)

// Options configure a Generator.
type Options struct {
	// Scenario is the traffic to generate; see DefaultScenario.
	Scenario Scenario
	// Seed makes the output; the same seed and scenario give the same bytes.
	Seed uint64
}

// Sink receives the generator's output in order. Truth for a conversation
// arrives before its messages; messages arrive in the order of the time
// they were sent (SentAt), across conversations.
type Sink interface {
	// Truth receives the ground truth of one conversation.
	Truth(t *Truth) error
	// Message receives one message value (contract v1, or a deliberately
	// malformed one) and its Kafka key, the conversation id. value is only
	// valid during the call.
	Message(key string, value []byte) error
}

// Generator writes conversations. It is not safe for concurrent use; make
// one per goroutine.
type Generator struct {
	plan   *plan
	seed   uint64
	runTag string
	books  [numLangs]*phrasebook
	cat    *catalog
	agents [][numLangs][]agentInfo // per tenant
}

// New validates the scenario, compiles the phrase tables and returns a
// Generator. Errors name the scenario field and what it allows.
func New(opts Options) (*Generator, error) {
	cat, err := newCatalog(defaultCatalog())
	if err != nil {
		return nil, err
	}
	p, err := compileScenario(opts.Scenario, cat)
	if err != nil {
		return nil, err
	}
	books, err := builtinBooks()
	if err != nil {
		return nil, err
	}
	g := &Generator{plan: p, seed: opts.Seed, books: books, cat: cat}
	for _, t := range p.tenants {
		g.agents = append(g.agents, agentPools(opts.Seed, t))
	}
	// The run tag keeps ids of runs with different seeds apart, so two
	// demo runs into one store do not overwrite each other.
	h := fnv.New32a()
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], opts.Seed)
	h.Write(b[:])
	g.runTag = fmt.Sprintf("%04x", h.Sum32()&0xffff)
	return g, nil
}

// Window returns the start and end (exclusive) of the generated period.
func (g *Generator) Window() (time.Time, time.Time) { return g.plan.start, g.plan.end }

// pending is one message waiting for its send time.
type pending struct {
	at    int64 // unix ms
	conv  int
	idx   int
	key   string
	value []byte
}

type queue []pending

func (q queue) Len() int { return len(q) }
func (q queue) Less(i, j int) bool {
	a, b := q[i], q[j]
	if a.at != b.at {
		return a.at < b.at
	}
	if a.conv != b.conv {
		return a.conv < b.conv
	}
	return a.idx < b.idx
}
func (q queue) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *queue) Push(x any)   { *q = append(*q, x.(pending)) }
func (q *queue) Pop() any {
	old := *q
	x := old[len(old)-1]
	*q = old[:len(old)-1]
	return x
}

// Run generates the whole scenario into sink and returns what the spikes
// file records. Memory stays bounded by the conversations open at once:
// each conversation is written when it starts, and its messages wait in a
// queue only until their send time has passed.
func (g *Generator) Run(ctx context.Context, sink Sink) (Events, error) {
	p := g.plan
	sched := newRNG(g.seed, 0)
	ws := p.windows()
	counts := p.counts(sched, ws)
	ev := g.newEvents()
	c := &conv{r: newRNG(g.seed, 1)}
	enc := newEncoder()
	var q queue
	var times []time.Time
	idx := 0
	flush := func(until int64) error {
		for len(q) > 0 && q[0].at <= until {
			m := heap.Pop(&q).(pending)
			if err := sink.Message(m.key, m.value); err != nil {
				return err
			}
		}
		return nil
	}
	for wi, w := range ws {
		times = startTimes(sched, w, counts[wi], times)
		for _, t := range times {
			if idx%256 == 0 {
				if err := ctx.Err(); err != nil {
					return ev, err
				}
			}
			if err := flush(t.UnixMilli()); err != nil {
				return ev, err
			}
			g.build(c, idx, t)
			id := fmt.Sprintf("%s-%s-%s-%07d", c.tenant, t.Format("20060102"), g.runTag, idx)
			c.truth.ConversationID = id
			msgs, err := enc.encode(c, id)
			if err != nil {
				return ev, fmt.Errorf("encode conversation %s: %w", id, err)
			}
			if err := sink.Truth(&c.truth); err != nil {
				return ev, err
			}
			for mi, m := range msgs {
				heap.Push(&q, pending{at: m.at, conv: idx, idx: mi, key: id, value: m.value})
			}
			ev.count(c, t)
			idx++
		}
	}
	if err := flush(1<<63 - 1); err != nil {
		return ev, err
	}
	return ev, nil
}

func (g *Generator) newEvents() Events {
	p := g.plan
	ev := Events{Seed: g.seed, Scenario: p.name, Start: p.start, End: p.end, Spikes: []SpikeReport{}, Promotions: []PromotionReport{}}
	for _, sp := range p.spikes {
		ev.Spikes = append(ev.Spikes, SpikeReport{
			ID: sp.ID, Tenant: sp.tenant, Topic: string(sp.topic), SKU: sp.sku, Batch: sp.batch,
			Start: sp.start, End: sp.end, Multiplier: sp.Multiplier,
			BaselineShare: sp.base, SpikeShare: sp.base * sp.Multiplier,
		})
	}
	for _, pr := range p.promotions {
		ev.Promotions = append(ev.Promotions, PromotionReport{Name: pr.name, Start: pr.start, End: pr.end, Multiplier: pr.multiplier})
	}
	return ev
}

// count adds a conversation to the spike and promotion tallies.
func (ev *Events) count(c *conv, t time.Time) {
	for i := range ev.Spikes {
		s := &ev.Spikes[i]
		if c.tenant != s.Tenant || t.Before(s.Start) || !t.Before(s.End) {
			continue
		}
		s.Total++
		if c.truth.Intent == s.Topic && (s.SKU == "" || c.truth.SKU == s.SKU) {
			s.Matching++
		}
		if c.truth.Spike == s.ID {
			s.Injected++
		}
	}
	for i := range ev.Promotions {
		pr := &ev.Promotions[i]
		if !t.Before(pr.Start) && t.Before(pr.End) {
			pr.Total++
		}
	}
}
