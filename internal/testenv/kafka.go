package testenv

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"
)

// KafkaTopic creates a uniquely named topic with the given number of
// partitions (replication factor 1, as on the stack's single broker) for the
// calling test, waits until every partition has a leader, and deletes the topic
// when the test ends. The test is skipped (failed with CI=true) when Kafka is
// unavailable, as with KafkaBrokers.
func KafkaTopic(t testing.TB, partitions int) string {
	t.Helper()
	if partitions < 1 {
		t.Fatalf("KafkaTopic: partitions must be at least 1, got %d", partitions)
		return ""
	}
	brokers := KafkaBrokers(t)
	if brokers == nil {
		return ""
	}
	topic := UniqueName(t, "convqa_test")
	ctx, cancel := context.WithTimeout(context.Background(), setupTimeout)
	defer cancel()

	err := withController(ctx, brokers, func(c *kafka.Conn) error {
		return c.CreateTopics(kafka.TopicConfig{Topic: topic, NumPartitions: partitions, ReplicationFactor: 1})
	})
	if err != nil {
		t.Fatalf("create Kafka topic %s on %v: %v", topic, brokers, err)
		return ""
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), setupTimeout)
		defer cancel()
		err := withController(ctx, brokers, func(c *kafka.Conn) error { return c.DeleteTopics(topic) })
		if err != nil && !errors.Is(err, kafka.UnknownTopicOrPartition) {
			t.Errorf("delete Kafka topic %s on %v: %v", topic, brokers, err)
		}
	})
	if err := waitForLeaders(ctx, brokers, topic, partitions); err != nil {
		t.Fatalf("Kafka topic %s on %v: %v", topic, brokers, err)
		return ""
	}
	return topic
}

// withController runs fn on a connection to the cluster's controller, the
// broker that topic changes must go to, found through the first broker that
// answers.
func withController(ctx context.Context, brokers []string, fn func(*kafka.Conn) error) error {
	conn, err := dialAny(ctx, brokers)
	if err != nil {
		return err
	}
	controller, err := conn.Controller()
	_ = conn.Close()
	if err != nil {
		return fmt.Errorf("find the controller: %w", err)
	}
	addr := net.JoinHostPort(controller.Host, strconv.Itoa(controller.Port))
	cc, err := kafka.DialContext(ctx, "tcp", addr)
	if err != nil {
		return fmt.Errorf("dial controller %s: %w", addr, err)
	}
	defer func() { _ = cc.Close() }()
	if deadline, ok := ctx.Deadline(); ok {
		_ = cc.SetDeadline(deadline)
	}
	return fn(cc)
}

// waitForLeaders polls the topic's metadata: a topic just created in KRaft
// mode is committed before every broker has loaded it, and a producer that
// comes too early gets "unknown topic or partition".
func waitForLeaders(ctx context.Context, brokers []string, topic string, partitions int) error {
	var last error
	for {
		last = leadersReady(ctx, brokers, topic, partitions)
		if last == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("partitions without a leader after the wait: %w", last)
		case <-time.After(100 * time.Millisecond):
		}
	}
}

func leadersReady(ctx context.Context, brokers []string, topic string, partitions int) error {
	conn, err := dialAny(ctx, brokers)
	if err != nil {
		return err
	}
	defer func() { _ = conn.Close() }()
	if deadline, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(deadline)
	}
	parts, err := conn.ReadPartitions(topic)
	if err != nil {
		return err
	}
	led := 0
	for _, p := range parts {
		if p.Topic == topic && p.Leader.Host != "" {
			led++
		}
	}
	if led < partitions {
		return fmt.Errorf("%d of %d partitions have a leader", led, partitions)
	}
	return nil
}

func dialAny(ctx context.Context, brokers []string) (*kafka.Conn, error) {
	var errs []error
	for _, b := range brokers {
		conn, err := kafka.DialContext(ctx, "tcp", b)
		if err == nil {
			return conn, nil
		}
		errs = append(errs, err)
	}
	return nil, fmt.Errorf("dial Kafka brokers %v: %w", brokers, errors.Join(errs...))
}
