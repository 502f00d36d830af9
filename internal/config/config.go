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
	// Ingest configures "convqa ingest": Kafka → ClickHouse.
	Ingest Ingest `yaml:"ingest"`
	// Scoring configures the scoring job: "convqa score", and its schedule
	// in "convqa run".
	Scoring Scoring `yaml:"scoring"`
	// Sentiment configures the sentiment and emotion analysis the scoring
	// job runs.
	Sentiment Sentiment `yaml:"sentiment"`
	// Run configures "convqa run": ingest and the scheduled jobs in one
	// process.
	Run Run `yaml:"run"`
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

// Ingest configures the consumer that stores transcripts.
type Ingest struct {
	// GroupID is the Kafka consumer group; ingest processes with the same
	// group share the topic's partitions. Default "convqa-ingest".
	GroupID string `yaml:"group_id"`
	// HTTPAddr serves /healthz, /readyz and /metrics; empty turns it off.
	// Default "127.0.0.1:9464".
	HTTPAddr string `yaml:"http_addr"`
	// BatchMaxRows flushes a batch at this many utterance rows. ClickHouse
	// wants few, large inserts: about one per second per table, thousands
	// to a hundred thousand rows each. Default 50000; 1–1000000.
	BatchMaxRows int `yaml:"batch_max_rows"`
	// BatchMaxBytes flushes a batch at this many bytes of message values.
	// Default 33554432 (32 MiB); 1 KiB–1 GiB.
	BatchMaxBytes int `yaml:"batch_max_bytes"`
	// BatchMaxWait flushes a batch this long after its first message.
	// Default 1s; 10ms–1m.
	BatchMaxWait time.Duration `yaml:"batch_max_wait"`
	// MaxMessageBytes rejects larger messages to the DLQ. Default 1048576
	// (1 MiB); 1 KiB–64 MiB.
	MaxMessageBytes int `yaml:"max_message_bytes"`
	// Redact lists the PII types replaced by placeholders before storage:
	// phone, id_number, bank_card, email. Default all four; [] stores text
	// as it came.
	Redact []string `yaml:"redact"`
	// CustomerHashKey keys the HMAC that stands in for customer ids. Never
	// logged. One of it and CustomerHashKeyFile is required; at least 16
	// bytes.
	CustomerHashKey Secret `yaml:"customer_hash_key"`
	// CustomerHashKeyFile holds the key (trailing newline trimmed).
	CustomerHashKeyFile string `yaml:"customer_hash_key_file"`
	// RetryMaxBackoff caps the wait between retries of a failed insert,
	// commit or DLQ write; ingest retries for as long as it runs. Default
	// 30s; 100ms–10m.
	RetryMaxBackoff time.Duration `yaml:"retry_max_backoff"`
	// ShutdownTimeout bounds finishing the in-flight batch on SIGTERM;
	// what is not stored by then is left uncommitted, to be redelivered.
	// Default 30s; 1s–10m.
	ShutdownTimeout time.Duration `yaml:"shutdown_timeout"`
}

// Scoring configures the scoring job, which scores every closed
// conversation once per scorer version into the scores and rule_hits tables.
type Scoring struct {
	// Enabled schedules the job in "convqa run". Default true.
	Enabled bool `yaml:"enabled"`
	// Schedule is when "convqa run" starts the job: a cron spec of five
	// fields ("*/5 * * * *") or a descriptor ("@every 5m", "@hourly"). A
	// run that is still going when the next is due makes that one skip.
	// Default "@every 5m".
	Schedule string `yaml:"schedule"`
	// BatchSize is the number of conversations read, scored and written
	// together. Default 500; 1–5000.
	BatchSize int `yaml:"batch_size"`
	// RescoreRate caps re-scoring (conversations another scorer version
	// scored: history, after new rules or models ship), in conversations
	// per second; new conversations are scored first and at full speed.
	// 0 turns the cap off. Default 100; 0–1000000.
	RescoreRate float64 `yaml:"rescore_rate"`
	// Tenants limits the job to these tenants; empty: every tenant.
	// Default empty.
	Tenants []string `yaml:"tenants"`
	// Rules is a directory of rule files (YAML) to score with; empty: the
	// rule pack built into convqa. Default empty.
	Rules string `yaml:"rules"`
	// Scorecard is a scorecard file (YAML); empty: the built-in one.
	// Default empty.
	Scorecard string `yaml:"scorecard"`
	// HTTPAddr serves /metrics while "convqa score" runs (a long backfill
	// can be watched); empty turns it off. "convqa run" uses run.http_addr.
	// Default empty.
	HTTPAddr string `yaml:"http_addr"`
	// RetryMaxBackoff caps the wait between retries of a failed ClickHouse
	// read or insert. Default 30s; 100ms–10m.
	RetryMaxBackoff time.Duration `yaml:"retry_max_backoff"`
	// RetryTimeout is how long one failing read or insert is retried before
	// the run gives up (the next run starts over where this one stopped).
	// Default 5m; 1s–24h.
	RetryTimeout time.Duration `yaml:"retry_timeout"`
	// ShutdownTimeout bounds writing what was scored after SIGINT or
	// SIGTERM. Default 30s; 1s–10m.
	ShutdownTimeout time.Duration `yaml:"shutdown_timeout"`
}

// Sentiment configures the sentiment and emotion analysis.
type Sentiment struct {
	// Model is a trained model file from "convqa sentiment train"; empty:
	// the shipped rules and lexicons. Default empty.
	Model string `yaml:"model"`
	// AngerThreshold: customer anger at or above it flags an escalation.
	// Default 0.8; (0, 1].
	AngerThreshold float64 `yaml:"anger_threshold"`
	// AnxietyThreshold: likewise for anxiety. Default 0.8; (0, 1].
	AnxietyThreshold float64 `yaml:"anxiety_threshold"`
	// HumanRequests: the customer asking for a human this many times flags
	// an escalation; 0 or less turns the rule off. Default 2; -1–1000.
	HumanRequests int `yaml:"human_requests"`
}

// Run configures "convqa run".
type Run struct {
	// Ingest runs the Kafka consumer ("convqa ingest") in the process.
	// Default true.
	Ingest bool `yaml:"ingest"`
	// HTTPAddr serves /healthz, /readyz and /metrics for every component
	// of the process; empty turns it off. Default "127.0.0.1:9464".
	HTTPAddr string `yaml:"http_addr"`
	// ShutdownTimeout bounds waiting for a running scheduled job on
	// SIGTERM; a job still running then is interrupted (scoring resumes
	// where it stopped on the next run). Default 1m; 1s–1h.
	ShutdownTimeout time.Duration `yaml:"shutdown_timeout"`
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
		Ingest: Ingest{
			GroupID:         "convqa-ingest",
			HTTPAddr:        "127.0.0.1:9464",
			BatchMaxRows:    50000,
			BatchMaxBytes:   32 << 20,
			BatchMaxWait:    time.Second,
			MaxMessageBytes: 1 << 20,
			Redact:          []string{"phone", "id_number", "bank_card", "email"},
			RetryMaxBackoff: 30 * time.Second,
			ShutdownTimeout: 30 * time.Second,
		},
		Scoring: Scoring{
			Enabled:         true,
			Schedule:        "@every 5m",
			BatchSize:       2000,
			RescoreRate:     100,
			Tenants:         []string{},
			RetryMaxBackoff: 30 * time.Second,
			RetryTimeout:    5 * time.Minute,
			ShutdownTimeout: 30 * time.Second,
		},
		Sentiment: Sentiment{AngerThreshold: 0.8, AnxietyThreshold: 0.8, HumanRequests: 2},
		Run:       Run{Ingest: true, HTTPAddr: "127.0.0.1:9464", ShutdownTimeout: time.Minute},
		Log:       Log{Level: "info", Format: "text"},
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
