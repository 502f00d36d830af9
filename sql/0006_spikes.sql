-- spikes: what the detector found — a topic (or an emerging term) whose
-- share of conversations rose in a window, for a tenant and product.
--
-- Why ReplacingMergeTree(version) ORDER BY (tenant, kind, topic, term,
-- product_sku, window_start, detector_version): one detector version judges
-- one window once, so re-running detection over the same hours replaces its
-- rows instead of doubling them, while a new detector version keeps the old
-- verdicts for comparison. Reads (annotations, the alert rule) list recent
-- spikes of a tenant, optionally one topic:
--
--   SELECT * FROM spikes FINAL
--   WHERE tenant = ? AND window_start >= ? AND detector_version = ?
--
-- Why PARTITION BY toYYYYMM(window_start): spikes are few (a handful per
-- day); monthly partitions keep the part count tiny and prune old months.
CREATE TABLE IF NOT EXISTS spikes
(
    tenant                   String,
    kind                     String COMMENT 'topic (a configured topic) or term (an emerging term)',
    topic                    String COMMENT 'topic id; empty for kind = term',
    term                     String COMMENT 'the emerging word or phrase; empty for kind = topic',
    product_sku              String COMMENT 'empty for all products',
    window_start             DateTime('UTC'),
    window_end               DateTime('UTC') COMMENT 'exclusive',
    observed                 UInt32 COMMENT 'conversations that mention it in the window',
    total                    UInt32 COMMENT 'all conversations of the tenant (and product) in the window',
    observed_share           Float64,
    expected                 Float64 COMMENT 'expected count from the seasonal baseline share times total',
    expected_share           Float64,
    z                        Float64 COMMENT 'significance as a z-score',
    p_value                  Float64 COMMENT 'one-sided Poisson tail probability of observed given expected',
    severity                 String,
    terms                    Array(String) COMMENT 'terms that rose with the spike',
    term_lifts               Array(Float32) COMMENT 'lift per term, same index as terms',
    example_conversation_ids Array(String),
    detector_version         String,
    detected_at              DateTime('UTC'),
    version                  UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(window_start)
ORDER BY (tenant, kind, topic, term, product_sku, window_start, detector_version)
SETTINGS index_granularity = 8192;
