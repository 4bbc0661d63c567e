package mapping

import (
	"fmt"
	"strings"

	"github.com/srmkit/srmkit/frameworks"
	"github.com/srmkit/srmkit/srm"
)

// Relationship is how a control relates to a clause, stated from the control's side, in the
// set-theory vocabulary of NIST IR 8477.
type Relationship string

// Relationships.
const (
	Equal          Relationship = "equal"           // the control does what the clause asks, no more, no less
	SubsetOf       Relationship = "subset-of"       // the control does part of what the clause asks
	SupersetOf     Relationship = "superset-of"     // the control does all the clause asks and more
	IntersectsWith Relationship = "intersects-with" // the two overlap, each with parts the other lacks
	NoRelationship Relationship = "no-relationship" // recorded to say a plausible link was judged absent
)

var relationships = []Relationship{Equal, SubsetOf, SupersetOf, IntersectsWith, NoRelationship}

// UnmarshalText accepts only known relationships.
func (r *Relationship) UnmarshalText(b []byte) error {
	for _, v := range relationships {
		if string(v) == string(b) {
			*r = v
			return nil
		}
	}
	s := make([]string, len(relationships))
	for i, v := range relationships {
		s[i] = string(v)
	}
	return fmt.Errorf("unknown relationship %q (want one of %s)", b, strings.Join(s, ", "))
}

// Coverage is how much of a clause a mapping covers.
type Coverage string

// Coverage levels.
const (
	Full    Coverage = "full"
	Partial Coverage = "partial"
	None    Coverage = "none"
)

// Coverage derives coverage from the relationship: full for equal and superset-of, none for
// no-relationship, partial otherwise.
func (r Relationship) Coverage() Coverage {
	switch r {
	case Equal, SupersetOf:
		return Full
	case NoRelationship:
		return None
	}
	return Partial
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

// Status is a clause's standing for a scope.
type Status string

// Statuses.
const (
	StatusCustomer      Status = "customer"       // the organisation's own controls satisfy it
	StatusShared        Status = "shared"         // both parties' controls are needed
	StatusInherited     Status = "inherited"      // the provider's attestation covers it
	StatusNotApplicable Status = "not-applicable" // out of scope, with a reason
	StatusGap           Status = "gap"            // nothing in scope satisfies it
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

// Assignment is an organisation's owner and status for one control.
type Assignment struct {
	Control          srm.ControlID    `json:"control"`
	Owner            string           `json:"owner,omitempty"`
	Status           AssignmentStatus `json:"status,omitempty"`
	Justification    string           `json:"justification,omitempty"`
	EvidenceLocation string           `json:"evidence_location,omitempty"`
}
