package chaos

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"github.com/segmentio/kafka-go"
)

// ingestEnv is the environment of every convqa process of the run: this
// process's own, less any CONVQA_* setting (a developer's config file or
// topic must not leak in), plus the run's.
func ingestEnv(c Config, rep *Report) []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "CONVQA_") {
			env = append(env, kv)
		}
	}
	set := func(k, v string) { env = append(env, k+"="+v) }
	set("CONVQA_CLICKHOUSE_ADDR", c.ClickHouseAddr)
	set("CONVQA_CLICKHOUSE_DATABASE", rep.Database)
	set("CONVQA_KAFKA_BROKERS", strings.Join(c.KafkaBrokers, ","))
	set("CONVQA_KAFKA_TOPIC", rep.Topic)
	set("CONVQA_KAFKA_DLQ_TOPIC", rep.DLQTopic)
	set("CONVQA_KAFKA_CLIENT_ID", "convqa-chaos")
	set("CONVQA_INGEST_GROUP_ID", rep.Group)
	set("CONVQA_INGEST_CUSTOMER_HASH_KEY", "convqa-chaos-customer-hash-key-"+strconv.FormatUint(c.Seed, 10))
	// Several processes on one machine: no fixed port to fight over.
	set("CONVQA_INGEST_HTTP_ADDR", "")
	set("CONVQA_INGEST_BATCH_MAX_ROWS", strconv.Itoa(c.BatchMaxRows))
	set("CONVQA_INGEST_BATCH_MAX_WAIT", c.BatchMaxWait.String())
	set("CONVQA_INGEST_SHUTDOWN_TIMEOUT", c.ShutdownTimeout.String())
	// Short backoff: after a server restart ingest should resume within
	// seconds, not sit out a long sleep while the run's clock ticks.
	set("CONVQA_INGEST_RETRY_MAX_BACKOFF", "2s")
	set("CONVQA_LOG_FORMAT", "json")
	set("CONVQA_LOG_LEVEL", "info")
	return env
}

// migrate creates the run's database and schema with `convqa migrate`.
func migrate(ctx context.Context, bin string, env []string, logPath string) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	f, err := os.Create(logPath)
	if err != nil {
		return err
	}
	defer func() { _ = f.Close() }()
	cmd := exec.CommandContext(ctx, bin, "migrate")
	cmd.Env, cmd.Stdout, cmd.Stderr = env, f, f
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s migrate (log: %s): %w", bin, logPath, err)
	}
	return nil
}

// deleteGroup removes the run's consumer group, whose committed offsets
// would otherwise linger on the broker for the offsets' retention.
func deleteGroup(ctx context.Context, brokers []string, group string) error {
	cl := &kafka.Client{Addr: kafka.TCP(brokers...), Timeout: 30 * time.Second}
	res, err := cl.DeleteGroups(ctx, &kafka.DeleteGroupsRequest{GroupIDs: []string{group}})
	if err != nil {
		return err
	}
	if err := res.Errors[group]; err != nil && !errors.Is(err, kafka.GroupIdNotFound) {
		return err
	}
	return nil
}
