package textnorm

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestDictionaryChecksums keeps opencc/README.md truthful: the embedded
// files are OpenCC's, unmodified.
func TestDictionaryChecksums(t *testing.T) {
	want := map[string]string{
		"HKVariants.txt":           "c3c93c35885902ba2b12a3235a7761b00fb2b027f36aa8314db2f6b6ad51d374",
		"HKVariantsRev.txt":        "cedc067fc4ace0ae857084e99503302e287f47ee6f1934c08b8f9af9d4597b34",
		"HKVariantsRevPhrases.txt": "c2da309afa7fdd9061f204664039d33b000a4dca0ecae4e7480dcbf9e20f658e",
		"STCharacters.txt":         "57fc87219345ffbbee6b53a7a09962352903c5454c8b251d56b12ff8494bccf8",
		"TSCharacters.txt":         "6b5a0a799bea2bb22c001f635eaa3fc2904310f0c08addbff275477a80ecf09a",
		"TSPhrases.txt":            "b2ef895dd4953b4bb77fc8ef8d26a2a9ca6d43a760ed9a1d767672cfafa6324f",
		"TWVariants.txt":           "30e6f8395edbfdd74e293fd8b9c62105d787c849fbb208d2a7832eac696734d7",
		"TWVariantsRev.txt":        "aed256cd515db700cbd96fae5d2158d6a98c9628ee51e14ac1e1c182f6041c90",
		"TWVariantsRevPhrases.txt": "bef60ceb4e57b6b062351406cb5d4644875574231d64787e03711317b7e773f3",
	}
	entries, err := openccFS.ReadDir("opencc")
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != len(want) {
		t.Errorf("opencc/ embeds %d files, want %d", len(entries), len(want))
	}
	for name, sum := range want {
		data, err := openccFS.ReadFile("opencc/" + name)
		if err != nil {
			t.Errorf("read %s: %v", name, err)
			continue
		}
		if got := sha256.Sum256(data); hex.EncodeToString(got[:]) != sum {
			t.Errorf("%s: sha256 %x, want %s", name, got, sum)
		}
	}
}

// TestTableInvariants checks what Normalize relies on, for every character:
// the output is valid and normalizing it again changes nothing (character by
// character), and the Taiwan/Hong Kong replacements keep the UTF-8 length.
func TestTableInvariants(t *testing.T) {
	for _, n := range []*Normalizer{shared3(t)} {
		check := func(r rune, e entry) {
			out := e.out()
			if !utf8.ValidRune(out) {
				t.Fatalf("%U: output %U is not a valid rune", r, out)
			}
			if again := n.entryOf(out).out(); again != out {
				t.Errorf("%U %q → %q → %q: not idempotent", r, r, out, again)
			}
		}
		for r := rune(0); r < 0x10000; r++ {
			if r < 0xD800 || r > 0xDFFF {
				check(r, n.t.bmp[r])
			}
		}
		for r, e := range n.t.astral {
			check(r, e)
		}
		for r, v := range n.t.hant {
			if utf8.RuneLen(v) != utf8.RuneLen(n.entryOf(r).out()) {
				t.Errorf("variant %q → %q changes length", r, v)
			}
		}
		if len(n.t.phrases) < 50 || len(n.t.hant) < 5 {
			t.Errorf("only %d phrase starts and %d variants: dictionaries not loaded?", len(n.t.phrases), len(n.t.hant))
		}
	}
}

func shared3(tb testing.TB) *Normalizer {
	def, _, _ := normalizers(tb)
	return def
}

func (n *Normalizer) entryOf(r rune) entry {
	if r < 0x10000 {
		return n.t.bmp[r]
	}
	return n.t.astralEntry(r)
}

// TestNoMappingsAbovePlane2 justifies buildTables scanning only planes 0–2
// for compatibility and case mappings.
func TestNoMappingsAbovePlane2(t *testing.T) {
	if testing.Short() {
		t.Skip("testing.Short: scans a million code points")
	}
	for r := rune(0x30000); r <= utf8.MaxRune; r++ {
		if f, ok := foldCompat(r); ok || unicode.ToLower(r) != r {
			t.Errorf("%U folds to %U or has a lower case: extend the scan in buildTables", r, f)
		}
	}
}

// TestTraditionalCorpusRoundTrip normalizes the waimai reviews and their
// OpenCC s2twp (Taiwan, with Taiwanese vocabulary) conversion: apart from
// vocabulary (支持/支援, 性价比/價效比), the Traditional text must come back
// as the Simplified one.
func TestTraditionalCorpusRoundTrip(t *testing.T) {
	simp, err1 := os.ReadFile(sharedCorpora[0])
	trad, err2 := os.ReadFile(sharedCorpora[1])
	if err1 != nil || err2 != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("shared/data/sentiment/zh is missing (CI has ../shared beside the clone): %v %v", err1, err2)
		}
		t.Skip("shared/data/sentiment/zh not present (with CI=true this fails)")
	}
	def := shared3(t)
	ls, lt := strings.Split(string(simp), "\n"), strings.Split(string(trad), "\n")
	if len(ls) != len(lt) {
		t.Fatalf("%d Simplified lines, %d Traditional", len(ls), len(lt))
	}
	chars, diff, lines := 0, 0, 0
	for i := range ls {
		a, b := []rune(def.Normalize(lt[i]).Norm), []rune(def.Normalize(ls[i]).Norm)
		if len(a) != len(b) {
			continue // vocabulary of another length (e.g. 記憶體/内存)
		}
		lines++
		for j := range a {
			chars++
			if a[j] != b[j] {
				diff++
			}
		}
	}
	t.Logf("%d lines of equal length, %d characters, %d differ (%.3f%%)", lines, chars, diff, 100*float64(diff)/float64(chars))
	if lines < len(ls)*9/10 || float64(diff) > 0.005*float64(chars) {
		t.Errorf("round trip too lossy: %d of %d lines compared, %d of %d characters differ", lines, len(ls), diff, chars)
	}
}
