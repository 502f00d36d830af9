// Package textnorm normalizes customer-service text for matching, the layer
// under sentiment, emotion, compliance rules and topic tagging: Simplified
// and Traditional Chinese, English, and the two mixed.
//
// Normalize folds full-width and compatibility forms (ＡＢＣ１２３！ → abc123!),
// lower-cases letters, and converts Traditional Chinese to Simplified with
// OpenCC's dictionaries (character table, phrase table, and the Taiwan and
// Hong Kong variant tables when the text is Traditional). Emoji and
// punctuation are kept, and counted in Signals with the other cues a scorer
// reads: exclamation and question runs, ellipses, emoji, all-caps words.
//
// # One character for one character
//
// Every character of the input becomes exactly one character of Norm (an
// invalid UTF-8 byte is a character and becomes U+FFFD). Nothing is removed,
// merged or inserted: whitespace runs stay, "…" does not become "...", and
// conversions that change the number of characters are left out: NFKC's
// ﬁ → fi and ㎏ → kg, and OpenCC's Taiwanese vocabulary (記憶體 → 内存). So a
// span of Norm maps to the span of Orig holding the same characters, i-th to
// i-th (Text.OrigSpan, Text.NormSpan), with a map that is empty for texts
// whose byte lengths did not change and otherwise holds one entry per
// character that changed length: full-width forms (3 bytes → 1), some
// Traditional characters whose Simplified form is outside the BMP (㑮 → 𫝈,
// 3 → 4), and invalid bytes (1 → 3).
//
// # Context
//
// Two conversions look beyond one character; Options.ContextFree turns both
// off. OpenCC phrases fix the characters that t2s cannot convert alone:
// 乾 is 干 in 乾淨 but stays in 乾坤, 覆 is 复 in 回覆 but stays in 覆蓋. And
// Taiwan and Hong Kong usage, applied only when the whole text is judged
// Traditional: 著 is the particle 着 (看著 → 看着) except in words such as
// 著名 and 顯著, which Simplified writes with 著 too. So the normalization of
// a piece of Orig equals the matching piece of Norm unless the piece holds
// such characters; TestSpanProperty states the invariants exactly.
//
// # Using it
//
// Keywords, lexicon entries and taxonomy phrases must be normalized with
// the same Normalizer and matched on Norm. A regular expression must not be
// normalized whole (（ becomes a group-opening ( and \D becomes \d): write
// patterns against the normalized form (Simplified, half-width, lower case)
// or normalize only their literal parts with Options.KeepCase.
//
// The OpenCC data is embedded from opencc/; see NOTICE for its licence.
package textnorm
