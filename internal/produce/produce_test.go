package produce

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"
	"github.com/twmb/franz-go/pkg/kfake"
)

// sliceSource emits fixed records.
type sliceSource []Record

func (s sliceSource) Stream(ctx context.Context, emit func(Record) error) error {
	for _, r := range s {
		if err := emit(r); err != nil {
			return err
		}
	}
	return nil
}

// testRecords returns n records over k conversations, including values
// that are not JSON, not UTF-8, and one over 1 MiB, which must all arrive
// byte for byte.
func testRecords(n, k int) []Record {
	var out []Record
	for i := range n {
		key := fmt.Sprintf("demo-20250612-abcd-%07d", i%k)
		v := fmt.Appendf(nil, `{"conversation_id":%q,"n":%d}`, key, i)
		switch i {
		case 7:
			v = []byte(`{"conversation_id":"broken`)
		case 11:
			v = append([]byte(`{"text":"`), 0xff, 0xfe, '"', '}')
		case 13:
			v = []byte(`{"text":"` + strings.Repeat("请帮我查一下订单。", 130000) + `"}`)
		}
		out = append(out, Record{Key: []byte(key), Value: v})
	}
	return out
}

// readAll reads every message of topic back with kafka-go, per partition.
func readAll(t *testing.T, addr, topic string, partitions int) map[int][]kafka.Message {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	out := map[int][]kafka.Message{}
	for p := range partitions {
		conn, err := kafka.DialLeader(ctx, "tcp", addr, topic, p)
		if err != nil {
			t.Fatalf("dial leader of partition %d: %v", p, err)
		}
		last, err := conn.ReadLastOffset()
		if err != nil {
			t.Fatalf("last offset of partition %d: %v", p, err)
		}
		// A Reader waits out its fetch MaxWait at the end of a partition;
		// reading batches on the connection stops as soon as all are in.
		for off := int64(0); off < last; {
			if _, err := conn.Seek(off, kafka.SeekAbsolute); err != nil {
				t.Fatal(err)
			}
			conn.SetReadDeadline(time.Now().Add(10 * time.Second))
			b := conn.ReadBatchWith(kafka.ReadBatchConfig{MinBytes: 1, MaxBytes: 32 << 20, MaxWait: 100 * time.Millisecond})
			for {
				m, err := b.ReadMessage()
				if err != nil {
					break
				}
				out[p] = append(out[p], m)
				off = m.Offset + 1
			}
			b.Close()
		}
		conn.Close()
	}
	return out
}

// checkDelivery checks that every record arrived once, with its bytes, each
// conversation on one partition in the order sent.
func checkDelivery(t *testing.T, sent []Record, got map[int][]kafka.Message) {
	t.Helper()
	byKey := map[string][][]byte{}
	for _, r := range sent {
		byKey[string(r.Key)] = append(byKey[string(r.Key)], r.Value)
	}
	total := 0
	seen := map[string]int{}
	for p, ms := range got {
		total += len(ms)
		next := map[string]int{}
		for _, m := range ms {
			k := string(m.Key)
			if q, ok := seen[k]; ok && q != p {
				t.Fatalf("conversation %s on partitions %d and %d", k, q, p)
			}
			seen[k] = p
			want := byKey[k]
			i := next[k]
			if i >= len(want) || !bytes.Equal(want[i], m.Value) {
				t.Fatalf("conversation %s message %d: bytes differ or out of order", k, i)
			}
			next[k]++
		}
	}
	if total != len(sent) {
		t.Fatalf("read %d messages, sent %d", total, len(sent))
	}
}

func TestRunKfake(t *testing.T) {
	const topic, partitions = "convqa.transcripts", 3
	c, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.SeedTopics(partitions, topic))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	addr := c.ListenAddrs()[0]
	for _, compression := range []string{"lz4", "zstd"} {
		t.Run(compression, func(t *testing.T) {
			topic := topic + "." + compression
			if err := createTopic(addr, topic, partitions); err != nil {
				t.Fatal(err)
			}
			w, err := NewWriter(WriterConfig{Brokers: []string{addr}, Topic: topic, Compression: compression, BatchSize: 50})
			if err != nil {
				t.Fatal(err)
			}
			defer w.Close()
			recs := testRecords(600, 40)
			st, err := Run(context.Background(), w, sliceSource(recs), Options{BatchSize: 50})
			if err != nil {
				t.Fatalf("Run: %v (stats %+v)", err, st)
			}
			if st.Sent != int64(len(recs)) || st.Unsent != 0 {
				t.Fatalf("stats %+v, want %d sent", st, len(recs))
			}
			t.Logf("produced in %v", st.Elapsed)
			t0 := time.Now()
			got := readAll(t, addr, topic, partitions)
			t.Logf("read in %v", time.Since(t0))
			checkDelivery(t, recs, got)
		})
	}
}

func createTopic(addr, topic string, partitions int) error {
	conn, err := kafka.Dial("tcp", addr)
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.CreateTopics(kafka.TopicConfig{Topic: topic, NumPartitions: partitions, ReplicationFactor: 1})
}

func TestNewWriterValidate(t *testing.T) {
	for _, tc := range []struct {
		name string
		cfg  WriterConfig
		want string
	}{
		{"no brokers", WriterConfig{Topic: "t"}, "no brokers"},
		{"no topic", WriterConfig{Brokers: []string{"h:1"}}, "no topic"},
		{"bad broker", WriterConfig{Brokers: []string{"localhost"}, Topic: "t"}, "want host:port"},
		{"bad codec", WriterConfig{Brokers: []string{"h:1"}, Topic: "t", Compression: "brotli"}, "allowed none, gzip"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := NewWriter(tc.cfg); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("want error containing %q, got %v", tc.want, err)
			}
		})
	}
}
