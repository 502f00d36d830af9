package job

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"

	"github.com/convqa/convqa/internal/transcript"
)

// checkedAllocator fails the test if any Arrow memory it handed out is not
// released by the end of the test.
func checkedAllocator(t testing.TB) *memory.CheckedAllocator {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	t.Cleanup(func() { mem.AssertSize(t, 0) })
	return mem
}

// genMessages makes n messages in the form Messages returns: times in
// whole seconds UTC, utterances sorted by seq, nil for what is absent.
func genMessages(rng *rand.Rand, tenant string, n int) []*transcript.Message {
	texts := []string{"您好，请问有什么可以帮您？", "这个牛奶的保质期是多久？", "I want a refund, this is terrible!", "好的，谢谢", "我要投诉！！！", "Thanks, that helps.", "", "混合 mixed 文本 🙂"}
	speakers := []transcript.Speaker{transcript.SpeakerAgent, transcript.SpeakerCustomer, transcript.SpeakerBot, transcript.SpeakerSystem}
	pick := func(ss []string) string { return ss[rng.IntN(len(ss))] }
	msgs := make([]*transcript.Message, n)
	for i := range msgs {
		start := time.Unix(1714521600+rng.Int64N(86400*60), 0).UTC()
		m := &transcript.Message{
			Schema: transcript.SchemaV1, Kind: transcript.KindConversation,
			Tenant: tenant, ConversationID: fmt.Sprintf("c-%03d-%x", i, rng.Uint32()),
			Status:    transcript.StatusClosed,
			Channel:   transcript.Channel(pick([]string{"chat", "voice", "email", "bot", ""})),
			Language:  transcript.Language(pick([]string{"zh-Hans", "zh-Hant", "en", "auto"})),
			StartedAt: &start,
			Queue:     pick([]string{"", "dairy", "售后"}), Disposition: pick([]string{"", "resolved"}),
			CSAT: rng.IntN(6),
		}
		if rng.IntN(3) > 0 {
			end := start.Add(time.Duration(rng.IntN(3600)) * time.Second)
			m.EndedAt = &end
		}
		if rng.IntN(4) > 0 {
			m.Agent = &transcript.Agent{ID: fmt.Sprintf("a-%d", rng.IntN(9)), Name: pick([]string{"", "王芳", "Sam"}), Team: pick([]string{"", "t1"})}
		}
		if rng.IntN(2) > 0 {
			m.Customer = &transcript.Customer{ID: fmt.Sprintf("%064x", rng.Uint64())}
		}
		if rng.IntN(3) > 0 {
			m.Product = &transcript.Product{SKU: "SKU-1", Name: pick([]string{"", "纯牛奶"}), Category: "dairy", Batch: pick([]string{"", "B7"})}
		}
		if k := rng.IntN(4); k > 0 {
			m.Metadata = map[string]string{}
			for j := 0; j < k; j++ {
				m.Metadata[fmt.Sprintf("k%d", j)] = pick(texts)
			}
		}
		seq := rng.IntN(3)
		for j := rng.IntN(6); j > 0; j-- {
			ms := rng.Int64N(100000)
			m.Utterances = append(m.Utterances, transcript.Utterance{Seq: seq, Speaker: speakers[rng.IntN(len(speakers))],
				Text: pick(texts), StartMS: ms, EndMS: ms + rng.Int64N(5000)})
			seq += 1 + rng.IntN(3)
		}
		msgs[i] = m
	}
	return msgs
}

func TestRecordsRoundTrip(t *testing.T) {
	mem := checkedAllocator(t)
	for seed := uint64(1); seed <= 20; seed++ {
		rng := rand.New(rand.NewPCG(seed, 7))
		want := genMessages(rng, "acme", int(seed%7))
		// Records may list utterances in any order: shuffle them.
		shuffled := make([]*transcript.Message, len(want))
		for i, m := range want {
			c := *m
			c.Utterances = append([]transcript.Utterance(nil), m.Utterances...)
			rng.Shuffle(len(c.Utterances), func(a, b int) { c.Utterances[a], c.Utterances[b] = c.Utterances[b], c.Utterances[a] })
			shuffled[i] = &c
		}
		conv, utt := NewRecords(mem, shuffled)
		got, err := Messages(conv, utt)
		conv.Release()
		utt.Release()
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		if len(want) == 0 && len(got) == 0 {
			continue
		}
		if !reflect.DeepEqual(got, want) {
			for i := range want {
				if i < len(got) && !reflect.DeepEqual(got[i], want[i]) {
					t.Errorf("seed %d message %d:\n got %+v\nwant %+v", seed, i, *got[i], *want[i])
				}
			}
			t.Fatalf("seed %d: %d messages back, want %d", seed, len(got), len(want))
		}
	}
}

// The decoded messages must not share memory with the records: the
// records are released (and their buffers reused) before scoring.
func TestMessagesOutliveTheirRecords(t *testing.T) {
	mem := checkedAllocator(t)
	want := genMessages(rand.New(rand.NewPCG(3, 3)), "acme", 4)
	conv, utt := NewRecords(mem, want)
	got, err := Messages(conv, utt)
	if err != nil {
		t.Fatal(err)
	}
	for _, rec := range []arrow.Record{conv, utt} {
		for i := 0; i < int(rec.NumCols()); i++ {
			for _, b := range rec.Column(i).Data().Buffers() {
				if b != nil {
					clear(b.Bytes())
				}
			}
		}
		rec.Release()
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatal("messages changed when their records' memory was overwritten")
	}
}

func TestMessagesRefusesBadRecords(t *testing.T) {
	mem := checkedAllocator(t)
	good := genMessages(rand.New(rand.NewPCG(9, 9)), "acme", 3)
	good[0].Utterances = []transcript.Utterance{{Seq: 1, Speaker: "agent", Text: "hi"}}
	tests := []struct {
		name string
		// build returns the records to decode; the test releases them.
		build func() (conv, utt arrow.Record)
		want  string
	}{
		{"utterance of a conversation not in the batch", func() (arrow.Record, arrow.Record) {
			b := newRecordBuilder(mem)
			defer b.release()
			b.appendConversation(good[0])
			b.appendUtterance("stranger", &transcript.Utterance{Seq: 1, Speaker: "agent", Text: "x"})
			return b.records()
		}, `utterances record column conversation_id row 0: conversation "stranger" is not in the batch`},
		{"conversation twice", func() (arrow.Record, arrow.Record) {
			b := newRecordBuilder(mem)
			defer b.release()
			b.appendConversation(good[1])
			b.appendConversation(good[1])
			return b.records()
		}, "conversations record column conversation_id row 1: conversation"},
		{"seq twice", func() (arrow.Record, arrow.Record) {
			b := newRecordBuilder(mem)
			defer b.release()
			b.appendConversation(good[0])
			b.appendUtterance(good[0].ConversationID, &transcript.Utterance{Seq: 4, Speaker: "agent", Text: "x"})
			b.appendUtterance(good[0].ConversationID, &transcript.Utterance{Seq: 4, Speaker: "agent", Text: "y"})
			return b.records()
		}, "seq 4 twice"},
		{"seq beyond the contract", func() (arrow.Record, arrow.Record) {
			b := newRecordBuilder(mem)
			defer b.release()
			b.appendConversation(good[0])
			b.utt.Field(uConversationID).(*array.StringBuilder).Append(good[0].ConversationID)
			b.utt.Field(uSeq).(*array.Uint32Builder).Append(1 << 31)
			b.utt.Field(uSpeaker).(*array.StringBuilder).Append("agent")
			b.utt.Field(uText).(*array.StringBuilder).Append("x")
			b.utt.Field(uStartMS).(*array.Int64Builder).Append(0)
			b.utt.Field(uEndMS).(*array.Int64Builder).Append(0)
			return b.records()
		}, "column seq row 0: 2147483648 is beyond"},
		{"empty tenant", func() (arrow.Record, arrow.Record) {
			m := *good[2]
			m.Tenant = ""
			return NewRecords(mem, []*transcript.Message{&m})
		}, "column tenant row 0: empty"},
		{"swapped records", func() (arrow.Record, arrow.Record) {
			conv, utt := NewRecords(mem, good)
			return utt, conv
		}, "decode conversations record: 6 columns, want 20"},
		{"column of another type", func() (arrow.Record, arrow.Record) {
			conv, utt := NewRecords(mem, good)
			defer utt.Release()
			cols := append([]arrow.Array(nil), utt.Columns()...)
			fields := append([]arrow.Field(nil), utt.Schema().Fields()...)
			fields[uSeq] = arrow.Field{Name: "seq", Type: arrow.PrimitiveTypes.Int64}
			cols[uSeq] = cols[uStartMS]
			return conv, array.NewRecord(arrow.NewSchema(fields, nil), cols, utt.NumRows())
		}, "utterances record column seq: column 1 is seq int64, want seq uint32"},
		{"null in a non-null column", func() (arrow.Record, arrow.Record) {
			b := newRecordBuilder(mem)
			defer b.release()
			b.appendConversation(good[1])
			for i, f := range b.conv.Fields() {
				if i == cConversationID {
					f.AppendNull()
				} else {
					f.AppendEmptyValue()
				}
			}
			return b.records()
		}, "column conversation_id row 1: null in a non-null column"},
		{"metadata keys and values differ", func() (arrow.Record, arrow.Record) {
			b := newRecordBuilder(mem)
			defer b.release()
			m := *good[1]
			m.Metadata = nil
			b.appendConversationArrays(&m, []string{"a", "b"}, []string{"1"})
			return b.records()
		}, "metadata_keys row 0: 2 keys but 1 values"},
		{"metadata key twice", func() (arrow.Record, arrow.Record) {
			b := newRecordBuilder(mem)
			defer b.release()
			b.appendConversationArrays(good[1], []string{"a", "a"}, []string{"1", "2"})
			return b.records()
		}, `metadata key "a" twice`},
		{"nil records", func() (arrow.Record, arrow.Record) { return nil, nil }, "conversations record: missing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			conv, utt := tt.build()
			defer func() {
				for _, r := range []arrow.Record{conv, utt} {
					if r != nil {
						r.Release()
					}
				}
			}()
			msgs, err := Messages(conv, utt)
			var re *RecordError
			if !errors.As(err, &re) {
				t.Fatalf("want a *RecordError, got %v (%d messages)", err, len(msgs))
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q\ndoes not contain %q", err, tt.want)
			}
		})
	}
}

// FuzzMessages builds records of arbitrary content from the fuzzer's bytes
// (ids that repeat or miss, nulls, lists of unequal length, any seq) and
// checks that Messages never panics, and that what it accepts is a batch:
// every utterance row lands in one message, in strictly increasing seq, and
// encoding the messages again decodes to the same.
func FuzzMessages(f *testing.F) {
	f.Add([]byte{2, 1, 'a', 0, 3, 1, 0, 5, 0, 0, 1})
	f.Add([]byte("\x03\x02ab\x01\x02cd\x00\x04\x00\x07\x00\x07\x01\xff\xff\xff\xff"))
	f.Add([]byte{1, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
		defer mem.AssertSize(t, 0)
		conv, utt, nUtt := fuzzRecords(mem, data)
		defer conv.Release()
		defer utt.Release()
		msgs, err := Messages(conv, utt)
		if err != nil {
			var re *RecordError
			if !errors.As(err, &re) {
				t.Fatalf("error of type %T: %v", err, err)
			}
			return
		}
		n := 0
		for _, m := range msgs {
			if m.Tenant == "" || m.ConversationID == "" {
				t.Fatalf("accepted an empty tenant or id: %+v", m)
			}
			for i := 1; i < len(m.Utterances); i++ {
				if m.Utterances[i].Seq <= m.Utterances[i-1].Seq {
					t.Fatalf("utterances of %q not in strictly increasing seq", m.ConversationID)
				}
			}
			n += len(m.Utterances)
		}
		if n != nUtt {
			t.Fatalf("%d utterance rows, %d utterances in the messages", nUtt, n)
		}
		conv2, utt2 := NewRecords(mem, msgs)
		defer conv2.Release()
		defer utt2.Release()
		again, err := Messages(conv2, utt2)
		if err != nil {
			t.Fatalf("re-encoded messages do not decode: %v", err)
		}
		if !reflect.DeepEqual(again, msgs) {
			t.Fatal("re-encoded messages decode differently")
		}
	})
}

// fuzzRecords reads a tiny program from data: a conversation count, then
// per conversation an id and flags; then utterance rows until data ends.
func fuzzRecords(mem memory.Allocator, data []byte) (conv, utt arrow.Record, nUtt int) {
	pos := 0
	next := func() byte {
		if pos >= len(data) {
			return 0
		}
		pos++
		return data[pos-1]
	}
	str := func() string {
		n := int(next() % 4)
		if pos+n > len(data) {
			n = len(data) - pos
		}
		s := string(data[pos : pos+n])
		pos += n
		return s
	}
	b := newRecordBuilder(mem)
	defer b.release()
	var ids []string
	for range int(next() % 5) {
		flags := next()
		id := str()
		ids = append(ids, id)
		tenant := "t"
		if flags&1 != 0 {
			tenant = ""
		}
		start := time.Unix(int64(next())*86400, 0).UTC()
		m := &transcript.Message{Tenant: tenant, ConversationID: id, StartedAt: &start, Status: "closed", CSAT: int(next())}
		if flags&2 != 0 {
			m.Agent = &transcript.Agent{ID: str()}
		}
		keys := make([]string, int(next()%3))
		values := make([]string, len(keys))
		if flags&4 != 0 && len(values) > 0 {
			values = values[1:]
		}
		for i := range keys {
			keys[i] = str()
		}
		switch {
		case flags&8 != 0:
			for i, f := range b.conv.Fields() { // a row of nulls where allowed, else empty
				if ConversationSchema.Field(i).Nullable {
					f.AppendNull()
				} else {
					f.AppendEmptyValue()
				}
			}
		default:
			b.appendConversationArrays(m, keys, values)
		}
	}
	for pos < len(data) {
		id := str()
		if sel := next(); sel < 200 && len(ids) > 0 {
			id = ids[int(sel)%len(ids)]
		}
		seq := uint32(next())
		if next()&0x80 != 0 {
			seq |= 1 << 31
		}
		b.appendUtterance(id, &transcript.Utterance{Seq: int(seq), Speaker: transcript.Speaker(str()), Text: str(), StartMS: int64(next())})
		nUtt++
	}
	conv, utt = b.records()
	return conv, utt, nUtt
}
