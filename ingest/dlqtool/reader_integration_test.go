package dlqtool

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/convqa/convqa/internal/kafkaadmin"
	"github.com/convqa/convqa/internal/testenv"
)

// byKeyPrefix places "p2-x" on partition 2, so a test decides where each
// message goes (and which partition stays empty).
var byKeyPrefix = kafka.BalancerFunc(func(m kafka.Message, partitions ...int) int {
	var p int
	fmt.Sscanf(string(m.Key), "p%d-", &p)
	return p
})

func testWriter(t *testing.T, brokers []string, topic string) *kafka.Writer {
	t.Helper()
	w := &kafka.Writer{
		Addr: kafka.TCP(brokers...), Topic: topic, Balancer: byKeyPrefix,
		RequiredAcks: kafka.RequireAll, BatchTimeout: 5 * time.Millisecond,
		// One compressed batch per partition: a read from the middle of it
		// gets records before the offset it asked for, and must skip them.
		Compression: kafka.Lz4,
	}
	t.Cleanup(func() { w.Close() })
	return w
}

func scanAll(t *testing.T, r *Reader) ([]kafka.Message, []Range) {
	t.Helper()
	var got []kafka.Message
	ranges, err := r.Scan(context.Background(), func(m kafka.Message) error {
		got = append(got, m)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return got, ranges
}

func TestReaderRealKafka(t *testing.T) {
	brokers := testenv.KafkaBrokers(t)
	topic := testenv.KafkaTopic(t, 3)
	base := time.Now().Add(-time.Hour).Truncate(time.Millisecond)
	var sent []kafka.Message
	for i := range 8 {
		p := []int{0, 2}[i%2] // partition 1 stays empty
		sent = append(sent, kafka.Message{
			Key:     []byte(fmt.Sprintf("p%d-%d", p, i)),
			Value:   []byte(fmt.Sprintf("value %d \xff\n", i)),
			Headers: []kafka.Header{{Key: "n", Value: []byte{byte(i)}}},
			Time:    base.Add(time.Duration(i) * time.Minute),
		})
	}
	w := testWriter(t, brokers, topic)
	if err := w.WriteMessages(context.Background(), sent...); err != nil {
		t.Fatal(err)
	}

	r, err := NewReader(ReaderConfig{Brokers: brokers, Topic: topic})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	got, ranges := scanAll(t, r)
	if fmt.Sprint(ranges) != "[{0 0 4} {1 0 0} {2 0 4}]" {
		t.Errorf("ranges = %v", ranges)
	}
	// Partition by partition, each in the order written.
	var want []kafka.Message
	for _, p := range []int{0, 2} {
		for _, m := range sent {
			if strings.HasPrefix(string(m.Key), fmt.Sprintf("p%d-", p)) {
				want = append(want, m)
			}
		}
	}
	if len(got) != len(want) {
		t.Fatalf("read %d messages, want %d", len(got), len(want))
	}
	for i, m := range got {
		w := want[i]
		if !bytes.Equal(m.Key, w.Key) || !bytes.Equal(m.Value, w.Value) || fmt.Sprint(m.Headers) != fmt.Sprint(w.Headers) ||
			!m.Time.Equal(w.Time) || m.Topic != topic {
			t.Errorf("message %d = %s/%d/%d %q %q %v %v, want %q %q %v %v", i, m.Topic, m.Partition, m.Offset,
				m.Key, m.Value, m.Headers, m.Time, w.Key, w.Value, w.Headers, w.Time)
		}
	}

	t.Run("since starts inside a batch", func(t *testing.T) {
		r, err := NewReader(ReaderConfig{Brokers: brokers, Topic: topic, Since: base.Add(5 * time.Minute)})
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		got, ranges := scanAll(t, r)
		var keys []string
		for _, m := range got {
			keys = append(keys, string(m.Key))
		}
		if fmt.Sprint(keys) != "[p0-6 p2-5 p2-7]" || fmt.Sprint(ranges) != "[{0 3 4} {1 0 0} {2 2 4}]" {
			t.Errorf("since: keys %v ranges %v", keys, ranges)
		}
		r2, _ := NewReader(ReaderConfig{Brokers: brokers, Topic: topic, Since: time.Now().Add(time.Hour)})
		defer r2.Close()
		if got, ranges := scanAll(t, r2); len(got) != 0 || fmt.Sprint(ranges) != "[{0 4 4} {1 0 0} {2 4 4}]" {
			t.Errorf("since the future: %d messages, ranges %v", len(got), ranges)
		}
	})

	t.Run("stops at the end offsets seen when it began", func(t *testing.T) {
		late := kafka.Message{Key: []byte("p0-late"), Value: []byte("late")}
		var n int
		_, err := r.Scan(context.Background(), func(m kafka.Message) error {
			if n++; n == 1 {
				return w.WriteMessages(context.Background(), late)
			}
			if string(m.Key) == "p0-late" {
				return errors.New("read a message written after the scan began")
			}
			return nil
		})
		if err != nil || n != 8 {
			t.Fatalf("scan: %v after %d messages, want 8", err, n)
		}
		if got, _ := scanAll(t, r); len(got) != 9 {
			t.Errorf("the next scan reads %d messages, want 9", len(got))
		}
	})

	t.Run("callback error stops the scan", func(t *testing.T) {
		stop := errors.New("enough")
		n := 0
		_, err := r.Scan(context.Background(), func(kafka.Message) error { n++; return stop })
		if !errors.Is(err, stop) || n != 1 {
			t.Errorf("err %v after %d", err, n)
		}
	})
}

func TestReaderMissingTopic(t *testing.T) {
	brokers := testenv.KafkaBrokers(t)
	topic := testenv.UniqueName(t, "convqa_test_missing")
	r, err := NewReader(ReaderConfig{Brokers: brokers, Topic: topic})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	_, err = r.Scan(context.Background(), func(kafka.Message) error { return nil })
	if !errors.Is(err, ErrNoTopic) || !strings.Contains(err.Error(), topic) {
		t.Fatalf("want ErrNoTopic naming %s, got %v", topic, err)
	}
	// Reading must not create it, even on a broker that auto-creates topics.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if n, err := kafkaadmin.PartitionCount(ctx, brokers, topic); err != nil || n != 0 {
		t.Errorf("after the read, topic %s has %d partitions (%v): the reader created it", topic, n, err)
	}
}

func TestReaderConfigValidate(t *testing.T) {
	for _, c := range []ReaderConfig{{Topic: "t"}, {Brokers: []string{"b:1"}}, {Brokers: []string{"b:1"}, Topic: "t", FetchBytes: -1}} {
		if _, err := NewReader(c); err == nil {
			t.Errorf("NewReader(%+v) accepted", c)
		}
	}
}
