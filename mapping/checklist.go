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
	// Provider is the provider whose tooling produces the evidence, or whose attestation is
	// requested; empty for evidence any provider's scope needs (a policy, a register).
	Provider srm.Provider
}

// Attestation reports whether the item asks the provider for a report or certificate.
func (it *Item) Attestation() bool { return it.EvidenceID == "" }

// Checklist returns the evidence to collect for the frameworks in fws and the services in
// scope. Customer and shared controls contribute each evidence item that applies in scope,
// once, with every clause it serves; controls that are inherited in scope are grouped into one
// item per provider attestation to request, listing the clauses it covers. Controls the
// organisation marked not applicable, and clauses that are not applicable or excluded, are
// left out. With services of several providers in scope, each provider's part of the scope is
// judged on its own: a control inherited on one provider asks for that provider's attestation
// while another provider's evidence for it is still collected. Items come in domain order, then
// control and evidence id, attestations last; in a scope of several providers, the items any
// provider needs come first, then each provider's. No framework, an unknown one and a scope not
// built from the catalog's model are errors.
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
	// Items are gathered per group (those any provider needs, then each provider's) so that
	// sorting never moves an item across the whole list.
	var groups [4][]Item
	attest := map[string]*Item{}
	var attestOrder []string
	var clauses []ClauseRef
	clouds, parts := c.providerViews(scope)
	var own [3]srm.Responsibility // by provider in clouds: "" where the control does not apply
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
		// Who answers on each provider's part of the scope.
		collect := false
		for i, p := range clouds {
			own[i] = ""
			if len(clouds) == 1 {
				own[i] = a.Responsibility
			} else if r, ok := parts[i].Responsibility(ctl.ID); ok {
				own[i] = r
			}
			switch own[i] {
			case "":
			case srm.RespInherited:
				for _, ref := range attestations(ctl, p) {
					addAttestation(attest, &attestOrder, ref, p, ctl, clauses)
				}
			default:
				collect = true
			}
		}
		if !collect {
			continue
		}
		for ei := range ctl.Evidence {
			e := &ctl.Evidence[ei]
			if !v.EvidenceApplies(e) {
				continue
			}
			resp := a.Responsibility
			if e.Provider != "" {
				i := slices.Index(clouds, e.Provider)
				if i < 0 || own[i] == "" || own[i] == srm.RespInherited {
					continue // that provider's attestation stands in for it
				}
				resp = own[i]
			} else if a.Responsibility == srm.RespInherited {
				continue
			}
			g := &groups[0]
			if len(clouds) > 1 {
				g = &groups[e.Provider.Order()+1]
			}
			// Each item owns its slices, so that changing one changes no other.
			*g = append(*g, Item{Controls: []srm.ControlID{ctl.ID}, Title: ctl.Title, Domain: ctl.Domain, EvidenceID: e.ID,
				Evidence: e.Description, Artifact: e.Artifact, Collection: e.Collection, Sources: slices.Clone(e.Sources),
				Frequency: e.Frequency, Responsibility: resp, Owner: asg.Owner, Status: asg.Status,
				Location: asg.EvidenceLocation, Clauses: slices.Clone(clauses), Provider: e.Provider})
		}
	}
	n := 0
	for _, g := range groups {
		n += len(g)
	}
	items := make([]Item, 0, n+len(attestOrder))
	for _, g := range groups {
		// Catalog order is already domain and id order, except for an overlay's own controls.
		slices.SortStableFunc(g, func(x, y Item) int {
			return cmp.Or(cmp.Compare(x.Domain.Order(), y.Domain.Order()), cmp.Compare(x.Controls[0], y.Controls[0]))
		})
		items = append(items, g...)
	}
	// Each provider's attestations together, in provider order.
	slices.SortFunc(attestOrder, func(a, b string) int {
		return cmp.Or(cmp.Compare(attest[a].Provider.Order(), attest[b].Provider.Order()), cmp.Compare(a, b))
	})
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

// providerViews returns the providers of a scope, which must be the catalog's, and the view of
// each one's part of it, for answers that judge each provider on its own.
func (c *Catalog) providerViews(scope srm.Scope) ([]srm.Provider, []srm.View) {
	clouds := scope.Providers()
	views := make([]srm.View, len(clouds))
	for i, p := range clouds {
		views[i], _ = c.model.In(scope.Of(p))
	}
	return clouds, views
}

// attestations names the reports of provider p an inherited control relies on: the attestations
// its evidence for p names, or p's default one.
func attestations(ctl *srm.Control, p srm.Provider) []string {
	var refs []string
	for _, e := range ctl.Evidence {
		if e.Provider != p {
			continue
		}
		for _, s := range e.Sources {
			if s.Kind == srm.SourceProviderAttestation && !slices.Contains(refs, s.Ref) {
				refs = append(refs, s.Ref)
			}
		}
	}
	if len(refs) == 0 {
		refs = append(refs, p.SOC2Report())
	}
	return refs
}

func addAttestation(m map[string]*Item, order *[]string, ref string, p srm.Provider, ctl *srm.Control, clauses []ClauseRef) {
	it, ok := m[ref]
	if !ok {
		it = &Item{Title: ref, Evidence: "Request the current " + ref + " and review its scope, period, exceptions and complementary user entity controls. " +
			p.Name() + " may carve its own subservice organisations, such as colocation data centres, out of the report: check which are excluded and how they are covered.",
			Artifact: srm.ArtifactAttestation, Collection: srm.Manual, Frequency: srm.Annual, Responsibility: srm.RespInherited,
			Sources: []srm.Source{{Kind: srm.SourceProviderAttestation, Ref: ref}}, Provider: p}
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
