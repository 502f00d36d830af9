package chaos

import (
	"reflect"
	"testing"
	"time"
)

func TestPlanIsDrawnFromTheSeed(t *testing.T) {
	c := DefaultConfig()
	a, b := NewPlan(c), NewPlan(c)
	if !reflect.DeepEqual(a, b) {
		t.Fatalf("same seed, different plans:\n%s\n%s", a, b)
	}
	c.Seed++
	if other := NewPlan(c); reflect.DeepEqual(a.Kills, other.Kills) {
		t.Fatalf("seeds %d and %d give the same kills", c.Seed-1, c.Seed)
	}
}

func TestPlanShape(t *testing.T) {
	tests := []struct {
		name      string
		kills     int
		ingesters int
		ch, kafka bool
		restarts  []string
	}{
		{"full", 10, 2, true, true, []string{"clickhouse", "kafka"}},
		{"kills only", 3, 1, false, false, nil},
		{"kafka only", 0, 3, false, true, []string{"kafka"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for seed := uint64(0); seed < 50; seed++ {
				c := DefaultConfig()
				c.Seed, c.Kills, c.Ingesters, c.RestartClickHouse, c.RestartKafka = seed, tt.kills, tt.ingesters, tt.ch, tt.kafka
				p := NewPlan(c)
				if len(p.Kills) != tt.kills {
					t.Fatalf("seed %d: %d kills, want %d", seed, len(p.Kills), tt.kills)
				}
				for i, k := range p.Kills {
					if k.At < c.ProduceFor/20 || k.At > c.ProduceFor*19/20 {
						t.Errorf("seed %d: kill at %v, outside the middle 90%% of %v", seed, k.At, c.ProduceFor)
					}
					if i > 0 && k.At < p.Kills[i-1].At {
						t.Errorf("seed %d: kills out of order", seed)
					}
					if k.Ingester < 0 || k.Ingester >= tt.ingesters || k.Revive < 0 || k.Revive > 3*time.Second {
						t.Errorf("seed %d: kill %+v out of range", seed, k)
					}
				}
				var got []string
				for _, r := range p.Restarts {
					got = append(got, r.Service)
					if r.Down != c.Down {
						t.Errorf("seed %d: %s down %v, want %v", seed, r.Service, r.Down, c.Down)
					}
				}
				if !reflect.DeepEqual(got, tt.restarts) {
					t.Fatalf("seed %d: restarts %v, want %v", seed, got, tt.restarts)
				}
				// ClickHouse's window ends before Kafka's begins: the two
				// outages must not overlap.
				if len(p.Restarts) == 2 && p.Restarts[0].At >= p.Restarts[1].At {
					t.Errorf("seed %d: restarts out of order: %+v", seed, p.Restarts)
				}
				for _, r := range p.Restarts {
					for _, k := range p.Kills {
						if k.At > r.At-c.Settle && k.At <= r.At {
							t.Errorf("seed %d: kill at %v within %v before the %s restart at %v", seed, k.At, c.Settle, r.Service, r.At)
						}
					}
				}
			}
		})
	}
}
