package pii

import (
	"regexp"
	"strings"
)

// email matches addresses as people type them in chat, including with the
// full-width ＠ that Chinese input methods produce.
var email = regexp.MustCompile(`[A-Za-z0-9][A-Za-z0-9._%+\-]*[@＠][A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,24}`)

func findEmails(text string, ms []Match) []Match {
	for _, loc := range email.FindAllStringIndex(text, -1) {
		// "…@qq.com。" is fine; a trailing dot belongs to the sentence.
		end := loc[1]
		for end > loc[0] && strings.HasSuffix(text[:end], ".") {
			end--
		}
		ms = append(ms, Match{Type: Email, Start: loc[0], End: end})
	}
	return ms
}
