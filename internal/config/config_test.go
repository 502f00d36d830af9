package config

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestLoadGood(t *testing.T) {
	cfg, err := Load("testdata/good.yaml", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := Default()
	want.ClickHouse.Addr = []string{"ch1:9000", "ch2:9000"}
	want.ClickHouse.Database = "qa"
	want.ClickHouse.DialTimeout = 2 * time.Second
	want.Kafka.Brokers = []string{"k1:9092"}
	want.Kafka.Topic = "in"
	want.Kafka.DLQTopic = "in.dlq"
	want.Log = Log{Level: "debug", Format: "json"}
	if !reflect.DeepEqual(cfg, want) {
		t.Fatalf("got %+v\nwant %+v", cfg, want)
	}
}

func TestLoadEmptyFileKeepsDefaults(t *testing.T) {
	cfg, err := Load("testdata/empty.yaml", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(cfg, Default()) {
		t.Fatalf("got %+v", cfg)
	}
}

func TestLoadPrecedence(t *testing.T) {
	env := []string{
		"CONVQA_CLICKHOUSE_DATABASE=fromenv",
		"CONVQA_KAFKA_BROKERS=a:1, b:2",
		"CONVQA_LOG_LEVEL=warn",
		"CONVQA_STACK_CH_PORT=19000", // not a config key: ignored
		"PATH=/bin",
	}
	ov := []Override{{Key: "log.level", Value: "error", Source: "flag --log-level"}}
	cfg, err := Load("testdata/good.yaml", env, ov)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.ClickHouse.Database != "fromenv" {
		t.Errorf("env must override file: database = %q", cfg.ClickHouse.Database)
	}
	if got := cfg.Kafka.Brokers; !reflect.DeepEqual(got, []string{"a:1", "b:2"}) {
		t.Errorf("brokers = %q", got)
	}
	if cfg.Log.Level != "error" {
		t.Errorf("flag must override env: level = %q", cfg.Log.Level)
	}
	if cfg.Log.Format != "json" {
		t.Errorf("file value lost: format = %q", cfg.Log.Format)
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name string
		path string
		env  []string
		ov   []Override
		want []string // substrings the error must contain
	}{
		{"unknown key names file and line", "testdata/bad_unknown_key.yaml", nil, nil,
			[]string{"testdata/bad_unknown_key.yaml", "line 3", "databse"}},
		{"wrong type names line", "testdata/bad_type.yaml", nil, nil,
			[]string{"testdata/bad_type.yaml", "line 2"}},
		{"values name file:line, key and what is allowed", "testdata/bad_values.yaml", nil, nil, []string{
			"testdata/bad_values.yaml:2: clickhouse.addr",
			"testdata/bad_values.yaml:3: clickhouse.dial_timeout: 1h0m0s is out of range (allowed: 100ms to 5m)",
			"testdata/bad_values.yaml:5: kafka.topic",
			"testdata/bad_values.yaml:7: log.level: \"loud\" (allowed: debug, info, warn, error)",
		}},
		{"env value that does not parse", "", []string{"CONVQA_CLICKHOUSE_DIAL_TIMEOUT=soon"}, nil,
			[]string{"environment CONVQA_CLICKHOUSE_DIAL_TIMEOUT", "not a duration"}},
		{"env value out of range names the variable", "", []string{"CONVQA_CLICKHOUSE_DIAL_TIMEOUT=1ms"}, nil,
			[]string{"environment CONVQA_CLICKHOUSE_DIAL_TIMEOUT: clickhouse.dial_timeout"}},
		{"bad bool", "", []string{"CONVQA_CLICKHOUSE_SECURE=yes please"}, nil,
			[]string{"CONVQA_CLICKHOUSE_SECURE", "allowed: true, false"}},
		{"flag names itself", "", nil, []Override{{Key: "kafka.dlq_topic", Value: "convqa.transcripts", Source: "flag --dlq"}},
			[]string{"flag --dlq: kafka.dlq_topic: same as kafka.topic"}},
		{"unknown override key lists keys", "", nil, []Override{{Key: "kafka.nope", Value: "x", Source: "flag --x"}},
			[]string{"unknown config key \"kafka.nope\"", "kafka.brokers"}},
		{"missing file", "testdata/does-not-exist.yaml", nil, nil, []string{"does-not-exist.yaml"}},
		{"unknown PII type", "", []string{"CONVQA_INGEST_REDACT=phone,passport"}, nil,
			[]string{"environment CONVQA_INGEST_REDACT: ingest.redact: unknown PII type \"passport\" (allowed: phone, id_number, bank_card, email)"}},
		{"short hash key, without showing it", "", []string{"CONVQA_INGEST_CUSTOMER_HASH_KEY=tiny-key"}, nil,
			[]string{"ingest.customer_hash_key: 8 bytes is too short (allowed: at least 16 bytes)"}},
		{"batch rows out of range", "", nil, []Override{{Key: "ingest.batch_max_rows", Value: "0", Source: "flag --batch-max-rows"}},
			[]string{"flag --batch-max-rows: ingest.batch_max_rows: 0 is out of range (allowed: 1 to 1000000)"}},
		{"database must be an identifier", "", []string{"CONVQA_CLICKHOUSE_DATABASE=qa; DROP TABLE x"}, nil,
			[]string{"clickhouse.database", "not a plain identifier"}},
		{"scoring and sentiment values name file:line, key and what is allowed", "testdata/bad_scoring.yaml", nil, nil, []string{
			"testdata/bad_scoring.yaml:2: scoring.schedule: \"every five minutes\"",
			"(allowed: a cron spec of 5 fields",
			"testdata/bad_scoring.yaml:3: scoring.batch_size: 0 is out of range (allowed: 1 to 5000)",
			"testdata/bad_scoring.yaml:4: scoring.rescore_rate: -5 is out of range (allowed: 0 (no cap) to 1000000 conversations per second)",
			"testdata/bad_scoring.yaml:6: sentiment.anger_threshold: 1.5 is out of range (allowed: greater than 0, at most 1)",
			"testdata/bad_scoring.yaml:7: sentiment.human_requests: -3 is out of range (allowed: -1 to 1000; 0 or -1 turns the rule off)",
			"testdata/bad_scoring.yaml:9: run.shutdown_timeout: 0s is out of range (allowed: 1s to 1h)",
		}},
		{"bad schedule from the environment", "", []string{"CONVQA_SCORING_SCHEDULE=@sometimes"}, nil,
			[]string{"environment CONVQA_SCORING_SCHEDULE: scoring.schedule: \"@sometimes\""}},
		{"rate that is not a number", "", nil, []Override{{Key: "scoring.rescore_rate", Value: "fast", Source: "flag --rate"}},
			[]string{"flag --rate: scoring.rescore_rate: \"fast\" is not a number"}},
		{"threshold zero", "", []string{"CONVQA_SENTIMENT_ANXIETY_THRESHOLD=0"}, nil,
			[]string{"environment CONVQA_SENTIMENT_ANXIETY_THRESHOLD: sentiment.anxiety_threshold: 0 is out of range"}},
		{"run address", "", []string{"CONVQA_RUN_HTTP_ADDR=nowhere"}, nil,
			[]string{"environment CONVQA_RUN_HTTP_ADDR: run.http_addr: \"nowhere\""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(tt.path, tt.env, tt.ov)
			if err == nil {
				t.Fatal("want an error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q\ndoes not contain %q", err, w)
				}
			}
		})
	}
}

func TestSecretNeverShows(t *testing.T) {
	dir := t.TempDir()
	pw := filepath.Join(dir, "pw")
	if err := os.WriteFile(pw, []byte("hunter2-very-secret\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := Load("", []string{"CONVQA_CLICKHOUSE_PASSWORD_FILE=" + pw}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.ClickHouse.Password.Reveal() != "hunter2-very-secret" {
		t.Fatalf("password from file = %q", cfg.ClickHouse.Password.Reveal())
	}
	for _, s := range []string{cfg.ClickHouse.Password.String(), formatV(cfg)} {
		if strings.Contains(s, "hunter2") {
			t.Fatalf("secret leaked: %s", s)
		}
	}
	// Both set is a conflict, and the error must not echo the secret.
	_, err = Load("", []string{"CONVQA_CLICKHOUSE_PASSWORD_FILE=" + pw, "CONVQA_CLICKHOUSE_PASSWORD=hunter3"}, nil)
	if err == nil || strings.Contains(err.Error(), "hunter") {
		t.Fatalf("want a conflict error without the secret, got %v", err)
	}
}

func TestHashKeyFromFileAndRedactOff(t *testing.T) {
	key := filepath.Join(t.TempDir(), "key")
	if err := os.WriteFile(key, []byte("0123456789abcdef-secret\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := Load("", []string{"CONVQA_INGEST_CUSTOMER_HASH_KEY_FILE=" + key, "CONVQA_INGEST_REDACT="}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Ingest.CustomerHashKey.Reveal() != "0123456789abcdef-secret" {
		t.Errorf("key from file = %q", cfg.Ingest.CustomerHashKey.Reveal())
	}
	if len(cfg.Ingest.Redact) != 0 {
		t.Errorf("an empty CONVQA_INGEST_REDACT must turn redaction off, got %q", cfg.Ingest.Redact)
	}
}

func formatV(cfg Config) string {
	b, _ := cfg.ClickHouse.Password.MarshalText()
	return string(b) + " " + strings.Join(cfg.ClickHouse.Addr, ",")
}

func TestKeysAndEnvNames(t *testing.T) {
	keys := Keys()
	if len(keys) < 10 {
		t.Fatalf("only %d keys", len(keys))
	}
	for _, k := range keys {
		cfg := Default()
		// Every key must be settable from text of some form.
		var v string
		switch k {
		case "clickhouse.dial_timeout", "ingest.batch_max_wait", "ingest.retry_max_backoff", "ingest.shutdown_timeout",
			"scoring.retry_max_backoff", "scoring.retry_timeout", "scoring.shutdown_timeout", "run.shutdown_timeout":
			v = "3s"
		case "clickhouse.secure", "scoring.enabled", "run.ingest":
			v = "true"
		case "ingest.batch_max_rows", "ingest.batch_max_bytes", "ingest.max_message_bytes", "scoring.batch_size", "sentiment.human_requests":
			v = "4096"
		case "scoring.rescore_rate", "sentiment.anger_threshold", "sentiment.anxiety_threshold":
			v = "0.5"
		default:
			v = "x:1"
		}
		if err := Set(&cfg, k, v); err != nil {
			t.Errorf("Set(%s): %v", k, err)
		}
	}
	if got := EnvName("clickhouse.dial_timeout"); got != "CONVQA_CLICKHOUSE_DIAL_TIMEOUT" {
		t.Errorf("EnvName = %s", got)
	}
}

// The example config in the repository root must load, equal the defaults,
// and mention every key, so it stays the documentation of the config.
func TestExampleConfigDocumentsEveryKey(t *testing.T) {
	const path = "../../convqa.example.yaml"
	cfg, err := Load(path, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(cfg, Default()) {
		t.Errorf("example differs from the defaults:\n got %+v\nwant %+v", cfg, Default())
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range Keys() {
		leaf := k[strings.LastIndex(k, ".")+1:]
		if !strings.Contains(string(b), "  "+leaf+":") {
			t.Errorf("example config does not show key %s", k)
		}
	}
}
