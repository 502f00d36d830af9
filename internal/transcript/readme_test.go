package transcript

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// The README's contract examples are what producers copy: each must decode,
// and the error classes it lists must be exactly the decoder's.
func TestREADMEContractExamples(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	start := strings.Index(readme, "## Message contract")
	if start < 0 {
		t.Fatal("README has no Message contract section")
	}
	section := readme[start:]
	if end := strings.Index(section[3:], "\n## "); end >= 0 {
		section = section[:end+3]
	}
	blocks := regexp.MustCompile("(?s)```json\n(.*?)```").FindAllStringSubmatch(section, -1)
	kinds := map[Kind]bool{}
	for _, blk := range blocks {
		m, err := Decode([]byte(blk[1]), Limits{})
		if err != nil {
			t.Errorf("README example does not decode: %v\n%s", err, blk[1])
			continue
		}
		kinds[m.Kind] = true
	}
	if !kinds[KindConversation] || !kinds[KindUtterance] {
		t.Errorf("README must show one example of each kind; has %v", kinds)
	}
	for _, c := range Classes() {
		if !strings.Contains(section, "`"+string(c)+"`") {
			t.Errorf("README does not list error class %s", c)
		}
	}
}
