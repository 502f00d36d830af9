package job

import "github.com/prometheus/client_golang/prometheus"

// metrics are the job's Prometheus series, registered once per Job.
type metrics struct {
	conversations *prometheus.CounterVec   // result: scored, failed, unscorable
	hits          prometheus.Counter       //
	batchTime     *prometheus.HistogramVec // stage: read, score, write
	errors        *prometheus.CounterVec   // operation
	retries       *prometheus.CounterVec   // operation
	runs          *prometheus.CounterVec   // result: ok, failed, interrupted
	lastSuccess   prometheus.Gauge         //
	pending       prometheus.Gauge         //
	running       prometheus.Gauge         //
}

// Operations named in the errors and retries series.
const (
	opListTenants  = "list_tenants"
	opCount        = "count"
	opSelect       = "select"
	opRead         = "read"
	opDecode       = "decode"
	opScore        = "score"
	opInsertHits   = "insert_rule_hits"
	opInsertScores = "insert_scores"
)

func newMetrics(reg prometheus.Registerer) *metrics {
	m := &metrics{
		conversations: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "convqa_score_conversations_total",
			Help: "Conversations the scoring job finished: scored (scores row written), failed (left for the next run) or unscorable (the scorer refused the input, e.g. no utterances).",
		}, []string{"result"}),
		hits: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "convqa_score_rule_hits_written_total", Help: "rule_hits rows acknowledged by ClickHouse.",
		}),
		batchTime: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "convqa_score_batch_duration_seconds", Help: "Time of one batch, by stage: read (ClickHouse to Arrow), score, write (both inserts, with retries).",
			Buckets: prometheus.ExponentialBuckets(0.005, 2, 14),
		}, []string{"stage"}),
		errors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "convqa_score_errors_total", Help: "Failed operations of the scoring job (each try counts), by operation.",
		}, []string{"operation"}),
		retries: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "convqa_score_retries_total", Help: "Retries of failed ClickHouse reads and inserts, by operation.",
		}, []string{"operation"}),
		runs: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "convqa_score_runs_total", Help: "Runs of the scoring job by result: ok, failed (some conversation or the run failed), interrupted.",
		}, []string{"result"}),
		lastSuccess: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "convqa_score_last_success_timestamp_seconds", Help: "Unix time the last run that scored everything it selected ended.",
		}),
		pending: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "convqa_score_pending_conversations", Help: "Conversations the running (or last) run has still to score.",
		}),
		running: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "convqa_score_running", Help: "1 while a run of the scoring job is in progress.",
		}),
	}
	reg.MustRegister(m.conversations, m.hits, m.batchTime, m.errors, m.retries, m.runs, m.lastSuccess, m.pending, m.running)
	// Series that exist from the start read 0 instead of "no data".
	for _, r := range []string{"scored", "failed", "unscorable"} {
		m.conversations.WithLabelValues(r)
	}
	for _, r := range []string{"ok", "failed", "interrupted"} {
		m.runs.WithLabelValues(r)
	}
	for _, op := range []string{opListTenants, opCount, opSelect, opRead, opDecode, opScore, opInsertHits, opInsertScores} {
		m.errors.WithLabelValues(op)
	}
	return m
}
