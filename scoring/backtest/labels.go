package backtest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
)

// Labels are human verdicts: conversation id → rule id → whether the
// conversation breached the rule.
type Labels map[string]map[string]bool

func (l Labels) set(conv, rule string, violated bool) {
	m := l[conv]
	if m == nil {
		m = map[string]bool{}
		l[conv] = m
	}
	m[rule] = violated
}

// labelLine is one line of a labels file, in either of its two forms.
type labelLine struct {
	ConversationID string `json:"conversation_id"`
	// One verdict: {"conversation_id", "rule_id", "violation": true}.
	RuleID    string `json:"rule_id"`
	Violation *bool  `json:"violation"`
	// A generator truth line (convqa gen --truth): the rules it broke;
	// every rule of Covers not listed is a "no".
	Violations []struct {
		ID string `json:"id"`
	} `json:"violations"`
}

// ReadLabels reads a JSONL labels file. Each line is either one verdict,
// {"conversation_id": "c1", "rule_id": "forbidden_promise", "violation": true},
// or a line of the generator's truth file, whose "violations" list the
// rules the conversation broke; for truth lines, every rule in covers that
// is not listed counts as not broken. name is used in errors.
func ReadLabels(r io.Reader, name string, covers []string) (Labels, error) {
	l := Labels{}
	err := eachLine(r, name, 16<<20, func(line int, b []byte) error {
		var ll labelLine
		dec := json.NewDecoder(bytes.NewReader(b))
		if err := dec.Decode(&ll); err != nil {
			return fmt.Errorf("%s:%d: not a JSON object: %v (want {\"conversation_id\", \"rule_id\", \"violation\"} or a generator truth line)", name, line, err)
		}
		if ll.ConversationID == "" {
			return fmt.Errorf("%s:%d: conversation_id is missing or empty", name, line)
		}
		switch {
		case ll.RuleID != "":
			if ll.Violation == nil {
				return fmt.Errorf("%s:%d: rule_id %q without violation (want true or false)", name, line, ll.RuleID)
			}
			l.set(ll.ConversationID, ll.RuleID, *ll.Violation)
		case ll.Violations != nil:
			for _, id := range covers {
				l.set(ll.ConversationID, id, false)
			}
			for _, v := range ll.Violations {
				l.set(ll.ConversationID, v.ID, true)
			}
		default:
			return fmt.Errorf("%s:%d: neither rule_id with violation nor a violations list", name, line)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return l, nil
}

// ReviewLabels reads the reviewers' verdicts on rule hits of one tenant
// from the reviews table: "agree" with a hit means the conversation
// breached the rule, "disagree" that it did not. Retracted reviews and
// superseded versions are left out; when reviewers disagree with each
// other about one rule on one conversation, the latest review wins.
func ReviewLabels(ctx context.Context, conn driver.Conn, tenant string, since time.Time) (Labels, error) {
	const q = `
SELECT conversation_id, rule_id, verdict FROM (
    SELECT conversation_id, review_id,
           argMax(rule_id, version) AS rule_id,
           argMax(verdict, version) AS verdict,
           argMax(deleted, version) AS deleted,
           argMax(updated_at, version) AS updated
    FROM reviews
    WHERE tenant = ? AND target = 'rule_hit' AND started_at >= ?
    GROUP BY conversation_id, review_id
)
WHERE deleted = 0 AND verdict IN ('agree', 'disagree')
ORDER BY updated`
	rows, err := conn.Query(ctx, q, tenant, since.UTC())
	if err != nil {
		return nil, fmt.Errorf("read reviews of tenant %q: %w", tenant, err)
	}
	defer rows.Close()
	l := Labels{}
	for rows.Next() {
		var conv, rule, verdict string
		if err := rows.Scan(&conv, &rule, &verdict); err != nil {
			return nil, fmt.Errorf("read reviews of tenant %q: %w", tenant, err)
		}
		l.set(conv, rule, verdict == "agree")
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read reviews of tenant %q: %w", tenant, err)
	}
	return l, nil
}

// eachLine calls fn with every non-blank line of r, trimmed, and its
// 1-based number, stopping at fn's first error; lines may be up to max
// bytes. A read error names name and the line it stopped at.
func eachLine(r io.Reader, name string, max int, fn func(line int, b []byte) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), max)
	line := 0
	for sc.Scan() {
		line++
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		if err := fn(line, b); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s:%d: %w", name, line+1, err)
	}
	return nil
}
