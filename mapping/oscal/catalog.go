package oscal

import (
	"fmt"
	"strconv"

	"github.com/srmkit/srmkit/frameworks"
	"github.com/srmkit/srmkit/mapping"
	"github.com/srmkit/srmkit/srm"
)

// FrameworkCatalog writes a framework as an OSCAL catalog: its top-level clauses (SOC 2
// series, ISO/IEC 27001 clauses and Annex A themes, CSF Functions, GDPR chapters) as groups,
// every clause beneath them as a control nested under its parent, each with its official id
// as the label property, its kind as class, srmkit's summary as the statement part and, where
// the framework has profiles, the SOC 2 category or whom the GDPR clause binds. Statements
// are srmkit's summaries in its own words, never the official text, which the metadata links.
// A framework narrowed to profiles is written as narrowed, and says so in its metadata.
func FrameworkCatalog(f *frameworks.Framework, opt Options) (*Document, error) {
	if f == nil {
		return nil, fmt.Errorf("%w: no framework", ErrInvalid)
	}
	if _, err := tokens(f); err != nil {
		return nil, err
	}
	title := f.Name() + " " + f.Version()
	md := metadata(title+": srmkit summaries", opt)
	md.Props = append(md.Props, prop("framework", string(f.ID())), prop("text-policy", string(f.TextPolicy())))
	if sel := f.Selection(); len(sel.Profiles) > 0 {
		md.Props = append(md.Props, prop("selection", sel.String()))
	}
	md.Links = append(md.Links, Link{Href: f.Source(), Rel: "reference", Text: "Official text: " + f.Publisher()})
	if u, ok := nistCatalogs[f.ID()]; ok {
		md.Links = append(md.Links, Link{Href: u, Rel: "alternate", Text: "The publisher's OSCAL catalog, whose control ids this catalog uses"})
	}
	md.Remarks = f.Description() + "\n\nEach control's statement is srmkit's summary of the clause in its own words; read the official text for the requirement itself."
	cat := &Catalog{Metadata: md}
	n := 0
	for root := range f.Roots() {
		n++
		g := Group{ID: Token(root.ID), Class: string(root.Kind), Title: root.Title,
			Props: append([]Property{{Name: "label", Value: root.ID}, {Name: "sort-id", Value: sortID(n)}}, clauseProps(root)...),
			Parts: []Part{{ID: Token(root.ID) + "_ovw", Name: "overview", Prose: root.Summary}}}
		m := 0
		for child := range f.Children(root.ID) {
			m++
			g.Controls = append(g.Controls, control(f, child, sortID(n)+"."+sortID(m)))
		}
		cat.Groups = append(cat.Groups, g)
	}
	return finish(&Document{Catalog: cat}, &cat.UUID, "catalog/"+string(f.ID()))
}

func control(f *frameworks.Framework, c frameworks.Clause, sort string) Control {
	tok := Token(c.ID)
	ctl := Control{ID: tok, Class: string(c.Kind), Title: c.Title,
		Props: append([]Property{{Name: "label", Value: c.ID}, {Name: "sort-id", Value: sort}}, clauseProps(c)...),
		Parts: []Part{{ID: tok + "_smt", Name: "statement", Prose: c.Summary}}}
	n := 0
	for child := range f.Children(c.ID) {
		n++
		ctl.Controls = append(ctl.Controls, control(f, child, sort+"."+sortID(n)))
	}
	return ctl
}

func clauseProps(c frameworks.Clause) []Property {
	var ps []Property
	if c.Category != "" {
		ps = append(ps, prop("category", c.Category))
	}
	if c.Binds != "" {
		ps = append(ps, prop("binds", c.Binds))
	}
	return ps
}

// sortID is a position zero-padded so that the sort ids of siblings sort as text, as NIST's
// catalogs do.
func sortID(n int) string { return fmt.Sprintf("%05d", n) }

// finish sets the document's UUID from its content, named by kind.
func finish(d *Document, uuid *string, kind string) (*Document, error) {
	*uuid = ""
	u, err := contentUUID(kind, d)
	if err != nil {
		return nil, err
	}
	*uuid = u
	return d, nil
}

// ControlCatalog writes srmkit's own controls as an OSCAL catalog, overlay controls included:
// one group per domain; per control its type, layers and the tiers and services it is limited
// to as properties, and its objective, the provider's part, the customer's part and each
// evidence item (with its collection, frequency and automated sources) as parts. These are
// the sources of every srmkit mapping collection.
func ControlCatalog(c *mapping.Catalog, opt Options) (*Document, error) {
	if c == nil {
		return nil, fmt.Errorf("%w: no catalog", ErrInvalid)
	}
	md := metadata("srmkit control catalog", opt)
	md.Remarks = "Security and privacy controls of a cloud customer, shared with or inherited from the provider, each with the evidence an auditor asks for."
	if org := c.Organization(); org != "" {
		md.Title += " for " + org
	}
	cat := &Catalog{Metadata: md}
	byDomain := map[srm.Domain][]Control{}
	for ctl := range c.Model().Controls() {
		byDomain[ctl.Domain] = append(byDomain[ctl.Domain], controlOf(ctl))
	}
	for i, d := range srm.Domains() {
		if len(byDomain[d]) == 0 {
			continue
		}
		cat.Groups = append(cat.Groups, Group{ID: string(d), Class: "domain", Title: d.Name(),
			Props: []Property{{Name: "sort-id", Value: sortID(i + 1)}}, Controls: byDomain[d]})
	}
	return finish(&Document{Catalog: cat}, &cat.UUID, "catalog/srmkit-controls")
}

func controlOf(c srm.Control) Control {
	id := string(c.ID)
	ctl := Control{ID: id, Class: string(c.Type), Title: c.Title,
		Props: []Property{{Name: "label", Value: id}, prop("type", string(c.Type)), prop("domain", string(c.Domain))}}
	for _, a := range c.Aliases {
		ctl.Props = append(ctl.Props, prop("alias", string(a)))
	}
	for _, l := range c.Layers {
		ctl.Props = append(ctl.Props, prop("layer", string(l)))
	}
	for _, t := range c.Tiers {
		ctl.Props = append(ctl.Props, prop("tier", string(t)))
	}
	for _, s := range c.Services {
		ctl.Props = append(ctl.Props, prop("service", s))
	}
	if c.Objective != "" {
		ctl.Parts = append(ctl.Parts, Part{ID: id + "_smt", Name: "statement", Prose: c.Objective})
	}
	// A control with other clouds' parts has AWS's as its own, and says so.
	own := ""
	if len(c.Clouds) > 0 {
		own = string(srm.AWS)
	}
	if c.Provider != "" {
		ctl.Parts = append(ctl.Parts, Part{ID: id + "_prv", Name: "provider-responsibility", NS: NS, Class: own, Title: "The provider's part", Prose: c.Provider})
	}
	if c.Customer != "" {
		ctl.Parts = append(ctl.Parts, Part{ID: id + "_cus", Name: "customer-responsibility", NS: NS, Class: own, Title: "The customer's part", Prose: c.Customer})
	}
	// Other clouds' parts carry the cloud as their class.
	for _, pt := range c.Clouds {
		cl, name := string(pt.Cloud), pt.Cloud.Name()
		if pt.NotApplicable != "" {
			ctl.Parts = append(ctl.Parts, Part{ID: id + "_na." + cl, Name: "not-applicable", NS: NS, Class: cl, Title: "Not applicable on " + name, Prose: pt.NotApplicable})
			continue
		}
		ctl.Parts = append(ctl.Parts,
			Part{ID: id + "_prv." + cl, Name: "provider-responsibility", NS: NS, Class: cl, Title: name + ": the provider's part", Prose: pt.Provider},
			Part{ID: id + "_cus." + cl, Name: "customer-responsibility", NS: NS, Class: cl, Title: name + ": the customer's part", Prose: pt.Customer})
	}
	for i, e := range c.Evidence {
		p := Part{ID: id + "_evd." + strconv.Itoa(i+1), Name: "evidence", NS: NS, Prose: e.Description,
			Props: []Property{prop("evidence-id", e.ID), prop("collection", string(e.Collection)), prop("frequency", string(e.Frequency))}}
		if e.Artifact != "" {
			p.Props = append(p.Props, prop("artifact", string(e.Artifact)))
		}
		if e.Provider != "" {
			p.Props = append(p.Props, prop("provider", string(e.Provider)))
		}
		for _, s := range e.Services {
			p.Props = append(p.Props, prop("service", s))
		}
		for _, s := range e.Sources {
			p.Props = append(p.Props, Property{Name: "source", NS: NS, Class: string(s.Kind), Value: oneLine(s.Ref), Remarks: s.Title})
		}
		ctl.Parts = append(ctl.Parts, p)
	}
	return ctl
}
