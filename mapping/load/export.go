package load

import (
	"bytes"
	"fmt"

	"gopkg.in/yaml.v3"

	"github.com/srmkit/srmkit/mapping"
	"github.com/srmkit/srmkit/schema"
	"github.com/srmkit/srmkit/srm"
)

// Export writes the effective catalog — built-in data plus overlays — as srmkit YAML documents:
// one framework/v1 per framework, one services/v1 per provider, controls/v1 (the organisation's controls
// included), one mappings/v1 per framework, and an overlay/v1 with the organisation, scope,
// assignments and exclusions. [Catalog] reads them back into an identical catalog.
func Export(c *mapping.Catalog) ([]File, error) {
	s := c.Snapshot()
	var out []File
	add := func(name string, v any) error {
		var b bytes.Buffer
		enc := yaml.NewEncoder(&b)
		enc.SetIndent(2)
		if err := enc.Encode(v); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if err := enc.Close(); err != nil {
			return err
		}
		out = append(out, File{Name: name, Data: b.Bytes()})
		return nil
	}
	for _, f := range s.Frameworks {
		doc := frameworkDoc{Srmkit: schema.KindFramework, Framework: frameworkHdr{ID: f.ID, Name: f.Name, Version: f.Version,
			Publisher: f.Publisher, Source: f.Source, TextPolicy: f.TextPolicy, Aliases: f.Aliases, Description: f.Description}}
		for _, p := range f.Profiles {
			doc.Framework.Profiles = append(doc.Framework.Profiles, profileDoc{p.ID, p.Name, p.Summary, p.Required})
		}
		for _, cl := range f.Clauses {
			doc.Clauses = append(doc.Clauses, clauseDoc{cl.ID, cl.Parent, cl.Kind, cl.Title, cl.Summary, cl.Category, cl.Binds})
		}
		if err := add("framework-"+string(f.ID)+".yaml", doc); err != nil {
			return nil, err
		}
	}
	for _, p := range srm.Providers() {
		svc := servicesDoc{Srmkit: schema.KindServices, Provider: p}
		for _, sv := range s.Services {
			if sv.Provider != p {
				continue
			}
			sd := serviceDoc{ID: sv.Short(), Name: sv.Name, Tier: sv.Tier, Baseline: sv.Baseline, Summary: sv.Summary, Basis: sv.Basis,
				Mixed: sv.Mixed, Layers: map[srm.Layer]layerDoc{}}
			for _, a := range sv.Layers {
				sd.Layers[a.Layer] = layerDoc{a.Owner, a.Provider, a.Customer, a.Basis}
			}
			svc.Services = append(svc.Services, sd)
		}
		if len(svc.Services) == 0 {
			continue
		}
		if err := add("services-"+string(p)+".yaml", svc); err != nil {
			return nil, err
		}
	}
	ctl := controlsDoc{Srmkit: schema.KindControls}
	for _, cc := range s.Controls {
		ctl.Controls = append(ctl.Controls, toControlDoc(cc))
	}
	if err := add("controls.yaml", ctl); err != nil {
		return nil, err
	}
	for _, f := range s.Frameworks {
		t := tableDoc{Srmkit: schema.KindMappings, Framework: f.ID, Mappings: []mappingDoc{}}
		for _, m := range s.Mappings {
			if m.Framework == f.ID {
				t.Mappings = append(t.Mappings, mappingDoc{m.Control, "", m.Clause, m.Relationship, m.Strength, m.Rationale})
			}
		}
		for _, n := range s.NotApplicable {
			if n.Framework == f.ID {
				t.NotApplicable = append(t.NotApplicable, naDoc{n.Clause, n.Reason})
			}
		}
		for _, j := range s.Completeness {
			if j.Framework == f.ID {
				t.Clauses = append(t.Clauses, judgedDoc{j.Clause, j.Coverage, j.Residual})
			}
		}
		for _, u := range s.Unmapped {
			if u.Framework == f.ID {
				t.Unmapped = append(t.Unmapped, unmappedDoc{u.Control, u.Reason})
			}
		}
		if err := add("mappings-"+string(f.ID)+".yaml", t); err != nil {
			return nil, err
		}
	}
	ov := overlayDoc{Srmkit: schema.KindOverlay, Organization: s.Organization}
	if s.Scope != nil {
		ov.Scope = &scopeDoc{Services: s.Scope}
	}
	for _, sel := range s.Selections {
		if ov.Scope == nil {
			ov.Scope = &scopeDoc{}
		}
		ov.Scope.Frameworks = append(ov.Scope.Frameworks, sel.String())
	}
	for _, a := range s.Assignments {
		ov.Assignments = append(ov.Assignments, assignDoc{a.Control, a.Owner, a.Status, a.Justification, a.EvidenceLocation, a.RiskTreatment})
	}
	for _, x := range s.Exclusions {
		ov.Exclusions = append(ov.Exclusions, exclusionDoc{string(x.Framework), x.Clause, x.Reason})
	}
	if err := add("overlay.yaml", ov); err != nil {
		return nil, err
	}
	return out, nil
}
