package ingestbench

import (
	"context"
	"encoding/json"
	"sync"
	"testing"
	"time"

	"github.com/convqa/convqa/internal/pii"
	"github.com/convqa/convqa/internal/transcript"
)

// The benchmarks below time the CPU-bound pieces of convqa ingest's hot
// path on the benchmark's own data, one row at a time, to tell what limits
// "rows per CPU second" without a profiler attached to the subprocess:
//
//	go test -run NONE -bench Pieces -benchmem ./ingest/ingestbench/

var (
	piecesOnce sync.Once
	piecesData *Dataset
	piecesV1   [][]byte // the flat rows as contract-v1 utterance messages
	piecesErr  error
)

func piecesDataset(b *testing.B) *Dataset {
	b.Helper()
	piecesOnce.Do(func() {
		piecesData, piecesErr = NewDataset(context.Background(), 20000, 1)
		if piecesErr != nil {
			return
		}
		for _, m := range piecesData.Flat {
			msg, err := transcript.DecodeFlat(m.Value, transcript.Limits{})
			if err != nil {
				piecesErr = err
				return
			}
			v, err := json.Marshal(msg)
			if err != nil {
				piecesErr = err
				return
			}
			piecesV1 = append(piecesV1, v)
		}
	})
	if piecesErr != nil {
		b.Fatal(piecesErr)
	}
	return piecesData
}

func BenchmarkPiecesDecodeFlat(b *testing.B) {
	ds := piecesDataset(b)
	b.SetBytes(Bytes(ds.Flat) / int64(len(ds.Flat)))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := transcript.DecodeFlat(ds.Flat[i%len(ds.Flat)].Value, transcript.Limits{}); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N), "ns/row")
}

// BenchmarkPiecesDecodeV1Utterance decodes the same rows written as
// contract-v1 utterance messages, through the hand-written v1 decoder.
func BenchmarkPiecesDecodeV1Utterance(b *testing.B) {
	piecesDataset(b)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := transcript.Decode(piecesV1[i%len(piecesV1)], transcript.Limits{}); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N), "ns/row")
}

// BenchmarkPiecesDecodeV1Conversation decodes whole conversations; ns/row
// divides by the utterances they hold.
func BenchmarkPiecesDecodeV1Conversation(b *testing.B) {
	ds := piecesDataset(b)
	b.ReportAllocs()
	i, rows := 0, 0
	for b.Loop() {
		m, err := transcript.Decode(ds.Conversations[i%len(ds.Conversations)].Value, transcript.Limits{})
		if err != nil {
			b.Fatal(err)
		}
		rows += len(m.Utterances)
		i++
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(rows), "ns/row")
}

// BenchmarkPiecesRedact runs the PII finder over each row's text with
// every type on, as ingest's default configuration does.
func BenchmarkPiecesRedact(b *testing.B) {
	ds := piecesDataset(b)
	f, err := pii.NewFinder("phone", "id_number", "bank_card", "email")
	if err != nil {
		b.Fatal(err)
	}
	texts := make([]string, len(ds.Flat))
	for i, m := range ds.Flat {
		var fm flatMessage
		if err := json.Unmarshal(m.Value, &fm); err != nil {
			b.Fatal(err)
		}
		texts[i] = fm.Text
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		f.Redact(texts[i%len(texts)])
		i++
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N), "ns/row")
}

// BenchmarkPiecesUnmarshalFlatStdlib is a reference point for DecodeFlat:
// encoding/json's Unmarshal into the same fields, without a Decoder per
// message, without unknown-field checks and without validation.
func BenchmarkPiecesUnmarshalFlatStdlib(b *testing.B) {
	ds := piecesDataset(b)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		var f flatMessage
		if err := json.Unmarshal(ds.Flat[i%len(ds.Flat)].Value, &f); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N), "ns/row")
}

// BenchmarkPiecesDeadlinePerFetch is what ingest's fetch loop pays per
// message for a fresh deadline context around each FetchMessage.
func BenchmarkPiecesDeadlinePerFetch(b *testing.B) {
	ctx := context.Background()
	deadline := time.Now().Add(time.Hour)
	b.ReportAllocs()
	for b.Loop() {
		_, cancel := context.WithDeadline(ctx, deadline)
		cancel()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N), "ns/row")
}
