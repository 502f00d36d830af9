package rules

import (
	"testing"
)

func TestSpans(t *testing.T) {
	tests := []struct {
		name, when, text string
		start, end       int
		want             string
	}{
		{"zh-Hant by a Simplified keyword", "{keywords: {any: [保证]}}", "我保證明天一定到", 1, 3, "保證"},
		{"Traditional keyword on Simplified text", "{keywords: {any: [保證]}}", "我保证明天到", 1, 3, "保证"},
		{"full-width English", "{keywords: {any: [guarantee]}}", "我ＧＵＡＲＡＮＴＥＥ明天到", 1, 10, "ＧＵＡＲＡＮＴＥＥ"},
		{"mixed with full-width digits", "{keywords: {any: [100%退款]}}", "OK，１００％退款给您", 3, 9, "１００％退款"},
		{"after an emoji", "{keywords: {any: [保证]}}", "😡👍🏽我保證", 4, 6, "保證"},
		{"after astral Han", "{keywords: {any: [退款]}}", "𠮷𠮷退款", 2, 4, "退款"},
		{"regex on zh-Hant", "{regex: '保证.{0,3}到'}", "這個保證明天到喔", 2, 7, "保證明天到"},
		{"phrase across cases", "{keywords: {any: [order number]}}", "My ORDER NUMBER is", 3, 15, "ORDER NUMBER"},
		{"raw card number", "{detector: card_number}", "卡號是４１１１ １１１１ １１１１ １１１１對嗎", 3, 22, "４１１１ １１１１ １１１１ １１１１"},
		{"placeholder", "{detector: card_number}", "您的卡号是[CARD]，对吗", 5, 11, "[CARD]"},
		{"full-width placeholder", "{detector: phone}", "電話［ＰＨＯＮＥ］", 2, 9, "［ＰＨＯＮＥ］"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := chat("a: " + tc.text)
			hs := hitsOf(t, tc.when, m) // checks Matched against the offsets
			if len(hs) != 1 {
				t.Fatalf("%d hits %+v, want 1", len(hs), hs)
			}
			h := hs[0]
			if h.Start != tc.start || h.End != tc.end || h.Matched != tc.want {
				t.Errorf("span [%d, %d) %q, want [%d, %d) %q", h.Start, h.End, h.Matched, tc.start, tc.end, tc.want)
			}
		})
	}
}

func TestSpansWholeUtterance(t *testing.T) {
	m := chat("a: 您好😊，有什么可以帮您")
	hs := hitsOf(t, "{speaker: agent, keywords: {none: [再见]}}", m)
	if len(hs) != 1 || hs[0].Start != 0 || hs[0].End != 11 || hs[0].Matched != m.Utterances[0].Text {
		t.Errorf("hits %+v: want the whole utterance, 11 characters", hs)
	}
}
