-- reviews: human verdicts on the machine's work — agreement, disputes and
-- overrides of a conversation's score, a criterion or a single rule hit.
--
-- Why ReplacingMergeTree(version) ORDER BY (tenant, conversation_id,
-- review_id): the review API assigns review_id once; editing or retracting a
-- review writes a new version of the same id (deleted = 1 retracts it), so
-- a retried request never duplicates a verdict. The conversation view reads
-- all reviews of one conversation, one contiguous range:
--
--   SELECT review_id, argMax(verdict, version) AS verdict,
--          argMax(deleted, version) AS deleted
--   FROM reviews WHERE tenant = ? AND conversation_id = ?
--   GROUP BY review_id HAVING deleted = 0
--
-- Why PARTITION BY toYYYYMM(created_at): reviews are few and created_at is
-- fixed for a review_id, so all its versions share a partition; calibration
-- reports read them by review month.
CREATE TABLE IF NOT EXISTS reviews
(
    tenant             String,
    conversation_id    String,
    review_id          String,
    target             String COMMENT 'conversation, criterion or rule_hit',
    scorer_version     String COMMENT 'the scorer version whose output was reviewed',
    criterion_id       String COMMENT 'for target = criterion',
    rule_id            String COMMENT 'for target = rule_hit, with utterance_seq and the span',
    utterance_seq      Int32,
    span_start         UInt32,
    span_end           UInt32,
    verdict            String COMMENT 'agree, disagree, override or dispute',
    has_score_override UInt8,
    score_override     Float32 COMMENT 'the reviewer''s score when has_score_override = 1',
    reviewer           String,
    comment            String,
    started_at         DateTime('UTC') COMMENT 'the conversation''s start, for calibration by period',
    agent_id           String,
    agent_team         String,
    created_at         DateTime('UTC'),
    updated_at         DateTime('UTC'),
    deleted            UInt8,
    version            UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(created_at)
ORDER BY (tenant, conversation_id, review_id)
SETTINGS index_granularity = 8192;
