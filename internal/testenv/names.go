package testenv

import (
	"crypto/rand"
	"encoding/hex"
	"strings"
	"testing"
)

// maxName caps a whole resource name: convqa's config accepts database names
// of at most 64 bytes, and the test's name is cut to fit. What remains is
// enough to tell in `SHOW DATABASES` or a topic list which test left
// something behind.
const maxName = 63

// UniqueName returns a name that no other test run uses, built from prefix, the
// test's name and 16 random hex digits, e.g.
// "convqa_test_testingest_batches_3f9c0a1b2c3d4e5f". It holds only [a-z0-9_],
// so it is a valid unquoted ClickHouse identifier (when prefix starts with a
// letter), a Kafka topic name and a consumer group id.
func UniqueName(t testing.TB, prefix string) string {
	t.Helper()
	var b [8]byte
	// crypto/rand.Read never fails (it crashes the program instead).
	_, _ = rand.Read(b[:])
	return uniqueName(prefix, t.Name(), hex.EncodeToString(b[:]))
}

func uniqueName(prefix, testName, suffix string) string {
	prefix = sanitize(prefix, 0)
	room := maxName - len(prefix) - len(suffix) - 2
	if room < 1 {
		room = 1
	}
	parts := make([]string, 0, 3)
	for _, p := range []string{prefix, sanitize(testName, room), suffix} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, "_")
}

// sanitize lowercases s, turns every run of other characters into one '_', and
// trims it to at most limit bytes (none when limit is 0).
func sanitize(s string, limit int) string {
	var b strings.Builder
	underscore := false
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
			underscore = false
			continue
		}
		if !underscore && b.Len() > 0 {
			b.WriteByte('_')
			underscore = true
		}
	}
	out := b.String()
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return strings.Trim(out, "_")
}
