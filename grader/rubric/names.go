package rubric

import (
	"fmt"

	"gopkg.in/yaml.v3"
)

// Names is one name or a list of names (aliases): `key: Storage Driver` or
// `key: [Storage Driver, Pilote de stockage]`.
type Names []string

// UnmarshalYAML accepts a scalar or a sequence of scalars.
func (ns *Names) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!null" || n.Value == "" {
			return fmt.Errorf("expected a name or a list of names, got nothing")
		}
		*ns = Names{n.Value}
		return nil
	case yaml.SequenceNode:
		out := make(Names, 0, len(n.Content))
		for _, c := range n.Content {
			if c.Kind != yaml.ScalarNode || c.Value == "" {
				return ErrorAt(c.Line, c.Column, "expected a name, got %s", describe(c))
			}
			out = append(out, c.Value)
		}
		if len(out) == 0 {
			return fmt.Errorf("expected at least one name")
		}
		*ns = out
		return nil
	}
	return fmt.Errorf("expected a name or a list of names, got %s", describe(n))
}
