package config

import (
	"fmt"
	"net"
	"regexp"
	"strconv"
	"time"
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
