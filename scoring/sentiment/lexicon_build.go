package sentiment

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/convqa/convqa/internal/acmatch"
	"github.com/convqa/convqa/internal/textnorm"
)

//go:embed lexicon/*.tsv
var lexiconFiles embed.FS

// Lexicon is a compiled set of entries, ready for matching normalized text.
// It is immutable and safe for concurrent use.
type Lexicon struct {
	entries []Entry
	roles   []role // per entry: entryRole of its kind

	// han finds, in one pass, the phrases that start with a Han
	// character and the words of the conversation analysis's lists
	// (wordLists). Per automaton pattern: its entry and the lists it is
	// a word of, side by side for the one load per occurrence.
	han    *acmatch.Matcher
	hanPat []hanPattern
	// latin holds the single Latin words (and digits: 12315) and, by
	// their first word, the multiword phrases: one lookup per word.
	latin  map[string]latinWord
	emoji  map[string]int32 // emoji keys and ASCII emoticons
	maxEmo int              // longest emoticon, in bytes
	// emoStart has bit c1 of row c0 set when an emoticon starts with the
	// ASCII bytes c0 c1: most punctuation starts none, and is passed
	// without a lookup.
	emoStart [utf8.RuneSelf][2]uint64

	version string
}

// latinWord is what a Latin word starts: an entry of its own (-1: none)
// and multiword phrases, longest first.
type latinWord struct {
	entry   int32
	phrases []phraseRef
}

// hanPattern is what an automaton pattern is: an entry (-1: a list word
// only) and the word lists it is a word of.
type hanPattern struct {
	entry int32
	words wordFlags
}

type phraseRef struct {
	words []string
	entry int32
}

// Version identifies the lexicon's content: "lex-" and 12 hex digits of a
// hash of every entry, so scores can name what made them.
func (l *Lexicon) Version() string { return l.version }

// Len returns the number of entries.
func (l *Lexicon) Len() int { return len(l.entries) }

// DefaultLexicon builds the shipped lexicon: VADER's English lexicon, then
// en.tsv (whose entries override VADER's), zh_general.tsv (general
// evaluative vocabulary), zh.tsv (customer service; its entries override
// zh_general's) and emoji.tsv.
func DefaultLexicon(n *textnorm.Normalizer) (*Lexicon, error) {
	var all []Entry
	for _, name := range []string{"vader.tsv", "en.tsv", "zh_general.tsv", "zh.tsv", "emoji.tsv"} {
		b, err := lexiconFiles.ReadFile("lexicon/" + name)
		if err != nil {
			return nil, fmt.Errorf("read embedded lexicon %s: %w", name, err)
		}
		var es []Entry
		if name == "vader.tsv" {
			es, err = parseVADER(bytes.NewReader(b), name)
		} else {
			es, err = ParseLexicon(bytes.NewReader(b), name)
		}
		if err != nil {
			return nil, err
		}
		all = append(all, es...)
	}
	return NewLexicon(n, all)
}

// NewLexicon normalizes the entries' phrases with n and compiles them. A
// later entry for the same normalized phrase replaces an earlier one, so
// a user's entries can be appended to DefaultEntries to override them.
func NewLexicon(n *textnorm.Normalizer, entries []Entry) (*Lexicon, error) {
	l := &Lexicon{emoji: map[string]int32{}}
	words := map[string]int32{}
	phrases := map[string][]phraseRef{}
	index := map[string]int{}
	for _, e := range entries {
		e.Phrase = n.Normalize(strings.TrimSpace(e.Phrase)).Norm
		if e.Phrase == "" {
			continue
		}
		if onlyPunct(e.Phrase) {
			continue // VADER has a few; they would fire on ordinary punctuation
		}
		if i, ok := index[e.Phrase]; ok {
			l.entries[i] = e
			continue
		}
		index[e.Phrase] = len(l.entries)
		l.entries = append(l.entries, e)
	}
	var hanPatterns []string
	h := sha256.New()
	for i, e := range l.entries {
		fmt.Fprintf(h, "%s\t%d\t%g\t%g\t%v\n", e.Phrase, e.Kind, e.Valence, e.Degree, e.Emotions)
		id := int32(i)
		l.roles = append(l.roles, entryRole(e.Kind))
		first, _ := utf8.DecodeRuneInString(e.Phrase)
		switch {
		case unicode.Is(unicode.Han, first):
			hanPatterns = append(hanPatterns, e.Phrase)
			l.hanPat = append(l.hanPat, hanPattern{entry: id})
		case isEmojiPhrase(e.Phrase):
			l.emoji[textnorm.EmojiKey(e.Phrase)] = id
		case isWord(e.Phrase):
			words[e.Phrase] = id
		case strings.Contains(e.Phrase, " ") && allWords(e.Phrase):
			ws := strings.Fields(e.Phrase)
			phrases[ws[0]] = append(phrases[ws[0]], phraseRef{words: ws, entry: id})
		case e.Phrase[0] < utf8.RuneSelf && !isWordByte(e.Phrase[0]):
			l.emoji[e.Phrase] = id
			l.maxEmo = max(l.maxEmo, len(e.Phrase))
			if len(e.Phrase) >= 2 && e.Phrase[1] < utf8.RuneSelf {
				c0, c1 := e.Phrase[0], e.Phrase[1]
				l.emoStart[c0][c1>>6] |= 1 << (c1 & 63)
			}
		default:
			return nil, fmt.Errorf("lexicon entry %q: a phrase must start with a Han character, be an emoji, Latin words, or an emoticon starting with punctuation", e.Phrase)
		}
	}
	l.latin = make(map[string]latinWord, len(words)+len(phrases))
	for w, id := range words {
		l.latin[w] = latinWord{entry: id}
	}
	for w, ps := range phrases {
		sort.SliceStable(ps, func(i, j int) bool { return len(ps[i].words) > len(ps[j].words) })
		lw, ok := l.latin[w]
		if !ok {
			lw.entry = -1
		}
		lw.phrases = ps
		l.latin[w] = lw
	}
	// The list words share the automaton: a text is walked once for
	// both. A word that is also a phrase flags the phrase's pattern.
	pat := make(map[string]int, len(hanPatterns))
	for i, p := range hanPatterns {
		pat[p] = i
	}
	for _, wl := range wordLists() {
		for _, w := range wl.words {
			i, ok := pat[w]
			if !ok {
				i = len(hanPatterns)
				pat[w] = i
				hanPatterns = append(hanPatterns, w)
				l.hanPat = append(l.hanPat, hanPattern{entry: -1})
			}
			l.hanPat[i].words |= wl.flag
		}
	}
	m, err := acmatch.New(hanPatterns)
	if err != nil {
		return nil, fmt.Errorf("compile %d lexicon phrases: %w", len(hanPatterns), err)
	}
	l.han = m
	l.version = "lex-" + hex.EncodeToString(h.Sum(nil))[:12]
	return l, nil
}

// entry returns the entry with index i.
func (l *Lexicon) entry(i int32) *Entry { return &l.entries[i] }

// isWordByte reports whether c can be part of a Latin word token.
func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z'
}

// isWord reports whether s is one token as the tokenizer cuts Latin text:
// letters and digits, with apostrophes and hyphens inside.
func isWord(s string) bool {
	if s == "" || !isWordByte(s[0]) || !isWordByte(s[len(s)-1]) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !isWordByte(c) && c != '\'' && c != '-' {
			return false
		}
	}
	return true
}

func allWords(s string) bool {
	for _, w := range strings.Fields(s) {
		if !isWord(w) {
			return false
		}
	}
	return true
}

func onlyPunct(s string) bool {
	return strings.Trim(s, ".,!?") == ""
}

// isEmojiPhrase reports whether s is made of non-ASCII symbols that are not
// letters: an emoji sequence.
func isEmojiPhrase(s string) bool {
	for _, r := range s {
		if r < 0x2000 || unicode.IsLetter(r) {
			return false
		}
	}
	return true
}
