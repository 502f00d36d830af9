package ingest

import (
	"github.com/prometheus/client_golang/prometheus"

	"github.com/convqa/convqa/internal/pii"
	"github.com/convqa/convqa/internal/transcript"
)

// metrics are ingest's Prometheus series. They live in a registry of the
// Ingester's own, so two ingesters in one process (tests) never collide.
type metrics struct {
	consumed     *prometheus.CounterVec   // topic
	rejected     *prometheus.CounterVec   // reason
	inserted     *prometheus.CounterVec   // table
	redactions   *prometheus.CounterVec   // type
	retries      *prometheus.CounterVec   // operation
	commitFailed prometheus.Counter       //
	batchRows    prometheus.Histogram     //
	batchBytes   prometheus.Histogram     //
	insertTime   *prometheus.HistogramVec // table
	lag          *prometheus.GaugeVec     // topic, partition
	ready        prometheus.Gauge         //
}

func newMetrics(reg prometheus.Registerer) *metrics {
	m := &metrics{
		consumed: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "convqa_ingest_messages_consumed_total", Help: "Kafka messages fetched, valid or not.",
		}, []string{"topic"}),
		rejected: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "convqa_ingest_messages_rejected_total", Help: "Messages sent to the DLQ, by failure class.",
		}, []string{"reason"}),
		inserted: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "convqa_ingest_rows_inserted_total", Help: "Rows acknowledged by ClickHouse, by table.",
		}, []string{"table"}),
		redactions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "convqa_ingest_redactions_total", Help: "PII values replaced by placeholders, by type.",
		}, []string{"type"}),
		retries: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "convqa_ingest_retries_total", Help: "Retries after a failed insert, DLQ write or fetch, by operation.",
		}, []string{"operation"}),
		commitFailed: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "convqa_ingest_commit_failures_total", Help: "Offset commits that failed (their messages are redelivered and deduplicated).",
		}),
		batchRows: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "convqa_ingest_batch_rows", Help: "Rows per flushed batch.",
			Buckets: prometheus.ExponentialBuckets(10, 4, 8),
		}),
		batchBytes: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "convqa_ingest_batch_bytes", Help: "Bytes of message values per flushed batch.",
			Buckets: prometheus.ExponentialBuckets(1024, 4, 10),
		}),
		insertTime: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "convqa_ingest_insert_duration_seconds", Help: "Time of one successful INSERT, by table.",
			Buckets: prometheus.ExponentialBuckets(0.005, 2, 12),
		}, []string{"table"}),
		lag: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "convqa_ingest_consumer_lag_messages", Help: "Messages between the group's committed offset and the partition's end.",
		}, []string{"topic", "partition"}),
		ready: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "convqa_ingest_ready", Help: "1 while ingest fetches and stores normally, 0 while it waits for ClickHouse or Kafka.",
		}),
	}
	reg.MustRegister(m.consumed, m.rejected, m.inserted, m.redactions, m.retries, m.commitFailed,
		m.batchRows, m.batchBytes, m.insertTime, m.lag, m.ready)
	// Series that exist from the start read 0 instead of "no data", which
	// alert rules and dashboards handle better.
	for _, c := range transcript.Classes() {
		m.rejected.WithLabelValues(string(c))
	}
	for _, t := range pii.Types {
		m.redactions.WithLabelValues(t.String())
	}
	for _, t := range []string{"utterances", "conversations"} {
		m.inserted.WithLabelValues(t)
	}
	return m
}
