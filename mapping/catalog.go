package mapping

import (
	"cmp"
	"fmt"
	"iter"
	"slices"
	"strconv"
	"sync"

	"github.com/srmkit/srmkit/frameworks"
	"github.com/srmkit/srmkit/schema"
	"github.com/srmkit/srmkit/srm"
)

// Catalog joins the shared responsibility model, the framework catalogs and the mappings
// between them, and answers queries over them. It is immutable and safe for concurrent use;
// overlays produce new catalogs and never change an existing one.
type Catalog struct {
	model *srm.Model
	fws   []*frameworks.Framework
	fwIdx map[frameworks.ID]int

	maps     []Mapping // every mapping, by framework, clause position, strength
	mapCtl   []int32   // the model index of each mapping's control
	tables   []*Table  // as given, for export
	na       map[clauseKey]NotApplicable
	excluded map[clauseKey]NotApplicable // the organisation's exclusions
	// byClause lists, for every clause at every level, the mappings of the leaves below it,
	// as ready-made matches that only lack the scope's responsibility.
	byClause  map[clauseKey][]entry
	byControl map[srm.ControlID][]int32
	titles    []string // control titles by model index
	// naLeaf and exclLeaf hold, for every leaf clause, the built-in not-applicable entry or
	// the organisation's exclusion that covers it (directly or through an ancestor).
	naLeaf   map[clauseKey]NotApplicable
	exclLeaf map[clauseKey]NotApplicable

	org      string
	scope    srm.Scope
	hasScope bool
	assign   map[srm.ControlID]Assignment
	overlays []*Overlay
}

// Default returns the catalog built into the package. Safe for concurrent use.
func Default() *Catalog { return defaultCatalog() }

var defaultCatalog = sync.OnceValue(func() *Catalog {
	var fws []*frameworks.Framework
	for f := range frameworks.All() {
		fws = append(fws, f)
	}
	c, err := Build(srm.Default(), fws, builtinTables(), true)
	if err != nil {
		panic("mapping: built-in data is inconsistent: " + err.Error()) // checked when generated and in tests
	}
	return c
})

func builtinTables() []*Table {
	byFw := map[frameworks.ID]*Table{}
	var out []*Table
	get := func(id frameworks.ID) *Table {
		t, ok := byFw[id]
		if !ok {
			t = &Table{Framework: id}
			byFw[id] = t
			out = append(out, t)
		}
		return t
	}
	for _, m := range builtinMappings {
		t := get(m.Framework)
		t.Mappings = append(t.Mappings, m)
	}
	for _, n := range builtinNotApplicable {
		t := get(n.Framework)
		t.NotApplicable = append(t.NotApplicable, n)
	}
	return out
}

// Build joins a model, frameworks and mapping tables into a catalog, checking that every
// mapping names a known control and a leaf clause, that no edge repeats, and, when complete is
// set, that every leaf clause of every framework is mapped or marked not applicable. Every
// problem is reported at once, positioned in the table's document when it came from one.
func Build(model *srm.Model, fws []*frameworks.Framework, tables []*Table, complete bool) (*Catalog, error) {
	c := &Catalog{model: model, fws: fws, fwIdx: map[frameworks.ID]int{}, tables: tables,
		na: map[clauseKey]NotApplicable{}, excluded: map[clauseKey]NotApplicable{}, assign: map[srm.ControlID]Assignment{}}
	for i, f := range fws {
		c.fwIdx[f.ID()] = i
	}
	var errs schema.ErrorList
	seen := map[edge]string{}
	for _, t := range tables {
		fw, ok := c.framework(t.Framework)
		if !ok {
			errs = append(errs, errAt(t.doc, "/framework", ErrUnknownFramework, "unknown framework %q", t.Framework))
			continue
		}
		for i, m := range t.Mappings {
			errs = append(errs, c.checkMapping(fw, m, t.doc, "/mappings/"+strconv.Itoa(i), seen)...)
			c.maps = append(c.maps, m)
		}
		for i, n := range t.NotApplicable {
			at := "/not_applicable/" + strconv.Itoa(i) + "/clause"
			if _, ok := fw.Clause(n.Clause); !ok {
				errs = append(errs, errAt(t.doc, at, ErrUnknownClause, "unknown clause %q in %s", n.Clause, fw.ID()))
				continue
			}
			k := clauseKey{fw.ID(), n.Clause}
			if _, dup := c.na[k]; dup {
				errs = append(errs, errAt(t.doc, at, ErrDuplicateEdge, "clause %s is marked not applicable twice", n.Clause))
				continue
			}
			c.na[k] = n
		}
	}
	if complete && len(errs) == 0 {
		errs = append(errs, c.checkComplete()...)
	}
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	c.index()
	return c, nil
}

func (c *Catalog) framework(id frameworks.ID) (*frameworks.Framework, bool) {
	i, ok := c.fwIdx[id]
	if !ok {
		return nil, false
	}
	return c.fws[i], true
}

func (c *Catalog) checkMapping(fw *frameworks.Framework, m Mapping, doc *schema.Document, at string, seen map[edge]string) schema.ErrorList {
	var errs schema.ErrorList
	if _, ok := c.model.Index(m.Control); !ok {
		errs = append(errs, errAt(doc, at+"/control", ErrUnknownControl, "unknown control %q", m.Control))
	}
	if _, ok := fw.Clause(m.Clause); !ok {
		errs = append(errs, errAt(doc, at+"/clause", ErrUnknownClause, "unknown clause %q in %s", m.Clause, fw.ID()))
	} else if !fw.IsLeaf(m.Clause) {
		errs = append(errs, errAt(doc, at+"/clause", ErrNotLeaf, "clause %s has sub-clauses; map the most specific one", m.Clause))
	}
	e := edge{m.Control, fw.ID(), m.Clause}
	where := at
	if doc != nil {
		line, col := doc.Position(at)
		where = fmt.Sprintf("%s:%d:%d", doc.File, line, col)
	}
	if prev, dup := seen[e]; dup {
		errs = append(errs, errAt(doc, at, ErrDuplicateEdge, "%s → %s %s is already mapped at %s", m.Control, fw.ID(), m.Clause, prev))
	} else {
		seen[e] = where
	}
	return errs
}

// notApplicable finds the not-applicable entry covering a clause, itself or an ancestor.
func (c *Catalog) notApplicable(fw *frameworks.Framework, id string, m map[clauseKey]NotApplicable) (NotApplicable, bool) {
	if n, ok := m[clauseKey{fw.ID(), id}]; ok {
		return n, true
	}
	for a := range fw.Ancestors(id) {
		if n, ok := m[clauseKey{fw.ID(), a.ID}]; ok {
			return n, true
		}
	}
	return NotApplicable{}, false
}

func (c *Catalog) checkComplete() schema.ErrorList {
	mapped := map[clauseKey]bool{}
	for _, m := range c.maps {
		if m.Relationship != NoRelationship {
			mapped[clauseKey{m.Framework, m.Clause}] = true
		}
	}
	var errs schema.ErrorList
	for _, fw := range c.fws {
		for leaf := range fw.Leaves() {
			_, na := c.notApplicable(fw, leaf.ID, c.na)
			if !mapped[clauseKey{fw.ID(), leaf.ID}] && !na {
				errs = append(errs, &schema.Error{File: "mapping/data", Path: string(fw.ID()) + "/" + leaf.ID, Msg: fmt.Sprintf("%s %s is neither mapped to a control nor marked not applicable", fw.ID(), leaf.ID), Err: ErrUnaccounted})
			}
		}
	}
	return errs
}

// index sorts the mappings and builds the lookup tables the queries use.
func (c *Catalog) index() {
	pos := func(m *Mapping) int {
		fw, _ := c.framework(m.Framework)
		p, _ := fw.Position(m.Clause)
		return p
	}
	slices.SortStableFunc(c.maps, func(a, b Mapping) int {
		return cmp.Or(
			cmp.Compare(c.fwIdx[a.Framework], c.fwIdx[b.Framework]),
			cmp.Compare(pos(&a), pos(&b)),
			cmp.Compare(b.Strength, a.Strength),
			cmp.Compare(a.Control, b.Control),
		)
	})
	c.mapCtl = make([]int32, len(c.maps))
	c.byClause = map[clauseKey][]entry{}
	c.byControl = map[srm.ControlID][]int32{}
	for i := range c.maps {
		m := &c.maps[i]
		ci, _ := c.model.Index(m.Control)
		c.mapCtl[i] = int32(ci)
		c.byControl[m.Control] = append(c.byControl[m.Control], int32(i))
	}
	_, n := c.model.Len()
	c.titles = make([]string, n)
	i := 0
	for ctl := range c.model.Controls() {
		c.titles[i] = ctl.Title
		i++
	}
	for i := range c.maps {
		m := &c.maps[i]
		if m.Relationship == NoRelationship {
			continue
		}
		fw, _ := c.framework(m.Framework)
		ci := c.mapCtl[i]
		e := entry{ctl: ci, m: Match{Control: m.Control, Title: c.titles[ci], Framework: m.Framework, Clause: m.Clause,
			Relationship: m.Relationship, Strength: m.Strength, Coverage: m.Relationship.Coverage(), Rationale: m.Rationale}}
		k := clauseKey{m.Framework, m.Clause}
		c.byClause[k] = append(c.byClause[k], e)
		for a := range fw.Ancestors(m.Clause) {
			ka := clauseKey{m.Framework, a.ID}
			c.byClause[ka] = append(c.byClause[ka], e)
		}
	}
	c.naLeaf = c.leafIndex(c.na)
	c.exclLeaf = c.leafIndex(c.excluded)
}

// entry is a mapping ready to be yielded by Satisfying.
type entry struct {
	ctl int32 // the control's model index
	m   Match
}

func (c *Catalog) leafIndex(m map[clauseKey]NotApplicable) map[clauseKey]NotApplicable {
	out := map[clauseKey]NotApplicable{}
	if len(m) == 0 {
		return out
	}
	for _, f := range c.fws {
		for leaf := range f.Leaves() {
			if n, ok := c.notApplicable(f, leaf.ID, m); ok {
				out[clauseKey{f.ID(), leaf.ID}] = n
			}
		}
	}
	return out
}

// Model returns the shared responsibility model behind the catalog, including an
// organisation's own controls.
func (c *Catalog) Model() *srm.Model { return c.model }

// Frameworks yields the frameworks in the catalog, in order.
func (c *Catalog) Frameworks() iter.Seq[*frameworks.Framework] {
	return func(yield func(*frameworks.Framework) bool) {
		for _, f := range c.fws {
			if !yield(f) {
				return
			}
		}
	}
}

// Framework finds a framework by id or alias.
func (c *Catalog) Framework(name string) (*frameworks.Framework, bool) {
	if f, ok := c.framework(frameworks.ID(name)); ok {
		return f, true
	}
	if id, ok := frameworks.Resolve(name); ok {
		return c.framework(id)
	}
	return nil, false
}

// Scope builds a scope from service ids; with none it is the overlay's scope when one set it,
// or every service.
func (c *Catalog) Scope(services ...string) (srm.Scope, error) {
	if len(services) == 0 && c.hasScope {
		return c.scope, nil
	}
	return c.model.Scope(services...)
}

// Organization is the organisation named by the overlays, if any.
func (c *Catalog) Organization() string { return c.org }

// Assignment returns the organisation's owner and status for a control.
func (c *Catalog) Assignment(id srm.ControlID) (Assignment, bool) {
	a, ok := c.assign[id]
	return a, ok
}

// Match is a control that satisfies (part of) a clause in a scope.
type Match struct {
	Control        srm.ControlID
	Title          string
	Framework      frameworks.ID
	Clause         string // the leaf clause the control is mapped to
	Relationship   Relationship
	Strength       int
	Coverage       Coverage
	Responsibility srm.Responsibility
	Rationale      string
}

// Satisfying yields the controls that satisfy a clause for the services in scope, strongest
// first; for a clause with children (a CSF category, an ISO theme, a TSC series, a GDPR
// article) it yields the mappings of every leaf below it, in document order. Controls that do
// not apply in scope, that the organisation marked not applicable, and no-relationship records
// are left out. The lookup allocates nothing.
func (c *Catalog) Satisfying(fw frameworks.ID, clause string, scope srm.Scope) iter.Seq[Match] {
	entries := c.byClause[clauseKey{fw, clause}]
	return func(yield func(Match) bool) {
		for i := range entries {
			e := &entries[i]
			resp, ok := c.model.ResponsibilityAt(int(e.ctl), &scope)
			if !ok || (len(c.assign) > 0 && c.dropped(e.m.Control)) {
				continue
			}
			m := e.m
			m.Responsibility = resp
			if !yield(m) {
				return
			}
		}
	}
}

// dropped reports whether the organisation marked the control not applicable.
func (c *Catalog) dropped(id srm.ControlID) bool {
	a, ok := c.assign[id]
	return ok && a.Status == StatusNA
}

// Clauses yields every clause a control is mapped to, in every framework, in framework and
// document order.
func (c *Catalog) Clauses(id srm.ControlID) iter.Seq[Mapping] {
	idx := c.byControl[id]
	return func(yield func(Mapping) bool) {
		for _, i := range idx {
			if !yield(c.maps[i]) {
				return
			}
		}
	}
}

// Mappings yields every mapping in the catalog.
func (c *Catalog) Mappings() iter.Seq[Mapping] {
	return func(yield func(Mapping) bool) {
		for _, m := range c.maps {
			if !yield(m) {
				return
			}
		}
	}
}

// ClauseStatus is one leaf clause's standing for a scope.
type ClauseStatus struct {
	Framework frameworks.ID
	Clause    string
	Title     string
	Status    Status
	Reason    string          // why the clause is not applicable
	Controls  []srm.ControlID // the controls behind the status, strongest first
}

// Coverage yields the status of every leaf clause of a framework for the services in scope:
// not-applicable (built-in or the organisation's exclusion, with the reason), gap when no
// control in scope satisfies it, inherited when only the provider's controls do, customer when
// only the organisation's do, and shared otherwise.
func (c *Catalog) Coverage(fw frameworks.ID, scope srm.Scope) iter.Seq[ClauseStatus] {
	return func(yield func(ClauseStatus) bool) {
		f, ok := c.framework(fw)
		if !ok {
			return
		}
		for leaf := range f.Leaves() {
			if !yield(c.status(f, leaf, scope)) {
				return
			}
		}
	}
}

func (c *Catalog) status(f *frameworks.Framework, leaf frameworks.Clause, scope srm.Scope) ClauseStatus {
	st := ClauseStatus{Framework: f.ID(), Clause: leaf.ID, Title: leaf.Title}
	if n, ok := c.exclLeaf[clauseKey{f.ID(), leaf.ID}]; ok {
		st.Status, st.Reason = StatusNotApplicable, n.Reason
		return st
	}
	if n, ok := c.naLeaf[clauseKey{f.ID(), leaf.ID}]; ok {
		st.Status, st.Reason = StatusNotApplicable, n.Reason
		return st
	}
	var cust, prov, shared bool
	for m := range c.Satisfying(f.ID(), leaf.ID, scope) {
		if slices.Contains(st.Controls, m.Control) {
			continue
		}
		st.Controls = append(st.Controls, m.Control)
		switch m.Responsibility {
		case srm.RespCustomer:
			cust = true
		case srm.RespInherited:
			prov = true
		default:
			shared = true
		}
	}
	switch {
	case len(st.Controls) == 0:
		st.Status = StatusGap
	case shared || (cust && prov):
		st.Status = StatusShared
	case prov:
		st.Status = StatusInherited
	default:
		st.Status = StatusCustomer
	}
	return st
}

// Pair is two clauses of different frameworks linked through the controls they share.
type Pair struct {
	From, To string
	Via      []srm.ControlID // the shared controls, in id order
	// Coverage is that of the best path, each path being as strong as its weaker link: full
	// only when some control fully covers both clauses.
	Coverage Coverage
}

// Crosswalk yields the clause pairs of two frameworks that share at least one control, in
// document order of from, then of to.
func (c *Catalog) Crosswalk(from, to frameworks.ID) iter.Seq[Pair] {
	return func(yield func(Pair) bool) {
		ff, ok1 := c.framework(from)
		ft, ok2 := c.framework(to)
		if !ok1 || !ok2 || from == to {
			return
		}
		type key struct{ a, b string }
		pairs := map[key]*Pair{}
		var order []key
		for ctl, idx := range c.byControl {
			for _, i := range idx {
				ma := &c.maps[i]
				if ma.Framework != from || ma.Relationship == NoRelationship {
					continue
				}
				for _, j := range idx {
					mb := &c.maps[j]
					if mb.Framework != to || mb.Relationship == NoRelationship {
						continue
					}
					k := key{ma.Clause, mb.Clause}
					p, ok := pairs[k]
					if !ok {
						p = &Pair{From: ma.Clause, To: mb.Clause, Coverage: None}
						pairs[k] = p
						order = append(order, k)
					}
					if !slices.Contains(p.Via, ctl) {
						p.Via = append(p.Via, ctl)
					}
					link := ma.Relationship.Coverage()
					if r := mb.Relationship.Coverage(); r.rank() < link.rank() {
						link = r
					}
					if link.rank() > p.Coverage.rank() {
						p.Coverage = link
					}
				}
			}
		}
		slices.SortFunc(order, func(x, y key) int {
			px, _ := ff.Position(x.a)
			py, _ := ff.Position(y.a)
			qx, _ := ft.Position(x.b)
			qy, _ := ft.Position(y.b)
			return cmp.Or(cmp.Compare(px, py), cmp.Compare(qx, qy))
		})
		for _, k := range order {
			p := pairs[k]
			slices.Sort(p.Via)
			if !yield(*p) {
				return
			}
		}
	}
}

// BuiltinNotApplicable returns the clauses the catalog's tables mark not applicable, in
// framework and document order.
func (c *Catalog) BuiltinNotApplicable() []NotApplicable {
	var out []NotApplicable
	for _, f := range c.fws {
		for cl := range f.Clauses() {
			if n, ok := c.na[clauseKey{f.ID(), cl.ID}]; ok {
				out = append(out, n)
			}
		}
	}
	return out
}
