package synth

import (
	"errors"
	"fmt"
	"strings"
)

// Scenario describes the traffic to generate. It is what a scenario YAML
// file holds (see testdata/scenario.example.yaml); zero fields take the
// defaults of DefaultScenario. Shares and weights are relative: they need
// not sum to 1.
type Scenario struct {
	// Name labels the run in the spikes file. Default "default".
	Name string `yaml:"name"`
	// Start is the first instant generated: RFC 3339, or a date
	// (YYYY-MM-DD) meaning local midnight. Default 2025-06-12.
	Start string `yaml:"start"`
	// UTCOffset is the shop's local time ("+08:00"), in which daily and
	// weekly seasonality, promotion days and bare dates are read, and in
	// which timestamps are written. Default "+08:00".
	UTCOffset string `yaml:"utc_offset"`
	// Days is the length of the run in days; conflicts with Until.
	// Default 7.
	Days int `yaml:"days"`
	// Until ends the run (exclusive) instead of Days.
	Until string `yaml:"until"`
	// PerDay is the mean number of conversations of an ordinary weekday
	// (day factor 1, no promotion). Default 2000.
	PerDay float64 `yaml:"per_day"`
	// Conversations, when set, is the exact total number of conversations;
	// it replaces PerDay and keeps the same seasonal shape.
	Conversations int `yaml:"conversations"`
	// Tenants and their shares of the traffic. Default one tenant, "demo".
	Tenants []TenantShare `yaml:"tenants"`
	// Languages: shares of zh-Hans, zh-Hant, en and mixed (code-switched
	// Chinese). Default 0.55 / 0.15 / 0.20 / 0.10.
	Languages map[string]float64 `yaml:"languages"`
	// Channels: shares of chat, voice, email and bot. Default 0.55 / 0.20
	// / 0.08 / 0.17.
	Channels map[string]float64 `yaml:"channels"`
	// Intents: shares of each intent (topic) as the main one.
	Intents map[string]float64 `yaml:"intents"`
	// SecondaryIntentShare is the share of conversations that raise a
	// second topic. Default 0.12.
	SecondaryIntentShare *float64 `yaml:"secondary_intent_share"`
	// LiveShare is the share of chat, voice and bot conversations sent live
	// (utterance messages, then a closing conversation message). Default 0.
	LiveShare float64 `yaml:"live_share"`
	// MalformedShare is the share of conversations sent as a deliberately
	// broken message (for DLQ tests). Default 0.
	MalformedShare float64 `yaml:"malformed_share"`
	// Violations overrides the probability of a rule being broken where it
	// can be (see AllRules), before the agent's skill scales it.
	Violations map[string]float64 `yaml:"violations"`
	// Seasonality shapes traffic over the day and the week.
	Seasonality Seasonality `yaml:"seasonality"`
	// Promotions multiply all traffic of a local day. A scenario file has
	// the promotions it lists (none if it lists none).
	Promotions []Promotion `yaml:"promotions"`
	// Spikes raise one topic's share for a while. A scenario file has the
	// spikes it lists (none if it lists none).
	Spikes []Spike `yaml:"spikes"`

	// defaultEvents marks Promotions and Spikes as the built-in ones, which
	// are dropped rather than refused when flags move the run away from
	// them; events a person asked for are never dropped silently.
	defaultEvents bool
}

// TenantShare is one tenant and its weight.
type TenantShare struct {
	Name   string  `yaml:"name"`
	Weight float64 `yaml:"weight"`
}

// Seasonality shapes the traffic. Each list is optional.
type Seasonality struct {
	// Weekday and Weekend weigh the 24 local hours of a day.
	Weekday []float64 `yaml:"weekday"`
	Weekend []float64 `yaml:"weekend"`
	// DayFactors multiply each day of the week, Monday first (7 values).
	DayFactors []float64 `yaml:"day_factors"`
}

// Promotion multiplies all traffic of one local day: more conversations,
// the same mix of topics, so a share-based spike detector stays quiet.
type Promotion struct {
	Name       string  `yaml:"name"`
	Date       string  `yaml:"date"` // YYYY-MM-DD, local
	Multiplier float64 `yaml:"multiplier"`
}

// Spike raises the share of one topic, optionally about one SKU, for a
// window: Multiplier 4 makes it four times its usual share of the
// tenant's conversations.
type Spike struct {
	ID     string `yaml:"id"`
	Tenant string `yaml:"tenant"` // default: the first tenant
	Topic  string `yaml:"topic"`  // an intent id, e.g. shelf_life
	SKU    string `yaml:"sku"`    // optional
	// Batch is the production batch the spike's conversations name;
	// default the SKU's first batch.
	Batch      string  `yaml:"batch"`
	Start      string  `yaml:"start"`    // RFC 3339, or local "YYYY-MM-DDTHH:MM"
	Duration   string  `yaml:"duration"` // Go duration, e.g. 3h
	Multiplier float64 `yaml:"multiplier"`
	// Phrases per language (zh-Hans, zh-Hant, en): words the spike's
	// customers use, so emerging-term discovery has something to find.
	Phrases map[string][]string `yaml:"phrases"`
}

// Language keys of Scenario.Languages, in draw order.
var languageKeys = []string{"zh-Hans", "zh-Hant", "en", "mixed"}

// Channel keys of Scenario.Channels, in draw order.
var channelKeys = []string{"chat", "voice", "email", "bot"}

// DefaultScenario is one week of a mid-size shop in China: 2,000
// conversations on an ordinary weekday, the 618 festival on the last day
// (×3 traffic), and a shelf-life spike about one milk SKU on Saturday
// afternoon (four times its share for three hours).
func DefaultScenario() Scenario {
	return Scenario{
		Name:          "default",
		defaultEvents: true,
		Start:         "2025-06-12",
		UTCOffset:     "+08:00",
		Days:          7,
		PerDay:        2000,
		Tenants:       []TenantShare{{Name: "demo", Weight: 1}},
		Languages:     map[string]float64{"zh-Hans": 0.55, "zh-Hant": 0.15, "en": 0.20, "mixed": 0.10},
		Channels:      map[string]float64{"chat": 0.55, "voice": 0.20, "email": 0.08, "bot": 0.17},
		Intents: map[string]float64{
			string(IntentOrderStatus): 0.20, string(IntentReturns): 0.17, string(IntentLogistics): 0.17,
			string(IntentQuality): 0.12, string(IntentShelfLife): 0.07, string(IntentBilling): 0.08,
			string(IntentAccount): 0.07, string(IntentPromotions): 0.12,
		},
		Promotions: []Promotion{{Name: "618", Date: "2025-06-18", Multiplier: 3}},
		Spikes: []Spike{{
			ID: "shelf-life-milk", Topic: string(IntentShelfLife), SKU: "DAIRY-001",
			Start: "2025-06-14T14:00", Duration: "3h", Multiplier: 4,
			Phrases: map[string][]string{
				"zh-Hans": {"胀包", "临期"},
				"zh-Hant": {"脹包", "即期品"},
				"en":      {"bloated", "near expiry"},
			},
		}},
	}
}

// defaultViolations is the chance each rule is broken where it can be.
func defaultViolations() map[string]float64 {
	return map[string]float64{
		RuleForbiddenPromise: 0.06, RuleCardReadback: 0.25, RuleIDReadback: 0.25,
		RuleRepeatedOrderAsk: 0.05, RuleIgnoredHuman: 0.30, RuleBlameCustomer: 0.03,
		RuleNoGreeting: 0.05, RuleNoClosing: 0.08, RuleNoIdentityCheck: 0.25,
		RuleNoEmpathy: 0.30, RuleSlowFirstResponse: 0.06, RuleLongSilence: 0.12,
		RuleRefundPolicyMisquo: 0.20,
	}
}

var (
	defaultWeekday = []float64{2.0, 1.2, 0.7, 0.5, 0.4, 0.5, 1.0, 2.0, 3.5, 5.5, 6.5, 6.0, 4.5, 5.0, 5.5, 5.5, 5.0, 4.5, 4.5, 5.5, 7.0, 7.5, 6.0, 3.5}
	defaultWeekend = []float64{2.5, 1.6, 0.9, 0.6, 0.4, 0.4, 0.6, 1.0, 2.0, 3.5, 5.0, 6.0, 5.5, 5.5, 6.0, 6.0, 5.5, 5.0, 5.0, 6.0, 7.0, 7.5, 6.5, 4.0}
	defaultDays    = []float64{1.0, 0.98, 0.97, 1.0, 1.05, 1.2, 1.15}
)

// FieldError is a mistake in a scenario. File and Line are set when the
// scenario came from a file.
type FieldError struct {
	File string
	Line int
	Path string // e.g. spikes[0].multiplier
	Msg  string
}

// Error reads "file:line: path: message", or "scenario: path: message".
func (e *FieldError) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
		if e.Line > 0 {
			fmt.Fprintf(&b, ":%d", e.Line)
		}
		b.WriteString(": ")
	} else {
		b.WriteString("scenario: ")
	}
	b.WriteString(e.Path)
	b.WriteString(": ")
	b.WriteString(e.Msg)
	return b.String()
}

func fieldErr(path, format string, args ...any) error {
	return &FieldError{Path: path, Msg: fmt.Sprintf(format, args...)}
}

// locate fills File and Line of every FieldError in err from a path→line
// index of the file.
func locate(err error, file string, lines map[string]int) error {
	var fe *FieldError
	if !errors.As(err, &fe) {
		return fmt.Errorf("%s: %w", file, err)
	}
	fe.File = file
	// The exact path may be absent (a missing key): fall back to its parent.
	for p := fe.Path; p != ""; p = parentPath(p) {
		if l, ok := lines[p]; ok {
			fe.Line = l
			break
		}
	}
	return fe
}

func parentPath(p string) string {
	if i := strings.LastIndexAny(p, ".["); i > 0 {
		return p[:i]
	}
	return ""
}

// SetPromotions replaces the promotions with ones a person asked for.
func (s *Scenario) SetPromotions(ps []Promotion) {
	s.Promotions = ps
	s.defaultEvents = false
}

// SetSpikes replaces the spikes with ones a person asked for. The built-in
// promotions, if still there, stay droppable.
func (s *Scenario) SetSpikes(sp []Spike) {
	s.Spikes = sp
	s.defaultEvents = false
}
