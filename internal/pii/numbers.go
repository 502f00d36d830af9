package pii

import (
	"strings"
	"unicode/utf8"

	"github.com/nyaruka/phonenumbers"
)

// run is a maximal stretch of digits, with single separators between them,
// that might be a phone, ID or card number.
type run struct {
	start, end int    // byte span in the text
	digits     []byte // ASCII digits, full-width ones folded; 'X' ends an ID
	groups     []int  // lengths of the digit groups between separators
	plus       bool   // started with '+' (an international number)
	paren      bool   // held an area code in parentheses
}

// digitValue folds ASCII and full-width digits; -1 for anything else.
func digitValue(r rune) int {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0')
	case r >= '０' && r <= '９':
		return int(r - '０')
	}
	return -1
}

func isSeparator(r rune) bool {
	switch r {
	case ' ', '-', '－', '‐', '‑', '　':
		return true
	}
	return false
}

func isOpenParen(r rune) bool  { return r == '(' || r == '（' }
func isCloseParen(r rune) bool { return r == ')' || r == '）' }
func isPlus(r rune) bool       { return r == '+' || r == '＋' }

// wordChar reports whether r glues a number into a longer token, as in the
// tracking number "SF1234567890123" or the file name "scan_6222.pdf".
func wordChar(r rune) bool {
	return r == '_' || r == '/' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') ||
		(r >= 'ａ' && r <= 'ｚ') || (r >= 'Ａ' && r <= 'Ｚ')
}

func (f *Finder) findNumbers(text string, ms []Match) []Match {
	var buf [32]byte
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !startsRun(text, i, r, size) {
			i += size
			continue
		}
		rn := scanRun(text, i, buf[:0])
		if t, ok := f.classify(text, &rn); ok {
			ms = append(ms, Match{Type: t, Start: rn.start, End: rn.end})
		}
		i = rn.end
	}
	return ms
}

// startsRun reports whether a candidate number starts at byte i.
func startsRun(text string, i int, r rune, size int) bool {
	if digitValue(r) < 0 && !isPlus(r) && !isOpenParen(r) {
		return false
	}
	if i > 0 {
		prev, _ := utf8.DecodeLastRuneInString(text[:i])
		if wordChar(prev) || digitValue(prev) >= 0 {
			return false
		}
	}
	if digitValue(r) >= 0 {
		return true
	}
	next, _ := utf8.DecodeRuneInString(text[i+size:])
	return digitValue(next) >= 0
}

func scanRun(text string, start int, digits []byte) run {
	rn := run{start: start, digits: digits}
	i := start
	group := 0
	closeGroup := func() {
		if group > 0 {
			rn.groups = append(rn.groups, group)
			group = 0
		}
	}
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if d := digitValue(r); d >= 0 {
			rn.digits = append(rn.digits, byte('0'+d))
			group++
			i += size
			rn.end = i
			continue
		}
		if i == start && isPlus(r) {
			rn.plus = true
			i += size
			continue
		}
		if isOpenParen(r) && group == 0 && len(rn.digits) <= 3 {
			rn.paren = true
			i += size
			continue
		}
		// A separator (or a closing parenthesis, perhaps with a space after
		// it) counts only between digits: "138 1234 5678", "(021) 6123".
		j := i
		if isCloseParen(r) && rn.paren {
			j += size
			r, size = utf8.DecodeRuneInString(text[j:])
		}
		if isSeparator(r) {
			j += size
			r, size = utf8.DecodeRuneInString(text[j:])
		}
		if j == i || digitValue(r) < 0 {
			break
		}
		closeGroup()
		i = j
	}
	closeGroup()
	// The 18th character of a resident ID number may be the checksum X.
	if len(rn.digits) == 17 && rn.end < len(text) {
		if r, size := utf8.DecodeRuneInString(text[rn.end:]); r == 'X' || r == 'x' || r == 'Ｘ' || r == 'ｘ' {
			rn.digits = append(rn.digits, 'X')
			rn.end += size
		}
	}
	return rn
}

// classify decides what a run of digits is, if it is personal data at all.
func (f *Finder) classify(text string, rn *run) (Type, bool) {
	if rn.end < len(text) {
		if next, _ := utf8.DecodeRuneInString(text[rn.end:]); wordChar(next) {
			return 0, false
		}
	}
	d := string(rn.digits)
	n := len(d)
	if n < 7 {
		return 0, false
	}
	refCtx := referenceContext(text[:rn.start])
	switch {
	case f.enabled[IDNumber] && n == 18 && !refCtx && validResidentID(d):
		return IDNumber, true
	case f.enabled[Phone] && isPhone(d, rn):
		return Phone, true
	case f.enabled[BankCard] && n >= 13 && n <= 19 && !refCtx && cardPrefix(d) && luhn(d):
		return BankCard, true
	}
	return 0, false
}

// referenceContext reports whether the words just before a number say it is
// an order, tracking or invoice number, which look like cards and IDs.
func referenceContext(before string) bool {
	// Look back a few words only: about 12 runes.
	start := len(before)
	for k := 0; k < 12 && start > 0; k++ {
		_, size := utf8.DecodeLastRuneInString(before[:start])
		start -= size
	}
	window := strings.ToLower(before[start:])
	ref, card := -1, -1
	for _, w := range referenceWords {
		if i := strings.LastIndex(window, w); i > ref {
			ref = i
		}
	}
	for _, w := range cardWords {
		if i := strings.LastIndex(window, w); i > card {
			card = i
		}
	}
	return ref > card
}

var referenceWords = []string{
	"订单", "訂單", "单号", "單號", "运单", "運單", "快递", "快遞", "物流", "编号", "編號",
	"流水", "交易号", "交易號", "发票", "發票", "工单", "工單",
	"order", "tracking", "waybill", "invoice", "ticket", "ref", "#", "no.",
}

var cardWords = []string{"卡号", "卡號", "银行卡", "銀行卡", "信用卡", "card", "身份证", "身份證", "证件", "證件", "id"}

func isPhone(d string, rn *run) bool {
	n := len(d)
	if rn.plus || strings.HasPrefix(d, "00") {
		intl := strings.TrimPrefix(d, "00")
		if strings.HasPrefix(intl, "86") {
			return chinaMobile(intl[2:]) || chinaLandline(intl[2:], true)
		}
		num, err := phonenumbers.Parse("+"+intl, "")
		return err == nil && phonenumbers.IsValidNumber(num)
	}
	if chinaMobile(d) || chinaLandline(d, len(rn.groups) > 1 || rn.paren) {
		return true
	}
	// Taiwan mobiles: 09xx-xxx-xxx.
	if n == 10 && strings.HasPrefix(d, "09") && len(rn.groups) > 1 {
		return true
	}
	// Hong Kong: eight digits written as 4-4, mobiles 5/6/9, fixed 2/3.
	if n == 8 && len(rn.groups) == 2 && rn.groups[0] == 4 && strings.ContainsRune("23569", rune(d[0])) {
		return true
	}
	// North American numbers written as (415) 555-2671 or 415-555-2671.
	if n == 10 && (rn.paren || len(rn.groups) == 3 && rn.groups[0] == 3 && rn.groups[1] == 3) {
		num, err := phonenumbers.Parse(d, "US")
		return err == nil && phonenumbers.IsValidNumber(num)
	}
	if n == 11 && d[0] == '1' && len(rn.groups) == 4 && rn.groups[1] == 3 {
		num, err := phonenumbers.Parse("+"+d, "")
		return err == nil && phonenumbers.IsValidNumber(num)
	}
	return false
}

// chinaMobile: 1[3-9] followed by nine digits.
func chinaMobile(d string) bool {
	return len(d) == 11 && d[0] == '1' && d[1] >= '3' && d[1] <= '9'
}

// chinaLandline: an area code (010, 02x, or 0 and three digits) then seven or
// eight digits. Without a separator an 11–12 digit number is still taken, but
// not a 10 digit one, which is too often something else. Local numbers
// without their area code are not taken: eight bare digits are more often
// an amount or a code than a phone.
func chinaLandline(d string, separated bool) bool {
	if !strings.HasPrefix(d, "0") {
		return false
	}
	d = d[1:]
	if len(d) == 0 || d[0] == '0' {
		return false
	}
	area := 3
	if d[0] == '1' || d[0] == '2' {
		area = 2
	}
	sub := len(d) - area
	if sub != 7 && sub != 8 {
		return false
	}
	if area == 2 && sub == 7 && !separated {
		return false
	}
	// Subscriber numbers never start with 0 or 1.
	return d[area] >= '2'
}
