package synth

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
)

// plan is a validated scenario in the form the generator draws from.
type plan struct {
	name       string
	loc        *time.Location
	start, end time.Time
	perDay     float64
	total      int // exact total, or 0 to draw Poisson counts from perDay
	tenants    []string
	tenantW    []float64
	langW      []float64 // languageKeys order
	channelW   []float64 // channelKeys order
	intentW    []float64 // allIntents order
	secondary  float64
	liveShare  float64
	malformed  float64
	violation  map[string]float64
	weekday    []float64
	weekend    []float64
	dayFactors []float64
	promotions []promoPlan
	spikes     []spikePlan
}

type promoPlan struct {
	name       string
	start, end time.Time
	multiplier float64
}

type spikePlan struct {
	Spike
	tenant     string
	start, end time.Time
	sku        string
	batch      string
	topic      Intent
	base       float64 // baseline share of the tenant's conversations
	pExtra     float64 // chance a conversation in the window is forced
	phrases    [numLangs][]string
}

func parseOffset(s string) (*time.Location, error) {
	t, err := time.Parse("-07:00", s)
	if err != nil {
		return nil, fmt.Errorf("%q is not a UTC offset like +08:00 or -05:00", s)
	}
	_, off := t.Zone()
	return time.FixedZone("UTC"+s, off), nil
}

// parseTime reads RFC 3339, a local "YYYY-MM-DDTHH:MM[:SS]" or a local date.
func parseTime(s string, loc *time.Location) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.In(loc), nil
	}
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a time: use RFC 3339 (2025-06-12T00:00:00+08:00), local 2025-06-12T14:00, or a date 2025-06-12", s)
}

func shares(path string, m map[string]float64, keys []string) ([]float64, error) {
	ws := make([]float64, len(keys))
	sorted := make([]string, 0, len(m))
	for k := range m {
		sorted = append(sorted, k)
	}
	slices.Sort(sorted)
	var sum float64
	for _, k := range sorted {
		i := slices.Index(keys, k)
		if i < 0 {
			return nil, fieldErr(path+"."+k, "unknown key (allowed: %s)", strings.Join(keys, ", "))
		}
		v := m[k]
		if v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fieldErr(path+"."+k, "must be a share ≥ 0, got %v", v)
		}
		ws[i] = v
		sum += v
	}
	if sum <= 0 {
		return nil, fieldErr(path, "needs at least one share > 0 (keys: %s)", strings.Join(keys, ", "))
	}
	return ws, nil
}

func checkShare(path string, v float64) error {
	if v < 0 || v > 1 || math.IsNaN(v) {
		return fieldErr(path, "must be between 0 and 1, got %v", v)
	}
	return nil
}

func hours24(path string, ws, def []float64) ([]float64, error) {
	if ws == nil {
		return def, nil
	}
	if len(ws) != 24 {
		return nil, fieldErr(path, "needs 24 hourly weights (00:00 first), got %d", len(ws))
	}
	return weightsOK(path, ws)
}

func weightsOK(path string, ws []float64) ([]float64, error) {
	var sum float64
	for i, w := range ws {
		if w < 0 || math.IsNaN(w) || math.IsInf(w, 0) {
			return nil, fieldErr(fmt.Sprintf("%s[%d]", path, i), "must be ≥ 0, got %v", w)
		}
		sum += w
	}
	if sum <= 0 {
		return nil, fieldErr(path, "needs at least one weight > 0")
	}
	return ws, nil
}

// compileScenario validates s and turns it into a plan.
func compileScenario(s Scenario, cat *catalog) (*plan, error) {
	p := &plan{name: s.Name, secondary: 0.12, violation: defaultViolations()}
	var err error
	if p.loc, err = parseOffset(s.UTCOffset); err != nil {
		return nil, fieldErr("utc_offset", "%v", err)
	}
	if p.start, err = parseTime(s.Start, p.loc); err != nil {
		return nil, fieldErr("start", "%v", err)
	}
	switch {
	case s.Days != 0 && s.Until != "":
		return nil, fieldErr("until", "conflicts with days: give one of them")
	case s.Until != "":
		if p.end, err = parseTime(s.Until, p.loc); err != nil {
			return nil, fieldErr("until", "%v", err)
		}
		if !p.end.After(p.start) {
			return nil, fieldErr("until", "must be after start (%s)", p.start.Format(time.RFC3339))
		}
	case s.Days < 0 || s.Days > 3660:
		return nil, fieldErr("days", "must be between 1 and 3660, got %d", s.Days)
	default:
		p.end = p.start.AddDate(0, 0, max(s.Days, 1))
	}
	switch {
	case s.Conversations < 0:
		return nil, fieldErr("conversations", "must be ≥ 0, got %d", s.Conversations)
	case s.Conversations > 0:
		p.total = s.Conversations
	case s.PerDay <= 0 || math.IsNaN(s.PerDay) || s.PerDay > 1e8:
		return nil, fieldErr("per_day", "must be between 0 (exclusive) and 100000000, got %v", s.PerDay)
	}
	p.perDay = s.PerDay
	if len(s.Tenants) == 0 {
		return nil, fieldErr("tenants", "needs at least one tenant")
	}
	for i, t := range s.Tenants {
		path := fmt.Sprintf("tenants[%d]", i)
		if t.Name == "" || len(t.Name) > 64 || strings.ContainsFunc(t.Name, func(r rune) bool { return r < ' ' || r == 0x7f }) {
			return nil, fieldErr(path+".name", "must be 1–64 bytes without control characters, got %q", t.Name)
		}
		if slices.Contains(p.tenants, t.Name) {
			return nil, fieldErr(path+".name", "tenant %q listed twice", t.Name)
		}
		w := t.Weight
		if w == 0 {
			w = 1
		}
		if w < 0 || math.IsNaN(w) {
			return nil, fieldErr(path+".weight", "must be > 0, got %v", t.Weight)
		}
		p.tenants = append(p.tenants, t.Name)
		p.tenantW = append(p.tenantW, w)
	}
	if p.langW, err = shares("languages", s.Languages, languageKeys); err != nil {
		return nil, err
	}
	if p.channelW, err = shares("channels", s.Channels, channelKeys); err != nil {
		return nil, err
	}
	intentKeys := make([]string, len(allIntents))
	for i, in := range allIntents {
		intentKeys[i] = string(in)
	}
	if p.intentW, err = shares("intents", s.Intents, intentKeys); err != nil {
		return nil, err
	}
	if s.SecondaryIntentShare != nil {
		p.secondary = *s.SecondaryIntentShare
	}
	for _, c := range []struct {
		path string
		v    float64
	}{{"secondary_intent_share", p.secondary}, {"live_share", s.LiveShare}, {"malformed_share", s.MalformedShare}} {
		if err := checkShare(c.path, c.v); err != nil {
			return nil, err
		}
	}
	p.liveShare, p.malformed = s.LiveShare, s.MalformedShare
	for _, rule := range sortedKeys(s.Violations) {
		if !slices.Contains(AllRules, rule) {
			return nil, fieldErr("violations."+rule, "unknown rule (allowed: %s)", strings.Join(AllRules, ", "))
		}
		if err := checkShare("violations."+rule, s.Violations[rule]); err != nil {
			return nil, err
		}
		p.violation[rule] = s.Violations[rule]
	}
	if p.weekday, err = hours24("seasonality.weekday", s.Seasonality.Weekday, defaultWeekday); err != nil {
		return nil, err
	}
	if p.weekend, err = hours24("seasonality.weekend", s.Seasonality.Weekend, defaultWeekend); err != nil {
		return nil, err
	}
	p.dayFactors = defaultDays
	if s.Seasonality.DayFactors != nil {
		if len(s.Seasonality.DayFactors) != 7 {
			return nil, fieldErr("seasonality.day_factors", "needs 7 factors, Monday first, got %d", len(s.Seasonality.DayFactors))
		}
		if p.dayFactors, err = weightsOK("seasonality.day_factors", s.Seasonality.DayFactors); err != nil {
			return nil, err
		}
	}
	if err := p.compileEvents(s, cat); err != nil {
		return nil, err
	}
	return p, nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
