-- conversations: one row per version of a conversation's metadata.
--
-- Why ReplacingMergeTree(version) ORDER BY (tenant, conversation_id): the
-- sorting key is the conversation's identity, so re-sent transcripts and
-- at-least-once redelivery collapse to one row (the highest version; ingest
-- sets it so that a closed conversation outranks the open one). Time is kept
-- out of the key on purpose: a started_at that changes between versions
-- would otherwise turn one conversation into two rows that no read collapses.
-- tenant comes first because every product query filters on it.
--
-- Why PARTITION BY toYYYYMM(started_at): dashboards filter on a time range;
-- monthly partitions prune whole months and each part's min/max of
-- started_at prunes more, while keeping the partition count low (tens, not
-- thousands). Background merges collapse duplicates only inside a
-- partition, so reads that must be exact collapse them themselves:
--
--   SELECT ... FROM conversations FINAL WHERE tenant = ? AND started_at >= ? ...
--   -- or, cheaper on big ranges and robust to a started_at that moved:
--   SELECT conversation_id, argMax(status, version) AS status, ...
--   FROM conversations WHERE tenant = ? GROUP BY conversation_id
--
-- Columns use String plus sentinel defaults rather than Nullable (not
-- allowed in keys on 18.16, slower everywhere) and plain arrays rather than
-- Map (absent on 18.16). Newer servers get LowCardinality, data-skipping
-- indexes and insert deduplication below.
CREATE TABLE IF NOT EXISTS conversations
(
    tenant           String,
    conversation_id  String,
    channel          String COMMENT 'chat, voice, email or bot',
    language         String COMMENT 'declared language: zh-Hans, zh-Hant, en or auto',
    status           String COMMENT 'open while utterances may still arrive; closed',
    started_at       DateTime('UTC'),
    ended_at         DateTime('UTC') COMMENT '1970-01-01 00:00:00 while unknown',
    agent_id         String,
    agent_name       String,
    agent_team       String,
    customer_hash    String COMMENT 'keyed hash (HMAC) of the customer id; the raw id is never stored',
    product_sku      String,
    product_name     String,
    product_category String,
    product_batch    String,
    queue            String,
    disposition      String,
    csat             UInt8 COMMENT '1-5; 0 when the customer gave none',
    metadata_keys    Array(String) COMMENT 'metadata map keys; values at the same index in metadata_values',
    metadata_values  Array(String),
    utterance_count  UInt32,
    pii_phone        UInt32 COMMENT 'phone numbers redacted from the text',
    pii_id_number    UInt32 COMMENT 'identity-card numbers redacted from the text',
    pii_bank_card    UInt32 COMMENT 'bank-card numbers (Luhn-valid) redacted from the text',
    pii_email        UInt32 COMMENT 'e-mail addresses redacted from the text',
    source_topic     String COMMENT 'Kafka topic of the message that produced this version',
    source_partition Int32,
    source_offset    Int64,
    ingested_at      DateTime('UTC'),
    version          UInt64 COMMENT 'larger wins among rows of one conversation'
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(started_at)
ORDER BY (tenant, conversation_id)
SETTINGS index_granularity = 8192;

-- Repeated values (a handful of channels, teams, queues) compress and group
-- faster as dictionaries. Key columns stay String: altering them is refused.
-- convqa:requires 22.3
ALTER TABLE conversations
    MODIFY COLUMN channel LowCardinality(String),
    MODIFY COLUMN language LowCardinality(String),
    MODIFY COLUMN status LowCardinality(String),
    MODIFY COLUMN agent_team LowCardinality(String),
    MODIFY COLUMN product_category LowCardinality(String),
    MODIFY COLUMN queue LowCardinality(String),
    MODIFY COLUMN disposition LowCardinality(String),
    MODIFY COLUMN source_topic LowCardinality(String);

-- The key orders by conversation id, not time: a granule-level min/max of
-- started_at lets time-range reads skip granules when ids are time-ordered,
-- and bloom filters serve "all conversations of this agent / product /
-- customer" without a full scan of the tenant's range.
-- convqa:requires 22.3
ALTER TABLE conversations
    ADD INDEX IF NOT EXISTS idx_started_at started_at TYPE minmax GRANULARITY 4,
    ADD INDEX IF NOT EXISTS idx_agent_id agent_id TYPE bloom_filter GRANULARITY 4,
    ADD INDEX IF NOT EXISTS idx_product_sku product_sku TYPE bloom_filter GRANULARITY 4,
    ADD INDEX IF NOT EXISTS idx_customer_hash customer_hash TYPE bloom_filter GRANULARITY 4;

-- Lets ingest retry a failed insert with the same insert_deduplication_token
-- without writing the block twice (a cheaper first line of defence; the
-- ReplacingMergeTree above is still what makes reads exact).
-- convqa:requires 22.3
ALTER TABLE conversations MODIFY SETTING non_replicated_deduplication_window = 1000;
