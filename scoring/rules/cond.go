package rules

import (
	"math/bits"

	"github.com/convqa/convqa/internal/pii"
	"github.com/convqa/convqa/internal/transcript"
)

// opKind says what a condition node is.
type opKind uint8

const (
	opLeaf opKind = iota
	opAll
	opAny
	opNot
	opRef
)

// node is a compiled condition.
type node struct {
	op   opKind
	kids []*node
	leaf *leaf
	ref  *named // opRef, once resolved

	// Where the node was written, for reference errors.
	refName string
	file    string
	line    int
	path    string
}

// named is a condition from a file's conditions: section. Its result is
// computed once per conversation (per bots_are_agents setting) however
// many rules use it.
type named struct {
	name string
	node *node
	file string
	line int
	slot int // memo slot: 2*slot + botsAreAgents
}

// speakerSel is a leaf's speaker field.
type speakerSel uint8

const (
	selAny speakerSel = iota
	selAgent
	selCustomer
	selBot
	selSystem
)

var speakerNames = []string{"any", "agent", "customer", "bot", "system"}

// Speaker bits of a mask: which utterance speakers a leaf accepts.
const (
	bitAgent uint8 = 1 << iota
	bitCustomer
	bitBot
	bitSystem
	bitOther // a speaker the contract does not know
	bitsAll  = bitAgent | bitCustomer | bitBot | bitSystem | bitOther
	speakers = 5 // the bits above
)

// speakerIndex is the position of a speaker bit in a mask.
func speakerIndex(bit uint8) int { return bits.TrailingZeros8(bit) }

// mask returns the speakers sel accepts; agent takes bots along unless
// the rule says bots_are_agents: false.
func (sel speakerSel) mask(botsAreAgents bool) uint8 {
	switch sel {
	case selAgent:
		if botsAreAgents {
			return bitAgent | bitBot
		}
		return bitAgent
	case selCustomer:
		return bitCustomer
	case selBot:
		return bitBot
	case selSystem:
		return bitSystem
	}
	return bitsAll
}

func speakerBit(s transcript.Speaker) uint8 {
	switch s {
	case transcript.SpeakerAgent:
		return bitAgent
	case transcript.SpeakerCustomer:
		return bitCustomer
	case transcript.SpeakerBot:
		return bitBot
	case transcript.SpeakerSystem:
		return bitSystem
	}
	return bitOther
}

var channelNames = []string{"chat", "voice", "email", "bot"}

// channelBit maps a channel to its bit; an unknown channel counts as chat.
func channelBit(c transcript.Channel) uint8 {
	switch c {
	case transcript.ChannelVoice:
		return 2
	case transcript.ChannelEmail:
		return 4
	case transcript.ChannelBot:
		return 8
	}
	return 1
}

// detector is what a leaf's detector field names, and what a hit says
// matched (the evidence kinds after detAbsent).
type detector uint8

const (
	detNone detector = iota
	detCard
	detID
	detPhone
	detEmail
	detFirstResponse
	detSilence
	detRepeated
	detIgnoredHuman
	detKeywords
	detRegex
	detAbsent
)

var detectorNames = [...]string{
	detNone: "", detCard: "card_number", detID: "id_number", detPhone: "phone", detEmail: "email",
	detFirstResponse: "first_response", detSilence: "silence", detRepeated: "repeated_question",
	detIgnoredHuman: "ignored_human_request", detKeywords: "keywords", detRegex: "regex", detAbsent: "absent",
}

// detectorFieldNames are the values a file may give detector:.
var detectorFieldNames = []string{
	"card_number", "id_number", "phone", "email",
	"first_response", "silence", "repeated_question", "ignored_human_request",
}

func (d detector) String() string { return detectorNames[d] }

// conversational detectors judge the conversation's turns together (their
// order and timing) rather than one utterance's text.
func (d detector) conversational() bool { return d >= detFirstResponse && d <= detIgnoredHuman }

// piiType is the personal data a PII detector finds.
func (d detector) piiType() (pii.Type, bool) {
	switch d {
	case detCard:
		return pii.BankCard, true
	case detID:
		return pii.IDNumber, true
	case detPhone:
		return pii.Phone, true
	case detEmail:
		return pii.Email, true
	}
	return 0, false
}

// leaf is a compiled leaf condition.
type leaf struct {
	speaker  speakerSel
	channels uint8 // bits of channelBit; 0 means every channel

	kw      kwMatch
	re      *compiledRE
	exclude *compiledRE
	guard   int32 // negation list; -1: no guard

	// placeholder is the list holding a PII detector's placeholder.
	placeholder int32
	// needs are the lists that occur in every utterance the leaf
	// matches (its keyword lists, its regex literals): utterances without
	// one of them are skipped at once, and a conversation whose turns of
	// the leaf's speakers lack one is not looked at.
	needs []int32

	pos    position
	det    detector
	thr    threshold
	anchor *anchor

	// Lists of the conversational detectors (built-in or the file's).
	holds, requests, requestGuard, transfers, cues, notAsk int32
	items                                                  []int32
}

// markLists records in readBy, by list, the speakers (bits) in whose
// turns the leaf reads the list: evaluation never reads a list in the
// turns of other speakers, whose scan may leave it out.
func (l *leaf) markLists(readBy []uint8) {
	mask := l.speaker.mask(true) // either bots_are_agents setting
	mark := func(list int32, speakers uint8) {
		if list >= 0 {
			readBy[list] |= speakers
		}
	}
	for _, list := range []int32{l.kw.anyL, l.kw.allL, l.kw.noneL, l.kw.most, l.guard, l.placeholder, l.cues, l.notAsk} {
		mark(list, mask)
	}
	for _, list := range l.items {
		mark(list, mask)
	}
	for _, x := range []*compiledRE{l.re, l.exclude} {
		if x == nil {
			continue
		}
		mark(x.pre, mask)
		for _, a := range x.alts {
			for _, list := range a.pre {
				mark(list, mask)
			}
			mark(a.lead, mask)
		}
	}
	// The conversational detectors read the other side's turns too.
	mark(l.holds, bitAgent|bitBot)
	mark(l.requests, bitCustomer)
	mark(l.requestGuard, bitCustomer)
	mark(l.transfers, mask|bitSystem)
}

// kwMatch holds a leaf's keyword lists; -1 where absent.
type kwMatch struct {
	present                 bool
	anyL, allL, noneL, most int32
	allN, mostN, mostOf     int // keywords in all, at_least n, keywords in of
}

// position restricts where a leaf may match; zero fields are unset.
type position struct {
	first, last int // turns of the leaf's speaker
	from, to    int // turns over the whole conversation, 1-based, inclusive
	sentFirst   int // sentences of the utterance
	sentLast    int
}

func (p position) turnsSet() bool { return p.first > 0 || p.last > 0 || p.from > 0 }
func (p position) sentSet() bool  { return p.sentFirst > 0 || p.sentLast > 0 }

// threshold holds a conversational detector's settings; -1 where unset.
type threshold struct {
	ms      int64 // seconds, in ms: chat, voice and bot conversations
	emailMS int64 // hours, in ms: e-mail conversations
	times   int
	turns   int
}

// relation is how an anchored leaf stands to its anchor's hits.
type relation uint8

const (
	relBefore relation = iota
	relAfter
	relWithin
)

var relationNames = []string{"before", "after", "within", "not_before", "not_after", "not_within"}

// anchor makes a leaf count only relative to another condition's hits.
type anchor struct {
	ref     *named
	refName string
	rel     relation
	negate  bool  // not_before, not_after, not_within
	turns   int   // -1: any distance
	ms      int64 // -1: any time
	file    string
	line    int
	path    string
}
