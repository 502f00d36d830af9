package synth

import "github.com/convqa/convqa/internal/transcript"

// Intent is what a conversation is about. Intent ids double as the true
// topic ids of the ground truth.
type Intent string

// The intents the generator writes conversations about.
const (
	IntentOrderStatus Intent = "order_status"
	IntentReturns     Intent = "returns_refunds"
	IntentLogistics   Intent = "logistics_delay"
	IntentQuality     Intent = "product_quality"
	IntentShelfLife   Intent = "shelf_life"
	IntentBilling     Intent = "billing"
	IntentAccount     Intent = "account"
	IntentPromotions  Intent = "promotions"
)

// allIntents fixes the order in which intents are drawn and listed.
var allIntents = []Intent{IntentOrderStatus, IntentReturns, IntentLogistics, IntentQuality, IntentShelfLife, IntentBilling, IntentAccount, IntentPromotions}

// mood is the customer's state at one turn.
type mood uint8

const (
	moodCalm mood = iota
	moodAnxious
	moodAngry
	moodSatisfied
)

var moodNames = []string{"calm", "anxious", "angry", "satisfied"}

// langID is the base language of a conversation; code-switching is a flag
// on top of a Chinese one.
type langID uint8

const (
	langHans langID = iota
	langHant
	langEn
	numLangs
)

func (l langID) String() string { return string(l.contract()) }

func (l langID) contract() transcript.Language {
	switch l {
	case langHant:
		return transcript.LangZhHant
	case langEn:
		return transcript.LangEn
	}
	return transcript.LangZhHans
}

// Rule ids of the violations the generator injects. They are stable: the
// compliance rules and their evaluation refer to them.
//
// The timing rules are injected with a clear margin: slow_first_response is
// a first agent reply 90–600 s after the customer's first chat message
// (normally 8–45 s) or an e-mail answered after 26–72 h (normally 2–20 h);
// long_silence is an unannounced gap of 35–120 s before an agent's turn on
// a call (normally under 1.5 s), while a hold the agent announces lasts
// 30–55 s and is the tempting non-violation announced_hold. The refund
// policy agents quote is: 7 days' no-reason return of unopened goods (food
// and formula not once opened), defects within 15 days at the shop's cost,
// refunds 1–3 business days after approval to the original payment method.
const (
	RuleForbiddenPromise   = "forbidden_promise"
	RuleCardReadback       = "card_readback"
	RuleIDReadback         = "id_readback"
	RuleRepeatedOrderAsk   = "repeated_order_number_request"
	RuleIgnoredHuman       = "ignored_human_request"
	RuleBlameCustomer      = "blame_customer"
	RuleNoGreeting         = "no_greeting"
	RuleNoClosing          = "no_closing"
	RuleNoIdentityCheck    = "no_identity_check"
	RuleNoEmpathy          = "no_empathy"
	RuleSlowFirstResponse  = "slow_first_response"
	RuleLongSilence        = "long_silence"
	RuleRefundPolicyMisquo = "refund_policy_misquote"
)

// AllRules lists every violation rule id, in a fixed order.
var AllRules = []string{
	RuleForbiddenPromise, RuleCardReadback, RuleIDReadback, RuleRepeatedOrderAsk,
	RuleIgnoredHuman, RuleBlameCustomer, RuleNoGreeting, RuleNoClosing,
	RuleNoIdentityCheck, RuleNoEmpathy, RuleSlowFirstResponse, RuleLongSilence,
	RuleRefundPolicyMisquo,
}

// Tempting non-violations: text that a careless rule would flag.
const (
	TemptNegatedPromise      = "negated_promise"
	TemptCustomerPhrase      = "customer_forbidden_phrase"
	TemptPolicyCorrect       = "policy_quoted_correctly"
	TemptMaskedCard          = "masked_card_readback"
	TemptMaskedID            = "masked_id_readback"
	TemptHumanHonored        = "human_request_honored"
	TemptAnnouncedHold       = "announced_hold"
	TemptCouponExpiry        = "coupon_expiry_not_shelf_life"
	TemptCustomerGivesCard   = "customer_gives_card"
	TemptIdentityThenDetails = "identity_checked_then_details"
	// The agent warns never to share a verification code or password:
	// naming them is no request for them.
	TemptCodeWarning = "code_warning"
	// The customer insults or swears at the agent: the abuse rules judge
	// the agent's words.
	TemptCustomerAbuse = "customer_abuse"
	// The customer asks to settle off the platform (WeChat, a transfer),
	// and the agent declines, warning against it.
	TemptOffPlatformAsked    = "off_platform_asked"
	TemptOffPlatformDeclined = "off_platform_declined"
)

// Phrasebook keys. Intent- and mood-specific keys are built by the helpers
// below; every language must define every key requiredKeys lists.
const (
	kAgentGreet        = "agent.greet"
	kAgentGreetVoice   = "agent.greet_voice"
	kAgentCurtOpen     = "agent.curt_open"
	kAgentCurtOrder    = "agent.curt_open_order"
	kAgentAskOrder     = "agent.ask_order"
	kAgentAskOrderMore = "agent.ask_order_again"
	kAgentIdentity     = "agent.identity"
	kAgentIdentityOK   = "agent.identity_ok"
	kAgentAccount      = "agent.account_detail"
	kAgentEmpathy      = "agent.empathy"
	kAgentHold         = "agent.hold"
	kAgentHoldBack     = "agent.hold_back"
	kAgentAck          = "agent.ack"
	kAgentClosing      = "agent.closing"
	kAgentTransfer     = "agent.transfer"
	kAgentPromise      = "agent.promise"
	kAgentNoPromise    = "agent.no_promise"
	kAgentBlame        = "agent.blame"
	kAgentPolicyOK     = "agent.policy_ok"
	kAgentPolicyBad    = "agent.policy_bad"
	kAgentAskCard      = "agent.ask_card"
	kAgentCardRead     = "agent.card_readback"
	kAgentCardMasked   = "agent.card_masked"
	kAgentAskID        = "agent.ask_id"
	kAgentIDRead       = "agent.id_readback"
	kAgentIDMasked     = "agent.id_masked"
	kAgentDeflect      = "agent.deflect_human"
	kAgentDeflectOrder = "agent.deflect_human_order"
	kAgentReassure     = "agent.reassure"
	kAgentEmailOpen    = "agent.email_open"
	kAgentEmailSign    = "agent.email_sign"
	kAgentCodeWarning  = "agent.code_warning"
	kAgentOffPlatform  = "agent.off_platform_decline"

	kBotGreet       = "bot.greet"
	kBotNotUnderst  = "bot.not_understood"
	kBotTransfer    = "bot.transfer"
	kBotAskOrder    = "bot.ask_order"
	kBotDeflect     = "bot.deflect_human"
	kSystemConnect  = "system.connect"
	kSystemTransfer = "system.transfer"
	kSystemQueue    = "system.queue"

	kCustHello         = "customer.hello"
	kCustGiveOrder     = "customer.give_order"
	kCustGiveOrderMore = "customer.give_order_again"
	kCustGivePhone     = "customer.give_phone"
	kCustGiveCard      = "customer.give_card"
	kCustGiveID        = "customer.give_id"
	kCustGiveAddress   = "customer.give_address"
	kCustGiveEmail     = "customer.give_email"
	kCustAskHuman      = "customer.ask_human"
	kCustAskHumanMore  = "customer.ask_human_again"
	kCustSatisfied     = "customer.satisfied"
	kCustThanks        = "customer.thanks"
	kCustUnhappyBye    = "customer.unhappy_bye"
	kCustThreat        = "customer.threat"
	kCustQuotePromise  = "customer.quote_promise"
	kCustAlso          = "customer.also"
	kCustSpike         = "customer.spike"
	kCustCoupon        = "customer.coupon_expired"
	kCustBlamedReply   = "customer.blamed_reply"
	kCustFiller        = "customer.filler"
	kCustEmailOpen     = "customer.email_open"
	kCustAbuse         = "customer.abuse"
	kCustOffPlatform   = "customer.off_platform"
	kCustEmailSign     = "customer.email_sign"
	kCustAngrySuffix   = "customer.angry_suffix"
	kCustAnxiousSuffix = "customer.anxious_suffix"
	kCustHappySuffix   = "customer.happy_suffix"
)

var genericKeys = []string{
	kAgentGreet, kAgentGreetVoice, kAgentCurtOpen, kAgentCurtOrder, kAgentAskOrder, kAgentAskOrderMore,
	kAgentIdentity, kAgentIdentityOK, kAgentAccount, kAgentEmpathy, kAgentHold,
	kAgentHoldBack, kAgentAck, kAgentClosing, kAgentTransfer, kAgentPromise,
	kAgentNoPromise, kAgentBlame, kAgentPolicyOK, kAgentPolicyBad, kAgentAskCard,
	kAgentCardRead, kAgentCardMasked, kAgentAskID, kAgentIDRead, kAgentIDMasked,
	kAgentDeflect, kAgentDeflectOrder, kAgentReassure, kAgentEmailOpen, kAgentEmailSign,
	kAgentCodeWarning, kAgentOffPlatform, kCustAbuse, kCustOffPlatform,
	kBotGreet, kBotNotUnderst, kBotTransfer, kBotAskOrder, kBotDeflect,
	kSystemConnect, kSystemTransfer, kSystemQueue,
	kCustHello, kCustGiveOrder, kCustGiveOrderMore, kCustGivePhone, kCustGiveCard,
	kCustGiveID, kCustGiveAddress, kCustGiveEmail, kCustAskHuman, kCustAskHumanMore,
	kCustSatisfied, kCustThanks, kCustUnhappyBye, kCustThreat, kCustQuotePromise,
	kCustAlso, kCustSpike, kCustCoupon, kCustBlamedReply, kCustFiller,
	kCustEmailOpen, kCustEmailSign, kCustAngrySuffix, kCustAnxiousSuffix, kCustHappySuffix,
}

// Per-intent keys; customer openings also vary by mood (calm, anxious, angry).
func keyOpen(in Intent, m mood) string { return "customer.open." + string(in) + "." + moodNames[m] }
func keyDetail(in Intent) string       { return "customer.detail." + string(in) }
func keyResolve(in Intent) string      { return "agent.resolve." + string(in) }
func keyFAQ(in Intent) string          { return "bot.faq." + string(in) }
func keyFollowup(m mood) string        { return "customer.followup." + moodNames[m] }

func requiredKeys() []string {
	keys := append([]string(nil), genericKeys...)
	for _, m := range []mood{moodCalm, moodAnxious, moodAngry} {
		keys = append(keys, keyFollowup(m))
	}
	for _, in := range allIntents {
		for _, m := range []mood{moodCalm, moodAnxious, moodAngry} {
			keys = append(keys, keyOpen(in, m))
		}
		keys = append(keys, keyDetail(in), keyResolve(in), keyFAQ(in))
	}
	return keys
}
