package synth

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestChecksums(t *testing.T) {
	for _, tc := range []struct {
		name string
		f    func(string) bool
		in   string
		want bool
	}{
		{"luhn visa test number", luhnValid, "4111 1111 1111 1111", true},
		{"luhn off by one", luhnValid, "4111 1111 1111 1112", false},
		{"cn id with X", cnIDValid, "11010519491231002X", true},
		{"cn id wrong check", cnIDValid, "110105194912310021", false},
		{"cn id short", cnIDValid, "1101051949123100", false},
		{"tw id", twIDValid, "A123456789", true},
		{"tw id wrong check", twIDValid, "A123456788", false},
		{"tw id bad gender digit", twIDValid, "A323456789", false},
	} {
		if got := tc.f(tc.in); got != tc.want {
			t.Errorf("%s: %q → %v, want %v", tc.name, tc.in, got, tc.want)
		}
	}
}

func TestGeneratedPII(t *testing.T) {
	g := newRNG(1, 1)
	for range 2000 {
		if c := bankCard(g); !luhnValid(c) {
			t.Fatalf("card %s fails Luhn", c)
		}
		if id := cnID(g); !cnIDValid(id) {
			t.Fatalf("cn id %s has a wrong check character", id)
		}
		if id := twID(g); !twIDValid(id) {
			t.Fatalf("tw id %s has a wrong check digit", id)
		}
		for _, lang := range []langID{langHans, langHant, langEn} {
			o := orderNumber(g, lang)
			if d := onlyDigits(o); len(d) >= 13 && (luhnValid(d) || cnIDValid(d)) {
				t.Fatalf("order number %s passes a PII checksum", o)
			}
		}
		if s := "+886 912-345 678"; utf8.RuneCountInString(fullWidth(s)) != utf8.RuneCountInString(s) {
			t.Fatal("fullWidth changed the rune count")
		}
	}
}

// TestTruthPII checks the PII the truth records in generated
// conversations: every type appears, and each value is what its type says.
func TestTruthPII(t *testing.T) {
	s, _ := generate(t, small(4000), 21)
	types := map[string]int{}
	for _, tr := range s.truths {
		for _, sp := range tr.PII {
			types[sp.Type]++
			d := onlyDigits(sp.Text)
			switch sp.Type {
			case PIIBankCard:
				if !luhnValid(d) {
					t.Errorf("%s: card %q fails Luhn", tr.ConversationID, sp.Text)
				}
			case PIICNID:
				if !cnIDValid(strings.ToUpper(normalizeWidth(sp.Text))) {
					t.Errorf("%s: cn id %q invalid", tr.ConversationID, sp.Text)
				}
			case PIITWID:
				if !twIDValid(normalizeWidth(sp.Text)) {
					t.Errorf("%s: tw id %q invalid", tr.ConversationID, sp.Text)
				}
			case PIIEmail:
				if !strings.Contains(sp.Text, "@") {
					t.Errorf("%s: email %q", tr.ConversationID, sp.Text)
				}
			case PIIPhone:
				if len(d) < 8 {
					t.Errorf("%s: phone %q", tr.ConversationID, sp.Text)
				}
			}
		}
		for _, sp := range tr.Lookalikes {
			types["lookalike:"+sp.Type]++
		}
	}
	for _, want := range []string{PIIPhone, PIIEmail, PIIBankCard, PIICNID, PIITWID, PIIAddress, PIIPersonName,
		"lookalike:" + LookOrderNumber, "lookalike:" + LookTrackingNumber, "lookalike:" + LookPrice, "lookalike:" + LookDate, "lookalike:" + LookBatch} {
		if types[want] == 0 {
			t.Errorf("no %s in 4000 conversations (%v)", want, types)
		}
	}
}

func normalizeWidth(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '！' && r <= '～' {
			r = r - '！' + '!'
		}
		b.WriteRune(r)
	}
	return b.String()
}
