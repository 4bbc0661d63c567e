package oscal

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/srmkit/srmkit/frameworks"
	"github.com/srmkit/srmkit/mapping"
	"github.com/srmkit/srmkit/srm"
)

// The roles of a component definition: the cloud provider, whose part a consuming system
// inherits, and the customer, whose part it remains responsible for.
const (
	RoleProvider = "provider"
	RoleCustomer = "customer"
)

// ComponentDefinitionFor writes what each service in scope does for the clauses of the given
// frameworks (every framework of the catalog when none is given) as an OSCAL component
// definition.
//
// Each service is a component of type service with one control implementation per framework.
// Its implemented requirements are the clauses it takes part in: those mapped to a control
// that acts on the service's layers and applies to it. Each says, per control and layer, in
// OSCAL's terms, what the provider's service provides (the provider role) and what the
// consuming system remains responsible for (the customer role), and carries the
// responsibility srmkit derives: inherited when the consuming system can inherit the whole
// clause from the provider, customer when the provider plays no part, shared otherwise.
// Organisational controls, which act on no layer, make up one more component, of type
// policy: the organisation's own policies and procedures. An overlay's organisation and the
// owners of its assignments become parties in the customer role; controls it marks not
// applicable and clauses it excludes are left out.
func ComponentDefinitionFor(c *mapping.Catalog, scope srm.Scope, fws []frameworks.ID, opt Options) (*Document, error) {
	if c == nil {
		return nil, fmt.Errorf("%w: no catalog", ErrInvalid)
	}
	if _, err := c.Model().In(scope); err != nil {
		return nil, err
	}
	sel, err := selected(c, fws)
	if err != nil {
		return nil, err
	}
	b := &componentBuilder{c: c, parties: map[string]string{}, ctls: map[srm.ControlID]*srm.Control{}}
	md := metadata("Cloud services and organisational controls: "+scope.String(), opt)
	md.Remarks = "What the provider's services do and what the customer remains responsible for, clause by clause, as srmkit's shared responsibility model derives it for the services in scope."
	md.Roles = append(md.Roles,
		Role{ID: RoleProvider, Title: "Cloud service provider", Description: "Operates the service; a consuming system inherits what this role provides."},
		Role{ID: RoleCustomer, Title: "Cloud customer", Description: "The organisation that uses the service and remains responsible for what this role is given."})
	b.clouds = scope.Providers()
	for _, p := range b.clouds {
		u := UUID("party", string(p))
		b.providers = append(b.providers, u)
		md.Parties = append(md.Parties, Party{UUID: u, Type: "organization", Name: p.Name(), ShortName: p.ShortName(),
			Links: []Link{{Href: p.ResponsibilityModel()}}})
	}
	if org := c.Organization(); org != "" {
		b.org = UUID("party", "organization", org)
		md.Parties = append(md.Parties, Party{UUID: b.org, Type: "organization", Name: org})
	}
	// Owners in the order their controls appear in the catalog, so the output is stable.
	for ctl := range c.Model().Controls() {
		b.ctls[ctl.ID] = &ctl
		a, ok := c.Assignment(ctl.ID)
		if !ok || a.Owner == "" {
			continue
		}
		if _, seen := b.parties[a.Owner]; seen {
			continue
		}
		u := UUID("party", "owner", a.Owner)
		b.parties[a.Owner] = u
		p := Party{UUID: u, Type: "organization", Name: a.Owner, Remarks: "Owner of controls in the organisation's overlay."}
		if b.org != "" {
			p.MemberOfOrganizations = []string{b.org}
		}
		md.Parties = append(md.Parties, p)
	}
	doc := &ComponentDefinition{Metadata: md, BackMatter: &BackMatter{}}
	for _, f := range sel {
		links, err := b.clauseLinks(f, scope)
		if err != nil {
			return nil, err
		}
		b.links = append(b.links, links)
		doc.BackMatter.Resources = append(doc.BackMatter.Resources, frameworkBackMatter(f))
	}
	b.fws = sel
	for id := range scope.Services() {
		s, _ := c.Model().Service(id)
		comp, err := b.service(s)
		if err != nil {
			return nil, err
		}
		doc.Components = append(doc.Components, comp)
	}
	doc.Components = append(doc.Components, b.policies())
	return finish(&Document{ComponentDefinition: doc}, &doc.UUID, "component-definition")
}

// selected resolves the frameworks to export, as the catalog holds them (narrowed or whole).
func selected(c *mapping.Catalog, ids []frameworks.ID) ([]*frameworks.Framework, error) {
	if len(ids) == 0 {
		var all []*frameworks.Framework
		for f := range c.Frameworks() {
			all = append(all, f)
		}
		return all, nil
	}
	out := make([]*frameworks.Framework, 0, len(ids))
	for _, id := range ids {
		f, err := c.Framework(string(id))
		if err != nil {
			return nil, err
		}
		if f.ID() != id {
			return nil, fmt.Errorf("%w: %q is an alias; use %s", mapping.ErrUnknownFramework, id, f.ID())
		}
		if slices.Contains(out, f) {
			return nil, fmt.Errorf("%w: %s is named twice", ErrInvalid, id)
		}
		out = append(out, f)
	}
	return out, nil
}

type componentBuilder struct {
	c         *mapping.Catalog
	fws       []*frameworks.Framework
	links     [][]clauseLink // by framework: its leaf clauses in order, with their mappings
	clouds    []srm.Provider // the providers in scope
	providers []string       // their parties
	provider  []string       // the parties of the component being written
	org       string         // the organisation's party, when an overlay names one
	parties   map[string]string
	ctls      map[srm.ControlID]*srm.Control // every control, read once
}

// clauseLink is one leaf clause in scope and the mappings of controls that serve it.
type clauseLink struct {
	clause string
	maps   []mapping.Mapping
}

// clauseLinks gathers, for each leaf clause the organisation has not excluded, the mappings
// that link a control to it (a recorded absence of a relationship is no link).
func (b *componentBuilder) clauseLinks(f *frameworks.Framework, scope srm.Scope) ([]clauseLink, error) {
	statuses, err := b.c.Coverage(f.ID(), scope)
	if err != nil {
		return nil, err
	}
	skip := map[string]bool{}
	for st := range statuses {
		if st.Status == mapping.StatusNotApplicable {
			skip[st.Clause] = true
		}
	}
	at := map[string]int{}
	var out []clauseLink
	for m := range b.c.Mappings() {
		if m.Framework != f.ID() || m.Relationship == mapping.NoRelationship || skip[m.Clause] {
			continue
		}
		if a, ok := b.c.Assignment(m.Control); ok && a.Status == mapping.StatusNA {
			continue
		}
		i, ok := at[m.Clause]
		if !ok {
			i = len(out)
			at[m.Clause] = i
			out = append(out, clauseLink{clause: m.Clause})
		}
		out[i].maps = append(out[i].maps, m)
	}
	return out, nil
}

// service writes one service's component.
func (b *componentBuilder) service(s srm.Service) (Component, error) {
	one, err := b.c.Model().Scope(s.ID)
	if err != nil {
		return Component{}, err
	}
	view, err := b.c.Model().In(one)
	if err != nil {
		return Component{}, err
	}
	b.provider = []string{UUID("party", string(s.Provider))}
	comp := Component{UUID: UUID("component", s.ID), Type: "service", Title: s.Name, Description: s.Summary,
		Purpose:          s.Tier.Name() + " (" + s.Tier.NIST() + ")",
		Props:            []Property{prop("provider", string(s.Provider)), prop("service", s.ID), prop("tier", string(s.Tier))},
		ResponsibleRoles: []ResponsibleRole{{RoleID: RoleProvider, PartyUUIDs: b.provider}}}
	for _, a := range s.Layers {
		comp.Props = append(comp.Props, Property{Name: "layer-owner", NS: NS, Class: string(a.Layer), Value: string(a.Owner)})
	}
	if s.Mixed != "" {
		comp.Remarks = s.Mixed
	}
	comp.ControlImplementations = b.implementations(view, true, func(f *frameworks.Framework) string {
		return "What " + s.Name + " provides, and what its customer remains responsible for, for the clauses of " + f.Name() + " it takes part in."
	}, func(ctl *srm.Control) (prov, cust []part) {
		// What each party does at the layers the control acts on, in this service.
		for _, l := range srm.Layers() {
			if !slices.Contains(ctl.Layers, l) {
				continue
			}
			a := s.Layers[l.Index()]
			if a.Owner != srm.OwnerCustomer {
				prov = append(prov, part{l.Name(), a.Provider, true})
			}
			if a.Owner != srm.OwnerProvider {
				cust = append(cust, part{l.Name(), a.Customer, true})
			}
		}
		return prov, cust
	}, string(s.Provider), s.Short())
	return comp, nil
}

// policies writes the component of the organisation's own policies and procedures: the
// controls that act on no layer of any service.
func (b *componentBuilder) policies() Component {
	title := "Organisational policies and procedures"
	if org := b.c.Organization(); org != "" {
		title = org + " policies and procedures"
	}
	comp := Component{UUID: UUID("component", "organization"), Type: "policy", Title: title,
		Description:      "The organisation's own controls that no cloud service carries out: governance, risk, people, supplier management, incident handling and the other practices an auditor tests at the organisation itself.",
		ResponsibleRoles: []ResponsibleRole{b.customerRole(nil)}}
	view, _ := b.c.Model().In(b.c.Model().All())
	b.provider = b.providers
	comp.ControlImplementations = b.implementations(view, false, func(f *frameworks.Framework) string {
		return "The organisation's policies and procedures for the clauses of " + f.Name() + "."
	}, func(ctl *srm.Control) (prov, cust []part) {
		// Each provider in scope says its own part; with one, the label stays the control's.
		for _, p := range b.clouds {
			pt := ctl.On(p)
			if pt.NotApplicable != "" {
				continue
			}
			label := string(ctl.ID) + " " + ctl.Title
			if len(b.clouds) > 1 {
				label += " (" + p.Name() + ")"
			}
			if ctl.Type == srm.Shared && pt.Provider != "" {
				prov = append(prov, part{label, pt.Provider, false})
			}
			text := pt.Customer
			if text == "" {
				text = ctl.Objective
			}
			cust = append(cust, part{label, text, false})
		}
		return prov, cust
	}, "organization")
	return comp
}

// implementations writes a component's control implementation for each framework: one
// requirement per clause served by a control that applies in view and acts on layers (a
// service's component) or on none (the organisation's). name names the component in UUIDs.
func (b *componentBuilder) implementations(view srm.View, layered bool, describe func(*frameworks.Framework) string,
	parts func(*srm.Control) (prov, cust []part), name ...string) []ControlImplementation {
	var out []ControlImplementation
	for fi, f := range b.fws {
		ci := ControlImplementation{UUID: UUID(append(append([]string{"control-implementation"}, name...), string(f.ID()))...),
			Source: "#" + frameworkResource(f.ID()), Description: describe(f), Props: []Property{prop("framework", string(f.ID()))}}
		for _, cl := range b.links[fi] {
			var ctls []*srm.Control
			var resp []srm.Responsibility
			for _, m := range cl.maps {
				ctl := b.ctls[m.Control]
				if ctl == nil || (len(ctl.Layers) > 0) != layered {
					continue
				}
				if r, applies := view.Responsibility(ctl.ID); applies {
					ctls = append(ctls, ctl)
					resp = append(resp, r)
				}
			}
			if len(ctls) > 0 {
				ci.ImplementedRequirements = append(ci.ImplementedRequirements, b.requirement(f, cl, ctls, resp, parts, name...))
			}
		}
		if len(ci.ImplementedRequirements) > 0 {
			out = append(out, ci)
		}
	}
	return out
}

// part is what one party does for a control: at a layer of a service, or for an
// organisational control.
type part struct {
	label, text string
	layer       bool // label is a layer, shared by the controls acting on it
}

// partLines renders parts one line each; the controls acting on the same layer with the same
// text share a line that names them.
func partLines(parts []part, ctls [][]srm.ControlID) string {
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString("- " + p.label)
		if p.layer {
			ids := make([]string, len(ctls[i]))
			for k, id := range ctls[i] {
				ids[k] = string(id)
			}
			b.WriteString(" (" + strings.Join(ids, ", ") + ")")
		}
		b.WriteString(": " + p.text)
	}
	return b.String()
}

// gather adds a control's parts to a list, merging a part already there.
func gather(parts []part, ctls [][]srm.ControlID, add []part, id srm.ControlID) ([]part, [][]srm.ControlID) {
	for _, p := range add {
		if i := slices.Index(parts, p); i >= 0 && p.layer {
			ctls[i] = append(ctls[i], id)
			continue
		}
		parts, ctls = append(parts, p), append(ctls, []srm.ControlID{id})
	}
	return parts, ctls
}

// requirement writes one clause's implemented requirement from the controls that serve it
// in the component, with their responsibilities there; parts says, per control, what the
// provider and the customer do.
func (b *componentBuilder) requirement(f *frameworks.Framework, cl clauseLink, ctls []*srm.Control, resp []srm.Responsibility,
	parts func(*srm.Control) (prov, cust []part), name ...string) ImplementedRequirement {
	ir := ImplementedRequirement{UUID: UUID(append(append([]string{"implemented-requirement"}, name...), string(f.ID()), cl.clause)...),
		ControlID: Token(cl.clause), Props: []Property{prop("responsibility", string(overall(resp)))}}
	var desc []string
	var prov, cust []part
	var provBy, custBy [][]srm.ControlID
	var owners []string
	for i, ctl := range ctls {
		ir.Props = append(ir.Props, Property{Name: "control", NS: NS, Class: string(resp[i]), Value: string(ctl.ID)})
		desc = append(desc, fmt.Sprintf("- %s %s (%s)", ctl.ID, ctl.Title, resp[i]))
		p, c := parts(ctl)
		prov, provBy = gather(prov, provBy, p, ctl.ID)
		cust, custBy = gather(cust, custBy, c, ctl.ID)
		if len(c) > 0 {
			if a, ok := b.c.Assignment(ctl.ID); ok && a.Owner != "" && !slices.Contains(owners, a.Owner) {
				owners = append(owners, a.Owner)
			}
		}
	}
	ir.Description = fmt.Sprintf("%s %s is served by %s:\n\n%s", f.ID(), cl.clause, plural(len(ctls), "srmkit control"), strings.Join(desc, "\n"))
	if len(prov) > 0 {
		ir.ResponsibleRoles = append(ir.ResponsibleRoles, ResponsibleRole{RoleID: RoleProvider, PartyUUIDs: b.provider,
			Remarks: "Provided:\n\n" + partLines(prov, provBy)})
	}
	if len(cust) > 0 {
		r := b.customerRole(owners)
		r.Remarks = "Customer responsibility:\n\n" + partLines(cust, custBy)
		ir.ResponsibleRoles = append(ir.ResponsibleRoles, r)
	}
	return ir
}

// customerRole is the customer role, with the owners named, else the organisation, as its
// parties.
func (b *componentBuilder) customerRole(owners []string) ResponsibleRole {
	r := ResponsibleRole{RoleID: RoleCustomer}
	for _, o := range owners {
		r.PartyUUIDs = append(r.PartyUUIDs, b.parties[o])
	}
	if len(r.PartyUUIDs) == 0 && b.org != "" {
		r.PartyUUIDs = []string{b.org}
	}
	return r
}

// overall combines the responsibilities of a clause's controls: inherited when all are,
// customer when all are, shared otherwise.
func overall(rs []srm.Responsibility) srm.Responsibility {
	first := rs[0]
	for _, r := range rs[1:] {
		if r != first {
			return srm.RespShared
		}
	}
	return first
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return strconv.Itoa(n) + " " + what + "s"
}
