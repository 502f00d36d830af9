package textnorm

// The emoji ranges below follow the Extended_Pictographic property of
// Unicode's emoji-data.txt, split by how the character is used in chat text:
//
//   - kindEmoji counts on its own: U+231A–231B, U+23E9–23F3, U+23F8–23FA,
//     U+25FD–25FE, the pictographs of Miscellaneous Symbols and Dingbats
//     (U+2600–27BF, listed in pictoBMP), U+2B1B–2B1C, U+2B50, U+2B55, and the
//     pictographic planes U+1F000–1FAFF except the enclosed alphanumerics
//     U+1F100–1F1FF (of which only 🆎, 🆑–🆚 and the regional indicators count),
//     U+1F201–1F251 squared ideographs, U+1FC00–1FFFD. ❤ and ☺ are listed
//     here although Unicode draws them as text by default, because in
//     customer chat they are emoji whether or not U+FE0F follows.
//   - kindEmojiText counts only when U+FE0F follows, because without it the
//     character is an ordinary symbol: © ® ™ ℹ ↔–↙ ↩ ↪ ⌨ ⏏ Ⓜ ▪ ▫ ▶ ◀ ◻ ◼
//     ⤴ ⤵ ⬅–⬇ 〰 〽 ㊗ ㊙ 🅰 🅱 🅾 🅿 🈂.
//   - ‼ and ⁉ are always counted as punctuation, never as emoji.
//
// Sequences are grouped as one emoji: a base followed by U+FE0F/U+FE0E,
// skin-tone modifiers U+1F3FB–1F3FF, tag characters U+E0020–E007F, or U+200D
// and a further pictograph (👩‍👩‍👧); two regional indicators (🇹🇼); and keycaps
// (digit, #, or * with U+FE0F and U+20E3).

// pictoBMP lists the Extended_Pictographic ranges of U+2600–27BF.
var pictoBMP = [...][2]rune{
	{0x2600, 0x2605}, {0x2607, 0x2612}, {0x2614, 0x2685}, {0x2690, 0x2705},
	{0x2708, 0x2712}, {0x2714, 0x2714}, {0x2716, 0x2716}, {0x271D, 0x271D},
	{0x2721, 0x2721}, {0x2728, 0x2728}, {0x2733, 0x2734}, {0x2744, 0x2744},
	{0x2747, 0x2747}, {0x274C, 0x274C}, {0x274E, 0x274E}, {0x2753, 0x2755},
	{0x2757, 0x2757}, {0x2763, 0x2767}, {0x2795, 0x2797}, {0x27A1, 0x27A1},
	{0x27B0, 0x27B0}, {0x27BF, 0x27BF},
}

// textEmoji lists the BMP pictographs that are emoji only with U+FE0F; the
// astral ones (🅰 🅱 🅾 🅿 🈂) are in emojiKindAstral.
var textEmoji = [...][2]rune{
	{0x00A9, 0x00A9}, {0x00AE, 0x00AE}, {0x2122, 0x2122}, {0x2139, 0x2139},
	{0x2194, 0x2199}, {0x21A9, 0x21AA}, {0x2328, 0x2328}, {0x2388, 0x2388},
	{0x23CF, 0x23CF}, {0x24C2, 0x24C2}, {0x25AA, 0x25AB}, {0x25B6, 0x25B6},
	{0x25C0, 0x25C0}, {0x25FB, 0x25FC}, {0x2934, 0x2935}, {0x2B05, 0x2B07},
	{0x3030, 0x3030}, {0x303D, 0x303D}, {0x3297, 0x3297}, {0x3299, 0x3299},
}

func inRanges(r rune, ranges [][2]rune) bool {
	for _, rg := range ranges {
		if r >= rg[0] && r <= rg[1] {
			return true
		}
	}
	return false
}

// emojiKind classifies r as part of an emoji, or returns kindOther.
func emojiKind(r rune) kind {
	switch {
	case r < 0x00A9:
		return kindOther
	case r >= 0x1F000:
		return emojiKindAstral(r)
	case r == 0x200D:
		return kindZWJ
	case r == 0xFE0F:
		return kindVS16
	case r == 0xFE0E:
		return kindVS15
	case r == 0x20E3:
		return kindKeycap
	case inRanges(r, textEmoji[:]):
		return kindEmojiText
	case r >= 0x2600 && r <= 0x27BF:
		if inRanges(r, pictoBMP[:]) {
			return kindEmoji
		}
	case r >= 0x231A && r <= 0x231B, r >= 0x23E9 && r <= 0x23F3, r >= 0x23F8 && r <= 0x23FA,
		r >= 0x25FD && r <= 0x25FE, r >= 0x2B1B && r <= 0x2B1C, r == 0x2B50, r == 0x2B55:
		return kindEmoji
	}
	return kindOther
}

func emojiKindAstral(r rune) kind {
	switch {
	case r >= 0x1F3FB && r <= 0x1F3FF:
		return kindSkinTone
	case r >= 0x1F1E6 && r <= 0x1F1FF:
		return kindRegional
	case r >= 0xE0020 && r <= 0xE007F:
		return kindTag
	case r == 0x1F170, r == 0x1F171, r == 0x1F17E, r == 0x1F17F, r == 0x1F202:
		return kindEmojiText
	case r >= 0x1F100 && r <= 0x1F1FF:
		if r == 0x1F18E || r >= 0x1F191 && r <= 0x1F19A {
			return kindEmoji
		}
	case r >= 0x1F200 && r <= 0x1F251:
		if r == 0x1F201 || r == 0x1F21A || r == 0x1F22F || r >= 0x1F232 && r <= 0x1F23A || r >= 0x1F250 {
			return kindEmoji
		}
	case r <= 0x1FAFF, r >= 0x1FC00 && r <= 0x1FFFD:
		return kindEmoji
	}
	return kindOther
}

// EmojiKey strips an emoji sequence of its presentation selectors and skin
// tones, so that 👍🏽 and 👍️ look up the same lexicon entry as 👍. It is meant
// for Norm[s.Start:s.End] of a span in Signals.Emoji.
func EmojiKey(seq string) string {
	keep := true
	for _, r := range seq {
		if isEmojiModifier(r) {
			keep = false
			break
		}
	}
	if keep {
		return seq
	}
	out := make([]rune, 0, len(seq))
	for _, r := range seq {
		if !isEmojiModifier(r) {
			out = append(out, r)
		}
	}
	return string(out)
}

func isEmojiModifier(r rune) bool {
	return r == 0xFE0F || r == 0xFE0E || r >= 0x1F3FB && r <= 0x1F3FF
}
