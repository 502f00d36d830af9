package textnorm_test

import (
	"fmt"
	"strings"

	"github.com/convqa/convqa/internal/textnorm"
)

// A scorer matches keywords on Norm and shows the evidence from Orig.
func ExampleNormalizer_Normalize() {
	n, err := textnorm.New(textnorm.Options{})
	if err != nil {
		panic(err)
	}
	t := n.Normalize("我的ORDER號碼是１２３，等著你們回覆！！！😡")
	fmt.Println(t.Norm)
	fmt.Println(t.Lang, t.Script)

	// Keywords are normalized the same way, so either script matches.
	kw := n.Normalize("号碼").Norm
	start := strings.Index(t.Norm, kw)
	os, oe := t.OrigSpan(start, start+len(kw))
	fmt.Printf("%q found at Orig[%d:%d] = %q\n", kw, os, oe, t.Orig[os:oe])

	s := t.Signals
	fmt.Println(s.Exclamations, len(s.PunctRuns), len(s.Emoji), len(s.CapsWords))
	// Output:
	// 我的order号码是123,等着你们回复!!!😡
	// zh-Hant mixed
	// "号码" found at Orig[11:17] = "號碼"
	// 3 1 1 1
}
