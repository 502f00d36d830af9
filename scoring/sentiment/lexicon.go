package sentiment

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// Kind is what a lexicon entry does. An entry can be both a word and a
// degree word (好 in 好吃 is a word, in 好慢 a degree word), so kinds are bits.
type Kind uint16

// Kinds of lexicon entries; see lexicon/README.md for the file format.
const (
	KindWord     Kind = 1 << iota // a sentiment word: kind w
	KindIdiom                     // a customer-service idiom: kind idiom
	KindEvent                     // an expected event, negative when negated: kind ev
	KindNegator                   // kind neg
	KindDegree                    // a degree word before its word: kind deg
	KindPost                      // a degree word after its word: kind post
	KindContrast                  // but, 但是: kind but
	KindConcede                   // although, 虽然: kind though
	KindQuestion                  // 吗, 是不是, can you: kind q
)

var kindNames = map[string]Kind{
	"w": KindWord, "idiom": KindIdiom, "ev": KindEvent, "neg": KindNegator, "deg": KindDegree,
	"post": KindPost, "but": KindContrast, "though": KindConcede, "q": KindQuestion,
}

// sentimentKinds carry a valence of their own.
const sentimentKinds = KindWord | KindIdiom | KindEvent

// Emotion indexes the four emotions in arrays.
type Emotion int

// The emotions scored, in the order of Emotions.Values.
const (
	Anger Emotion = iota
	Anxiety
	Frustration
	Satisfaction
	numEmotions
)

var emotionNames = [numEmotions]string{"anger", "anxiety", "frustration", "satisfaction"}

// String returns anger, anxiety, frustration or satisfaction.
func (e Emotion) String() string {
	if e < 0 || e >= numEmotions {
		return "unknown"
	}
	return emotionNames[e]
}

// Entry is one phrase of a lexicon.
type Entry struct {
	// Phrase as written in the file (normalized when the lexicon is built).
	Phrase string
	// Kind says what the entry does.
	Kind Kind
	// Valence is the sentiment on VADER's −4…+4 scale (kinds w and idiom),
	// or the valence when negated (kind ev).
	Valence float64
	// Degree is the multiplier of a degree word (kinds deg and post), or how
	// much a negator stresses the negation (kind neg, default 1).
	Degree float64
	// Emotions says how strongly the entry signals each emotion (0–1).
	Emotions [numEmotions]float64
}

// ParseLexicon reads a lexicon file in the format of lexicon/README.md.
// name is used in errors, which give the line: "zh.tsv:12: …".
func ParseLexicon(r io.Reader, name string) ([]Entry, error) {
	var out []Entry
	seen := map[string]int{} // phrase → index in out
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		raw := bytes.TrimRight(sc.Bytes(), "\r")
		if line == 1 {
			raw = bytes.TrimPrefix(raw, []byte("\ufeff"))
		}
		if len(bytes.TrimSpace(raw)) == 0 || raw[0] == '#' {
			continue
		}
		e, err := parseEntry(string(raw))
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, line, err)
		}
		if i, ok := seen[e.Phrase]; ok {
			merged, ok := mergeDual(out[i], e)
			if !ok {
				return nil, fmt.Errorf("%s:%d: %q is already defined; only a word and a degree word may share a phrase", name, line, e.Phrase)
			}
			out[i] = merged
			continue
		}
		seen[e.Phrase] = len(out)
		out = append(out, e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return out, nil
}

func parseEntry(s string) (Entry, error) {
	f := strings.Split(s, "\t")
	if len(f) < 2 || len(f) > 4 {
		return Entry{}, fmt.Errorf("want phrase<TAB>kind[<TAB>value[<TAB>emotions]], got %d fields", len(f))
	}
	e := Entry{Phrase: strings.TrimSpace(f[0]), Degree: 1}
	if e.Phrase == "" || len(e.Phrase) > 64 {
		return e, fmt.Errorf("phrase must be 1–64 bytes")
	}
	k, ok := kindNames[f[1]]
	if !ok {
		return e, fmt.Errorf("unknown kind %q (allowed: w, idiom, ev, neg, deg, post, but, though, q)", f[1])
	}
	e.Kind = k
	if len(f) >= 3 && f[2] != "" {
		v, err := strconv.ParseFloat(f[2], 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return e, fmt.Errorf("value %q is not a number", f[2])
		}
		switch {
		case k&sentimentKinds != 0:
			if v < -5 || v > 5 {
				return e, fmt.Errorf("valence %v is outside −5…+5", v)
			}
			e.Valence = v
		case k&(KindDegree|KindPost|KindNegator) != 0:
			if v <= 0 || v > 3 {
				return e, fmt.Errorf("multiplier %v is outside (0, 3]", v)
			}
			e.Degree = v
		default:
			return e, fmt.Errorf("kind %s takes no value", f[1])
		}
	} else if k&(KindDegree|KindPost) != 0 {
		return e, fmt.Errorf("kind %s needs a multiplier", f[1])
	}
	if len(f) == 4 && f[3] != "" {
		if err := parseEmotions(f[3], &e.Emotions); err != nil {
			return e, err
		}
	}
	return e, nil
}

func parseEmotions(s string, dst *[numEmotions]float64) error {
	for _, kv := range strings.Split(s, ",") {
		name, val, ok := strings.Cut(strings.TrimSpace(kv), "=")
		if !ok {
			return fmt.Errorf("emotion %q: want name=value", kv)
		}
		i := -1
		for j, n := range emotionNames {
			if n == name {
				i = j
			}
		}
		if i < 0 {
			return fmt.Errorf("unknown emotion %q (allowed: anger, anxiety, frustration, satisfaction)", name)
		}
		v, err := strconv.ParseFloat(val, 64)
		if err != nil || !(v >= 0 && v <= 1) {
			return fmt.Errorf("emotion %s: value %q is not a number in [0, 1]", name, val)
		}
		dst[i] = v
	}
	return nil
}

// mergeDual joins a word and a degree word written for the same phrase.
func mergeDual(a, b Entry) (Entry, bool) {
	if a.Kind&KindDegree != 0 && b.Kind == KindWord {
		a, b = b, a
	}
	if a.Kind != KindWord || b.Kind != KindDegree {
		return a, false
	}
	a.Kind |= KindDegree
	a.Degree = b.Degree
	return a, true
}

// parseVADER reads VADER's lexicon: token<TAB>mean valence[<TAB>…].
func parseVADER(r io.Reader, name string) ([]Entry, error) {
	var out []Entry
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 2 || f[0] == "" {
			continue
		}
		v, err := strconv.ParseFloat(f[1], 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("%s:%d: valence %q is not a number", name, line, f[1])
		}
		if !isWord(f[0]) && isWordByte(f[0][0]) {
			continue // emoticons such as 8) and d: that the tokenizer reads as words
		}
		out = append(out, Entry{Phrase: f[0], Kind: KindWord, Valence: v, Degree: 1})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return out, nil
}
