package main

import (
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/convqa/convqa/internal/config"
)

// app is what every subcommand shares: where to write, the environment, and
// the global flags from which the configuration is loaded.
type app struct {
	stdout, stderr io.Writer
	env            []string

	configPath string
	bound      []boundFlag // flags that override config keys
}

// boundFlag is a flag that, when given, overrides a config key.
type boundFlag struct {
	flags *pflag.FlagSet
	name  string
	key   string
}

// bindConfigFlags defines string flags on fs that override config keys;
// the value is parsed as the key's type when the config loads, so errors
// name the flag and what the key allows.
func (a *app) bindConfigFlags(fs *pflag.FlagSet, flags []configFlag) {
	for _, f := range flags {
		fs.String(f.flag, "", f.usage)
		a.bound = append(a.bound, boundFlag{flags: fs, name: f.flag, key: f.key})
	}
}

type configFlag struct{ flag, key, usage string }

// globalFlags maps each persistent flag to the config key it overrides.
var globalFlags = []configFlag{
	{"clickhouse-addr", "clickhouse.addr", "ClickHouse native host:port list, comma-separated (config clickhouse.addr)"},
	{"clickhouse-database", "clickhouse.database", "ClickHouse database (config clickhouse.database)"},
	{"kafka-brokers", "kafka.brokers", "Kafka bootstrap host:port list, comma-separated (config kafka.brokers)"},
	{"kafka-topic", "kafka.topic", "transcript topic (config kafka.topic)"},
	{"log-level", "log.level", "debug, info, warn or error (config log.level)"},
	{"log-format", "log.format", "text or json (config log.format)"},
}

func newRootCmd(stdout, stderr io.Writer, env []string) *cobra.Command {
	a := &app{stdout: stdout, stderr: stderr, env: env}
	root := &cobra.Command{
		Use:   "convqa",
		Short: "Conversation-quality inspection and analytics for customer service",
		Long: `convqa inspects every customer-service conversation (chat, call transcripts,
bots) in Simplified Chinese, Traditional Chinese and English: Kafka in,
ClickHouse as the store.

Configuration comes from one YAML file (--config), overridden by CONVQA_*
environment variables (clickhouse.addr is CONVQA_CLICKHOUSE_ADDR), overridden
by flags. See "convqa config keys" for every key.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	pf := root.PersistentFlags()
	pf.StringVarP(&a.configPath, "config", "c", "", "YAML config file (default: none, built-in defaults; env CONVQA_CONFIG)")
	a.bindConfigFlags(pf, globalFlags)
	root.AddCommand(
		newVersionCmd(a),
		newConfigCmd(a),
		newMigrateCmd(a),
		newGenCmd(a),
		newProduceCmd(a),
		newIngestCmd(a),
		newScoreCmd(a),
		newRunCmd(a),
		newDemoCmd(a),
		newDLQCmd(a),
		newSentimentCmd(a),
		newRulesCmd(a),
	)
	return root
}

// loadConfig loads the configuration with every override in force.
func (a *app) loadConfig() (config.Config, error) {
	path := a.configPath
	if path == "" {
		path = lookupEnv(a.env, "CONVQA_CONFIG")
	}
	var overrides []config.Override
	for _, b := range a.bound {
		if f := b.flags.Lookup(b.name); f != nil && f.Changed {
			overrides = append(overrides, config.Override{Key: b.key, Value: f.Value.String(), Source: "flag --" + b.name})
		}
	}
	return config.Load(path, a.env, overrides)
}

// logger builds the structured logger the configuration asks for.
func (a *app) logger(cfg config.Config) *slog.Logger {
	var lvl slog.Level
	_ = lvl.UnmarshalText([]byte(cfg.Log.Level)) // validated at load
	opts := &slog.HandlerOptions{Level: lvl}
	if cfg.Log.Format == "json" {
		return slog.New(slog.NewJSONHandler(a.stderr, opts))
	}
	return slog.New(slog.NewTextHandler(a.stderr, opts))
}

func lookupEnv(env []string, name string) string {
	for _, kv := range env {
		if k, v, ok := strings.Cut(kv, "="); ok && k == name {
			return v
		}
	}
	return ""
}

// usageError marks a mistake in how the command was called.
func usageError(format string, args ...any) error {
	return fmt.Errorf("usage: "+format, args...)
}
