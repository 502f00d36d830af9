package textnorm

import (
	"sort"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/width"
)

// entry packs everything Normalize needs to know about one input character
// into one word, so the hot loop does a single array load per character:
// bits 0–20 the output rune, 21–25 the kind, 26–29 flags.
type entry uint32

const (
	runeBits  = 21
	runeMask  = 1<<runeBits - 1
	kindShift = runeBits
	kindMask  = 0x1f

	// flagPhrase: an OpenCC phrase starts with this character.
	flagPhrase entry = 1 << 26
	// flagTrad: the character only occurs in Traditional text (們).
	flagTrad entry = 1 << 27
	// flagSimp: the character only occurs in Simplified text (们).
	flagSimp entry = 1 << 28
	// flagVariant: Taiwan/Hong Kong usage converts it differently (著 → 着),
	// decided once the whole text's script is known.
	flagVariant entry = 1 << 29
)

func (e entry) out() rune  { return rune(e & runeMask) }
func (e entry) kind() kind { return kind(e >> kindShift & kindMask) }

func makeEntry(out rune, k kind) entry { return entry(out) | entry(k)<<kindShift }

// kind is what a character contributes to Signals.
type kind uint8

const (
	kindOther      kind = iota
	kindHan             // CJK ideograph
	kindUpper           // Latin capital letter
	kindLower           // other Latin letter
	kindApostrophe      // ' ’ inside a word
	kindExcl            // ! ！ ﹗ ︕
	kindQuest           // ? ？ ﹖ ︖
	kindExcl2           // ‼
	kindQuest2          // ⁇
	kindExclQuest       // ⁈ ⁉
	kindDot             // . 。 ．
	kindTwoDot          // ‥
	kindEllipsis        // … ⋯ ︙
	kindKeycapBase      // 0–9 # *
	kindEmoji           // pictograph, an emoji by itself
	kindEmojiText       // pictograph, an emoji only with U+FE0F
	kindRegional        // regional indicator; two make a flag
	kindSkinTone        // U+1F3FB–1F3FF
	kindZWJ             // U+200D
	kindVS16            // U+FE0F
	kindVS15            // U+FE0E
	kindKeycap          // U+20E3
	kindTag             // U+E0020–E007F
)

// hantExcluded lists Taiwan variant rules that are not applied: OpenCC's
// tw2s turns 么 into 幺 and 抬 into 擡, but 么 and 抬 are everyday Simplified
// characters (什么, 抬头), so a keyword written in Simplified would stop
// matching Taiwanese text.
func hantExcluded(r rune) bool { return r == '么' || r == '抬' }

// tables is the immutable lookup data of a Normalizer.
type tables struct {
	bmp     [0x10000]entry
	astral  map[rune]entry // astral characters that fold, convert or carry flags
	hant    map[rune]rune  // output of flagVariant characters in Traditional text
	phrases phraseIndex
	pairs   pairSet // first two characters of each phrase
}

func buildTables(opts Options) (*tables, error) {
	d := map[string]dict{}
	for _, name := range []string{"TSCharacters", "TSPhrases", "STCharacters", "TWVariants",
		"TWVariantsRev", "TWVariantsRevPhrases", "HKVariants", "HKVariantsRev", "HKVariantsRevPhrases"} {
		x, err := loadDict(name + ".txt")
		if err != nil {
			return nil, err
		}
		d[name] = x
	}
	ts, st := d["TSCharacters"].chars(), d["STCharacters"].chars()
	t := &tables{astral: map[rune]entry{}, hant: map[rune]rune{}, phrases: phraseIndex{}}
	if !opts.ContextFree {
		t.buildHant(ts, d["TWVariantsRev"].chars(), d["HKVariantsRev"].chars())
		t.buildPhrases(ts, d)
	}

	// Every BMP character gets an entry; astral ones only when they differ
	// from what astralDefault derives at run time.
	for r := rune(0); r < 0x10000; r++ {
		t.bmp[r] = t.classify(r, opts, ts, st)
	}
	candidates := map[rune]bool{}
	for _, m := range []charMap{ts, st} {
		for r := range m {
			candidates[r] = true
		}
	}
	for r := range t.phrases {
		candidates[r] = true
	}
	for r := range t.hant {
		candidates[r] = true
	}
	// No character above U+2FFFF has a compatibility or case mapping
	// (TestNoMappingsAbovePlane2 keeps that true).
	for r := rune(0x10000); r < 0x30000; r++ {
		if _, ok := foldCompat(r); ok || unicode.ToLower(r) != r {
			candidates[r] = true
		}
	}
	for r := range candidates {
		if r < 0x10000 {
			continue
		}
		if e := t.classify(r, opts, ts, st); e != astralDefault(r) {
			t.astral[r] = e
		}
	}
	return t, nil
}

// buildHant keeps the Taiwan and Hong Kong variant rules that make a
// difference after t2s, e.g. 著 → 着 (TW) and 衞 → 卫 (HK), as long as the
// replacement has the same UTF-8 length so it can be patched in place.
func (t *tables) buildHant(ts, twRev, hkRev charMap) {
	for _, rev := range []charMap{twRev, hkRev} {
		for _, k := range sortedRunes(rev) {
			if hantExcluded(k) {
				continue
			}
			if _, dup := t.hant[k]; dup {
				continue
			}
			plain, v := ts.first(k), ts.first(rev[k][0])
			if v != plain && utf8.RuneLen(v) == utf8.RuneLen(plain) {
				t.hant[k] = v
			}
		}
	}
}

// buildPhrases collects the phrases whose conversion differs from the
// character-by-character one: TSPhrases (乾坤 stays 乾坤, 頭髮 → 头发 needs
// none), also spelt with Taiwan and Hong Kong variants (壺裡乾坤), and the
// variant phrases that protect words from the variant rules (著名 keeps 著).
func (t *tables) buildPhrases(ts charMap, d map[string]dict) {
	tsOnly := phraseIndex{}
	for _, k := range sortedKeys(d["TSPhrases"]) {
		tsOnly.add([]rune(k), []rune(d["TSPhrases"][k][0]))
	}
	tsOnly.sort()
	twFwd, hkFwd := d["TWVariants"].chars(), d["HKVariants"].chars()
	for _, k := range sortedKeys(d["TSPhrases"]) {
		key, out := []rune(k), []rune(d["TSPhrases"][k][0])
		for _, spelling := range [][]rune{key, mapRunes(key, twFwd), mapRunes(key, hkFwd)} {
			t.addPhrase(spelling, out, ts)
		}
	}
	for _, name := range []string{"TWVariantsRevPhrases", "HKVariantsRevPhrases"} {
		for _, k := range sortedKeys(d[name]) {
			t.addPhrase([]rune(k), convertTS([]rune(d[name][k][0]), tsOnly, ts), ts)
		}
	}
	t.phrases.sort()
	for _, ps := range t.phrases {
		for _, p := range ps {
			t.pairs.add(p.key[0], p.key[1])
		}
	}
}

func (t *tables) addPhrase(key, out []rune, ts charMap) {
	if len(key) != len(out) {
		return
	}
	useful := false
	for i, r := range key {
		plain, hant := ts.first(r), ts.first(r)
		if v, ok := t.hant[r]; ok {
			hant = v
		}
		if out[i] != plain || out[i] != hant {
			useful = true
			break
		}
	}
	if useful {
		t.phrases.add(key, out)
	}
}

// classify computes the entry of input character r.
func (t *tables) classify(r rune, opts Options, ts, st charMap) entry {
	if k := emojiKind(r); k != kindOther {
		return makeEntry(r, k) // emoji are signals: never folded (ℹ️ is not "i")
	}
	nf := r
	if f, ok := foldCompat(r); ok {
		nf = f
	}
	// Repeat until nothing changes, since one step can feed another:
	// ￂ → ㅏ (width) → ᅡ (NFKC), 薴 → 苧 → 苎 (t2s twice).
	out := r
	for range 4 {
		x := out
		if f, ok := foldCompat(x); ok {
			x = f
		}
		if !opts.KeepCase {
			x = unicode.ToLower(x)
		}
		if x = ts.first(x); x == out {
			break
		}
		out = x
	}
	e := makeEntry(out, classOf(nf))
	if ts.changes(nf) {
		e |= flagTrad
	}
	if st.changes(nf) {
		e |= flagSimp
	}
	if _, ok := t.phrases[r]; ok {
		e |= flagPhrase
	}
	if _, ok := t.hant[r]; ok {
		e |= flagVariant
	}
	return e
}

// astralDefault is the entry of an astral character that has none in
// tables.astral: unchanged, classified by script and emoji ranges only.
func astralDefault(r rune) entry {
	if k := emojiKind(r); k != kindOther {
		return makeEntry(r, k)
	}
	if unicode.Is(unicode.Han, r) {
		return makeEntry(r, kindHan)
	}
	return makeEntry(r, kindOther)
}

// foldCompat folds r to its narrow or wide form (ＡＢＣ１２３ → ABC123, ideographic
// space → space, ｶ → カ), or failing that to its NFKC compatibility mapping
// when that is a single character (① → 1, ⼀ → 一, 𝐖 → W, NBSP → space).
// Multi-character mappings (ﬁ → fi, ㎏ → kg, … → ...) are not applied:
// normalization maps each character to exactly one character, which keeps
// offsets exact.
func foldCompat(r rune) (rune, bool) {
	if f := width.LookupRune(r).Folded(); f != 0 && f != r {
		return f, true
	}
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	dec := norm.NFKC.Properties(buf[:n]).Decomposition()
	if len(dec) == 0 {
		return r, false
	}
	f, size := utf8.DecodeRune(dec)
	if size != len(dec) || f == r {
		return r, false
	}
	return f, true
}

// classOf gives the kind of a (folded) non-emoji character.
func classOf(r rune) kind {
	switch r {
	case '!':
		return kindExcl
	case '?':
		return kindQuest
	case '.', '。':
		return kindDot
	case '‥':
		return kindTwoDot
	case '…', '⋯':
		return kindEllipsis
	case '‼':
		return kindExcl2
	case '⁇':
		return kindQuest2
	case '⁈', '⁉':
		return kindExclQuest
	case '\'', '’':
		return kindApostrophe
	case '#', '*':
		return kindKeycapBase
	}
	switch {
	case r >= '0' && r <= '9':
		return kindKeycapBase
	case r >= 'A' && r <= 'Z':
		return kindUpper
	case r >= 'a' && r <= 'z':
		return kindLower
	case r < utf8.RuneSelf:
		return kindOther
	case unicode.Is(unicode.Han, r):
		return kindHan
	case unicode.Is(unicode.Latin, r) && unicode.IsLetter(r):
		if unicode.IsUpper(r) {
			return kindUpper
		}
		return kindLower
	}
	return kindOther
}

func sortedKeys(d dict) []string {
	keys := make([]string, 0, len(d))
	for k := range d {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func sortedRunes(m charMap) []rune {
	keys := make([]rune, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	return keys
}
