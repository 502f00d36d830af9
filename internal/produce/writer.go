package produce

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/segmentio/kafka-go"
)

// WriterConfig configures the Kafka writer.
type WriterConfig struct {
	// Brokers are host:port bootstrap addresses. Required.
	Brokers []string
	// Topic receives the messages. Required.
	Topic string
	// ClientID names this producer to the brokers. Default "convqa".
	ClientID string
	// Compression is none, gzip, snappy, lz4 or zstd. Default lz4: the
	// deliberately oversized messages of DLQ tests are repetitive, and
	// compressed they fit a broker's default 1 MiB batch limit.
	Compression string
	// BatchSize is the most messages per partition batch. Default 100.
	BatchSize int
	// MaxMessageBytes is the largest value the writer accepts before
	// compression. Default 8 MiB.
	MaxMessageBytes int64
}

var codecs = map[string]kafka.Compression{"gzip": kafka.Gzip, "snappy": kafka.Snappy, "lz4": kafka.Lz4, "zstd": kafka.Zstd}

// Validate reports settings that cannot work.
func (c WriterConfig) Validate() error {
	switch {
	case len(c.Brokers) == 0:
		return errors.New("kafka writer: no brokers (config kafka.brokers, flag --kafka-brokers)")
	case c.Topic == "":
		return errors.New("kafka writer: no topic (config kafka.topic, flag --topic)")
	case c.BatchSize < 0 || c.MaxMessageBytes < 0:
		return errors.New("kafka writer: batch size and max message bytes must be ≥ 0")
	}
	for _, b := range c.Brokers {
		if !strings.Contains(b, ":") {
			return fmt.Errorf("kafka writer: broker %q: want host:port", b)
		}
	}
	if _, ok := codecs[c.Compression]; !ok && c.Compression != "" && c.Compression != "none" {
		return fmt.Errorf("kafka writer: compression %q: allowed none, gzip, snappy, lz4, zstd", c.Compression)
	}
	return nil
}

// NewWriter returns a kafka-go writer that waits for every in-sync replica
// (acks=all) and places messages by the murmur2 hash of their key, the
// partitioner of the Java client, so producers in any language agree on
// where a conversation goes. The caller closes it.
func NewWriter(c WriterConfig) (*kafka.Writer, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	if c.ClientID == "" {
		c.ClientID = "convqa"
	}
	if c.Compression == "" {
		c.Compression = "lz4"
	}
	if c.BatchSize == 0 {
		c.BatchSize = 100
	}
	if c.MaxMessageBytes == 0 {
		c.MaxMessageBytes = 8 << 20
	}
	return &kafka.Writer{
		Addr:         kafka.TCP(c.Brokers...),
		Topic:        c.Topic,
		Balancer:     &kafka.Murmur2Balancer{},
		RequiredAcks: kafka.RequireAll,
		BatchSize:    c.BatchSize,
		BatchBytes:   c.MaxMessageBytes,
		// Run hands over whole batches and waits for them, so the writer
		// must not sit on a partial batch for its default second.
		BatchTimeout: 5 * time.Millisecond,
		Compression:  codecs[c.Compression],
		Transport:    &kafka.Transport{ClientID: c.ClientID},
	}, nil
}
