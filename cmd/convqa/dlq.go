package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/convqa/convqa/ingest/dlqtool"
	"github.com/convqa/convqa/internal/config"
	"github.com/convqa/convqa/internal/kafkaadmin"
	"github.com/convqa/convqa/internal/produce"
	"github.com/convqa/convqa/internal/transcript"
)

func newDLQCmd(a *app) *cobra.Command {
	var dlqTopic string
	cmd := &cobra.Command{
		Use:   "dlq",
		Short: "Inspect the dead-letter topic and replay fixed messages",
		Long: `Messages ingest cannot store go to the dead-letter topic (config
kafka.dlq_topic, default convqa.transcripts.dlq) with their original bytes and
headers naming the error and where they came from.

  convqa dlq inspect   what is there, and why
  convqa dlq replay    send fixed (or now valid) messages to the transcript topic

Both read the DLQ without a consumer group and commit nothing: the DLQ keeps
every message, replayed or not.`,
	}
	cmd.PersistentFlags().StringVar(&dlqTopic, "dlq-topic", "", "dead-letter topic to read (default: config kafka.dlq_topic, i.e. convqa.transcripts.dlq)")
	cmd.AddCommand(newDLQInspectCmd(a, &dlqTopic), newDLQReplayCmd(a, &dlqTopic))
	return cmd
}

// dlqFlags are the flags inspect and replay share.
type dlqFlags struct {
	since   string
	classes []string
}

func (f *dlqFlags) bind(cmd *cobra.Command, verb string) {
	cmd.Flags().StringVar(&f.since, "since", "", verb+" only messages dead-lettered since then, by message timestamp: a duration back from now (90m, 36h) or an RFC 3339 time")
	cmd.Flags().StringSliceVar(&f.classes, "class", nil, verb+" only messages of this error class (repeatable or comma-separated, e.g. too_large,invalid_json)")
}

func (f *dlqFlags) parse() (time.Time, dlqtool.ClassFilter, error) {
	var since time.Time
	if f.since != "" {
		t, err := dlqtool.ParseSince(f.since, time.Now())
		if err != nil {
			return since, nil, usageError("--%v", err)
		}
		since = t
	}
	filter, err := dlqtool.ParseClasses(f.classes)
	if err != nil {
		return since, nil, usageError("--class: %v", err)
	}
	return since, filter, nil
}

// dlqReader opens the DLQ topic (--dlq-topic or config) for reading.
func dlqReader(cfg config.Config, flagTopic string, since time.Time) (*dlqtool.Reader, string, error) {
	topic := orDefault(flagTopic, cfg.Kafka.DLQTopic)
	r, err := dlqtool.NewReader(dlqtool.ReaderConfig{Brokers: cfg.Kafka.Brokers, Topic: topic, ClientID: cfg.Kafka.ClientID, Since: since})
	if err != nil {
		return nil, topic, usageError("%v", err)
	}
	return r, topic, nil
}

func newDLQInspectCmd(a *app, dlqTopic *string) *cobra.Command {
	var (
		df           dlqFlags
		list, asJSON bool
		limit        int
		out          string
	)
	cmd := &cobra.Command{
		Use:   "inspect",
		Short: "Summarise the dead-letter topic: counts by error class, field and source",
		Long: `inspect reads every partition of the dead-letter topic from the beginning
(or --since) up to the end offsets it sees when it starts, then stops. It
joins no consumer group and commits nothing: inspecting changes nothing.

It prints a summary: messages per error class and field (array indices and
metadata keys shown as [*]), per source topic and partition, the first and
last rejected_at, and the DLQ offsets read.

--list adds one line per message: DLQ partition/offset, source
topic/partition/offset, class, field, key, value size, the error and the
first 120 bytes of the value. Keys, errors and values are escaped for the
terminal: \\ is a backslash, \n \r \t \uNNNN are control characters, \xNN
are bytes that are not UTF-8.

--json prints one JSON object per message instead (the summary then goes to
stderr), with the original value as "value", or as "value_base64" when it is
not UTF-8.

--out FILE writes the original values, one per line, for fixing by hand and
"convqa dlq replay --input FILE". A value with raw line breaks cannot be one
line as it is: its breaks are written as \n escapes inside JSON strings and
spaces elsewhere (the fix it most likely needs anyway), and inspect names
those messages by DLQ partition/offset. Values ingest had to truncate (too
large even for the DLQ topic; BYTES shows "SIZE (kept N)") are left out:
the whole message is only in the source topic.

--class and --since select what is counted; --limit caps only what --list,
--json and --out print, never the summary.`,
		Example: `  convqa dlq inspect
  convqa dlq inspect --since 2h --list --limit 20
  convqa dlq inspect --class unknown_speaker --class bad_timestamp --list
  convqa dlq inspect --class invalid_json --out /tmp/fix.jsonl
  convqa dlq inspect --json | jq -r 'select(.class=="too_large") | .source.topic'`,
		Args: cobra.NoArgs,
	}
	df.bind(cmd, "count")
	f := cmd.Flags()
	f.BoolVar(&list, "list", false, "also print one line per message: position, source, class, field, key, size, error, value preview")
	f.BoolVar(&asJSON, "json", false, "print one JSON object per message instead of a listing (the summary goes to stderr)")
	f.IntVar(&limit, "limit", 0, "print or write at most N messages (0 = all); the summary still counts every message")
	f.StringVar(&out, "out", "", "write the original values, one per line, to FILE.jsonl for fixing and replay --input")

	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		since, filter, err := df.parse()
		switch {
		case err != nil:
			return err
		case list && asJSON:
			return usageError("--list and --json both print every message; choose one")
		case limit < 0:
			return usageError("--limit %d: must be ≥ 0 (0 = all)", limit)
		case out == "-":
			return usageError("--out -: values go to a file; for stdout use --json | jq -r .value")
		}
		cfg, err := a.loadConfig()
		if err != nil {
			return err
		}
		r, topic, err := dlqReader(cfg, *dlqTopic, since)
		if err != nil {
			return err
		}
		defer r.Close()

		stdout := bufio.NewWriter(a.stdout)
		defer stdout.Flush()
		opts := dlqtool.InspectOptions{Filter: filter, Limit: limit}
		sumOut := io.Writer(stdout)
		switch {
		case list:
			opts.List = dlqtool.NewListWriter(stdout)
		case asJSON:
			opts.JSON, sumOut = stdout, a.stderr
		}
		var file *outputFile
		if out != "" {
			if file, err = createOutput(out, a.stdout); err != nil {
				return fmt.Errorf("create --out file: %w", err)
			}
			defer func() {
				if file != nil {
					file.Close()
				}
			}()
			opts.Values = file
		}
		in, err := dlqtool.Inspect(cmd.Context(), r, topic, opts)
		if err != nil {
			if errors.Is(err, dlqtool.ErrNoTopic) {
				err = fmt.Errorf("%w: nothing has been dead-lettered yet, or config kafka.dlq_topic / --dlq-topic names another topic", err)
			}
			return fmt.Errorf("inspect DLQ topic %s: %w", topic, err)
		}
		if file != nil {
			err, file = file.Close(), nil
			if err != nil {
				return err
			}
		}
		if list {
			fmt.Fprintln(stdout)
		}
		stdout.Flush()
		in.Summary.WriteTo(sumOut)
		if out != "" {
			fmt.Fprintf(sumOut, "\nwrote %d values to %s, one per line\n", in.Printed, out)
			if n := len(in.Rewritten); n > 0 {
				fmt.Fprintf(sumOut, "%d had raw line breaks, written as \\n escapes inside strings and spaces elsewhere (DLQ partition/offset): %s\n",
					n, clip(in.Rewritten, 20))
			}
			if n := len(in.Truncated); n > 0 {
				fmt.Fprintf(sumOut, "%d were left out: ingest truncated them, so the whole messages are only in the source topic at the offsets --list shows (DLQ partition/offset): %s\n",
					n, clip(in.Truncated, 20))
			}
		}
		return nil
	}
	return cmd
}

func newDLQReplayCmd(a *app, dlqTopic *string) *cobra.Command {
	var (
		df                        dlqFlags
		input, topic              string
		fromDLQ, skipInvalid, dry bool
		lim                       transcript.Limits
	)
	cmd := &cobra.Command{
		Use:   "replay",
		Short: "Re-send fixed or now-valid messages to the transcript topic",
		Long: `replay sends messages to the transcript topic (config kafka.topic, or
--topic), each validated first exactly as ingest validates it, keyed by its
conversation_id, with acks=all. Source, one of:

  --input FILE   fixed values, one per line ("-" = stdin), e.g. from
                 "convqa dlq inspect --out FILE" after editing. Every line is
                 validated before anything is sent: invalid lines are listed
                 as FILE:LINE with the error, and nothing is sent unless
                 --skip-invalid.
  --from-dlq     the DLQ's own messages (--class, --since select), re-validated
                 under the current decoder and limits, e.g. after a limit was
                 raised: those that now pass are sent with their original
                 headers and convqa.replayed_from = DLQ-TOPIC/PARTITION/OFFSET;
                 the rest stay in the DLQ and are counted. Values ingest
                 truncated are never sent.

The DLQ is read without a consumer group and never changed: replaying twice
sends twice, which storage absorbs (re-inserting a conversation changes
nothing), but --dry-run first shows what would be sent.

The limit flags re-validate with the limits ingest now runs with; 0 keeps
the contract's default.`,
		Example: `  convqa dlq inspect --class unknown_speaker --out /tmp/fix.jsonl
  $EDITOR /tmp/fix.jsonl && convqa dlq replay --input /tmp/fix.jsonl
  convqa dlq replay --from-dlq --class too_large --max-message-bytes 4194304 --dry-run
  convqa dlq replay --from-dlq --since 24h --topic convqa.transcripts`,
		Args: cobra.NoArgs,
	}
	df.bind(cmd, "replay")
	f := cmd.Flags()
	f.StringVarP(&input, "input", "i", "", `JSONL file of fixed values to send, one per line ("-" = stdin)`)
	f.BoolVar(&fromDLQ, "from-dlq", false, "re-validate the DLQ's messages and send those that now pass")
	f.StringVar(&topic, "topic", "", "topic to send to (default: config kafka.topic, i.e. --kafka-topic or convqa.transcripts)")
	f.BoolVar(&skipInvalid, "skip-invalid", false, "with --input: send the valid lines even when others are invalid")
	f.BoolVar(&dry, "dry-run", false, "validate and report what would be sent, send nothing")
	f.IntVar(&lim.MaxMessageBytes, "max-message-bytes", 0, "limit on a whole message value in bytes (default 1048576)")
	f.IntVar(&lim.MaxTextBytes, "max-text-bytes", 0, "limit on one utterance's text in bytes (default 65536)")
	f.IntVar(&lim.MaxUtterances, "max-utterances", 0, "limit on utterances per conversation message (default 10000)")

	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		since, filter, err := df.parse()
		switch {
		case err != nil:
			return err
		case fromDLQ == (input != ""):
			return usageError("give exactly one source: --input FILE (or -) or --from-dlq")
		case !fromDLQ && (df.since != "" || len(df.classes) > 0):
			return usageError("--since and --class select DLQ messages: they need --from-dlq")
		case fromDLQ && skipInvalid:
			return usageError("--skip-invalid is for --input: --from-dlq always leaves still-invalid messages in the DLQ")
		case lim.MaxMessageBytes < 0 || lim.MaxTextBytes < 0 || lim.MaxUtterances < 0:
			return usageError("--max-message-bytes, --max-text-bytes and --max-utterances must be ≥ 0 (0 = default)")
		}
		cfg, err := a.loadConfig()
		if err != nil {
			return err
		}
		log := a.logger(cfg)
		topic = orDefault(topic, cfg.Kafka.Topic)
		from := orDefault(*dlqTopic, cfg.Kafka.DLQTopic)
		if fromDLQ && from == topic {
			return usageError("--topic %s is the DLQ topic itself: replay sends to the transcript topic", topic)
		}
		// A mistake in the file is found before the brokers are touched.
		var fixes *dlqtool.Fixes
		if !fromDLQ {
			if fixes, from, err = a.readFixes(cmd, input, lim, skipInvalid, dry); err != nil {
				return err
			}
		}
		send, closeW, err := replaySender(cmd.Context(), cfg, topic, lim, dry, a.stdout)
		if err != nil {
			return err
		}
		defer closeW()

		log.Info("dlq replay start", "from", from, "topic", topic, "dry_run", dry)
		var st dlqtool.Stats
		if fromDLQ {
			r, _, err := dlqReader(cfg, *dlqTopic, since)
			if err != nil {
				return err
			}
			defer r.Close()
			st, err = dlqtool.ReplayDLQ(cmd.Context(), r, from, filter, lim, send)
			if errors.Is(err, dlqtool.ErrNoTopic) {
				err = fmt.Errorf("%w: nothing to replay", err)
			}
		} else {
			st, err = dlqtool.ReplayFixes(cmd.Context(), fixes, send)
		}
		fmt.Fprintf(a.stdout, "\nreplay %s → %s\n", from, topic)
		st.Print(a.stdout, dry)
		log.Info("dlq replay done", "read", st.Read, "valid", st.Valid, "sent", st.Sent, "invalid", st.InvalidTotal(), "dry_run", dry)
		if err != nil {
			return fmt.Errorf("replay %s to %s after sending %d: %w", from, topic, st.Sent, err)
		}
		return nil
	}
	return cmd
}

// readFixes reads and validates replay's --input, listing invalid lines as
// FILE:LINE on stderr; unless skipInvalid, any invalid line is an error.
func (a *app) readFixes(cmd *cobra.Command, input string, lim transcript.Limits, skipInvalid, dry bool) (*dlqtool.Fixes, string, error) {
	r, name, closeIn, err := openInput(input, cmd.InOrStdin())
	if err != nil {
		return nil, "", fmt.Errorf("open --input: %w", err)
	}
	defer closeIn()
	fixes, err := dlqtool.ReadFixes(r, name, lim)
	if err != nil {
		return nil, name, err
	}
	for _, p := range fixes.Problems {
		fmt.Fprintf(a.stderr, "%s: %v\n", p.Where, p.Err)
	}
	if n := len(fixes.Problems); n > 0 && !skipInvalid {
		fixes.Stats.Print(a.stdout, dry)
		return nil, name, usageError("%d of %d lines of %s are invalid (listed above): nothing was sent; fix them, or --skip-invalid to send the %d valid ones",
			n, fixes.Stats.Read, name, fixes.Stats.Valid)
	}
	return fixes, name, nil
}

// replaySender returns the Sender replay writes through: a dry run's, or
// one with a writer to topic, which must exist. The caller calls closeW.
func replaySender(ctx context.Context, cfg config.Config, topic string, lim transcript.Limits, dry bool, report io.Writer) (send *dlqtool.Sender, closeW func(), err error) {
	if dry {
		return dlqtool.NewSender(nil, topic, 100, report), func() {}, nil
	}
	if err := ensureTarget(ctx, cfg.Kafka.Brokers, topic); err != nil {
		return nil, nil, err
	}
	w, err := produce.NewWriter(produce.WriterConfig{
		Brokers: cfg.Kafka.Brokers, Topic: topic, ClientID: cfg.Kafka.ClientID,
		// Room for the largest value the limits let through.
		MaxMessageBytes: int64(max(8<<20, lim.MaxMessageBytes+64<<10)),
	})
	if err != nil {
		return nil, nil, usageError("%v", err)
	}
	return dlqtool.NewSender(w, topic, 100, report), func() { w.Close() }, nil
}

// ensureTarget refuses to replay into a topic that does not exist: a typo
// must not create a topic nobody reads.
func ensureTarget(ctx context.Context, brokers []string, topic string) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	n, err := kafkaadmin.PartitionCount(ctx, brokers, topic)
	switch {
	case err != nil:
		return fmt.Errorf("check target topic %s: %w", topic, err)
	case n == 0:
		return fmt.Errorf("target topic %s does not exist on %s (config kafka.topic or --topic)", topic, strings.Join(brokers, ","))
	}
	return nil
}

// clip joins at most n items and says how many it left out.
func clip(items []string, n int) string {
	if len(items) <= n {
		return strings.Join(items, " ")
	}
	return fmt.Sprintf("%s … and %d more", strings.Join(items[:n], " "), len(items)-n)
}
