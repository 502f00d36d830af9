package sentiment

import (
	"bytes"
	"encoding/json"
	"fmt"
	"unicode/utf8"

	"github.com/convqa/convqa/internal/transcript"
)

// LineResult is what ScoreLine gives for one input line: a text's result,
// or a conversation's analysis.
type LineResult struct {
	// ID echoes the "id" of a {"text": …} line, if it had one.
	ID json.RawMessage `json:"id,omitempty"`
	// Text is the scored text (text and {"text": …} lines).
	Text string `json:"text,omitempty"`
	*Result
	// ConversationID and Conversation are set for contract-v1 messages.
	ConversationID string        `json:"conversation_id,omitempty"`
	Conversation   *Conversation `json:"conversation,omitempty"`
	// Version names the lexicon and model that scored the line.
	Version string `json:"version"`
}

// ScoreLine scores one line of input the way `convqa sentiment` reads
// stdin: a contract-v1 message (a JSON object with "schema"), an object
// with a "text" field, or else plain text. Errors are the user's: a JSON
// line that is neither, or a message that does not decode.
func (s *Scorer) ScoreLine(line []byte, opts ConversationOptions) (LineResult, error) {
	line = bytes.TrimSpace(line)
	out := LineResult{Version: s.Version()}
	if len(line) == 0 || line[0] != '{' {
		if !utf8.Valid(line) {
			line = bytes.ToValidUTF8(line, []byte("\uFFFD"))
		}
		r := s.Score(string(line))
		out.Text, out.Result = string(line), &r
		return out, nil
	}
	var probe struct {
		Schema *string          `json:"schema"`
		Text   *string          `json:"text"`
		ID     *json.RawMessage `json:"id"`
	}
	if err := json.Unmarshal(line, &probe); err != nil {
		return out, fmt.Errorf("line is not valid JSON: %w", err)
	}
	switch {
	case probe.Schema != nil:
		var m *transcript.Message
		var err error
		if transcript.IsFlat(line) {
			m, err = transcript.DecodeFlat(line, transcript.DefaultLimits())
		} else {
			m, err = transcript.Decode(line, transcript.DefaultLimits())
		}
		if err != nil {
			return out, fmt.Errorf("decode message: %w", err)
		}
		utts := m.Utterances
		if m.Utterance != nil {
			utts = append(utts, *m.Utterance)
		}
		c := s.AnalyzeConversation(utts, opts)
		out.ConversationID, out.Conversation = m.ConversationID, &c
	case probe.Text != nil:
		r := s.Score(*probe.Text)
		out.Text, out.Result = *probe.Text, &r
		if probe.ID != nil {
			out.ID = *probe.ID
		}
	default:
		return out, fmt.Errorf(`JSON line has neither "schema" (a contract-v1 message) nor "text"`)
	}
	return out, nil
}
