package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// EnvPrefix starts every environment variable that overrides a config key:
// clickhouse.dial_timeout is CONVQA_CLICKHOUSE_DIAL_TIMEOUT.
const EnvPrefix = "CONVQA_"

// Override sets one config key from a source other than the file, such as a
// command-line flag. Key is the dotted YAML path ("clickhouse.addr").
type Override struct {
	Key    string
	Value  string
	Source string // e.g. "flag --clickhouse-addr"
}

// Load builds the configuration: defaults, then the YAML file at path (if
// path is not empty), then CONVQA_* variables from env, then overrides.
// It validates the result and returns every problem found at once.
func Load(path string, env []string, overrides []Override) (Config, error) {
	cfg := Default()
	src := sources{}
	if path != "" {
		b, err := os.ReadFile(path)
		if err != nil {
			return cfg, fmt.Errorf("read config: %w", err)
		}
		if err := decodeFile(path, b, &cfg, src); err != nil {
			return cfg, err
		}
	}
	var errs []error
	for _, kv := range env {
		name, val, ok := strings.Cut(kv, "=")
		if !ok || !strings.HasPrefix(name, EnvPrefix) {
			continue
		}
		key, known := envKeys()[name]
		if !known {
			// Other CONVQA_* variables belong to scripts and tests.
			continue
		}
		if err := Set(&cfg, key, val); err != nil {
			errs = append(errs, fmt.Errorf("environment %s: %w", name, err))
			continue
		}
		src[key] = "environment " + name
	}
	for _, o := range overrides {
		if err := Set(&cfg, o.Key, o.Value); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", o.Source, err))
			continue
		}
		src[o.Key] = o.Source
	}
	if err := resolveSecrets(&cfg); err != nil {
		errs = append(errs, err)
	}
	for _, p := range cfg.validate() {
		errs = append(errs, fmt.Errorf("%s: %s: %s (allowed: %s)", src.where(p.key), p.key, p.msg, p.allowed))
	}
	return cfg, errors.Join(errs...)
}

// sources remembers where each key's value came from, for error messages.
type sources map[string]string

func (s sources) where(key string) string {
	if w, ok := s[key]; ok {
		return w
	}
	return "default"
}

func decodeFile(path string, b []byte, cfg *Config, src sources) error {
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	// An empty file decodes to io.EOF: it simply sets nothing.
	if err := dec.Decode(cfg); err != nil && !errors.Is(err, io.EOF) {
		// yaml.v3 errors already carry "line N"; prefix the file name.
		return fmt.Errorf("config %s: %w", path, err)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(b, &root); err != nil {
		return fmt.Errorf("config %s: %w", path, err)
	}
	if len(root.Content) == 1 {
		recordLines(path, "", root.Content[0], src)
	}
	return nil
}

func recordLines(path, prefix string, n *yaml.Node, src sources) {
	if n.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := k.Value
		if prefix != "" {
			key = prefix + "." + k.Value
		}
		src[key] = fmt.Sprintf("%s:%d", path, k.Line)
		recordLines(path, key, v, src)
	}
}

func resolveSecrets(cfg *Config) error {
	return errors.Join(
		secretFromFile(&cfg.ClickHouse.Password, cfg.ClickHouse.PasswordFile, "clickhouse.password"),
		secretFromFile(&cfg.Ingest.CustomerHashKey, cfg.Ingest.CustomerHashKeyFile, "ingest.customer_hash_key"),
	)
}

// secretFromFile fills s from the file at path, if one is named; key is the
// secret's config key, and key+"_file" the file's.
func secretFromFile(s *Secret, path, key string) error {
	if path == "" {
		return nil
	}
	if *s != "" {
		return fmt.Errorf("%s and %s_file are both set (allowed: one of them)", key, key)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		// The path is not secret; the content never reaches this message.
		return fmt.Errorf("%s_file: %w", key, err)
	}
	*s = Secret(strings.TrimRight(string(b), "\r\n"))
	return nil
}

// Keys lists every settable key with its environment variable, sorted.
func Keys() []string {
	var keys []string
	walk(reflect.TypeOf(Config{}), "", func(key string, _ []int) { keys = append(keys, key) })
	sort.Strings(keys)
	return keys
}

// EnvName is the environment variable that overrides key.
func EnvName(key string) string {
	return EnvPrefix + strings.ToUpper(strings.ReplaceAll(key, ".", "_"))
}

func envKeys() map[string]string {
	m := map[string]string{}
	for _, k := range Keys() {
		m[EnvName(k)] = k
	}
	return m
}

func walk(t reflect.Type, prefix string, fn func(key string, index []int)) {
	var rec func(t reflect.Type, prefix string, index []int)
	rec = func(t reflect.Type, prefix string, index []int) {
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			if name == "" || name == "-" {
				continue
			}
			key := name
			if prefix != "" {
				key = prefix + "." + name
			}
			idx := append(append([]int(nil), index...), i)
			if f.Type.Kind() == reflect.Struct && f.Type != reflect.TypeOf(time.Duration(0)) {
				rec(f.Type, key, idx)
				continue
			}
			fn(key, idx)
		}
	}
	rec(t, prefix, nil)
}

// Set assigns the string value to the config key, converting it to the key's
// type: lists are comma-separated, durations use Go syntax ("5s", "1m30s").
func Set(cfg *Config, key, value string) error {
	var index []int
	walk(reflect.TypeOf(*cfg), "", func(k string, idx []int) {
		if k == key {
			index = idx
		}
	})
	if index == nil {
		return fmt.Errorf("unknown config key %q (allowed: %s)", key, strings.Join(Keys(), ", "))
	}
	f := reflect.ValueOf(cfg).Elem().FieldByIndex(index)
	switch {
	case f.Type() == reflect.TypeOf(time.Duration(0)):
		d, err := time.ParseDuration(value)
		if err != nil {
			return fmt.Errorf("%s: %q is not a duration (allowed: e.g. 500ms, 5s, 2m)", key, value)
		}
		f.SetInt(int64(d))
	case f.Kind() == reflect.String:
		f.SetString(value)
	case f.Kind() == reflect.Bool:
		b, err := strconv.ParseBool(value)
		if err != nil {
			return fmt.Errorf("%s: %q is not a boolean (allowed: true, false)", key, value)
		}
		f.SetBool(b)
	case f.Kind() == reflect.Int || f.Kind() == reflect.Int64:
		n, err := strconv.ParseInt(value, 10, 64)
		if err != nil {
			return fmt.Errorf("%s: %q is not an integer", key, value)
		}
		f.SetInt(n)
	case f.Kind() == reflect.Float64:
		x, err := strconv.ParseFloat(value, 64)
		if err != nil {
			return fmt.Errorf("%s: %q is not a number", key, value)
		}
		f.SetFloat(x)
	case f.Kind() == reflect.Slice && f.Type().Elem().Kind() == reflect.String:
		var items []string
		for _, s := range strings.Split(value, ",") {
			if s = strings.TrimSpace(s); s != "" {
				items = append(items, s)
			}
		}
		f.Set(reflect.ValueOf(items))
	default:
		return fmt.Errorf("%s: cannot be set from text", key)
	}
	return nil
}
