package mapping

import (
	"errors"
	"slices"
	"strings"

	"github.com/srmkit/srmkit/frameworks"
	"github.com/srmkit/srmkit/schema/diag"
	"github.com/srmkit/srmkit/srm"
)

// Sentinel causes of the errors the catalog reports. Compare with errors.Is.
var (
	ErrUnknownControl   = errors.New("unknown control")
	ErrUnknownFramework = errors.New("unknown framework")
	ErrUnknownClause    = errors.New("unknown clause")
	ErrNotLeaf          = errors.New("mapping to a clause that has children")
	ErrDuplicateEdge    = errors.New("repeated mapping")
	ErrUnaccounted      = errors.New("clause neither mapped nor marked not applicable")
	ErrCollision        = errors.New("id collides with an existing one")
	ErrConflict         = errors.New("overlays disagree")
	ErrUnjudged         = errors.New("clause without a completeness judgement")
	ErrUnmappedControl  = errors.New("control neither mapped nor marked unmapped")
	ErrInconsistent     = errors.New("inconsistent mapping data")
	ErrOutsideProfile   = errors.New("clause outside the selected profiles")
	// ErrInvalid: a value outside what its field allows (an unknown status or relationship, a
	// strength outside 1 to 10, a missing rationale or reason).
	ErrInvalid = errors.New("invalid value")
)

// Table is the links from controls to one framework's clauses, the clauses that do not apply to
// a cloud customer, how completely the mapped controls meet each clause, and the controls judged
// to serve none: one mappings/v1 document, or part of one framework's data when it is split
// over several documents. [Build] checks it.
type Table struct {
	Framework     frameworks.ID
	Mappings      []Mapping
	NotApplicable []NotApplicable
	Completeness  []Completeness
	Unmapped      []Unmapped
	// Source is the document the table was read from, to position problems in it; nil for a
	// table built in code, whose problems are named after its framework.
	Source  diag.Locator
	overlay bool // an organisation's own mappings, added by [Catalog.With]
}

func (t *Table) name() string { return "mapping table for " + string(t.Framework) }

// errAt positions a problem in the table's document, or names the table when it has none.
func (t *Table) errAt(ptr string, cause error, format string, args ...any) *diag.Error {
	return diag.At(t.Source, t.name(), ptr, cause, format, args...)
}

func cloneTables(ts []*Table) []*Table {
	out := make([]*Table, len(ts))
	for i, t := range ts {
		cp := *t
		cp.Mappings = slices.Clone(t.Mappings)
		cp.NotApplicable = slices.Clone(t.NotApplicable)
		cp.Completeness = slices.Clone(t.Completeness)
		cp.Unmapped = slices.Clone(t.Unmapped)
		out[i] = &cp
	}
	return out
}

// checkMappingValue checks what a mapping must hold whatever its origin: a known relationship,
// a strength from 1 to 10 and a rationale.
func checkMappingValue(m Mapping, at func(ptr string, cause error, format string, args ...any) *diag.Error) diag.ErrorList {
	var errs diag.ErrorList
	if err := validEnum(m.Relationship); err != nil {
		errs = append(errs, at("/relationship", ErrInvalid, "%v", err))
	}
	if m.Strength < 1 || m.Strength > 10 {
		errs = append(errs, at("/strength", ErrInvalid, "strength %d is outside 1 to 10", m.Strength))
	}
	if strings.TrimSpace(m.Rationale) == "" {
		errs = append(errs, at("/rationale", ErrInvalid, "a mapping needs a rationale a reviewer can check"))
	}
	return errs
}

// validEnum checks a typed string against its type's own list of values, with its message.
func validEnum[T ~string, P interface {
	*T
	UnmarshalText([]byte) error
}](v T) error {
	var x T
	return P(&x).UnmarshalText([]byte(v))
}

type edge struct {
	control srm.ControlID
	fw      frameworks.ID
	clause  string
}

type clauseKey struct {
	fw     frameworks.ID
	clause string
}
