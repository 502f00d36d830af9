package synth

import (
	"fmt"
	"strings"
)

// mixRule swaps a Chinese word for the English one bilingual shoppers type
// instead ("帮我check一下order").
type mixRule struct{ zh, en string }

func hansMix() []mixRule {
	return []mixRule{
		{"快递单号", "tracking number"}, {"订单号", "order号"}, {"订单编号", "order number"}, {"订单", "order"},
		{"退款", "refund"}, {"退货", "return"}, {"查一下", "check一下"}, {"查询一下", "check一下"},
		{"确认一下", "confirm一下"}, {"优惠券", "coupon"}, {"发票", "invoice"}, {"谢谢", "thanks"},
		{"好的", "OK"}, {"尺码", "size"}, {"质量", "quality"}, {"账号", "account"}, {"过期", "expired"},
		{"保质期", "shelf life"}, {"邮箱", "email"}, {"手机号", "手机number"},
	}
}

func hantMix() []mixRule {
	return []mixRule{
		{"物流單號", "tracking number"}, {"訂單編號", "order number"}, {"訂單", "order"}, {"退款", "refund"},
		{"退貨", "return"}, {"查一下", "check一下"}, {"確認一下", "confirm一下"}, {"折價券", "coupon"},
		{"發票", "invoice"}, {"謝謝", "thx"}, {"好的", "OK"}, {"尺寸", "size"}, {"帳號", "account"},
		{"過期", "expired"}, {"信箱", "email"},
	}
}

func mixReplacer(rules []mixRule) *strings.Replacer {
	args := make([]string, 0, 2*len(rules))
	for _, r := range rules {
		args = append(args, r.zh, r.en)
	}
	return strings.NewReplacer(args...)
}

// builtinBooks compiles the phrase tables of every language.
func builtinBooks() ([numLangs]*phrasebook, error) {
	var books [numLangs]*phrasebook
	tables := []struct {
		lang langID
		raw  rawBook
		mix  []mixRule
	}{
		{langHans, rawBook{}.add(hansAgentPhrases()).add(hansCustomerPhrases()).add(hansIntentPhrases()), hansMix()},
		{langHant, rawBook{}.add(hantAgentPhrases()).add(hantCustomerPhrases()).add(hantIntentPhrases()), hantMix()},
		{langEn, rawBook{}.add(enAgentPhrases()).add(enCustomerPhrases()).add(enIntentPhrases()), nil},
	}
	for _, t := range tables {
		pb, err := compileBook(t.lang, t.raw, t.mix)
		if err != nil {
			return books, fmt.Errorf("built-in phrases: %w", err)
		}
		books[t.lang] = pb
	}
	return books, nil
}
