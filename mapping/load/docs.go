package load

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/srmkit/srmkit/frameworks"
	"github.com/srmkit/srmkit/mapping"
	"github.com/srmkit/srmkit/schema"
	"github.com/srmkit/srmkit/schema/diag"
	"github.com/srmkit/srmkit/srm"
)

// The document types below are what a file holds, field for field: json tags for decoding the
// validated document, yaml tags for [Export]. One set serves both directions, so what is written
// is what is read.

type frameworkDoc struct {
	Srmkit    schema.Kind  `json:"srmkit" yaml:"srmkit"`
	Framework frameworkHdr `json:"framework" yaml:"framework"`
	Clauses   []clauseDoc  `json:"clauses" yaml:"clauses"`
}

type frameworkHdr struct {
	ID          frameworks.ID         `json:"id" yaml:"id"`
	Name        string                `json:"name" yaml:"name"`
	Version     string                `json:"version" yaml:"version"`
	Publisher   string                `json:"publisher" yaml:"publisher"`
	Source      string                `json:"source" yaml:"source"`
	TextPolicy  frameworks.TextPolicy `json:"text_policy" yaml:"text_policy"`
	Aliases     []string              `json:"aliases" yaml:"aliases,omitempty"`
	Description string                `json:"description" yaml:"description,omitempty"`
	Profiles    []profileDoc          `json:"profiles" yaml:"profiles,omitempty"`
}

type profileDoc struct {
	ID       string `json:"id" yaml:"id"`
	Name     string `json:"name" yaml:"name"`
	Summary  string `json:"summary" yaml:"summary"`
	Required bool   `json:"required" yaml:"required,omitempty"`
}

type clauseDoc struct {
	ID       string          `json:"id" yaml:"id"`
	Parent   string          `json:"parent" yaml:"parent,omitempty"`
	Kind     frameworks.Kind `json:"kind" yaml:"kind"`
	Title    string          `json:"title" yaml:"title"`
	Summary  string          `json:"summary" yaml:"summary"`
	Category string          `json:"category" yaml:"category,omitempty"`
	Binds    string          `json:"binds" yaml:"binds,omitempty"`
}

type servicesDoc struct {
	Srmkit   schema.Kind  `json:"srmkit" yaml:"srmkit"`
	Provider srm.Provider `json:"provider" yaml:"provider"`
	Services []serviceDoc `json:"services" yaml:"services"`
}

type serviceDoc struct {
	ID       string                 `json:"id" yaml:"id"`
	Name     string                 `json:"name" yaml:"name"`
	Tier     srm.Tier               `json:"tier" yaml:"tier"`
	Baseline string                 `json:"baseline" yaml:"baseline,omitempty"`
	Summary  string                 `json:"summary" yaml:"summary"`
	Basis    string                 `json:"basis" yaml:"basis,omitempty"`
	Mixed    string                 `json:"mixed" yaml:"mixed,omitempty"`
	Layers   map[srm.Layer]layerDoc `json:"layers" yaml:"layers"`
}

type layerDoc struct {
	Owner    srm.Owner `json:"owner" yaml:"owner"`
	Provider string    `json:"provider" yaml:"provider"`
	Customer string    `json:"customer" yaml:"customer"`
	Basis    string    `json:"basis" yaml:"basis,omitempty"`
}

type controlsDoc struct {
	Srmkit   schema.Kind  `json:"srmkit" yaml:"srmkit"`
	Controls []controlDoc `json:"controls" yaml:"controls"`
}

type controlDoc struct {
	ID        srm.ControlID   `json:"id" yaml:"id"`
	Title     string          `json:"title" yaml:"title"`
	Aliases   []srm.ControlID `json:"aliases" yaml:"aliases,omitempty"`
	Objective string          `json:"objective" yaml:"objective,omitempty"`
	Domain    srm.Domain      `json:"domain" yaml:"domain"`
	Type      srm.ControlType `json:"type" yaml:"type"`
	Layers    []srm.Layer     `json:"layers" yaml:"layers"`
	AppliesTo *appliesDoc     `json:"applies_to" yaml:"applies_to,omitempty"`
	Provider  string          `json:"provider" yaml:"provider,omitempty"`
	Customer  string          `json:"customer" yaml:"customer,omitempty"`
	// Clouds hold the parts on other providers, keyed by provider.
	Clouds   map[srm.Provider]partDoc `json:"clouds" yaml:"clouds,omitempty"`
	Evidence []evidenceDoc            `json:"evidence" yaml:"evidence"`
}

type partDoc struct {
	Provider      string `json:"provider" yaml:"provider,omitempty"`
	Customer      string `json:"customer" yaml:"customer,omitempty"`
	NotApplicable string `json:"not_applicable" yaml:"not_applicable,omitempty"`
}

type appliesDoc struct {
	Tiers    []srm.Tier `json:"tiers" yaml:"tiers,omitempty"`
	Services []string   `json:"services" yaml:"services,omitempty"`
}

type evidenceDoc struct {
	Description string         `json:"description" yaml:"description"`
	Artifact    srm.Artifact   `json:"artifact" yaml:"artifact,omitempty"`
	Collection  srm.Collection `json:"collection" yaml:"collection"`
	Frequency   srm.Frequency  `json:"frequency" yaml:"frequency"`
	Provider    srm.Provider   `json:"provider" yaml:"provider,omitempty"`
	Services    []string       `json:"services" yaml:"services,omitempty"`
	Sources     []sourceDoc    `json:"sources" yaml:"sources"`
}

type sourceDoc struct {
	Kind  srm.SourceKind `json:"kind" yaml:"kind"`
	Ref   string         `json:"ref" yaml:"ref"`
	Title string         `json:"title" yaml:"title,omitempty"`
}

type tableDoc struct {
	Srmkit        schema.Kind   `json:"srmkit" yaml:"srmkit"`
	Framework     frameworks.ID `json:"framework" yaml:"framework"`
	Mappings      []mappingDoc  `json:"mappings" yaml:"mappings"`
	NotApplicable []naDoc       `json:"not_applicable" yaml:"not_applicable,omitempty"`
	Clauses       []judgedDoc   `json:"clauses" yaml:"clauses,omitempty"`
	Unmapped      []unmappedDoc `json:"unmapped" yaml:"unmapped,omitempty"`
}

type mappingDoc struct {
	Control      srm.ControlID        `json:"control" yaml:"control"`
	Framework    frameworks.ID        `json:"framework" yaml:"framework,omitempty"`
	Clause       string               `json:"clause" yaml:"clause"`
	Relationship mapping.Relationship `json:"relationship" yaml:"relationship"`
	Strength     int                  `json:"strength" yaml:"strength"`
	Rationale    string               `json:"rationale" yaml:"rationale"`
}

type naDoc struct {
	Clause string `json:"clause" yaml:"clause"`
	Reason string `json:"reason" yaml:"reason"`
}

type judgedDoc struct {
	Clause   string           `json:"clause" yaml:"clause"`
	Coverage mapping.Coverage `json:"coverage" yaml:"coverage"`
	Residual string           `json:"residual" yaml:"residual,omitempty"`
}

type unmappedDoc struct {
	Control srm.ControlID `json:"control" yaml:"control"`
	Reason  string        `json:"reason" yaml:"reason"`
}

type overlayDoc struct {
	Srmkit       schema.Kind    `json:"srmkit" yaml:"srmkit"`
	Organization string         `json:"organization" yaml:"organization,omitempty"`
	Scope        *scopeDoc      `json:"scope" yaml:"scope,omitempty"`
	Controls     []controlDoc   `json:"controls" yaml:"controls,omitempty"`
	Assignments  []assignDoc    `json:"assignments" yaml:"assignments,omitempty"`
	Mappings     []mappingDoc   `json:"mappings" yaml:"mappings,omitempty"`
	Exclusions   []exclusionDoc `json:"exclusions" yaml:"exclusions,omitempty"`
}

type scopeDoc struct {
	Provider srm.Provider `json:"provider" yaml:"provider,omitempty"`
	Services []string     `json:"services" yaml:"services,omitempty"`
	// Frameworks narrows frameworks to profiles: "soc2:security+availability", "gdpr:processor".
	Frameworks []string `json:"frameworks" yaml:"frameworks,omitempty"`
}

type assignDoc struct {
	Control          srm.ControlID            `json:"control" yaml:"control"`
	Owner            string                   `json:"owner" yaml:"owner,omitempty"`
	Status           mapping.AssignmentStatus `json:"status" yaml:"status,omitempty"`
	Justification    string                   `json:"justification" yaml:"justification,omitempty"`
	EvidenceLocation string                   `json:"evidence_location" yaml:"evidence_location,omitempty"`
	RiskTreatment    string                   `json:"risk_treatment" yaml:"risk_treatment,omitempty"`
}

type exclusionDoc struct {
	Framework string `json:"framework" yaml:"framework"`
	Clause    string `json:"clause" yaml:"clause"`
	Reason    string `json:"reason" yaml:"reason"`
}

// decode fills v from the document, reporting a shape the schema let through as a schema error.
func decode(d *schema.Document, v any) error {
	if err := d.Decode(v); err != nil {
		return diag.ErrorList{{File: d.File, Msg: err.Error(), Err: schema.ErrSchema}}
	}
	return nil
}

// unjoin splits an error made by errors.Join into its parts.
func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

func decodeFramework(d *schema.Document) (*frameworks.Framework, error) {
	var fd frameworkDoc
	if err := decode(d, &fd); err != nil {
		return nil, err
	}
	var errs diag.ErrorList
	seen := make(map[string]int, len(fd.Clauses))
	clauses := make([]frameworks.Clause, 0, len(fd.Clauses))
	for i, c := range fd.Clauses {
		at := "/clauses/" + strconv.Itoa(i)
		if prev, dup := seen[c.ID]; dup {
			line, _ := d.Position("/clauses/" + strconv.Itoa(prev) + "/id")
			errs = append(errs, d.Errorf(at+"/id", frameworks.ErrDuplicateClause, "clause %q is defined twice (first at line %d)", c.ID, line))
			continue
		}
		if _, ok := seen[c.Parent]; c.Parent != "" && !ok {
			errs = append(errs, d.Errorf(at+"/parent", frameworks.ErrUnknownParent, "parent %q of clause %q is not defined before it", c.Parent, c.ID))
		}
		seen[c.ID] = i
		clauses = append(clauses, frameworks.Clause{ID: c.ID, Parent: c.Parent, Kind: c.Kind, Title: c.Title, Summary: c.Summary,
			Category: c.Category, Binds: c.Binds})
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	h := fd.Framework
	info := frameworks.Info{ID: h.ID, Name: h.Name, Version: h.Version, Publisher: h.Publisher, Source: h.Source,
		Description: h.Description, TextPolicy: h.TextPolicy, Aliases: h.Aliases}
	for _, p := range h.Profiles {
		info.Profiles = append(info.Profiles, frameworks.Profile{ID: p.ID, Name: p.Name, Summary: p.Summary, Required: p.Required})
	}
	fw, err := frameworks.New(info, clauses)
	if err != nil {
		// Position each problem at the clause it concerns.
		var list diag.ErrorList
		for _, e := range unjoin(err) {
			at := "/framework/profiles"
			var ce *frameworks.ClauseError
			if errors.As(e, &ce) {
				at = "/clauses/" + strconv.Itoa(seen[ce.Clause])
			}
			list = append(list, d.Errorf(at, e, "%v", e))
		}
		return nil, list
	}
	return fw, nil
}

// decodeControls decodes the controls of a controls/v1 or overlay/v1 document, numbering their
// evidence items.
func decodeControls(d *schema.Document) ([]srm.Control, error) {
	var cds []controlDoc
	if err := schema.DecodeValue(d.Value["controls"], &cds); err != nil {
		return nil, diag.ErrorList{d.Errorf("/controls", schema.ErrSchema, "%v", err)}
	}
	out := make([]srm.Control, len(cds))
	for i, c := range cds {
		out[i] = c.control()
	}
	return out, nil
}

func (r *controlDoc) control() srm.Control {
	c := srm.Control{ID: r.ID, Title: r.Title, Aliases: r.Aliases, Objective: r.Objective, Domain: r.Domain, Type: r.Type,
		Layers: r.Layers, Provider: r.Provider, Customer: r.Customer}
	if c.Layers == nil {
		c.Layers = []srm.Layer{}
	}
	if r.AppliesTo != nil {
		c.Tiers, c.Services = r.AppliesTo.Tiers, r.AppliesTo.Services
	}
	for _, p := range srm.Providers() {
		if pd, ok := r.Clouds[p]; ok {
			c.Clouds = append(c.Clouds, srm.Part{Cloud: p, Provider: pd.Provider, Customer: pd.Customer, NotApplicable: pd.NotApplicable})
		}
	}
	// Items are numbered per provider, so that adding one provider's evidence never renumbers
	// another's: IAM-01-E1 for AWS's and every provider's, IAM-01-AZ1, IAM-01-GC1.
	var n [3]int
	for _, e := range r.Evidence {
		k, prefix := 0, "-E"
		switch e.Provider {
		case srm.Azure:
			k, prefix = 1, "-AZ"
		case srm.GCP:
			k, prefix = 2, "-GC"
		}
		n[k]++
		ev := srm.Evidence{ID: string(r.ID) + prefix + strconv.Itoa(n[k]), Description: e.Description, Artifact: e.Artifact,
			Collection: e.Collection, Frequency: e.Frequency, Provider: e.Provider, Services: e.Services}
		for _, s := range e.Sources {
			ev.Sources = append(ev.Sources, srm.Source{Kind: s.Kind, Ref: s.Ref, Title: s.Title})
		}
		c.Evidence = append(c.Evidence, ev)
	}
	return c
}

func toControlDoc(c srm.Control) controlDoc {
	y := controlDoc{ID: c.ID, Title: c.Title, Aliases: c.Aliases, Objective: c.Objective, Domain: c.Domain, Type: c.Type,
		Layers: c.Layers, Provider: c.Provider, Customer: c.Customer}
	if y.Layers == nil {
		y.Layers = []srm.Layer{}
	}
	if len(c.Tiers) > 0 || len(c.Services) > 0 {
		y.AppliesTo = &appliesDoc{Tiers: c.Tiers, Services: c.Services}
	}
	for _, p := range c.Clouds {
		if y.Clouds == nil {
			y.Clouds = map[srm.Provider]partDoc{}
		}
		y.Clouds[p.Cloud] = partDoc{p.Provider, p.Customer, p.NotApplicable}
	}
	for _, e := range c.Evidence {
		ed := evidenceDoc{Description: e.Description, Artifact: e.Artifact, Collection: e.Collection, Frequency: e.Frequency,
			Provider: e.Provider, Services: e.Services}
		for _, s := range e.Sources {
			ed.Sources = append(ed.Sources, sourceDoc(s))
		}
		y.Evidence = append(y.Evidence, ed)
	}
	return y
}

func decodeTable(d *schema.Document) (*mapping.Table, error) {
	var td tableDoc
	if err := decode(d, &td); err != nil {
		return nil, err
	}
	t := &mapping.Table{Framework: td.Framework, Source: d}
	var errs diag.ErrorList
	for i, m := range td.Mappings {
		if m.Framework != "" && m.Framework != td.Framework {
			errs = append(errs, d.Errorf("/mappings/"+strconv.Itoa(i)+"/framework", mapping.ErrUnknownFramework,
				"mapping names framework %s in a table for %s", m.Framework, td.Framework))
		}
		t.Mappings = append(t.Mappings, mapping.Mapping{Control: m.Control, Framework: td.Framework, Clause: m.Clause,
			Relationship: m.Relationship, Strength: m.Strength, Rationale: m.Rationale})
	}
	for _, n := range td.NotApplicable {
		t.NotApplicable = append(t.NotApplicable, mapping.NotApplicable{Framework: td.Framework, Clause: n.Clause, Reason: n.Reason})
	}
	for _, j := range td.Clauses {
		t.Completeness = append(t.Completeness, mapping.Completeness{Framework: td.Framework, Clause: j.Clause, Coverage: j.Coverage, Residual: j.Residual})
	}
	for _, u := range td.Unmapped {
		t.Unmapped = append(t.Unmapped, mapping.Unmapped{Framework: td.Framework, Control: u.Control, Reason: u.Reason})
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return t, nil
}

// resolve turns a framework name written in a file (an id or an alias) into its id; an unknown
// name is kept for the catalog to report with its suggestion.
func resolve(name string) frameworks.ID {
	if id, ok := frameworks.Resolve(name); ok {
		return id
	}
	return frameworks.ID(name)
}

// selection splits "framework[:profile[+profile..]]" as written in a file, resolving the
// framework's alias; unknown frameworks and profiles are kept for the catalog to report with
// their suggestions and positions.
func selection(s string) frameworks.Selection {
	name, profs, ok := strings.Cut(s, ":")
	sel := frameworks.Selection{Framework: resolve(strings.TrimSpace(name))}
	if ok {
		sel.Profiles = strings.Split(profs, "+")
	}
	return sel
}

func decodeOverlay(d *schema.Document) (*mapping.Overlay, error) {
	var od overlayDoc
	if err := decode(d, &od); err != nil {
		return nil, err
	}
	o := &mapping.Overlay{Name: d.File, Organization: od.Organization, Source: d}
	if od.Scope != nil {
		o.Provider, o.Services = od.Scope.Provider, od.Scope.Services
		for _, s := range od.Scope.Frameworks {
			o.Frameworks = append(o.Frameworks, selection(s))
		}
	}
	for _, c := range od.Controls {
		o.Controls = append(o.Controls, c.control())
	}
	for _, a := range od.Assignments {
		o.Assignments = append(o.Assignments, mapping.Assignment{Control: a.Control, Owner: a.Owner, Status: a.Status,
			Justification: a.Justification, EvidenceLocation: a.EvidenceLocation, RiskTreatment: a.RiskTreatment})
	}
	for _, m := range od.Mappings {
		o.Mappings = append(o.Mappings, mapping.Mapping{Control: m.Control, Framework: resolve(string(m.Framework)), Clause: m.Clause,
			Relationship: m.Relationship, Strength: m.Strength, Rationale: m.Rationale})
	}
	for _, x := range od.Exclusions {
		o.Exclusions = append(o.Exclusions, mapping.NotApplicable{Framework: resolve(x.Framework), Clause: x.Clause, Reason: x.Reason})
	}
	return o, nil
}

// buildModel makes a model of the services/v1 and controls/v1 documents among docs; what they
// do not bring comes from the built-in model: the services of each provider no document names,
// and the controls when no document has any.
func buildModel(docs []*schema.Document, strict bool) (*srm.Model, error) {
	var errs diag.ErrorList
	var services []srm.Service
	hasControls := false
	brought := map[srm.Provider]bool{}
	svcAt := map[string]string{}
	type ctlDoc struct {
		d        *schema.Document
		controls []srm.Control
	}
	var ctlDocs []ctlDoc
	for _, d := range docs {
		switch d.Kind {
		case schema.KindServices:
			var sd servicesDoc
			if err := decode(d, &sd); err != nil {
				errs = diag.Append(errs, err)
				continue
			}
			brought[sd.Provider] = true
			for i, r := range sd.Services {
				at := "/services/" + strconv.Itoa(i) + "/id"
				full := string(sd.Provider) + "/" + r.ID
				if where, dup := svcAt[full]; dup {
					errs = append(errs, d.Errorf(at, srm.ErrDuplicateService, "service %q is already defined at %s", full, where))
					continue
				}
				svcAt[full] = diag.Where(d, d.File, at)
				s := srm.Service{ID: string(sd.Provider) + "/" + r.ID, Provider: sd.Provider, Name: r.Name, Tier: r.Tier,
					Summary: r.Summary, Baseline: r.Baseline, Basis: r.Basis, Mixed: r.Mixed}
				for j, l := range srm.Layers() {
					a := r.Layers[l]
					s.Layers[j] = srm.Assignment{Layer: l, Owner: a.Owner, Provider: a.Provider, Customer: a.Customer, Basis: a.Basis}
				}
				services = append(services, s)
			}
		case schema.KindControls:
			hasControls = true
			cs, err := decodeControls(d)
			if err != nil {
				errs = diag.Append(errs, err)
				continue
			}
			if strict {
				for i, c := range cs {
					errs = append(errs, checkComplete(d, i, c)...)
				}
			}
			ctlDocs = append(ctlDocs, ctlDoc{d, cs})
		}
	}
	// A provider whose services no document brings keeps the built-in ones.
	for s := range srm.Default().Services() {
		if !brought[s.Provider] {
			services = append(services, s)
		}
	}
	slices.SortStableFunc(services, func(a, b srm.Service) int {
		return a.Provider.Order() - b.Provider.Order()
	})
	base, err := srm.NewModel(services, nil)
	if err != nil {
		errs = append(errs, &diag.Error{File: "services", Msg: err.Error(), Err: err})
		errs.Sort()
		return nil, errs
	}
	var controls []srm.Control
	ctlAt := map[srm.ControlID]string{}
	for _, cd := range ctlDocs {
		errs = append(errs, base.CheckControls(cd.d, cd.d.File, "/controls", cd.controls, func(id srm.ControlID) (string, bool) {
			w, ok := ctlAt[id]
			return "at " + w, ok
		})...)
		for i, c := range cd.controls {
			if _, dup := ctlAt[c.ID]; !dup {
				ctlAt[c.ID] = diag.Where(cd.d, cd.d.File, "/controls/"+strconv.Itoa(i)+"/id")
				controls = append(controls, c)
			}
		}
	}
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	if !hasControls {
		controls = slices.Collect(srm.Default().Controls())
	}
	if strict {
		// A catalog reads the same whichever file a control lives in; documents written by
		// export keep their order.
		slices.SortStableFunc(controls, func(a, b srm.Control) int {
			if da, db := a.Domain.Order(), b.Domain.Order(); da != db {
				return da - db
			}
			switch {
			case a.ID < b.ID:
				return -1
			case a.ID > b.ID:
				return 1
			}
			return 0
		})
	}
	return base.WithControls(controls)
}

func checkComplete(d *schema.Document, i int, c srm.Control) diag.ErrorList {
	at := "/controls/" + strconv.Itoa(i)
	var errs diag.ErrorList
	need := func(ok bool, field string) {
		if !ok {
			errs = append(errs, d.Errorf(at, ErrIncomplete, "control %s needs %s in a catalog", c.ID, field))
		}
	}
	need(c.Objective != "", "an objective")
	need(c.Provider != "", "the provider's part (provider:)")
	need(c.Customer != "", "the customer's part (customer:)")
	arr, _ := d.Value["controls"].([]any)
	obj, _ := arr[i].(map[string]any)
	_, hasLayers := obj["layers"]
	need(hasLayers, "layers (use [] for an organisational control)")
	for k, e := range c.Evidence {
		if e.Artifact == "" {
			errs = append(errs, d.Errorf(fmt.Sprintf("%s/evidence/%d", at, k), ErrIncomplete, "evidence of control %s needs an artifact kind", c.ID))
		}
	}
	return errs
}
