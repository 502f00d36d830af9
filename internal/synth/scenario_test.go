package synth

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExampleScenario(t *testing.T) {
	sc, err := LoadScenario("testdata/scenario.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(sc.Tenants) != 2 || len(sc.Spikes) != 1 || len(sc.Promotions) != 1 {
		t.Fatalf("unexpected scenario %+v", sc)
	}
	sc.PerDay = 100
	s, ev := generate(t, sc, 1)
	tenants := map[string]int{}
	for _, tr := range s.truths {
		tenants[tr.Tenant]++
	}
	if tenants["demo"] == 0 || tenants["acme"] == 0 || tenants["demo"] < 2*tenants["acme"] {
		t.Errorf("tenant mix %v, want demo about 3× acme", tenants)
	}
	if ev.Spikes[0].Tenant != "demo" {
		t.Errorf("spike tenant %q", ev.Spikes[0].Tenant)
	}
}

func TestScenarioErrors(t *testing.T) {
	for _, tc := range []struct {
		name, yaml, want string
	}{
		{"unknown key", "days: 3\nbogus: 1\n", "s.yaml:2: field bogus not found"},
		{"bad yaml", "days: [1\n", "s.yaml:"},
		{"wrong type", "days: many\n", "s.yaml:1: cannot unmarshal"},
		{"days and until", "days: 3\nuntil: 2025-06-20\n", "s.yaml:2: until: conflicts with days"},
		{"bad start", "start: yesterday\n", "s.yaml:1: start: \"yesterday\" is not a time"},
		{"bad offset", "utc_offset: CST\n", "s.yaml:1: utc_offset:"},
		{"negative per day", "per_day: -5\n", "s.yaml:1: per_day: must be between"},
		{"unknown language", "languages:\n  zh-Hans: 1\n  fr: 1\n", "s.yaml:3: languages.fr: unknown key"},
		{"all shares zero", "channels:\n  chat: 0\n", "s.yaml:1: channels: needs at least one share"},
		{"share out of range", "live_share: 1.5\n", "s.yaml:1: live_share: must be between 0 and 1"},
		{"unknown rule", "violations:\n  rude: 0.5\n", "s.yaml:2: violations.rude: unknown rule"},
		{"seasonality length", "seasonality:\n  weekday: [1, 2]\n", "s.yaml:2: seasonality.weekday: needs 24"},
		{"duplicate tenant", "tenants:\n  - name: a\n  - name: a\n", "s.yaml:3: tenants[1].name: tenant \"a\" listed twice"},
		{"promotion outside", "promotions:\n  - date: 2024-01-01\n    multiplier: 2\n", "s.yaml:2: promotions[0].date: 2024-01-01 is outside the run"},
		{"promotion multiplier", "promotions:\n  - date: 2025-06-13\n    multiplier: 0\n", "s.yaml:3: promotions[0].multiplier"},
		{"spike topic", "spikes:\n  - topic: weather\n    start: 2025-06-14T14:00\n", "s.yaml:2: spikes[0].topic: unknown topic \"weather\""},
		{"spike sku", "spikes:\n  - topic: shelf_life\n    sku: NOPE-1\n    start: 2025-06-14\n    duration: 1h\n    multiplier: 2\n", "s.yaml:3: spikes[0].sku: unknown SKU"},
		{"spike sku does not fit", "spikes:\n  - topic: shelf_life\n    sku: ELEC-001\n    start: 2025-06-14\n    duration: 1h\n    multiplier: 2\n", "does not fit"},
		{"spike start missing", "spikes:\n  - topic: shelf_life\n", "s.yaml:2: spikes[0].start: required"},
		{"spike duration", "spikes:\n  - topic: billing\n    start: 2025-06-14\n    duration: forever\n", "s.yaml:4: spikes[0].duration"},
		{"spike multiplier", "spikes:\n  - topic: billing\n    start: 2025-06-14\n    duration: 1h\n    multiplier: 500\n", "s.yaml:5: spikes[0].multiplier: 500 is too high"},
		{"spike tenant", "spikes:\n  - topic: billing\n    tenant: acme\n    start: 2025-06-14\n    duration: 1h\n    multiplier: 2\n", "s.yaml:3: spikes[0].tenant"},
		{"spike phrases language", "spikes:\n  - topic: billing\n    start: 2025-06-14\n    duration: 1h\n    multiplier: 2\n    phrases:\n      fr: [x]\n", "s.yaml:7: spikes[0].phrases.fr"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseScenario([]byte(tc.yaml), "s.yaml")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("want error containing %q, got %v", tc.want, err)
			}
		})
	}
}

func TestScenarioFileMissing(t *testing.T) {
	_, err := LoadScenario(filepath.Join(t.TempDir(), "none.yaml"))
	if err == nil || !os.IsNotExist(unwrapAll(err)) {
		t.Fatalf("want a not-exist error, got %v", err)
	}
}

func unwrapAll(err error) error {
	for {
		u, ok := err.(interface{ Unwrap() error })
		if !ok || u.Unwrap() == nil {
			return err
		}
		err = u.Unwrap()
	}
}

// TestDefaultEventsDropped: moving the default run away from its built-in
// spike and promotion drops them; events a person asked for are refused
// instead (TestScenarioErrors).
func TestDefaultEventsDropped(t *testing.T) {
	sc := DefaultScenario()
	sc.Days = 1
	_, ev := generate(t, func() Scenario { sc.PerDay = 50; return sc }(), 1)
	if len(ev.Spikes) != 0 || len(ev.Promotions) != 0 {
		t.Fatalf("default events outside a 1-day run kept: %+v", ev)
	}
}

func TestParseSpecs(t *testing.T) {
	sp, err := ParseSpike("topic=shelf_life,sku=DAIRY-002,start=2025-06-13T10:00,duration=2h,x=5")
	if err != nil || sp.Topic != "shelf_life" || sp.SKU != "DAIRY-002" || sp.Multiplier != 5 || sp.Duration != "2h" {
		t.Fatalf("ParseSpike: %+v, %v", sp, err)
	}
	for _, bad := range []string{"sku=X", "topic=billing", "topic=billing,start=x,x=abc", "topic=billing,start=x,color=red", "nonsense"} {
		if _, err := ParseSpike(bad); err == nil {
			t.Errorf("ParseSpike(%q): want an error", bad)
		}
	}
	p, err := ParsePromotion("double11:2025-11-11=5")
	if err != nil || p.Name != "double11" || p.Date != "2025-11-11" || p.Multiplier != 5 {
		t.Fatalf("ParsePromotion: %+v, %v", p, err)
	}
	if p, err := ParsePromotion("2025-06-18"); err != nil || p.Multiplier != 3 {
		t.Fatalf("ParsePromotion default: %+v, %v", p, err)
	}
	for _, bad := range []string{"2025-6-1", "2025-06-18=x", "2025-06-18=-1"} {
		if _, err := ParsePromotion(bad); err == nil {
			t.Errorf("ParsePromotion(%q): want an error", bad)
		}
	}
	sh, err := ParseShares("zh-Hans=0.7, en=0.3")
	if err != nil || sh["zh-Hans"] != 0.7 || sh["en"] != 0.3 {
		t.Fatalf("ParseShares: %v, %v", sh, err)
	}
	if _, err := ParseShares("zh-Hans"); err == nil {
		t.Error("ParseShares without =: want an error")
	}
	ts, err := ParseTenants("demo=3,acme")
	if err != nil || len(ts) != 2 || ts[0].Weight != 3 || ts[1].Weight != 1 {
		t.Fatalf("ParseTenants: %+v, %v", ts, err)
	}
	if _, err := ParseTenants("demo=0"); err == nil {
		t.Error("ParseTenants weight 0: want an error")
	}
}

func FuzzParseScenario(f *testing.F) {
	data, err := os.ReadFile("testdata/scenario.example.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte("days: 1\nspikes:\n  - topic: billing\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		_, _ = ParseScenario(b, "fuzz.yaml")
	})
}
