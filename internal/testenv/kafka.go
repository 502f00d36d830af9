package testenv

import (
	"context"
	"testing"

	"github.com/convqa/convqa/internal/kafkaadmin"
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
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), setupTimeout)
		defer cancel()
		if err := kafkaadmin.DeleteTopic(ctx, brokers, topic); err != nil {
			t.Errorf("test cleanup on %v: %v", brokers, err)
		}
	})
	if _, err := kafkaadmin.EnsureTopic(ctx, brokers, kafkaadmin.Topic{Name: topic, Partitions: partitions, ReplicationFactor: 1}); err != nil {
		t.Fatalf("Kafka topic for the test on %v: %v", brokers, err)
		return ""
	}
	return topic
}
