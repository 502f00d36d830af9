package scorecard

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
)

// MaxFileBytes bounds a scorecard file: one over a megabyte is a mistake,
// not a scorecard.
const MaxFileBytes = 1 << 20

// Scorecard is a parsed, validated scorecard. It is immutable and safe for
// concurrent use.
type Scorecard struct {
	id, title, description string
	declared               string // the file's version field
	name                   string // the file name, for messages
	version                string
	sections               []Section

	// rules lists every rule the scorecard names, each with the flat index
	// of its criterion; ruleIdx maps a rule id to its place in rules.
	rules   []ruleRef
	ruleIdx map[string]int
	// crits are the criteria in file order, each with its section index.
	crits []critRef
}

type ruleRef struct {
	id   string
	crit int // index into crits
	line int
}

type critRef struct {
	c       *Criterion
	section int
	rules   []int // indexes into Scorecard.rules
}

// Section is a group of criteria with a weight in the total.
type Section struct {
	ID          string
	Title       string
	Description string
	// Weight is the section's relative weight in the total, > 0.
	Weight   float64
	Criteria []Criterion
	// Line is where the section starts in the file.
	Line int
}

// Criterion is one graded item, decided by one or more rules.
type Criterion struct {
	ID          string
	Title       string
	Description string
	// Weight is the criterion's relative weight within its section, > 0.
	Weight float64
	// Rules are the ids of the rules that decide the criterion.
	Rules []string
	// AutoFail: failing this criterion makes the total 0.
	AutoFail bool
	// Line is where the criterion starts in the file.
	Line int

	ruleLines []int // the line of each of Rules
}

// Load reads and parses a scorecard file.
func Load(path string) (*Scorecard, error) {
	data, err := readLimited(func() (fs.File, error) { return os.Open(path) }, path)
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

// LoadFS reads and parses the scorecard file name of fsys (an embedded
// pack, say).
func LoadFS(fsys fs.FS, name string) (*Scorecard, error) {
	data, err := readLimited(func() (fs.File, error) { return fsys.Open(name) }, name)
	if err != nil {
		return nil, err
	}
	return Parse(name, data)
}

func readLimited(open func() (fs.File, error), name string) ([]byte, error) {
	f, err := open()
	if err != nil {
		return nil, fmt.Errorf("read scorecard: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read scorecard %s: %w", name, err)
	}
	return data, nil // Parse refuses a file over the limit
}

// Parse parses and validates a scorecard from data; name is the file name
// used in error messages. Every mistake in the file is reported, one per
// line of the error, as "name:line: path: what is wrong (allowed: …)".
func Parse(name string, data []byte) (*Scorecard, error) {
	if len(data) > MaxFileBytes {
		return nil, &FieldError{File: name, Msg: fmt.Sprintf("the file is %d bytes", len(data)),
			Allowed: fmt.Sprintf("at most %d bytes", MaxFileBytes)}
	}
	p := parser{file: name}
	sc := p.parse(data)
	if err := p.err(); err != nil {
		return nil, err
	}
	sc.name = name
	sum := sha256.Sum256(data)
	sc.version = sc.declared + "+" + hex.EncodeToString(sum[:])[:12]
	sc.index()
	return sc, nil
}

// index builds the lookup tables Grade uses.
func (s *Scorecard) index() {
	s.ruleIdx = map[string]int{}
	for si := range s.sections {
		sec := &s.sections[si]
		for ci := range sec.Criteria {
			c := &sec.Criteria[ci]
			cr := critRef{c: c, section: si}
			for ri, r := range c.Rules {
				cr.rules = append(cr.rules, len(s.rules))
				s.ruleIdx[r] = len(s.rules)
				s.rules = append(s.rules, ruleRef{id: r, crit: len(s.crits), line: c.ruleLines[ri]})
			}
			s.crits = append(s.crits, cr)
		}
	}
}

// ID is the scorecard's id.
func (s *Scorecard) ID() string { return s.id }

// Title is the scorecard's title, possibly empty.
func (s *Scorecard) Title() string { return s.title }

// Declared is the version the file declares in its version field.
func (s *Scorecard) Declared() string { return s.declared }

// Version names the exact file: its declared version, "+", and 12 hex
// digits of the SHA-256 of its bytes, so any edit — even one its author
// forgot to mark by bumping the declared version — gives a new version.
func (s *Scorecard) Version() string { return s.version }

// Sections returns a copy of the scorecard's sections in file order.
func (s *Scorecard) Sections() []Section {
	out := make([]Section, len(s.sections))
	for i, sec := range s.sections {
		sec.Criteria = slices.Clone(sec.Criteria)
		for j := range sec.Criteria {
			sec.Criteria[j].Rules = slices.Clone(sec.Criteria[j].Rules)
		}
		out[i] = sec
	}
	return out
}

// RuleIDs returns the ids of every rule the scorecard names, in file order.
func (s *Scorecard) RuleIDs() []string {
	out := make([]string, len(s.rules))
	for i, r := range s.rules {
		out[i] = r.id
	}
	return out
}
