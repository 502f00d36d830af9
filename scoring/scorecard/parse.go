package scorecard

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// The shapes of ids and versions. Rule ids have the rule format's shape
// (scoring/rules/FORMAT.md), so a typo in case fails here, not at Check.
var (
	idPattern      = regexp.MustCompile(`^[a-z0-9_.]{1,64}$`)
	versionPattern = regexp.MustCompile(`^[A-Za-z0-9._+-]{1,32}$`)
)

const (
	allowedID      = "1 to 64 of a-z, 0-9, _ and ."
	allowedVersion = `1 to 32 of A-Z, a-z, 0-9, ".", "_", "+" and "-", e.g. "2026.11.1"`
	allowedWeight  = "a number > 0 and ≤ 1000000"
	maxWeight      = 1e6
)

// The fields of each level, in the order the messages list them.
var (
	scorecardFields = []string{"id", "version", "title", "description", "sections"}
	sectionFields   = []string{"id", "title", "description", "weight", "criteria"}
	criterionFields = []string{"id", "title", "description", "weight", "rules", "auto_fail"}
)

// parser walks the YAML node tree, so that every mistake has its line.
type parser struct {
	file string
	errorList
	sectionIDs map[string]int // id → line of its first use
	critIDs    map[string]int
	ruleUses   map[string]ruleUse
}

type ruleUse struct {
	criterion string
	line      int
}

func (p *parser) fail(line int, path, msg, allowed string) {
	p.add(&FieldError{File: p.file, Line: line, Path: path, Msg: msg, Allowed: allowed})
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): `)

// syntax reports a yaml.v3 error ("yaml: line 3: …") as file:3: ….
func (p *parser) syntax(err error) {
	msg, line := err.Error(), 0
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = "yaml: " + te.Errors[0]
	}
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = msg[len(m[0]):]
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	p.fail(line, "", msg, "well-formed YAML")
}

func (p *parser) parse(data []byte) *Scorecard {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if err == io.EOF {
			p.fail(0, "", "the file is empty", "a scorecard with id, version and sections")
		} else {
			p.syntax(err)
		}
		return nil
	}
	var extra yaml.Node
	switch err := dec.Decode(&extra); {
	case err == io.EOF:
	case err != nil:
		p.syntax(err)
		return nil
	default:
		p.fail(extra.Line, "", "a second YAML document", "one scorecard per file, without ---")
		return nil
	}
	if len(doc.Content) != 1 {
		p.fail(doc.Line, "", "the file holds no scorecard", "a scorecard with id, version and sections")
		return nil
	}
	p.sectionIDs, p.critIDs, p.ruleUses = map[string]int{}, map[string]int{}, map[string]ruleUse{}
	sc := &Scorecard{}
	root := doc.Content[0]
	f := p.mapping(root, "", "a scorecard", scorecardFields)
	if f == nil {
		return nil
	}
	sc.id = p.id(f, root, "", "id")
	sc.declared = p.version(f, root)
	sc.title = p.text(f, "", "title")
	sc.description = p.text(f, "", "description")
	seq := p.list(f, root, "", "sections", "a list of sections, each with id, weight and criteria")
	for i, n := range seq {
		sc.sections = append(sc.sections, p.section(n, fmt.Sprintf("sections[%d]", i)))
	}
	return sc
}

func (p *parser) section(n *yaml.Node, path string) Section {
	s := Section{Line: n.Line}
	f := p.mapping(n, path, "a section", sectionFields)
	if f == nil {
		return s
	}
	s.ID = p.id(f, n, path, "id")
	p.unique(p.sectionIDs, s.ID, f, path, "section", "unique section ids")
	s.Title = p.text(f, path, "title")
	s.Description = p.text(f, path, "description")
	s.Weight = p.weight(f, n, path)
	seq := p.list(f, n, path, "criteria", "a list of criteria, each with id, weight and rules")
	for i, c := range seq {
		s.Criteria = append(s.Criteria, p.criterion(c, fmt.Sprintf("%s.criteria[%d]", path, i)))
	}
	return s
}

// unique records id in seen (id → line), or fails when it is there
// already; an empty id was refused by p.id.
func (p *parser) unique(seen map[string]int, id string, f map[string]*yaml.Node, path, what, allowed string) {
	if id == "" {
		return
	}
	if first, dup := seen[id]; dup {
		p.fail(f["id"].Line, join(path, "id"), fmt.Sprintf("%s id %q is used twice (first at line %d)", what, id, first), allowed)
		return
	}
	seen[id] = f["id"].Line
}

func (p *parser) criterion(n *yaml.Node, path string) Criterion {
	c := Criterion{Line: n.Line}
	f := p.mapping(n, path, "a criterion", criterionFields)
	if f == nil {
		return c
	}
	c.ID = p.id(f, n, path, "id")
	p.unique(p.critIDs, c.ID, f, path, "criterion", "ids unique across the scorecard")
	c.Title = p.text(f, path, "title")
	c.Description = p.text(f, path, "description")
	c.Weight = p.weight(f, n, path)
	rp := join(path, "rules")
	for i, r := range p.list(f, n, path, "rules", "a list of rule ids, e.g. [no_greeting]") {
		ip := fmt.Sprintf("%s[%d]", rp, i)
		v, ok := p.scalar(r, ip, "a rule id: "+allowedID)
		if !ok {
			continue
		}
		if !idPattern.MatchString(v) {
			p.fail(r.Line, ip, fmt.Sprintf("rule id %q is not a valid id", clip(v)), allowedID)
			continue
		}
		if u, dup := p.ruleUses[v]; dup {
			where := "this criterion"
			if u.criterion != c.ID {
				where = fmt.Sprintf("criterion %q", u.criterion)
			}
			p.fail(r.Line, ip, fmt.Sprintf("rule %q is already listed in %s (line %d)", v, where, u.line), "each rule in one criterion only")
			continue
		}
		p.ruleUses[v] = ruleUse{criterion: c.ID, line: r.Line}
		c.Rules = append(c.Rules, v)
		c.ruleLines = append(c.ruleLines, r.Line)
	}
	if v, ok := f["auto_fail"]; ok && v != reported {
		ap := join(path, "auto_fail")
		if v.Kind != yaml.ScalarNode || v.Tag != "!!bool" {
			p.fail(v.Line, ap, fmt.Sprintf("auto_fail is %s, not true or false", describe(v)), "true or false")
		} else {
			_ = v.Decode(&c.AutoFail) // a !!bool always decodes
		}
	}
	return c
}

// reported stands for a value whose mistake is already reported, so that
// it is not reported again as missing or of the wrong type. Never modified.
var reported = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null"}

// mapping checks that n is a mapping with only the given keys, each once,
// and returns the values by key; nil when n is not a mapping.
func (p *parser) mapping(n *yaml.Node, path, what string, known []string) map[string]*yaml.Node {
	if n.Kind != yaml.MappingNode {
		p.fail(n.Line, path, fmt.Sprintf("%s must be a mapping, got %s", what, describe(n)), "keys "+strings.Join(known, ", "))
		return nil
	}
	out := make(map[string]*yaml.Node, len(n.Content)/2)
	keyLines := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode || k.Tag == "!!merge" {
			p.fail(k.Line, path, fmt.Sprintf("key %s is not a plain field name", describe(k)), strings.Join(known, ", "))
			continue
		}
		kp := join(path, k.Value)
		if first, dup := keyLines[k.Value]; dup {
			p.fail(k.Line, kp, fmt.Sprintf("%s is set twice (first at line %d)", k.Value, first), "each field once")
			continue
		}
		keyLines[k.Value] = k.Line
		if !slices.Contains(known, k.Value) {
			p.fail(k.Line, kp, fmt.Sprintf("unknown field %q", clip(k.Value)), strings.Join(known, ", "))
			continue
		}
		if v.Kind == yaml.AliasNode {
			p.fail(v.Line, kp, "YAML aliases are not allowed", "the value written out")
			v = reported
		}
		out[k.Value] = v
	}
	return out
}

// scalar returns n's value when n is a non-null scalar.
func (p *parser) scalar(n *yaml.Node, path, allowed string) (string, bool) {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		p.fail(n.Line, path, fmt.Sprintf("%s is not a value", describe(n)), allowed)
		return "", false
	}
	return n.Value, true
}

// id reads a required id field.
func (p *parser) id(f map[string]*yaml.Node, parent *yaml.Node, path, key string) string {
	kp := join(path, key)
	v, ok := f[key]
	if !ok {
		p.fail(parent.Line, kp, "id is missing", allowedID)
		return ""
	}
	if v == reported {
		return ""
	}
	s, ok := p.scalar(v, kp, allowedID)
	if !ok {
		return ""
	}
	if !idPattern.MatchString(s) {
		p.fail(v.Line, kp, fmt.Sprintf("id %q is not a valid id", clip(s)), allowedID)
		return ""
	}
	return s
}

func (p *parser) version(f map[string]*yaml.Node, root *yaml.Node) string {
	v, ok := f["version"]
	if !ok {
		p.fail(root.Line, "version", "version is missing", allowedVersion)
		return ""
	}
	if v == reported {
		return ""
	}
	s, ok := p.scalar(v, "version", allowedVersion)
	if ok && !versionPattern.MatchString(s) {
		p.fail(v.Line, "version", fmt.Sprintf("version %q is not a valid version", clip(s)), allowedVersion)
		return ""
	}
	return s
}

// text reads an optional free-text field; null means absent.
func (p *parser) text(f map[string]*yaml.Node, path, key string) string {
	v, ok := f[key]
	if !ok || (v.Kind == yaml.ScalarNode && v.Tag == "!!null") {
		return ""
	}
	s, _ := p.scalar(v, join(path, key), "text")
	return s
}

func (p *parser) weight(f map[string]*yaml.Node, parent *yaml.Node, path string) float64 {
	kp := join(path, "weight")
	v, ok := f["weight"]
	if !ok {
		p.fail(parent.Line, kp, "weight is missing", allowedWeight)
		return 0
	}
	if v == reported {
		return 0
	}
	if v.Kind != yaml.ScalarNode || (v.Tag != "!!int" && v.Tag != "!!float") {
		p.fail(v.Line, kp, fmt.Sprintf("weight is %s, not a number", describe(v)), allowedWeight)
		return 0
	}
	var w float64
	if err := v.Decode(&w); err != nil {
		p.fail(v.Line, kp, fmt.Sprintf("weight %q is not a number", clip(v.Value)), allowedWeight)
		return 0
	}
	if math.IsNaN(w) || w <= 0 || w > maxWeight {
		p.fail(v.Line, kp, fmt.Sprintf("weight %s is out of range", clip(v.Value)), allowedWeight)
		return 0
	}
	return w
}

// list reads a required, non-empty sequence.
func (p *parser) list(f map[string]*yaml.Node, parent *yaml.Node, path, key, allowed string) []*yaml.Node {
	kp := join(path, key)
	v, ok := f[key]
	if !ok {
		p.fail(parent.Line, kp, key+" is missing", allowed)
		return nil
	}
	if v == reported {
		return nil
	}
	if v.Kind != yaml.SequenceNode {
		p.fail(v.Line, kp, fmt.Sprintf("%s must be a list, got %s", key, describe(v)), allowed)
		return nil
	}
	if len(v.Content) == 0 {
		p.fail(v.Line, kp, key+" is empty", allowed)
		return nil
	}
	out := make([]*yaml.Node, 0, len(v.Content))
	for i, n := range v.Content {
		if n.Kind == yaml.AliasNode {
			p.fail(n.Line, fmt.Sprintf("%s[%d]", kp, i), "YAML aliases are not allowed", "the value written out")
			continue
		}
		out = append(out, n)
	}
	return out
}

// describe names a node's kind for messages, quoting a short scalar.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!null":
			return "an empty value"
		case "!!str":
			return fmt.Sprintf("the string %q", clip(n.Value))
		}
		return clip(n.Value)
	}
	return "nothing"
}

// clip cuts a value quoted in a message to 40 bytes, on a rune boundary.
func clip(s string) string {
	const max = 40
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && s[cut]&0xC0 == 0x80 {
		cut--
	}
	return s[:cut] + "…"
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
