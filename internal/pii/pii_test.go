package pii

import (
	"strings"
	"testing"
)

func TestFind(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string // "type:matched text", in order
	}{
		{"mobile plain", "我的手机是13812345678，谢谢", []string{"phone:13812345678"}},
		{"mobile spaced", "call 138 1234 5678 please", []string{"phone:138 1234 5678"}},
		{"mobile dashed +86", "+86-138-1234-5678", []string{"phone:+86-138-1234-5678"}},
		{"mobile full-width", "電話：１３８１２３４５６７８", []string{"phone:１３８１２３４５６７８"}},
		{"landline with area code", "座机010-62345678", []string{"phone:010-62345678"}},
		{"landline parenthesised", "请拨打(0571) 8765 4321", []string{"phone:(0571) 8765 4321"}},
		{"taiwan mobile", "我的手機 0912-345-678", []string{"phone:0912-345-678"}},
		{"hong kong", "打 9123 4567 搵我", []string{"phone:9123 4567"}},
		{"us number", "reach me at (415) 555-2671.", []string{"phone:(415) 555-2671"}},
		{"international", "UK: +44 20 7946 0958", []string{"phone:+44 20 7946 0958"}},
		{"resident id", "身份证号11010519491231002X", []string{"id_number:11010519491231002X"}},
		{"resident id full-width", "身份證１１０１０５１９４９１２３１００２Ｘ", []string{"id_number:１１０１０５１９４９１２３１００２Ｘ"}},
		{"card unionpay spaced", "卡号 6222 0212 3456 7899 2", nil}, // fails Luhn
		{"card visa", "card 4111 1111 1111 1111 thanks", []string{"bank_card:4111 1111 1111 1111"}},
		{"card plain", "银行卡6212261202003586436", []string{"bank_card:6212261202003586436"}},
		{"email", "邮箱是zhang.san+cs@example.com。", []string{"email:zhang.san+cs@example.com"}},
		{"email full-width at", "mail: lee＠example.com.hk", []string{"email:lee＠example.com.hk"}},
		{"number inside email is the email", "13812345678@qq.com", []string{"email:13812345678@qq.com"}},
		{"several", "手机13812345678，邮箱a@b.cn", []string{"phone:13812345678", "email:a@b.cn"}},

		// Look-alikes that are not personal data.
		{"order number with luhn", "订单号 4111111111111111", nil},
		{"order number 18 digits", "order #110105194912310021", nil},
		{"tracking number", "运单号SF1234567890123", nil},
		{"tracking with letters after", "YT13812345678CN", nil},
		{"price", "总共¥1380.00元", nil},
		{"date", "2026-11-03 14:30 下单", nil},
		{"short", "数量12345件", nil},
		{"decimal dot", "13812345678.5", []string{"phone:13812345678"}},
		{"10 digits no separator", "编码 0212345678", nil},
		{"id with bad checksum", "身份证110105194912310021", nil},
		{"id with bad date", "身份证110105194913310028", nil},

		// Rules added with the redaction evaluation (internal/pii/eval).
		{"taiwan mobile plain", "手機是0912345678", []string{"phone:0912345678"}},
		{"taiwan landline", "台中 04-2345-6789", []string{"phone:04-2345-6789"}},
		{"taiwan id", "身分證A123456789", []string{"id_number:A123456789"}},
		{"taiwan id bad checksum", "型號A123456788", nil},
		{"taiwan id in a code", "SKUA123456789", nil},
		{"tracking that reads as a landline", "物流單號是0939-6704-3818，由黑貓配送", nil},
		{"order number right before a mobile", "订单号13812345678", nil},
		{"mobile after an order word, phone word nearer", "订单的手机号13812345678", []string{"phone:13812345678"}},
		{"cue from another line", "Order #12345678\nBest,\n(415) 555-2671", []string{"phone:(415) 555-2671"}},
		{"refund is not ref", "Please refund 4111111111111111", []string{"bank_card:4111111111111111"}},
		{"card nearer than order", "订单4001已退款到卡号4111111111111111", []string{"bank_card:4111111111111111"}},
		{"courier names a parcel", "韵达 4312345678903", nil},
		{"barcode is not a card", "条码6901234567892", nil},
		{"us dotted", "my cell is 415.555.2671", []string{"phone:415.555.2671"}},
		{"us toll-free is a business", "1-800-555-0199", nil},
		{"china hotline is a business", "客服热线 400-820-8820", nil},
		{"local number with a phone word", "WhatsApp 91234567", []string{"phone:91234567"}},
		{"local number without one", "库存 91234567 件", nil},
		{"uk mobile", "07700 900123", []string{"phone:07700 900123"}},
		{"plus in parentheses", "(+86) 138 1234 5678", []string{"phone:(+86) 138 1234 5678"}},
		{"+86 landline", "+86 10 6234 5678", []string{"phone:+86 10 6234 5678"}},
		{"english word glued", "我的phone13812345678", []string{"phone:13812345678"}},
		{"glued code with a dash", "tracking number1527-5891-0611", nil},
		{"two mobiles, comma", "13812345678,13912345678", []string{"phone:13812345678", "phone:13912345678"}},
		{"decimal", "0.4111111111111111", nil},
		{"mention is not an email", "@小王 user@localhost", nil},
		{"phone number sign", "Phone #: 415-555-2671", []string{"phone:415-555-2671"}},
		{"tel no.", "Tel No. 0912-345-678", []string{"phone:0912-345-678"}},
		{"number sign alone is a reference", "#4111111111111111", nil},
		{"order number sign", "order #13812345678", nil},
		{"paying names the card", "订单已付款，用的4111111111111111", []string{"bank_card:4111111111111111"}},
	}
	f, err := NewFinder()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, m := range f.Find(tt.text) {
				got = append(got, m.Type.String()+":"+tt.text[m.Start:m.End])
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("Find(%q)\n got %q\nwant %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestRedact(t *testing.T) {
	f, _ := NewFinder()
	got, c := f.Redact("手机13812345678，卡号4111111111111111，身份证11010519491231002X，邮箱a@b.cn")
	want := "手机[PHONE]，卡号[CARD]，身份证[ID]，邮箱[EMAIL]"
	if got != want {
		t.Errorf("Redact = %q, want %q", got, want)
	}
	if c != (Counts{1, 1, 1, 1}) || c.Total() != 4 {
		t.Errorf("counts = %v", c)
	}
	if same, c := f.Redact("nothing here"); same != "nothing here" || c.Total() != 0 {
		t.Errorf("clean text changed: %q %v", same, c)
	}
}

func TestFinderOnlyEnabledTypes(t *testing.T) {
	f, err := NewFinder("email")
	if err != nil {
		t.Fatal(err)
	}
	got, c := f.Redact("13812345678 a@b.cn")
	if got != "13812345678 [EMAIL]" || c[Email] != 1 || c[Phone] != 0 {
		t.Errorf("got %q %v", got, c)
	}
	if _, err := NewFinder("passport"); err == nil || !strings.Contains(err.Error(), "allowed: phone, id_number, bank_card, email") {
		t.Errorf("unknown type error = %v", err)
	}
}

func FuzzRedact(f *testing.F) {
	for _, s := range []string{"手机13812345678", "（010）6234-5678", "+44 20 7946 0958", "a@b.cn", "１３８１２３４５６７８", "11010519491231002X", "\xff\xfe12345678901",
		"订单号13812345678，卡号4111111111111111", "a@b.cn4111111111111111", "13812345678.13912345678", "身分證A123456789X",
		"物流單號0939-6704-3818", "Order #1\n(415) 555-2671", "415.555.2671", "(+86) 138 1234 5678", "phone13812345678"} {
		f.Add(s)
	}
	fd, _ := NewFinder()
	f.Fuzz(func(t *testing.T, s string) {
		ms := fd.Find(s)
		last := 0
		for _, m := range ms {
			if m.Start < last || m.End <= m.Start || m.End > len(s) {
				t.Fatalf("bad span %+v in %q (after %d)", m, s, last)
			}
			last = m.End
		}
		red, c := fd.Redact(s)
		if c.Total() != len(ms) {
			t.Fatalf("counts %v for %d matches", c, len(ms))
		}
		// Redacting again finds nothing new: placeholders are not PII.
		if again, c2 := fd.Redact(red); c2.Total() != 0 {
			t.Fatalf("redacted text still holds PII: %q -> %q", red, again)
		}
	})
}

func BenchmarkRedact(b *testing.B) {
	text := strings.Repeat("您好，我的订单号是202611031234567，手机13812345678，请尽快处理退款，谢谢！Thanks, my email is a.b@example.com. ", 4)
	f, _ := NewFinder()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		f.Redact(text)
	}
}
