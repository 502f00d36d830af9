package qa

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/convqa/convqa/internal/textnorm"
	"github.com/convqa/convqa/internal/transcript"
	"github.com/convqa/convqa/scoring/rules"
	"github.com/convqa/convqa/scoring/rules/pack"
	"github.com/convqa/convqa/scoring/scorecard"
	"github.com/convqa/convqa/scoring/sentiment"
)

// Semantics names the scoring code's own behaviour: how outcomes become a
// grade, what a Result holds. Bump it whenever a change to this package,
// the scorecard engine or the rule engine changes what the same inputs
// score, so that Version changes and history is re-scored.
const Semantics = "qa-1"

// ErrUnscorable marks a message that cannot be scored (not a whole
// conversation, or no utterances): a mistake of the input, never worth
// retrying. Test for it with errors.Is.
var ErrUnscorable = errors.New("message cannot be scored")

// Options configure an Engine. Rules, Scorecard and Sentiment are required.
type Options struct {
	// Rules are the compliance rules evaluated on every conversation.
	Rules *rules.Set
	// Scorecard grades the rules' outcomes. New checks that every rule it
	// names is in Rules.
	Scorecard *scorecard.Scorecard
	// Sentiment scores sentiment and emotion; build it with sentiment.New
	// (the shipped lexicons, and optionally a trained model).
	Sentiment *sentiment.Scorer
	// Conversation configures the conversation-level sentiment analysis
	// (escalation thresholds). Zero fields take the defaults of
	// sentiment.DefaultConversationOptions.
	Conversation sentiment.ConversationOptions
	// Clock gives Result.ScoredAt. Default: time.Now().UTC().
	Clock func() time.Time
}

// Engine is the full scorer: rules, scorecard and sentiment. It is
// immutable and safe for concurrent use.
type Engine struct {
	// norm normalizes each utterance once for the rules and sentiment,
	// when the two normalize alike; nil: each normalizes its own.
	norm     *textnorm.Normalizer
	texts    sync.Pool // *[]textnorm.Text, for norm
	rules    *rules.Set
	card     *scorecard.Scorecard
	sent     *sentiment.Scorer
	conv     sentiment.ConversationOptions
	clock    func() time.Time
	versions Versions
	version  string
	warnings []string
	// ids are the rules' ids in set order, rank[i] the place of ids[i]
	// in id order: for sorting hits.
	ids  []string
	rank []int32
}

// ruleRanks returns the rules' ids and each one's place in id order.
func ruleRanks(infos []rules.RuleInfo) ([]string, []int32) {
	ids := make([]string, len(infos))
	order := make([]int, len(infos))
	for i, r := range infos {
		ids[i], order[i] = r.ID, i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(ids[a], ids[b]) })
	rank := make([]int32, len(infos))
	for k, i := range order {
		rank[i] = int32(k)
	}
	return ids, rank
}

// Versions are what Engine.Version hashes, kept in every Result so that a
// score can be traced to the exact rules, scorecard and model.
type Versions struct {
	Rules     string `json:"rules"`
	Scorecard string `json:"scorecard"`
	Sentiment string `json:"sentiment"`
	Semantics string `json:"semantics"`
}

var _ Scorer = (*Engine)(nil)

// New builds an Engine, checking the scorecard against the rule set.
func New(opts Options) (*Engine, error) {
	switch {
	case opts.Rules == nil:
		return nil, errors.New("qa: Options.Rules is nil (allowed: a rule set from rules.LoadFS, rules.LoadFiles or pack.Rules)")
	case opts.Scorecard == nil:
		return nil, errors.New("qa: Options.Scorecard is nil (allowed: a scorecard from scorecard.Load or scorecard.LoadFS)")
	case opts.Sentiment == nil:
		return nil, errors.New("qa: Options.Sentiment is nil (allowed: a scorer from sentiment.New)")
	}
	conv := opts.Conversation
	def := sentiment.DefaultConversationOptions()
	if conv.AngerThreshold == 0 {
		conv.AngerThreshold = def.AngerThreshold
	}
	if conv.AnxietyThreshold == 0 {
		conv.AnxietyThreshold = def.AnxietyThreshold
	}
	switch {
	case conv.HumanRequests == 0:
		conv.HumanRequests = def.HumanRequests
	case conv.HumanRequests < 0:
		conv.HumanRequests = -1 // every negative turns the rule off: one version for all
	}
	if err := conv.Validate(); err != nil {
		return nil, fmt.Errorf("qa: Options.Conversation: %w", err)
	}
	criteria := map[string]string{}
	infos := opts.Rules.Rules()
	for _, r := range infos {
		criteria[r.ID] = r.Criterion
	}
	notes, err := opts.Scorecard.Check(criteria)
	if err != nil {
		return nil, fmt.Errorf("qa: scorecard %s does not match the rule set %s:\n%w",
			opts.Scorecard.ID(), opts.Rules.Version(), err)
	}
	e := &Engine{rules: opts.Rules, card: opts.Scorecard, sent: opts.Sentiment, conv: conv,
		clock: opts.Clock, warnings: notes}
	if e.clock == nil {
		e.clock = func() time.Time { return time.Now().UTC() }
	}
	if rn := opts.Rules.Normalizer(); rn.Options() == opts.Sentiment.Normalizer().Options() {
		e.norm = rn
	}
	e.ids, e.rank = ruleRanks(infos)
	e.versions = Versions{Rules: opts.Rules.Version(), Scorecard: opts.Scorecard.Version(),
		Sentiment: opts.Sentiment.Version(), Semantics: Semantics}
	e.version = version(e.versions, conv)
	return e, nil
}

// Default builds the Engine of the shipped defaults: the embedded rule
// pack, the pack's scorecard, and the shipped sentiment lexicons. It takes
// some tens of milliseconds; build one per process.
func Default() (*Engine, error) {
	set, err := pack.Rules()
	if err != nil {
		return nil, fmt.Errorf("qa: load the default rule pack: %w", err)
	}
	card, err := scorecard.LoadFS(pack.FS, pack.ScorecardFile)
	if err != nil {
		return nil, fmt.Errorf("qa: load the default scorecard: %w", err)
	}
	sent, err := sentiment.New(sentiment.Options{})
	if err != nil {
		return nil, fmt.Errorf("qa: build the sentiment scorer: %w", err)
	}
	return New(Options{Rules: set, Scorecard: card, Sentiment: sent})
}

// version hashes everything that decides a score. The conversation
// options are in it because they decide the escalation flag.
func version(v Versions, conv sentiment.ConversationOptions) string {
	h := sha256.New()
	fmt.Fprintf(h, "semantics %s\nrules %s\nscorecard %s\nsentiment %s\nconversation %v %v %d\n",
		v.Semantics, v.Rules, v.Scorecard, v.Sentiment, conv.AngerThreshold, conv.AnxietyThreshold, conv.HumanRequests)
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// Version is 16 hex digits of a hash of the rule set's, scorecard's and
// sentiment model's versions, the conversation options and Semantics.
// The same inputs give the same version, in any process; any change gives
// another.
func (e *Engine) Version() string { return e.version }

// Versions returns the parts Version hashes.
func (e *Engine) Versions() Versions { return e.versions }

// Warnings are the scorecard's disagreements with the rule set that New
// accepted (see scorecard.Check): rules whose criterion the scorecard
// does not grade them under. Callers log them.
func (e *Engine) Warnings() []string { return slices.Clone(e.warnings) }

// Parts are what the engine scores with, for callers that time or run a
// stage alone (the scoring benchmark).
func (e *Engine) Parts() (*rules.Set, *scorecard.Scorecard, *sentiment.Scorer, sentiment.ConversationOptions) {
	return e.rules, e.card, e.sent, e.conv
}

// Score grades one closed conversation: the rules' outcomes and their
// evidence, the scorecard, and sentiment and emotion. It reads the
// utterance text as given: callers holding raw text redact it first (as
// ScoreJSONL does), so that evidence never carries personal data. Bots are
// scored like human agents, on the same scorecard.
func (e *Engine) Score(m *transcript.Message) (*Result, error) {
	res := new(Result)
	if err := e.ScoreInto(res, m); err != nil {
		return nil, err
	}
	return res, nil
}

// ScoreInto is Score for a caller that scores conversation after
// conversation and keeps their memory: it overwrites *res with m's
// result, reusing the slices and map res holds from an earlier
// ScoreInto; the result is the one Score gives. Nothing of the earlier
// result survives, and nothing of the new one is shared with any other
// Result: a caller reuses res only once it is done with what res held.
// On error *res is left as it was.
func (e *Engine) ScoreInto(res *Result, m *transcript.Message) error {
	if err := scorable(m); err != nil {
		return err
	}
	buf := e.normalize(m)
	defer e.putTexts(buf)
	var texts []textnorm.Text
	if buf != nil {
		texts = *buf
	}
	outs, hitBuf := e.rules.AppendEvaluateNormalizedHits(slices.Grow(res.Outcomes[:0], e.rules.Len()), res.hitBuf, m, texts)
	if outs == nil {
		outs = []rules.Outcome{}
	}
	*res = Result{
		Tenant:         m.Tenant,
		ConversationID: m.ConversationID,
		ScorerVersion:  e.version,
		Versions:       e.versions,
		ScoredAt:       e.clock(),
		Scorecard:      res.Scorecard,
		Outcomes:       outs,
		Hits:           e.flatten(res.Hits[:0], outs),
		Sentiment:      res.Sentiment,
		hitBuf:         hitBuf,
	}
	e.card.GradeInto(&res.Scorecard, outs)
	e.sent.AnalyzeConversationInto(&res.Sentiment, m.Utterances, texts, e.conv)
	for i := range res.Hits {
		if res.Hits[i].Violation {
			res.Violations++
		}
	}
	return nil
}

// normalize returns m's utterances normalized once for both the rules
// and sentiment, in a pooled buffer that putTexts gives back once Score
// is done with it (no result holds on to the slice); nil when the two
// normalize differently, and each does its own.
func (e *Engine) normalize(m *transcript.Message) *[]textnorm.Text {
	if e.norm == nil {
		return nil
	}
	p, _ := e.texts.Get().(*[]textnorm.Text)
	if p == nil {
		p = new([]textnorm.Text)
	}
	texts := slices.Grow((*p)[:0], len(m.Utterances))[:len(m.Utterances)]
	for i := range m.Utterances {
		texts[i] = e.norm.Normalize(m.Utterances[i].Text)
	}
	*p = texts
	return p
}

func (e *Engine) putTexts(p *[]textnorm.Text) {
	if p != nil {
		clear(*p) // drop the texts before pooling
		e.texts.Put(p)
	}
}

// scorable refuses what Score cannot grade.
func scorable(m *transcript.Message) error {
	switch {
	case m == nil:
		return fmt.Errorf("qa: %w: no message", ErrUnscorable)
	case m.Kind != transcript.KindConversation:
		return fmt.Errorf("qa: conversation %q: %w: kind is %q (allowed: kind %q, a whole transcript)",
			m.ConversationID, ErrUnscorable, m.Kind, transcript.KindConversation)
	case len(m.Utterances) == 0:
		return fmt.Errorf("qa: conversation %q: %w: it has no utterances (allowed: a conversation message with its utterances)",
			m.ConversationID, ErrUnscorable)
	}
	return nil
}

// flatten collects every outcome's hits in (seq, start, rule id) order;
// conversation-level findings (seq -1) come first. Ties keep rule-set
// order.
//
// It sorts small keys rather than the hits: a Hit is large, and moving
// its strings costs write barriers; and rule ids compare by their rank,
// known in advance for the engine's own rule order.
//
// The hits go into dst[:0], grown when too small; the result is never
// nil, so that a conversation without hits has [] of them.
func (e *Engine) flatten(dst []rules.Hit, outs []rules.Outcome) []rules.Hit {
	n := 0
	for i := range outs {
		n += len(outs[i].Hits)
	}
	rank := e.ranks(outs)
	if rank == nil {
		return flattenSlow(dst, outs, n)
	}
	type key struct {
		seq, start int
		rank, out  int32
		hit        int
	}
	var buf [64]key
	keys := buf[:0]
	if n > len(buf) {
		keys = make([]key, 0, n)
	}
	for i := range outs {
		for j := range outs[i].Hits {
			h := &outs[i].Hits[j]
			keys = append(keys, key{seq: h.Seq, start: h.Start, rank: rank[i], out: int32(i), hit: j})
		}
	}
	// (out, hit) is where a hit stands in the unsorted sequence: as the
	// last key, it makes the sort stable.
	slices.SortFunc(keys, func(a, b key) int {
		return cmp.Or(cmp.Compare(a.seq, b.seq), cmp.Compare(a.start, b.start), cmp.Compare(a.rank, b.rank),
			cmp.Compare(a.out, b.out), cmp.Compare(a.hit, b.hit))
	})
	hits := slices.Grow(dst[:0], max(n, 1))[:n]
	for k, kk := range keys {
		hits[k] = outs[kk.out].Hits[kk.hit]
	}
	return hits
}

// ranks returns, per outcome, the rank of its rule id among the engine's
// rules' ids, or nil when the outcomes are not the engine's rules in set
// order or a hit names another rule than its outcome.
func (e *Engine) ranks(outs []rules.Outcome) []int32 {
	if len(outs) != len(e.ids) {
		return nil
	}
	for i := range outs {
		if outs[i].RuleID != e.ids[i] {
			return nil
		}
		for j := range outs[i].Hits {
			if outs[i].Hits[j].RuleID != e.ids[i] {
				return nil
			}
		}
	}
	return e.rank
}

// flattenSlow is flatten for outcomes of any shape.
func flattenSlow(dst []rules.Hit, outs []rules.Outcome, n int) []rules.Hit {
	hits := slices.Grow(dst[:0], max(n, 1))
	for i := range outs {
		hits = append(hits, outs[i].Hits...)
	}
	slices.SortStableFunc(hits, func(a, b rules.Hit) int {
		return cmp.Or(cmp.Compare(a.Seq, b.Seq), cmp.Compare(a.Start, b.Start), cmp.Compare(a.RuleID, b.RuleID))
	})
	return hits
}
