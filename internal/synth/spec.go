package synth

import (
	"fmt"
	"strconv"
	"strings"
)

// ParseShares reads "zh-Hans=0.6,en=0.4" into a share map; keys are
// checked when the scenario is compiled.
func ParseShares(s string) (map[string]float64, error) {
	out := map[string]float64{}
	for part := range strings.SplitSeq(s, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok || k == "" {
			return nil, fmt.Errorf("%q is not key=share (e.g. zh-Hans=0.6,en=0.4)", part)
		}
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f < 0 {
			return nil, fmt.Errorf("%s=%s: share must be a number ≥ 0", k, v)
		}
		out[k] = f
	}
	return out, nil
}

// ParseTenants reads "demo" or "demo=3,acme=1" (name, optional weight).
func ParseTenants(s string) ([]TenantShare, error) {
	var out []TenantShare
	for part := range strings.SplitSeq(s, ",") {
		name, w, hasW := strings.Cut(strings.TrimSpace(part), "=")
		t := TenantShare{Name: name, Weight: 1}
		if hasW {
			f, err := strconv.ParseFloat(w, 64)
			if err != nil || f <= 0 {
				return nil, fmt.Errorf("tenant %s: weight %q must be a number > 0", name, w)
			}
			t.Weight = f
		}
		if name == "" {
			return nil, fmt.Errorf("empty tenant name in %q", s)
		}
		out = append(out, t)
	}
	return out, nil
}

// ParsePromotion reads "2025-06-18=3" or "name:2025-06-18=3"; without
// "=multiplier" the day triples.
func ParsePromotion(s string) (Promotion, error) {
	p := Promotion{Multiplier: 3}
	rest := s
	if name, r, ok := strings.Cut(s, ":"); ok {
		p.Name, rest = name, r
	}
	day, mult, hasMult := strings.Cut(rest, "=")
	p.Date = day
	if hasMult {
		f, err := strconv.ParseFloat(mult, 64)
		if err != nil || f <= 0 {
			return p, fmt.Errorf("%q: multiplier %q must be a number > 0", s, mult)
		}
		p.Multiplier = f
	}
	if len(day) != len("2006-01-02") {
		return p, fmt.Errorf("%q: date %q must be YYYY-MM-DD", s, day)
	}
	return p, nil
}

// ParseSpike reads a spike from key=value pairs separated by commas:
// topic (required), start (required), duration (default 3h), x or
// multiplier (default 4), sku, batch, tenant, id. Example:
// "topic=shelf_life,sku=DAIRY-001,start=2025-06-14T14:00,duration=3h,x=4".
func ParseSpike(s string) (Spike, error) {
	sp := Spike{Duration: "3h", Multiplier: 4}
	for part := range strings.SplitSeq(s, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return sp, fmt.Errorf("%q is not key=value (keys: topic, start, duration, x, sku, batch, tenant, id)", part)
		}
		switch k {
		case "topic":
			sp.Topic = v
		case "start":
			sp.Start = v
		case "duration":
			sp.Duration = v
		case "x", "multiplier":
			f, err := strconv.ParseFloat(v, 64)
			if err != nil {
				return sp, fmt.Errorf("%s=%q is not a number", k, v)
			}
			sp.Multiplier = f
		case "sku":
			sp.SKU = v
		case "batch":
			sp.Batch = v
		case "tenant":
			sp.Tenant = v
		case "id":
			sp.ID = v
		default:
			return sp, fmt.Errorf("unknown key %q (keys: topic, start, duration, x, sku, batch, tenant, id)", k)
		}
	}
	if sp.Topic == "" || sp.Start == "" {
		return sp, fmt.Errorf("%q needs at least topic= and start=", s)
	}
	return sp, nil
}

// Catalog lists the built-in products (SKU, category, English name), for
// --list-skus and scenario authors.
func Catalog() []Product { return defaultCatalog() }

// Topics lists the intent ids spikes and intents refer to.
func Topics() []string {
	out := make([]string, len(allIntents))
	for i, in := range allIntents {
		out[i] = string(in)
	}
	return out
}
