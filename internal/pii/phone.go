package pii

import (
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// isPhone reports whether a run is a phone number. Formats only phones
// have — an international number, a mainland mobile — are taken on their
// own. Formats that order and tracking numbers share (a 12-digit
// "0939-6704-3818" is a landline or a parcel) are not taken when the words
// before name a reference number; bare local numbers only when they name a
// phone.
func (f *Finder) isPhone(d []byte, rn *run, ctx *words) bool {
	if rn.plus {
		return international(d)
	}
	if len(d) > 2 && d[0] == '0' && d[1] == '0' {
		// "00" dials out from China and Europe, but a parcel number can
		// start with it too, and it has no "+" to vouch for it.
		return international(d[2:]) && ctx.cue() != cueRef
	}
	if rn.shape(1, 3, 3, 4) {
		// Written the North American way, 1-800-555-0199 is not the
		// mainland mobile 180 0555 0199 its digits also spell.
		return northAmerican(d, rn) && ctx.cue() != cueRef
	}
	if chinaMobile(d) {
		// Some order and parcel numbers are eleven digits too; only the
		// word right before tells them apart.
		return !ctx.names(cueRef)
	}
	separated := rn.ngroups > 1 || rn.paren
	if taiwanMobile(d) || chinaLandline(d, separated) || taiwanLandline(d, rn) || hongKong(d, rn) || northAmerican(d, rn) || ukMobile(d, rn) {
		return ctx.cue() != cueRef
	}
	n := len(d)
	switch {
	case n == 7 || n == 8:
		// A local number without its area code ("电话 6234 5678"), or a
		// Hong Kong one without the space ("WhatsApp 91234567").
		return d[0] >= '2' && (rn.ngroups == 1 || rn.shape(3, 4) || rn.shape(4, 4)) && ctx.cue() == cuePhone
	case n == 10:
		return rn.ngroups == 1 && nanp(d) && ctx.cue() == cuePhone
	}
	return false
}

// international checks a number written with its country code (after "+"
// or "00"). Only the length is checked against the country's plan, not
// whether the block is allocated: "+852 5012 3456" is a phone number in
// form, which is what matters for redaction.
func international(d []byte) bool {
	if len(d) < 8 {
		return false
	}
	if d[0] == '8' && d[1] == '6' {
		// Mainland numbers drop the trunk 0 after +86.
		var buf [maxDigits + 1]byte
		local := append(append(buf[:0], '0'), d[2:]...)
		return chinaMobile(d[2:]) || chinaLandline(local, true)
	}
	num, err := phonenumbers.Parse("+"+string(d), "")
	return err == nil && phonenumbers.IsPossibleNumberWithReason(num) == phonenumbers.IS_POSSIBLE
}

// chinaMobile: 1[3-9] followed by nine digits.
func chinaMobile(d []byte) bool {
	return len(d) == 11 && d[0] == '1' && d[1] >= '3' && d[1] <= '9'
}

// taiwanMobile: 09 and eight digits. No mainland landline has ten digits
// starting 09, so the prefix alone tells.
func taiwanMobile(d []byte) bool {
	return len(d) == 10 && d[0] == '0' && d[1] == '9'
}

// chinaLandline: an area code (010, 02x, or 0 and three digits) then seven or
// eight digits. Without a separator an 11–12 digit number is still taken, but
// not a 10 digit one, which is too often something else.
func chinaLandline(d []byte, separated bool) bool {
	if len(d) < 2 || d[0] != '0' || d[1] == '0' {
		return false
	}
	d = d[1:]
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

// taiwanLandline: 0, a one- or two-digit area code (02 Taipei, 04
// Taichung, 037 Miaoli), then six to eight digits, written with the area
// code apart: "04-2345-6789", "(037) 123456".
func taiwanLandline(d []byte, rn *run) bool {
	n := len(d)
	if n < 9 || n > 10 || d[0] != '0' || d[1] < '2' || d[1] > '8' || rn.ngroups < 2 {
		return false
	}
	area := int(rn.groups[0])
	return (area == 2 || area == 3) && d[area] >= '2'
}

// hongKong: eight digits written 4-4; fixed lines start with 2 or 3,
// mobiles with 5, 6 or 9.
func hongKong(d []byte, rn *run) bool {
	return len(d) == 8 && rn.shape(4, 4) && strings.IndexByte("23569", d[0]) >= 0
}

// northAmerican: (415) 555-2671, 415-555-2671, 415.555.2671, 1-415-555-2671.
func northAmerican(d []byte, rn *run) bool {
	switch len(d) {
	case 10:
		return rn.shape(3, 3, 4) && nanp(d)
	case 11:
		return d[0] == '1' && rn.shape(1, 3, 3, 4) && nanp(d[1:])
	}
	return false
}

// nanp checks the North American numbering plan: area code and exchange
// each start with 2–9, and an area code is never N11 (911, 411). Nor is it
// N00 or toll-free (800, 833 … 888): those are businesses' numbers, not a
// person's — and so are China's 400 and 800 hotlines, written the same
// way ("400-820-8820").
func nanp(d []byte) bool {
	if len(d) != 10 || d[0] < '2' || d[3] < '2' || d[1] == '1' && d[2] == '1' {
		return false
	}
	tollFree := d[0] == '8' && d[1] == d[2] && d[1] >= '3'
	return !(d[1] == '0' && d[2] == '0') && !tollFree
}

// ukMobile: 07 and nine digits, written 07700 900123 or 07700 900 123.
func ukMobile(d []byte, rn *run) bool {
	return len(d) == 11 && d[0] == '0' && d[1] == '7' && (rn.shape(5, 6) || rn.shape(5, 3, 3))
}
