package main

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

func run(t *testing.T, args ...string) (string, error) {
	t.Helper()
	root := newRootCmd()
	var out bytes.Buffer
	root.SetOut(&out)
	root.SetErr(&out)
	root.SetArgs(args)
	err := root.ExecuteContext(t.Context())
	return out.String(), err
}

func TestIngestHelpNamesBothPeers(t *testing.T) {
	out, err := run(t, "ingest", "--help")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"convqa ingest", "Kafka table", "--engine-consumers", "--runs", "--keep"} {
		if !strings.Contains(out, want) {
			t.Errorf("ingest --help lacks %q:\n%s", want, out)
		}
	}
}

func TestIngestRefusesMissingAddressesBeforeTouchingAnything(t *testing.T) {
	t.Setenv("CONVQA_CLICKHOUSE_ADDR", "")
	t.Setenv("CONVQA_KAFKA_BROKERS", "")
	_, err := run(t, "ingest", "--convqa-bin", "/nonexistent/convqa")
	if err == nil {
		t.Fatal("ingest without addresses succeeded")
	}
	for _, want := range []string{"ClickHouse address", "Kafka brokers"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not name %q", err, want)
		}
	}
}

func TestIngestRefusesBadFlags(t *testing.T) {
	_, err := run(t, "ingest", "--clickhouse-addr", "127.0.0.1:19000", "--kafka-brokers", "127.0.0.1:19092",
		"--partitions", "2", "--engine-consumers", "3")
	if err == nil || !strings.Contains(err.Error(), "kafka_num_consumers 3") {
		t.Errorf("more engine consumers than partitions: err = %v, want one naming kafka_num_consumers", err)
	}
}

func TestSplitList(t *testing.T) {
	if got, want := splitList(" a:1, ,b:2,"), []string{"a:1", "b:2"}; !slices.Equal(got, want) {
		t.Errorf("splitList = %q, want %q", got, want)
	}
	if got := splitList(""); got != nil {
		t.Errorf("splitList(\"\") = %q, want nil", got)
	}
}
