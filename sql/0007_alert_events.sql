-- alert_events: the state of every alert instance, so that state survives
-- restarts and no notification is sent twice.
--
-- Why ReplacingMergeTree(version) ORDER BY (tenant, rule_id, fingerprint,
-- started_at, state): an alert instance (fingerprint = rule + labels) lives
-- through episodes that begin at started_at; each episode has at most one
-- row per state (pending, firing, resolved). Updating a state's row (a
-- repeat notification raises notify_count and notified_at) replaces it, and
-- the history of an episode stays readable. On start the evaluator reads
-- the latest state per instance:
--
--   SELECT fingerprint, argMax(state, version) AS state,
--          argMax(notified_at, version) AS notified_at
--   FROM alert_events WHERE tenant = ? AND rule_id = ? AND started_at >= ?
--   GROUP BY fingerprint
--
-- Why PARTITION BY toYYYYMM(started_at), the episode start: every row of an
-- episode lands in one partition, whatever month it resolves in.
CREATE TABLE IF NOT EXISTS alert_events
(
    tenant             String,
    rule_id            String,
    rule_version       String,
    fingerprint        String COMMENT 'hash of the rule id and the labels: one alert instance',
    state              String COMMENT 'pending, firing or resolved',
    started_at         DateTime('UTC') COMMENT 'start of the episode (first pending)',
    ended_at           DateTime('UTC') COMMENT 'when it resolved; 1970-01-01 00:00:00 until then',
    event_at           DateTime('UTC') COMMENT 'when this state was last evaluated',
    labels_keys        Array(String),
    labels_values      Array(String) COMMENT 'same index as labels_keys',
    summary            String,
    value              Float64 COMMENT 'the value the rule compared with its threshold',
    threshold          Float64,
    receiver           String COMMENT 'notification channel, e.g. a Slack webhook name (never its URL)',
    notified_at        DateTime('UTC') COMMENT 'last notification sent for this state; 1970-01-01 00:00:00 when none',
    notify_count       UInt32,
    notify_error       String COMMENT 'last delivery error; empty when delivered',
    silenced           UInt8,
    dashboard_url      String,
    version            UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(started_at)
ORDER BY (tenant, rule_id, fingerprint, started_at, state)
SETTINGS index_granularity = 8192;
