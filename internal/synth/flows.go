package synth

import (
	"github.com/convqa/convqa/internal/transcript"
)

const (
	agentSp = transcript.SpeakerAgent
	botSp   = transcript.SpeakerBot
	sysSp   = transcript.SpeakerSystem
)

// Gaps between turns, in ms, by who answers and on which channel.
func (c *conv) gapReply() int64 {
	switch c.channel {
	case transcript.ChannelVoice:
		return int64(c.r.between(300, 1500))
	case transcript.ChannelEmail:
		return int64(c.r.between(2, 20)) * 3600_000
	}
	return int64(c.r.between(8, 45)) * 1000
}

func (c *conv) gapCustomer() int64 {
	switch c.channel {
	case transcript.ChannelVoice:
		return int64(c.r.between(200, 1200))
	case transcript.ChannelEmail:
		return int64(c.r.between(3, 30)) * 3600_000
	}
	return int64(c.r.between(5, 60)) * 1000
}

func (c *conv) gapNext() int64 {
	if c.channel == transcript.ChannelVoice {
		return int64(c.r.between(200, 600))
	}
	return int64(c.r.between(2, 8)) * 1000
}

func (c *conv) gapBot() int64 { return int64(c.r.between(800, 2500)) }

func upset(m mood) bool { return m == moodAnxious || m == moodAngry }

func needsOrder(in Intent) bool {
	switch in {
	case IntentAccount, IntentPromotions:
		return false
	}
	return true
}

// customerOpening writes the customer's first turn: a greeting now and
// then, the intent in the opening mood, and the spike's words.
func (c *conv) customerOpening(gap int64) int {
	c.begin(transcript.SpeakerCustomer)
	if c.r.chance(0.3) && c.channel != transcript.ChannelVoice {
		c.put(kCustHello)
		c.join()
	}
	c.put(keyOpen(c.intent, c.mood))
	if c.spike != nil && len(c.spike.phrases[c.lang]) > 0 {
		c.join()
		c.put(kCustSpike)
	}
	emotion, intensity, sentiment := c.label(c.mood)
	if c.channel != transcript.ChannelVoice && emotion == "anger" && c.r.chance(intensity) {
		c.suffix(kCustAngrySuffix)
	}
	seq := c.end(gap)
	c.truth.CustomerTurns = append(c.truth.CustomerTurns, CustomerTurn{Seq: seq, Sentiment: sentiment, Emotion: emotion, Intensity: intensity})
	return seq
}

// agentOpening writes the agent's first turn, greeting or not.
func (c *conv) agentOpening(gap int64) int {
	if c.breaks(RuleNoGreeting) {
		// One curt opening in five demands the order number: after a bot
		// took it, that is asking for it again too.
		again := c.g.plan.violation[RuleRepeatedOrderAsk] > 0
		if needsOrder(c.intent) && (!c.orderGiven || again) && c.r.chance(0.2) {
			seq := c.say(agentSp, kAgentCurtOrder, gap)
			c.violate(RuleNoGreeting, seq)
			if c.orderGiven {
				c.violate(RuleRepeatedOrderAsk, seq)
			}
			return seq
		}
		seq := c.say(agentSp, kAgentCurtOpen, gap)
		c.violate(RuleNoGreeting, seq)
		return seq
	}
	key := kAgentGreet
	if c.channel == transcript.ChannelVoice {
		key = kAgentGreetVoice
	}
	return c.say(agentSp, key, gap)
}

// humanFlow writes a conversation with a human agent on chat or voice, or
// the human part after a bot handed over (afterBot, orderGiven).
func (c *conv) humanFlow(endMood mood, afterBot, orderGiven bool) {
	voice := c.channel == transcript.ChannelVoice
	switch {
	case afterBot:
		c.agentOpening(c.gapNext())
	case voice:
		c.agentOpening(0)
		c.customerOpening(c.gapCustomer())
	default:
		c.customerOpening(0)
		if c.r.chance(0.3) {
			c.say(sysSp, kSystemConnect, int64(c.r.between(1, 10))*1000)
		}
		gap := c.gapReply()
		slow := c.breaks(RuleSlowFirstResponse)
		if slow {
			gap = int64(c.r.between(90, 600)) * 1000
		}
		seq := c.agentOpening(gap)
		if slow {
			c.violate(RuleSlowFirstResponse, seq)
		}
	}
	startMood := c.mood
	if needsOrder(c.intent) && !orderGiven && (c.intent != IntentShelfLife || c.r.chance(0.6)) {
		c.say(agentSp, kAgentAskOrder, c.gapReply())
		c.customer(kCustGiveOrder, c.gapCustomer(), c.mood)
		c.orderGiven = true
		if c.breaks(RuleRepeatedOrderAsk) {
			seq := c.say(agentSp, kAgentAskOrderMore, c.gapReply())
			c.violate(RuleRepeatedOrderAsk, seq)
			c.frustrated = true
			c.customer(kCustGiveOrderMore, c.gapCustomer(), moodAngry)
			if c.r.chance(0.6) {
				c.say(agentSp, kAgentAskOrderMore, c.gapReply())
				c.customer(kCustGiveOrderMore, c.gapCustomer(), moodAngry)
			}
		}
	}
	if c.intent == IntentAccount && c.r.chance(0.6) || c.intent == IntentBilling && c.r.chance(0.25) {
		c.accountDetails()
	}
	if c.r.chance(0.7) {
		c.customer(keyDetail(c.intent), c.gapCustomer(), c.mood)
	}
	if c.intent == IntentPromotions && c.r.chance(0.3) {
		c.tempt(TemptCouponExpiry, c.customer(kCustCoupon, c.gapCustomer(), c.mood))
	}
	pHuman := 0.03
	if c.mood == moodAngry {
		pHuman = 0.12
	}
	if !afterBot && c.r.chance(pHuman) {
		if c.askHuman(agentSp) {
			return // transferred: the next agent's conversation is another one
		}
	}
	if c.mood == moodAngry && c.r.chance(0.12) {
		c.tempt(TemptCustomerAbuse, c.customer(kCustAbuse, c.gapCustomer(), moodAngry))
	}
	c.paymentAndIdentity()
	c.resolution()
	if c.intent == IntentAccount && c.r.chance(0.35) {
		c.tempt(TemptCodeWarning, c.say(agentSp, kAgentCodeWarning, c.gapNext()))
	}
	if c.channel == transcript.ChannelChat && c.r.chance(0.03) {
		c.tempt(TemptOffPlatformAsked, c.customer(kCustOffPlatform, c.gapCustomer(), c.mood))
		c.tempt(TemptOffPlatformDeclined, c.say(agentSp, kAgentOffPlatform, c.gapReply()))
	}
	bad := c.frustrated
	if upset(c.mood) && c.breaks(RuleBlameCustomer) {
		c.violate(RuleBlameCustomer, c.say(agentSp, kAgentBlame, c.gapReply()))
		c.frustrated, bad = true, true
		c.customer(kCustBlamedReply, c.gapCustomer(), moodAngry)
	}
	if c.r.chance(0.06) {
		c.tempt(TemptCustomerPhrase, c.customer(kCustQuotePromise, c.gapCustomer(), c.mood))
		c.tempt(TemptNegatedPromise, c.say(agentSp, kAgentNoPromise, c.gapReply()))
	}
	if c.r.chance(0.6) {
		mid := startMood
		if bad {
			mid = moodAngry
		}
		if mid == moodSatisfied {
			mid = moodCalm
		}
		c.customer(keyFollowup(mid), c.gapCustomer(), mid)
		c.say(agentSp, kAgentReassure, c.gapReply())
	}
	if c.second != "" {
		c.begin(transcript.SpeakerCustomer)
		c.put(kCustAlso)
		c.put(keyOpen(c.second, moodCalm))
		seq := c.end(c.gapCustomer())
		c.truth.CustomerTurns = append(c.truth.CustomerTurns, CustomerTurn{Seq: seq, Sentiment: "neutral", Emotion: "none"})
		c.say(agentSp, keyResolve(c.second), c.gapReply())
	}
	if bad {
		endMood = moodAngry
	}
	c.farewell(endMood)
	c.closing()
}

// farewell writes the customer's last turn.
func (c *conv) farewell(m mood) {
	switch m {
	case moodAngry:
		key := kCustUnhappyBye
		if c.r.chance(0.4) {
			key, c.threatened = kCustThreat, true
		}
		c.customer(key, c.gapCustomer(), moodAngry)
	case moodAnxious:
		c.customer(keyFollowup(moodAnxious), c.gapCustomer(), moodAnxious)
		c.say(agentSp, kAgentReassure, c.gapReply())
		c.customer(kCustThanks, c.gapCustomer(), moodCalm)
	case moodSatisfied:
		c.customer(kCustSatisfied, c.gapCustomer(), moodSatisfied)
	default:
		c.customer(kCustThanks, c.gapCustomer(), moodCalm)
	}
}

// closing writes the agent's goodbye, or breaks the rule that asks for one.
func (c *conv) closing() {
	if !c.breaks(RuleNoClosing) {
		c.say(agentSp, kAgentClosing, c.gapReply())
		return
	}
	if c.r.chance(0.5) {
		c.violate(RuleNoClosing, c.say(agentSp, kAgentAck, c.gapReply()))
		return
	}
	for i := len(c.utts) - 1; i >= 0; i-- {
		if c.utts[i].Speaker == agentSp {
			c.violate(RuleNoClosing, c.utts[i].Seq)
			return
		}
	}
}

// askHuman has the customer ask for a human; it reports whether the agent
// transferred the conversation, which ends it.
func (c *conv) askHuman(sp transcript.Speaker) bool {
	c.humanAsked = true
	c.customer(kCustAskHuman, c.gapCustomer(), c.mood)
	if c.breaks(RuleIgnoredHuman) {
		// One deflection in four asks for the order number: when the
		// customer already sent it, that is asking for it again too.
		if c.orderGiven && c.g.plan.violation[RuleRepeatedOrderAsk] > 0 && c.r.chance(0.25) {
			seq := c.say(sp, kAgentDeflectOrder, c.gapReply())
			c.violate(RuleIgnoredHuman, seq)
			c.violate(RuleRepeatedOrderAsk, seq)
		} else {
			c.violate(RuleIgnoredHuman, c.say(sp, kAgentDeflect, c.gapReply()))
		}
		c.frustrated = true
		c.customer(kCustAskHumanMore, c.gapCustomer(), moodAngry)
		return false
	}
	c.humanOK = true
	c.tempt(TemptHumanHonored, c.say(sp, kAgentTransfer, c.gapReply()))
	return true
}

// accountDetails reads account details back, after checking the
// customer's identity or, breaking the rule, without.
func (c *conv) accountDetails() {
	if c.breaks(RuleNoIdentityCheck) {
		c.violate(RuleNoIdentityCheck, c.say(agentSp, kAgentAccount, c.gapReply()))
		return
	}
	c.say(agentSp, kAgentIdentity, c.gapReply())
	c.customer(kCustGivePhone, c.gapCustomer(), c.mood)
	c.say(agentSp, kAgentIdentityOK, c.gapReply())
	c.tempt(TemptIdentityThenDetails, c.say(agentSp, kAgentAccount, c.gapNext()))
}

// paymentAndIdentity covers refunds to a bank card and the ID number
// cross-border orders need for customs.
func (c *conv) paymentAndIdentity() {
	if c.intent == IntentReturns && c.r.chance(0.15) || c.intent == IntentBilling && c.r.chance(0.3) {
		c.say(agentSp, kAgentAskCard, c.gapReply())
		c.tempt(TemptCustomerGivesCard, c.customer(kCustGiveCard, c.gapCustomer(), c.mood))
		if c.breaks(RuleCardReadback) {
			c.violate(RuleCardReadback, c.say(agentSp, kAgentCardRead, c.gapReply()))
		} else {
			c.tempt(TemptMaskedCard, c.say(agentSp, kAgentCardMasked, c.gapReply()))
		}
	}
	crossBorder := c.product.Category == "baby" || c.product.SKU == "DAIRY-003"
	if c.lang != langEn && crossBorder && (c.intent == IntentOrderStatus || c.intent == IntentLogistics) && c.r.chance(0.3) {
		c.say(agentSp, kAgentAskID, c.gapReply())
		c.customer(kCustGiveID, c.gapCustomer(), c.mood)
		if c.breaks(RuleIDReadback) {
			c.violate(RuleIDReadback, c.say(agentSp, kAgentIDRead, c.gapReply()))
		} else {
			c.tempt(TemptMaskedID, c.say(agentSp, kAgentIDMasked, c.gapReply()))
		}
	}
	if c.intent == IntentReturns && c.r.chance(0.3) || c.intent == IntentLogistics && c.r.chance(0.2) {
		c.customer(kCustGiveAddress, c.gapCustomer(), c.mood)
	}
}

// resolution writes the agent's answer: a hold, empathy for an upset
// customer, the fix, and maybe the refund policy and a promise.
func (c *conv) resolution() {
	voice := c.channel == transcript.ChannelVoice
	gap := c.gapReply()
	held := false
	switch {
	case voice && c.breaks(RuleLongSilence):
		gap = int64(c.r.between(35, 120)) * 1000
		defer func(seq int) { c.violate(RuleLongSilence, seq) }(len(c.utts) + 1)
	case c.r.chance(0.5):
		c.say(agentSp, kAgentHold, gap)
		held = true
		gap = int64(c.r.between(20, 120)) * 1000
		if voice {
			gap = int64(c.r.between(30, 55)) * 1000
			defer func(seq int) { c.tempt(TemptAnnouncedHold, seq) }(len(c.utts) + 1)
		}
	}
	c.begin(agentSp)
	if held {
		c.put(kAgentHoldBack)
		c.join()
	}
	noEmpathy := false
	if upset(c.mood) {
		if c.breaks(RuleNoEmpathy) {
			noEmpathy = true
		} else {
			c.put(kAgentEmpathy)
			c.join()
		}
	}
	c.put(keyResolve(c.intent))
	seq := c.end(gap)
	if noEmpathy {
		c.violate(RuleNoEmpathy, seq)
	}
	switch c.intent {
	case IntentReturns, IntentQuality, IntentShelfLife:
		if c.r.chance(0.5) {
			if c.breaks(RuleRefundPolicyMisquo) {
				c.violate(RuleRefundPolicyMisquo, c.say(agentSp, kAgentPolicyBad, c.gapNext()))
			} else {
				c.tempt(TemptPolicyCorrect, c.say(agentSp, kAgentPolicyOK, c.gapNext()))
			}
		}
	}
	switch c.intent {
	case IntentOrderStatus, IntentLogistics, IntentReturns, IntentQuality:
		if c.r.chance(0.35) {
			if c.breaks(RuleForbiddenPromise) {
				c.violate(RuleForbiddenPromise, c.say(agentSp, kAgentPromise, c.gapNext()))
			} else if c.r.chance(0.3) {
				c.tempt(TemptNegatedPromise, c.say(agentSp, kAgentNoPromise, c.gapNext()))
			}
		}
	}
}
