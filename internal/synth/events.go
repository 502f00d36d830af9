package synth

import (
	"fmt"
	"math"
	"slices"
	"time"
)

// compileEvents validates the promotions and spikes of s into p.
func (p *plan) compileEvents(s Scenario, cat *catalog) error {
	inRun := func(t time.Time) bool { return !t.Before(p.start) && t.Before(p.end) }
	for i, pr := range s.Promotions {
		path := fmt.Sprintf("promotions[%d]", i)
		day, err := time.ParseInLocation("2006-01-02", pr.Date, p.loc)
		if err != nil {
			return fieldErr(path+".date", "%q is not a date like 2025-06-18", pr.Date)
		}
		if pr.Multiplier <= 0 || pr.Multiplier > 100 || math.IsNaN(pr.Multiplier) {
			return fieldErr(path+".multiplier", "must be > 0 and ≤ 100 (3 triples the day's traffic), got %v", pr.Multiplier)
		}
		end := day.AddDate(0, 0, 1)
		if !inRun(day) && !inRun(end.Add(-time.Nanosecond)) {
			if s.defaultEvents {
				continue
			}
			return fieldErr(path+".date", "%s is outside the run %s – %s", pr.Date, p.start.Format(time.RFC3339), p.end.Format(time.RFC3339))
		}
		for _, q := range p.promotions {
			if q.start.Equal(day) {
				return fieldErr(path+".date", "%s has two promotions; give one multiplier per day", pr.Date)
			}
		}
		name := pr.Name
		if name == "" {
			name = pr.Date
		}
		p.promotions = append(p.promotions, promoPlan{name: name, start: day, end: end, multiplier: pr.Multiplier})
	}
	var total float64
	for _, w := range p.intentW {
		total += w
	}
	var ids []string
	for i, sp := range s.Spikes {
		path := fmt.Sprintf("spikes[%d]", i)
		sp2 := spikePlan{Spike: sp}
		if sp2.ID == "" {
			sp2.ID = fmt.Sprintf("spike-%d", i+1)
		}
		if slices.Contains(ids, sp2.ID) {
			return fieldErr(path+".id", "spike id %q used twice", sp2.ID)
		}
		ids = append(ids, sp2.ID)
		sp2.tenant = sp.Tenant
		if sp2.tenant == "" {
			sp2.tenant = p.tenants[0]
		} else if !slices.Contains(p.tenants, sp2.tenant) {
			return fieldErr(path+".tenant", "tenant %q is not one of the scenario's tenants %v", sp.Tenant, p.tenants)
		}
		ti := slices.Index(allIntents, Intent(sp.Topic))
		if ti < 0 {
			return fieldErr(path+".topic", "unknown topic %q (allowed: %v)", sp.Topic, allIntents)
		}
		sp2.topic = allIntents[ti]
		share := p.intentW[ti] / total
		if share == 0 {
			return fieldErr(path+".topic", "topic %s has share 0 in intents; a spike multiplies a share, so give it one", sp.Topic)
		}
		if sp.SKU != "" {
			skuShare := cat.share(sp2.topic, sp.SKU)
			if _, ok := cat.bySKU[sp.SKU]; !ok {
				return fieldErr(path+".sku", "unknown SKU %q (see convqa gen --list-skus)", sp.SKU)
			}
			if skuShare == 0 {
				return fieldErr(path+".sku", "customers never ask about %s for topic %s (its category does not fit)", sp.SKU, sp.Topic)
			}
			share *= skuShare
			sp2.sku = sp.SKU
			sp2.batch = sp.Batch
			if sp2.batch == "" {
				sp2.batch = cat.batches[cat.bySKU[sp.SKU]][0]
			}
		}
		if sp.Start == "" {
			return fieldErr(path+".start", "required: when the spike begins")
		}
		start, err := parseTime(sp.Start, p.loc)
		if err != nil {
			return fieldErr(path+".start", "%v", err)
		}
		d, err := time.ParseDuration(sp.Duration)
		if err != nil || d <= 0 || d > 31*24*time.Hour {
			return fieldErr(path+".duration", "%q is not a duration between 1s and 744h, like 3h or 90m", sp.Duration)
		}
		sp2.start, sp2.end = start, start.Add(d)
		if !sp2.start.Before(p.end) || !sp2.end.After(p.start) {
			if s.defaultEvents {
				continue
			}
			return fieldErr(path+".start", "the spike %s – %s is outside the run %s – %s", sp2.start.Format(time.RFC3339), sp2.end.Format(time.RFC3339), p.start.Format(time.RFC3339), p.end.Format(time.RFC3339))
		}
		if sp.Multiplier < 1 || math.IsNaN(sp.Multiplier) {
			return fieldErr(path+".multiplier", "must be ≥ 1 (4 makes the topic four times its usual share), got %v", sp.Multiplier)
		}
		sp2.base = share
		sp2.pExtra = (sp.Multiplier - 1) * share / (1 - share)
		if sp2.pExtra > 1 {
			return fieldErr(path+".multiplier", "%v is too high: the baseline share is %.4f, so at most %.1f is possible", sp.Multiplier, share, 1/share)
		}
		for _, lang := range sortedKeys(sp.Phrases) {
			li := slices.Index(languageKeys[:3], lang)
			if li < 0 {
				return fieldErr(path+".phrases."+lang, "unknown language (allowed: zh-Hans, zh-Hant, en)")
			}
			for j, ph := range sp.Phrases[lang] {
				if ph == "" || len(ph) > 200 {
					return fieldErr(fmt.Sprintf("%s.phrases.%s[%d]", path, lang, j), "must be 1–200 bytes")
				}
			}
			sp2.phrases[li] = sp.Phrases[lang]
		}
		p.spikes = append(p.spikes, sp2)
	}
	return nil
}

// promotion returns the promotion of the local day containing t.
func (p *plan) promotion(t time.Time) *promoPlan {
	for i := range p.promotions {
		if !t.Before(p.promotions[i].start) && t.Before(p.promotions[i].end) {
			return &p.promotions[i]
		}
	}
	return nil
}
