package mapping

import (
	"cmp"
	"fmt"
	"iter"
	"slices"
	"strconv"
	"strings"
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
	judged   map[clauseKey]Completeness
	unmapped map[edge]Unmapped           // keyed by control and framework; clause empty
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
	c, err := Build(srm.Default(), fws, builtinTables(), false) // completeness was checked when the tables were generated
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
	for _, j := range builtinCompleteness {
		t := get(j.Framework)
		t.Completeness = append(t.Completeness, j)
	}
	for _, u := range builtinUnmapped {
		t := get(u.Framework)
		t.Unmapped = append(t.Unmapped, u)
	}
	return out
}

// Build joins a model, frameworks and mapping tables into a catalog, checking that every
// mapping names a known control and a leaf clause, that no edge repeats, that completeness
// judgements and unmapped notes agree with the mappings, and, when complete is set, that every
// leaf clause of every framework is mapped or marked not applicable, every mapped leaf carries
// a completeness judgement, and every control is mapped in every framework or marked unmapped
// there with a reason. Every problem is reported at once, positioned in the table's document
// when it came from one.
func Build(model *srm.Model, fws []*frameworks.Framework, tables []*Table, complete bool) (*Catalog, error) {
	c := &Catalog{model: model, fws: fws, fwIdx: map[frameworks.ID]int{}, tables: tables,
		na: map[clauseKey]NotApplicable{}, judged: map[clauseKey]Completeness{}, unmapped: map[edge]Unmapped{},
		excluded: map[clauseKey]NotApplicable{}, assign: map[srm.ControlID]Assignment{}}
	for i, f := range fws {
		c.fwIdx[f.ID()] = i
	}
	var errs schema.ErrorList
	seen := map[edge]string{}
	judgedAt := map[clauseKey]judgement{}
	unmappedAt := map[edge]judgement{}
	for _, t := range tables {
		fw, ok := c.framework(t.Framework)
		if !ok {
			errs = append(errs, errAt(t.doc, "/framework", ErrUnknownFramework, "unknown framework %q", t.Framework))
			continue
		}
		for i, m := range t.Mappings {
			if id, ok := model.Resolve(m.Control); ok {
				m.Control = id
			}
			errs = append(errs, c.checkMapping(fw, m, t.doc, "/mappings/"+strconv.Itoa(i), seen)...)
			c.maps = append(c.maps, m)
		}
		for i, j := range t.Completeness {
			at := "/clauses/" + strconv.Itoa(i) + "/clause"
			k := clauseKey{fw.ID(), j.Clause}
			_, dup := c.judged[k]
			_, exists := fw.Clause(j.Clause)
			switch {
			case !exists:
				errs = append(errs, errAt(t.doc, at, ErrUnknownClause, "unknown clause %q in %s", j.Clause, fw.ID()))
			case !fw.IsLeaf(j.Clause):
				errs = append(errs, errAt(t.doc, at, ErrNotLeaf, "clause %s has sub-clauses; judge its leaves", j.Clause))
			case dup:
				errs = append(errs, errAt(t.doc, at, ErrDuplicateEdge, "clause %s is judged twice", j.Clause))
			case (j.Coverage == Partial) != (j.Residual != "") || (j.Coverage != Full && j.Coverage != Partial):
				errs = append(errs, errAt(t.doc, at, ErrInconsistent, "clause %s: coverage must be full without a residual or partial with one", j.Clause))
			default:
				c.judged[k] = j
				judgedAt[k] = judgement{t.doc, "/clauses/" + strconv.Itoa(i)}
			}
		}
		for i, u := range t.Unmapped {
			at := "/unmapped/" + strconv.Itoa(i) + "/control"
			id, ok := model.Resolve(u.Control)
			if !ok {
				errs = append(errs, errAt(t.doc, at, ErrUnknownControl, "unknown control %q", u.Control))
				continue
			}
			u.Control = id
			k := edge{id, fw.ID(), ""}
			if _, dup := c.unmapped[k]; dup {
				errs = append(errs, errAt(t.doc, at, ErrDuplicateEdge, "control %s is marked unmapped twice in %s", id, fw.ID()))
				continue
			}
			c.unmapped[k] = u
			unmappedAt[k] = judgement{t.doc, at}
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
	if len(errs) == 0 {
		errs = append(errs, c.checkConsistent(tables, judgedAt, unmappedAt)...)
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

// judgement is where a completeness judgement or unmapped note was read.
type judgement struct {
	doc *schema.Document
	at  string
}

// checkConsistent checks judgements and unmapped notes against the mappings they were written
// with: a judged clause has a mapping that implements it, a clause some control meets in full
// (equal, superset-of) is not judged partial, and a control marked unmapped in a framework has
// no mapping there. An organisation's own mappings are left out: they may well link a control
// the built-in tables leave unmapped, and [Catalog.Coverage] weighs them itself.
func (c *Catalog) checkConsistent(tables []*Table, judgedAt map[clauseKey]judgement, unmappedAt map[edge]judgement) schema.ErrorList {
	implemented := map[clauseKey]Coverage{}
	mappedIn := map[edge]bool{}
	for _, t := range tables {
		if t.overlay {
			continue
		}
		for _, m := range t.Mappings {
			if id, ok := c.model.Resolve(m.Control); ok {
				m.Control = id
			}
			m.Framework = t.Framework
			c.noteMapping(m, implemented, mappedIn)
		}
	}
	var errs schema.ErrorList
	for k, j := range c.judged {
		at := judgedAt[k]
		switch cov, ok := implemented[k]; {
		case !ok:
			errs = append(errs, errAt(at.doc, at.at+"/clause", ErrInconsistent, "%s %s is judged but no control implements it", k.fw, k.clause))
		case cov == Full && j.Coverage == Partial:
			errs = append(errs, errAt(at.doc, at.at+"/coverage", ErrInconsistent, "%s %s is judged partial, yet a control is mapped to it as equal or superset-of", k.fw, k.clause))
		}
	}
	for k := range c.unmapped {
		if mappedIn[k] {
			at := unmappedAt[k]
			errs = append(errs, errAt(at.doc, at.at, ErrInconsistent, "control %s is marked unmapped in %s but is mapped there", k.control, k.fw))
		}
	}
	return errs
}

// noteMapping records that m maps its control in its framework and how far it covers its clause.
func (c *Catalog) noteMapping(m Mapping, implemented map[clauseKey]Coverage, mappedIn map[edge]bool) {
	if m.Relationship == NoRelationship {
		return
	}
	mappedIn[edge{m.Control, m.Framework, ""}] = true
	if m.Relationship.Implements() {
		k := clauseKey{m.Framework, m.Clause}
		if cov := m.Coverage(); cov.rank() > implemented[k].rank() {
			implemented[k] = cov
		}
	}
}

func (c *Catalog) checkComplete() schema.ErrorList {
	implements := map[clauseKey]Coverage{} // by a set-theory link
	mappedIn := map[edge]bool{}            // by any link but no-relationship
	for _, m := range c.maps {
		c.noteMapping(m, implements, mappedIn)
	}
	var errs schema.ErrorList
	for _, fw := range c.fws {
		for leaf := range fw.Leaves() {
			k := clauseKey{fw.ID(), leaf.ID}
			_, na := c.notApplicable(fw, leaf.ID, c.na)
			switch {
			case implements[k] == "" && !na:
				errs = append(errs, &schema.Error{File: "mapping/data", Path: string(fw.ID()) + "/" + leaf.ID, Msg: fmt.Sprintf("%s %s is neither implemented by a mapped control nor marked not applicable", fw.ID(), leaf.ID), Err: ErrUnaccounted})
			case implements[k] != "" && !na && c.judged[k].Coverage == "":
				errs = append(errs, &schema.Error{File: "mapping/data", Path: string(fw.ID()) + "/" + leaf.ID, Msg: fmt.Sprintf("%s %s has no completeness judgement (clauses: full, or partial with the residual)", fw.ID(), leaf.ID), Err: ErrUnjudged})
			}
		}
		for ctl := range c.model.Controls() {
			k := edge{ctl.ID, fw.ID(), ""}
			if _, ok := c.unmapped[k]; !ok && !mappedIn[k] {
				errs = append(errs, &schema.Error{File: "mapping/data", Path: string(fw.ID()) + "/" + string(ctl.ID), Msg: fmt.Sprintf("control %s is neither mapped in %s nor marked unmapped there with a reason", ctl.ID, fw.ID()), Err: ErrUnmappedControl})
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
// article) it yields the mappings of every leaf below it, in document order. Supportive links
// are included, with relationship [Supports] and coverage none: the clause depends on those
// controls without their implementing it. Controls that do not apply in scope, that the
// organisation marked not applicable, and no-relationship records are left out. The lookup
// allocates nothing.
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
	// Responsibility is who answers for the clause in scope, from the controls that implement
	// it there; empty when it is not applicable or no control in scope implements it.
	Responsibility srm.Responsibility
	Controls       []srm.ControlID // the controls in scope that implement it, strongest first
	Supporting     []srm.ControlID // the controls in scope it depends on without their implementing it
	Residual       string          // for partial: what the controls in scope leave out
	Reason         string          // for not-applicable: why
}

// Coverage yields the status of every leaf clause of a framework for the services in scope,
// in document order. A clause is not-applicable when the built-in data or the organisation
// excludes it (with the reason). Otherwise the controls in scope that implement it decide,
// leaving out those the organisation marked not applicable: with none in operation it is
// planned when some are planned and a gap otherwise; it is covered when the mapped controls
// meet it in full (as the data judges, or because one of them is mapped equal or superset-of)
// and every one in scope is in operation (implemented, or no status given),
// and partial otherwise, with the residual — what the data says no control addresses, and the
// controls only partly implemented, planned or not implemented. Responsibility is customer,
// inherited or shared as the implementing controls' responsibilities in scope combine.
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
	var operating int
	fullLink := false // an operating control is mapped equal or superset-of
	var partly, planned, missing []srm.ControlID
	for m := range c.Satisfying(f.ID(), leaf.ID, scope) {
		if !m.Relationship.Implements() {
			if !slices.Contains(st.Supporting, m.Control) {
				st.Supporting = append(st.Supporting, m.Control)
			}
			continue
		}
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
		switch c.assign[m.Control].Status {
		case Planned:
			planned = append(planned, m.Control)
		case NotImplemented:
			missing = append(missing, m.Control)
		case PartiallyImplemented:
			partly = append(partly, m.Control)
			operating++
		default:
			operating++
			fullLink = fullLink || m.Coverage == Full
		}
	}
	switch {
	case len(st.Controls) == 0:
	case shared || (cust && prov):
		st.Responsibility = srm.RespShared
	case prov:
		st.Responsibility = srm.RespInherited
	default:
		st.Responsibility = srm.RespCustomer
	}
	j, judged := c.judged[clauseKey{f.ID(), leaf.ID}]
	switch {
	case operating == 0 && len(planned) > 0:
		st.Status = StatusPlanned
		st.Residual = residual("", nil, planned, missing)
	case operating == 0:
		st.Status = StatusGap
		st.Residual = residual("", nil, nil, missing)
	case (fullLink || judged && j.Coverage == Full) && len(partly)+len(planned)+len(missing) == 0:
		st.Status = StatusCovered
	default:
		st.Status = StatusPartial
		data := j.Residual
		if !judged {
			data = "No judgement of completeness is recorded for this clause."
		}
		st.Residual = residual(data, partly, planned, missing)
	}
	return st
}

// residual joins what the data leaves out with the controls the organisation has not (fully)
// put in operation.
func residual(data string, partly, planned, missing []srm.ControlID) string {
	parts := make([]string, 0, 4)
	if data != "" {
		parts = append(parts, data)
	}
	for _, g := range []struct {
		ids  []srm.ControlID
		what string
	}{{partly, "partially implemented"}, {planned, "planned"}, {missing, "not implemented"}} {
		if len(g.ids) == 0 {
			continue
		}
		ids := make([]string, len(g.ids))
		for i, id := range g.ids {
			ids[i] = string(id)
		}
		verb := " is "
		if len(ids) > 1 {
			verb = " are "
		}
		parts = append(parts, strings.Join(ids, ", ")+verb+g.what+".")
	}
	return strings.Join(parts, " ")
}

// PairKind says how a crosswalk pair is derived.
type PairKind string

// Pair kinds.
const (
	// Direct pairs are linked by a control that implements (part of) both clauses.
	Direct PairKind = "direct"
	// Supportive pairs are linked only through a control that one of the clauses depends on
	// without the control implementing it.
	Supportive PairKind = "supportive"
)

// DefaultMinStrength is the strength a crosswalk path needs when no other threshold is asked
// for: both of its links must be at least this strong. Strength 4 marks a control that delivers
// a material but small part of a clause; the tables hold many such links, because a complete
// answer to "which controls serve this clause" needs them, and a path through two of them says
// little about how the two clauses relate. From 5 up, a path means that one control does a
// substantial part of both. Measured on the built-in tables, CSF 2.0 to ISO/IEC 27001 gives
// about 350 pairs at 5 (NIST's own informative references list about 330) and over 900 at 4.
const DefaultMinStrength = 5

// CrosswalkOptions select the pairs a crosswalk derives.
type CrosswalkOptions struct {
	// Supportive adds pairs linked only through supportive mappings.
	Supportive bool
	// MinStrength is the least strength of both links of a path; 0 means DefaultMinStrength.
	MinStrength int
}

// Pair is two clauses of different frameworks linked through controls mapped to both.
type Pair struct {
	From, To string
	Kind     PairKind
	// Strength is that of the strongest path: over the linking controls, the maximum of the
	// weaker of each control's two links.
	Strength int
	Via      []srm.ControlID // the linking controls, in id order
}

// Crosswalk yields the clause pairs of two frameworks that are linked by a control mapped to
// both, in document order of from, then of to. A control links two clauses when both of its
// links are at least opt.MinStrength strong; the pair is direct when some linking control
// implements both clauses, and supportive when every link path passes through a supportive
// mapping, which is listed only with opt.Supportive. Via holds the controls of the paths that
// count for the pair's kind.
func (c *Catalog) Crosswalk(from, to frameworks.ID, opt CrosswalkOptions) iter.Seq[Pair] {
	minStrength := opt.MinStrength
	if minStrength <= 0 {
		minStrength = DefaultMinStrength
	}
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
				if ma.Framework != from || ma.Relationship == NoRelationship || ma.Strength < minStrength {
					continue
				}
				for _, j := range idx {
					mb := &c.maps[j]
					if mb.Framework != to || mb.Relationship == NoRelationship || mb.Strength < minStrength {
						continue
					}
					kind := Direct
					if !ma.Relationship.Implements() || !mb.Relationship.Implements() {
						if !opt.Supportive {
							continue
						}
						kind = Supportive
					}
					strength := min(ma.Strength, mb.Strength)
					k := key{ma.Clause, mb.Clause}
					p, ok := pairs[k]
					switch {
					case !ok:
						p = &Pair{From: ma.Clause, To: mb.Clause, Kind: kind}
						pairs[k] = p
						order = append(order, k)
					case p.Kind == Supportive && kind == Direct:
						// A direct path outranks every supportive one: start again from it.
						p.Kind, p.Strength, p.Via = Direct, 0, p.Via[:0]
					case p.Kind == Direct && kind == Supportive:
						continue
					}
					p.Strength = max(p.Strength, strength)
					if !slices.Contains(p.Via, ctl) {
						p.Via = append(p.Via, ctl)
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
	return inClauseOrder(c, c.na)
}

// BuiltinCompleteness returns the completeness judgements of the catalog's tables, in
// framework and document order.
func (c *Catalog) BuiltinCompleteness() []Completeness {
	return inClauseOrder(c, c.judged)
}

// Unmapped yields the controls the catalog's tables mark as serving no clause of a framework,
// with the reasons, in framework and control order.
func (c *Catalog) Unmapped() iter.Seq[Unmapped] {
	return func(yield func(Unmapped) bool) {
		for _, f := range c.fws {
			for ctl := range c.model.Controls() {
				if u, ok := c.unmapped[edge{ctl.ID, f.ID(), ""}]; ok && !yield(u) {
					return
				}
			}
		}
	}
}

func inClauseOrder[V any](c *Catalog, m map[clauseKey]V) []V {
	var out []V
	for _, f := range c.fws {
		for cl := range f.Clauses() {
			if v, ok := m[clauseKey{f.ID(), cl.ID}]; ok {
				out = append(out, v)
			}
		}
	}
	return out
}
