package synth

import (
	"fmt"
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/convqa/convqa/internal/transcript"
)

// conv is one conversation being written. It is reset and reused for every
// conversation of a run, so building one allocates little.
type conv struct {
	g       *Generator
	r       *rng
	lang    langID
	mixed   bool
	asr     bool
	fullW   bool
	book    *phrasebook
	channel transcript.Channel
	tenant  string
	intent  Intent
	second  Intent
	product *Product
	batch   string
	agent   agentInfo
	spike   *spikePlan
	start   time.Time

	clock int64 // ms from the start where the next utterance may begin
	utts  []transcript.Utterance
	truth Truth

	slots   [numSlots]string
	slotSet [numSlots]bool

	// The utterance being written.
	buf     strings.Builder
	runes   int
	speaker transcript.Speaker

	mood       mood
	orderGiven bool // the customer has sent the order number
	frustrated bool
	humanAsked bool
	humanOK    bool
	threatened bool
}

// slotKind tells what a slot's value is for the ground truth.
func slotKind(s slotID) (typ string, pii bool) {
	switch s {
	case slotPhone:
		return PIIPhone, true
	case slotEmail:
		return PIIEmail, true
	case slotCard:
		return PIIBankCard, true
	case slotIDNum:
		return PIICNID, true // the caller swaps in tw_id for Taiwan ids
	case slotAddress:
		return PIIAddress, true
	case slotCustomer:
		return PIIPersonName, true
	case slotOrder:
		return LookOrderNumber, false
	case slotTracking:
		return LookTrackingNumber, false
	case slotPrice:
		return LookPrice, false
	case slotDate, slotExpiry:
		return LookDate, false
	case slotBatch:
		return LookBatch, false
	}
	return "", false
}

// keepsASCII lists the slots whose values stay as written when a
// conversation uses full-width digits: names, not numbers.
func keepsASCII(s slotID) bool {
	switch s {
	case slotProduct, slotAgent, slotShop, slotCourier, slotCity, slotCoupon, slotSpikeWord, slotCustomer, slotEmail:
		return true
	}
	return false
}

// slot returns the conversation's value of s, drawing it on first use.
func (c *conv) slot(s slotID) string {
	if c.slotSet[s] {
		return c.slots[s]
	}
	r, lang := c.r, c.lang
	var v string
	switch s {
	case slotProduct:
		v = c.product.name(lang, c.mixed)
	case slotOrder:
		v = orderNumber(r, lang)
	case slotTracking:
		v = trackingNumber(r, lang)
	case slotDate:
		y, m, d := batchDate(c.batch)
		v = date(r, lang, y, m, d)
	case slotExpiry:
		y, m, d := batchDate(c.batch)
		e := time.Date(y, time.Month(m)+time.Month(c.shelfMonths()), d, 0, 0, 0, 0, time.UTC)
		v = date(r, lang, e.Year(), int(e.Month()), e.Day())
	case slotPrice:
		v = price(r, lang, c.product.Price*(0.5+r.float()))
	case slotBatch:
		v = c.batch
	case slotPhone:
		v = phone(r, lang)
	case slotEmail:
		v = email(r, lang)
	case slotCard:
		v = bankCard(r)
	case slotIDNum:
		if lang == langHant {
			v = twID(r)
		} else {
			v = cnID(r)
		}
	case slotAddress:
		v = address(r, lang)
	case slotLast4:
		d := onlyDigits(c.slot(slotCard))
		v = d[len(d)-4:]
	case slotIDLast4:
		id := []rune(c.slot(slotIDNum))
		v = string(id[len(id)-4:])
	case slotAgent:
		v = c.agent.name
	case slotShop:
		v = shopName(c.tenant, lang)
	case slotCourier:
		v = pick(r, couriers[lang])
	case slotCity:
		v = pick(r, cities[lang])
	case slotDays:
		v = fmt.Sprint(r.between(2, 7))
	case slotHours:
		v = fmt.Sprint(r.between(12, 18))
	case slotN:
		v = fmt.Sprint(r.between(1, 30))
	case slotShelf:
		v = shelfText(lang, c.shelfMonths())
	case slotCoupon:
		v = pick(r, coupons[lang])
	case slotSpikeWord:
		v = pick(r, spikeFallback[lang])
		if c.spike != nil && len(c.spike.phrases[lang]) > 0 {
			v = pick(r, c.spike.phrases[lang])
		}
	case slotCustomer:
		v = pick(r, customerNames[lang])
	case slotWorkNo:
		v = fmt.Sprint(r.between(1000, 9999))
	}
	if c.fullW && !keepsASCII(s) {
		v = fullWidth(v)
	}
	c.slots[s], c.slotSet[s] = v, true
	return v
}

var spikeFallback = [numLangs][]string{{"有问题"}, {"有問題"}, {"faulty"}}

func (c *conv) shelfMonths() int {
	if c.product.ShelfLifeMonths > 0 {
		return c.product.ShelfLifeMonths
	}
	return 12
}

func shelfText(lang langID, months int) string {
	switch lang {
	case langHant:
		return fmt.Sprintf("%d個月", months)
	case langEn:
		return fmt.Sprintf("%d months", months)
	}
	return fmt.Sprintf("%d个月", months)
}

// batchDate reads the production date a batch code carries (B20250314-02).
func batchDate(batch string) (y, m, d int) {
	if _, err := fmt.Sscanf(batch, "B%04d%02d%02d", &y, &m, &d); err != nil || m < 1 || d < 1 {
		return 2025, 3, 1
	}
	return y, m, d
}

func onlyDigits(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r >= '０' && r <= '９':
			b.WriteRune(r - '０' + '0')
		}
	}
	return b.String()
}

// begin starts an utterance.
func (c *conv) begin(sp transcript.Speaker) {
	c.buf.Reset()
	c.runes = 0
	c.speaker = sp
}

// lit appends literal text.
func (c *conv) lit(s string) {
	c.buf.WriteString(s)
	c.runes += utf8.RuneCountInString(s)
}

// join separates two sentences written into one utterance the way the
// language does: nothing after Chinese punctuation, a full-width comma
// otherwise; a space (and a full stop if missing) in English; a space in
// speech-recognition output, which has no punctuation.
func (c *conv) join() {
	last, _ := utf8.DecodeLastRuneInString(c.buf.String())
	switch {
	case c.buf.Len() == 0:
	case c.asr:
		c.lit(" ")
	case c.lang == langEn && strings.ContainsRune(".!?,:;)", last):
		c.lit(" ")
	case c.lang == langEn:
		c.lit(". ")
	case strings.ContainsRune("，。！？、；：～…!?,.~)😊👍😡😭🙄😤", last):
	default:
		c.lit("，")
	}
}

// suffix appends an emotion mark: punctuation and emoji as they come, a
// clause (written with its leading comma) without the comma when the text
// already ends a sentence.
func (c *conv) suffix(key string) {
	t := c.book.get(c.r, key, varPlain)
	last, _ := utf8.DecodeLastRuneInString(c.buf.String())
	if len(t.nodes) > 0 && t.nodes[0].lit != "" && strings.ContainsRune("。！？!?.", last) {
		if l := strings.TrimLeft(t.nodes[0].lit, "，,. "); l != t.nodes[0].lit {
			if c.lang == langEn {
				l = " " + strings.ToUpper(l[:1]) + l[1:]
			}
			c.lit(l)
			t = template{nodes: t.nodes[1:]}
		}
	}
	c.render(t)
}

// put appends one template of key in the conversation's variant.
func (c *conv) put(key string) {
	v := varPlain
	switch {
	case c.asr && c.speaker != transcript.SpeakerSystem:
		v = varASR
	case c.channel == transcript.ChannelVoice:
		v = varSpoken
	case c.mixed && c.r.chance(0.5):
		v = varMixed
	}
	c.render(c.book.get(c.r, key, v))
}

func (c *conv) render(t template) {
	for _, n := range t.nodes {
		switch {
		case n.choices != nil:
			c.render(n.choices[c.r.intn(len(n.choices))])
		case n.slot != slotNone:
			v := c.slot(n.slot)
			if typ, pii := slotKind(n.slot); typ != "" {
				if n.slot == slotIDNum && c.lang == langHant {
					typ = PIITWID
				}
				sp := Span{Seq: len(c.utts) + 1, Type: typ, Start: c.runes, End: c.runes + utf8.RuneCountInString(v), Text: v}
				if pii {
					c.truth.PII = append(c.truth.PII, sp)
				} else {
					c.truth.Lookalikes = append(c.truth.Lookalikes, sp)
				}
			}
			c.lit(v)
		default:
			c.buf.WriteString(n.lit)
			c.runes += n.runes
		}
	}
}

// end finishes the utterance: it starts gap ms after the previous one ended
// and, on voice, lasts as long as it takes to say. It returns its seq.
func (c *conv) end(gap int64) int {
	text := c.buf.String()
	start := c.clock + gap
	stop := start
	if c.channel == transcript.ChannelVoice {
		perRune := 230.0
		if c.lang == langEn {
			perRune = 65
		}
		stop = start + int64(float64(c.runes)*perRune*(0.8+0.4*c.r.float())) + 300
	}
	seq := len(c.utts) + 1
	c.utts = append(c.utts, transcript.Utterance{Seq: seq, Speaker: c.speaker, Text: text, StartMS: start, EndMS: stop})
	c.clock = stop
	return seq
}

// say is begin, put and end for a one-template utterance.
func (c *conv) say(sp transcript.Speaker, key string, gap int64) int {
	c.begin(sp)
	c.put(key)
	return c.end(gap)
}

func (c *conv) violate(rule string, seq int) {
	c.truth.Violations = append(c.truth.Violations, Hit{ID: rule, Seq: seq})
}

func (c *conv) tempt(id string, seq int) {
	c.truth.Tempting = append(c.truth.Tempting, Hit{ID: id, Seq: seq})
}

// breaks decides whether this conversation breaks rule at a point where it
// can: the scenario's chance scaled by the agent's skill.
func (c *conv) breaks(rule string) bool {
	return c.r.chance(math.Min(0.95, c.g.plan.violation[rule]*c.agent.factor))
}

// customer writes one customer utterance in the current mood, adding the
// marks of strong emotion, and labels it.
func (c *conv) customer(key string, gap int64, m mood) int {
	c.mood = m
	c.begin(transcript.SpeakerCustomer)
	if c.asr && c.r.chance(0.3) {
		c.put(kCustFiller)
		c.join()
	}
	c.put(key)
	emotion, intensity, sentiment := c.label(m)
	// Calls are transcribed: no emoji, no "!!!".
	if c.channel != transcript.ChannelVoice {
		switch {
		case (emotion == "anger" || emotion == "frustration") && c.r.chance(intensity):
			c.suffix(kCustAngrySuffix)
		case emotion == "anxiety" && c.r.chance(intensity-0.2):
			c.suffix(kCustAnxiousSuffix)
		case emotion == "satisfaction" && c.r.chance(0.3):
			c.suffix(kCustHappySuffix)
		}
	}
	seq := c.end(gap)
	c.truth.CustomerTurns = append(c.truth.CustomerTurns, CustomerTurn{Seq: seq, Sentiment: sentiment, Emotion: emotion, Intensity: intensity})
	return seq
}

// label draws the emotion and its intensity for a customer turn.
func (c *conv) label(m mood) (emotion string, intensity float64, sentiment string) {
	round := func(x float64) float64 { return math.Round(x*100) / 100 }
	switch {
	case m == moodAngry && c.frustrated:
		return "frustration", round(0.6 + 0.35*c.r.float()), "negative"
	case m == moodAngry:
		return "anger", round(0.6 + 0.4*c.r.float()), "negative"
	case m == moodAnxious:
		return "anxiety", round(0.5 + 0.45*c.r.float()), "negative"
	case m == moodSatisfied:
		return "satisfaction", round(0.5 + 0.45*c.r.float()), "positive"
	}
	return "none", 0, "neutral"
}
