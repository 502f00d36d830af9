package pii

// luhn checks the Luhn (mod 10) checksum that every payment card number
// carries.
func luhn(d string) bool {
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

// cardPrefix checks the issuer prefix against the networks that issue cards
// to consumers: American Express, Diners, JCB (3), Visa (4), Mastercard (2, 5),
// UnionPay and Discover (6).
func cardPrefix(d string) bool {
	switch d[0] {
	case '3', '4', '5', '6':
		return true
	case '2':
		p := (int(d[0]-'0')*10+int(d[1]-'0'))*100 + int(d[2]-'0')*10 + int(d[3]-'0')
		return len(d) == 16 && p >= 2221 && p <= 2720
	}
	return false
}

var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

const idCheck = "10X98765432"

// validResidentID checks an 18-character mainland resident identity number
// (GB 11643-1999): a region code, a plausible birth date, and the ISO 7064
// MOD 11-2 check character.
func validResidentID(d string) bool {
	if len(d) != 18 || d[0] < '1' || d[0] > '9' {
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

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}
