package rules

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/convqa/convqa/internal/pii"
	"github.com/convqa/convqa/internal/textnorm"
)

// RuleInfo describes one rule of a set, as its file wrote it.
type RuleInfo struct {
	ID          string   `json:"id"`
	Title       string   `json:"title,omitempty"`
	Description string   `json:"description,omitempty"`
	Kind        Kind     `json:"kind"`
	Severity    Severity `json:"severity"`
	Criterion   string   `json:"criterion,omitempty"`
	// File and Line say where the rule is written (the file name as given
	// to the load function).
	File string `json:"file"`
	Line int    `json:"line"`
	// FileVersion is the version: of the rule's file, which every hit of
	// the rule carries as its RuleVersion.
	FileVersion string `json:"file_version"`
}

// rule is a compiled rule.
type rule struct {
	info          RuleInfo
	version       string
	botsAreAgents bool
	applies       *node
	when          *node
}

// Set is a loaded, compiled rule set. It is immutable and safe for
// concurrent use.
type Set struct {
	rules   []*rule
	byID    map[string]int
	named   int // named conditions: memo slots are 2 per condition
	auto    *automaton
	finder  *pii.Finder
	version string
	pool    sync.Pool // *evalCtx
}

// Version identifies the set's content: 12 hex digits of a SHA-256 over
// every file's name (without its directory) and bytes, in load order,
// and over the built-in word lists, so it changes whenever any rule, or
// what the engine matches, changes.
func (s *Set) Version() string { return s.version }

// Rules describes the rules in set order: files in load order (name order
// for LoadFS and for a directory), rules in file order. Outcomes come in
// the same order.
func (s *Set) Rules() []RuleInfo {
	out := make([]RuleInfo, len(s.rules))
	for i, r := range s.rules {
		out[i] = r.info
	}
	return out
}

// Rule describes the rule with the given id.
func (s *Set) Rule(id string) (RuleInfo, bool) {
	i, ok := s.byID[id]
	if !ok {
		return RuleInfo{}, false
	}
	return s.rules[i].info, true
}

// Len is the number of rules.
func (s *Set) Len() int { return len(s.rules) }

// source is one rule file's name and content.
type source struct {
	name string
	data []byte
}

// LoadFS loads the files of fsys that match the glob patterns (fs.Glob
// syntax; default "*.yaml" and "*.yml"), read in name order. A pattern
// that matches no file is an error. Any mistake in any file fails the
// whole load: the errors (*Error, joined) name file:line, the field and
// what is allowed, and no Set is returned.
func LoadFS(fsys fs.FS, patterns ...string) (*Set, error) {
	defaulted := len(patterns) == 0
	if defaulted {
		patterns = []string{"*.yaml", "*.yml"}
	}
	seen := map[string]bool{}
	var names []string
	for _, pat := range patterns {
		ms, err := fs.Glob(fsys, pat)
		if err != nil {
			return nil, fmt.Errorf("load rules: pattern %q: %w", pat, err)
		}
		if len(ms) == 0 && !defaulted {
			return nil, fmt.Errorf("load rules: no file matches %q", pat)
		}
		for _, m := range ms {
			if !seen[m] {
				seen[m] = true
				names = append(names, m)
			}
		}
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("load rules: no rule files (*.yaml, *.yml)")
	}
	sort.Strings(names)
	srcs := make([]source, 0, len(names))
	for _, n := range names {
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, fmt.Errorf("load rules: %w", err)
		}
		srcs = append(srcs, source{name: n, data: b})
	}
	return load(srcs)
}

// LoadFiles loads rule files; a directory stands for its *.yaml and *.yml
// files (not its subdirectories), in name order. Files are read in the
// order given. Errors are as LoadFS's.
func LoadFiles(paths ...string) (*Set, error) {
	if len(paths) == 0 {
		return nil, fmt.Errorf("load rules: no files given")
	}
	var srcs []source
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("load rules: %w", err)
		}
		files := []string{p}
		if st.IsDir() {
			files = nil
			ents, err := os.ReadDir(p)
			if err != nil {
				return nil, fmt.Errorf("load rules: %w", err)
			}
			for _, e := range ents {
				if ext := path.Ext(e.Name()); !e.IsDir() && (ext == ".yaml" || ext == ".yml") {
					files = append(files, filepath.Join(p, e.Name()))
				}
			}
			if len(files) == 0 {
				return nil, fmt.Errorf("load rules: directory %s holds no *.yaml or *.yml files", p)
			}
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				return nil, fmt.Errorf("load rules: %w", err)
			}
			srcs = append(srcs, source{name: f, data: b})
		}
	}
	return load(srcs)
}

// defaultNormalizer is built once: it is immutable, and costs tens of
// milliseconds to build.
var defaultNormalizer = sync.OnceValues(func() (*textnorm.Normalizer, error) {
	return textnorm.New(textnorm.Options{})
})

func load(srcs []source) (*Set, error) {
	norm, err := defaultNormalizer()
	if err != nil {
		return nil, fmt.Errorf("load rules: build normalizer: %w", err)
	}
	p := &parser{auto: newAutomaton(norm), named: map[string]*named{}, ids: map[string]*rule{}}
	h := sha256.New()
	for _, src := range srcs {
		base := filepath.Base(src.name)
		fmt.Fprintf(h, "%s\x00%d\x00", base, len(src.data))
		h.Write(src.data)
		p.file(src.name, src.data)
	}
	h.Write(builtinsDigest())
	p.resolve()
	if p.errs.empty() && len(p.rules) == 0 {
		names := make([]string, len(srcs))
		for i, s := range srcs {
			names[i] = s.name
		}
		verb := "holds"
		if len(names) > 1 {
			verb = "hold"
		}
		return nil, fmt.Errorf("load rules: %s %s no rules", strings.Join(names, ", "), verb)
	}
	if err := p.errs.err(); err != nil {
		return nil, err
	}
	for _, r := range p.rules {
		if r.when == nil {
			return nil, fmt.Errorf("load rules: rule %s has no condition (internal error)", r.info.ID)
		}
	}
	finder, err := pii.NewFinder()
	if err != nil {
		return nil, fmt.Errorf("load rules: %w", err)
	}
	if err := p.auto.build(p.leaves); err != nil {
		return nil, fmt.Errorf("load rules: %w", err)
	}
	s := &Set{
		rules:   p.rules,
		byID:    make(map[string]int, len(p.rules)),
		named:   len(p.named),
		auto:    p.auto,
		finder:  finder,
		version: hex.EncodeToString(h.Sum(nil))[:12],
	}
	for i, r := range p.rules {
		s.byID[r.info.ID] = i
	}
	return s, nil
}

// resolve binds references and anchors to named conditions and refuses
// unknown names and cycles.
func (p *parser) resolve() {
	known := func() string {
		names := make([]string, 0, len(p.named))
		for n := range p.named {
			names = append(names, n)
		}
		sort.Strings(names)
		if len(names) == 0 {
			return "none: define it under conditions:"
		}
		if len(names) > 12 {
			names = append(names[:12], "…")
		}
		return "defined: " + strings.Join(names, ", ")
	}
	for _, n := range p.nodes {
		if n.ref = p.named[n.refName]; n.ref == nil {
			p.errs.add(n.file, n.line, n.path, "unknown condition %q%s (%s)", n.refName, suggest(n.refName, keys(p.named)), known())
		}
	}
	for _, a := range p.anch {
		if a.ref = p.named[a.refName]; a.ref == nil {
			p.errs.add(a.file, a.line, a.path, "unknown condition %q%s (%s)", a.refName, suggest(a.refName, keys(p.named)), known())
		}
	}
	p.cycles()
}

func keys(m map[string]*named) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// cycles refuses named conditions that reach themselves through ref or
// anchor: they would have no meaning.
func (p *parser) cycles() {
	const (
		unseen = iota
		onStack
		done
	)
	state := map[*named]int{}
	var stack []*named
	var visit func(nm *named)
	var walk func(n *node)
	check := func(to *named, file string, line int, path string) {
		switch state[to] {
		case onStack:
			i := slices.Index(stack, to)
			names := make([]string, 0, len(stack)-i+1)
			for _, s := range stack[i:] {
				names = append(names, s.name)
			}
			names = append(names, to.name)
			p.errs.add(file, line, path, "reference cycle: %s (a condition cannot depend on itself)", strings.Join(names, " → "))
		case unseen:
			visit(to)
		}
	}
	walk = func(n *node) {
		if n == nil {
			return
		}
		if n.op == opRef && n.ref != nil {
			check(n.ref, n.file, n.line, n.path)
		}
		if n.op == opLeaf && n.leaf.anchor != nil && n.leaf.anchor.ref != nil {
			a := n.leaf.anchor
			check(a.ref, a.file, a.line, a.path)
		}
		for _, k := range n.kids {
			walk(k)
		}
	}
	visit = func(nm *named) {
		state[nm] = onStack
		stack = append(stack, nm)
		walk(nm.node)
		stack = stack[:len(stack)-1]
		state[nm] = done
	}
	all := make([]*named, 0, len(p.named))
	for _, nm := range p.named {
		all = append(all, nm)
	}
	slices.SortFunc(all, func(a, b *named) int {
		if c := strings.Compare(a.file, b.file); c != 0 {
			return c
		}
		return a.line - b.line
	})
	for _, nm := range all {
		if state[nm] == unseen {
			visit(nm)
		}
	}
}
