package rules

import (
	"slices"

	"gopkg.in/yaml.v3"
)

// leaf reads a leaf condition from its fields.
func (p *parser) leaf(w *walker, n *yaml.Node, fs []field, path string) *leaf {
	before := len(p.errs.errs)
	l := &leaf{
		guard: -1, placeholder: -1, holds: -1, requests: -1, requestGuard: -1, transfers: -1, cues: -1, notAsk: -1,
		kw:  kwMatch{anyL: -1, allL: -1, noneL: -1, most: -1},
		thr: threshold{ms: -1, emailMS: -1},
	}
	var (
		speakerSet bool
		guardField *field
		thrField   *field
		itemsField *field
		lists      = map[string]*field{}
	)
	for i := range fs {
		f := &fs[i]
		fp := join(path, f.key)
		switch f.key {
		case "speaker":
			if s, ok := w.oneOf(f.v, fp, "speaker", speakerNames); ok {
				l.speaker = speakerSel(slices.Index(speakerNames, s))
				speakerSet = true
			}
		case "channels":
			l.channels = p.channels(w, f.v, fp)
		case "keywords":
			p.keywords(w, f.v, fp, l)
		case "regex":
			l.re = p.regex(w, f.v, fp)
		case "exclude":
			l.exclude = p.regex(w, f.v, fp)
		case "position":
			p.position(w, f.v, fp, l)
		case "negation_guard":
			guardField = f
		case "detector":
			if d, ok := w.oneOf(f.v, fp, "detector", detectorFieldNames); ok {
				l.det = detector(slices.Index(detectorFieldNames, d) + 1)
			}
		case "threshold":
			thrField = f
		case "anchor":
			l.anchor = p.anchor(w, f.v, fp)
		case "hold_phrases", "request_phrases", "transfer_phrases":
			lists[f.key] = f
		case "items":
			itemsField = f
		}
	}
	if len(p.errs.errs) > before {
		return nil // the cross-field checks below would only repeat them
	}
	if !l.kw.present && l.re == nil && l.det == detNone {
		w.errorf(n, path, "a leaf needs a matcher: keywords, regex or detector")
		return nil
	}
	if l.det.conversational() {
		for _, f := range fs {
			switch f.key {
			case "keywords", "regex", "exclude", "negation_guard":
				w.errorf(f.k, join(path, f.key), "cannot go with detector: %s, which judges the turns' order and timing, not their text; combine the two with all: [..]", l.det)
			}
		}
		if l.pos.sentSet() {
			w.errorf(n, join(path, "position.sentences"), "cannot go with detector: %s, which does not match text within an utterance", l.det)
		}
		switch l.det {
		case detFirstResponse, detRepeated, detIgnoredHuman:
			if !speakerSet {
				l.speaker = selAgent
			} else if l.speaker != selAgent && l.speaker != selBot {
				w.errorf(n, join(path, "speaker"), "detector %s judges the agent's turns (allowed: agent, bot)", l.det)
			}
		case detSilence:
			if !speakerSet {
				l.speaker = selAgent
			}
		}
	}
	p.threshold(w, thrField, path, l)
	if guardField != nil {
		p.guard(w, guardField, join(path, "negation_guard"), l)
	} else if l.kw.present {
		l.guard = p.auto.builtin("negations", func() []string { return builtinNegations })
	}
	p.detectorLists(w, lists, itemsField, path, l)
	if l.det != detNone && !l.det.conversational() {
		t := l.det
		l.placeholder = p.auto.builtin("placeholder."+t.String(), func() []string { return []string{placeholders[t]} })
	}
	if len(p.errs.errs) > before {
		return nil
	}
	for _, list := range []int32{l.kw.anyL, l.kw.allL, l.kw.most} {
		if list >= 0 {
			l.needs = append(l.needs, list)
		}
	}
	if l.re != nil && l.re.pre >= 0 {
		l.needs = append(l.needs, l.re.pre)
	}
	return l
}

// keywords reads the keywords: mapping.
func (p *parser) keywords(w *walker, n *yaml.Node, path string, l *leaf) {
	fs, ok := w.mapping(n, path, "a mapping of keyword lists: any, all, at_least or none", keywordFields)
	if !ok {
		return
	}
	if emptyMapping(w, n) {
		w.errorf(w.resolve(n), path, "empty: give any, all, at_least or none")
		return
	}
	for _, f := range fs {
		fp := join(path, f.key)
		switch f.key {
		case "any", "all", "none":
			words, ok := p.words(w, f.v, fp)
			if !ok {
				continue
			}
			id := p.auto.addList(words)
			switch f.key {
			case "any":
				l.kw.anyL = id
			case "all":
				l.kw.allL, l.kw.allN = id, len(words)
			case "none":
				l.kw.noneL = id
			}
		case "at_least":
			p.atLeast(w, f.v, fp, l)
		}
	}
	l.kw.present = l.kw.anyL >= 0 || l.kw.allL >= 0 || l.kw.noneL >= 0 || l.kw.most >= 0
}

// words reads a keyword list, refusing entries that normalize to nothing.
func (p *parser) words(w *walker, n *yaml.Node, path string) ([]string, bool) {
	ph, ok := w.phrases(n, path)
	if !ok {
		return nil, false
	}
	out := make([]string, len(ph))
	for i, x := range ph {
		if p.auto.normalize(x.text) == "" {
			w.errs.add(w.file, x.line, index(path, i), "%q is only spaces once normalized", x.text)
			ok = false
		}
		out[i] = x.text
	}
	return out, ok
}

func (p *parser) atLeast(w *walker, n *yaml.Node, path string, l *leaf) {
	fs, ok := w.mapping(n, path, "a mapping {n: 2, of: [..]}", atLeastFields)
	if !ok {
		return
	}
	count, words := -1, []string(nil)
	for _, f := range fs {
		switch f.key {
		case "n":
			if v, ok := w.integer(f.v, join(path, "n"), 1); ok {
				count = v
			}
		case "of":
			words, _ = p.words(w, f.v, join(path, "of"))
		}
	}
	switch {
	case !has2(fs, "n"):
		w.errorf(w.resolve(n), join(path, "n"), "missing: how many of the keywords must occur")
	case !has2(fs, "of"):
		w.errorf(w.resolve(n), join(path, "of"), "missing: the keywords to count")
	case count < 0 || words == nil:
	case count > len(words):
		w.errorf(w.resolve(n), join(path, "n"), "is %d, but of lists only %d keywords (allowed: 1 to %d)", count, len(words), len(words))
	default:
		l.kw.most, l.kw.mostN, l.kw.mostOf = p.auto.addList(words), count, len(words)
	}
}

// position reads the position: mapping.
func (p *parser) position(w *walker, n *yaml.Node, path string, l *leaf) {
	fs, ok := w.mapping(n, path, "a mapping: first, last, turns or sentences", positionFields)
	if !ok {
		return
	}
	if emptyMapping(w, n) {
		w.errorf(w.resolve(n), path, "empty: give first: N, last: N, turns: [from, to] or sentences")
		return
	}
	for _, f := range fs {
		fp := join(path, f.key)
		switch f.key {
		case "first":
			l.pos.first, _ = w.integer(f.v, fp, 1)
		case "last":
			l.pos.last, _ = w.integer(f.v, fp, 1)
		case "turns":
			items, ok := w.seq(f.v, fp, "[from, to]: 1-based turn numbers, inclusive")
			if !ok {
				continue
			}
			if len(items) != 2 {
				w.errorf(w.resolve(f.v), fp, "want [from, to] (two turn numbers), got %d values", len(items))
				continue
			}
			from, ok1 := w.integer(items[0], index(fp, 0), 1)
			to, ok2 := w.integer(items[1], index(fp, 1), 1)
			if ok1 && ok2 {
				if to < from {
					w.errorf(w.resolve(f.v), fp, "to (%d) is before from (%d)", to, from)
					continue
				}
				l.pos.from, l.pos.to = from, to
			}
		case "sentences":
			sfs, ok := w.mapping(f.v, fp, "a mapping: {first: N} or {last: N}", sentenceFields)
			if !ok {
				continue
			}
			if len(sfs) != 1 {
				w.errorf(w.resolve(f.v), fp, "give one of first: N or last: N")
				continue
			}
			v, _ := w.integer(sfs[0].v, join(fp, sfs[0].key), 1)
			if sfs[0].key == "first" {
				l.pos.sentFirst = v
			} else {
				l.pos.sentLast = v
			}
		}
	}
	switch {
	case has2(fs, "first") && has2(fs, "last"):
		w.errorf(w.resolve(n), path, "first and last exclude each other: give one")
	case has2(fs, "turns") && (has2(fs, "first") || has2(fs, "last")):
		w.errorf(w.resolve(n), path, "turns counts all turns, first and last the speaker's: give one of them")
	}
}

// guard reads negation_guard: true, false, or a list of negations.
func (p *parser) guard(w *walker, f *field, path string, l *leaf) {
	v := w.resolve(f.v)
	if !l.kw.present && l.re == nil {
		w.errorf(f.k, path, "applies to keywords and regex only; this leaf has neither")
		return
	}
	if v != nil && v.Kind == yaml.SequenceNode {
		if words, ok := p.words(w, v, path); ok {
			l.guard = p.auto.addList(words)
		}
		return
	}
	on, ok := w.boolean(v, path)
	if ok && on {
		l.guard = p.auto.builtin("negations", func() []string { return builtinNegations })
	}
}

// emptyMapping reports whether a mapping node has no keys at all (as
// opposed to only keys already reported as unknown).
func emptyMapping(w *walker, n *yaml.Node) bool {
	n = w.resolve(n)
	return n != nil && len(n.Content) == 0
}
