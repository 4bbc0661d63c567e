package mapping

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/srmkit/srmkit/frameworks"
	"github.com/srmkit/srmkit/schema"
	"github.com/srmkit/srmkit/srm"
)

// Overlay is one organisation document (overlay/v1): its own controls, owners and status of
// controls, extra mappings and clause exclusions. Overlays are merged onto a catalog with
// [Catalog.With] or [New]; the catalog they are merged onto never changes.
type Overlay struct {
	File         string
	Organization string
	Provider     srm.Provider
	Services     []string
	Controls     []srm.Control
	Assignments  []Assignment
	Mappings     []Mapping
	Exclusions   []NotApplicable
	doc          *schema.Document
}

// LoadOptions tune overlay loading.
type LoadOptions struct {
	// MaxBytes caps the file size, checked before parsing; 0 means schema.DefaultMaxBytes (8 MiB).
	MaxBytes int64
}

// LoadOverlay reads an overlay file. Problems come back together as a [schema.ErrorList].
func LoadOverlay(path string, opts ...LoadOptions) (*Overlay, error) {
	var o LoadOptions
	if len(opts) > 0 {
		o = opts[0]
	}
	doc, err := schema.ReadFile(path, schema.Options{MaxBytes: o.MaxBytes, Kind: schema.KindOverlay})
	if err != nil {
		return nil, err
	}
	return decodeOverlay(doc)
}

// ParseOverlay reads an overlay from memory; file names it in messages.
func ParseOverlay(file string, data []byte, opts ...LoadOptions) (*Overlay, error) {
	var o LoadOptions
	if len(opts) > 0 {
		o = opts[0]
	}
	doc, err := schema.ParseWith(file, data, schema.Options{MaxBytes: o.MaxBytes, Kind: schema.KindOverlay})
	if err != nil {
		return nil, err
	}
	return decodeOverlay(doc)
}

func decodeOverlay(doc *schema.Document) (*Overlay, error) {
	var raw struct {
		Srmkit       string `json:"srmkit"`
		Organization string `json:"organization"`
		Scope        struct {
			Provider srm.Provider `json:"provider"`
			Services []string     `json:"services"`
		} `json:"scope"`
		Controls    []any           `json:"controls"`
		Assignments []Assignment    `json:"assignments"`
		Mappings    []Mapping       `json:"mappings"`
		Exclusions  []NotApplicable `json:"exclusions"`
	}
	if err := doc.Decode(&raw); err != nil {
		return nil, schema.ErrorList{{File: doc.File, Msg: err.Error(), Err: schema.ErrSchema}}
	}
	controls, err := srm.DecodeControls(doc, "/controls")
	if err != nil {
		return nil, err
	}
	return &Overlay{File: doc.File, Organization: raw.Organization, Provider: raw.Scope.Provider, Services: raw.Scope.Services,
		Controls: controls, Assignments: raw.Assignments, Mappings: raw.Mappings, Exclusions: raw.Exclusions, doc: doc}, nil
}

func (o *Overlay) at(ptr string) string {
	line, col := o.doc.Position(ptr)
	return fmt.Sprintf("%s:%d:%d", o.File, line, col)
}

// New returns the built-in catalog with the overlays merged onto it.
func New(overlays ...*Overlay) (*Catalog, error) {
	return Default().With(overlays...)
}

// With returns a new catalog: c with the overlays merged onto it, in the order of their file
// names. Every problem in every overlay is reported at once — unknown controls, frameworks,
// clauses or services, custom ids that collide with existing ones, and overlays that disagree
// (naming both places). On error c is unchanged and no catalog is returned.
func (c *Catalog) With(overlays ...*Overlay) (*Catalog, error) {
	if len(overlays) == 0 {
		return c, nil
	}
	for _, o := range overlays {
		if o == nil || o.doc == nil {
			return nil, errNoOverlay
		}
	}
	ovs := slices.Clone(overlays)
	sort.SliceStable(ovs, func(i, j int) bool { return ovs[i].File < ovs[j].File })
	var errs schema.ErrorList

	// The organisation's own controls join a new model.
	var services []srm.Service
	for s := range c.model.Services() {
		services = append(services, s)
	}
	var controls []srm.Control
	for ctl := range c.model.Controls() {
		controls = append(controls, ctl)
	}
	customAt := map[srm.ControlID]string{}
	for _, o := range ovs {
		errs = append(errs, c.model.CheckControls(o.doc, "/controls", o.Controls, func(id srm.ControlID) (string, bool) {
			if _, ok := c.model.Index(id); ok {
				return "in the built-in catalog", true
			}
			for k := range customAt {
				if strings.EqualFold(string(k), string(id)) {
					return "at " + customAt[k], true
				}
			}
			return "", false
		})...)
		for i, ctl := range o.Controls {
			if _, clash := c.model.Index(ctl.ID); clash {
				continue
			}
			if _, dup := customAt[ctl.ID]; dup {
				continue
			}
			customAt[ctl.ID] = o.at("/controls/" + strconv.Itoa(i) + "/id")
			controls = append(controls, ctl)
		}
	}
	model, err := srm.NewModel(services, controls)
	if err != nil {
		if len(errs) == 0 {
			errs = append(errs, &schema.Error{File: ovs[0].File, Msg: err.Error(), Err: err})
		}
		errs.Sort()
		return nil, errs
	}

	out := &Catalog{fws: c.fws, fwIdx: c.fwIdx, model: model, tables: c.tables, org: c.org, scope: c.scope, hasScope: c.hasScope,
		assign: maps(c.assign), overlays: append(slices.Clone(c.overlays), ovs...)}
	known := func(id srm.ControlID) bool { _, ok := model.Index(id); return ok }

	// Organisation and scope.
	orgAt := ""
	for _, o := range ovs {
		if o.Organization == "" {
			continue
		}
		if out.org != "" && out.org != o.Organization {
			where := orgAt
			if where == "" {
				where = "an earlier catalog"
			}
			errs = append(errs, o.doc.Errorf("/organization", ErrConflict, "organization %q differs from %q at %s", o.Organization, out.org, where))
			continue
		}
		out.org, orgAt = o.Organization, o.at("/organization")
	}
	var scopeIDs []string
	for _, o := range ovs {
		for i, s := range o.Services {
			if _, ok := model.Service(s); !ok {
				errs = append(errs, o.doc.Errorf("/scope/services/"+strconv.Itoa(i), srm.ErrUnknownService, "unknown service %q", s))
				continue
			}
			if !slices.Contains(scopeIDs, s) {
				scopeIDs = append(scopeIDs, s)
			}
		}
		if o.Provider != "" && o.Provider != srm.AWS {
			errs = append(errs, o.doc.Errorf("/scope/provider", srm.ErrUnknownService, "srmkit has no service data for provider %s yet", o.Provider))
		}
	}
	if len(scopeIDs) > 0 {
		s, err := model.Scope(scopeIDs...)
		if err == nil {
			out.scope, out.hasScope = s, true
		}
	}

	// Assignments.
	assignAt := map[srm.ControlID]string{}
	for _, o := range ovs {
		for i, a := range o.Assignments {
			at := "/assignments/" + strconv.Itoa(i)
			if !known(a.Control) {
				errs = append(errs, o.doc.Errorf(at+"/control", ErrUnknownControl, "unknown control %q%s", a.Control, suggest(model, a.Control)))
				continue
			}
			if prev, dup := assignAt[a.Control]; dup {
				errs = append(errs, o.doc.Errorf(at+"/control", ErrConflict, "control %s is already assigned at %s", a.Control, prev))
				continue
			}
			assignAt[a.Control] = o.at(at + "/control")
			out.assign[a.Control] = a
		}
	}

	// Mappings, checked against the merged model; kept per framework as extra tables.
	seen := map[edge]string{}
	for _, m := range c.maps {
		seen[edge{m.Control, m.Framework, m.Clause}] = "the built-in mappings"
	}
	extra := map[frameworks.ID]*Table{}
	var extraOrder []frameworks.ID
	for _, o := range ovs {
		for i, m := range o.Mappings {
			at := "/mappings/" + strconv.Itoa(i)
			fw, ok := c.Framework(string(m.Framework))
			if !ok {
				errs = append(errs, o.doc.Errorf(at+"/framework", ErrUnknownFramework, "unknown framework %q (known: %s)", m.Framework, strings.Join(frameworks.Names(), ", ")))
				continue
			}
			m.Framework = fw.ID()
			if !known(m.Control) {
				errs = append(errs, o.doc.Errorf(at+"/control", ErrUnknownControl, "unknown control %q%s", m.Control, suggest(model, m.Control)))
			}
			if _, ok := fw.Clause(m.Clause); !ok {
				errs = append(errs, o.doc.Errorf(at+"/clause", ErrUnknownClause, "unknown clause %q in %s%s", m.Clause, fw.ID(), suggestClause(fw, m.Clause)))
				continue
			} else if !fw.IsLeaf(m.Clause) {
				errs = append(errs, o.doc.Errorf(at+"/clause", ErrNotLeaf, "clause %s has sub-clauses; map the most specific one", m.Clause))
				continue
			}
			e := edge{m.Control, fw.ID(), m.Clause}
			if prev, dup := seen[e]; dup {
				errs = append(errs, o.doc.Errorf(at, ErrConflict, "%s → %s %s is already mapped in %s", m.Control, fw.ID(), m.Clause, prev))
				continue
			}
			seen[e] = o.at(at)
			t, ok := extra[fw.ID()]
			if !ok {
				t = &Table{Framework: fw.ID(), overlay: true}
				extra[fw.ID()] = t
				extraOrder = append(extraOrder, fw.ID())
			}
			t.Mappings = append(t.Mappings, m)
		}
	}

	// Exclusions.
	out.excluded = maps(c.excluded)
	exclAt := map[clauseKey]string{}
	for _, o := range ovs {
		for i, x := range o.Exclusions {
			at := "/exclusions/" + strconv.Itoa(i)
			fw, ok := c.Framework(string(x.Framework))
			if !ok {
				errs = append(errs, o.doc.Errorf(at+"/framework", ErrUnknownFramework, "unknown framework %q (known: %s)", x.Framework, strings.Join(frameworks.Names(), ", ")))
				continue
			}
			if _, ok := fw.Clause(x.Clause); !ok {
				errs = append(errs, o.doc.Errorf(at+"/clause", ErrUnknownClause, "unknown clause %q in %s%s", x.Clause, fw.ID(), suggestClause(fw, x.Clause)))
				continue
			}
			k := clauseKey{fw.ID(), x.Clause}
			if prev, dup := exclAt[k]; dup {
				errs = append(errs, o.doc.Errorf(at+"/clause", ErrConflict, "%s %s is already excluded at %s", fw.ID(), x.Clause, prev))
				continue
			}
			exclAt[k] = o.at(at + "/clause")
			x.Framework = fw.ID()
			out.excluded[k] = x
		}
	}
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}

	tables := slices.Clone(c.tables)
	for _, id := range extraOrder {
		tables = append(tables, extra[id])
	}
	built, err := Build(model, c.fws, tables, false)
	if err != nil {
		return nil, err
	}
	built.org, built.scope, built.hasScope, built.assign, built.excluded, built.overlays = out.org, out.scope, out.hasScope, out.assign, out.excluded, out.overlays
	built.exclLeaf = built.leafIndex(built.excluded)
	return built, nil
}

func maps[K comparable, V any](m map[K]V) map[K]V {
	out := make(map[K]V, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// suggest names the control an unknown id was probably meant to be (a case variant).
func suggest(m *srm.Model, id srm.ControlID) string {
	for ctl := range m.Controls() {
		if strings.EqualFold(string(ctl.ID), string(id)) {
			return fmt.Sprintf(" (did you mean %s?)", ctl.ID)
		}
	}
	return ""
}

func suggestClause(fw *frameworks.Framework, id string) string {
	for c := range fw.Clauses() {
		if strings.EqualFold(c.ID, id) || strings.ReplaceAll(c.ID, " ", "") == strings.ReplaceAll(id, " ", "") {
			return fmt.Sprintf(" (did you mean %s?)", c.ID)
		}
	}
	return ""
}

// errNoOverlay is returned for a nil overlay or one not made by LoadOverlay or ParseOverlay.
var errNoOverlay = errors.New("mapping: overlay was not loaded with LoadOverlay or ParseOverlay")
