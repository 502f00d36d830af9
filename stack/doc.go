// Package stack holds no code: it is the home of the local stack's scripts
// (stack.sh: ClickHouse 18.16 and Kafka for development and tests) and of the
// integration tests that check the stack itself, such as whether ClickHouse's
// own Kafka table engine can consume from the stack's broker.
package stack
