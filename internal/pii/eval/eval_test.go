package eval

import (
	"context"
	"strings"
	"testing"

	"github.com/convqa/convqa/internal/pii"
)

// gateConversations is the sample the quality gate runs on: big enough that
// every required type has support, small enough for every test run.
const gateConversations = 2000

// TestGeneratedQualityGate fails when redaction on generated text drops
// below 0.99 precision or recall for any type ingest must redact.
func TestGeneratedQualityGate(t *testing.T) {
	f, err := pii.NewFinder()
	if err != nil {
		t.Fatal(err)
	}
	r, err := EvaluateGenerated(context.Background(), f, GenOptions{Conversations: gateConversations, Seed: 7}, 5)
	if err != nil {
		t.Fatal(err)
	}
	var report strings.Builder
	if err := r.Write(&report, "generated text"); err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + report.String())
	for _, typ := range pii.Types {
		if r.Types[typ].Support == 0 {
			t.Errorf("%s: no truth spans in %d conversations: the gate would measure nothing", typ, gateConversations)
		}
	}
	if below := r.Below(0.99); len(below) > 0 {
		t.Errorf("below 0.99: %s", strings.Join(below, ", "))
	}
	for _, kind := range []string{"order_number", "tracking_number", "price", "date", "batch"} {
		if r.Lookalikes[kind][0] == 0 {
			t.Errorf("no %s look-alikes generated", kind)
		}
	}
}

func TestHardCases(t *testing.T) {
	cases, err := HardCases()
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) < 100 {
		t.Fatalf("only %d hard cases", len(cases))
	}
	f, err := pii.NewFinder()
	if err != nil {
		t.Fatal(err)
	}
	for _, hc := range cases {
		problems := hc.Check(f)
		switch {
		case hc.Limitation() && len(problems) > 0:
			t.Logf("line %d (%s) %q: known miss: %s", hc.Line, hc.Category, hc.Text, strings.Join(problems, "; "))
		case hc.Limitation():
			t.Errorf("line %d (%s) %q now passes: move it out of the limitations", hc.Line, hc.Category, hc.Text)
		case len(problems) > 0:
			t.Errorf("line %d (%s) %q: %s", hc.Line, hc.Category, hc.Text, strings.Join(problems, "; "))
		}
	}
}

func TestParseHardCases(t *testing.T) {
	tests := []struct {
		name, in string
		want     string // error substring; "" for success
	}{
		{"ok", "c\t手机13812345678，订单号1\tphone:13812345678 | ~order_number:1\n", ""},
		{"empty expected", "c\tnothing here\t\n", ""},
		{"two columns", "c\tnothing here\n", ""},
		{"comments and blanks", "# x\n\nc\ta\t\n", ""},
		{"escaped newline", `c\ta\nb\t~x:a\nb` + "\n", ""},
		{"one column", "just text\n", "x.tsv:1: want 3 tab-separated columns"},
		{"unknown type", "c\ta 1\tpassport:1\n", `x.tsv:1: unknown PII type "passport"`},
		{"not type:value", "c\ta 1\tphone\n", `x.tsv:1: expected item "phone" is not type:value`},
		{"value not in text", "c\ta 1\tphone:2\n", `x.tsv:1: value "2" is not in the text`},
		{"values out of order", "c\t1 2\tphone:2 | phone:1\n", `x.tsv:1: value "1" is not in the text after byte 3`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseHardCases(strings.NewReader(strings.ReplaceAll(tt.in, `\t`, "\t")), "x.tsv")
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Fatalf("error = %v, want %q", err, tt.want)
			}
		})
	}
	cases, err := ParseHardCases(strings.NewReader("c\t手机13812345678，订单号1\tphone:13812345678 | ~order_number:1\n"), "x.tsv")
	if err != nil {
		t.Fatal(err)
	}
	c := cases[0]
	if len(c.Truth) != 1 || c.Truth[0] != (Span{Type: "phone", Start: 2, End: 13}) {
		t.Errorf("truth = %+v (rune offsets)", c.Truth)
	}
	if len(c.Lookalikes) != 1 || c.Lookalikes[0] != (Span{Type: "order_number", Start: 17, End: 18}) {
		t.Errorf("look-alikes = %+v", c.Lookalikes)
	}
}

func TestResultAdd(t *testing.T) {
	f, err := pii.NewFinder()
	if err != nil {
		t.Fatal(err)
	}
	r := NewResult(10)
	// 手机 is 2 runes: the phone spans runes 2–13. The truth's bounds are
	// off by one on purpose: overlapping counts, exactly does not.
	r.Add(f, Case{Text: "手机13812345678", Truth: []Span{{Type: "phone", Start: 2, End: 12}}})
	// A card the truth calls an order number, and an ID it misses.
	r.Add(f, Case{Text: "4111111111111111 身份证11010519491231002X",
		Truth:      []Span{{Type: "cn_id", Start: 20, End: 38}, {Type: "address", Start: 17, End: 19}},
		Lookalikes: []Span{{Type: "order_number", Start: 0, End: 16}}})
	// A truth span of the wrong type does not make a prediction right.
	r.Add(f, Case{Text: "a@b.cn", Truth: []Span{{Type: "phone", Start: 0, End: 6}}})

	phone, card, id, email := r.Types[pii.Phone], r.Types[pii.BankCard], r.Types[pii.IDNumber], r.Types[pii.Email]
	if phone.TP != 1 || phone.Support != 2 || phone.Found != 1 || phone.Exact != 0 || phone.FN() != 1 {
		t.Errorf("phone = %+v", phone)
	}
	if card.FP != 1 || card.FPOn["order_number"] != 1 || card.Precision() != 0 {
		t.Errorf("card = %+v", card)
	}
	if id.TP != 1 || id.Exact != 1 || id.Recall() != 1 || r.BySource["cn_id"] != [2]int{1, 1} {
		t.Errorf("id = %+v, by source %v", id, r.BySource)
	}
	if email.FP != 1 || email.FPOn["phone"] != 1 {
		t.Errorf("email = %+v", email)
	}
	if r.Lookalikes["order_number"] != [2]int{1, 1} || r.OutOfScope["address"] != [2]int{1, 0} {
		t.Errorf("look-alikes %v, out of scope %v", r.Lookalikes, r.OutOfScope)
	}
	if got := r.Below(0.99); strings.Join(got, ",") != "phone recall 0.5000,bank_card precision 0.0000,email precision 0.0000" {
		t.Errorf("Below = %q", got)
	}
}

func TestGeneratedIsDeterministic(t *testing.T) {
	f, _ := pii.NewFinder()
	var a, b strings.Builder
	for _, w := range []*strings.Builder{&a, &b} {
		r, err := EvaluateGenerated(context.Background(), f, GenOptions{Conversations: 200, Seed: 3}, 0)
		if err != nil {
			t.Fatal(err)
		}
		if err := r.Write(w, "x"); err != nil {
			t.Fatal(err)
		}
	}
	if a.String() != b.String() {
		t.Errorf("two runs with one seed differ:\n%s\n%s", a.String(), b.String())
	}
	if _, err := EvaluateGenerated(context.Background(), f, GenOptions{}, 0); err == nil {
		t.Error("zero conversations: no error")
	}
}

// BenchmarkRedactGenerated redacts generated utterances, the text ingest
// sees; utterances/s is what ingest's budget (13,000 per core in total)
// is measured in.
func BenchmarkRedactGenerated(b *testing.B) {
	var texts []string
	bytes := 0
	if err := Generated(context.Background(), GenOptions{Conversations: 1000, Seed: 7}, func(c Case) {
		texts = append(texts, c.Text)
		bytes += len(c.Text)
	}); err != nil {
		b.Fatal(err)
	}
	f, _ := pii.NewFinder()
	b.SetBytes(int64(bytes / len(texts)))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		f.Redact(texts[i%len(texts)])
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "utterances/s")
}
