package pii

// luhn checks the Luhn (mod 10) checksum that every payment card number
// carries.
func luhn(d []byte) bool {
	sum := 0
	double := false
	for i := len(d) - 1; i >= 0; i-- {
		c := int(d[i] - '0')
		if c < 0 || c > 9 {
			return false
		}
		if double {
			c *= 2
			if c > 9 {
				c -= 9
			}
		}
		sum += c
		double = !double
	}
	return sum%10 == 0
}

// cardLength checks the issuer prefix and the length its network issues:
// American Express (15), Diners (14, 16) and JCB (16–19) start with 3;
// Visa (13, 16, 19) with 4; Mastercard (16) with 51–55 or 2221–2720,
// Maestro (16–19) with other 5s; UnionPay and Discover (16–19) with 6.
// A 13-digit number starting with 6 is far more often a barcode (EAN-13,
// 69… in China) than a card.
func cardLength(d []byte) bool {
	n := len(d)
	if n < 13 || n > 19 {
		return false
	}
	switch d[0] {
	case '3':
		return n >= 14
	case '4':
		return n == 13 || n == 16 || n == 19
	case '5', '6':
		return n >= 16
	case '2':
		p := int(d[0]-'0')*1000 + int(d[1]-'0')*100 + int(d[2]-'0')*10 + int(d[3]-'0')
		return n == 16 && p >= 2221 && p <= 2720
	}
	return false
}

var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

const idCheck = "10X98765432"

// validResidentID checks an 18-character mainland resident identity number
// (GB 11643-1999): a region code (provinces are 11–82), a plausible birth
// date, and the ISO 7064 MOD 11-2 check character.
func validResidentID(d []byte) bool {
	if len(d) != 18 || d[0] < '1' || d[0] > '8' {
		return false
	}
	sum := 0
	for i := 0; i < 17; i++ {
		c := d[i]
		if c < '0' || c > '9' {
			return false
		}
		sum += int(c-'0') * idWeights[i]
	}
	if idCheck[sum%11] != d[17] {
		return false
	}
	year := atoi(d[6:10])
	month := atoi(d[10:12])
	day := atoi(d[12:14])
	return year >= 1900 && year <= 2100 && month >= 1 && month <= 12 && day >= 1 && day <= 31
}

// twLetters orders the letters of Taiwan IDs by their two-digit codes,
// from A = 10 to O = 35; the order is historical, not alphabetical.
const twLetters = "ABCDEFGHJKLMNPQRSTUVXYWZIO"

// validTaiwanID checks a Taiwan national ID or resident certificate number:
// a letter, 1 or 2 (the sex) or 8 or 9 (a resident certificate, since
// 2021), eight digits, and the weighted mod 10 checksum over the letter's
// code and the digits. d holds the letter in upper case.
func validTaiwanID(d []byte) bool {
	if len(d) != 10 {
		return false
	}
	code := -1
	for i := 0; i < len(twLetters); i++ {
		if twLetters[i] == d[0] {
			code = 10 + i
		}
	}
	if code < 0 || (d[1] != '1' && d[1] != '2' && d[1] != '8' && d[1] != '9') {
		return false
	}
	sum := code/10 + code%10*9
	for i := 1; i < 10; i++ {
		w := 9 - i
		if i == 9 {
			w = 1
		}
		sum += int(d[i]-'0') * w
	}
	return sum%10 == 0
}

func atoi(s []byte) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}
