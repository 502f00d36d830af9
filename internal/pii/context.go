package pii

import (
	"strings"
	"unicode/utf8"
)

// cue is what the words just before a number say it is. People name what
// they type ("订单号", "手機", "card"), and the nearest such word is the
// best evidence the finder has when the digits alone are ambiguous.
type cue uint8

const (
	cueNone cue = iota
	cueRef      // an order, tracking, invoice or other reference number
	cuePhone
	cueCard
	cueID
	// cueNumber is a word for "number" ("#", "No."): it takes the cue of
	// the word before it ("phone #", "order No."), and alone marks a
	// reference ("#12345").
	cueNumber
)

// contextBytes is how far back cue words are looked for: about a dozen
// Chinese characters, or a few English words.
const contextBytes = 36

type cueWord struct {
	s   string
	cue cue
}

// cueWords are matched case-insensitively; English words must stand alone
// ("ref" is not "refund", "id" is not "paid").
var cueWords = []cueWord{
	{"订单", cueRef}, {"訂單", cueRef}, {"单号", cueRef}, {"單號", cueRef}, {"运单", cueRef}, {"運單", cueRef},
	{"快递", cueRef}, {"快遞", cueRef}, {"物流", cueRef}, {"包裹", cueRef}, {"编号", cueRef}, {"編號", cueRef},
	{"编码", cueRef}, {"編碼", cueRef}, {"流水", cueRef}, {"交易号", cueRef}, {"交易號", cueRef}, {"发票", cueRef},
	{"發票", cueRef}, {"工单", cueRef}, {"工單", cueRef}, {"批次", cueRef}, {"批号", cueRef}, {"批號", cueRef},
	{"货号", cueRef}, {"貨號", cueRef}, {"条码", cueRef}, {"條碼", cueRef}, {"序列号", cueRef}, {"序號", cueRef},
	{"追踪", cueRef}, {"追蹤", cueRef},
	// Couriers: "韵达 4312345678903" is a parcel, whatever its digits say.
	{"顺丰", cueRef}, {"順豐", cueRef}, {"圆通", cueRef}, {"圓通", cueRef}, {"中通", cueRef}, {"申通", cueRef},
	{"韵达", cueRef}, {"韻達", cueRef}, {"百世", cueRef}, {"极兔", cueRef}, {"極兔", cueRef}, {"京东", cueRef},
	{"京東", cueRef}, {"邮政", cueRef}, {"郵政", cueRef}, {"黑貓", cueRef}, {"宅急便", cueRef}, {"宅配", cueRef},
	{"ems", cueRef}, {"ups", cueRef}, {"usps", cueRef}, {"fedex", cueRef}, {"dhl", cueRef},
	{"order", cueRef}, {"orders", cueRef}, {"tracking", cueRef}, {"waybill", cueRef}, {"invoice", cueRef},
	{"ticket", cueRef}, {"ref", cueRef}, {"reference", cueRef}, {"parcel", cueRef}, {"package", cueRef},
	{"shipment", cueRef}, {"sku", cueRef}, {"serial", cueRef}, {"barcode", cueRef}, {"case", cueRef},
	{"#", cueNumber}, {"＃", cueNumber}, {"no.", cueNumber}, {"№", cueNumber},

	{"手机", cuePhone}, {"手機", cuePhone}, {"电话", cuePhone}, {"電話", cuePhone}, {"座机", cuePhone},
	{"座機", cuePhone}, {"致电", cuePhone}, {"致電", cuePhone}, {"来电", cuePhone}, {"來電", cuePhone},
	{"联系方式", cuePhone}, {"聯絡", cuePhone}, {"聯繫", cuePhone}, {"短信", cuePhone}, {"簡訊", cuePhone},
	{"phone", cuePhone}, {"mobile", cuePhone}, {"cell", cuePhone}, {"tel", cuePhone}, {"call", cuePhone},
	{"whatsapp", cuePhone}, {"sms", cuePhone}, {"phones", cuePhone}, {"calls", cuePhone}, {"calling", cuePhone},
	{"联系", cuePhone}, {"聯系", cuePhone},

	{"卡号", cueCard}, {"卡號", cueCard}, {"银行卡", cueCard}, {"銀行卡", cueCard}, {"信用卡", cueCard},
	{"储蓄卡", cueCard}, {"借记卡", cueCard}, {"card", cueCard}, {"visa", cueCard}, {"mastercard", cueCard},
	// Paying names the card even after an order word: "订单用卡4111…".
	{"卡", cueCard}, {"付款", cueCard}, {"支付", cueCard}, {"扣款", cueCard}, {"cards", cueCard},
	{"paid", cueCard}, {"pay", cueCard}, {"charged", cueCard}, {"debit", cueCard}, {"credit", cueCard},

	{"身份证", cueID}, {"身份證", cueID}, {"身分證", cueID}, {"证件", cueID}, {"證件", cueID},
	{"id", cueID}, {"identity", cueID}, {"passport", cueID},
}

// cueIndex lists the cue words by their last byte (lower case), so the
// look-back tries only the words that can end where it stands.
var cueIndex = func() (idx [256][]cueWord) {
	for _, w := range cueWords {
		last := lowerASCII(w.s[len(w.s)-1])
		idx[last] = append(idx[last], w)
	}
	return idx
}()

func lowerASCII(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// cueBefore returns the cue of the word nearest before text[at:], looking
// back no further than lo: the end of the previous match, so that a value
// found earlier, or the placeholder that replaced it, is never read as
// context and redacting twice finds what redacting once found. adjacent
// says the word is right before the number, with at most a colon or "是"
// between: "单号是13812345678" names that very number.
func cueBefore(text string, lo, at int) (c cue, adjacent bool) {
	start := max(lo, at-contextBytes)
	for start > lo && start < len(text) && !utf8.RuneStart(text[start]) {
		start--
	}
	w := text[start:at]
	number := -1 // where the last "#" or "No." starts, if any
scan:
	for end := len(w); end > 0; end-- {
		switch w[end-1] {
		case '\n', '!', '?':
			// Words in another line or sentence are about something
			// else: an e-mail signature's phone follows "#123456789".
			break scan
		case ']':
			// The whole text, not the window: the window may cut the
			// placeholder, and "PHONE]" must not read as the word phone.
			if endsWithPlaceholder(text[:start+end]) {
				break scan
			}
		case 0x82, 0x81, 0x9f: // last bytes of 。！？
			if s := w[:end]; strings.HasSuffix(s, "。") || strings.HasSuffix(s, "！") || strings.HasSuffix(s, "？") {
				break scan
			}
		}
		for _, cw := range cueIndex[lowerASCII(w[end-1])] {
			if n := len(cw.s); n <= end && equalFoldASCII(w[end-n:end], cw.s) && standsAlone(w, end-n, end, cw.s) {
				if cw.cue == cueNumber {
					number = max(number, end-n)
					break
				}
				return cw.cue, onlyFiller(w[end:])
			}
		}
	}
	if number >= 0 {
		return cueRef, onlyFiller(w[number:])
	}
	return cueNone, false
}

// onlyFiller reports whether s holds nothing but what people put between
// a word and its number: spaces, colons, "是", "号码", "#", "No.".
func onlyFiller(s string) bool {
	for s != "" {
		r, size := utf8.DecodeRuneInString(s)
		switch {
		case strings.ContainsRune(" :：是为為号號码碼#＃№", r):
			s = s[size:]
		case len(s) >= 3 && equalFoldASCII(s[:3], "no."):
			s = s[3:]
		default:
			return false
		}
	}
	return true
}

// standsAlone reports whether an English cue word at w[from:to] is a word
// of its own rather than part of a longer one.
func standsAlone(w string, from, to int, word string) bool {
	if !isASCIILetter(word[0]) {
		return true
	}
	if from > 0 && isASCIILetter(w[from-1]) {
		return false
	}
	return to == len(w) || !isASCIILetter(w[to])
}

func equalFoldASCII(s, t string) bool {
	for i := 0; i < len(s); i++ {
		if lowerASCII(s[i]) != t[i] {
			return false
		}
	}
	return true
}

// endsWithPlaceholder reports whether s ends with a redaction placeholder.
func endsWithPlaceholder(s string) bool {
	for _, p := range placeholders {
		if len(s) >= len(p) && s[len(s)-len(p):] == p {
			return true
		}
	}
	return false
}
