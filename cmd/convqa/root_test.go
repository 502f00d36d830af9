package main

import (
	"bytes"
	"context"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// run executes the CLI in-process as a user would call it.
func run(t *testing.T, env []string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errb bytes.Buffer
	cmd := newRootCmd(&out, &errb, env)
	cmd.SetArgs(args)
	err = cmd.ExecuteContext(context.Background())
	return out.String(), errb.String(), err
}

func TestEverySubcommandHasHelpForEveryFlag(t *testing.T) {
	root := newRootCmd(&bytes.Buffer{}, &bytes.Buffer{}, nil)
	var walk func(c *cobra.Command, path []string)
	walk = func(c *cobra.Command, path []string) {
		for _, sub := range c.Commands() {
			if sub.Name() == "help" || sub.Name() == "completion" {
				continue
			}
			p := append(append([]string(nil), path...), sub.Name())
			t.Run(strings.Join(p, "_"), func(t *testing.T) {
				if sub.Short == "" {
					t.Errorf("convqa %s has no short description", strings.Join(p, " "))
				}
				out, _, err := run(t, nil, append(p, "--help")...)
				if err != nil {
					t.Fatal(err)
				}
				if !strings.Contains(out, "Usage:") {
					t.Errorf("convqa %s --help printed no usage:\n%s", strings.Join(p, " "), out)
				}
				sub.LocalFlags().VisitAll(func(f *pflag.Flag) {
					if strings.TrimSpace(f.Usage) == "" {
						t.Errorf("convqa %s --%s has no help text", strings.Join(p, " "), f.Name)
					}
				})
			})
			walk(sub, p)
		}
	}
	walk(root, nil)
}

func TestVersion(t *testing.T) {
	out, _, err := run(t, nil, "version")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out, "convqa ") || !strings.Contains(out, "go1.") {
		t.Errorf("version printed %q", out)
	}
}

func TestConfigShowAppliesPrecedenceAndHidesSecrets(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "c.yaml")
	if err := os.WriteFile(path, []byte("clickhouse:\n  password: s3cr3t-value\n  database: fromfile\nlog:\n  level: warn\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := []string{"CONVQA_CONFIG=" + path, "CONVQA_LOG_LEVEL=debug"}
	out, _, err := run(t, env, "config", "show", "--clickhouse-database", "fromflag")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"database: fromflag", "level: debug", "password: <secret>"} {
		if !strings.Contains(out, want) {
			t.Errorf("config show lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "s3cr3t") {
		t.Errorf("config show leaked the password:\n%s", out)
	}
}

func TestConfigErrorNamesFileLineAndFlag(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "c.yaml")
	if err := os.WriteFile(path, []byte("log:\n  format: xml\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, _, err := run(t, nil, "config", "show", "--config", path, "--kafka-brokers", "nohost")
	if err == nil {
		t.Fatal("want an error")
	}
	for _, want := range []string{path + ":2: log.format", "allowed: text, json", "flag --kafka-brokers: kafka.brokers"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
}
