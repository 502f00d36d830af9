package synth

import (
	"fmt"
	"strings"
)

// PII types recorded in the ground truth. Redaction is evaluated against
// these names.
const (
	PIIPhone    = "phone"
	PIIEmail    = "email"
	PIIBankCard = "bank_card"
	PIICNID     = "cn_id"
	PIITWID     = "tw_id"
	PIIAddress  = "address"
	// PIIPersonName marks customer names (in e-mail signatures and
	// salutations).
	PIIPersonName = "person_name"
)

// Look-alike types: values that resemble PII but are not, recorded so that a
// redactor's false positives can be counted.
const (
	LookOrderNumber    = "order_number"
	LookTrackingNumber = "tracking_number"
	LookPrice          = "price"
	LookDate           = "date"
	LookBatch          = "batch"
)

func digits(g *rng, n int) string {
	var b strings.Builder
	b.Grow(n)
	for range n {
		b.WriteByte(byte('0' + g.intn(10)))
	}
	return b.String()
}

// luhnValid reports whether the digits (other characters ignored) pass the
// Luhn check bank cards carry.
func luhnValid(s string) bool {
	sum, n, double := 0, 0, false
	for i := len(s) - 1; i >= 0; i-- {
		c := s[i]
		if c < '0' || c > '9' {
			continue
		}
		d := int(c - '0')
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
		n++
	}
	return n > 0 && sum%10 == 0
}

// luhnDigit returns the check digit that makes body+digit Luhn-valid.
func luhnDigit(body string) byte {
	for d := byte('0'); d <= '9'; d++ {
		if luhnValid(body + string(d)) {
			return d
		}
	}
	return '0'
}

var cardPrefixes = []string{"6222", "6217", "6228", "6212", "4392", "4514", "5187", "5309"}

// bankCard returns a Luhn-valid card number, grouped the way people type it.
func bankCard(g *rng) string {
	prefix := pick(g, cardPrefixes)
	n := 16
	if prefix[0] == '6' && g.chance(0.3) {
		n = 19
	}
	body := prefix + digits(g, n-len(prefix)-1)
	num := body + string(luhnDigit(body))
	switch g.intn(3) {
	case 0:
		return num
	case 1:
		return group(num, 4, " ")
	}
	return group(num, 4, "-")
}

func group(s string, size int, sep string) string {
	var b strings.Builder
	for i := 0; i < len(s); i += size {
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteString(s[i:min(i+size, len(s))])
	}
	return b.String()
}

var cnRegions = []string{"110101", "110105", "310115", "310104", "440305", "440106", "330106", "510107", "420106", "320102", "370202", "610113"}

var cnIDWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

// cnIDCheck returns the GB 11643 check character of the first 17 digits.
func cnIDCheck(first17 string) byte {
	sum := 0
	for i := range 17 {
		sum += int(first17[i]-'0') * cnIDWeights[i]
	}
	return "10X98765432"[sum%11]
}

// cnIDValid reports whether s is an 18-character resident ID number with a
// correct check character.
func cnIDValid(s string) bool {
	if len(s) != 18 {
		return false
	}
	for i := range 17 {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return cnIDCheck(s[:17]) == s[17]
}

func cnID(g *rng) string {
	first := fmt.Sprintf("%s%04d%02d%02d%s", pick(g, cnRegions), g.between(1960, 2005), g.between(1, 12), g.between(1, 28), digits(g, 3))
	return first + string(cnIDCheck(first))
}

// twLetterCodes maps the first letter of a Taiwan ID to its two-digit code.
const twLetters = "ABCDEFGHJKLMNPQRSTUVXYWZIO"

func twLetterCode(c byte) int {
	i := strings.IndexByte(twLetters, c)
	if i < 0 {
		return -1
	}
	return 10 + i
}

// twIDValid reports whether s is a Taiwan national ID (one letter, nine
// digits) with a correct check digit.
func twIDValid(s string) bool {
	if len(s) != 10 {
		return false
	}
	code := twLetterCode(s[0])
	if code < 0 || (s[1] != '1' && s[1] != '2') {
		return false
	}
	sum := code/10 + (code%10)*9
	for i := 1; i < 10; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
		w := 9 - i
		if i == 9 {
			w = 1
		}
		sum += int(s[i]-'0') * w
	}
	return sum%10 == 0
}

func twID(g *rng) string {
	letter := twLetters[g.intn(len(twLetters))]
	body := string(letter) + string(byte('1'+g.intn(2))) + digits(g, 7)
	for d := byte('0'); d <= '9'; d++ {
		if s := body + string(d); twIDValid(s) {
			return s
		}
	}
	return body + "0" // unreachable: one digit always completes the sum
}

var cnMobilePrefixes = []string{"130", "131", "132", "135", "136", "137", "138", "139", "150", "151", "152", "155", "156", "158", "159", "166", "177", "180", "183", "185", "186", "187", "188", "189", "198", "199"}

func phone(g *rng, lang langID) string {
	switch lang {
	case langHant:
		if g.chance(0.25) { // Hong Kong
			n := pick(g, []string{"5", "6", "9"}) + digits(g, 7)
			if g.chance(0.4) {
				return "+852 " + n[:4] + " " + n[4:]
			}
			return n[:4] + " " + n[4:]
		}
		n := "09" + digits(g, 8)
		switch g.intn(3) {
		case 0:
			return n
		case 1:
			return n[:4] + "-" + n[4:7] + "-" + n[7:]
		}
		return "+886 " + n[1:4] + " " + n[4:7] + " " + n[7:]
	case langEn:
		area := pick(g, []string{"212", "310", "415", "646", "312", "206", "617", "512"})
		line := fmt.Sprintf("01%02d", g.intn(100)) // 555-01xx is reserved for fiction
		switch g.intn(3) {
		case 0:
			return "(" + area + ") 555-" + line
		case 1:
			return area + "-555-" + line
		}
		return "+1 " + area + " 555 " + line
	}
	n := pick(g, cnMobilePrefixes) + digits(g, 8)
	switch g.intn(4) {
	case 0, 1:
		return n
	case 2:
		return n[:3] + " " + n[3:7] + " " + n[7:]
	}
	return "+86 " + n
}

var (
	emailNames   = []string{"zhangwei", "li.na", "wangfang", "liuyang", "chenjing", "yang_li", "huang.min", "zhao.lei", "emily.chen", "jason.wu", "kevin_lin", "amy.huang", "j.smith", "sarah.jones", "mike.brown", "lisa.m", "david.k", "anna_lee"}
	emailDomains = map[langID][]string{
		langHans: {"qq.com", "163.com", "126.com", "foxmail.com", "sina.com", "gmail.com"},
		langHant: {"gmail.com", "yahoo.com.tw", "hotmail.com", "ms45.hinet.net", "outlook.com"},
		langEn:   {"gmail.com", "outlook.com", "yahoo.com", "icloud.com", "proton.me"},
	}
)

func email(g *rng, lang langID) string {
	if lang == langHans && g.chance(0.35) {
		return fmt.Sprintf("%d@qq.com", g.between(10000000, 2999999999))
	}
	name := pick(g, emailNames)
	if g.chance(0.6) {
		name += fmt.Sprint(g.between(1, 2024))
	}
	return name + "@" + pick(g, emailDomains[lang])
}

func address(g *rng, lang langID) string {
	n := func(lo, hi int) int { return g.between(lo, hi) }
	switch lang {
	case langHant:
		switch g.intn(4) {
		case 0:
			return fmt.Sprintf("台北市大安區忠孝東路四段%d號%d樓", n(1, 300), n(2, 18))
		case 1:
			return fmt.Sprintf("新北市板橋區文化路一段%d巷%d號", n(10, 400), n(1, 60))
		case 2:
			return fmt.Sprintf("高雄市前鎮區中山二路%d號%d樓之%d", n(1, 500), n(2, 25), n(1, 9))
		}
		return fmt.Sprintf("九龍旺角彌敦道%d號%d樓%c室", n(500, 750), n(2, 30), 'A'+rune(n(0, 7)))
	case langEn:
		street := pick(g, []string{"Maple Street", "Oak Avenue", "Pine Road", "Elm Street", "Cedar Lane", "Sunset Blvd", "Lake Drive"})
		city := pick(g, []string{"Springfield, IL 62704", "Portland, OR 97205", "Austin, TX 78701", "Columbus, OH 43215", "Seattle, WA 98109"})
		return fmt.Sprintf("%d %s, Apt %d%c, %s", n(10, 9999), street, n(1, 30), 'A'+rune(n(0, 5)), city)
	}
	switch g.intn(4) {
	case 0:
		return fmt.Sprintf("上海市浦东新区张江路%d弄%d号%d室", n(10, 999), n(1, 40), n(101, 2802))
	case 1:
		return fmt.Sprintf("北京市朝阳区望京西路%d号院%d号楼%d单元%d", n(1, 99), n(1, 20), n(1, 6), n(101, 2602))
	case 2:
		return fmt.Sprintf("广东省深圳市南山区科技南路%d号%s花园%d栋%d", n(1, 200), pick(g, []string{"海岸", "阳光", "翠湖", "星河"}), n(1, 12), n(101, 3302))
	}
	return fmt.Sprintf("浙江省杭州市西湖区文三路%d号%d幢%d室", n(1, 600), n(1, 30), n(101, 1902))
}

// orderNumber returns an order number: long digit strings that a careless
// detector takes for a card or ID number, but which fail both checksums.
func orderNumber(g *rng, lang langID) string {
	if lang == langEn {
		if g.chance(0.5) {
			return "#" + digits(g, 9)
		}
		for {
			n := fmt.Sprintf("%03d-%07d-%07d", g.between(100, 999), g.intn(10000000), g.intn(10000000))
			if !luhnValid(n) {
				return n
			}
		}
	}
	for {
		n := fmt.Sprint(g.between(1, 4)) + digits(g, 17+g.intn(2))
		if !luhnValid(n) && !cnIDValid(n) {
			return n
		}
	}
}

func trackingNumber(g *rng, lang langID) string {
	switch lang {
	case langHant:
		if g.chance(0.5) {
			return "F" + digits(g, 11)
		}
		return digits(g, 4) + "-" + digits(g, 4) + "-" + digits(g, 4)
	case langEn:
		if g.chance(0.5) {
			return "1Z" + strings.ToUpper(fmt.Sprintf("%06x", g.intn(1<<24))) + digits(g, 10)
		}
		return "9400" + digits(g, 18)
	}
	switch g.intn(4) {
	case 0:
		return "SF" + digits(g, 13)
	case 1:
		return "YT" + digits(g, 13)
	case 2:
		return "JT" + digits(g, 13)
	}
	for {
		n := "75" + digits(g, 12)
		if !luhnValid(n) {
			return n
		}
	}
}

func price(g *rng, lang langID, yuan float64) string {
	switch lang {
	case langHant:
		return fmt.Sprintf("NT$%d", int(yuan*4.4))
	case langEn:
		return fmt.Sprintf("$%.2f", yuan/7.1)
	}
	if g.chance(0.5) {
		return fmt.Sprintf("¥%.2f", yuan)
	}
	return fmt.Sprintf("%.0f元", yuan)
}

var monthNames = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

// date formats a calendar date the way customers type it.
func date(g *rng, lang langID, y, m, d int) string {
	switch lang {
	case langEn:
		if g.chance(0.5) {
			return fmt.Sprintf("%02d/%02d/%d", m, d, y)
		}
		return fmt.Sprintf("%s %d", monthNames[m-1], d)
	case langHant:
		if g.chance(0.5) {
			return fmt.Sprintf("%d/%d/%d", y, m, d)
		}
		return fmt.Sprintf("%d年%d月%d日", y, m, d)
	}
	switch g.intn(3) {
	case 0:
		return fmt.Sprintf("%d-%02d-%02d", y, m, d)
	case 1:
		return fmt.Sprintf("%d年%d月%d日", y, m, d)
	}
	return fmt.Sprintf("%d月%d号", m, d)
}

// fullWidth turns ASCII digits and number punctuation into their full-width
// forms, as some Traditional Chinese input methods type them. Each character
// stays one rune, so span offsets do not move.
func fullWidth(s string) string {
	var b strings.Builder
	b.Grow(len(s) * 3)
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9', r == '-', r == '+', r == '#', r == '$':
			b.WriteRune(r - '!' + '！')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
