package srm

import (
	"errors"
	"fmt"
	"sort"
	"strconv"

	"github.com/srmkit/srmkit/schema"
)

// Problems found when documents are well-formed but inconsistent. They are wrapped by
// [schema.Error] values carrying the position.
var (
	ErrDuplicateService = errors.New("duplicate service id")
	ErrDuplicateControl = errors.New("duplicate control id")
	ErrIncomplete       = errors.New("incomplete control")
)

type rawServices struct {
	Srmkit   string   `json:"srmkit"`
	Provider Provider `json:"provider"`
	Services []struct {
		ID      string `json:"id"`
		Name    string `json:"name"`
		Tier    Tier   `json:"tier"`
		Summary string `json:"summary"`
		Mixed   string `json:"mixed"`
		Layers  map[Layer]struct {
			Owner    Owner  `json:"owner"`
			Provider string `json:"provider"`
			Customer string `json:"customer"`
		} `json:"layers"`
	} `json:"services"`
}

// RawControl is a control as written in a document, before evidence ids are assigned.
type rawControl struct {
	ID        ControlID   `json:"id"`
	Title     string      `json:"title"`
	Aliases   []ControlID `json:"aliases"`
	Objective string      `json:"objective"`
	Domain    Domain      `json:"domain"`
	Type      ControlType `json:"type"`
	Layers    []Layer     `json:"layers"`
	AppliesTo *struct {
		Tiers    []Tier   `json:"tiers"`
		Services []string `json:"services"`
	} `json:"applies_to"`
	Provider string `json:"provider"`
	Customer string `json:"customer"`
	Evidence []struct {
		Description string     `json:"description"`
		Artifact    Artifact   `json:"artifact"`
		Collection  Collection `json:"collection"`
		Frequency   Frequency  `json:"frequency"`
		Services    []string   `json:"services"`
		Sources     []Source   `json:"sources"`
	} `json:"evidence"`
}

func (r *rawControl) control() Control {
	c := Control{ID: r.ID, Title: r.Title, Aliases: r.Aliases, Objective: r.Objective, Domain: r.Domain, Type: r.Type,
		Layers: r.Layers, Provider: r.Provider, Customer: r.Customer}
	if c.Layers == nil {
		c.Layers = []Layer{}
	}
	if r.AppliesTo != nil {
		c.Tiers, c.Services = r.AppliesTo.Tiers, r.AppliesTo.Services
	}
	for i, e := range r.Evidence {
		c.Evidence = append(c.Evidence, Evidence{
			ID: string(r.ID) + "-E" + strconv.Itoa(i+1), Description: e.Description, Artifact: e.Artifact,
			Collection: e.Collection, Frequency: e.Frequency, Services: e.Services, Sources: e.Sources,
		})
	}
	return c
}

// DecodeControls decodes the controls held in a validated document under the JSON Pointer ptr
// ("/controls" in both controls/v1 and overlay/v1 documents). It checks only what the schema
// already guarantees; [CheckControls] checks references.
func DecodeControls(doc *schema.Document, ptr string) ([]Control, error) {
	var raw []rawControl
	v := lookup(doc.Value, ptr)
	if v == nil {
		return nil, nil
	}
	if err := schema.DecodeValue(v, &raw); err != nil {
		return nil, schema.ErrorList{doc.Errorf(ptr, schema.ErrSchema, "%v", err)}
	}
	out := make([]Control, len(raw))
	for i := range raw {
		out[i] = raw[i].control()
	}
	return out, nil
}

func lookup(v map[string]any, ptr string) any {
	if len(ptr) < 2 {
		return nil
	}
	return v[ptr[1:]]
}

// CheckControls reports, at their positions in doc, controls that name unknown services or
// repeat an id already in known or earlier in the list. The controls must have come from doc
// under ptr, in order.
func (m *Model) CheckControls(doc *schema.Document, ptr string, controls []Control, known func(ControlID) (string, bool)) schema.ErrorList {
	var errs schema.ErrorList
	seen := map[ControlID]int{}
	for i, c := range controls {
		at := ptr + "/" + strconv.Itoa(i)
		if prev, dup := seen[c.ID]; dup {
			line, _ := doc.Position(ptr + "/" + strconv.Itoa(prev) + "/id")
			errs = append(errs, doc.Errorf(at+"/id", ErrDuplicateControl, "control %s is defined twice (first at line %d)", c.ID, line))
		} else if where, clash := known(c.ID); clash {
			errs = append(errs, doc.Errorf(at+"/id", ErrDuplicateControl, "control %s is already defined %s", c.ID, where))
		}
		seen[c.ID] = i
		for j, a := range c.Aliases {
			aat := fmt.Sprintf("%s/aliases/%d", at, j)
			if _, dup := seen[a]; dup {
				errs = append(errs, doc.Errorf(aat, ErrDuplicateControl, "alias %s is already a control id or alias", a))
			} else if where, clash := known(a); clash {
				errs = append(errs, doc.Errorf(aat, ErrDuplicateControl, "alias %s is already defined %s", a, where))
			}
			seen[a] = i
		}
		for j, s := range c.Services {
			if _, ok := m.svcIdx[s]; !ok {
				errs = append(errs, doc.Errorf(fmt.Sprintf("%s/applies_to/services/%d", at, j), ErrUnknownService, "unknown service %q", s))
			}
		}
		for k, e := range c.Evidence {
			for j, s := range e.Services {
				if _, ok := m.svcIdx[s]; !ok {
					errs = append(errs, doc.Errorf(fmt.Sprintf("%s/evidence/%d/services/%d", at, k, j), ErrUnknownService, "unknown service %q", s))
				}
			}
		}
	}
	return errs
}

// File is a named document.
type File struct {
	Name string
	Data []byte
}

// ParseCatalog reads services/v1 and controls/v1 documents and builds a model from them,
// reporting every problem at once with its position: schema violations, duplicate ids across
// files, unknown services, and controls that lack what a catalog control needs (objective,
// both parties' parts, layers, evidence artifacts).
func ParseCatalog(files ...File) (*Model, error) {
	return parseCatalog(true, files)
}

// LoadCatalog is ParseCatalog without the completeness checks: controls need only what their
// schema requires, as an organisation's own controls do. It reads documents written by export.
func LoadCatalog(files ...File) (*Model, error) {
	return parseCatalog(false, files)
}

func parseCatalog(strict bool, files []File) (*Model, error) {
	var errs schema.ErrorList
	var services []Service
	svcAt := map[string]string{}
	type ctlDoc struct {
		doc      *schema.Document
		controls []Control
	}
	var ctlDocs []ctlDoc
	for _, f := range files {
		doc, err := schema.Parse(f.Name, f.Data)
		if err != nil {
			errs = appendErr(errs, err)
			continue
		}
		switch doc.Kind {
		case schema.KindServices:
			var raw rawServices
			if err := doc.Decode(&raw); err != nil {
				errs = append(errs, &schema.Error{File: f.Name, Msg: err.Error(), Err: schema.ErrSchema})
				continue
			}
			for i, r := range raw.Services {
				at := "/services/" + strconv.Itoa(i) + "/id"
				if where, dup := svcAt[r.ID]; dup {
					errs = append(errs, doc.Errorf(at, ErrDuplicateService, "service %q is already defined at %s", r.ID, where))
					continue
				}
				line, col := doc.Position(at)
				svcAt[r.ID] = fmt.Sprintf("%s:%d:%d", f.Name, line, col)
				s := Service{ID: r.ID, Name: r.Name, Tier: r.Tier, Summary: r.Summary, Mixed: r.Mixed}
				for j, l := range layers {
					a := r.Layers[l]
					s.Layers[j] = Assignment{Layer: l, Owner: a.Owner, Provider: a.Provider, Customer: a.Customer}
				}
				services = append(services, s)
			}
		case schema.KindControls:
			cs, err := DecodeControls(doc, "/controls")
			if err != nil {
				errs = appendErr(errs, err)
				continue
			}
			for i, c := range cs {
				if strict {
					errs = append(errs, checkComplete(doc, "/controls/"+strconv.Itoa(i), c)...)
				}
			}
			ctlDocs = append(ctlDocs, ctlDoc{doc, cs})
		default:
			line, col := doc.Position("/srmkit")
			errs = append(errs, &schema.Error{File: f.Name, Line: line, Column: col, Path: "/srmkit", Msg: fmt.Sprintf("expected a services/v1 or controls/v1 document, got %s", doc.Kind), Err: schema.ErrKind})
		}
	}
	m, err := NewModel(services, nil)
	if err != nil {
		errs = append(errs, &schema.Error{File: "services", Msg: err.Error(), Err: err})
		errs.Sort()
		return nil, errs
	}
	var controls []Control
	ctlAt := map[ControlID]string{}
	for _, cd := range ctlDocs {
		errs = append(errs, m.CheckControls(cd.doc, "/controls", cd.controls, func(id ControlID) (string, bool) {
			w, ok := ctlAt[id]
			return "at " + w, ok
		})...)
		for i, c := range cd.controls {
			if _, dup := ctlAt[c.ID]; !dup {
				line, col := cd.doc.Position("/controls/" + strconv.Itoa(i) + "/id")
				ctlAt[c.ID] = fmt.Sprintf("%s:%d:%d", cd.doc.File, line, col)
				controls = append(controls, c)
			}
		}
	}
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	if strict {
		// A catalog reads the same whichever file a control lives in; documents written by
		// export keep their order.
		sort.SliceStable(controls, func(i, j int) bool { return controlLess(controls[i], controls[j]) })
	}
	return NewModel(services, controls)
}

// controlLess orders controls by domain, then id, so catalogs read the same whichever file a
// control lives in.
func controlLess(a, b Control) bool {
	if da, db := a.Domain.Order(), b.Domain.Order(); da != db {
		return da < db
	}
	return a.ID < b.ID
}

func checkComplete(doc *schema.Document, at string, c Control) schema.ErrorList {
	var errs schema.ErrorList
	need := func(ok bool, field string) {
		if !ok {
			errs = append(errs, doc.Errorf(at, ErrIncomplete, "control %s needs %s in a catalog", c.ID, field))
		}
	}
	need(c.Objective != "", "an objective")
	need(c.Provider != "", "the provider's part (provider:)")
	need(c.Customer != "", "the customer's part (customer:)")
	need(hasKey(doc.Value, at, "layers"), "layers (use [] for an organisational control)")
	for i, e := range c.Evidence {
		if e.Artifact == "" {
			errs = append(errs, doc.Errorf(fmt.Sprintf("%s/evidence/%d", at, i), ErrIncomplete, "evidence of control %s needs an artifact kind", c.ID))
		}
	}
	return errs
}

func hasKey(v map[string]any, at, field string) bool {
	// at is /controls/N
	arr, _ := v["controls"].([]any)
	var n int
	if _, err := fmt.Sscanf(at, "/controls/%d", &n); err != nil || n < 0 || n >= len(arr) {
		return false
	}
	obj, _ := arr[n].(map[string]any)
	_, ok := obj[field]
	return ok
}

func appendErr(errs schema.ErrorList, err error) schema.ErrorList {
	var l schema.ErrorList
	if errors.As(err, &l) {
		return append(errs, l...)
	}
	return append(errs, &schema.Error{Msg: err.Error(), Err: err})
}
