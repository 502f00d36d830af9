package kafkaadmin_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/convqa/convqa/internal/kafkaadmin"
	"github.com/convqa/convqa/internal/testenv"
)

func TestEnsureTopicAgainstTheStackBroker(t *testing.T) {
	brokers := testenv.KafkaBrokers(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	name := testenv.UniqueName(t, "convqa_test")
	t.Cleanup(func() { _ = kafkaadmin.DeleteTopic(context.Background(), brokers, name) })

	created, err := kafkaadmin.EnsureTopic(ctx, brokers, kafkaadmin.Topic{Name: name, Partitions: 3, ReplicationFactor: 1})
	if err != nil || !created {
		t.Fatalf("first EnsureTopic: created=%v err=%v", created, err)
	}
	// A second call leaves the topic alone, even with another partition count.
	created, err = kafkaadmin.EnsureTopic(ctx, brokers, kafkaadmin.Topic{Name: name, Partitions: 5, ReplicationFactor: 1})
	if err != nil || created {
		t.Fatalf("second EnsureTopic: created=%v err=%v", created, err)
	}
	if err := kafkaadmin.WaitForLeaders(ctx, brokers, name, 3); err != nil {
		t.Fatal(err)
	}
	short, cancelShort := context.WithTimeout(ctx, time.Second)
	defer cancelShort()
	if err := kafkaadmin.WaitForLeaders(short, brokers, name, 4); err == nil {
		t.Fatal("a 3-partition topic cannot have 4 leaders")
	}
	if err := kafkaadmin.DeleteTopic(ctx, brokers, name); err != nil {
		t.Fatal(err)
	}
	if err := kafkaadmin.DeleteTopic(ctx, brokers, name); err != nil {
		t.Fatalf("deleting a missing topic is not an error: %v", err)
	}
}

func TestEnsureTopicRefusesBadSpecs(t *testing.T) {
	for _, tp := range []kafkaadmin.Topic{{Name: "", Partitions: 1, ReplicationFactor: 1}, {Name: "x", Partitions: 0, ReplicationFactor: 1}, {Name: "x", Partitions: 1}} {
		_, err := kafkaadmin.EnsureTopic(context.Background(), []string{"127.0.0.1:1"}, tp)
		if err == nil || !strings.Contains(err.Error(), "partitions ≥ 1") {
			t.Errorf("EnsureTopic(%+v) = %v, want a spec error", tp, err)
		}
	}
}
