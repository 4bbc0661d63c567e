package mapping

import (
	"slices"

	"github.com/srmkit/srmkit/frameworks"
	"github.com/srmkit/srmkit/srm"
)

// Snapshot is everything a catalog holds, as plain values, for comparing catalogs.
type Snapshot struct {
	Organization  string
	Scope         []string
	Selections    []frameworks.Selection // the frameworks narrowed to profiles
	Frameworks    []FrameworkSnapshot
	Services      []srm.Service
	Controls      []srm.Control
	Mappings      []Mapping
	NotApplicable []NotApplicable
	Completeness  []Completeness
	Unmapped      []Unmapped
	Exclusions    []NotApplicable
	Assignments   []Assignment
}

// FrameworkSnapshot is a framework's metadata and clauses.
type FrameworkSnapshot struct {
	ID                                            frameworks.ID
	Name, Version, Publisher, Source, Description string
	TextPolicy                                    frameworks.TextPolicy
	Aliases                                       []string
	Profiles                                      []frameworks.Profile
	Clauses                                       []frameworks.Clause
}

// Snapshot returns the catalog's content as plain values.
func (c *Catalog) Snapshot() Snapshot {
	s := Snapshot{Organization: c.org, Mappings: slices.Clone(c.maps), NotApplicable: c.BuiltinNotApplicable(),
		Completeness: c.BuiltinCompleteness(), Unmapped: slices.Collect(c.Unmapped())}
	if c.hasScope {
		s.Scope = slices.Collect(c.scope.Services())
	}
	for _, f := range c.fws {
		// The data, not the view: a framework narrowed to profiles is written whole.
		f = f.Whole()
		fs := FrameworkSnapshot{ID: f.ID(), Name: f.Name(), Version: f.Version(), Publisher: f.Publisher(), Source: f.Source(),
			Description: f.Description(), TextPolicy: f.TextPolicy(), Aliases: f.Aliases(), Profiles: f.Profiles()}
		for cl := range f.Clauses() {
			fs.Clauses = append(fs.Clauses, cl)
		}
		s.Frameworks = append(s.Frameworks, fs)
		if sel := c.fws[len(s.Frameworks)-1].Selection(); len(sel.Profiles) > 0 {
			s.Selections = append(s.Selections, sel)
		}
		for cl := range f.Clauses() {
			if x, ok := c.excluded[clauseKey{f.ID(), cl.ID}]; ok {
				s.Exclusions = append(s.Exclusions, x)
			}
		}
	}
	for sv := range c.model.Services() {
		s.Services = append(s.Services, sv)
	}
	for cc := range c.model.Controls() {
		s.Controls = append(s.Controls, cc)
		if a, ok := c.assign[cc.ID]; ok {
			s.Assignments = append(s.Assignments, a)
		}
	}
	return s
}
