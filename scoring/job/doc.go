// Package job is the scoring job: it finds the closed conversations that
// the current scorer version has not scored yet, tenant by tenant, reads
// them from ClickHouse, scores them with a qa.Scorer and writes their
// scores and rule_hits rows.
//
// Batches move between the stages as Apache Arrow records: the reader turns
// a batch's conversations and utterances into two records (Schemas
// ConversationSchema and UtteranceSchema), the scoring stage rebuilds
// transcript.Messages from them (Messages), and the results become two more
// records (ScoreSchema and HitSchema) whose columns the writer hands to
// ClickHouse as one column-wise INSERT each.
//
// What makes a run safe to interrupt and repeat:
//
//   - A conversation counts as scored when its scores row exists for the
//     scorer version; selection anti-joins on that. Its rule_hits rows are
//     written before its scores row, so a run that dies in between leaves
//     it unscored, and the next run writes both again.
//   - Rows written again collapse: scores and rule_hits are
//     ReplacingMergeTree tables keyed by the row's identity, and every row
//     of a run carries the run's start time as its version, so the newest
//     run's rows win reads with FINAL or argMax.
//   - Within a run, conversations are taken in (started_at, conversation_id)
//     order behind a cursor, so one that fails to score is reported once and
//     retried by the next run, not retried forever by this one.
package job
