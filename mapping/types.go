package mapping

import (
	"fmt"
	"strings"

	"github.com/srmkit/srmkit/frameworks"
	"github.com/srmkit/srmkit/srm"
)

// Relationship is how a control relates to a clause, stated from the control's side, in the
// vocabulary of NIST IR 8477: its set-theory relationships, and its supportive style for a
// control the clause depends on without the control implementing it.
type Relationship string

// Relationships.
const (
	Equal          Relationship = "equal"           // the control does what the clause asks, no more, no less
	SubsetOf       Relationship = "subset-of"       // the control does part of what the clause asks
	SupersetOf     Relationship = "superset-of"     // the control does all the clause asks and more
	IntersectsWith Relationship = "intersects-with" // the two overlap, each with parts the other lacks
	NoRelationship Relationship = "no-relationship" // recorded to say a plausible link was judged absent
	Supports       Relationship = "supports"        // the clause needs the control to work, but the control does not implement it
)

var relationships = []Relationship{Equal, SubsetOf, SupersetOf, IntersectsWith, NoRelationship, Supports}

// Implements reports whether the relationship says the control implements (part of) the
// clause: any set-theory relationship but no-relationship. Supportive links do not.
func (r Relationship) Implements() bool {
	switch r {
	case Equal, SubsetOf, SupersetOf, IntersectsWith:
		return true
	}
	return false
}

// UnmarshalText accepts only known relationships.
func (r *Relationship) UnmarshalText(b []byte) error {
	return unmarshalEnum(r, b, relationships, "relationship")
}

// Coverage is how much of a clause a mapping covers.
type Coverage string

// Coverage levels.
const (
	Full    Coverage = "full"
	Partial Coverage = "partial"
	None    Coverage = "none"
)

// Coverage derives coverage from the relationship: full for equal and superset-of, partial for
// subset-of and intersects-with, none for no-relationship and for supportive links, which make
// a clause work without implementing any of it.
func (r Relationship) Coverage() Coverage {
	switch r {
	case Equal, SupersetOf:
		return Full
	case SubsetOf, IntersectsWith:
		return Partial
	}
	return None
}

func (c Coverage) rank() int {
	switch c {
	case Full:
		return 2
	case Partial:
		return 1
	}
	return 0
}

// Mapping links a control to one clause of one framework.
type Mapping struct {
	Control      srm.ControlID `json:"control"`
	Framework    frameworks.ID `json:"framework"`
	Clause       string        `json:"clause"`
	Relationship Relationship  `json:"relationship"`
	Strength     int           `json:"strength"` // 1 (weak) to 10 (the control is the clause)
	Rationale    string        `json:"rationale"`
}

// Coverage is the mapping's coverage, derived from its relationship.
func (m Mapping) Coverage() Coverage { return m.Relationship.Coverage() }

// NotApplicable records a clause that does not apply to an organisation using the cloud,
// or that an organisation has excluded, with the reason an auditor will read. A clause with
// children covers them all.
type NotApplicable struct {
	Framework frameworks.ID `json:"framework"`
	Clause    string        `json:"clause"`
	Reason    string        `json:"reason"`
}

// Unmapped records a control judged to serve no clause of a framework, with the reason, so a
// reviewer can tell a decision from an omission.
type Unmapped struct {
	Framework frameworks.ID `json:"framework"`
	Control   srm.ControlID `json:"control"`
	Reason    string        `json:"reason"`
}

// Completeness records whether the controls mapped to a leaf clause, taken together, meet it in
// full, and when they do not, what they leave out (the residual).
type Completeness struct {
	Framework frameworks.ID `json:"framework"`
	Clause    string        `json:"clause"`
	Coverage  Coverage      `json:"coverage"`           // full or partial
	Residual  string        `json:"residual,omitempty"` // what no mapped control addresses
}

// Status is a leaf clause's standing for a scope.
type Status string

// Statuses.
const (
	StatusCovered       Status = "covered"        // the controls in scope, in operation, meet the clause in full
	StatusPartial       Status = "partial"        // they meet part of it; the residual says what is left
	StatusPlanned       Status = "planned"        // only controls the organisation plans address it
	StatusGap           Status = "gap"            // no control in scope, in operation or planned, addresses it
	StatusNotApplicable Status = "not-applicable" // out of scope, with the reason
)

// AssignmentStatus is how far an organisation has implemented a control.
type AssignmentStatus string

// Implementation statuses.
const (
	Implemented          AssignmentStatus = "implemented"
	PartiallyImplemented AssignmentStatus = "partially-implemented"
	Planned              AssignmentStatus = "planned"
	NotImplemented       AssignmentStatus = "not-implemented"
	StatusNA             AssignmentStatus = "not-applicable"
)

var assignmentStatuses = []AssignmentStatus{Implemented, PartiallyImplemented, Planned, NotImplemented, StatusNA}

// UnmarshalText accepts only known statuses.
func (s *AssignmentStatus) UnmarshalText(b []byte) error {
	return unmarshalEnum(s, b, assignmentStatuses, "status")
}

var coverages = []Coverage{Full, Partial, None}

// UnmarshalText accepts only known coverage levels.
func (c *Coverage) UnmarshalText(b []byte) error { return unmarshalEnum(c, b, coverages, "coverage") }

func unmarshalEnum[T ~string](dst *T, b []byte, valid []T, what string) error {
	for _, v := range valid {
		if string(v) == string(b) {
			*dst = v
			return nil
		}
	}
	s := make([]string, len(valid))
	for i, v := range valid {
		s[i] = string(v)
	}
	return fmt.Errorf("unknown %s %q (want one of %s)", what, b, strings.Join(s, ", "))
}

// Assignment is an organisation's owner and status for one control.
type Assignment struct {
	Control          srm.ControlID    `json:"control"`
	Owner            string           `json:"owner,omitempty"`
	Status           AssignmentStatus `json:"status,omitempty"`
	Justification    string           `json:"justification,omitempty"`
	EvidenceLocation string           `json:"evidence_location,omitempty"`
	// RiskTreatment names the entry of the organisation's risk treatment plan that selected the
	// control, for the Statement of Applicability.
	RiskTreatment string `json:"risk_treatment,omitempty"`
}
