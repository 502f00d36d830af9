package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
)

func TestRunRefusesBeforeTouchingAnything(t *testing.T) {
	stack := map[string]string{"CONVQA_CLICKHOUSE_ADDR": "127.0.0.1:19000", "CONVQA_KAFKA_BROKERS": "127.0.0.1:19092"}
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		code    int
		wantErr string
	}{
		{"help", []string{"--help"}, stack, 0, "Flags:"},
		{"unknown flag", []string{"--kill", "3"}, stack, 2, "flag provided but not defined"},
		{"stray argument", []string{"now"}, stack, 2, "unexpected arguments"},
		{"no stack in the environment", nil, nil, 2, "make stack-up"},
		{"remote server", nil, map[string]string{"CONVQA_CLICKHOUSE_ADDR": "db.example.com:9000", "CONVQA_KAFKA_BROKERS": "127.0.0.1:19092"}, 2, "not a loopback address"},
		{"bad value", []string{"--ingesters", "0"}, stack, 2, "ingesters 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := run(context.Background(), tt.args, func(k string) string { return tt.env[k] }, &out, &errOut)
			if code != tt.code || !strings.Contains(errOut.String(), tt.wantErr) {
				t.Fatalf("exit %d, stderr:\n%s\nwant exit %d and %q", code, errOut.String(), tt.code, tt.wantErr)
			}
		})
	}
}

func TestParseFlags(t *testing.T) {
	env := func(k string) string {
		return map[string]string{"CONVQA_CLICKHOUSE_ADDR": " 127.0.0.1:19000 ", "CONVQA_KAFKA_BROKERS": "127.0.0.1:19092, 127.0.0.1:19094"}[k]
	}
	c, err := parse([]string{"--seed", "42", "--utterances", "1000", "--kills", "2", "--produce-for", "30s",
		"--restart-kafka=false", "--keep"}, env, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	if c.Seed != 42 || c.Utterances != 1000 || c.Kills != 2 || c.ProduceFor != 30*time.Second ||
		c.RestartKafka || !c.RestartClickHouse || !c.Keep {
		t.Errorf("flags not applied: %+v", c)
	}
	if c.ClickHouseAddr != "127.0.0.1:19000" || len(c.KafkaBrokers) != 2 || c.KafkaBrokers[1] != "127.0.0.1:19094" {
		t.Errorf("addresses from the environment: %q %q", c.ClickHouseAddr, c.KafkaBrokers)
	}
}
