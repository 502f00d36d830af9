// Package kafkaadmin holds the few topic operations convqa needs beyond
// producing and consuming: creating a topic when it is missing, deleting
// one, and waiting until every partition has a leader.
//
// It uses kafka-go's Client, whose metadata requests never create a topic as
// a side effect; the older Conn.ReadPartitions does, on brokers with
// auto.create.topics.enable, with the broker's default partition count.
package kafkaadmin

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/segmentio/kafka-go"
)

// Topic describes a topic to create.
type Topic struct {
	Name              string
	Partitions        int               // at least 1
	ReplicationFactor int               // at least 1
	Configs           map[string]string // topic-level settings, e.g. max.message.bytes
}

func client(brokers []string) *kafka.Client {
	return &kafka.Client{Addr: kafka.TCP(brokers...), Timeout: 30 * time.Second}
}

// EnsureTopic creates the topic if the cluster does not have it, and waits
// until every partition has a leader. It reports whether it created it. An
// existing topic is left as it is, whatever its partition count.
func EnsureTopic(ctx context.Context, brokers []string, t Topic) (created bool, err error) {
	if t.Name == "" || t.Partitions < 1 || t.ReplicationFactor < 1 {
		return false, fmt.Errorf("ensure topic %q: want a name, partitions ≥ 1 and replication factor ≥ 1 (got %d, %d)", t.Name, t.Partitions, t.ReplicationFactor)
	}
	n, err := PartitionCount(ctx, brokers, t.Name)
	if err != nil {
		return false, fmt.Errorf("ensure topic %s: %w", t.Name, err)
	}
	if n == 0 {
		tc := kafka.TopicConfig{Topic: t.Name, NumPartitions: t.Partitions, ReplicationFactor: t.ReplicationFactor}
		for _, k := range sortedKeys(t.Configs) {
			tc.ConfigEntries = append(tc.ConfigEntries, kafka.ConfigEntry{ConfigName: k, ConfigValue: t.Configs[k]})
		}
		res, err := client(brokers).CreateTopics(ctx, &kafka.CreateTopicsRequest{Topics: []kafka.TopicConfig{tc}})
		if err == nil {
			err = res.Errors[t.Name]
		}
		// Another process may have created it in between: that is success.
		if err != nil && !errors.Is(err, kafka.TopicAlreadyExists) {
			return false, fmt.Errorf("create topic %s: %w", t.Name, err)
		}
		created, n = err == nil, t.Partitions
	}
	if err := WaitForLeaders(ctx, brokers, t.Name, n); err != nil {
		return created, fmt.Errorf("topic %s: %w", t.Name, err)
	}
	return created, nil
}

// DeleteTopic deletes the topic; a topic that does not exist is not an error.
func DeleteTopic(ctx context.Context, brokers []string, name string) error {
	res, err := client(brokers).DeleteTopics(ctx, &kafka.DeleteTopicsRequest{Topics: []string{name}})
	if err == nil {
		err = res.Errors[name]
	}
	if err != nil && !errors.Is(err, kafka.UnknownTopicOrPartition) {
		return fmt.Errorf("delete topic %s: %w", name, err)
	}
	return nil
}

// PartitionCount is the topic's number of partitions, 0 when it does not
// exist.
func PartitionCount(ctx context.Context, brokers []string, topic string) (int, error) {
	parts, err := partitions(ctx, brokers, topic)
	if errors.Is(err, kafka.UnknownTopicOrPartition) {
		return 0, nil
	}
	return len(parts), err
}

// WaitForLeaders polls the topic's metadata until at least n partitions
// have a leader: a topic just created in KRaft mode is committed before
// every broker has loaded it, and a producer that comes too early gets
// "unknown topic or partition".
func WaitForLeaders(ctx context.Context, brokers []string, topic string, n int) error {
	for {
		last := leadersReady(ctx, brokers, topic, n)
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

func leadersReady(ctx context.Context, brokers []string, topic string, n int) error {
	parts, err := partitions(ctx, brokers, topic)
	if err != nil {
		return err
	}
	led := 0
	for _, p := range parts {
		if p.Error == nil && p.Leader.Host != "" {
			led++
		}
	}
	if led < n {
		return fmt.Errorf("%d of %d partitions have a leader", led, n)
	}
	return nil
}

func partitions(ctx context.Context, brokers []string, topic string) ([]kafka.Partition, error) {
	res, err := client(brokers).Metadata(ctx, &kafka.MetadataRequest{Topics: []string{topic}})
	if err != nil {
		return nil, fmt.Errorf("metadata from %v: %w", brokers, err)
	}
	for _, t := range res.Topics {
		if t.Name == topic {
			return t.Partitions, t.Error
		}
	}
	return nil, kafka.UnknownTopicOrPartition
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
