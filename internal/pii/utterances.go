package pii

import "github.com/convqa/convqa/internal/transcript"

// RedactUtterances redacts the text of every utterance in place, as
// ingest does before storing a transcript, and returns what it replaced.
// Everything that scores raw transcripts (convqa score --input, rule
// backtests over a file, the evaluations and benchmarks) redacts with it,
// so the rules see exactly what they see in stored data.
func (f *Finder) RedactUtterances(us []transcript.Utterance) Counts {
	var total Counts
	for i := range us {
		var c Counts
		us[i].Text, c = f.Redact(us[i].Text)
		total.Add(c)
	}
	return total
}
