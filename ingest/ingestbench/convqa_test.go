package ingestbench

import (
	"slices"
	"strings"
	"testing"
)

func TestParseMetrics(t *testing.T) {
	text := `# HELP convqa_ingest_rows_inserted_total Rows acknowledged by ClickHouse, by table.
# TYPE convqa_ingest_rows_inserted_total counter
convqa_ingest_rows_inserted_total{table="conversations"} 49535
convqa_ingest_rows_inserted_total{table="utterances"} 1e+06
convqa_ingest_messages_rejected_total{reason="invalid_json"} 2
convqa_ingest_messages_rejected_total{reason="too_large"} 1
convqa_ingest_ready 1
`
	m, err := parseMetrics(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	if got := m.get(`convqa_ingest_rows_inserted_total{table="utterances"}`); got != 1e6 {
		t.Errorf("utterances inserted = %v, want 1e6", got)
	}
	if got := m.get(`convqa_ingest_rows_inserted_total{table="conversations"}`); got != 49535 {
		t.Errorf("conversations inserted = %v, want 49535", got)
	}
	if got := m.sum("convqa_ingest_messages_rejected_total"); got != 3 {
		t.Errorf("rejected = %v, want 3", got)
	}
	if got := m.sum("convqa_ingest_ready"); got != 1 {
		t.Errorf("ready = %v, want 1", got)
	}
	if got := m.sum("convqa_ingest"); got != 0 {
		t.Errorf("sum of a name prefix = %v, want 0: only whole names count", got)
	}
}

func TestParseMetricsRejectsGarbage(t *testing.T) {
	for _, text := range []string{"lonely_name\n", "x{a=\"b\"} NaNa\n"} {
		if _, err := parseMetrics(strings.NewReader(text)); err == nil {
			t.Errorf("parseMetrics(%q) succeeded, want an error", text)
		}
	}
}

func TestSubprocessEnvDropsTheCallersConvqaVariables(t *testing.T) {
	parent := []string{"PATH=/usr/bin", "CONVQA_CONFIG=/home/me/convqa.yaml", "CONVQA_INGEST_BATCH_MAX_ROWS=1", "HOME=/root"}
	got := subprocessEnv(parent, map[string]string{"CONVQA_KAFKA_TOPIC": "t"})
	slices.Sort(got)
	want := []string{"CONVQA_KAFKA_TOPIC=t", "HOME=/root", "PATH=/usr/bin"}
	if !slices.Equal(got, want) {
		t.Errorf("subprocessEnv = %q, want %q", got, want)
	}
}

func TestEngineDDLQuotesAndNamesItsSettings(t *testing.T) {
	ddl := engineDDL("db1", "127.0.0.1:19092", "top'ic", "g1", EngineSettings{NumConsumers: 4, MaxBlockSize: 65536})
	if len(ddl) != 2 {
		t.Fatalf("got %d statements, want the Kafka table and the view", len(ddl))
	}
	for _, want := range []string{`'top\'ic'`, "kafka_num_consumers = 4", "kafka_max_block_size = 65536", "kafka_format = 'JSONEachRow'"} {
		if !strings.Contains(ddl[0], want) {
			t.Errorf("Kafka table DDL lacks %s:\n%s", want, ddl[0])
		}
	}
	for _, want := range []string{"TO db1.utterances", "FROM db1.utterances_queue", `extract(sent_at, '\\.([0-9]{3})')`} {
		if !strings.Contains(ddl[1], want) {
			t.Errorf("view DDL lacks %s:\n%s", want, ddl[1])
		}
	}
}

func TestConfigValidate(t *testing.T) {
	good := Config{ClickHouseAddr: "127.0.0.1:19000", KafkaBrokers: []string{"127.0.0.1:19092"}}.withDefaults()
	if err := good.Validate(); err != nil {
		t.Fatalf("defaults: %v", err)
	}
	tests := []struct {
		name   string
		change func(*Config)
		want   string
	}{
		{"no ClickHouse", func(c *Config) { c.ClickHouseAddr = "" }, "ClickHouse address"},
		{"no brokers", func(c *Config) { c.KafkaBrokers = nil }, "Kafka brokers"},
		{"negative rows", func(c *Config) { c.Rows = -1 }, "rows -1"},
		{"more consumers than partitions", func(c *Config) { c.Engine.NumConsumers = 9 }, "kafka_num_consumers 9"},
		{"batch too big", func(c *Config) { c.BatchMaxRows = 2_000_000 }, "batch max rows"},
	}
	for _, tt := range tests {
		c := good
		tt.change(&c)
		err := c.Validate()
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: Validate() = %v, want an error naming %q", tt.name, err, tt.want)
		}
	}
}
