package rules

import "unicode/utf8"

// The conversational detectors judge turns together: their order, their
// timing (StartMS, EndMS) and what the other side said. Each hit falls on
// one utterance, the late turn, with the whole utterance as its span (the
// span is empty when the utterance has no text); ignored_human_request
// falls back to the customer's request when no agent turn followed it.

// conversational appends the hits of a leaf whose detector judges the
// conversation's turns.
func (c *evalCtx) conversational(l *leaf, mask uint8) {
	switch l.det {
	case detFirstResponse:
		c.firstResponse(l, mask)
	case detSilence:
		c.silence(l, mask)
	case detRepeated:
		c.repeated(l, mask)
	case detIgnoredHuman:
		c.ignoredHuman(l, mask)
	}
}

// whole appends utterance i, all of it, as evidence of the leaf's detector.
func (c *evalCtx) whole(l *leaf, i int) {
	c.arena = append(c.arena, match{u: int32(i), end: int32(len(c.utts[i].t.Norm)), det: l.det})
}

// firstOcc appends the first occurrence of list in utterance i as
// evidence, or the whole utterance if there is none.
func (c *evalCtx) firstOcc(l *leaf, i int, list int32) {
	u := &c.utts[i]
	for k := u.occ.from; k < u.occ.to; k++ {
		o := c.occs[k]
		if c.in(o, list) {
			c.arena = append(c.arena, match{u: int32(i), start: o.start, end: o.end, det: l.det})
			return
		}
	}
	c.whole(l, i)
}

// firstResponse: the time from the end of the customer's first turn to
// the start of the first agent (or bot) turn after it, against seconds on
// chat, voice and bot conversations and hours on e-mail. No hit when the
// agent spoke first, when no agent turn follows, or when the channel has
// no threshold.
func (c *evalCtx) firstResponse(l *leaf, mask uint8) {
	limit := l.thr.ms
	if c.channel == channelBit("email") {
		limit = l.thr.emailMS
	}
	if limit < 0 {
		return
	}
	first := -1
	for i := range c.utts {
		b := c.utts[i].bit
		if b == bitCustomer {
			first = i
			break
		}
		if b&mask != 0 {
			return // the agent opened the conversation: nobody waited
		}
	}
	if first < 0 {
		return
	}
	asked := c.utts[first].u.EndMS
	for i := first + 1; i < len(c.utts); i++ {
		if c.utts[i].bit&mask == 0 {
			continue
		}
		if c.utts[i].u.StartMS-asked > limit {
			c.whole(l, i)
		}
		return
	}
}

// silence: a gap longer than the threshold between the end of a turn and
// the start of the next, where the next is the leaf speaker's (default
// agent), on any channel but e-mail. A gap after the latest agent or bot
// turn announced a hold ("请稍等", "one moment") is no silence.
func (c *evalCtx) silence(l *leaf, mask uint8) {
	if c.channel == channelBit("email") {
		return
	}
	for i := 1; i < len(c.utts); i++ {
		u := &c.utts[i]
		if u.bit&mask == 0 || u.u.StartMS-c.utts[i-1].u.EndMS <= l.thr.ms {
			continue
		}
		if c.holdAnnounced(l, i) {
			continue
		}
		c.whole(l, i)
	}
}

// holdAnnounced reports whether the latest agent or bot turn before
// utterance i holds a hold phrase.
func (c *evalCtx) holdAnnounced(l *leaf, i int) bool {
	for k := i - 1; k >= 0; k-- {
		if c.utts[k].bit&(bitAgent|bitBot) != 0 {
			return has(c.utts[k].bits, l.holds)
		}
	}
	return false
}

// repeated: the agent asks for the same item (order number, phone,
// address, photo, ID number, e-mail) in threshold.times turns. A turn asks
// for an item when one of the item's words and a request cue ("请",
// "麻烦", "please", "?", "多少") stand in the same clause; a cue or an item
// word inside a longer word that asks nothing is none: the 请 of 申请, the
// 单号 of 快递单号 (a tracking number the agent gives). An ask counts once
// the customer has spoken since the previous one: two in a row are one
// request. The vocabulary is the one sentiment's frustration detector
// uses. The hit is the turn that reaches the count, its span the item's
// word; one hit per item.
func (c *evalCtx) repeated(l *leaf, mask uint8) {
	n := len(l.items)
	if cap(c.counts) < 2*n {
		c.counts = make([]int, 2*n)
	}
	counts, heard := c.counts[:n], c.counts[n:2*n] // heard: the customer spoke since the last ask
	clear(counts)
	clear(heard)
	for i := range c.utts {
		u := &c.utts[i]
		if u.bit == bitCustomer {
			for k := range heard {
				heard[k] = 1
			}
			continue
		}
		if u.bit&mask == 0 || !has(u.bits, l.cues) {
			continue
		}
		for k, item := range l.items {
			if !has(u.bits, item) {
				continue
			}
			o, ok := c.askedFor(l, i, item)
			if !ok || counts[k] > 0 && heard[k] == 0 {
				continue // asking twice in a row is one request
			}
			counts[k]++
			heard[k] = 0
			if counts[k] == l.thr.times {
				c.arena = append(c.arena, match{u: int32(i), start: o.start, end: o.end, det: l.det})
			}
		}
	}
}

// askedFor returns the first word of item in utterance i that shares its
// clause with a request cue.
func (c *evalCtx) askedFor(l *leaf, i int, item int32) (occ, bool) {
	u := &c.utts[i]
	occs := c.occs[u.occ.from:u.occ.to]
	for _, o := range occs {
		if !c.in(o, item) || c.within(occs, o, l.notAsk) {
			continue
		}
		cs, ce := clauseAround(u.t.Norm, int(o.start), int(o.end))
		for _, q := range occs {
			if int(q.start) < cs || int(q.end) > ce || !c.in(q, l.cues) || c.within(occs, q, l.notAsk) {
				continue
			}
			return o, true
		}
	}
	return occ{}, false
}

// within reports whether occurrence q lies inside an occurrence of list.
func (c *evalCtx) within(occs []occ, q occ, list int32) bool {
	for _, o := range occs {
		if o.start <= q.start && q.end <= o.end && (o.start != q.start || o.end != q.end) && c.in(o, list) {
			return true
		}
	}
	return false
}

// clauseAround returns the clause holding the span [s, e) of text: from
// after the clause break before it to the end of the break after it (the
// break included, so that a closing "?" belongs to its clause).
func clauseAround(text string, s, e int) (int, int) {
	cs := s
	for cs > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:cs])
		if isClauseBreak(r, text, cs-size) {
			break
		}
		cs -= size
	}
	ce := e
	for ce < len(text) {
		r, size := utf8.DecodeRuneInString(text[ce:])
		ce += size
		if isClauseBreak(r, text, ce-size) {
			break
		}
	}
	return cs, ce
}

// ignoredHuman: the customer asks for a human (unless negated: "不用转人工")
// and no agent, bot or system turn with a transfer phrase comes within
// threshold.turns agent turns, or before the conversation ends. The hit
// is the first agent turn after the request (the reply that did not
// transfer), or the request itself when no agent turn followed. A request
// made while an earlier one is unanswered is the same request.
func (c *evalCtx) ignoredHuman(l *leaf, mask uint8) {
	open, reported := false, false
	asked, replied, replies := -1, -1, 0
	for i := range c.utts {
		u := &c.utts[i]
		if u.bit == bitCustomer {
			if !open && c.requestsHuman(l, i) {
				open, reported, asked, replied, replies = true, false, i, -1, 0
			}
			continue
		}
		if !open || u.bit&(mask|bitSystem) == 0 {
			continue
		}
		if has(u.bits, l.transfers) {
			open = false
			continue
		}
		if u.bit&mask == 0 {
			continue // a system notice is no reply
		}
		replies++
		if replied < 0 {
			replied = i
		}
		if replies >= l.thr.turns && !reported {
			c.whole(l, replied)
			reported = true
		}
	}
	switch {
	case !open || reported:
	case replied >= 0:
		c.whole(l, replied)
	default:
		c.firstOcc(l, asked, l.requests)
	}
}

// requestsHuman reports whether customer utterance i asks for a human in
// words no negation voids.
func (c *evalCtx) requestsHuman(l *leaf, i int) bool {
	u := &c.utts[i]
	if !has(u.bits, l.requests) {
		return false
	}
	for k := u.occ.from; k < u.occ.to; k++ {
		o := c.occs[k]
		if c.in(o, l.requests) && !c.negated(i, o.start, o.end, l.requestGuard) {
			return true
		}
	}
	return false
}
