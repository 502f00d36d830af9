package rules

import (
	"math"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/convqa/convqa/scoring/sentiment"
)

// Detector defaults, used when a leaf gives no threshold.
const (
	defaultFirstResponseSeconds = 60
	defaultFirstResponseHours   = 24
	defaultSilenceSeconds       = 30
	defaultRepeatTimes          = 2
	defaultIgnoredTurns         = 2
)

// threshold reads a conversational detector's settings, or applies its
// defaults.
func (p *parser) threshold(w *walker, f *field, path string, l *leaf) {
	allowed := map[detector][]string{
		detFirstResponse: {"seconds", "hours"},
		detSilence:       {"seconds"},
		detRepeated:      {"times"},
		detIgnoredHuman:  {"turns"},
	}
	if f == nil {
		switch l.det {
		case detFirstResponse:
			l.thr.ms, l.thr.emailMS = defaultFirstResponseSeconds*1000, defaultFirstResponseHours*3600*1000
		case detSilence:
			l.thr.ms = defaultSilenceSeconds * 1000
		case detRepeated:
			l.thr.times = defaultRepeatTimes
		case detIgnoredHuman:
			l.thr.turns = defaultIgnoredTurns
		}
		return
	}
	path = join(path, "threshold")
	if !l.det.conversational() {
		w.errorf(f.k, path, "only the detectors first_response, silence, repeated_question and ignored_human_request take a threshold")
		return
	}
	fs, ok := w.mapping(f.v, path, "a mapping of settings, such as {seconds: 60}", thresholdFields)
	if !ok {
		return
	}
	if emptyMapping(w, f.v) {
		w.errorf(w.resolve(f.v), path, "empty (allowed for %s: %s)", l.det, strings.Join(allowed[l.det], ", "))
		return
	}
	for _, s := range fs {
		sp := join(path, s.key)
		if !contains(allowed[l.det], s.key) {
			w.errorf(s.k, sp, "not a setting of %s (allowed: %s)", l.det, strings.Join(allowed[l.det], ", "))
			continue
		}
		switch s.key {
		case "seconds":
			if v, ok := w.number(s.v, sp); ok {
				l.thr.ms = millis(v, 1000)
			}
		case "hours":
			if v, ok := w.number(s.v, sp); ok {
				l.thr.emailMS = millis(v, 3600*1000)
			}
		case "times":
			l.thr.times, _ = w.integer(s.v, sp, 2)
		case "turns":
			l.thr.turns, _ = w.integer(s.v, sp, 1)
		}
	}
}

func millis(v, unit float64) int64 {
	ms := v * unit
	if ms > math.MaxInt64/2 {
		return math.MaxInt64 / 2
	}
	return int64(ms)
}

// anchor reads an anchor: mapping.
func (p *parser) anchor(w *walker, n *yaml.Node, path string) *anchor {
	fs, ok := w.mapping(n, path, "a mapping {ref: name, relation: before|after|within, turns: N, seconds: S}", anchorFields)
	if !ok {
		return nil
	}
	a := &anchor{turns: -1, ms: -1, file: w.file, line: w.resolve(n).Line, path: join(path, "ref")}
	good := true
	for _, f := range fs {
		fp := join(path, f.key)
		switch f.key {
		case "ref":
			a.refName, ok = w.str(f.v, fp, "the name of a condition from conditions:")
			a.line = w.resolve(f.v).Line
		case "relation":
			var r string
			if r, ok = w.oneOf(f.v, fp, "relation", relationNames); ok {
				i := slices.Index(relationNames, r)
				a.rel, a.negate = relation(i%3), i >= 3
			}
		case "turns":
			a.turns, ok = w.integer(f.v, fp, 0)
		case "seconds":
			var v float64
			v, ok = w.number(f.v, fp)
			a.ms = millis(v, 1000)
		}
		good = good && ok
	}
	for _, req := range []string{"ref", "relation"} {
		if !has2(fs, req) {
			w.errorf(w.resolve(n), join(path, req), "missing: an anchor needs ref (a condition name) and relation (%s)", strings.Join(relationNames, ", "))
			good = false
		}
	}
	if good && a.rel == relWithin && a.turns < 0 && a.ms < 0 {
		w.errorf(w.resolve(n), path, "relation %s needs turns: N or seconds: S (how near)", relationNames[a.rel+3*b2i(a.negate)])
		good = false
	}
	if !good {
		return nil
	}
	p.anch = append(p.anch, a)
	return a
}

func b2i(b bool) relation {
	if b {
		return 1
	}
	return 0
}

// detectorLists sets the word lists of the conversational detectors: the
// file's, or the built-in ones.
func (p *parser) detectorLists(w *walker, lists map[string]*field, itemsField *field, path string, l *leaf) {
	owner := map[string]detector{"hold_phrases": detSilence, "request_phrases": detIgnoredHuman, "transfer_phrases": detIgnoredHuman}
	custom := map[string]int32{}
	for key, f := range lists {
		if l.det != owner[key] {
			w.errorf(f.k, join(path, key), "only detector: %s takes %s", owner[key], key)
			continue
		}
		if words, ok := p.words(w, f.v, join(path, key)); ok {
			custom[key] = p.auto.addList(words)
		}
	}
	pick := func(key, name string, words func() []string) int32 {
		if id, ok := custom[key]; ok {
			return id
		}
		return p.auto.builtin(name, words)
	}
	switch l.det {
	case detSilence:
		l.holds = pick("hold_phrases", "holds", func() []string { return builtinHolds })
	case detIgnoredHuman:
		l.requests = pick("request_phrases", "human_requests", humanRequests)
		l.transfers = pick("transfer_phrases", "transfers", func() []string { return builtinTransfers })
		l.requestGuard = p.auto.builtin("request_negations", func() []string {
			return append(append([]string(nil), builtinNegations...), requestNegations...)
		})
	case detRepeated:
		l.cues = p.auto.builtin("ask_cues", askCues)
		l.notAsk = p.auto.builtin("not_ask", func() []string { return notAsk })
		want := p.items(w, itemsField, join(path, "items"))
		for _, it := range sentiment.AskItems() {
			if want != nil && !want[it.Item] {
				continue
			}
			words := it.Words
			l.items = append(l.items, p.auto.builtin("ask_item."+it.Item, func() []string { return words }))
		}
	}
	if itemsField != nil && l.det != detRepeated {
		w.errorf(itemsField.k, join(path, "items"), "only detector: repeated_question takes items")
	}
}

// items reads the things a repeated_question leaf counts; nil means all.
func (p *parser) items(w *walker, f *field, path string) map[string]bool {
	if f == nil {
		return nil
	}
	var names []string
	for _, it := range sentiment.AskItems() {
		names = append(names, it.Item)
	}
	nodes, ok := w.seq(f.v, path, "a list of items, such as [order_number]")
	if !ok {
		return nil
	}
	want := map[string]bool{}
	for i, n := range nodes {
		if s, ok := w.oneOf(n, index(path, i), "item", names); ok {
			want[s] = true
		}
	}
	return want
}
