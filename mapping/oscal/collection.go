package oscal

import (
	"fmt"
	"math"
	"strconv"

	"github.com/srmkit/srmkit/frameworks"
	"github.com/srmkit/srmkit/mapping"
	"github.com/srmkit/srmkit/srm"
)

// relationships gives each srmkit relationship its OSCAL name. OSCAL calls requirements that
// mean the same in different words equivalent-to, and keeps equal-to for identical wording;
// srmkit's controls are its own words, so its equal is OSCAL's equivalent-to. NIST IR 8477's
// supportive relationship has no OSCAL name: it is written in srmkit's namespace.
var relationships = []struct {
	rel  mapping.Relationship
	ns   string
	name string
}{
	{mapping.Equal, "", "equivalent-to"},
	{mapping.SubsetOf, "", "subset-of"},
	{mapping.SupersetOf, "", "superset-of"},
	{mapping.IntersectsWith, "", "intersects-with"},
	{mapping.NoRelationship, "", "no-relationship"},
	{mapping.Supports, NS, "supports"},
}

func relationshipName(r mapping.Relationship) (ns, name string) {
	for _, x := range relationships {
		if x.rel == r {
			return x.ns, x.name
		}
	}
	return "", string(r)
}

// MappingCollectionFor writes the mappings of srmkit's controls to one framework's clauses as an
// OSCAL control mapping collection: one mapping from srmkit's control catalog to the
// framework's catalog, one map per srmkit mapping with the relationship in OSCAL's vocabulary,
// the strength as the confidence score (strength 7 is 0.7) and as a property, and the rationale
// as remarks. Each target carries srmkit's judgement of the clause: covered in full by its
// mapped controls together, or partially, with the residual no control addresses as remarks.
// The gap summaries list the controls mapped to no clause of the framework and the clauses no
// control maps to; the mapping's coverage is the share of mapped clauses covered in full.
// Provenance names srmkit and its data digest. A framework narrowed to profiles is written
// as narrowed.
func MappingCollectionFor(c *mapping.Catalog, fw frameworks.ID, opt Options) (*Document, error) {
	if c == nil {
		return nil, fmt.Errorf("%w: no catalog", ErrInvalid)
	}
	sel, err := selected(c, []frameworks.ID{fw})
	if err != nil {
		return nil, err
	}
	f := sel[0]
	judged := map[string]mapping.Completeness{}
	for _, j := range c.BuiltinCompleteness() {
		if j.Framework == f.ID() {
			judged[j.Clause] = j
		}
	}
	md := metadata("srmkit controls mapped to "+f.Name()+" "+f.Version(), opt)
	prov := Provenance{Method: "human", MatchingRationale: "semantic", Status: "complete",
		MappingDescription: "Each srmkit control is related to every clause of " + f.Name() + " it serves, in NIST IR 8477's vocabulary, with a strength from 1 to 10 and a rationale a reviewer can check. Controls and clauses are compared by meaning; srmkit's controls are written in its own words.",
		Props:              []Property{prop("generator", "srmkit"), prop("data-digest", mapping.Digest())},
		Links:              []Link{{Href: "https://github.com/srmkit/srmkit", Rel: "source", Text: "srmkit"}}}
	mp := Mapping{UUID: UUID("mapping", string(f.ID())), Status: "complete",
		SourceResource: ResourceRef{Type: "catalog", Href: "#" + controlsResource(), Props: []Property{prop("catalog", "controls")}},
		TargetResource: ResourceRef{Type: "catalog", Href: "#" + frameworkResource(f.ID()), Props: []Property{prop("framework", string(f.ID()))}}}
	if s := f.Selection(); len(s.Profiles) > 0 {
		mp.TargetResource.Props = append(mp.TargetResource.Props, prop("selection", s.String()))
	}
	mappedControls := map[srm.ControlID]bool{}
	mappedClauses := map[string]bool{}
	for m := range c.Mappings() {
		if m.Framework != f.ID() {
			continue
		}
		mappedControls[m.Control] = true
		mappedClauses[m.Clause] = true
		ns, name := relationshipName(m.Relationship)
		pct := float64(m.Strength) / 10
		target := Item{Type: "control", IDRef: Token(m.Clause)}
		if j, ok := judged[m.Clause]; ok {
			target.Props = []Property{prop("clause-coverage", string(j.Coverage))}
			target.Remarks = j.Residual
		}
		mp.Maps = append(mp.Maps, Map{UUID: UUID("map", string(f.ID()), m.Clause, string(m.Control)), NS: ns, Relationship: name,
			Sources:         []Item{{Type: "control", IDRef: string(m.Control)}},
			Targets:         []Item{target},
			ConfidenceScore: &Confidence{Percentage: &pct},
			Props:           []Property{prop("strength", strconv.Itoa(m.Strength))},
			Remarks:         m.Rationale})
	}
	var unmappedControls []string
	for id := range c.Model().IDs() {
		if !mappedControls[id] {
			unmappedControls = append(unmappedControls, string(id))
		}
	}
	var unmappedClauses []string
	full, leaves := 0, 0
	for leaf := range f.Leaves() {
		if !mappedClauses[leaf.ID] {
			unmappedClauses = append(unmappedClauses, Token(leaf.ID))
			continue
		}
		leaves++
		if judged[leaf.ID].Coverage == mapping.Full {
			full++
		}
	}
	if len(unmappedControls) > 0 {
		mp.SourceGapSummary = &GapSummary{UUID: UUID("gap", string(f.ID()), "source"), UnmappedControls: []Selection{{WithIDs: unmappedControls}}}
	}
	if len(unmappedClauses) > 0 {
		mp.TargetGapSummary = &GapSummary{UUID: UUID("gap", string(f.ID()), "target"), UnmappedControls: []Selection{{WithIDs: unmappedClauses}}}
	}
	if leaves > 0 {
		mp.Coverage = &Coverage{TargetCoverage: math.Round(float64(full)/float64(leaves)*1000) / 1000,
			GenerationMethod: "share of the mapped clauses that srmkit judges covered in full by their controls together"}
	}
	if len(mp.Maps) == 0 {
		return nil, fmt.Errorf("%w: no control maps to %s", ErrInvalid, f.ID())
	}
	coll := &MappingCollection{Metadata: md, Provenance: prov, Mappings: []Mapping{mp},
		BackMatter: &BackMatter{Resources: []Resource{controlsBackMatter(), frameworkBackMatter(f)}}}
	return finish(&Document{MappingCollection: coll}, &coll.UUID, "mapping-collection/"+string(f.ID()))
}
