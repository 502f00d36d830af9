package qa

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/convqa/convqa/internal/pii"
	"github.com/convqa/convqa/internal/transcript"
)

// MaxLineErrors is how many failed lines Stats.Errors keeps; Stats.Failed
// counts them all.
const MaxLineErrors = 1000

// Stats is what ScoreJSONL did.
type Stats struct {
	// Lines counts the lines read, blank ones included.
	Lines int `json:"lines"`
	// Blank counts lines holding nothing but whitespace, which are skipped.
	Blank int `json:"blank"`
	// Scored counts the conversations written to the output.
	Scored int `json:"scored"`
	// Failed counts the lines that could not be decoded or scored.
	Failed int `json:"failed"`
	// Utterances and TextBytes measure what was scored: utterances, and
	// bytes of their (redacted) text.
	Utterances int   `json:"utterances"`
	TextBytes  int64 `json:"text_bytes"`
	// Redacted counts the personal data replaced by placeholders, by type.
	Redacted pii.Counts `json:"redacted"`
	// Errors are the first MaxLineErrors failed lines, in line order.
	Errors []LineError `json:"errors,omitempty"`
}

// LineError is a line of the input that could not be scored.
type LineError struct {
	// Line is the 1-based line number.
	Line int `json:"line"`
	// ConversationID is set when the line decoded far enough to have one.
	ConversationID string `json:"conversation_id,omitempty"`
	// Class is the contract violation's class when the line is not a valid
	// contract-v1 message (transcript.ClassOf), else empty.
	Class transcript.Class `json:"class,omitempty"`
	// Err says what is wrong, where, and what is allowed.
	Err string `json:"error"`
}

// Error reads "line N: conversation "id": what is wrong".
func (e LineError) Error() string {
	s := "line " + strconv.Itoa(e.Line) + ": "
	if e.ConversationID != "" {
		s += "conversation " + strconv.Quote(e.ConversationID) + ": "
	}
	return s + e.Err
}

// batchLines and batchBytes bound one batch of lines scored in parallel,
// so memory stays bounded however large the input.
const (
	batchLines = 512
	batchBytes = 16 << 20
)

// ScoreJSONL scores a file of contract-v1 messages, one kind
// "conversation" message per line (transcript.Decode under lim), and
// writes one Result per line as JSON, in input order. This is
// `convqa score --input`.
//
// The input is raw: before scoring, the utterance text is redacted as
// ingest redacts it (phone, ID and card numbers, e-mail addresses become
// [PHONE], [ID], [CARD], [EMAIL]), so no output carries personal data and
// evidence spans index into the text as it would be stored. The rules that
// catch an agent reading a card or ID number back recognise the
// placeholders.
//
// A line that cannot be decoded or scored is never dropped silently: it is
// counted in Stats.Failed and described in Stats.Errors (line number, the
// class, and the decoder's what/where/allowed), and scoring goes on. The
// returned error is for failures of reading, writing or ctx only; lines
// before it were written.
func ScoreJSONL(ctx context.Context, r io.Reader, w io.Writer, s Scorer, lim transcript.Limits) (Stats, error) {
	var st Stats
	finder, err := pii.NewFinder() // every type, as ingest's default
	if err != nil {
		return st, fmt.Errorf("qa: build the PII finder: %w", err)
	}
	maxLine := lim.MaxMessageBytes
	if maxLine <= 0 {
		maxLine = transcript.DefaultLimits().MaxMessageBytes
	}
	br := bufio.NewReaderSize(r, 64<<10)
	bw := bufio.NewWriterSize(w, 64<<10)
	workers := runtime.GOMAXPROCS(0)
	batch := make([]lineJob, 0, batchLines)
	for {
		if err := ctx.Err(); err != nil {
			return st, err
		}
		batch = batch[:0]
		var rerr error
		size := 0
		for len(batch) < batchLines && size < batchBytes {
			var job lineJob
			job.data, job.size, rerr = readLine(br, maxLine)
			if rerr != nil && rerr != io.EOF {
				break // a line cut short by a failed read is not scored
			}
			if job.size > 0 || rerr == nil {
				st.Lines++
				job.no = st.Lines
				if len(bytes.TrimSpace(job.data)) == 0 && job.size <= int64(maxLine) {
					st.Blank++
				} else {
					batch = append(batch, job)
					size += len(job.data)
				}
			}
			if rerr != nil {
				break
			}
		}
		if err := scoreBatch(ctx, batch, workers, s, finder, lim, maxLine); err != nil {
			return st, err
		}
		for i := range batch {
			j := &batch[i]
			if j.fail != nil {
				st.Failed++
				if len(st.Errors) < MaxLineErrors {
					st.Errors = append(st.Errors, *j.fail)
				}
				continue
			}
			if _, err := bw.Write(j.out); err != nil {
				return st, fmt.Errorf("qa: write the result of line %d: %w", j.no, err)
			}
			st.Scored++
			st.Utterances += j.utterances
			st.TextBytes += j.textBytes
			st.Redacted.Add(j.redacted)
		}
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			return st, fmt.Errorf("qa: read the input after line %d: %w", st.Lines, rerr)
		}
	}
	if err := bw.Flush(); err != nil {
		return st, fmt.Errorf("qa: write results: %w", err)
	}
	return st, nil
}

// lineJob is one non-blank input line and what became of it.
type lineJob struct {
	no   int
	data []byte
	size int64 // the line's full length; data is empty when over the limit

	out        []byte // the Result as one JSON line
	fail       *LineError
	utterances int
	textBytes  int64
	redacted   pii.Counts
}

// scoreBatch scores the jobs with up to workers goroutines.
func scoreBatch(ctx context.Context, jobs []lineJob, workers int, s Scorer, f *pii.Finder, lim transcript.Limits, maxLine int) error {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(workers, len(jobs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			for ctx.Err() == nil {
				i := int(next.Add(1)) - 1
				if i >= len(jobs) {
					return
				}
				scoreLine(&jobs[i], &buf, s, f, lim, maxLine)
			}
		}()
	}
	wg.Wait()
	return ctx.Err()
}

func scoreLine(j *lineJob, buf *bytes.Buffer, s Scorer, f *pii.Finder, lim transcript.Limits, maxLine int) {
	if j.size > int64(maxLine) {
		e := &transcript.Error{Class: transcript.ClassTooLarge, Offset: int64(maxLine),
			Msg:     "line is " + strconv.FormatInt(j.size, 10) + " bytes",
			Allowed: "at most " + strconv.Itoa(maxLine) + " bytes"}
		j.fail = &LineError{Line: j.no, Class: e.Class, Err: e.Error()}
		return
	}
	m, err := transcript.Decode(j.data, lim)
	if err != nil {
		j.fail = &LineError{Line: j.no, Class: transcript.ClassOf(err), Err: err.Error()}
		return
	}
	if m.Kind != transcript.KindConversation {
		j.fail = &LineError{Line: j.no, ConversationID: m.ConversationID,
			Err: fmt.Sprintf("kind is %q (allowed: kind %q, one whole transcript per line)", m.Kind, transcript.KindConversation)}
		return
	}
	j.redacted.Add(f.RedactUtterances(m.Utterances))
	for _, u := range m.Utterances {
		j.textBytes += int64(len(u.Text))
	}
	res, err := s.Score(m)
	if err != nil {
		j.fail = &LineError{Line: j.no, ConversationID: m.ConversationID, Err: err.Error()}
		return
	}
	buf.Reset()
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(res); err != nil {
		j.fail = &LineError{Line: j.no, ConversationID: m.ConversationID, Err: "encode the result: " + err.Error()}
		return
	}
	j.out = bytes.Clone(buf.Bytes())
	j.utterances = len(m.Utterances)
	j.data = nil // done with the input: let it go before the batch ends
}

// readLine reads one line without its "\n". A line longer than max is
// read to its end but not kept: data is then empty and size says how
// long it was. err is io.EOF after the last line.
func readLine(br *bufio.Reader, max int) (data []byte, size int64, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		size += int64(len(chunk))
		if size <= int64(max)+1 { // +1: the "\n" does not count
			data = append(data, chunk...)
		} else {
			data = nil
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if n := len(chunk); n > 0 && chunk[n-1] == '\n' {
			size--
			if len(data) > 0 {
				data = data[:len(data)-1]
			}
		}
		return data, size, err
	}
}
