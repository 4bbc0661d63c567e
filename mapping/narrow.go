package mapping

import (
	"fmt"
	"slices"

	"github.com/srmkit/srmkit/frameworks"
)

// Narrow returns a catalog in which each selected framework is narrowed to its profiles
// ([frameworks.Framework.Narrow]): SOC 2 to the categories a report covers, the GDPR to the
// obligations of a controller or a processor. Every query of the new catalog answers within
// them: Coverage, Checklist and Assess leave the clauses outside out (they are absent, not
// gaps), Satisfying refuses them with an error wrapping [ErrOutsideProfile], and Clauses,
// Mappings and Crosswalk skip their mappings. Frameworks not selected keep their earlier
// narrowing, whole when there was none; a selection without profiles makes its framework
// whole again. The data is shared, not copied, and c is unchanged.
//
// A selection naming a framework by an alias or not in the catalog, one naming a framework
// twice, and an unknown profile are errors.
func (c *Catalog) Narrow(sels ...frameworks.Selection) (*Catalog, error) {
	fws := slices.Clone(c.fws)
	seen := map[frameworks.ID]bool{}
	for _, s := range sels {
		f, err := c.lookup(s.Framework)
		if err != nil {
			return nil, err
		}
		if seen[f.ID()] {
			return nil, fmt.Errorf("%w: %s is selected twice", ErrInvalid, f.ID())
		}
		seen[f.ID()] = true
		n, err := f.Narrow(s.Profiles...)
		if err != nil {
			return nil, fmt.Errorf("mapping: %w", err)
		}
		fws[c.fwIdx[f.ID()]] = n
	}
	return c.withFrameworks(fws), nil
}

// Selections returns how each framework of the catalog is selected, whole or narrowed to
// profiles, in catalog order.
func (c *Catalog) Selections() []frameworks.Selection {
	out := make([]frameworks.Selection, len(c.fws))
	for i, f := range c.fws {
		out[i] = f.Selection()
	}
	return out
}

// anyNarrowed reports whether some framework of fws is narrowed to profiles.
func anyNarrowed(fws []*frameworks.Framework) bool {
	return slices.ContainsFunc(fws, func(f *frameworks.Framework) bool { return f.Whole() != f })
}

// whole returns the catalog with every framework whole.
func (c *Catalog) whole() *Catalog {
	if !c.narrowed {
		return c
	}
	fws := make([]*frameworks.Framework, len(c.fws))
	for i, f := range c.fws {
		fws[i] = f.Whole()
	}
	return c.withFrameworks(fws)
}

// withFrameworks returns a catalog sharing c's data, with fws in place of its frameworks (the
// same frameworks, whole or narrowed, in the same order) and indexes of its own.
func (c *Catalog) withFrameworks(fws []*frameworks.Framework) *Catalog {
	out := &Catalog{model: c.model, fws: fws, fwIdx: c.fwIdx, maps: c.maps, tables: c.tables, builtin: c.builtin,
		na: c.na, judged: c.judged, unmapped: c.unmapped, excluded: c.excluded,
		org: c.org, scope: c.scope, hasScope: c.hasScope, assign: c.assign}
	out.index()
	return out
}

// inView reports whether a mapping's clause is in the catalog's selection of its framework:
// always, unless some framework is narrowed.
func (c *Catalog) inView(m *Mapping) bool {
	if !c.narrowed {
		return true
	}
	_, ok := c.clauseFw[clauseKey{m.Framework, m.Clause}]
	return ok
}

// outside explains why a clause a whole framework holds is not in its narrowed view.
func outside(f *frameworks.Framework, id string) error {
	return fmt.Errorf("%w: %s %s is not in %s", ErrOutsideProfile, f.ID(), id, f.Selection())
}
