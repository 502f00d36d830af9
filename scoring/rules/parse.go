package rules

import (
	"bytes"
	"errors"
	"io"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/convqa/convqa/internal/transcript"
)

// Field names, in the order error messages list them.
var (
	topFields  = []string{"version", "conditions", "rules"}
	ruleFields = []string{"id", "title", "description", "kind", "severity", "criterion", "bots_are_agents", "applies_when", "when"}
	leafFields = []string{"speaker", "channels", "keywords", "regex", "exclude", "position", "negation_guard",
		"detector", "threshold", "anchor", "hold_phrases", "request_phrases", "transfer_phrases", "items"}
	comboFields     = []string{"all", "any", "not", "ref"}
	condFields      = append(append([]string(nil), leafFields...), comboFields...)
	keywordFields   = []string{"any", "all", "at_least", "none"}
	atLeastFields   = []string{"n", "of"}
	positionFields  = []string{"first", "last", "turns", "sentences"}
	sentenceFields  = []string{"first", "last"}
	thresholdFields = []string{"seconds", "hours", "times", "turns"}
	anchorFields    = []string{"ref", "relation", "turns", "seconds"}
	kindNames       = []string{string(Violation), string(Requirement)}
	severityNames   = []string{string(Info), string(Minor), string(Major), string(Critical)}
)

var idPattern = regexp.MustCompile(`^[a-z0-9_.]{1,64}$`)

// maxDepth bounds how deeply conditions nest.
const maxDepth = 32

// parser reads the files of one set into compiled rules.
type parser struct {
	errs   errList
	auto   *automaton
	named  map[string]*named
	nodes  []*node   // reference nodes, resolved once every file is read
	leaves []*leaf   // every leaf, which the automata are built for
	anch   []*anchor // anchors, likewise
	rules  []*rule
	ids    map[string]*rule
}

// file reads one rule file.
func (p *parser) file(name string, data []byte) (version string) {
	w := &walker{file: name, errs: &p.errs, budget: nodeBudget}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			w.errorf(nil, "", "the file is empty (want version: and rules:)")
		} else {
			p.errs.errs = append(p.errs.errs, syntaxError(name, data, err))
		}
		return ""
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		w.errorf(&extra, "", "a second YAML document (---): a rule file holds one")
		return ""
	} else if !errors.Is(err, io.EOF) {
		p.errs.errs = append(p.errs.errs, syntaxError(name, data, err))
		return ""
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	fs, ok := w.mapping(root, "", "a mapping with version:, conditions: and rules:", topFields)
	if !ok {
		return ""
	}
	var rulesNode *yaml.Node
	for _, f := range fs {
		switch f.key {
		case "version":
			version, _ = w.str(f.v, "version", `the file's version, such as "2026.11.1"`)
		case "conditions":
			p.conditions(w, f.v)
		case "rules":
			rulesNode = f.v
		}
	}
	if !has2(fs, "version") {
		w.errorf(root, "version", `missing: every rule file names its version, stored with each hit (such as version: "2026.11.1")`)
	}
	if rulesNode != nil {
		p.ruleList(w, rulesNode, version)
	} else if !has2(fs, "conditions") {
		w.errorf(root, "rules", "missing: a rule file holds rules:, or shared conditions:")
	}
	if w.exhausted() {
		w.errorf(root, "", "too many nodes once aliases are expanded (more than %d): split the file or share less through aliases", nodeBudget)
	}
	return version
}

func has2(fs []field, key string) bool {
	for _, f := range fs {
		if f.key == key {
			return true
		}
	}
	return false
}

// conditions reads the named conditions, which every file of the set
// shares.
func (p *parser) conditions(w *walker, n *yaml.Node) {
	fs, _ := w.mapping(n, "conditions", "a mapping of condition names to conditions", nil)
	for _, f := range fs {
		fp := "conditions." + f.key
		if !idPattern.MatchString(f.key) {
			w.errorf(f.k, fp, "%q is not a valid condition name (allowed: 1–64 of a-z, 0-9, _ and .)", f.key)
			continue
		}
		if prev, dup := p.named[f.key]; dup {
			w.errorf(f.k, fp, "duplicate condition name %q (first defined at %s:%d)", f.key, prev.file, prev.line)
			continue
		}
		nd := p.cond(w, f.v, fp, 0)
		if nd == nil {
			continue
		}
		p.named[f.key] = &named{name: f.key, node: nd, file: w.file, line: f.k.Line, slot: len(p.named)}
	}
}

// ruleList reads the rules: sequence.
func (p *parser) ruleList(w *walker, n *yaml.Node, version string) {
	n = w.resolve(n)
	if n == nil || n.Kind != yaml.SequenceNode {
		w.errorf(n, "rules", "want a list of rules (- id: …), got %s", describe(n))
		return
	}
	for i, rn := range n.Content {
		if w.exhausted() {
			return
		}
		p.rule(w, rn, index("rules", i), version)
	}
}

func (p *parser) rule(w *walker, n *yaml.Node, path, version string) {
	fs, ok := w.mapping(n, path, "a rule (id, title, kind, severity, when, …)", ruleFields)
	if !ok {
		return
	}
	n = w.resolve(n)
	r := &rule{botsAreAgents: true, version: version}
	r.info.File, r.info.Line, r.info.FileVersion = w.file, n.Line, version
	for _, f := range fs {
		fp := join(path, f.key)
		switch f.key {
		case "id":
			if id, ok := w.str(f.v, fp, "a rule id"); ok {
				if !idPattern.MatchString(id) {
					w.errorf(f.v, fp, "%q is not a valid id (allowed: 1–64 of a-z, 0-9, _ and .)", id)
				} else if prev, dup := p.ids[id]; dup {
					w.errorf(f.v, fp, "duplicate rule id %q (first defined at %s:%d)", id, prev.info.File, prev.info.Line)
				} else {
					r.info.ID = id
					p.ids[id] = r
				}
			}
		case "title":
			r.info.Title, _ = w.str(f.v, fp, "a title")
		case "description":
			r.info.Description, _ = w.str(f.v, fp, "a description")
		case "kind":
			k, _ := w.oneOf(f.v, fp, "kind", kindNames)
			r.info.Kind = Kind(k)
		case "severity":
			s, _ := w.oneOf(f.v, fp, "severity", severityNames)
			r.info.Severity = Severity(s)
		case "criterion":
			if c, ok := w.str(f.v, fp, "a scorecard criterion id"); ok {
				if strings.ContainsAny(c, " \t\r\n") {
					w.errorf(f.v, fp, "%q: a criterion id has no spaces (such as compliance.promises)", c)
				}
				r.info.Criterion = c
			}
		case "bots_are_agents":
			if b, ok := w.boolean(f.v, fp); ok {
				r.botsAreAgents = b
			}
		case "applies_when":
			r.applies = p.cond(w, f.v, fp, 0)
		case "when":
			r.when = p.cond(w, f.v, fp, 0)
		}
	}
	for _, req := range []struct{ key, what string }{
		{"id", "a unique rule id"},
		{"kind", "violation or requirement"},
		{"severity", "info, minor, major or critical"},
		{"when", "the condition"},
	} {
		if !has2(fs, req.key) {
			w.errorf(n, join(path, req.key), "missing: every rule needs %s", req.what)
		}
	}
	p.rules = append(p.rules, r)
}

// cond reads a condition: a leaf, a combination or a reference.
func (p *parser) cond(w *walker, n *yaml.Node, path string, depth int) *node {
	if depth > maxDepth {
		w.errorf(w.resolve(n), path, "conditions nest more than %d deep", maxDepth)
		return nil
	}
	if w.exhausted() {
		return nil
	}
	fs, ok := w.mapping(n, path, "a condition: a leaf (speaker, keywords, …), a combination (all, any, not) or a reference (ref)", condFields)
	if !ok {
		return nil
	}
	n = w.resolve(n)
	var combo *field
	for i := range fs {
		if contains(comboFields, fs[i].key) {
			combo = &fs[i]
			break
		}
	}
	if combo == nil {
		l := p.leaf(w, n, fs, path)
		if l == nil {
			return nil
		}
		p.leaves = append(p.leaves, l)
		return &node{op: opLeaf, leaf: l, file: w.file, line: n.Line, path: path}
	}
	if len(fs) > 1 {
		var others []string
		for _, f := range fs {
			if f.key != combo.key {
				others = append(others, f.key)
			}
		}
		w.errorf(combo.k, path, "%s cannot stand beside %s: a combination or reference is alone in its mapping; put leaf fields in its children", combo.key, strings.Join(others, ", "))
		return nil
	}
	fp := join(path, combo.key)
	switch combo.key {
	case "ref":
		name, ok := w.str(combo.v, fp, "the name of a condition from conditions:")
		if !ok {
			return nil
		}
		nd := &node{op: opRef, refName: name, file: w.file, line: w.resolve(combo.v).Line, path: fp}
		p.nodes = append(p.nodes, nd)
		return nd
	case "not":
		kid := p.cond(w, combo.v, fp, depth+1)
		if kid == nil {
			return nil
		}
		return &node{op: opNot, kids: []*node{kid}, file: w.file, line: n.Line, path: path}
	}
	items, ok := w.seq(combo.v, fp, "a list of conditions")
	if !ok {
		return nil
	}
	nd := &node{op: opAll, file: w.file, line: n.Line, path: path}
	if combo.key == "any" {
		nd.op = opAny
	}
	good := true
	for i, it := range items {
		kid := p.cond(w, it, index(fp, i), depth+1)
		if kid == nil {
			good = false
			continue
		}
		nd.kids = append(nd.kids, kid)
	}
	if !good {
		return nil
	}
	return nd
}

// channels reads a list of channels.
func (p *parser) channels(w *walker, n *yaml.Node, path string) uint8 {
	items, ok := w.seq(n, path, "a list of channels, such as [chat, voice]")
	if !ok {
		return 0
	}
	var mask uint8
	for i, it := range items {
		if c, ok := w.oneOf(it, index(path, i), "channel", channelNames); ok {
			mask |= channelBit(transcript.Channel(c))
		}
	}
	return mask
}
