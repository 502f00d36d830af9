package synth

import (
	"strings"
	"testing"

	"github.com/convqa/convqa/internal/transcript"
)

func TestCompileTemplate(t *testing.T) {
	for _, tc := range []struct {
		in      string
		wantErr string
	}{
		{"您好，{product}到了吗", ""},
		{"[您好|你好|]，请稍等", ""},
		{"[a|{order}]", ""},
		{"Kind regards, {agent} | {shop}", ""},
		{"{nope}", "unknown slot {nope}"},
		{"{product", "unclosed {"},
		{"[a|b", "unclosed ["},
		{"[a]", "at least two alternatives"},
		{"[a|[b|c]]", "nested ["},
		{"oops]", "stray ']'"},
		{"oops}", "stray '}'"},
	} {
		_, err := compileTemplate(tc.in)
		switch {
		case tc.wantErr == "" && err != nil:
			t.Errorf("%q: unexpected error %v", tc.in, err)
		case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
			t.Errorf("%q: want error containing %q, got %v", tc.in, tc.wantErr, err)
		}
	}
}

func TestCompileBookErrors(t *testing.T) {
	raw := rawBook{}.add(hansAgentPhrases()).add(hansCustomerPhrases()).add(hansIntentPhrases())
	delete(raw, kAgentGreet)
	if _, err := compileBook(langHans, raw, nil); err == nil || !strings.Contains(err.Error(), `"agent.greet"`) {
		t.Errorf("missing key: got %v", err)
	}
	raw = rawBook{}.add(enAgentPhrases()).add(enCustomerPhrases()).add(enIntentPhrases())
	raw["agent.greet"] = []string{"Hi {who}"}
	if _, err := compileBook(langEn, raw, nil); err == nil || !strings.Contains(err.Error(), "unknown slot {who}") {
		t.Errorf("bad slot: got %v", err)
	}
	raw["agent.greetings"] = []string{"Hi"}
	if _, err := compileBook(langEn, raw, nil); err == nil || !strings.Contains(err.Error(), "not used") {
		t.Errorf("unknown key: got %v", err)
	}
}

func TestVariants(t *testing.T) {
	for _, tc := range []struct {
		lang     langID
		in, want string
	}{
		{langHans, "您好，请问有什么可以帮您？", "您好 请问有什么可以帮您"},
		{langEn, "Hi, this is Emma. How can I help?", "hi this is emma how can i help"},
		{langEn, " for the ", " for the "},
	} {
		if got := asrText(tc.lang, tc.in); got != tc.want {
			t.Errorf("asrText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := mixReplacer(hansMix()).Replace("帮我查一下订单，退款到了吗"); got != "帮我check一下order，refund到了吗" {
		t.Errorf("mix: %q", got)
	}
}

// TestRenderSpans renders a template with PII and look-alike slots and
// checks the spans in rune offsets, including with full-width digits.
func TestRenderSpans(t *testing.T) {
	g, err := New(Options{Scenario: small(1), Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, fullW := range []bool{false, true} {
		c := &conv{g: g, r: newRNG(1, 2), lang: langHant, fullW: fullW, book: g.books[langHant], product: &g.cat.products[0], batch: "B20250301-01", tenant: "demo"}
		tmpl, err := compileTemplate("電話{phone}，訂單{order}，卡號{card}。")
		if err != nil {
			t.Fatal(err)
		}
		c.begin(transcript.SpeakerCustomer)
		c.render(tmpl)
		c.end(0)
		rs := []rune(c.utts[0].Text)
		spans := append(c.truth.PII, c.truth.Lookalikes...)
		if len(spans) != 3 {
			t.Fatalf("want 3 spans, got %+v", spans)
		}
		for _, sp := range spans {
			if got := string(rs[sp.Start:sp.End]); got != sp.Text {
				t.Errorf("fullWidth=%v: span %+v covers %q", fullW, sp, got)
			}
		}
	}
}

func FuzzCompileTemplate(f *testing.F) {
	for _, s := range []string{"a{product}b", "[x|y]", "{", "[|]", "}{", "[a|{order}]z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tmpl, err := compileTemplate(s)
		if err != nil {
			return
		}
		tmpl.mapLiterals(strings.ToUpper)
	})
}
