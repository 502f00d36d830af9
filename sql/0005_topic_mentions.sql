-- topic_mentions: every place a taxonomy topic was found — topic, product,
-- conversation, turn, span, the phrase that matched and the taxonomy version.
--
-- Why ReplacingMergeTree(version) ORDER BY (tenant, topic, product_sku,
-- conversation_id, utterance_seq, span_start, taxonomy_version): the key is
-- a mention's identity, so re-tagging with the same taxonomy version
-- rewrites rows and a new taxonomy version adds rows that reads choose
-- between. Topic and product lead because trend panels and spike detection
-- read one topic (per product) over time; counting conversations, not
-- mentions, also makes duplicates harmless:
--
--   SELECT toStartOfHour(started_at) AS hour, uniqExact(conversation_id)
--   FROM topic_mentions
--   WHERE tenant = ? AND topic = ? AND taxonomy_version = ? AND started_at >= ?
--   GROUP BY hour
--
-- Why PARTITION BY toYYYYMM(started_at): time-range pruning by month, with
-- the conversation's start so every row of a mention meets its duplicates.
CREATE TABLE IF NOT EXISTS topic_mentions
(
    tenant           String,
    topic            String,
    product_sku      String COMMENT 'empty when the conversation names no product',
    conversation_id  String,
    utterance_seq    Int32,
    span_start       UInt32 COMMENT 'character offset into the redacted text',
    span_end         UInt32,
    phrase           String COMMENT 'the taxonomy phrase that matched, as configured',
    matched_text     String COMMENT 'the text as written (e.g. Traditional Chinese)',
    speaker          String,
    language         String,
    taxonomy_version String,
    started_at       DateTime('UTC'),
    channel          String,
    product_name     String,
    product_category String,
    product_batch    String,
    tagged_at        DateTime('UTC'),
    version          UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(started_at)
ORDER BY (tenant, topic, product_sku, conversation_id, utterance_seq, span_start, taxonomy_version)
SETTINGS index_granularity = 8192;

-- convqa:requires 22.3
ALTER TABLE topic_mentions
    MODIFY COLUMN speaker LowCardinality(String),
    MODIFY COLUMN language LowCardinality(String),
    MODIFY COLUMN channel LowCardinality(String),
    MODIFY COLUMN product_category LowCardinality(String);

-- convqa:requires 22.3
ALTER TABLE topic_mentions
    ADD INDEX IF NOT EXISTS idx_started_at started_at TYPE minmax GRANULARITY 4;
