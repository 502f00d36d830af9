package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/convqa/convqa/internal/kafkaadmin"
	"github.com/convqa/convqa/internal/produce"
	"github.com/convqa/convqa/internal/synth"
)

// genSource streams the generator into the producer, writing the truth
// file on the way.
type genSource struct {
	g      *synth.Generator
	truth  *bufio.Writer
	events synth.Events
}

type emitSink struct {
	truth *bufio.Writer
	emit  func(produce.Record) error
}

func (s emitSink) Truth(t *synth.Truth) error {
	if s.truth == nil {
		return nil
	}
	b, err := json.Marshal(t)
	if err != nil {
		return err
	}
	s.truth.Write(b)
	return s.truth.WriteByte('\n')
}

func (s emitSink) Message(key string, v []byte) error {
	return s.emit(produce.Record{Key: []byte(key), Value: bytes.Clone(v)})
}

func (s *genSource) Stream(ctx context.Context, emit func(produce.Record) error) error {
	ev, err := s.g.Run(ctx, emitSink{truth: s.truth, emit: emit})
	s.events = ev
	return err
}

func newProduceCmd(a *app) *cobra.Command {
	var (
		input, topic, compression string
		generate, sendInvalid     bool
		partitions, replication   int
		opts                      produce.Options
	)
	cmd := &cobra.Command{
		Use:   "produce",
		Short: "Send transcript messages (a JSONL file, stdin or the generator) to Kafka",
		Long: `produce sends contract-v1 messages to the transcript topic, keyed by
conversation_id so one conversation stays on one partition, in order. Lines
are sent byte for byte, never re-encoded, so deliberately malformed test
messages reach the DLQ intact.

Source, one of:
  --input FILE   a JSONL file, one message per line ("-" = stdin), e.g. from convqa gen
  --generate     the generator itself, with the same flags as convqa gen

A line that is not JSON stops the run with FILE:LINE, unless --send-invalid.
Writes wait for all in-sync replicas (acks=all) and place messages by the
murmur2 hash of the key, like the Java client. Progress is logged every
--progress to stderr; Ctrl-C stops cleanly and reports what was sent.`,
		Example: `  convqa gen --out /tmp/week.jsonl && convqa produce --input /tmp/week.jsonl --rate 500
  convqa produce --generate --conversations 20000 --live-share 0.2 --truth-out /tmp/truth.jsonl
  convqa produce --generate --malformed-share 0.01 --kafka-brokers 127.0.0.1:19092 --topic t1`,
		Args: cobra.NoArgs,
	}
	f := cmd.Flags()
	f.StringVarP(&input, "input", "i", "", `JSONL file of messages to send ("-" = stdin)`)
	f.BoolVar(&generate, "generate", false, "send generated conversations instead of a file (generator flags below)")
	f.StringVar(&topic, "topic", "", "topic to send to (default: config kafka.topic, i.e. --kafka-topic or convqa.transcripts)")
	f.Float64Var(&opts.Rate, "rate", 0, "at most this many messages per second (0 = unlimited)")
	f.IntVar(&opts.BatchSize, "batch-size", 100, "messages per write; a partial batch waits at most 100ms")
	f.StringVar(&compression, "compression", "lz4", "none, gzip, snappy, lz4 or zstd")
	f.DurationVar(&opts.ProgressEvery, "progress", 5*time.Second, "interval of progress logs")
	f.IntVar(&partitions, "partitions", 6, "create the topic with this many partitions when it does not exist (0: never create; an existing topic is left as it is)")
	f.IntVar(&replication, "replication-factor", 1, "replication factor of a topic that --partitions creates")
	f.BoolVar(&sendInvalid, "send-invalid", false, "send input lines that are not JSON (without a key) instead of stopping, for DLQ tests")
	gf := bindGenFlags(f)

	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		switch {
		case generate == (input != ""):
			return usageError("give exactly one source: --input FILE (or -) or --generate")
		case !generate && genFlagsSet(cmd):
			return usageError("generator flags (%s) need --generate", strings.Join(genFlagsChanged(cmd), ", "))
		case opts.BatchSize < 1 || opts.BatchSize > 100000:
			return usageError("--batch-size %d: must be between 1 and 100000", opts.BatchSize)
		case opts.Rate < 0:
			return usageError("--rate %v: must be ≥ 0 messages/s (0 = unlimited)", opts.Rate)
		case replication < 1:
			return usageError("--replication-factor %d: must be ≥ 1", replication)
		case partitions < 0:
			return usageError("--partitions %d: must be ≥ 0 (0 = never create the topic)", partitions)
		case opts.ProgressEvery <= 0:
			return usageError("--progress %v: must be > 0", opts.ProgressEvery)
		}
		cfg, err := a.loadConfig()
		if err != nil {
			return err
		}
		log := a.logger(cfg)
		opts.Logger = log
		if topic == "" {
			topic = cfg.Kafka.Topic
		}
		w, err := produce.NewWriter(produce.WriterConfig{
			Brokers: cfg.Kafka.Brokers, Topic: topic, ClientID: cfg.Kafka.ClientID,
			Compression: compression, BatchSize: opts.BatchSize,
		})
		if err != nil {
			return usageError("%v", err)
		}
		defer w.Close()

		var src produce.Source
		var gen *genSource
		var truth *outputFile
		if generate {
			g, err := gf.generator()
			if err != nil {
				return err
			}
			gen = &genSource{g: g}
			if gf.truthOut != "" {
				if truth, err = createOutput(gf.truthOut, a.stdout); err != nil {
					return err
				}
				gen.truth = truth.Writer
			}
			src = gen
		} else {
			r, name, closeIn, err := openInput(input, cmd.InOrStdin())
			if err != nil {
				return err
			}
			defer closeIn()
			src = produce.NewLineSource(r, name, sendInvalid)
		}

		if partitions > 0 {
			ctx, cancel := context.WithTimeout(cmd.Context(), time.Minute)
			created, err := kafkaadmin.EnsureTopic(ctx, cfg.Kafka.Brokers, kafkaadmin.Topic{Name: topic, Partitions: partitions, ReplicationFactor: replication})
			cancel()
			if err != nil {
				return err
			}
			if created {
				log.Info("created topic", "topic", topic, "partitions", partitions)
			}
		}
		log.Info("produce start", "topic", topic, "brokers", strings.Join(cfg.Kafka.Brokers, ","), "rate_msgs_per_s", opts.Rate)
		st, runErr := produce.Run(cmd.Context(), w, src, opts)
		if truth != nil {
			if err := truth.Close(); err != nil && runErr == nil {
				runErr = err
			}
		}
		if gen != nil && gf.spikesOut != "" && runErr == nil {
			runErr = writeEvents(gf.spikesOut, gen.events)
		}
		attrs := append(st.LogAttrs(), "topic", topic)
		switch {
		case runErr == nil:
			log.Info("produce done", attrs...)
			return nil
		case errors.Is(runErr, context.Canceled):
			log.Warn("produce interrupted", attrs...)
			return fmt.Errorf("interrupted after sending %d messages", st.Sent)
		}
		log.Error("produce failed", append(attrs, "err", runErr.Error())...)
		var inv *produce.InvalidLineError
		if errors.As(runErr, &inv) {
			return usageError("%v", runErr)
		}
		return fmt.Errorf("produce to %s after %d messages: %w", topic, st.Sent, runErr)
	}
	return cmd
}

// genFlagsChanged lists the generator flags that were set, for the check
// that they come with --generate.
func genFlagsChanged(cmd *cobra.Command) []string {
	probe := bindGenFlags(pflag.NewFlagSet("gen", pflag.ContinueOnError))
	var out []string
	probe.fs.VisitAll(func(fl *pflag.Flag) {
		if cmd.Flags().Changed(fl.Name) {
			out = append(out, "--"+fl.Name)
		}
	})
	return out
}

func genFlagsSet(cmd *cobra.Command) bool { return len(genFlagsChanged(cmd)) > 0 }

func openInput(path string, stdin io.Reader) (io.Reader, string, func(), error) {
	if path == "-" {
		return stdin, "stdin", func() {}, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, "", nil, err
	}
	return f, path, func() { f.Close() }, nil
}
