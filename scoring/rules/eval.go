package rules

import (
	"cmp"
	"fmt"
	"math/bits"
	"slices"
	"unicode/utf8"

	"github.com/convqa/convqa/internal/pii"
	"github.com/convqa/convqa/internal/textnorm"
	"github.com/convqa/convqa/internal/transcript"
)

// match is one piece of evidence while rules are evaluated: an utterance
// (an index into evalCtx.utts; -1 for the conversation) and a byte span of
// its normalized text.
type match struct {
	u          int32
	start, end int32
	det        detector
}

// result is a run of matches in evalCtx.arena.
type result struct{ from, to int32 }

func (r result) empty() bool { return r.from == r.to }

// utt is one utterance, normalized and scanned once per conversation.
type utt struct {
	u        *transcript.Utterance
	t        *textnorm.Text // the caller's, or evalCtx.texts
	bit      uint8          // speakerBit
	occ      result
	bits     []uint64 // lists occurring
	piiDone  bool     // pii is known
	pii      result   // into evalCtx.piis
	sentDone bool
	sentFrom int32 // sentence starts, into evalCtx.sents
	sentTo   int32
	// runes is the number of characters of the text before byte runeAt
	// of Norm, the last hit's start: hits of a rule come in order of
	// position, and rules often hit the same turns, so each hit counts
	// from the nearer of the last hit and the start.
	runeAt, runes int
}

// evalCtx is the state of one Evaluate call. Contexts are pooled; every
// buffer is reused from one conversation to the next.
type evalCtx struct {
	s       *Set
	channel uint8
	utts    []utt
	texts   []textnorm.Text // normalized here when the caller did not
	occs    []occ
	bits    []uint64
	// spkBits are, per speaker bit (bitAgent's first), the lists that
	// occur in any of that speaker's turns: a leaf that needs a list its
	// speakers never said is decided without a look at the turns.
	spkBits  []uint64
	arena    []match
	memo     []result
	memoOK   []bool
	held     []uint8 // namedHolds by memo slot: 0 unknown, 1 holds, 2 does not
	piis     []pii.Match
	sents    []int32
	seen     []bool
	counts   []int
	order    []int32 // utterance indexes, in seq order
	verdicts []verdict
}

func (s *Set) getCtx() *evalCtx {
	if c, ok := s.pool.Get().(*evalCtx); ok {
		return c
	}
	return &evalCtx{s: s}
}

// putCtx returns c to the pool. Its buffers still point at the last
// message's texts until reused; the pool drops idle contexts at the next
// garbage collections, so nothing is held for long.
func (s *Set) putCtx(c *evalCtx) {
	s.pool.Put(c)
}

// reset prepares c for m: orders the utterances, normalizes each once
// (unless texts, when not nil, hold their normalized texts, by index)
// and scans it for every keyword of the set.
func (c *evalCtx) reset(m *transcript.Message, texts []textnorm.Text) {
	c.occs, c.arena, c.piis, c.sents = c.occs[:0], c.arena[:0], c.piis[:0], c.sents[:0]
	n := 2 * c.s.named
	c.memo = slices.Grow(c.memo[:0], n)[:n]
	c.memoOK = slices.Grow(c.memoOK[:0], n)[:n]
	clear(c.memoOK)
	c.held = slices.Grow(c.held[:0], n)[:n]
	clear(c.held)
	c.order = c.order[:0]
	c.utts = c.utts[:0]
	words := c.s.auto.words
	c.spkBits = slices.Grow(c.spkBits[:0], words*speakers)[:words*speakers]
	clear(c.spkBits)
	if m == nil {
		c.channel = channelBit("")
		return
	}
	c.channel = channelBit(m.Channel)
	sorted := true
	for i := range m.Utterances {
		c.order = append(c.order, int32(i))
		if i > 0 && m.Utterances[i].Seq < m.Utterances[i-1].Seq {
			sorted = false
		}
	}
	if !sorted {
		us := m.Utterances
		slices.SortStableFunc(c.order, func(a, b int32) int { return cmp.Compare(us[a].Seq, us[b].Seq) })
	}
	c.bits = slices.Grow(c.bits[:0], words*len(c.order))[:words*len(c.order)]
	clear(c.bits)
	if texts == nil {
		norm := c.s.auto.norm
		c.texts = slices.Grow(c.texts[:0], len(m.Utterances))
		for i := range m.Utterances {
			c.texts = append(c.texts, norm.Normalize(m.Utterances[i].Text))
		}
		texts = c.texts
	}
	for i, k := range c.order {
		u := &m.Utterances[k]
		t := &texts[k]
		bits := c.bits[i*words : (i+1)*words : (i+1)*words]
		from := int32(len(c.occs))
		bit := speakerBit(u.Speaker)
		c.occs = c.s.auto.scan(t.Norm, bit, c.occs, bits)
		spk := c.spkBits[speakerIndex(bit)*words:]
		for w, b := range bits {
			spk[w] |= b
		}
		c.utts = append(c.utts, utt{
			u: u, t: t, bit: bit, bits: bits,
			occ: result{from, int32(len(c.occs))},
		})
	}
}

// said reports whether list l occurs in a turn of a speaker of mask.
func (c *evalCtx) said(mask uint8, l int32) bool {
	words := c.s.auto.words
	for k := 0; k < speakers; k++ {
		if mask&(1<<k) != 0 && has(c.spkBits[k*words:], l) {
			return true
		}
	}
	return false
}

// Evaluate judges the conversation m, a message of kind conversation
// whose utterances are read in seq order (a nil message is a conversation
// without turns), by every rule and returns one Outcome per rule, in set
// order. m is not modified. Evaluate is safe for concurrent use.
func (s *Set) Evaluate(m *transcript.Message) []Outcome {
	return s.AppendEvaluate(make([]Outcome, 0, len(s.rules)), m)
}

// AppendEvaluate is Evaluate appending the outcomes to dst, for a caller
// that judges many conversations and reuses one slice. The hits of all
// outcomes share one allocation.
func (s *Set) AppendEvaluate(dst []Outcome, m *transcript.Message) []Outcome {
	return s.AppendEvaluateNormalized(dst, m, nil)
}

// Normalizer returns the normalizer the set matches with: a caller that
// normalizes the utterances once for several scorers hands the texts to
// AppendEvaluateNormalized.
func (s *Set) Normalizer() *textnorm.Normalizer { return s.auto.norm }

// AppendEvaluateNormalized is AppendEvaluate on utterances already
// normalized: texts[i] is s.Normalizer().Normalize(m.Utterances[i].Text)
// (or a Normalizer's with equal Options). The outcomes are the same as
// AppendEvaluate's. Texts of another length than the utterances are
// ignored, and the utterances normalized here.
func (s *Set) AppendEvaluateNormalized(dst []Outcome, m *transcript.Message, texts []textnorm.Text) []Outcome {
	dst, _ = s.AppendEvaluateNormalizedHits(dst, nil, m, texts)
	return dst
}

// AppendEvaluateNormalizedHits is AppendEvaluateNormalized for a caller
// that evaluates conversation after conversation and keeps their memory:
// the outcomes' hits are carved out of hits[:0], grown when it is too
// small, which it returns beside the outcomes to be handed back next
// time. The outcomes share that array: a caller reuses it only once it is
// done with every outcome of the call that returned it.
func (s *Set) AppendEvaluateNormalizedHits(dst []Outcome, hits []Hit, m *transcript.Message, texts []textnorm.Text) ([]Outcome, []Hit) {
	if m == nil || len(texts) != len(m.Utterances) {
		texts = nil
	}
	c := s.getCtx()
	defer s.putCtx(c)
	c.reset(m, texts)
	c.verdicts = c.verdicts[:0]
	total := 0
	for _, r := range s.rules {
		v := c.judge(r)
		c.verdicts = append(c.verdicts, v)
		total += v.hits()
	}
	// outcome wants zero hits: a conversation-level hit leaves the span
	// fields as they are.
	hits = slices.Grow(hits[:0], total)[:total]
	clear(hits)
	all := hits
	for i, r := range s.rules {
		n := c.verdicts[i].hits()
		dst = append(dst, Outcome{})
		c.outcome(&dst[len(dst)-1], r, c.verdicts[i], hits[:n:n])
		hits = hits[n:]
	}
	return dst, all
}

// EvaluateOne judges m by one rule, as Evaluate would: for backtests of a
// rule being written. It fails only for an unknown rule id.
func (s *Set) EvaluateOne(m *transcript.Message, ruleID string) (Outcome, error) {
	i, ok := s.byID[ruleID]
	if !ok {
		return Outcome{}, fmt.Errorf("evaluate: no rule %q in set %s", ruleID, s.version)
	}
	c := s.getCtx()
	defer s.putCtx(c)
	c.reset(m, nil)
	r := s.rules[i]
	v := c.judge(r)
	var o Outcome
	c.outcome(&o, r, v, make([]Hit, v.hits()))
	return o, nil
}

// verdict is a rule's status and its evidence, before it becomes an
// Outcome.
type verdict struct {
	status    Status
	evidence  result // sorted, without duplicates
	violation bool
	absent    bool // a requirement nothing met: one conversation-level hit
}

func (v verdict) hits() int {
	if v.absent {
		return 1
	}
	return int(v.evidence.to - v.evidence.from)
}

// judge decides one rule.
func (c *evalCtx) judge(r *rule) verdict {
	if r.applies != nil && !c.holds(r.applies, r.botsAreAgents) {
		return verdict{status: NA}
	}
	res := c.eval(r.when, r.botsAreAgents)
	switch {
	case r.info.Kind == Violation && res.empty():
		return verdict{status: Pass}
	case r.info.Kind == Violation:
		return verdict{status: Fail, evidence: c.evidence(res), violation: true}
	case res.empty():
		return verdict{status: Fail, violation: true, absent: true}
	}
	return verdict{status: Pass, evidence: c.evidence(res)}
}

// outcome fills o, zero, with the Outcome of a verdict, and hits (of
// length v.hits(), zero) with its evidence.
func (c *evalCtx) outcome(o *Outcome, r *rule, v verdict, hits []Hit) {
	o.RuleID, o.Title, o.Criterion, o.Severity, o.Status = r.info.ID, r.info.Title, r.info.Criterion, r.info.Severity, v.status
	if len(hits) == 0 {
		return
	}
	if v.absent {
		c.hit(&hits[0], r, match{u: -1, det: detAbsent}, true)
	} else {
		for i := range hits {
			c.hit(&hits[i], r, c.arena[v.evidence.from+int32(i)], v.violation)
		}
	}
	o.Hits = hits
}

// eval returns the matches of a condition.
func (c *evalCtx) eval(n *node, bots bool) result {
	switch n.op {
	case opLeaf:
		return c.evalLeaf(n.leaf, bots, false)
	case opRef:
		return c.evalNamed(n.ref, bots)
	case opNot:
		if c.holds(n.kids[0], bots) {
			return c.none()
		}
		from := int32(len(c.arena))
		c.arena = append(c.arena, match{u: -1, det: detAbsent})
		return result{from, from + 1}
	}
	// all and any: the union of the children's matches; all needs each.
	var buf [8]result
	rs := buf[:0]
	for _, k := range n.kids {
		r := c.eval(k, bots)
		if r.empty() {
			if n.op == opAll {
				return c.none()
			}
			continue
		}
		rs = append(rs, r)
	}
	if len(rs) == 1 {
		return rs[0]
	}
	from := int32(len(c.arena))
	for _, r := range rs {
		for i := r.from; i < r.to; i++ {
			c.arena = append(c.arena, c.arena[i])
		}
	}
	return result{from, int32(len(c.arena))}
}

func (c *evalCtx) none() result {
	n := int32(len(c.arena))
	return result{n, n}
}

// holds reports whether a condition has a match, all that applies_when
// and not ask: a leaf stops at the first turn that matches. It is
// !c.eval(n, bots).empty(), at less cost.
func (c *evalCtx) holds(n *node, bots bool) bool {
	switch n.op {
	case opLeaf:
		return !c.evalLeaf(n.leaf, bots, true).empty()
	case opRef:
		return c.namedHolds(n.ref, bots)
	case opNot:
		return !c.holds(n.kids[0], bots)
	case opAll:
		for _, k := range n.kids {
			if !c.holds(k, bots) {
				return false
			}
		}
		return len(n.kids) > 0
	}
	for _, k := range n.kids {
		if c.holds(k, bots) {
			return true
		}
	}
	return false
}

// namedHolds is holds for a named condition, known once per
// conversation and bots_are_agents setting.
func (c *evalCtx) namedHolds(nm *named, bots bool) bool {
	slot := 2 * nm.slot
	if bots {
		slot++
	}
	switch {
	case c.memoOK[slot]:
		return !c.memo[slot].empty()
	case c.held[slot] == 0:
		c.held[slot] = 2
		if c.holds(nm.node, bots) {
			c.held[slot] = 1
		}
	}
	return c.held[slot] == 1
}

// evalNamed evaluates a named condition once per conversation and
// bots_are_agents setting.
func (c *evalCtx) evalNamed(nm *named, bots bool) result {
	slot := 2 * nm.slot
	if bots {
		slot++
	}
	if c.memoOK[slot] {
		return c.memo[slot]
	}
	r := c.eval(nm.node, bots)
	c.memo[slot], c.memoOK[slot] = r, true
	return r
}

// evidence copies a result's matches, sorted by utterance and position,
// without duplicates or spans inside another of the same kind; the copy
// leaves a named condition's shared matches as they are.
func (c *evalCtx) evidence(res result) result {
	from := int32(len(c.arena))
	c.arena = append(c.arena, c.arena[res.from:res.to]...)
	ms := c.arena[from:]
	if len(ms) > 1 {
		slices.SortFunc(ms, func(a, b match) int {
			if a.u != b.u {
				return cmp.Compare(a.u, b.u)
			}
			if a.start != b.start {
				return cmp.Compare(a.start, b.start)
			}
			if a.end != b.end {
				return cmp.Compare(b.end, a.end) // longest first
			}
			return cmp.Compare(a.det, b.det)
		})
		kept := 1
		for i := 1; i < len(ms); i++ {
			if !contained(ms[:kept], ms[i]) {
				ms[kept] = ms[i]
				kept++
			}
		}
		c.arena = c.arena[:int(from)+kept]
	}
	return result{from, int32(len(c.arena))}
}

// contained reports whether m lies within an earlier match of the same
// utterance and detector (kept sorted by start, longest first).
func contained(prev []match, m match) bool {
	for j := len(prev) - 1; j >= 0; j-- {
		p := prev[j]
		if p.u != m.u {
			return false
		}
		if p.det == m.det && p.start <= m.start && m.end <= p.end {
			return true
		}
	}
	return false
}

// hit fills h, zero, with the Hit of a match, mapping its span to rune
// offsets of the original text.
func (c *evalCtx) hit(h *Hit, r *rule, m match, violation bool) {
	h.RuleID, h.RuleVersion, h.Criterion, h.Severity = r.info.ID, r.version, r.info.Criterion, r.info.Severity
	h.Violation, h.Detector, h.Seq = violation, m.det.String(), -1
	if m.u < 0 {
		return
	}
	u := &c.utts[m.u]
	h.Seq, h.Speaker = u.u.Seq, u.u.Speaker
	os, oe := u.t.OrigSpan(int(m.start), int(m.end))
	h.Matched = u.t.Orig[os:oe]
	// Norm has one character for each of Orig's, and is valid UTF-8,
	// which counts fast: its characters before the span, widened as
	// OrigSpan widens it, are Orig's before os.
	norm := u.t.Norm
	ns := min(max(int(m.start), 0), len(norm))
	ne := min(max(int(m.end), ns), len(norm))
	for ns > 0 && ns < len(norm) && !utf8.RuneStart(norm[ns]) {
		ns--
	}
	for ne < len(norm) && !utf8.RuneStart(norm[ne]) {
		ne++
	}
	switch {
	case ns >= u.runeAt:
		u.runes += chars(norm[u.runeAt:ns])
	case ns >= u.runeAt-ns: // nearer the last hit than the start
		u.runes -= chars(norm[ns:u.runeAt])
	default:
		u.runes = chars(norm[:ns])
	}
	u.runeAt = ns
	h.Start = u.runes
	h.End = h.Start + chars(norm[ns:ne])
}

// chars counts the characters of s, valid UTF-8, eight bytes at a time:
// every byte but a continuation byte (10xxxxxx) starts one.
func chars(s string) int {
	n, i := len(s), 0
	for ; i+8 <= len(s); i += 8 {
		w := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		n -= bits.OnesCount64(w &^ (w << 1) & 0x8080808080808080)
	}
	for ; i < len(s); i++ {
		if s[i]&0xC0 == 0x80 {
			n--
		}
	}
	return n
}
