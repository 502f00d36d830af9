-- scores: one row per conversation and scorer version — the QA score, its
-- sections and criteria, and the conversation's sentiment and emotion.
--
-- Why ReplacingMergeTree(version) ORDER BY (tenant, conversation_id,
-- scorer_version): scorer_version names the rules, lexicons and scorecard
-- that produced the row, so re-running the same scorer replaces its row
-- while a new scorer version adds a row beside the old one: history stays
-- auditable and re-scorable. Reads pick one scorer version (or the latest)
-- and collapse duplicates:
--
--   SELECT agent_team, avg(total) FROM scores FINAL
--   WHERE tenant = ? AND started_at >= ? AND scorer_version = ? GROUP BY agent_team
--
-- Why PARTITION BY toYYYYMM(started_at) and the copied conversation columns
-- (started_at, channel, agent, product, queue): dashboards chart scores per
-- agent, team and product over conversation time; copying these few values
-- at scoring time spares every panel a join with conversations.
CREATE TABLE IF NOT EXISTS scores
(
    tenant                   String,
    conversation_id          String,
    scorer_version           String COMMENT 'version of the rules, lexicons and scorecard that produced this row',
    scorecard_id             String,
    started_at               DateTime('UTC'),
    channel                  String,
    agent_id                 String,
    agent_team               String,
    product_sku              String,
    product_category         String,
    queue                    String,
    total                    Float32 COMMENT '0-100 after weights, N/A criteria and auto-fail items',
    auto_failed              UInt8 COMMENT '1 when an auto-fail item forced the total to 0',
    section_ids              Array(String),
    section_scores           Array(Float32) COMMENT '0-100 per section, same index as section_ids',
    criterion_ids            Array(String),
    criterion_scores         Array(Float32) COMMENT 'points earned, same index as criterion_ids',
    criterion_max            Array(Float32) COMMENT 'points possible; 0 when not applicable',
    customer_sentiment_avg   Float32 COMMENT 'mean over the customer turns, -1..1',
    customer_sentiment_start Float32 COMMENT 'customer sentiment over the first turns, -1..1',
    customer_sentiment_end   Float32 COMMENT 'customer sentiment over the last turns, -1..1',
    customer_sentiment_min   Float32,
    agent_sentiment_avg      Float32,
    sentiment_label          String COMMENT 'negative, neutral or positive, for the customer',
    anger_peak               Float32 COMMENT 'peak intensity 0..1',
    anger_peak_seq           Int32 COMMENT 'utterance seq of the peak; -1 when none',
    anxiety_peak             Float32,
    anxiety_peak_seq         Int32,
    frustration_peak         Float32,
    frustration_peak_seq     Int32,
    satisfaction_peak        Float32,
    satisfaction_peak_seq    Int32,
    escalation               UInt8 COMMENT '1 when anxiety passed the escalation threshold',
    escalation_seq           Int32 COMMENT 'utterance seq where it passed; -1 when none',
    rule_hits                UInt32,
    violations               UInt32,
    scored_at                DateTime('UTC'),
    version                  UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(started_at)
ORDER BY (tenant, conversation_id, scorer_version)
SETTINGS index_granularity = 8192;

-- convqa:requires 22.3
ALTER TABLE scores
    MODIFY COLUMN scorecard_id LowCardinality(String),
    MODIFY COLUMN channel LowCardinality(String),
    MODIFY COLUMN agent_team LowCardinality(String),
    MODIFY COLUMN product_category LowCardinality(String),
    MODIFY COLUMN queue LowCardinality(String),
    MODIFY COLUMN sentiment_label LowCardinality(String);

-- convqa:requires 22.3
ALTER TABLE scores
    ADD INDEX IF NOT EXISTS idx_started_at started_at TYPE minmax GRANULARITY 4,
    ADD INDEX IF NOT EXISTS idx_agent_id agent_id TYPE bloom_filter GRANULARITY 4,
    ADD INDEX IF NOT EXISTS idx_product_sku product_sku TYPE bloom_filter GRANULARITY 4;
