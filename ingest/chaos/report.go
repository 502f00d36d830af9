package chaos

import (
	"bufio"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"
)

// Report is what a chaos run did and found. Problems lists every check that
// failed; an empty list is a pass.
type Report struct {
	// Seed, the names the run used, and where its logs are.
	Seed                      uint64
	Database, Topic, DLQTopic string
	Group, WorkDir            string
	// Plan is the schedule of faults the seed gave.
	Plan Plan

	// What was produced: every message, of which MalformedMessages are
	// broken on purpose and UtteranceMessages are live turns; the valid
	// utterances and conversations they carry; Sent as acknowledged by the
	// broker (retried writes count once), over ProduceTime.
	Messages, MalformedMessages, UtteranceMessages int
	ValidUtterances, ValidConversations            int
	LiveConversations, WholeConversations          int
	Sent, ProduceRetries                           int64
	ProduceTime                                    time.Duration

	// What happened: each kill, each restart, and every ingest exit that
	// nobody asked for. CatchUp is the time from the end of producing and of
	// the faults until the group's lag was 0; LagAtEnd what was left if not.
	Kills           []string
	Restarts        []RestartResult
	UnexpectedExits []string
	CatchUp         time.Duration
	LagAtEnd        int64

	// What the tables hold: rows now (after background merges collapsed
	// some duplicates), every row ever inserted (redeliveries included), and
	// the exact reads against the valid input. NotClosed lists
	// conversations whose winning version is not the closing one.
	RawUtterances, RawConversations           int
	InsertedUtterances, InsertedConversations int
	UtterancesFinal, UtterancesArgMax         TableCheck
	ConversationsFinal, ConversationsArgMax   TableCheck
	NotClosed                                 []string
	// DLQ is what the dead-letter topic holds against the malformed input.
	DLQ DLQCheck
	// IngestLog counts the warnings and errors the ingest processes
	// logged, by level and message.
	IngestLog map[string]int

	Elapsed  time.Duration
	Problems []string
	// checked is set once the tables and the DLQ were compared with the
	// input: a run cut short has no counts to show.
	checked bool
}

// RestartResult is one restart as it happened.
type RestartResult struct {
	Restart
	Began time.Time
	// Took is the time from stop to ready, the down time included.
	Took time.Duration
	Err  error
	// Warnings counts what ingest logged at WARN or above while the server
	// was away and just after: zero means the outage went unnoticed, and
	// so proved nothing.
	Warnings int
}

// String says when the restart happened and how long the server was away.
func (r RestartResult) String() string {
	s := fmt.Sprintf("t+%v %s: stopped, down %v, ready again %v after the stop",
		r.At.Round(100*time.Millisecond), r.Service, r.Down, r.Took.Round(100*time.Millisecond))
	if r.Err != nil {
		s = fmt.Sprintf("t+%v %s: restart failed after %v: %v", r.At.Round(100*time.Millisecond), r.Service, r.Took.Round(100*time.Millisecond), r.Err)
	}
	return s
}

// Passed reports whether every check held.
func (r *Report) Passed() bool { return len(r.Problems) == 0 }

func (r *Report) problem(format string, a ...any) {
	r.Problems = append(r.Problems, fmt.Sprintf(format, a...))
}

// judge turns the checks into Problems.
func (r *Report) judge() {
	r.checked = true
	for _, c := range []TableCheck{r.UtterancesFinal, r.UtterancesArgMax, r.ConversationsFinal, r.ConversationsArgMax} {
		if !c.OK() {
			r.problem("%s: %d duplicates, %d missing, %d extra", c.Read, c.Duplicates, c.Missing, c.Extra)
		}
	}
	if len(r.NotClosed) > 0 {
		r.problem("%d conversations read as not closed", len(r.NotClosed))
	}
	if !r.DLQ.OK() {
		r.problem("DLQ: %d of %d malformed missing, %d unexpected, %d wrong class, %d changed bytes, %d wrong source headers",
			r.DLQ.Missing, r.DLQ.Expected, r.DLQ.Unexpected, r.DLQ.WrongClass, r.DLQ.NotOriginal, r.DLQ.WrongSource)
	}
	if r.RawUtterances < r.ValidUtterances {
		r.problem("raw utterance rows %d < valid utterances %d", r.RawUtterances, r.ValidUtterances)
	}
	for _, u := range r.UnexpectedExits {
		r.problem("unexpected exit: %s", u)
	}
}

// WriteTo prints the report for people.
func (r *Report) WriteTo(w io.Writer) (int64, error) {
	var b strings.Builder
	p := func(format string, a ...any) { fmt.Fprintf(&b, format+"\n", a...) }
	p("== chaos-ingest report (seed %d)", r.Seed)
	p("database %s, topic %s, dlq %s, group %s", r.Database, r.Topic, r.DLQTopic, r.Group)
	p("logs: %s", r.WorkDir)
	p("produced:   %d messages (%d sent, %d write retries, %v): %d valid utterances in %d conversations (%d whole, %d live, %d utterance messages); %d malformed",
		r.Messages, r.Sent, r.ProduceRetries, r.ProduceTime.Round(time.Second), r.ValidUtterances, r.ValidConversations,
		r.WholeConversations, r.LiveConversations, r.UtteranceMessages, r.MalformedMessages)
	p("plan (from the seed):")
	for _, l := range r.Plan.Lines() {
		p("  %s", l)
	}
	p("kills:      %d", len(r.Kills))
	for _, k := range r.Kills {
		p("  %s", k)
	}
	p("restarts:   %d", len(r.Restarts))
	for _, s := range r.Restarts {
		felt := fmt.Sprintf("ingest logged %d warnings meanwhile", s.Warnings)
		if s.Warnings == 0 {
			felt = "ingest logged nothing: it was not inserting or fetching, so this outage proved little"
		}
		p("  %s; %s", s, felt)
	}
	p("unexpected ingest exits: %d", len(r.UnexpectedExits))
	p("caught up:  %v after producing and the last fault (lag at end %d)", r.CatchUp.Round(time.Second), r.LagAtEnd)
	if !r.checked {
		p("checks:     not run")
		r.writeVerdict(p)
		return writeString(w, b.String())
	}
	p("utterances: visible (FINAL) %d of %d valid: visible duplicates %d, missing %d, extra %d",
		r.UtterancesFinal.Rows, r.ValidUtterances, r.UtterancesFinal.Duplicates, r.UtterancesFinal.Missing, r.UtterancesFinal.Extra)
	p("            raw duplicates (expected): %d rows inserted more than once; %d raw rows left after merges (%d still duplicate)",
		r.InsertedUtterances-r.ValidUtterances, r.RawUtterances, r.RawUtterances-r.UtterancesFinal.Rows)
	p("conversations: visible (FINAL) %d of %d valid; %d rows inserted more than once; %d raw rows left after merges",
		r.ConversationsFinal.Rows, r.ValidConversations, r.InsertedConversations-r.ValidConversations, r.RawConversations)
	for _, c := range []TableCheck{r.UtterancesFinal, r.UtterancesArgMax, r.ConversationsFinal, r.ConversationsArgMax} {
		p("  %s", c)
	}
	for _, s := range r.NotClosed[:min(len(r.NotClosed), sampleSize)] {
		p("  not closed: %s", s)
	}
	p("DLQ:        found %d of %d malformed (%d entries); missing %d, unexpected %d, wrong class %d, changed bytes %d, wrong source %d",
		r.DLQ.Found, r.DLQ.Expected, r.DLQ.Entries, r.DLQ.Missing, r.DLQ.Unexpected, r.DLQ.WrongClass, r.DLQ.NotOriginal, r.DLQ.WrongSource)
	for _, s := range r.DLQ.Samples {
		p("  %s", s)
	}
	if len(r.IngestLog) > 0 {
		p("ingest warnings and errors (count, level, message):")
		keys := make([]string, 0, len(r.IngestLog))
		for k := range r.IngestLog {
			keys = append(keys, k)
		}
		slices.SortFunc(keys, func(a, b string) int { return cmp.Or(cmp.Compare(r.IngestLog[b], r.IngestLog[a]), cmp.Compare(a, b)) })
		for _, k := range keys[:min(len(keys), 15)] {
			p("  %6d  %s", r.IngestLog[k], k)
		}
	}
	r.writeVerdict(p)
	return writeString(w, b.String())
}

func (r *Report) writeVerdict(p func(string, ...any)) {
	p("elapsed:    %v", r.Elapsed.Round(time.Second))
	if r.Passed() {
		p("PASS")
		return
	}
	for _, s := range r.Problems {
		p("PROBLEM: %s", s)
	}
	p("FAIL")
}

func writeString(w io.Writer, s string) (int64, error) {
	n, err := io.WriteString(w, s)
	return int64(n), err
}

// countWarnings counts the WARN and ERROR lines logged in [from, to].
func countWarnings(paths []string, from, to time.Time) int {
	n := 0
	eachLogLine(paths, func(l logLine) {
		if l.Level != "WARN" && l.Level != "ERROR" {
			return
		}
		if t, err := time.Parse(time.RFC3339Nano, l.Time); err == nil && !t.Before(from) && !t.After(to) {
			n++
		}
	})
	return n
}

// logLine is what the checks read from one JSON line of an ingest log.
type logLine struct {
	Time, Level, Msg string
}

// eachLogLine calls f with every JSON line of the logs; other lines (the
// harness's own markers, a panic's trace) are skipped.
func eachLogLine(paths []string, f func(logLine)) {
	for _, path := range paths {
		file, err := os.Open(path)
		if err != nil {
			continue
		}
		sc := bufio.NewScanner(file)
		sc.Buffer(make([]byte, 64<<10), 4<<20)
		for sc.Scan() {
			var l logLine
			if json.Unmarshal(sc.Bytes(), &l) == nil {
				f(l)
			}
		}
		_ = file.Close()
	}
}

// countLogLevels tallies the WARN and ERROR lines of the ingest logs (JSON,
// one object a line) by level and message.
func countLogLevels(paths []string) map[string]int {
	out := map[string]int{}
	eachLogLine(paths, func(l logLine) {
		if l.Level != "WARN" && l.Level != "ERROR" {
			return
		}
		msg := l.Msg
		// kafka-go's messages carry addresses and numbers: keep the gist.
		if r := []rune(msg); len(r) > 90 {
			msg = string(r[:90]) + "…"
		}
		out[l.Level+"  "+msg]++
	})
	return out
}
