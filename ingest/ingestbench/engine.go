package ingestbench

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// engineDDL is what a user of ClickHouse 18.16 writes to load the flat topic
// into convqa's utterances table with the Kafka engine.
//
// The Kafka table declares timestamps as String: 18.16's JSONEachRow reads
// DateTime only as "YYYY-MM-DD hh:mm:ss" or a unix time, not RFC 3339, and
// has no date_time_input_format. The view parses them with
// parseDateTimeBestEffort, which takes the offset into account but drops
// fractions, so the version adds the milliseconds back by hand; it is the
// same number convqa stores (sent_at in nanoseconds). Fields the table does
// not declare (schema, channel, language) are skipped: the 18.16 engine
// always sets input_format_skip_unknown_fields. 18.16 has no _topic,
// _partition and _offset virtual columns, so the source columns hold the
// topic name and zeros, and nothing is validated or redacted.
func engineDDL(db, brokers, topic, group string, s EngineSettings) []string {
	return []string{
		fmt.Sprintf(`CREATE TABLE %s.utterances_queue
(
    tenant String, conversation_id String, seq UInt32, speaker String, text String,
    start_ms Int64, end_ms Int64, sent_at String, started_at String
)
ENGINE = Kafka SETTINGS
    kafka_broker_list = %s, kafka_topic_list = %s, kafka_group_name = %s,
    kafka_format = 'JSONEachRow', kafka_num_consumers = %d, kafka_max_block_size = %d`,
			db, quote(brokers), quote(topic), quote(group), s.NumConsumers, s.MaxBlockSize),
		fmt.Sprintf(`CREATE MATERIALIZED VIEW %[1]s.utterances_consumer TO %[1]s.utterances AS
SELECT
    tenant, conversation_id, seq, speaker, text, '' AS text_lang, start_ms, end_ms,
    parseDateTimeBestEffort(started_at) AS started_at,
    toUInt16(0) AS pii_phone, toUInt16(0) AS pii_id_number, toUInt16(0) AS pii_bank_card, toUInt16(0) AS pii_email,
    %[2]s AS source_topic, toInt32(0) AS source_partition, toInt64(0) AS source_offset,
    now() AS ingested_at,
    toUInt64(toUnixTimestamp(parseDateTimeBestEffort(sent_at))) * 1000000000
        + toUInt64OrZero(extract(sent_at, '\\.([0-9]{3})')) * 1000000 AS version
FROM %[1]s.utterances_queue`, db, quote(topic)),
	}
}

// runEngine creates the Kafka table and the view that starts the engine
// consuming, and measures until the target holds every row. The
// server's CPU over that time, less its idle rate, is the engine's cost.
func (b *bench) runEngine(ctx context.Context, run int) (Result, error) {
	db := b.name("engine", run)
	group := db
	// Clean-ups run newest first: the database (and with it the engine's
	// consumers) goes before the group, which Kafka keeps while it has
	// members.
	b.cleanup(func(ctx context.Context) error { return b.deleteGroup(ctx, group) })
	b.cleanup(func(ctx context.Context) error { return b.dropDatabase(ctx, db) })
	if err := migrate(ctx, b.cfg.ClickHouseAddr, db, b.log); err != nil {
		return Result{}, err
	}
	ddl := engineDDL(db, strings.Join(b.cfg.KafkaBrokers, ","), b.flatTopic, group, b.cfg.Engine)
	win, err := b.openWindow(ctx)
	if err != nil {
		return Result{}, err
	}
	// The clock starts before the Kafka table, as convqa's starts before
	// its process: both include joining the consumer group.
	start := time.Now()
	if err := b.ch.Exec(ctx, ddl[0]); err != nil {
		return Result{}, fmt.Errorf("create the Kafka engine table: %w", err)
	}
	if err := b.ch.Exec(ctx, ddl[1]); err != nil {
		return Result{}, fmt.Errorf("create the materialized view: %w", err)
	}
	// The view goes first, so the engine stops consuming whatever happens
	// below; then the Kafka table, whose consumers leave the group.
	defer func() {
		dctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
		defer cancel()
		for _, t := range []string{"utterances_consumer", "utterances_queue"} {
			if err := b.ch.Exec(dctx, "DROP TABLE IF EXISTS "+db+"."+t); err != nil {
				b.log.Warn("drop the Kafka engine's tables", "table", db+"."+t, "err", err)
			}
		}
	}()
	table := db + ".utterances"
	want := uint64(b.data.Rows)
	prog, err := b.waitRows(ctx, start, func(ctx context.Context) (uint64, bool, error) {
		var n uint64
		if err := b.ch.QueryRow(ctx, "SELECT count() FROM "+table).Scan(&n); err != nil || n < want {
			return n, false, err
		}
		// A rebalance makes the engine deliver some rows twice (it commits
		// after the block), so the count can pass the target early: only
		// distinct rows say every row is there. Counting them costs the
		// server more, so it is done only once the count allows it.
		_, distinct, err := tableRows(ctx, b.ch, table)
		return distinct, distinct >= want, err
	})
	if err != nil {
		return Result{}, fmt.Errorf("Kafka engine into %s: %w (18.16 starts a new group at the latest offset "+
			"unless the server config sets kafka auto_offset_reset=smallest, as the stack does)", table, err)
	}
	server, busy, err := b.close(win, PeerEngineFlat, prog.elapsed)
	if err != nil {
		return Result{}, err
	}
	res := Result{
		Peer: PeerEngineFlat, Messages: len(b.data.Flat), Rows: b.data.Rows, Bytes: b.flatBytes,
		Elapsed: prog.elapsed, FirstVisible: prog.first, FirstVisibleRows: prog.firstRows,
		CPU: server, MachineBusy: busy,
	}
	return res, b.verify(ctx, table, &res)
}

// quote makes a ClickHouse string literal.
func quote(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}
