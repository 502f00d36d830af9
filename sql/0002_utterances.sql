-- utterances: one row per turn of a conversation, text already redacted.
--
-- Why ReplacingMergeTree(version) ORDER BY (tenant, conversation_id, seq):
-- (conversation, seq) is a turn's identity, so a turn delivered twice — as a
-- live utterance message and again inside the closing transcript, or by
-- Kafka redelivery — collapses to one row. The same order is the evidence
-- view's read: one conversation's turns in order, one contiguous range.
--
-- Why PARTITION BY toYYYYMM(started_at), the conversation's start (not the
-- turn's): all turns of a conversation share a partition, so duplicates of a
-- turn meet in background merges, and batch jobs (scoring, topics) read one
-- time range by pruning months. Exact reads collapse duplicates themselves:
--
--   SELECT seq, speaker, text FROM utterances FINAL
--   WHERE tenant = ? AND conversation_id = ? ORDER BY seq
--   -- or: SELECT seq, argMax(text, version) ... GROUP BY seq
CREATE TABLE IF NOT EXISTS utterances
(
    tenant           String,
    conversation_id  String,
    seq              UInt32,
    speaker          String COMMENT 'agent, customer, bot or system',
    text             String COMMENT 'after PII redaction',
    text_lang        String COMMENT 'detected language: zh-Hans, zh-Hant, en; empty when unknown',
    start_ms         Int64 COMMENT 'milliseconds from the conversation start',
    end_ms           Int64,
    started_at       DateTime('UTC') COMMENT 'start of the conversation, for partitioning',
    pii_phone        UInt16,
    pii_id_number    UInt16,
    pii_bank_card    UInt16,
    pii_email        UInt16,
    source_topic     String,
    source_partition Int32,
    source_offset    Int64,
    ingested_at      DateTime('UTC'),
    version          UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(started_at)
ORDER BY (tenant, conversation_id, seq)
SETTINGS index_granularity = 8192;

-- Text is most of the table's bytes; ZSTD roughly halves it against LZ4.
-- convqa:requires 22.3
ALTER TABLE utterances
    MODIFY COLUMN speaker LowCardinality(String),
    MODIFY COLUMN text_lang LowCardinality(String),
    MODIFY COLUMN source_topic LowCardinality(String),
    MODIFY COLUMN text String CODEC(ZSTD(3));

-- convqa:requires 22.3
ALTER TABLE utterances
    ADD INDEX IF NOT EXISTS idx_started_at started_at TYPE minmax GRANULARITY 4;

-- convqa:requires 22.3
ALTER TABLE utterances MODIFY SETTING non_replicated_deduplication_window = 1000;
