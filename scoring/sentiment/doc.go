// Package sentiment scores customer-service text for sentiment and emotion
// in Simplified Chinese, Traditional Chinese, English and the mix of them.
//
// # What a score is
//
// Score gives one utterance a score in [-1, 1], a label (negative, neutral,
// positive), four emotion values in [0, 1] (anger, anxiety/urgency,
// frustration, satisfaction) and the evidence behind them: every word,
// idiom, emoji or punctuation cue that counted, with its weight, the rules
// that changed it (negation, degree, contrast, concession, question, caps),
// and byte spans in the ORIGINAL text (mapped back from the normalized text
// with textnorm.Text.OrigSpan), so a QA manager sees exactly what was read.
// AnalyzeConversation adds per-speaker aggregates, the customer's trajectory
// (opening third against closing third), the lowest point, emotion peaks,
// agents asking for the same thing again and again, and the escalation flag.
//
// # The shipped model
//
// The default model is rules over lexicons, with nothing learned from data
// whose licence forbids shipping it. The lexicons (lexicon/*.tsv) are:
// zh.tsv and en.tsv, customer-service and e-commerce words, idioms
// (还行, 呵呵, 服了, "thanks for nothing"), negators, degree and contrast words
// written for convqa; emoji.tsv, likewise; and VADER's English lexicon
// (MIT, see lexicon/VADER_LICENSE.txt). Matching runs on textnorm's
// normalized text (Simplified, half-width, lower case), Chinese through an
// Aho-Corasick automaton with leftmost-longest matches, so 不错 wins over
// 不 + 错, and Latin words through a map. The arithmetic follows VADER's:
// valences on a −4…+4 scale are summed and squashed with x/√(x²+15).
//
// # Trained models
//
// Train learns a logistic regression over character n-grams, word n-grams
// and the rule scorer's own outputs from labelled data the user has the
// rights to (their own QA reviews, say), and Options.Model makes the scorer
// use it. The evaluation (package eval) trains such models in memory on the
// research sets in ../shared/data; none of them, and nothing derived from
// them, is shipped.
package sentiment
