package config

import (
	"fmt"
	"math"
	"net"
	"regexp"
	"strconv"
	"time"

	"github.com/robfig/cron/v3"
)

type problem struct {
	key, msg, allowed string
}

// identifier matches the names convqa puts into SQL and topic names.
var identifier = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]{0,63}$`)
var topicName = regexp.MustCompile(`^[A-Za-z0-9._-]{1,249}$`)

func (c *Config) validate() []problem {
	var ps []problem
	add := func(key, msg, allowed string) { ps = append(ps, problem{key, msg, allowed}) }

	checkAddrs := func(key string, addrs []string) {
		if len(addrs) == 0 {
			add(key, "empty", "one or more host:port")
		}
		for _, a := range addrs {
			if err := hostPort(a); err != nil {
				add(key, fmt.Sprintf("%q: %v", a, err), "host:port with port 1–65535")
			}
		}
	}
	checkAddrs("clickhouse.addr", c.ClickHouse.Addr)
	if !identifier.MatchString(c.ClickHouse.Database) {
		add("clickhouse.database", fmt.Sprintf("%q is not a plain identifier", c.ClickHouse.Database), "letters, digits and _, not starting with a digit, at most 64")
	}
	if c.ClickHouse.Username == "" {
		add("clickhouse.username", "empty", "a ClickHouse user name")
	}
	if d := c.ClickHouse.DialTimeout; d < 100*time.Millisecond || d > 5*time.Minute {
		add("clickhouse.dial_timeout", fmt.Sprintf("%s is out of range", d), "100ms to 5m")
	}
	checkAddrs("kafka.brokers", c.Kafka.Brokers)
	for _, kv := range [][2]string{{"kafka.topic", c.Kafka.Topic}, {"kafka.dlq_topic", c.Kafka.DLQTopic}} {
		if !topicName.MatchString(kv[1]) {
			add(kv[0], fmt.Sprintf("%q is not a valid topic name", kv[1]), "1–249 of letters, digits, '.', '_' and '-'")
		}
	}
	if c.Kafka.Topic == c.Kafka.DLQTopic {
		add("kafka.dlq_topic", "same as kafka.topic", "a topic other than the input topic")
	}
	if c.Kafka.ClientID == "" {
		add("kafka.client_id", "empty", "any non-empty name")
	}
	ps = append(ps, c.Ingest.validate()...)
	ps = append(ps, c.Scoring.validate()...)
	ps = append(ps, c.Sentiment.validate()...)
	ps = append(ps, c.Run.validate()...)
	switch c.Log.Level {
	case "debug", "info", "warn", "error":
	default:
		add("log.level", fmt.Sprintf("%q", c.Log.Level), "debug, info, warn, error")
	}
	switch c.Log.Format {
	case "text", "json":
	default:
		add("log.format", fmt.Sprintf("%q", c.Log.Format), "text, json")
	}
	return ps
}

func hostPort(a string) error {
	host, port, err := net.SplitHostPort(a)
	if err != nil {
		return err
	}
	if host == "" {
		return fmt.Errorf("no host")
	}
	n, err := strconv.Atoi(port)
	if err != nil || n < 1 || n > 65535 {
		return fmt.Errorf("bad port %q", port)
	}
	return nil
}

func (in *Ingest) validate() []problem {
	var ps []problem
	add := func(key, msg, allowed string) { ps = append(ps, problem{key, msg, allowed}) }
	if !topicName.MatchString(in.GroupID) {
		add("ingest.group_id", fmt.Sprintf("%q", in.GroupID), "1–249 of letters, digits, '.', '_' and '-'")
	}
	if in.HTTPAddr != "" {
		if _, _, err := net.SplitHostPort(in.HTTPAddr); err != nil {
			add("ingest.http_addr", fmt.Sprintf("%q: %v", in.HTTPAddr, err), "host:port, :port, or empty to turn it off")
		}
	}
	intRange := func(key string, v, lo, hi int, allowed string) {
		if v < lo || v > hi {
			add(key, fmt.Sprintf("%d is out of range", v), allowed)
		}
	}
	intRange("ingest.batch_max_rows", in.BatchMaxRows, 1, 1000000, "1 to 1000000")
	intRange("ingest.batch_max_bytes", in.BatchMaxBytes, 1<<10, 1<<30, "1024 to 1073741824")
	intRange("ingest.max_message_bytes", in.MaxMessageBytes, 1<<10, 64<<20, "1024 to 67108864")
	durRange := func(key string, d, lo, hi time.Duration, allowed string) {
		if d < lo || d > hi {
			add(key, fmt.Sprintf("%s is out of range", d), allowed)
		}
	}
	durRange("ingest.batch_max_wait", in.BatchMaxWait, 10*time.Millisecond, time.Minute, "10ms to 1m")
	durRange("ingest.retry_max_backoff", in.RetryMaxBackoff, 100*time.Millisecond, 10*time.Minute, "100ms to 10m")
	durRange("ingest.shutdown_timeout", in.ShutdownTimeout, time.Second, 10*time.Minute, "1s to 10m")
	for _, t := range in.Redact {
		switch t {
		case "phone", "id_number", "bank_card", "email":
		default:
			add("ingest.redact", fmt.Sprintf("unknown PII type %q", t), "phone, id_number, bank_card, email")
		}
	}
	if in.CustomerHashKey != "" && len(in.CustomerHashKey) < 16 {
		// The length is safe to say; the key is not.
		add("ingest.customer_hash_key", fmt.Sprintf("%d bytes is too short", len(in.CustomerHashKey)), "at least 16 bytes")
	}
	return ps
}

// checkHTTPAddr accepts host:port, :port, or empty (off).
func checkHTTPAddr(add func(key, msg, allowed string), key, addr string) {
	if addr == "" {
		return
	}
	if _, _, err := net.SplitHostPort(addr); err != nil {
		add(key, fmt.Sprintf("%q: %v", addr, err), "host:port, :port, or empty to turn it off")
	}
}

func durRange(add func(key, msg, allowed string), key string, d, lo, hi time.Duration, allowed string) {
	if d < lo || d > hi {
		add(key, fmt.Sprintf("%s is out of range", d), allowed)
	}
}

func (s *Scoring) validate() []problem {
	var ps []problem
	add := func(key, msg, allowed string) { ps = append(ps, problem{key, msg, allowed}) }
	const scheduleAllowed = `a cron spec of 5 fields ("*/5 * * * *") or a descriptor ("@every 5m", "@hourly", "@daily")`
	if s.Schedule == "" {
		add("scoring.schedule", "empty", scheduleAllowed)
	} else if _, err := cron.ParseStandard(s.Schedule); err != nil {
		add("scoring.schedule", fmt.Sprintf("%q: %v", s.Schedule, err), scheduleAllowed)
	}
	if s.BatchSize < 1 || s.BatchSize > 5000 {
		add("scoring.batch_size", fmt.Sprintf("%d is out of range", s.BatchSize), "1 to 5000")
	}
	if math.IsNaN(s.RescoreRate) || s.RescoreRate < 0 || s.RescoreRate > 1e6 {
		add("scoring.rescore_rate", fmt.Sprintf("%v is out of range", s.RescoreRate), "0 (no cap) to 1000000 conversations per second")
	}
	for _, t := range s.Tenants {
		if t == "" {
			add("scoring.tenants", "an empty tenant name", "tenant names, comma-separated; empty list for every tenant")
		}
	}
	checkHTTPAddr(add, "scoring.http_addr", s.HTTPAddr)
	durRange(add, "scoring.retry_max_backoff", s.RetryMaxBackoff, 100*time.Millisecond, 10*time.Minute, "100ms to 10m")
	durRange(add, "scoring.retry_timeout", s.RetryTimeout, time.Second, 24*time.Hour, "1s to 24h")
	durRange(add, "scoring.shutdown_timeout", s.ShutdownTimeout, time.Second, 10*time.Minute, "1s to 10m")
	return ps
}

func (s *Sentiment) validate() []problem {
	var ps []problem
	add := func(key, msg, allowed string) { ps = append(ps, problem{key, msg, allowed}) }
	for _, t := range []struct {
		key string
		v   float64
	}{{"sentiment.anger_threshold", s.AngerThreshold}, {"sentiment.anxiety_threshold", s.AnxietyThreshold}} {
		if !(t.v > 0 && t.v <= 1) {
			add(t.key, fmt.Sprintf("%v is out of range", t.v), "greater than 0, at most 1")
		}
	}
	if s.HumanRequests < -1 || s.HumanRequests > 1000 {
		add("sentiment.human_requests", fmt.Sprintf("%d is out of range", s.HumanRequests), "-1 to 1000; 0 or -1 turns the rule off")
	}
	return ps
}

func (r *Run) validate() []problem {
	var ps []problem
	add := func(key, msg, allowed string) { ps = append(ps, problem{key, msg, allowed}) }
	checkHTTPAddr(add, "run.http_addr", r.HTTPAddr)
	durRange(add, "run.shutdown_timeout", r.ShutdownTimeout, time.Second, time.Hour, "1s to 1h")
	return ps
}
