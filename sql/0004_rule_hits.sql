-- rule_hits: the evidence behind every compliance finding — which rule (and
-- version) matched where, down to the character span and the matched text.
--
-- Why ReplacingMergeTree(version) ORDER BY (tenant, conversation_id,
-- scorer_version, rule_id, utterance_seq, span_start, span_end): the whole
-- key is a finding's identity, so re-scoring with the same scorer version
-- rewrites the same rows; a new scorer version writes new rows and reads
-- choose the version they show. Conversation first because the evidence view
-- (all hits of one conversation) is the interactive read; rule-level charts
-- scan a time range and, on newer servers, skip granules with a bloom filter
-- on rule_id.
--
--   SELECT rule_id, utterance_seq, span_start, span_end, matched_text
--   FROM rule_hits FINAL
--   WHERE tenant = ? AND conversation_id = ? AND scorer_version = ?
--
-- Why PARTITION BY toYYYYMM(started_at), the conversation's start: hits of
-- one conversation stay in one partition and breach rates per agent, team
-- and rule are charted over conversation time (copied columns spare joins).
CREATE TABLE IF NOT EXISTS rule_hits
(
    tenant          String,
    conversation_id String,
    scorer_version  String,
    rule_id         String,
    rule_version    String COMMENT 'version of the rule file that matched',
    criterion_id    String COMMENT 'scorecard criterion the rule feeds; empty when none',
    severity        String COMMENT 'info, minor, major or critical',
    violation       UInt8 COMMENT '1 for a breach, 0 for a satisfied requirement',
    detector        String COMMENT 'keywords, regex, card, id_number, phone, email, response_time, silence, ...',
    speaker         String,
    utterance_seq   Int32 COMMENT 'the turn that holds the evidence; -1 for conversation-level findings',
    span_start      UInt32 COMMENT 'character (not byte) offset into the redacted text',
    span_end        UInt32 COMMENT 'exclusive',
    matched_text    String,
    started_at      DateTime('UTC'),
    channel         String,
    agent_id        String,
    agent_team      String,
    product_sku     String,
    scored_at       DateTime('UTC'),
    version         UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(started_at)
ORDER BY (tenant, conversation_id, scorer_version, rule_id, utterance_seq, span_start, span_end)
SETTINGS index_granularity = 8192;

-- convqa:requires 22.3
ALTER TABLE rule_hits
    MODIFY COLUMN rule_version LowCardinality(String),
    MODIFY COLUMN criterion_id LowCardinality(String),
    MODIFY COLUMN severity LowCardinality(String),
    MODIFY COLUMN detector LowCardinality(String),
    MODIFY COLUMN speaker LowCardinality(String),
    MODIFY COLUMN channel LowCardinality(String),
    MODIFY COLUMN agent_team LowCardinality(String);

-- convqa:requires 22.3
ALTER TABLE rule_hits
    ADD INDEX IF NOT EXISTS idx_rule_id rule_id TYPE bloom_filter GRANULARITY 4,
    ADD INDEX IF NOT EXISTS idx_started_at started_at TYPE minmax GRANULARITY 4;
