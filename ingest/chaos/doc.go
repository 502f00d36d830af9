// Package chaos is the chaos test of convqa ingest: it streams generated
// transcripts (whole conversations, live utterances and deliberately
// malformed messages) into a fresh Kafka topic while several `convqa ingest`
// processes share one consumer group, kills them with SIGKILL at seeded
// random moments, restarts ClickHouse and the Kafka broker, and then checks
// that what ClickHouse shows is exactly the valid input — every utterance and
// conversation once after FINAL and after an argMax read, nothing missing,
// nothing extra — and that every malformed message reached the DLQ.
//
// It drives real processes against the local stack (stack/stack.sh), so it
// runs from cmd/convqa-chaos (`make chaos-ingest`), not inside `go test
// ./...`, where restarting the shared servers would break the tests of
// other packages running at the same time.
package chaos
