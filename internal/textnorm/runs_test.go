package textnorm

import "testing"

// TestRunInvariants checks what the runs of runs.go rely on in the tables
// of every Normalizer: ASCII normalizes to ASCII, so a run of ASCII keeps
// its length; the ASCII letters are the letters, of the kinds their case
// says, and either all capitals change or none does; and no character
// below U+0800 or surrogate has an entry of kind Han, so the entry of an
// overlong or surrogate three-byte sequence stops a run of Han characters.
func TestRunInvariants(t *testing.T) {
	def, keepCase, contextFree := normalizers(t)
	for _, n := range []*Normalizer{def, keepCase, contextFree} {
		for r := rune(0); r < 0x80; r++ {
			e := n.t.bmp[r]
			if out := e.out(); out >= 0x80 {
				t.Errorf("%+v: %q → %q, not ASCII", n.opts, r, out)
			}
			letter := byte(r)|0x20-'a' < 26
			switch k := e.kind(); {
			case letter && r >= 'a' && (k != kindLower || e.out() != r):
				t.Errorf("%+v: %q is %v → %q, want kindLower, unchanged", n.opts, r, k, e.out())
			case letter && r < 'a' && (k != kindUpper || e.out() != n.t.bmp['A'].out()-'A'+r):
				t.Errorf("%+v: %q is %v → %q, want kindUpper, like A → %q", n.opts, r, k, e.out(), n.t.bmp['A'].out())
			case !letter && (k == kindLower || k == kindUpper):
				t.Errorf("%+v: %q is a letter", n.opts, r)
			}
		}
		for r := rune(0); r < 0x10000; r++ {
			if (r < 0x800 || r >= 0xD800 && r <= 0xDFFF) && n.t.bmp[r].kind() == kindHan {
				t.Errorf("%+v: %U has kind Han", n.opts, r)
			}
		}
	}
}
