package transcript

// Limits bounds what one message may hold, so a single producer cannot make
// ingest buffer, store or score unbounded data. String limits count bytes of
// UTF-8, not characters: a Chinese character is three bytes.
//
// A zero or negative field takes its default, so Limits{} is the defaults.
type Limits struct {
	// MaxMessageBytes bounds the whole Kafka message value; it is checked
	// before any parsing. Default 1 MiB (1<<20).
	MaxMessageBytes int
	// MaxConversationIDBytes bounds conversation_id, which is also the Kafka
	// key and part of every ClickHouse sorting key. Default 128.
	MaxConversationIDBytes int
	// MaxTenantBytes bounds tenant. Default 64.
	MaxTenantBytes int
	// MaxStringBytes bounds every other short string: agent and customer
	// ids, names, team, product fields, queue, disposition. Default 256.
	MaxStringBytes int
	// MaxTextBytes bounds the text of one utterance. Default 64 KiB.
	MaxTextBytes int
	// MaxUtterances bounds the utterances of one conversation message.
	// Default 10000.
	MaxUtterances int
	// MaxMetadataKeys bounds the number of metadata entries. Default 64.
	MaxMetadataKeys int
	// MaxMetadataKeyBytes bounds one metadata key. Default 128.
	MaxMetadataKeyBytes int
	// MaxMetadataValueBytes bounds one metadata value. Default 1 KiB.
	MaxMetadataValueBytes int
}

// DefaultLimits returns the limits of contract v1 as documented in the JSON
// Schema; ingest uses them unless configured otherwise.
func DefaultLimits() Limits {
	return Limits{
		MaxMessageBytes:        1 << 20,
		MaxConversationIDBytes: 128,
		MaxTenantBytes:         64,
		MaxStringBytes:         256,
		MaxTextBytes:           64 << 10,
		MaxUtterances:          10000,
		MaxMetadataKeys:        64,
		MaxMetadataKeyBytes:    128,
		MaxMetadataValueBytes:  1 << 10,
	}
}

// withDefaults fills unset fields, so callers may override only the limits
// they care about.
func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	set := func(v *int, def int) {
		if *v <= 0 {
			*v = def
		}
	}
	set(&l.MaxMessageBytes, d.MaxMessageBytes)
	set(&l.MaxConversationIDBytes, d.MaxConversationIDBytes)
	set(&l.MaxTenantBytes, d.MaxTenantBytes)
	set(&l.MaxStringBytes, d.MaxStringBytes)
	set(&l.MaxTextBytes, d.MaxTextBytes)
	set(&l.MaxUtterances, d.MaxUtterances)
	set(&l.MaxMetadataKeys, d.MaxMetadataKeys)
	set(&l.MaxMetadataKeyBytes, d.MaxMetadataKeyBytes)
	set(&l.MaxMetadataValueBytes, d.MaxMetadataValueBytes)
	return l
}

// Value ranges fixed by contract v1 rather than by configuration: they are
// part of the JSON Schema, and ClickHouse column types depend on them.
const (
	// MaxSeq is the largest utterance seq: it fits an Int32/UInt32 column
	// and an int on every platform.
	MaxSeq = 1<<31 - 1
	// MaxOffsetMS is the largest start_ms/end_ms: the largest integer a
	// JavaScript number (the Grafana frontend) holds exactly.
	MaxOffsetMS = 1<<53 - 1
	// MinCSAT and MaxCSAT bound the customer satisfaction score.
	MinCSAT = 1
	MaxCSAT = 5
	// maxDepth matches encoding/json's nesting limit, so both agree on
	// which documents are well-formed.
	maxDepth = 10000
)
