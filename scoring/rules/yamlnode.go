package rules

import (
	"math"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// walker reads one file's yaml.Node tree, reporting every mistake with
// the file, the line and the field path.
type walker struct {
	file string
	errs *errList
	// budget bounds the nodes visited, so that aliases expanding
	// exponentially ("billion laughs") cannot stall a load.
	budget int
}

// nodeBudget is far above any rule file a person writes: the bench pack
// with 40 rules and 400 keywords visits about 2,000 nodes.
const nodeBudget = 1 << 20

func (w *walker) errorf(n *yaml.Node, path, format string, args ...any) {
	line := 0
	if n != nil {
		line = n.Line
	}
	w.errs.add(w.file, line, path, format, args...)
}

// resolve follows aliases to the node they name.
func (w *walker) resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode; i++ {
		if i > 100 {
			return nil
		}
		n = n.Alias
	}
	if n != nil {
		w.budget--
	}
	return n
}

func (w *walker) exhausted() bool { return w.budget < 0 }

// field is one key of a mapping and its value.
type field struct {
	key string
	k   *yaml.Node
	v   *yaml.Node
}

// mapping returns the fields of a mapping node, refusing keys that are
// not allowed (nil allows any) and keys given twice. ok is false when n
// is not a mapping.
func (w *walker) mapping(n *yaml.Node, path, want string, allowed []string) ([]field, bool) {
	n = w.resolve(n)
	if n == nil || n.Kind != yaml.MappingNode {
		w.errorf(n, path, "want %s, got %s", want, describe(n))
		return nil, false
	}
	fs := make([]field, 0, len(n.Content)/2)
	seen := make(map[string]int, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := w.resolve(n.Content[i]), n.Content[i+1]
		if k == nil || k.Kind != yaml.ScalarNode {
			w.errorf(n.Content[i], path, "a key must be a plain name, got %s", describe(k))
			continue
		}
		key := k.Value
		if k.Tag == "!!merge" {
			w.errorf(k, join(path, key), "merge keys (<<) are not supported: write the fields out, or share a whole list with an alias (*name)")
			continue
		}
		if prev, dup := seen[key]; dup {
			w.errorf(k, join(path, key), "given twice (first on line %d)", prev)
			continue
		}
		seen[key] = k.Line
		if allowed != nil && !contains(allowed, key) {
			w.errorf(k, join(path, key), "unknown field%s (allowed: %s)", suggest(key, allowed), strings.Join(allowed, ", "))
			continue
		}
		fs = append(fs, field{key: key, k: k, v: v})
	}
	return fs, true
}

// scalar returns the text of a scalar node that is not null.
func (w *walker) scalar(n *yaml.Node, path, want string) (*yaml.Node, string, bool) {
	n = w.resolve(n)
	if n == nil || n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		w.errorf(n, path, "want %s, got %s", want, describe(n))
		return n, "", false
	}
	return n, n.Value, true
}

// str returns a non-empty string (any scalar: a keyword may be "100").
func (w *walker) str(n *yaml.Node, path, want string) (string, bool) {
	n, s, ok := w.scalar(n, path, want)
	if !ok {
		return "", false
	}
	if strings.TrimSpace(s) == "" {
		w.errorf(n, path, "must not be empty (want %s)", want)
		return "", false
	}
	return s, true
}

// oneOf returns a string that must be one of allowed.
func (w *walker) oneOf(n *yaml.Node, path, what string, allowed []string) (string, bool) {
	n, s, ok := w.scalar(n, path, what)
	if !ok {
		return "", false
	}
	if !contains(allowed, s) {
		w.errorf(n, path, "%q is not a %s%s (allowed: %s)", s, what, suggest(s, allowed), strings.Join(allowed, ", "))
		return "", false
	}
	return s, true
}

// integer returns an integer of at least lo.
func (w *walker) integer(n *yaml.Node, path string, lo int) (int, bool) {
	n, s, ok := w.scalar(n, path, "a whole number")
	if !ok {
		return 0, false
	}
	if n.Tag != "!!int" {
		w.errorf(n, path, "want a whole number, got %q", s)
		return 0, false
	}
	var v int
	if err := n.Decode(&v); err != nil {
		w.errorf(n, path, "want a whole number, got %q", s)
		return 0, false
	}
	if v < lo {
		if v < 0 {
			w.errorf(n, path, "must not be negative, got %d (allowed: %d or more)", v, lo)
		} else {
			w.errorf(n, path, "must be at least %d, got %d", lo, v)
		}
		return 0, false
	}
	return v, true
}

// number returns a finite number that is not negative.
func (w *walker) number(n *yaml.Node, path string) (float64, bool) {
	n, s, ok := w.scalar(n, path, "a number")
	if !ok {
		return 0, false
	}
	var v float64
	if (n.Tag != "!!int" && n.Tag != "!!float") || n.Decode(&v) != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		w.errorf(n, path, "want a number, got %q", s)
		return 0, false
	}
	if v < 0 {
		w.errorf(n, path, "must not be negative, got %s (allowed: 0 or more)", s)
		return 0, false
	}
	return v, true
}

// boolean returns true or false.
func (w *walker) boolean(n *yaml.Node, path string) (bool, bool) {
	n, s, ok := w.scalar(n, path, "true or false")
	if !ok {
		return false, false
	}
	var v bool
	if n.Tag != "!!bool" || n.Decode(&v) != nil {
		w.errorf(n, path, "want true or false, got %q", s)
		return false, false
	}
	return v, true
}

// seq returns the items of a sequence node with at least one item.
func (w *walker) seq(n *yaml.Node, path, want string) ([]*yaml.Node, bool) {
	n = w.resolve(n)
	if n == nil || n.Kind != yaml.SequenceNode {
		w.errorf(n, path, "want %s, got %s", want, describe(n))
		return nil, false
	}
	if len(n.Content) == 0 {
		w.errorf(n, path, "must not be empty (want %s)", want)
		return nil, false
	}
	return n.Content, true
}

// phrase is one keyword or phrase as written, with its line.
type phrase struct {
	text string
	line int
}

// phrases returns a non-empty list of non-empty strings.
func (w *walker) phrases(n *yaml.Node, path string) ([]phrase, bool) {
	items, ok := w.seq(n, path, "a list of words or phrases, such as [保证, guarantee]")
	if !ok {
		return nil, false
	}
	out := make([]phrase, 0, len(items))
	good := true
	for i, it := range items {
		p := index(path, i)
		s, ok := w.str(it, p, "a word or phrase")
		if !ok {
			good = false
			continue
		}
		out = append(out, phrase{text: s, line: w.resolve(it).Line})
	}
	return out, good
}

// describe names the kind of a node for "want X, got Y".
func describe(n *yaml.Node) string {
	if n == nil {
		return "nothing"
	}
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "nothing (null)"
		}
		v := n.Value
		if len(v) > 40 {
			v = v[:40] + "…"
		}
		return strconv.Quote(v)
	case yaml.DocumentNode:
		return "a document"
	}
	return "an alias"
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func index(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
