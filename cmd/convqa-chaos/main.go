// Command convqa-chaos runs the chaos test of convqa ingest against the
// local stack (see package ingest/chaos): `make chaos-ingest` for the full
// run, `make chaos-ingest-ci` for the short one.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/convqa/convqa/ingest/chaos"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run returns the exit status: 0 when every check held, 1 when one failed
// or the run could not be done, 2 for a usage mistake.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	c, err := parse(args, getenv, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, "convqa-chaos:", err)
		return 2
	}
	c.Logger = slog.New(slog.NewTextHandler(stderr, nil))
	rep, err := chaos.Run(ctx, c)
	if rep != nil {
		_, _ = rep.WriteTo(stdout)
	}
	if err != nil {
		fmt.Fprintln(stderr, "convqa-chaos:", err)
		return 1
	}
	if !rep.Passed() {
		return 1
	}
	return 0
}

func parse(args []string, getenv func(string) string, stderr io.Writer) (chaos.Config, error) {
	c := chaos.DefaultConfig()
	fs := flag.NewFlagSet("convqa-chaos", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, `convqa-chaos streams generated transcripts into a fresh topic while several
"convqa ingest" processes share a consumer group, kills them with SIGKILL,
restarts ClickHouse and Kafka (through stack/stack.sh), then checks that every
valid utterance and conversation is visible exactly once and every malformed
message reached the DLQ. The same --seed gives the same data and schedule.

The stack's addresses come from CONVQA_CLICKHOUSE_ADDR and CONVQA_KAFKA_BROKERS
(eval "$(stack/stack.sh env)"); they must be loopback addresses.

Flags:
`)
		fs.PrintDefaults()
	}
	fs.Uint64Var(&c.Seed, "seed", c.Seed, "drives the data and the schedule of kills and restarts")
	fs.IntVar(&c.Utterances, "utterances", c.Utterances, "least number of valid utterances to stream")
	fs.Float64Var(&c.MalformedShare, "malformed-share", c.MalformedShare, "share of conversations sent as a malformed message")
	fs.Float64Var(&c.LiveShare, "live-share", c.LiveShare, "share of chat/voice/bot conversations sent live, one message per utterance")
	fs.IntVar(&c.Partitions, "partitions", c.Partitions, "partitions of the fresh topic")
	fs.IntVar(&c.Ingesters, "ingesters", c.Ingesters, `"convqa ingest" processes in the consumer group`)
	fs.IntVar(&c.Kills, "kills", c.Kills, "SIGKILLs of an ingest process (each is started again)")
	fs.BoolVar(&c.RestartClickHouse, "restart-clickhouse", c.RestartClickHouse, "restart ClickHouse once while messages flow")
	fs.BoolVar(&c.RestartKafka, "restart-kafka", c.RestartKafka, "restart the Kafka broker once while messages flow")
	fs.DurationVar(&c.Down, "down", c.Down, "how long a restarted server stays stopped")
	fs.DurationVar(&c.StopGrace, "stop-grace", c.StopGrace, "how long a server may take to stop before it is killed")
	fs.DurationVar(&c.ProduceFor, "produce-for", c.ProduceFor, "spread producing over this long")
	fs.DurationVar(&c.Settle, "settle", c.Settle, "no kills this long before a restart, so that the group is consuming when the server goes")
	fs.DurationVar(&c.CatchUp, "catch-up", c.CatchUp, "longest wait for ingest to catch up after producing")
	fs.DurationVar(&c.Timeout, "timeout", c.Timeout, "bound on the whole run")
	fs.IntVar(&c.BatchMaxRows, "batch-max-rows", c.BatchMaxRows, "ingest.batch_max_rows of the ingest processes")
	fs.DurationVar(&c.BatchMaxWait, "batch-max-wait", c.BatchMaxWait, "ingest.batch_max_wait of the ingest processes")
	fs.StringVar(&c.ConvqaBin, "convqa", c.ConvqaBin, "the convqa binary (make build)")
	fs.StringVar(&c.StackScript, "stack", c.StackScript, "the stack script that restarts servers")
	fs.StringVar(&c.WorkDir, "work-dir", "", "directory for the logs, one subdirectory per run (default: the system's temporary directory)")
	fs.BoolVar(&c.Keep, "keep", false, "keep the topics, consumer group and database for inspection")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	c.ClickHouseAddr = strings.TrimSpace(getenv("CONVQA_CLICKHOUSE_ADDR"))
	for _, b := range strings.Split(getenv("CONVQA_KAFKA_BROKERS"), ",") {
		if b = strings.TrimSpace(b); b != "" {
			c.KafkaBrokers = append(c.KafkaBrokers, b)
		}
	}
	if c.ClickHouseAddr == "" || len(c.KafkaBrokers) == 0 {
		return c, errors.New(`CONVQA_CLICKHOUSE_ADDR and CONVQA_KAFKA_BROKERS must be set: make stack-up; eval "$(stack/stack.sh env)"`)
	}
	return c, c.Validate()
}
