package rules

import (
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
)

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
	// must is a list that occurs in every utterance the leaf matches
	// (one of its keyword lists, or its regex literals): utterances
	// without it are skipped at once. -1: none.
	must int32

	pos    position
	det    detector
	thr    threshold
	anchor *anchor

	// Lists of the conversational detectors (built-in or the file's).
	holds, requests, requestGuard, transfers, cues, notAsk int32
	items                                                  []int32
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
