package chaos

import (
	"strings"
	"testing"
	"time"
)

func validConfig() Config {
	c := DefaultConfig()
	c.ClickHouseAddr, c.KafkaBrokers = "127.0.0.1:19000", []string{"127.0.0.1:19092"}
	return c
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name    string
		change  func(*Config)
		wantErr string // "" for valid
	}{
		{"default with the stack's addresses", func(*Config) {}, ""},
		{"localhost and IPv6 loopback", func(c *Config) {
			c.ClickHouseAddr, c.KafkaBrokers = "localhost:19000", []string{"[::1]:19092"}
		}, ""},
		{"no restarts need no script", func(c *Config) {
			c.RestartClickHouse, c.RestartKafka, c.StackScript = false, false, ""
		}, ""},
		{"remote ClickHouse", func(c *Config) { c.ClickHouseAddr = "10.0.0.5:9000" }, "not a loopback address"},
		{"remote broker", func(c *Config) { c.KafkaBrokers = append(c.KafkaBrokers, "kafka.example.com:9092") }, "not a loopback address"},
		{"no port", func(c *Config) { c.ClickHouseAddr = "127.0.0.1" }, "want host:port"},
		{"no brokers", func(c *Config) { c.KafkaBrokers = nil }, "none given"},
		{"no utterances", func(c *Config) { c.Utterances = 0 }, "utterances 0"},
		{"share out of range", func(c *Config) { c.MalformedShare = 1 }, "malformed share"},
		{"long outage", func(c *Config) { c.Down = 2 * time.Minute }, "down 2m0s"},
		{"no timeout", func(c *Config) { c.Timeout = 0 }, "timeout 0s"},
		{"restarts need the script", func(c *Config) { c.StackScript = "" }, "stack script"},
		{"too many ingesters", func(c *Config) { c.Ingesters = 9 }, "ingesters 9"},
		{"no stop grace", func(c *Config) { c.StopGrace = 0 }, "stop grace 0s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := validConfig()
			tt.change(&c)
			err := c.Validate()
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("Validate: %v", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Fatalf("Validate: %v, want an error containing %q", err, tt.wantErr)
			}
		})
	}
}
