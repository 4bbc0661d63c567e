package mapping

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/srmkit/srmkit/frameworks"
	"github.com/srmkit/srmkit/schema/diag"
	"github.com/srmkit/srmkit/srm"
)

// Overlay is an organisation's additions to a catalog: its own controls, the owner and status of
// controls, extra mappings and clause exclusions, and the services it uses. Build one in code or
// read one from an overlay/v1 document with the mapping/load package; [Catalog.With] and [New]
// check either kind the same way, when they merge it, so an overlay changed after loading is
// checked as it now is. The catalog keeps copies: changing an overlay after merging it changes
// nothing.
type Overlay struct {
	// Name identifies the overlay in messages and orders several overlays; a loaded overlay's
	// file name.
	Name         string
	Organization string
	// Provider is the provider of the service ids in Services written without a prefix; empty
	// means AWS. Ids with a prefix (azure/app-service) name their own provider, so one overlay
	// may use several.
	Provider srm.Provider
	Services []string // the services in use; empty means not said
	// Frameworks narrows frameworks to profiles, as [Catalog.Narrow] does; frameworks not
	// listed keep the narrowing of the catalog the overlay is merged onto.
	Frameworks  []frameworks.Selection
	Controls    []srm.Control
	Assignments []Assignment
	// Mappings name their framework by its canonical id; loaders resolve the aliases a file may
	// use.
	Mappings   []Mapping
	Exclusions []NotApplicable
	// Source is the document the overlay was read from, to position problems; nil for an
	// overlay built in code, whose problems are named after Name and a JSON Pointer.
	Source diag.Locator
}

func (o *Overlay) name() string {
	if o.Name != "" {
		return o.Name
	}
	return "overlay"
}

func (o *Overlay) errAt(ptr string, cause error, format string, args ...any) *diag.Error {
	return diag.At(o.Source, o.name(), ptr, cause, format, args...)
}

func (o *Overlay) at(ptr string) string { return diag.Where(o.Source, o.name(), ptr) }

// New returns the built-in catalog with the overlays merged onto it.
func New(overlays ...*Overlay) (*Catalog, error) {
	return Default().With(overlays...)
}

// With returns a new catalog: c with the overlays merged onto it, in the order of their names.
// Every problem in every overlay is reported at once — unknown controls, frameworks, clauses or
// services (with a suggestion), invalid values (a status, relationship, strength or control field
// outside what it allows, a missing reason), custom ids that collide with existing ones, and
// overlays that disagree, naming both places. On error c is unchanged and no catalog is returned.
func (c *Catalog) With(overlays ...*Overlay) (*Catalog, error) {
	if len(overlays) == 0 {
		return c, nil
	}
	for i, o := range overlays {
		if o == nil {
			return nil, fmt.Errorf("%w: overlay %d is nil", ErrInvalid, i)
		}
	}
	// Overlays add to the data, which is the same whatever the profiles: merge onto the whole
	// catalog, then narrow the result as c is narrowed, with the overlays' own selections on top.
	views := slices.Clone(c.fws)
	c = c.whole()
	ovs := slices.Clone(overlays)
	sort.SliceStable(ovs, func(i, j int) bool { return ovs[i].Name < ovs[j].Name })
	var errs diag.ErrorList

	// The organisation's own controls join a model that shares the catalog's services, so that
	// scopes built from either serve both.
	var custom []srm.Control
	customAt := map[srm.ControlID]string{}
	for _, o := range ovs {
		for i := range o.Controls {
			errs = append(errs, checkControlValue(o, "/controls/"+strconv.Itoa(i), &o.Controls[i])...)
		}
		errs = append(errs, c.model.CheckControls(o.Source, o.name(), "/controls", o.Controls, func(id srm.ControlID) (string, bool) {
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
			ctl = ctl.Clone()
			for k := range ctl.Evidence {
				if ctl.Evidence[k].ID == "" {
					ctl.Evidence[k].ID = string(ctl.ID) + "-E" + strconv.Itoa(k+1)
				}
			}
			custom = append(custom, ctl)
		}
	}
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	model, err := c.model.WithControls(custom)
	if err != nil {
		return nil, diag.ErrorList{{File: ovs[0].name(), Msg: err.Error(), Err: err}}
	}

	out := &Catalog{fws: c.fws, fwIdx: c.fwIdx, model: model, tables: c.tables, org: c.org, scope: c.scope, hasScope: c.hasScope,
		assign: maps(c.assign)}
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
			errs = append(errs, o.errAt("/organization", ErrConflict, "organization %q differs from %q at %s", o.Organization, out.org, where))
			continue
		}
		out.org, orgAt = o.Organization, o.at("/organization")
	}
	var scopeIDs []string
	for _, o := range ovs {
		for i, s := range o.Services {
			if o.Provider != "" && !strings.Contains(s, "/") {
				s = string(o.Provider) + "/" + s
			}
			if sv, ok := model.Service(s); ok {
				s = sv.ID
			} else {
				_, err := model.Scope(s)
				errs = append(errs, o.errAt("/scope/services/"+strconv.Itoa(i), srm.ErrUnknownService, "%v", err))
				continue
			}
			if !slices.Contains(scopeIDs, s) {
				scopeIDs = append(scopeIDs, s)
			}
		}
		if err := validEnum(o.Provider); o.Provider != "" && err != nil {
			errs = append(errs, o.errAt("/scope/provider", ErrInvalid, "%v", err))
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
			if a.Status != "" {
				if err := validEnum(a.Status); err != nil {
					errs = append(errs, o.errAt(at+"/status", ErrInvalid, "%v", err))
				}
			}
			if a.Status == StatusNA && strings.TrimSpace(a.Justification) == "" {
				errs = append(errs, o.errAt(at+"/justification", ErrInvalid, "a control marked not-applicable needs a justification"))
			}
			if !known(a.Control) {
				errs = append(errs, o.errAt(at+"/control", ErrUnknownControl, "unknown control %q%s", a.Control, suggest(model, a.Control)))
				continue
			}
			if prev, dup := assignAt[a.Control]; dup {
				errs = append(errs, o.errAt(at+"/control", ErrConflict, "control %s is already assigned at %s", a.Control, prev))
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
			errs = append(errs, checkMappingValue(m, func(ptr string, cause error, format string, args ...any) *diag.Error {
				return o.errAt(at+ptr, cause, format, args...)
			})...)
			fw, err := c.lookup(m.Framework)
			if err != nil {
				errs = append(errs, o.errAt(at+"/framework", ErrUnknownFramework, "%v", err))
				continue
			}
			if !known(m.Control) {
				errs = append(errs, o.errAt(at+"/control", ErrUnknownControl, "unknown control %q%s", m.Control, suggest(model, m.Control)))
			}
			if _, ok := fw.Clause(m.Clause); !ok {
				errs = append(errs, o.errAt(at+"/clause", ErrUnknownClause, "unknown clause %q in %s%s", m.Clause, fw.ID(), suggestClause(fw, m.Clause)))
				continue
			} else if !fw.IsLeaf(m.Clause) {
				errs = append(errs, o.errAt(at+"/clause", ErrNotLeaf, "clause %s has sub-clauses; map the most specific one", m.Clause))
				continue
			}
			e := edge{m.Control, fw.ID(), m.Clause}
			if prev, dup := seen[e]; dup {
				errs = append(errs, o.errAt(at, ErrConflict, "%s → %s %s is already mapped in %s", m.Control, fw.ID(), m.Clause, prev))
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
			if strings.TrimSpace(x.Reason) == "" {
				errs = append(errs, o.errAt(at+"/reason", ErrInvalid, "an exclusion needs the reason an auditor will read"))
			}
			fw, err := c.lookup(x.Framework)
			if err != nil {
				errs = append(errs, o.errAt(at+"/framework", ErrUnknownFramework, "%v", err))
				continue
			}
			if _, ok := fw.Clause(x.Clause); !ok {
				errs = append(errs, o.errAt(at+"/clause", ErrUnknownClause, "unknown clause %q in %s%s", x.Clause, fw.ID(), suggestClause(fw, x.Clause)))
				continue
			}
			k := clauseKey{fw.ID(), x.Clause}
			if prev, dup := exclAt[k]; dup {
				errs = append(errs, o.errAt(at+"/clause", ErrConflict, "%s %s is already excluded at %s", fw.ID(), x.Clause, prev))
				continue
			}
			exclAt[k] = o.at(at + "/clause")
			x.Framework = fw.ID()
			out.excluded[k] = x
		}
	}

	// Selections.
	selAt := map[frameworks.ID]string{}
	for _, o := range ovs {
		for i, s := range o.Frameworks {
			at := "/scope/frameworks/" + strconv.Itoa(i)
			f, err := c.lookup(s.Framework)
			if err != nil {
				errs = append(errs, o.errAt(at, ErrUnknownFramework, "%v", err))
				continue
			}
			n, err := f.Narrow(s.Profiles...)
			if err != nil {
				errs = append(errs, o.errAt(at, err, "%v", err))
				continue
			}
			fi := c.fwIdx[f.ID()]
			if prev, dup := selAt[f.ID()]; dup && !slices.Equal(views[fi].Selected(), n.Selected()) {
				errs = append(errs, o.errAt(at, ErrConflict, "%s is selected as %s at %s", s, views[fi].Selection(), prev))
				continue
			}
			selAt[f.ID()] = o.at(at)
			views[fi] = n
		}
	}
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}

	tables := slices.Clip(c.tables)
	if c.builtin {
		tables = builtinTables()
	}
	for _, id := range extraOrder {
		tables = append(tables, extra[id])
	}
	built, err := Build(model, c.fws, tables, false)
	if err != nil {
		return nil, err
	}
	built.org, built.scope, built.hasScope, built.assign, built.excluded = out.org, out.scope, out.hasScope, out.assign, out.excluded
	if anyNarrowed(views) {
		return built.withFrameworks(views), nil
	}
	return built, nil
}

func maps[K comparable, V any](m map[K]V) map[K]V {
	out := make(map[K]V, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// suggest names the control an unknown id was probably meant to be.
func suggest(m *srm.Model, id srm.ControlID) string {
	return diag.Suggest(string(id), func(yield func(string) bool) {
		for cur := range m.IDs() {
			if !yield(string(cur)) {
				return
			}
		}
	})
}

// suggestClause names the clause an unknown id was probably meant to be.
func suggestClause(fw *frameworks.Framework, id string) string {
	return diag.Suggest(id, func(yield func(string) bool) {
		for c := range fw.Clauses() {
			if !yield(c.ID) {
				return
			}
		}
	})
}

// checkControlValue checks the fields of an organisation's control that its schema constrains,
// so that a control built in code or edited after loading meets the same rules as one read
// from a file.
func checkControlValue(o *Overlay, at string, c *srm.Control) diag.ErrorList {
	var errs diag.ErrorList
	bad := func(ptr string, format string, args ...any) {
		errs = append(errs, o.errAt(at+ptr, ErrInvalid, format, args...))
	}
	enum := func(ptr string, err error) {
		if err != nil {
			bad(ptr, "%v", err)
		}
	}
	if !controlID(string(c.ID)) {
		bad("/id", "control id %q is not DOMAIN-NN (2 to 10 capitals or digits, a hyphen, 2 or 3 digits)", c.ID)
	}
	if len(strings.TrimSpace(c.Title)) < 3 {
		bad("/title", "a control needs a title")
	}
	enum("/type", validEnum(c.Type))
	enum("/domain", validEnum(c.Domain))
	for i, l := range c.Layers {
		enum("/layers/"+strconv.Itoa(i), validEnum(l))
	}
	for i, t := range c.Tiers {
		enum("/applies_to/tiers/"+strconv.Itoa(i), validEnum(t))
	}
	if len(c.Evidence) == 0 {
		bad("/evidence", "a control needs at least one evidence item")
	}
	for i, e := range c.Evidence {
		ea := "/evidence/" + strconv.Itoa(i)
		if len(strings.TrimSpace(e.Description)) < 5 {
			bad(ea+"/description", "an evidence item needs a description")
		}
		if e.Artifact != "" {
			enum(ea+"/artifact", validEnum(e.Artifact))
		}
		enum(ea+"/collection", validEnum(e.Collection))
		enum(ea+"/frequency", validEnum(e.Frequency))
		if len(e.Sources) == 0 {
			bad(ea+"/sources", "an evidence item needs at least one source")
		}
		for j, src := range e.Sources {
			sa := ea + "/sources/" + strconv.Itoa(j)
			enum(sa+"/kind", validEnum(src.Kind))
			if strings.TrimSpace(src.Ref) == "" {
				bad(sa+"/ref", "a source needs a reference")
			}
		}
	}
	return errs
}

// controlID matches ^[A-Z][A-Z0-9]{1,9}-[0-9]{2,3}$, the schema's pattern for control ids.
func controlID(s string) bool {
	dash := strings.IndexByte(s, '-')
	if dash < 2 || dash > 10 || s[0] < 'A' || s[0] > 'Z' {
		return false
	}
	for _, r := range s[1:dash] {
		if (r < 'A' || r > 'Z') && (r < '0' || r > '9') {
			return false
		}
	}
	digits := s[dash+1:]
	if len(digits) < 2 || len(digits) > 3 {
		return false
	}
	for _, r := range digits {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
