package backtest

import (
	"context"
	"fmt"
	"io"

	"github.com/convqa/convqa/internal/pii"
	"github.com/convqa/convqa/internal/transcript"
)

// JSONLSource reads contract-v1 conversation messages, one a line, as
// `convqa score --input` does. Utterance text is redacted with redact
// (nil: left as is) before the rules see it, as ingest redacts before
// storing, so the evidence a backtest prints never shows personal data. A
// line that is not a valid conversation message stops the run with an
// error naming name:line and what was wrong: a backtest over half a file
// would mislead.
func JSONLSource(r io.Reader, name string, lim transcript.Limits, redact *pii.Finder) Source {
	return func(ctx context.Context, yield func(*transcript.Message) error) error {
		return eachLine(r, name, max(lim.MaxMessageBytes, 1<<20)+1, func(line int, b []byte) error {
			m, err := transcript.Decode(b, lim)
			if err != nil {
				return fmt.Errorf("%s:%d: %w", name, line, err)
			}
			if m.Kind != transcript.KindConversation {
				return fmt.Errorf("%s:%d: kind %q: a backtest needs whole conversations (kind \"conversation\")", name, line, m.Kind)
			}
			if redact != nil {
				redact.RedactUtterances(m.Utterances)
			}
			return yield(m)
		})
	}
}
