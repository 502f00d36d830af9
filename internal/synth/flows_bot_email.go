package synth

import (
	"github.com/convqa/convqa/internal/transcript"
)

// botFlow writes a bot conversation: the bot answers from its FAQ, and a
// customer who asks for a human is handed over or, breaking the rule,
// stonewalled.
func (c *conv) botFlow(endMood mood, human agentInfo) {
	c.say(botSp, kBotGreet, 0)
	c.customerOpening(int64(c.r.between(3, 40)) * 1000)
	orderGiven := false
	if needsOrder(c.intent) && c.r.chance(0.5) {
		c.say(botSp, kBotAskOrder, c.gapBot())
		c.customer(kCustGiveOrder, c.gapCustomer(), c.mood)
		orderGiven, c.orderGiven = true, true
	}
	c.say(botSp, keyFAQ(c.intent), c.gapBot())
	pHuman := 0.45
	if upset(c.mood) {
		pHuman = 0.75
	}
	if !c.r.chance(pHuman) {
		if endMood == moodAngry {
			endMood = moodCalm
		}
		c.farewellBot(endMood)
		c.truth.AgentKind = "bot"
		return
	}
	c.humanAsked = true
	c.customer(kCustAskHuman, c.gapCustomer(), c.mood)
	if c.r.chance(c.g.plan.violation[RuleIgnoredHuman]) {
		key := kBotDeflect
		if c.r.chance(0.5) {
			key = kBotNotUnderst
		}
		c.violate(RuleIgnoredHuman, c.say(botSp, key, c.gapBot()))
		c.frustrated = true
		c.customer(kCustAskHumanMore, c.gapCustomer(), moodAngry)
		c.say(botSp, kBotNotUnderst, c.gapBot())
		key = kCustUnhappyBye
		if c.r.chance(0.4) {
			key, c.threatened = kCustThreat, true
		}
		c.customer(key, c.gapCustomer(), moodAngry)
		c.truth.AgentKind = "bot"
		return
	}
	c.humanOK = true
	c.tempt(TemptHumanHonored, c.say(botSp, kBotTransfer, c.gapBot()))
	if c.r.chance(0.5) {
		c.say(sysSp, kSystemQueue, c.gapBot())
	}
	c.agent = human
	c.truth.AgentKind = "bot_then_human"
	c.truth.AgentID, c.truth.AgentQuality = human.id, human.quality
	c.say(sysSp, kSystemTransfer, int64(c.r.between(20, 180))*1000)
	c.humanFlow(endMood, true, orderGiven)
}

func (c *conv) farewellBot(m mood) {
	switch m {
	case moodSatisfied:
		c.customer(kCustSatisfied, c.gapCustomer(), moodSatisfied)
	case moodAnxious:
		c.customer(keyFollowup(moodAnxious), c.gapCustomer(), moodAnxious)
		c.say(botSp, kBotNotUnderst, c.gapBot())
	default:
		c.customer(kCustThanks, c.gapCustomer(), moodCalm)
	}
}

// emailFlow writes an e-mail thread: a long customer message, the agent's
// formal reply hours later, and sometimes one more round.
func (c *conv) emailFlow(endMood mood) {
	const sep = "\n\n"
	c.begin(transcript.SpeakerCustomer)
	c.put(kCustEmailOpen)
	c.put(keyOpen(c.intent, c.mood))
	if c.spike != nil && len(c.spike.phrases[c.lang]) > 0 {
		c.join()
		c.put(kCustSpike)
	}
	if c.r.chance(0.7) {
		c.lit(sep)
		c.put(keyDetail(c.intent))
	}
	if needsOrder(c.intent) {
		c.lit(sep)
		c.put(kCustGiveOrder)
	}
	if c.r.chance(0.25) {
		c.lit(sep)
		c.put(kCustGiveAddress)
	}
	c.put(kCustEmailSign)
	emotion, intensity, sentiment := c.label(c.mood)
	seq := c.end(0)
	c.truth.CustomerTurns = append(c.truth.CustomerTurns, CustomerTurn{Seq: seq, Sentiment: sentiment, Emotion: emotion, Intensity: intensity})

	gap := c.gapReply()
	slow := c.breaks(RuleSlowFirstResponse)
	if slow {
		gap = int64(c.r.between(26, 72)) * 3600_000
	}
	var rules []string
	c.begin(agentSp)
	if c.breaks(RuleNoGreeting) {
		rules = append(rules, RuleNoGreeting)
	} else {
		c.put(kAgentEmailOpen)
		c.lit(sep)
	}
	if upset(c.mood) {
		if c.breaks(RuleNoEmpathy) {
			rules = append(rules, RuleNoEmpathy)
		} else {
			c.put(kAgentEmpathy)
			c.join()
		}
	}
	c.put(keyResolve(c.intent))
	var tempts []string
	switch c.intent {
	case IntentReturns, IntentQuality, IntentShelfLife:
		if c.r.chance(0.5) {
			c.join()
			if c.breaks(RuleRefundPolicyMisquo) {
				c.put(kAgentPolicyBad)
				rules = append(rules, RuleRefundPolicyMisquo)
			} else {
				c.put(kAgentPolicyOK)
				tempts = append(tempts, TemptPolicyCorrect)
			}
		}
	}
	noSign := c.breaks(RuleNoClosing)
	if noSign {
		rules = append(rules, RuleNoClosing)
	} else {
		c.put(kAgentEmailSign)
	}
	seq = c.end(gap)
	if slow {
		c.violate(RuleSlowFirstResponse, seq)
	}
	for _, r := range rules {
		c.violate(r, seq)
	}
	for _, t := range tempts {
		c.tempt(t, seq)
	}
	if c.r.chance(0.35) {
		c.begin(transcript.SpeakerCustomer)
		c.put(kCustEmailOpen)
		key := kCustThanks
		if endMood == moodAngry {
			key = keyFollowup(moodAngry)
		}
		c.put(key)
		c.put(kCustEmailSign)
		m := moodSatisfied
		if endMood == moodAngry {
			m = moodAngry
		}
		emotion, intensity, sentiment := c.label(m)
		c.mood = endMood
		seq := c.end(c.gapCustomer())
		c.truth.CustomerTurns = append(c.truth.CustomerTurns, CustomerTurn{Seq: seq, Sentiment: sentiment, Emotion: emotion, Intensity: intensity})
		// An agent who does not sign off does not sign off the follow-up
		// either, so the thread as a whole lacks a closing, as its truth says.
		c.begin(agentSp)
		c.put(kAgentReassure)
		if !noSign {
			c.put(kAgentEmailSign)
		}
		c.end(c.gapReply())
	}
}
