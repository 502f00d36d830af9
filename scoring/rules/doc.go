// Package rules is convqa's compliance rule engine: rules written as YAML
// files (FORMAT.md is the file format), reviewed like code, loaded into a
// Set and evaluated on whole conversations.
//
//	set, err := rules.LoadFiles("rules/")   // or rules.LoadFS(fsys, "*.yaml")
//	if err != nil { … }                      // every mistake, as file:line: field: what is allowed
//	for _, o := range set.Evaluate(msg) {    // one Outcome per rule, in set order
//		… o.Status, o.Hits                   // each Hit is one row of rule_hits
//	}
//
// # Loading
//
// A set is one or more files, read in name order; rule ids and condition
// names are unique across the set, and a file may use the conditions of
// another. Loading is all or nothing: a file with any mistake — an unknown
// field, a bad value, an empty keyword list, a regular expression RE2
// refuses, an unknown or cyclic reference — fails the whole load, and the
// error (errors.Join of *Error) lists every mistake found with its file,
// line, field path (rules[3].when.keywords.any) and what is allowed.
// Set.Version names the content: it changes when any byte of any rule file
// changes, and is stored with every score.
//
// # How a conversation is matched
//
// Each utterance is normalized once (internal/textnorm: Traditional →
// Simplified, full-width → half-width, lower case) and scanned once by an
// Aho-Corasick automaton holding every keyword the rules read in its
// speaker's turns, the built-in word lists the rules use (negations, hold
// phrases, requests for a human…) and the literal text of the regular
// expressions. So one
// keyword list serves zh-Hans, zh-Hant, English and mixed text: 保证
// matches 保證, refund matches ＲＥＦＵＮＤ. Keywords that start or end with
// a letter or digit match on word boundaries ("no" is not found in "know",
// "can" not in "can't"); Chinese matches anywhere. A regular expression
// runs only on utterances that hold one of the literals every match needs,
// and a leaf is not looked at in a conversation whose turns lack a list it
// needs.
//
// Every span is mapped back to the original text: Hit.Start and Hit.End
// count characters (runes) of the utterance as it was stored, and
// Hit.Matched is that original text (保證, not 保证).
//
// # Conditions
//
// A leaf condition picks utterances by speaker, channel and position, and
// matches them with keywords (any, all, at_least, none), a regular
// expression and an exclusion pattern, and a detector. All of a leaf's
// matchers must hold in the same utterance. Combinations (all, any, not)
// join conditions over the whole conversation, references ({ref: name})
// reuse named ones, and an anchor makes a leaf count only before, after,
// within or away from another condition's hits.
//
// The negation guard (on by default for keywords) voids a keyword that a
// negation precedes in the same clause, within 8 characters or 3 words:
// "不能保证", "没办法保證", "I can't guarantee" are no promises, while
// "保证不会再出问题" and "我不能让您失望。保证明天到" are. A contrast (但是,
// but) ends its reach; an A-not-A question (能不能, 会不会) asks and does not
// deny.
//
// # Detectors
//
// card_number, id_number, phone and email find personal data in the raw
// text with internal/pii (checksums, numbering plans, the words before a
// number) and the placeholders [CARD], [ID], [PHONE] and [EMAIL] that
// ingest redaction leaves in stored text, which is always redacted: there
// the placeholder is the evidence, and its span the hit's.
//
// first_response, silence, repeated_question and ignored_human_request
// judge the turns together. Their hit falls on one utterance, the late
// turn, with the whole utterance as its span:
//
//   - first_response: the first agent (or bot) turn after the customer's
//     first, when it started more than threshold.seconds after that turn
//     ended (threshold.hours on e-mail). Nothing when the agent spoke
//     first or never answered.
//   - silence: a turn of the leaf's speaker (default agent) that started
//     more than threshold.seconds after the previous turn ended, unless
//     the latest agent or bot turn before it announced a hold (请稍等,
//     please hold…; hold_phrases replaces the list). Not on e-mail.
//   - repeated_question: the agent turn in which the agent asks for the
//     same item (order number, phone, address, photo, ID number, e-mail)
//     for the threshold.times-th time; its span is the item's word. A turn
//     asks when the item's word and a request cue (请, please, ?, 多少) stand
//     in the same clause, and counts once the customer has spoken since
//     the previous ask. The vocabulary is the sentiment package's.
//   - ignored_human_request: the customer asks for a human (转人工, real
//     person…) and no agent, bot or system turn with a transfer phrase
//     (转接, transfer you…) comes within threshold.turns agent turns or
//     before the end. The hit is the first agent turn after the request;
//     with no agent turn at all it is the request, spanning its phrase.
//
// # Verdicts
//
// A violation rule fails when its condition matches, with one Hit
// (Violation true) per piece of evidence; a requirement rule passes when
// its condition matches, keeping the evidence (Violation false), and
// fails otherwise with one conversation-level Hit (Seq -1, Detector
// "absent"). A rule whose applies_when does not hold is N/A, without hits.
//
// A Set is immutable and safe for concurrent use; Evaluate reuses pooled
// buffers, so the cost per conversation is the normalization, the one
// automaton scan per utterance, and the rules' own work.
package rules
