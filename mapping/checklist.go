package mapping

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/srmkit/srmkit/frameworks"
	"github.com/srmkit/srmkit/srm"
)

// ClauseRef names one clause of one framework.
type ClauseRef struct {
	Framework frameworks.ID `json:"framework"`
	Clause    string        `json:"clause"`
}

// Item is one piece of evidence to collect, or one provider attestation to request, with
// every clause of the selected frameworks it serves ("collect once, satisfy many"). Its JSON
// form is the checklist row of the command-line contract (see [Item.MarshalJSON]).
type Item struct {
	Controls       []srm.ControlID // the control; for an attestation, every inherited control it covers
	Title          string          // the control's title, or the attestation's name
	Domain         srm.Domain      // empty for attestations
	EvidenceID     string          // e.g. IAM-01-E2; empty for attestations
	Evidence       string          // what to collect or request
	Artifact       srm.Artifact
	Collection     srm.Collection
	Sources        []srm.Source
	Frequency      srm.Frequency
	Responsibility srm.Responsibility
	Owner          string           // from the organisation's overlay
	Status         AssignmentStatus // from the organisation's overlay
	Location       string           // where the organisation keeps the evidence, from its overlay
	Clauses        []ClauseRef
	// Relies lists, on the provider's SOC 2 report, the complementary subservice-organisation
	// controls: what the organisation's own SOC 2 report relies on the provider to operate.
	Relies []string
}

// Attestation reports whether the item asks the provider for a report or certificate.
func (it *Item) Attestation() bool { return it.EvidenceID == "" }

// The attestation every inherited control is covered by when its data names none.
const defaultAttestation = "AWS SOC 2 Type II report (AWS Artifact)"

// Checklist returns the evidence to collect for the frameworks in fws and the services in
// scope. Customer and shared controls contribute each evidence item that applies in scope,
// once, with every clause it serves; controls that are inherited in scope are grouped into one
// item per provider attestation to request, listing the clauses it covers. Controls the
// organisation marked not applicable, and clauses that are not applicable or excluded, are
// left out. Items come in domain order, then control and evidence id, attestations last. No
// framework, an unknown one and a scope not built from the catalog's model are errors.
func (c *Catalog) Checklist(fws []frameworks.ID, scope srm.Scope) ([]Item, error) {
	if len(fws) == 0 {
		return nil, fmt.Errorf("%w: a checklist needs at least one framework", ErrUnknownFramework)
	}
	want := make(map[frameworks.ID]bool, len(fws))
	for _, f := range fws {
		if _, err := c.lookup(f); err != nil {
			return nil, err
		}
		want[f] = true
	}
	v, err := c.view(scope)
	if err != nil {
		return nil, err
	}
	var items []Item
	attest := map[string]*Item{}
	var attestOrder []string
	var clauses []ClauseRef
	for a := range v.Applicable() {
		ctl := &a.Control
		asg, hasAsg := c.assign[ctl.ID]
		if hasAsg && asg.Status == StatusNA {
			continue
		}
		clauses = clauses[:0]
		for _, i := range c.controls()[ctl.ID] {
			m := &c.maps[i]
			if !want[m.Framework] || m.Relationship == NoRelationship || !c.inView(m) || c.isNA(m.Framework, m.Clause) {
				continue
			}
			r := ClauseRef{m.Framework, m.Clause}
			if len(clauses) == 0 || clauses[len(clauses)-1] != r {
				clauses = append(clauses, r)
			}
		}
		if len(clauses) == 0 {
			continue
		}
		if a.Responsibility == srm.RespInherited {
			for _, ref := range attestations(ctl) {
				addAttestation(attest, &attestOrder, ref, ctl, clauses)
			}
			continue
		}
		for ei := range ctl.Evidence {
			e := &ctl.Evidence[ei]
			if !v.EvidenceApplies(e) {
				continue
			}
			// Each item owns its slices, so that changing one changes no other.
			items = append(items, Item{Controls: []srm.ControlID{ctl.ID}, Title: ctl.Title, Domain: ctl.Domain, EvidenceID: e.ID,
				Evidence: e.Description, Artifact: e.Artifact, Collection: e.Collection, Sources: slices.Clone(e.Sources),
				Frequency: e.Frequency, Responsibility: a.Responsibility, Owner: asg.Owner, Status: asg.Status,
				Location: asg.EvidenceLocation, Clauses: slices.Clone(clauses)})
		}
	}
	slices.SortStableFunc(items, func(x, y Item) int {
		return cmp.Or(cmp.Compare(x.Domain.Order(), y.Domain.Order()), cmp.Compare(x.Controls[0], y.Controls[0]))
	})
	slices.Sort(attestOrder)
	for _, ref := range attestOrder {
		it := attest[ref]
		c.sortClauses(it.Clauses)
		it.Clauses = slices.Compact(it.Clauses)
		if want[frameworks.SOC2] && strings.Contains(ref, "SOC 2") {
			for _, id := range it.Controls {
				if i, ok := c.model.Index(id); ok {
					it.Relies = append(it.Relies, string(id)+" "+c.model.Title(i))
				}
			}
		}
		items = append(items, *it)
	}
	return items, nil
}

// attestations names the provider reports an inherited control relies on: the attestations its
// evidence names, or the default one.
func attestations(ctl *srm.Control) []string {
	var refs []string
	for _, e := range ctl.Evidence {
		for _, s := range e.Sources {
			if s.Kind == srm.SourceProviderAttestation && !slices.Contains(refs, s.Ref) {
				refs = append(refs, s.Ref)
			}
		}
	}
	if len(refs) == 0 {
		refs = append(refs, defaultAttestation)
	}
	return refs
}

func addAttestation(m map[string]*Item, order *[]string, ref string, ctl *srm.Control, clauses []ClauseRef) {
	it, ok := m[ref]
	if !ok {
		it = &Item{Title: ref, Evidence: "Request the current " + ref + " and review its scope, period, exceptions and complementary user entity controls.",
			Artifact: srm.ArtifactAttestation, Collection: srm.Manual, Frequency: srm.Annual, Responsibility: srm.RespInherited,
			Sources: []srm.Source{{Kind: srm.SourceProviderAttestation, Ref: ref}}}
		m[ref] = it
		*order = append(*order, ref)
	}
	if !slices.Contains(it.Controls, ctl.ID) {
		it.Controls = append(it.Controls, ctl.ID)
	}
	it.Clauses = append(it.Clauses, clauses...)
}

func (c *Catalog) sortClauses(refs []ClauseRef) {
	slices.SortFunc(refs, func(a, b ClauseRef) int {
		fa, _ := c.framework(a.Framework)
		fb, _ := c.framework(b.Framework)
		pa, _ := fa.Position(a.Clause)
		pb, _ := fb.Position(b.Clause)
		return cmp.Or(cmp.Compare(c.fwIdx[a.Framework], c.fwIdx[b.Framework]), cmp.Compare(pa, pb))
	})
}

// isNA reports whether a clause is not applicable, built in or excluded by the organisation.
func (c *Catalog) isNA(fw frameworks.ID, clause string) bool {
	k := clauseKey{fw, clause}
	naLeaf, exclLeaf := c.leaves()
	if _, ok := naLeaf[k]; ok {
		return true
	}
	_, ok := exclLeaf[k]
	return ok
}
