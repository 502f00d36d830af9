// Package ingest is convqa's front door: a Kafka consumer-group member that
// decodes and validates contract-v1 transcripts, redacts personal data,
// batches rows into ClickHouse, and commits offsets only for what ClickHouse
// has acknowledged. Messages that fail validation go to the dead-letter
// topic with their original bytes and headers naming the error.
package ingest
