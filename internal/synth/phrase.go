package synth

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// A template is one way to say something: literal text, {slot}s filled per
// conversation, and [a|b|c] alternatives (one picked at random; an empty
// alternative makes the part optional). Alternatives hold literals and slots
// only, never further brackets; outside brackets "|" is plain text.
type template struct {
	nodes []node
}

type node struct {
	lit     string
	runes   int // rune count of lit, counted once at compile time
	slot    slotID
	choices []template
}

// slotID names a value filled in per conversation. Slot values stay the
// same for the whole conversation, so an order number asked for twice is
// the same number.
type slotID uint8

const (
	slotNone slotID = iota
	slotProduct
	slotOrder
	slotTracking
	slotDate
	slotExpiry
	slotPrice
	slotBatch
	slotPhone
	slotEmail
	slotCard
	slotIDNum
	slotAddress
	slotLast4
	slotIDLast4
	slotAgent
	slotShop
	slotCourier
	slotCity
	slotDays
	slotHours
	slotN
	slotShelf
	slotCoupon
	slotSpikeWord
	slotCustomer
	slotWorkNo
	numSlots
)

var slotNames = [numSlots]string{
	"", "product", "order", "tracking", "date", "expiry", "price", "batch",
	"phone", "email", "card", "idnum", "address", "last4", "idlast4",
	"agent", "shop", "courier", "city", "days", "hours", "n", "shelf",
	"coupon", "spikeword", "customer", "workno",
}

func lookupSlot(name string) (slotID, bool) {
	for i, n := range slotNames {
		if i > 0 && n == name {
			return slotID(i), true
		}
	}
	return slotNone, false
}

// compileTemplate parses one template string.
func compileTemplate(s string) (template, error) {
	nodes, err := parseNodes(s, true)
	return template{nodes: nodes}, err
}

func parseNodes(s string, allowChoice bool) ([]node, error) {
	var out []node
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			out = append(out, node{lit: lit.String(), runes: utf8.RuneCountInString(lit.String())})
			lit.Reset()
		}
	}
	for i := 0; i < len(s); {
		switch c := s[i]; c {
		case '{':
			end := strings.IndexByte(s[i:], '}')
			if end < 0 {
				return nil, fmt.Errorf("unclosed { at byte %d", i)
			}
			name := s[i+1 : i+end]
			id, ok := lookupSlot(name)
			if !ok {
				return nil, fmt.Errorf("unknown slot {%s} (known: %s)", name, strings.Join(slotNames[1:], ", "))
			}
			flush()
			out = append(out, node{slot: id})
			i += end + 1
		case '[':
			if !allowChoice {
				return nil, fmt.Errorf("nested [ at byte %d", i)
			}
			end := strings.IndexByte(s[i:], ']')
			if end < 0 {
				return nil, fmt.Errorf("unclosed [ at byte %d", i)
			}
			var choices []template
			for alt := range strings.SplitSeq(s[i+1:i+end], "|") {
				sub, err := parseNodes(alt, false)
				if err != nil {
					return nil, err
				}
				choices = append(choices, template{nodes: sub})
			}
			if len(choices) < 2 {
				return nil, fmt.Errorf("[...] at byte %d needs at least two alternatives separated by |", i)
			}
			flush()
			out = append(out, node{choices: choices})
			i += end + 1
		case '}', ']':
			return nil, fmt.Errorf("stray %q at byte %d", c, i)
		default:
			lit.WriteByte(c)
			i++
		}
	}
	flush()
	return out, nil
}

// mapLiterals returns a copy of t with every literal rewritten by f: how the
// code-switched and speech-recognition variants are derived once, at
// construction, instead of per utterance.
func (t template) mapLiterals(f func(string) string) template {
	out := template{nodes: make([]node, len(t.nodes))}
	for i, n := range t.nodes {
		if n.choices != nil {
			cs := make([]template, len(n.choices))
			for j, c := range n.choices {
				cs[j] = c.mapLiterals(f)
			}
			out.nodes[i] = node{choices: cs}
			continue
		}
		if n.slot != slotNone {
			out.nodes[i] = n
			continue
		}
		l := f(n.lit)
		out.nodes[i] = node{lit: l, runes: utf8.RuneCountInString(l)}
	}
	return out
}

// usesSlot reports whether the template can fill slot s.
func (t template) usesSlot(s slotID) bool {
	for _, n := range t.nodes {
		if n.slot == s {
			return true
		}
		for _, c := range n.choices {
			if c.usesSlot(s) {
				return true
			}
		}
	}
	return false
}

// variant selects one rendering of a phrase.
type variant uint8

const (
	varPlain  variant = iota
	varMixed          // code-switched: English words inside Chinese
	varASR            // speech recognition output: no punctuation
	varSpoken         // a punctuated call transcript: no emoji
	numVariants
)

// phrasebook holds the compiled templates of one language.
type phrasebook struct {
	lang   langID
	byKey  map[string][numVariants][]template
	source map[string][]string
}

// rawBook is a language's phrase tables as written: key → templates.
type rawBook map[string][]string

func (b rawBook) add(other rawBook) rawBook {
	for k, v := range other {
		b[k] = append(b[k], v...)
	}
	return b
}

// compileBook compiles and checks one language's phrases: every required key
// present, every template parsed. Errors name the language, key and
// template, since a phrase table is code a person edits.
func compileBook(lang langID, raw rawBook, mix []mixRule) (*phrasebook, error) {
	mixer := mixReplacer(mix)
	pb := &phrasebook{lang: lang, byKey: make(map[string][numVariants][]template, len(raw)), source: raw}
	keys := make([]string, 0, len(raw))
	for k := range raw {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	required := requiredKeys()
	for _, k := range keys {
		if !slices.Contains(required, k) {
			return nil, fmt.Errorf("phrasebook %s: key %q is not used by the generator (typo?)", lang, k)
		}
	}
	for _, k := range required {
		texts := raw[k]
		if len(texts) == 0 {
			return nil, fmt.Errorf("phrasebook %s: key %q: no templates (every language needs at least one)", lang, k)
		}
		var vs [numVariants][]template
		for i, s := range texts {
			t, err := compileTemplate(s)
			if err != nil {
				return nil, fmt.Errorf("phrasebook %s: key %q template %d %q: %w", lang, k, i+1, s, err)
			}
			vs[varPlain] = append(vs[varPlain], t)
			vs[varASR] = append(vs[varASR], t.mapLiterals(func(s string) string { return asrText(lang, stripEmoji(s)) }))
			vs[varSpoken] = append(vs[varSpoken], t.mapLiterals(stripEmoji))
			if len(mix) > 0 {
				vs[varMixed] = append(vs[varMixed], t.mapLiterals(func(s string) string { return mixer.Replace(s) }))
			}
		}
		pb.byKey[k] = vs
	}
	return pb, nil
}

// get picks one template of key in the wanted variant.
func (pb *phrasebook) get(g *rng, key string, v variant) template {
	vs := pb.byKey[key]
	ts := vs[v]
	if len(ts) == 0 {
		ts = vs[varPlain]
	}
	if len(ts) == 0 {
		// requiredKeys and compileBook guarantee every key the generator
		// asks for; an empty template keeps a slip from crashing a run.
		return template{}
	}
	return ts[g.intn(len(ts))]
}

// stripEmoji drops pictographs, which no transcription of speech contains.
func stripEmoji(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 0x1F300 || r == 0x2764 {
			return -1
		}
		return r
	}, s)
}

// asrText strips what speech recognition does not produce: punctuation and,
// in English, capital letters.
func asrText(lang langID, s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '，', '。', '！', '？', '、', '；', '：', '～', '…', '!', '?', ',', ';', ':', '~':
			if lang == langEn {
				b.WriteByte(' ')
			} else if r == '，' || r == '。' || r == '？' || r == '！' {
				b.WriteByte(' ')
			}
			continue
		case '.':
			if lang == langEn {
				continue
			}
		}
		if lang == langEn && r >= 'A' && r <= 'Z' {
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	out := collapseSpaces(b.String())
	if !strings.HasSuffix(s, " ") {
		// Punctuation at the end became a space nothing follows.
		out = strings.TrimRight(out, " ")
	}
	return out
}

// collapseSpaces squeezes runs of spaces into one but keeps a leading or
// trailing space, which separates a literal from the slot next to it.
func collapseSpaces(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if r == ' ' {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}
