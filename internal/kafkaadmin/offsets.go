package kafkaadmin

import (
	"context"
	"fmt"
	"sort"

	"github.com/segmentio/kafka-go"
)

// PartitionLag is how far a consumer group is behind on one partition.
type PartitionLag struct {
	Partition int
	// Committed is the group's committed offset, -1 when it has none.
	Committed int64
	// End is the offset the next message will get (the high watermark).
	End int64
	// Lag counts the messages between what the group committed (or, with
	// no commit yet, the first retained message) and End.
	Lag int64
}

// GroupLag computes the lag of group on every partition of topic from the
// offsets themselves: kafka-go's Reader cannot report lag in group mode.
func GroupLag(ctx context.Context, brokers []string, group, topic string) ([]PartitionLag, error) {
	parts, err := partitions(ctx, brokers, topic)
	if err != nil {
		return nil, fmt.Errorf("lag of group %s on %s: %w", group, topic, err)
	}
	ids := make([]int, len(parts))
	reqs := make([]kafka.OffsetRequest, 0, 2*len(parts))
	for i, p := range parts {
		ids[i] = p.ID
		reqs = append(reqs, kafka.FirstOffsetOf(p.ID), kafka.LastOffsetOf(p.ID))
	}
	c := client(brokers)
	offs, err := c.ListOffsets(ctx, &kafka.ListOffsetsRequest{Topics: map[string][]kafka.OffsetRequest{topic: reqs}})
	if err != nil {
		return nil, fmt.Errorf("lag of group %s on %s: list offsets: %w", group, topic, err)
	}
	committed, err := c.OffsetFetch(ctx, &kafka.OffsetFetchRequest{GroupID: group, Topics: map[string][]int{topic: ids}})
	if err == nil {
		err = committed.Error
	}
	if err != nil {
		return nil, fmt.Errorf("lag of group %s on %s: fetch committed offsets: %w", group, topic, err)
	}
	byPart := map[int]int64{}
	for _, p := range committed.Topics[topic] {
		if p.Error == nil {
			byPart[p.Partition] = p.CommittedOffset
		}
	}
	var out []PartitionLag
	for _, po := range offs.Topics[topic] {
		if po.Error != nil {
			return nil, fmt.Errorf("lag of group %s on %s partition %d: %w", group, topic, po.Partition, po.Error)
		}
		pl := PartitionLag{Partition: po.Partition, Committed: -1, End: po.LastOffset}
		from := po.FirstOffset
		if c, ok := byPart[po.Partition]; ok && c >= 0 {
			pl.Committed, from = c, c
		}
		if pl.Lag = pl.End - from; pl.Lag < 0 {
			pl.Lag = 0
		}
		out = append(out, pl)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Partition < out[j].Partition })
	return out, nil
}
