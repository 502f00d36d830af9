package synth

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strconv"

	"gopkg.in/yaml.v3"
)

// LoadScenario reads a scenario YAML file. Fields the file leaves out take
// the defaults of DefaultScenario, except promotions and spikes: a file has
// exactly the ones it lists. Every mistake is reported as file:line, the
// key, and what is allowed.
func LoadScenario(path string) (Scenario, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Scenario{}, fmt.Errorf("read scenario: %w", err)
	}
	return ParseScenario(data, path)
}

// ParseScenario is LoadScenario for a file already read; name is used in
// error messages.
func ParseScenario(data []byte, name string) (Scenario, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return Scenario{}, yamlError(name, err)
	}
	var s Scenario
	if len(root.Content) > 0 {
		dec := yaml.NewDecoder(bytes.NewReader(data))
		dec.KnownFields(true)
		if err := dec.Decode(&s); err != nil {
			return Scenario{}, yamlError(name, err)
		}
	}
	lines := map[string]int{}
	if len(root.Content) > 0 {
		indexLines(root.Content[0], "", lines)
	}
	s = s.withDefaults()
	cat, err := newCatalog(defaultCatalog())
	if err != nil {
		return Scenario{}, err
	}
	if _, err := compileScenario(s, cat); err != nil {
		return Scenario{}, locate(err, name, lines)
	}
	return s, nil
}

var yamlLine = regexp.MustCompile(`line (\d+): `)

// yamlError turns yaml.v3's "yaml: line 3: …" into "file:3: …".
func yamlError(name string, err error) error {
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		err = errors.New(te.Errors[0])
	}
	msg := err.Error()
	if m := yamlLine.FindStringSubmatchIndex(msg); m != nil {
		line, _ := strconv.Atoi(msg[m[2]:m[3]])
		rest := msg[m[1]:]
		return fmt.Errorf("%s:%d: %s (see testdata/scenario.example.yaml for every key)", name, line, rest)
	}
	return fmt.Errorf("%s: %s", name, msg)
}

// indexLines records the line of every key and list item, by the same
// paths FieldError uses (spikes[0].multiplier).
func indexLines(n *yaml.Node, path string, lines map[string]int) {
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			p := k.Value
			if path != "" {
				p = path + "." + k.Value
			}
			lines[p] = k.Line
			indexLines(v, p, lines)
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			p := fmt.Sprintf("%s[%d]", path, i)
			lines[p] = c.Line
			indexLines(c, p, lines)
		}
	}
}

// withDefaults fills what a scenario file left out.
func (s Scenario) withDefaults() Scenario {
	d := DefaultScenario()
	if s.Name == "" {
		s.Name = "scenario"
	}
	if s.Start == "" {
		s.Start = d.Start
	}
	if s.UTCOffset == "" {
		s.UTCOffset = d.UTCOffset
	}
	if s.Days == 0 && s.Until == "" {
		s.Days = d.Days
	}
	if s.PerDay == 0 && s.Conversations == 0 {
		s.PerDay = d.PerDay
	}
	if len(s.Tenants) == 0 {
		s.Tenants = d.Tenants
	}
	if s.Languages == nil {
		s.Languages = d.Languages
	}
	if s.Channels == nil {
		s.Channels = d.Channels
	}
	if s.Intents == nil {
		s.Intents = d.Intents
	}
	return s
}
