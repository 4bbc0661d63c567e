package mapping

import (
	"bytes"
	"errors"
	"fmt"
	"slices"

	"gopkg.in/yaml.v3"

	"github.com/srmkit/srmkit/frameworks"
	"github.com/srmkit/srmkit/schema"
	"github.com/srmkit/srmkit/srm"
)

// File is a named srmkit document.
type File struct {
	Name string
	Data []byte
}

// Export writes the effective catalog — built-in data plus overlays — as srmkit YAML
// documents: one framework/v1 per framework, services/v1, controls/v1 (the organisation's
// controls included), one mappings/v1 per framework, and an overlay/v1 with the organisation,
// scope, assignments and exclusions. [Load] reads them back into an identical catalog.
func (c *Catalog) Export() ([]File, error) {
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
	for _, f := range c.fws {
		doc := yFramework{Srmkit: string(schema.KindFramework)}
		doc.Framework = yFrameworkMeta{ID: string(f.ID()), Name: f.Name(), Version: f.Version(), Publisher: f.Publisher(),
			Source: f.Source(), TextPolicy: string(f.TextPolicy()), Aliases: f.Aliases(), Description: f.Description()}
		for cl := range f.Clauses() {
			doc.Clauses = append(doc.Clauses, yClause{cl.ID, cl.Parent, string(cl.Kind), cl.Title, cl.Summary})
		}
		if err := add("framework-"+string(f.ID())+".yaml", doc); err != nil {
			return nil, err
		}
	}
	svc := yServices{Srmkit: string(schema.KindServices), Provider: string(srm.AWS)}
	for s := range c.model.Services() {
		ys := yService{ID: s.ID, Name: s.Name, Tier: string(s.Tier), Summary: s.Summary, Mixed: s.Mixed, Layers: map[string]yAssignment{}}
		for _, a := range s.Layers {
			ys.Layers[string(a.Layer)] = yAssignment{string(a.Owner), a.Provider, a.Customer}
		}
		svc.Services = append(svc.Services, ys)
	}
	if err := add("services.yaml", svc); err != nil {
		return nil, err
	}
	ctl := yControls{Srmkit: string(schema.KindControls)}
	for cc := range c.model.Controls() {
		ctl.Controls = append(ctl.Controls, toYControl(cc))
	}
	if err := add("controls.yaml", ctl); err != nil {
		return nil, err
	}
	for _, f := range c.fws {
		t := yTable{Srmkit: string(schema.KindMappings), Framework: string(f.ID()), Mappings: []yMapping{}}
		for _, m := range c.maps {
			if m.Framework == f.ID() {
				t.Mappings = append(t.Mappings, yMapping{string(m.Control), "", m.Clause, string(m.Relationship), m.Strength, m.Rationale})
			}
		}
		for cl := range f.Clauses() {
			if n, ok := c.na[clauseKey{f.ID(), cl.ID}]; ok {
				t.NotApplicable = append(t.NotApplicable, yNA{n.Clause, n.Reason})
			}
			if j, ok := c.judged[clauseKey{f.ID(), cl.ID}]; ok {
				t.Clauses = append(t.Clauses, yJudged{j.Clause, string(j.Coverage), j.Residual})
			}
		}
		for cc := range c.model.Controls() {
			if u, ok := c.unmapped[edge{cc.ID, f.ID(), ""}]; ok {
				t.Unmapped = append(t.Unmapped, yUnmapped{string(u.Control), u.Reason})
			}
		}
		if err := add("mappings-"+string(f.ID())+".yaml", t); err != nil {
			return nil, err
		}
	}
	ov := yOverlay{Srmkit: string(schema.KindOverlay), Organization: c.org}
	if c.hasScope {
		ov.Scope = &yScope{Provider: string(srm.AWS)}
		for s := range c.model.ScopeServices(c.scope) {
			ov.Scope.Services = append(ov.Scope.Services, s)
		}
	}
	for cc := range c.model.Controls() {
		if a, ok := c.assign[cc.ID]; ok {
			ov.Assignments = append(ov.Assignments, yAssign{string(a.Control), a.Owner, string(a.Status), a.Justification, a.EvidenceLocation})
		}
	}
	for _, f := range c.fws {
		for cl := range f.Clauses() {
			if x, ok := c.excluded[clauseKey{f.ID(), cl.ID}]; ok {
				ov.Exclusions = append(ov.Exclusions, yExclusion{string(f.ID()), x.Clause, x.Reason})
			}
		}
	}
	if err := add("overlay.yaml", ov); err != nil {
		return nil, err
	}
	return out, nil
}

// Load builds a catalog from srmkit documents of every kind, as [Catalog.Export] writes them:
// frameworks, services and controls, mapping tables, and overlays (merged last, in file-name
// order). Frameworks, services or controls the documents do not bring come from the built-in
// catalog. Every problem in every file is reported at once.
func Load(files ...File) (*Catalog, error) {
	var errs schema.ErrorList
	var fws []*frameworks.Framework
	var srmFiles []srm.File
	var tables []*Table
	var ovs []*Overlay
	var hasServices, hasControls bool
	collect := func(err error) {
		var l schema.ErrorList
		if errors.As(err, &l) {
			errs = append(errs, l...)
		} else {
			errs = append(errs, &schema.Error{Msg: err.Error(), Err: err})
		}
	}
	for _, f := range files {
		doc, err := schema.Parse(f.Name, f.Data)
		if err != nil {
			collect(err)
			continue
		}
		switch doc.Kind {
		case schema.KindFramework:
			fw, err := frameworks.Parse(f.Name, f.Data)
			if err != nil {
				collect(err)
				continue
			}
			fws = append(fws, fw)
		case schema.KindServices, schema.KindControls:
			srmFiles = append(srmFiles, srm.File{Name: f.Name, Data: f.Data})
			hasServices = hasServices || doc.Kind == schema.KindServices
			hasControls = hasControls || doc.Kind == schema.KindControls
		case schema.KindMappings:
			t, err := ParseTable(f.Name, f.Data)
			if err != nil {
				collect(err)
				continue
			}
			tables = append(tables, t)
		case schema.KindOverlay:
			o, err := decodeOverlay(doc)
			if err != nil {
				collect(err)
				continue
			}
			ovs = append(ovs, o)
		}
	}
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	// What the documents do not bring comes from the built-in catalog.
	if len(fws) == 0 {
		fws = slices.Collect(frameworks.All())
	}
	if !hasServices || !hasControls {
		builtin, err := Default().Export()
		if err != nil {
			return nil, err
		}
		for _, f := range builtin {
			if (f.Name == "services.yaml" && !hasServices) || (f.Name == "controls.yaml" && !hasControls) {
				srmFiles = append(srmFiles, srm.File{Name: "built-in " + f.Name, Data: f.Data})
			}
		}
	}
	model, err := srm.LoadCatalog(srmFiles...)
	if err != nil {
		return nil, err
	}
	c, err := Build(model, fws, tables, false)
	if err != nil {
		return nil, err
	}
	return c.With(ovs...)
}

// Snapshot is everything a catalog holds, as plain values, for comparing catalogs.
type Snapshot struct {
	Organization  string
	Scope         []string
	Frameworks    []FrameworkSnapshot
	Services      []srm.Service
	Controls      []srm.Control
	Mappings      []Mapping
	NotApplicable []NotApplicable
	Completeness  []Completeness
	Unmapped      []Unmapped
	Exclusions    []NotApplicable
	Assignments   []Assignment
}

// FrameworkSnapshot is a framework's metadata and clauses.
type FrameworkSnapshot struct {
	ID                                            frameworks.ID
	Name, Version, Publisher, Source, Description string
	TextPolicy                                    frameworks.TextPolicy
	Aliases                                       []string
	Clauses                                       []frameworks.Clause
}

// Snapshot returns the catalog's content as plain values.
func (c *Catalog) Snapshot() Snapshot {
	s := Snapshot{Organization: c.org, Mappings: slices.Clone(c.maps), NotApplicable: c.BuiltinNotApplicable(),
		Completeness: c.BuiltinCompleteness(), Unmapped: slices.Collect(c.Unmapped())}
	if c.hasScope {
		for id := range c.model.ScopeServices(c.scope) {
			s.Scope = append(s.Scope, id)
		}
	}
	for _, f := range c.fws {
		fs := FrameworkSnapshot{ID: f.ID(), Name: f.Name(), Version: f.Version(), Publisher: f.Publisher(), Source: f.Source(),
			Description: f.Description(), TextPolicy: f.TextPolicy(), Aliases: f.Aliases()}
		for cl := range f.Clauses() {
			fs.Clauses = append(fs.Clauses, cl)
		}
		s.Frameworks = append(s.Frameworks, fs)
		for cl := range f.Clauses() {
			if x, ok := c.excluded[clauseKey{f.ID(), cl.ID}]; ok {
				s.Exclusions = append(s.Exclusions, x)
			}
		}
	}
	for sv := range c.model.Services() {
		s.Services = append(s.Services, sv)
	}
	for cc := range c.model.Controls() {
		s.Controls = append(s.Controls, cc.Clone())
		if a, ok := c.assign[cc.ID]; ok {
			s.Assignments = append(s.Assignments, a)
		}
	}
	return s
}

type yFramework struct {
	Srmkit    string         `yaml:"srmkit"`
	Framework yFrameworkMeta `yaml:"framework"`
	Clauses   []yClause      `yaml:"clauses"`
}

type yFrameworkMeta struct {
	ID          string   `yaml:"id"`
	Name        string   `yaml:"name"`
	Version     string   `yaml:"version"`
	Publisher   string   `yaml:"publisher"`
	Source      string   `yaml:"source"`
	TextPolicy  string   `yaml:"text_policy"`
	Aliases     []string `yaml:"aliases,omitempty"`
	Description string   `yaml:"description,omitempty"`
}

type yClause struct {
	ID      string `yaml:"id"`
	Parent  string `yaml:"parent,omitempty"`
	Kind    string `yaml:"kind"`
	Title   string `yaml:"title"`
	Summary string `yaml:"summary"`
}

type yServices struct {
	Srmkit   string     `yaml:"srmkit"`
	Provider string     `yaml:"provider"`
	Services []yService `yaml:"services"`
}

type yService struct {
	ID      string                 `yaml:"id"`
	Name    string                 `yaml:"name"`
	Tier    string                 `yaml:"tier"`
	Summary string                 `yaml:"summary"`
	Mixed   string                 `yaml:"mixed,omitempty"`
	Layers  map[string]yAssignment `yaml:"layers"`
}

type yAssignment struct {
	Owner    string `yaml:"owner"`
	Provider string `yaml:"provider"`
	Customer string `yaml:"customer"`
}

type yControls struct {
	Srmkit   string     `yaml:"srmkit"`
	Controls []yControl `yaml:"controls"`
}

type yControl struct {
	ID        string      `yaml:"id"`
	Title     string      `yaml:"title"`
	Aliases   []string    `yaml:"aliases,omitempty"`
	Objective string      `yaml:"objective,omitempty"`
	Domain    string      `yaml:"domain"`
	Type      string      `yaml:"type"`
	Layers    []string    `yaml:"layers"`
	AppliesTo *yApplies   `yaml:"applies_to,omitempty"`
	Provider  string      `yaml:"provider,omitempty"`
	Customer  string      `yaml:"customer,omitempty"`
	Evidence  []yEvidence `yaml:"evidence"`
}

type yApplies struct {
	Tiers    []string `yaml:"tiers,omitempty"`
	Services []string `yaml:"services,omitempty"`
}

type yEvidence struct {
	Description string       `yaml:"description"`
	Artifact    string       `yaml:"artifact,omitempty"`
	Collection  string       `yaml:"collection"`
	Frequency   string       `yaml:"frequency"`
	Services    []string     `yaml:"services,omitempty"`
	Sources     []srm.Source `yaml:"sources"`
}

func toYControl(c srm.Control) yControl {
	y := yControl{ID: string(c.ID), Title: c.Title, Aliases: ids(c.Aliases), Objective: c.Objective, Domain: string(c.Domain), Type: string(c.Type),
		Layers: []string{}, Provider: c.Provider, Customer: c.Customer}
	for _, l := range c.Layers {
		y.Layers = append(y.Layers, string(l))
	}
	if len(c.Tiers) > 0 || len(c.Services) > 0 {
		y.AppliesTo = &yApplies{Services: c.Services}
		for _, t := range c.Tiers {
			y.AppliesTo.Tiers = append(y.AppliesTo.Tiers, string(t))
		}
	}
	for _, e := range c.Evidence {
		y.Evidence = append(y.Evidence, yEvidence{e.Description, string(e.Artifact), string(e.Collection), string(e.Frequency), e.Services, e.Sources})
	}
	return y
}

type yTable struct {
	Srmkit        string      `yaml:"srmkit"`
	Framework     string      `yaml:"framework"`
	Mappings      []yMapping  `yaml:"mappings"`
	NotApplicable []yNA       `yaml:"not_applicable,omitempty"`
	Clauses       []yJudged   `yaml:"clauses,omitempty"`
	Unmapped      []yUnmapped `yaml:"unmapped,omitempty"`
}

type yJudged struct {
	Clause   string `yaml:"clause"`
	Coverage string `yaml:"coverage"`
	Residual string `yaml:"residual,omitempty"`
}

type yUnmapped struct {
	Control string `yaml:"control"`
	Reason  string `yaml:"reason"`
}

type yMapping struct {
	Control      string `yaml:"control"`
	Framework    string `yaml:"framework,omitempty"`
	Clause       string `yaml:"clause"`
	Relationship string `yaml:"relationship"`
	Strength     int    `yaml:"strength"`
	Rationale    string `yaml:"rationale"`
}

type yNA struct {
	Clause string `yaml:"clause"`
	Reason string `yaml:"reason"`
}

type yOverlay struct {
	Srmkit       string       `yaml:"srmkit"`
	Organization string       `yaml:"organization,omitempty"`
	Scope        *yScope      `yaml:"scope,omitempty"`
	Assignments  []yAssign    `yaml:"assignments,omitempty"`
	Exclusions   []yExclusion `yaml:"exclusions,omitempty"`
}

type yScope struct {
	Provider string   `yaml:"provider"`
	Services []string `yaml:"services,omitempty"`
}

type yAssign struct {
	Control          string `yaml:"control"`
	Owner            string `yaml:"owner,omitempty"`
	Status           string `yaml:"status,omitempty"`
	Justification    string `yaml:"justification,omitempty"`
	EvidenceLocation string `yaml:"evidence_location,omitempty"`
}

type yExclusion struct {
	Framework string `yaml:"framework"`
	Clause    string `yaml:"clause"`
	Reason    string `yaml:"reason"`
}

func ids(v []srm.ControlID) []string {
	if len(v) == 0 {
		return nil
	}
	out := make([]string, len(v))
	for i, id := range v {
		out[i] = string(id)
	}
	return out
}
