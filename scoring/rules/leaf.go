package rules

// evalLeaf returns the matches of a leaf condition; with first, only
// those of the first turn that has any (see holds).
//
// An anchor's condition is evaluated only once an utterance needs it:
// most leaves find no candidate in most conversations, and the anchor
// may cost more than the leaf. Its matches go into the arena before any
// of the leaf's own, which stay one run.
func (c *evalCtx) evalLeaf(l *leaf, bots, first bool) result {
	if l.channels != 0 && l.channels&c.channel == 0 {
		return c.none()
	}
	mask := l.speaker.mask(bots)
	if l.det.conversational() {
		from := int32(len(c.arena))
		c.conversational(l, mask)
		end := int32(len(c.arena))
		if end == from {
			return result{from, from}
		}
		var anc result
		if l.anchor != nil {
			// Appended after the leaf's matches, unless known already.
			anc = c.evalNamed(l.anchor.ref, bots)
		}
		out := from
		for k := from; k < end; k++ {
			m := c.arena[k]
			if (!l.pos.turnsSet() || c.posOK(l, mask, int(m.u))) && (l.anchor == nil || c.anchorOK(l.anchor, anc, int(m.u))) {
				c.arena[out] = m
				out++
			}
		}
		if int32(len(c.arena)) == end {
			c.arena = c.arena[:out]
		}
		return result{from, out}
	}
	for _, list := range l.needs {
		if !c.said(mask, list) {
			return c.none()
		}
	}
	total := 0
	if l.pos.last > 0 {
		for i := range c.utts {
			if c.utts[i].bit&mask != 0 {
				total++
			}
		}
	}
	var anc result
	anchored := false
	from := int32(len(c.arena))
	ord := 0
	for i := range c.utts {
		u := &c.utts[i]
		if u.bit&mask == 0 {
			continue
		}
		ord++
		if !hasAll(u.bits, l.needs) {
			continue
		}
		if l.pos.turnsSet() && !l.pos.turnOK(i+1, ord, total) {
			continue
		}
		if l.anchor != nil {
			if !anchored {
				// Nothing of the leaf's is in the arena yet.
				anc, anchored = c.evalNamed(l.anchor.ref, bots), true
				from = int32(len(c.arena))
			}
			if !c.anchorOK(l.anchor, anc, i) {
				continue
			}
		}
		mark := len(c.arena)
		if !c.matchUtt(l, i) {
			c.arena = c.arena[:mark]
		} else if first && len(c.arena) > int(from) {
			break
		}
	}
	return result{from, int32(len(c.arena))}
}

// turnOK checks a turn against first/last (ord of total turns of the
// leaf's speaker) and turns (idx over all turns), all 1-based.
func (p position) turnOK(idx, ord, total int) bool {
	switch {
	case p.first > 0 && ord > p.first:
		return false
	case p.last > 0 && ord <= total-p.last:
		return false
	case p.from > 0 && (idx < p.from || idx > p.to):
		return false
	}
	return true
}

// posOK checks the position of utterance i for a conversational detector,
// whose hit may fall on any speaker's turn.
func (c *evalCtx) posOK(l *leaf, mask uint8, i int) bool {
	if i < 0 {
		return true
	}
	ord, total := 0, 0
	for k := range c.utts {
		if c.utts[k].bit&mask != 0 {
			total++
			if k <= i {
				ord++
			}
		}
	}
	return l.pos.turnOK(i+1, ord, total)
}

// anchorOK reports whether utterance i stands in the anchor's relation to
// one of the anchor condition's hits (or, negated, to none of them).
func (c *evalCtx) anchorOK(a *anchor, anc result, i int) bool {
	if i < 0 {
		return a.negate
	}
	found := false
	for k := anc.from; k < anc.to && !found; k++ {
		m := c.arena[k]
		if m.u < 0 {
			continue
		}
		d := int(m.u) - i // > 0: the anchor hit comes later
		dt := c.utts[m.u].u.StartMS - c.utts[i].u.StartMS
		switch a.rel {
		case relBefore:
			found = d > 0 && (a.turns < 0 || d <= a.turns) && (a.ms < 0 || dt <= a.ms)
		case relAfter:
			found = d < 0 && (a.turns < 0 || -d <= a.turns) && (a.ms < 0 || -dt <= a.ms)
		case relWithin:
			found = (a.turns < 0 || abs(d) <= a.turns) && (a.ms < 0 || abs(dt) <= a.ms)
		}
	}
	return found != a.negate
}

func abs[T int | int64](v T) T {
	if v < 0 {
		return -v
	}
	return v
}

// matchUtt applies a leaf's matchers to utterance i, appending their
// evidence; on false the caller drops what was appended.
func (c *evalCtx) matchUtt(l *leaf, i int) bool {
	u := &c.utts[i]
	if l.kw.present && !c.keywords(l, i) {
		return false
	}
	if l.det != detNone && !c.piiMatch(l, i) {
		return false
	}
	if l.re != nil && !c.regex(l, i) {
		return false
	}
	if l.exclude != nil && l.exclude.matches(u.t.Norm, u.bits) {
		return false
	}
	if l.kw.present && l.kw.anyL < 0 && l.kw.allL < 0 && l.kw.most < 0 && l.re == nil && l.det == detNone {
		// none: alone: the utterance free of the words is the evidence.
		c.arena = append(c.arena, match{u: int32(i), end: int32(len(u.t.Norm)), det: detKeywords})
	}
	return true
}
