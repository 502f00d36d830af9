// Package config holds convqa's typed configuration: one YAML file, overridden
// by CONVQA_* environment variables, overridden by command-line flags.
//
// Every field documents its default, unit and allowed values; Load validates
// the result and reports each mistake with the key, where it came from (file
// and line, environment variable or flag) and what is allowed.
package config

import (
	"time"
)

// Config is the whole convqa configuration.
type Config struct {
	// ClickHouse is where conversations, scores and everything else are stored.
	ClickHouse ClickHouse `yaml:"clickhouse"`
	// Kafka is where transcripts arrive.
	Kafka Kafka `yaml:"kafka"`
	// Log controls the structured logs written to stderr.
	Log Log `yaml:"log"`
}

// ClickHouse configures the connection to the ClickHouse server. convqa uses
// the native protocol only (ClickHouse 18.16 does not work over HTTP with
// clickhouse-go/v2).
type ClickHouse struct {
	// Addr lists host:port of native-protocol endpoints. Default ["127.0.0.1:9000"].
	Addr []string `yaml:"addr"`
	// Database holds convqa's tables; migrate creates it. Default "convqa".
	Database string `yaml:"database"`
	// Username to log in with. Default "default".
	Username string `yaml:"username"`
	// Password to log in with. Default empty. Never logged.
	Password Secret `yaml:"password"`
	// PasswordFile, when set, is read for the password (trailing newline
	// trimmed); it conflicts with Password.
	PasswordFile string `yaml:"password_file"`
	// DialTimeout bounds connecting to a server. Default 5s; 100ms–5m.
	DialTimeout time.Duration `yaml:"dial_timeout"`
	// Secure turns on TLS. Default false.
	Secure bool `yaml:"secure"`
}

// Kafka configures the brokers and topics convqa reads and writes.
type Kafka struct {
	// Brokers lists host:port bootstrap addresses. Default ["127.0.0.1:9092"].
	Brokers []string `yaml:"brokers"`
	// Topic carries convqa.transcript.v1 messages. Default "convqa.transcripts".
	Topic string `yaml:"topic"`
	// DLQTopic receives messages that fail validation, with their original
	// bytes. Default "convqa.transcripts.dlq".
	DLQTopic string `yaml:"dlq_topic"`
	// ClientID names this process to the brokers. Default "convqa".
	ClientID string `yaml:"client_id"`
}

// Log configures logging.
type Log struct {
	// Level is one of debug, info, warn, error. Default "info".
	Level string `yaml:"level"`
	// Format is text or json. Default "text".
	Format string `yaml:"format"`
}

// Default returns the configuration used when nothing overrides it.
func Default() Config {
	return Config{
		ClickHouse: ClickHouse{
			Addr:        []string{"127.0.0.1:9000"},
			Database:    "convqa",
			Username:    "default",
			DialTimeout: 5 * time.Second,
		},
		Kafka: Kafka{
			Brokers:  []string{"127.0.0.1:9092"},
			Topic:    "convqa.transcripts",
			DLQTopic: "convqa.transcripts.dlq",
			ClientID: "convqa",
		},
		Log: Log{Level: "info", Format: "text"},
	}
}

// Secret is a string that never shows itself in logs, errors or dumps.
type Secret string

// String hides the value.
func (s Secret) String() string {
	if s == "" {
		return ""
	}
	return "<secret>"
}

// MarshalYAML hides the value when a config is printed.
func (s Secret) MarshalYAML() (any, error) { return s.String(), nil }

// MarshalText hides the value in JSON and slog output.
func (s Secret) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Reveal returns the value itself, for the one place that needs it.
func (s Secret) Reveal() string { return string(s) }
