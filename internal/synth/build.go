package synth

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/convqa/convqa/internal/transcript"
)

// trajectory is how the customer's mood runs from the first turn to the
// last, before the agent's mistakes change it.
type trajectory struct {
	from, to mood
	weight   float64
}

var trajectories = []trajectory{
	{moodCalm, moodSatisfied, 0.22}, {moodCalm, moodCalm, 0.16},
	{moodAnxious, moodSatisfied, 0.14}, {moodAngry, moodSatisfied, 0.13},
	{moodCalm, moodAngry, 0.10}, {moodAngry, moodAngry, 0.13}, {moodAnxious, moodAnxious, 0.12},
}

var trajectoryW = func() []float64 {
	ws := make([]float64, len(trajectories))
	for i, t := range trajectories {
		ws[i] = t.weight
	}
	return ws
}()

var queues = map[Intent]string{
	IntentOrderStatus: "logistics", IntentLogistics: "logistics", IntentReturns: "aftersales",
	IntentQuality: "aftersales", IntentShelfLife: "aftersales", IntentBilling: "account",
	IntentAccount: "account", IntentPromotions: "presales",
}

// build writes conversation number idx, starting at t, into c.
func (g *Generator) build(c *conv, idx int, t time.Time) {
	r := c.r
	r.reseed(g.seed, uint64(idx)+1)
	*c = conv{g: g, r: r, utts: c.utts[:0], start: t}
	c.buf.Reset()
	p := g.plan

	ti := 0
	if len(p.tenants) > 1 {
		ti = r.weighted(p.tenantW)
	}
	c.tenant = p.tenants[ti]
	switch r.weighted(p.langW) {
	case 0:
		c.lang = langHans
	case 1:
		c.lang = langHant
	case 2:
		c.lang = langEn
	default:
		c.lang, c.mixed = langHans, true
		if r.chance(0.25) {
			c.lang = langHant
		}
	}
	c.book = g.books[c.lang]
	c.channel = transcript.Channel(channelKeys[r.weighted(p.channelW)])
	c.intent = allIntents[r.weighted(p.intentW)]
	c.product = g.cat.draw(r, c.intent)
	// Spikes force topic and product for a share of the window's traffic.
	for i := range p.spikes {
		sp := &p.spikes[i]
		if sp.tenant == c.tenant && !t.Before(sp.start) && t.Before(sp.end) && r.chance(sp.pExtra) {
			c.spike, c.intent = sp, sp.topic
			if sp.sku != "" {
				c.product = &g.cat.products[g.cat.bySKU[sp.sku]]
			} else {
				c.product = g.cat.draw(r, c.intent)
			}
			break
		}
	}
	c.batch = pick(r, g.cat.batches[g.cat.bySKU[c.product.SKU]])
	if c.spike != nil && c.spike.batch != "" {
		c.batch = c.spike.batch
	}
	if r.chance(p.secondary) {
		if c.second = allIntents[r.weighted(p.intentW)]; c.second == c.intent {
			c.second = ""
		}
	}
	c.fullW = c.lang == langHant && r.chance(0.2)
	c.asr = c.channel == transcript.ChannelVoice && r.chance(0.6)
	pool := g.agents[ti][c.lang]
	c.agent = pick(r, pool)
	tr := trajectories[r.weighted(trajectoryW)]
	c.mood = tr.from

	c.truth = Truth{
		Tenant: c.tenant, Language: c.lang.String(), DeclaredLanguage: c.lang.String(),
		Mixed: c.mixed, FullWidth: c.fullW, Channel: string(c.channel),
		AgentKind: "human", AgentID: c.agent.id, AgentQuality: c.agent.quality,
		Intent: string(c.intent), SKU: c.product.SKU, Category: c.product.Category, Batch: c.batch,
		Violations: []Hit{}, Tempting: []Hit{}, PII: []Span{}, Lookalikes: []Span{},
	}
	if c.mixed && r.chance(0.5) {
		c.truth.DeclaredLanguage = string(transcript.LangAuto)
	}
	c.truth.Topics = []string{string(c.intent)}
	if c.second != "" {
		c.truth.Topics = append(c.truth.Topics, string(c.second))
	}
	if c.spike != nil {
		c.truth.Spike = c.spike.ID
	}
	if pr := p.promotion(t); pr != nil {
		c.truth.PromotionDay = pr.name
	}

	switch c.channel {
	case transcript.ChannelBot:
		human := pick(r, pool)
		c.agent = bots[c.lang]
		c.agent.factor = 1
		c.truth.AgentID, c.truth.AgentQuality = c.agent.id, c.agent.quality
		c.botFlow(tr.to, human)
	case transcript.ChannelEmail:
		c.emailFlow(tr.to)
	default:
		c.humanFlow(tr.to, false, false)
	}
	c.finish()
}

func label(score float64) string {
	switch {
	case score < -0.2:
		return "negative"
	case score > 0.2:
		return "positive"
	}
	return "neutral"
}

// finish derives the conversation-level labels from the turns.
func (c *conv) finish() {
	tr := &c.truth
	last := c.utts[len(c.utts)-1]
	tr.StartedAt = c.start
	tr.EndedAt = c.start.Add(time.Duration(last.EndMS) * time.Millisecond)
	slices.SortStableFunc(tr.Violations, func(a, b Hit) int { return cmp.Compare(a.Seq, b.Seq) })
	slices.SortStableFunc(tr.Tempting, func(a, b Hit) int { return cmp.Compare(a.Seq, b.Seq) })
	var sum float64
	var peak float64
	e := &tr.Emotion
	for _, t := range tr.CustomerTurns {
		switch t.Sentiment {
		case "negative":
			sum--
		case "positive":
			sum++
		}
		var lvl *float64
		switch t.Emotion {
		case "anger":
			lvl = &e.Anger
		case "anxiety":
			lvl = &e.Anxiety
		case "frustration":
			lvl = &e.Frustration
		case "satisfaction":
			lvl = &e.Satisfaction
		default:
			continue
		}
		*lvl = math.Max(*lvl, t.Intensity)
		if t.Emotion != "satisfaction" && t.Intensity > peak {
			peak, e.Peak, e.PeakSeq = t.Intensity, t.Emotion, t.Seq
		}
	}
	n := len(tr.CustomerTurns)
	if n > 0 {
		tr.Sentiment = label(sum / float64(n))
		first, lastT := tr.CustomerTurns[0], tr.CustomerTurns[n-1]
		tr.SentimentStart, tr.SentimentEnd = first.Sentiment, lastT.Sentiment
		tr.Trajectory = feeling(first) + "_to_" + feeling(lastT)
	}
	tr.Escalation = c.threatened || (c.humanAsked && !c.humanOK) || e.Anxiety >= 0.8 || e.Anger >= 0.9
	if c.r.chance(0.4) {
		switch tr.SentimentEnd {
		case "positive":
			tr.CSAT = c.r.between(4, 5)
		case "negative":
			tr.CSAT = c.r.between(1, 2)
		default:
			tr.CSAT = c.r.between(3, 4)
		}
	}
}

func feeling(t CustomerTurn) string {
	if t.Emotion == "none" {
		return "calm"
	}
	return t.Emotion
}

// disposition says how the conversation ended, as a contact centre records it.
func (c *conv) disposition() string {
	switch {
	case c.threatened:
		return "escalated"
	case c.humanAsked && c.humanOK && c.truth.AgentKind == "human":
		return "transferred"
	case c.truth.AgentKind == "bot" && c.frustrated:
		return "abandoned"
	case c.truth.AgentKind == "bot":
		return "bot_resolved"
	case c.truth.SentimentEnd == "negative":
		return "unresolved"
	}
	return "resolved"
}

// message turns the conversation into its contract-v1 message.
func (c *conv) message(id string) transcript.Message {
	tr := &c.truth
	started, ended := tr.StartedAt, tr.EndedAt
	lang := transcript.Language(tr.DeclaredLanguage)
	m := transcript.Message{
		Schema: transcript.SchemaV1, Kind: transcript.KindConversation, ConversationID: id,
		Tenant: c.tenant, Channel: c.channel, Language: lang,
		StartedAt: &started, EndedAt: &ended, SentAt: &ended,
		Agent:    &transcript.Agent{ID: c.agent.id, Name: c.agent.name, Team: c.agent.team},
		Customer: &transcript.Customer{ID: fmt.Sprintf("U%08d", c.r.intn(50000)*7919%100000000)},
		Product:  &transcript.Product{SKU: c.product.SKU, Name: c.product.name(c.lang, false), Category: c.product.Category, Batch: c.batch},
		Queue:    queues[c.intent], Disposition: c.disposition(), CSAT: tr.CSAT,
		Utterances: c.utts,
		Metadata: map[string]string{
			"source":   "convqa-synth",
			"platform": pick(c.r, []string{"app", "web", "mini_program"}),
			"region":   pick(c.r, regions[c.lang]),
		},
	}
	return m
}
