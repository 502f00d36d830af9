-- conversations_hourly: conversation volume per tenant, hour, channel,
-- product and team, kept up to date by a materialized view so that volume
-- panels never scan conversations.
--
-- Why AggregatingMergeTree with uniqExact states rather than a
-- SummingMergeTree count: conversations arrive more than once (redelivery,
-- the open and the closed version of a live chat); a count would add every
-- copy, a set of conversation ids counts each once however often it is
-- inserted. The limit: a conversation whose hour, channel, product or team
-- changes between versions counts once in each group it was inserted
-- under. Read with the -Merge combinators (uniqExactIfMerge for the
-- closed_conversations and customers columns):
--
--   SELECT hour, sum(n) FROM (
--     SELECT hour, channel, uniqExactMerge(conversations) AS n
--     FROM conversations_hourly WHERE tenant = ? AND hour >= ?
--     GROUP BY hour, channel) GROUP BY hour
--
-- Why ORDER BY (tenant, hour, ...) and PARTITION BY toYYYYMM(hour): every
-- panel filters one tenant and a time range, then groups by the rest.
CREATE TABLE IF NOT EXISTS conversations_hourly
(
    tenant               String,
    hour                 DateTime('UTC'),
    channel              String,
    product_category     String,
    product_sku          String,
    agent_team           String,
    conversations        AggregateFunction(uniqExact, String),
    closed_conversations AggregateFunction(uniqExactIf, String, UInt8),
    customers            AggregateFunction(uniqExactIf, String, UInt8)
)
ENGINE = AggregatingMergeTree()
PARTITION BY toYYYYMM(hour)
ORDER BY (tenant, hour, channel, product_category, product_sku, agent_team)
SETTINGS index_granularity = 8192;

-- The view sees only the rows of one INSERT into conversations, which is
-- why the rollup is built from sets that tolerate seeing a row again.
CREATE MATERIALIZED VIEW IF NOT EXISTS conversations_hourly_mv
TO conversations_hourly
AS SELECT
    tenant,
    toStartOfHour(started_at) AS hour,
    channel,
    product_category,
    product_sku,
    agent_team,
    uniqExactState(conversation_id) AS conversations,
    uniqExactIfState(conversation_id, status = 'closed') AS closed_conversations,
    uniqExactIfState(customer_hash, customer_hash != '') AS customers
FROM conversations
GROUP BY tenant, hour, channel, product_category, product_sku, agent_team;
