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
	"github.com/srmkit/srmkit/schema/diag"
	"github.com/srmkit/srmkit/srm"
)

// Catalog joins the shared responsibility model, the framework catalogs and the mappings
// between them, and answers queries over them. It is immutable and safe for concurrent use;
// overlays produce new catalogs and never change an existing one. Every value a query returns
// is the caller's own: changing it changes nothing in the catalog or in any other answer.
type Catalog struct {
	model *srm.Model
	fws   []*frameworks.Framework
	fwIdx map[frameworks.ID]int

	maps     []Mapping // every mapping, by framework, clause position, strength
	tables   []*Table  // as given, for With; nil for the built-in catalog, whose tables are generated
	builtin  bool      // the built-in catalog: tables come from the generated arrays
	na       map[clauseKey]NotApplicable
	judged   map[clauseKey]Completeness
	unmapped map[edge]Unmapped           // keyed by control and framework; clause empty
	excluded map[clauseKey]NotApplicable // the organisation's exclusions
	clauseFw map[clauseKey]int32         // every clause of every framework, to its framework's position
	narrowed bool                        // some framework is narrowed to profiles (see Narrow)
	// The query indexes are built on first use, so that a process pays only for those its
	// queries need: a fresh `srmkit satisfy` indexes one framework's clauses and nothing else.
	perFw     []fwIndex // by framework position
	ctlOnce   sync.Once
	byControl map[srm.ControlID][]int32 // positions in maps of each control's mappings
	leafOnce  sync.Once
	// naLeaf and exclLeaf hold, for every leaf clause, the built-in not-applicable entry or
	// the organisation's exclusion that covers it (directly or through an ancestor).
	naLeaf   map[clauseKey]NotApplicable
	exclLeaf map[clauseKey]NotApplicable

	org      string
	scope    srm.Scope
	hasScope bool
	assign   map[srm.ControlID]Assignment
}

// Default returns the catalog built into the package. Safe for concurrent use.
func Default() *Catalog {
	defaultOnce.Do(func() { defaultCatalog = buildDefault() })
	return defaultCatalog
}

// buildDefault indexes the generated tables. They were checked, completeness included, when
// they were generated, and the tests build them again with every check; here they are only
// indexed.
func buildDefault() *Catalog {
	c := &Catalog{model: srm.Default(), fws: slices.Collect(frameworks.All()), builtin: true,
		na: map[clauseKey]NotApplicable{}, judged: map[clauseKey]Completeness{}, unmapped: map[edge]Unmapped{},
		excluded: map[clauseKey]NotApplicable{}, assign: map[srm.ControlID]Assignment{}}
	c.fwIdx = make(map[frameworks.ID]int, len(c.fws))
	for i, f := range c.fws {
		c.fwIdx[f.ID()] = i
	}
	c.maps = builtinMappings[:]
	for _, n := range builtinNotApplicable {
		c.na[clauseKey{n.Framework, n.Clause}] = n
	}
	for _, j := range builtinCompleteness {
		c.judged[clauseKey{j.Framework, j.Clause}] = j
	}
	for _, u := range builtinUnmapped {
		c.unmapped[edge{u.Control, u.Framework, ""}] = u
	}
	c.index()
	return c
}

var (
	defaultOnce    sync.Once
	defaultCatalog *Catalog
)

// Digest identifies the built-in data: a hash of every data file the tables were generated from.
// Reports carry it so that a reader can tell which data an answer came from.
func Digest() string { return builtinDigest }

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
	tables = cloneTables(tables)
	c := &Catalog{model: model, fws: slices.Clone(fws), fwIdx: map[frameworks.ID]int{}, tables: tables,
		na: map[clauseKey]NotApplicable{}, judged: map[clauseKey]Completeness{}, unmapped: map[edge]Unmapped{},
		excluded: map[clauseKey]NotApplicable{}, assign: map[srm.ControlID]Assignment{}}
	for i, f := range c.fws {
		if _, dup := c.fwIdx[f.ID()]; dup {
			return nil, fmt.Errorf("%w: framework %s given twice", ErrDuplicateEdge, f.ID())
		}
		c.fwIdx[f.ID()] = i
	}
	var errs diag.ErrorList
	seen := map[edge]string{}
	judgedAt := map[clauseKey]judgement{}
	unmappedAt := map[edge]judgement{}
	for _, t := range tables {
		fw, ok := c.framework(t.Framework)
		if !ok {
			errs = append(errs, t.errAt("/framework", ErrUnknownFramework, "unknown framework %q", t.Framework))
			continue
		}
		for i, m := range t.Mappings {
			if id, ok := model.Resolve(m.Control); ok {
				m.Control = id
			}
			errs = append(errs, c.checkMapping(fw, m, t, "/mappings/"+strconv.Itoa(i), seen)...)
			c.maps = append(c.maps, m)
		}
		for i, j := range t.Completeness {
			at := "/clauses/" + strconv.Itoa(i) + "/clause"
			k := clauseKey{fw.ID(), j.Clause}
			_, dup := c.judged[k]
			_, exists := fw.Clause(j.Clause)
			switch {
			case !exists:
				errs = append(errs, t.errAt(at, ErrUnknownClause, "unknown clause %q in %s", j.Clause, fw.ID()))
			case !fw.IsLeaf(j.Clause):
				errs = append(errs, t.errAt(at, ErrNotLeaf, "clause %s has sub-clauses; judge its leaves", j.Clause))
			case dup:
				errs = append(errs, t.errAt(at, ErrDuplicateEdge, "clause %s is judged twice", j.Clause))
			case (j.Coverage == Partial) != (j.Residual != "") || (j.Coverage != Full && j.Coverage != Partial):
				errs = append(errs, t.errAt(at, ErrInconsistent, "clause %s: coverage must be full without a residual or partial with one", j.Clause))
			default:
				c.judged[k] = j
				judgedAt[k] = judgement{t, "/clauses/" + strconv.Itoa(i)}
			}
		}
		for i, u := range t.Unmapped {
			at := "/unmapped/" + strconv.Itoa(i) + "/control"
			id, ok := model.Resolve(u.Control)
			if !ok {
				errs = append(errs, t.errAt(at, ErrUnknownControl, "unknown control %q", u.Control))
				continue
			}
			u.Control = id
			k := edge{id, fw.ID(), ""}
			if _, dup := c.unmapped[k]; dup {
				errs = append(errs, t.errAt(at, ErrDuplicateEdge, "control %s is marked unmapped twice in %s", id, fw.ID()))
				continue
			}
			c.unmapped[k] = u
			unmappedAt[k] = judgement{t, at}
		}
		for i, n := range t.NotApplicable {
			at := "/not_applicable/" + strconv.Itoa(i) + "/clause"
			if _, ok := fw.Clause(n.Clause); !ok {
				errs = append(errs, t.errAt(at, ErrUnknownClause, "unknown clause %q in %s", n.Clause, fw.ID()))
				continue
			}
			k := clauseKey{fw.ID(), n.Clause}
			if _, dup := c.na[k]; dup {
				errs = append(errs, t.errAt(at, ErrDuplicateEdge, "clause %s is marked not applicable twice", n.Clause))
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

func (c *Catalog) checkMapping(fw *frameworks.Framework, m Mapping, t *Table, at string, seen map[edge]string) diag.ErrorList {
	var errs diag.ErrorList
	if _, ok := c.model.Index(m.Control); !ok {
		errs = append(errs, t.errAt(at+"/control", ErrUnknownControl, "unknown control %q%s", m.Control, suggest(c.model, m.Control)))
	}
	if _, ok := fw.Clause(m.Clause); !ok {
		errs = append(errs, t.errAt(at+"/clause", ErrUnknownClause, "unknown clause %q in %s%s", m.Clause, fw.ID(), suggestClause(fw, m.Clause)))
	} else if !fw.IsLeaf(m.Clause) {
		errs = append(errs, t.errAt(at+"/clause", ErrNotLeaf, "clause %s has sub-clauses; map the most specific one", m.Clause))
	}
	errs = append(errs, checkMappingValue(m, func(ptr string, cause error, format string, args ...any) *diag.Error {
		return t.errAt(at+ptr, cause, format, args...)
	})...)
	e := edge{m.Control, fw.ID(), m.Clause}
	if prev, dup := seen[e]; dup {
		errs = append(errs, t.errAt(at, ErrDuplicateEdge, "%s → %s %s is already mapped at %s", m.Control, fw.ID(), m.Clause, prev))
	} else {
		seen[e] = diag.Where(t.Source, t.name(), at)
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
	t  *Table
	at string
}

// checkConsistent checks judgements and unmapped notes against the mappings they were written
// with: a judged clause has a mapping that implements it, a clause some control meets in full
// (equal, superset-of) is not judged partial, and a control marked unmapped in a framework has
// no mapping there. An organisation's own mappings are left out: they may well link a control
// the built-in tables leave unmapped, and [Catalog.Coverage] weighs them itself.
func (c *Catalog) checkConsistent(tables []*Table, judgedAt map[clauseKey]judgement, unmappedAt map[edge]judgement) diag.ErrorList {
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
	var errs diag.ErrorList
	for k, j := range c.judged {
		at := judgedAt[k]
		switch cov, ok := implemented[k]; {
		case !ok:
			errs = append(errs, at.t.errAt(at.at+"/clause", ErrInconsistent, "%s %s is judged but no control implements it", k.fw, k.clause))
		case cov == Full && j.Coverage == Partial:
			errs = append(errs, at.t.errAt(at.at+"/coverage", ErrInconsistent, "%s %s is judged partial, yet a control is mapped to it as equal or superset-of", k.fw, k.clause))
		}
	}
	for k := range c.unmapped {
		if mappedIn[k] {
			at := unmappedAt[k]
			errs = append(errs, at.t.errAt(at.at, ErrInconsistent, "control %s is marked unmapped in %s but is mapped there", k.control, k.fw))
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

func (c *Catalog) checkComplete() diag.ErrorList {
	implements := map[clauseKey]Coverage{} // by a set-theory link
	mappedIn := map[edge]bool{}            // by any link but no-relationship
	for _, m := range c.maps {
		c.noteMapping(m, implements, mappedIn)
	}
	var errs diag.ErrorList
	for _, fw := range c.fws {
		for leaf := range fw.Leaves() {
			k := clauseKey{fw.ID(), leaf.ID}
			_, na := c.notApplicable(fw, leaf.ID, c.na)
			switch {
			case implements[k] == "" && !na:
				errs = append(errs, &diag.Error{File: "mapping/data", Path: string(fw.ID()) + "/" + leaf.ID, Msg: fmt.Sprintf("%s %s is neither implemented by a mapped control nor marked not applicable", fw.ID(), leaf.ID), Err: ErrUnaccounted})
			case implements[k] != "" && !na && c.judged[k].Coverage == "":
				errs = append(errs, &diag.Error{File: "mapping/data", Path: string(fw.ID()) + "/" + leaf.ID, Msg: fmt.Sprintf("%s %s has no completeness judgement (clauses: full, or partial with the residual)", fw.ID(), leaf.ID), Err: ErrUnjudged})
			}
		}
		for id := range c.model.IDs() {
			k := edge{id, fw.ID(), ""}
			if _, ok := c.unmapped[k]; !ok && !mappedIn[k] {
				errs = append(errs, &diag.Error{File: "mapping/data", Path: string(fw.ID()) + "/" + string(id), Msg: fmt.Sprintf("control %s is neither mapped in %s nor marked unmapped there with a reason", id, fw.ID()), Err: ErrUnmappedControl})
			}
		}
	}
	return errs
}

// index sorts the mappings and builds the lookup tables the queries use.
func (c *Catalog) index() {
	pos := func(m *Mapping) int {
		fw, _ := c.framework(m.Framework)
		p, _ := fw.Whole().Position(m.Clause)
		return p
	}
	order := func(a, b Mapping) int {
		return cmp.Or(
			cmp.Compare(c.fwIdx[a.Framework], c.fwIdx[b.Framework]),
			cmp.Compare(pos(&a), pos(&b)),
			cmp.Compare(b.Strength, a.Strength),
			cmp.Compare(a.Control, b.Control),
		)
	}
	// The generated tables come in this order already, and are never written to.
	if !c.builtin && !slices.IsSortedFunc(c.maps, order) {
		slices.SortStableFunc(c.maps, order)
	}
	n := 0
	for _, f := range c.fws {
		n += f.Len()
	}
	c.narrowed = anyNarrowed(c.fws)
	c.clauseFw = make(map[clauseKey]int32, n)
	for fi, f := range c.fws {
		for cl := range f.Clauses() {
			c.clauseFw[clauseKey{f.ID(), cl.ID}] = int32(fi)
		}
	}
	// Mappings are sorted by framework first: each framework's are one run of maps.
	c.perFw = make([]fwIndex, len(c.fws))
	start := 0
	for i := 1; i <= len(c.maps); i++ {
		if i == len(c.maps) || c.maps[i].Framework != c.maps[start].Framework {
			fi := c.fwIdx[c.maps[start].Framework]
			c.perFw[fi].lo, c.perFw[fi].hi = start, i
			start = i
		}
	}
}

// fwIndex is one framework's clause index: for every clause at every level, the mappings of the
// leaves below it, as ready-made matches that only lack the scope's responsibility.
type fwIndex struct {
	lo, hi   int // the framework's run of maps
	once     sync.Once
	byClause map[string][]entry
}

// clauses returns the clause index of the framework at position fi, building it on first use.
func (c *Catalog) clauses(fi int) map[string][]entry {
	x := &c.perFw[fi]
	x.once.Do(func() {
		fw := c.fws[fi]
		x.byClause = make(map[string][]entry, fw.Len())
		for i := x.lo; i < x.hi; i++ {
			m := &c.maps[i]
			if m.Relationship == NoRelationship || !c.inView(m) {
				continue
			}
			ci, _ := c.model.Index(m.Control)
			e := entry{ctl: int32(ci), m: Match{Control: m.Control, Title: c.model.Title(ci), Framework: m.Framework, Clause: m.Clause,
				Relationship: m.Relationship, Strength: m.Strength, Coverage: m.Relationship.Coverage(), Rationale: m.Rationale}}
			x.byClause[m.Clause] = append(x.byClause[m.Clause], e)
			for a := range fw.Ancestors(m.Clause) {
				x.byClause[a.ID] = append(x.byClause[a.ID], e)
			}
		}
	})
	return x.byClause
}

// controls returns, for every control, the positions in maps of its mappings.
func (c *Catalog) controls() map[srm.ControlID][]int32 {
	c.ctlOnce.Do(func() {
		c.byControl = map[srm.ControlID][]int32{}
		for i := range c.maps {
			c.byControl[c.maps[i].Control] = append(c.byControl[c.maps[i].Control], int32(i))
		}
	})
	return c.byControl
}

// leaves returns the not-applicable entries and exclusions covering each leaf clause.
func (c *Catalog) leaves() (na, excl map[clauseKey]NotApplicable) {
	c.leafOnce.Do(func() {
		c.naLeaf = c.leafIndex(c.na)
		c.exclLeaf = c.leafIndex(c.excluded)
	})
	return c.naLeaf, c.exclLeaf
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

// Framework finds a framework of the catalog by id or alias, ignoring case: the way to turn a
// name a person typed into the [frameworks.ID] the queries take. An unknown name is an error
// wrapping [ErrUnknownFramework] that lists the known names and suggests the closest.
func (c *Catalog) Framework(name string) (*frameworks.Framework, error) {
	for _, f := range c.fws {
		if f.Is(name) {
			return f, nil
		}
	}
	return nil, c.unknownFramework(name)
}

func (c *Catalog) unknownFramework(name string) error {
	var names []string
	for _, f := range c.fws {
		names = append(names, string(f.ID()))
		names = append(names, f.Aliases()...)
	}
	return fmt.Errorf("%w %q%s (known: %s)", ErrUnknownFramework, name, diag.Suggest(name, slices.Values(names)), strings.Join(names, ", "))
}

// lookup returns the framework with the canonical id fw, or an error that says why fw is not
// one: an alias converted to an ID, a typo, or a framework the catalog does not hold.
func (c *Catalog) lookup(fw frameworks.ID) (*frameworks.Framework, error) {
	if f, ok := c.framework(fw); ok {
		return f, nil
	}
	for _, f := range c.fws {
		if f.Is(string(fw)) {
			return nil, fmt.Errorf("%w %q: it is an alias of %s; pass the id, or resolve names with Catalog.Framework", ErrUnknownFramework, fw, f.ID())
		}
	}
	return nil, c.unknownFramework(string(fw))
}

// clause returns the framework and clause, or an error wrapping ErrUnknownFramework or
// ErrUnknownClause with a suggestion.
func (c *Catalog) clause(fw frameworks.ID, id string) (*frameworks.Framework, error) {
	f, err := c.lookup(fw)
	if err != nil {
		return nil, err
	}
	if _, ok := f.Clause(id); !ok {
		if _, ok := f.Whole().Clause(id); ok {
			return nil, outside(f, id)
		}
		return nil, fmt.Errorf("%w %q in %s%s", ErrUnknownClause, id, fw, suggestClause(f.Whole(), id))
	}
	return f, nil
}

// Scope builds a scope from service ids; with none it is the overlay's scope when one set it,
// or every service. Unknown or empty ids are an error wrapping [srm.ErrUnknownService].
func (c *Catalog) Scope(services ...string) (srm.Scope, error) {
	if len(services) == 0 && c.hasScope {
		return c.scope, nil
	}
	return c.model.Scope(services...)
}

// view checks that a scope belongs to the catalog's model.
func (c *Catalog) view(s srm.Scope) (srm.View, error) {
	v, err := c.model.In(s)
	if err != nil {
		return v, fmt.Errorf("mapping: %w", err)
	}
	return v, nil
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
	Control        srm.ControlID      `json:"control"`
	Title          string             `json:"title"`
	Framework      frameworks.ID      `json:"framework"`
	Clause         string             `json:"clause"` // the leaf clause the control is mapped to
	Relationship   Relationship       `json:"relationship"`
	Strength       int                `json:"strength"`
	Coverage       Coverage           `json:"coverage"`
	Responsibility srm.Responsibility `json:"responsibility"`
	Rationale      string             `json:"rationale"`
}

// Satisfying finds the controls that satisfy a clause for the services in scope; ranging over
// [Matches.All] yields them strongest first. For a clause with children (a CSF category, an ISO
// theme, a TSC series, a GDPR article) it yields the mappings of every leaf below it, in
// document order. Supportive links are included, with relationship [Supports] and coverage none:
// the clause depends on those controls without their implementing it. Controls that do not
// apply in scope, that the organisation marked not applicable, and no-relationship records are
// left out. An unknown framework or clause, and a scope not built from the catalog's model, are
// errors; an empty answer means the clause exists and nothing in scope serves it. The query
// allocates nothing.
//
//	ms, err := c.Satisfying(frameworks.SOC2, "CC6.1", scope)
//	if err != nil {
//		return err
//	}
//	for m := range ms.All() {
//		fmt.Println(m.Control, m.Relationship, m.Responsibility)
//	}
func (c *Catalog) Satisfying(fw frameworks.ID, clause string, scope srm.Scope) (Matches, error) {
	// Kept within the compiler's inlining budget, with the error worked out only when it is
	// read, so that a query costs a map lookup and a pointer comparison before the walk.
	fi, ok := c.clauseFw[clauseKey{fw, clause}]
	if !ok || !c.model.Owns(scope) {
		return Matches{}, &queryError{c: c, fw: fw, clause: clause, scope: scope}
	}
	return Matches{c, fi, clause, scope}, nil
}

// Matches is the answer of [Catalog.Satisfying]. Range over All; the zero Matches, which a
// failed query returns, panics when ranged over rather than pass for an empty answer.
type Matches struct {
	c      *Catalog
	fi     int32
	clause string
	scope  srm.Scope
}

// All yields the matches, strongest first (see [Catalog.Satisfying]). It is written so that the
// compiler can see through a range loop over it, keeping the walk free of allocations.
func (ms Matches) All() iter.Seq[Match] {
	return func(yield func(Match) bool) { ms.c.satisfying(ms.fi, ms.clause, &ms.scope, yield) }
}

// queryError is a Satisfying query that failed its checks; what is wrong is worked out when the
// error is read, so that Satisfying stays small.
type queryError struct {
	c      *Catalog
	fw     frameworks.ID
	clause string
	scope  srm.Scope
}

func (e *queryError) Unwrap() error {
	if _, err := e.c.view(e.scope); err != nil {
		return err
	}
	_, err := e.c.clause(e.fw, e.clause)
	return err
}

func (e *queryError) Error() string { return e.Unwrap().Error() }

func (c *Catalog) satisfying(fi int32, clause string, scope *srm.Scope, yield func(Match) bool) {
	if c == nil {
		panic("mapping: ranging over the Matches of a failed Satisfying; check its error")
	}
	v, _ := c.model.In(*scope) // checked by Satisfying
	entries := c.clauses(int(fi))[clause]
	// The body of match, written out: this loop is the query's whole cost, and the call would
	// add a fifth to it.
	for i := range entries {
		e := &entries[i]
		resp, ok := v.ResponsibilityAt(int(e.ctl))
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

// match completes an index entry for a scope into m: the control's responsibility there. It
// reports false, leaving m alone, when the control does not apply in scope or the organisation
// marked it not applicable.
func (c *Catalog) match(e *entry, v *srm.View, m *Match) bool {
	resp, ok := v.ResponsibilityAt(int(e.ctl))
	if !ok || (len(c.assign) > 0 && c.dropped(e.m.Control)) {
		return false
	}
	*m = e.m
	m.Responsibility = resp
	return true
}

// dropped reports whether the organisation marked the control not applicable.
func (c *Catalog) dropped(id srm.ControlID) bool {
	a, ok := c.assign[id]
	return ok && a.Status == StatusNA
}

// Clauses yields every clause a control (named by its id or a retired alias) is mapped to, in
// every framework (within the profiles of a narrowed one), in framework and document order. An
// unknown control is an error wrapping [ErrUnknownControl].
func (c *Catalog) Clauses(id srm.ControlID) (iter.Seq[Mapping], error) {
	cur, ok := c.model.Resolve(id)
	if !ok {
		return nil, fmt.Errorf("%w %q%s", ErrUnknownControl, id, suggest(c.model, id))
	}
	idx := c.controls()[cur]
	return func(yield func(Mapping) bool) {
		for _, i := range idx {
			if !c.inView(&c.maps[i]) {
				continue
			}
			if !yield(c.maps[i]) {
				return
			}
		}
	}, nil
}

// Mappings yields every mapping in the catalog, within the profiles of a narrowed framework.
func (c *Catalog) Mappings() iter.Seq[Mapping] {
	return func(yield func(Mapping) bool) {
		for _, m := range c.maps {
			if !c.inView(&m) {
				continue
			}
			if !yield(m) {
				return
			}
		}
	}
}

// ClauseStatus is one leaf clause's standing for a scope.
type ClauseStatus struct {
	Framework frameworks.ID `json:"framework"`
	Clause    string        `json:"clause"`
	Title     string        `json:"title"`
	Status    Status        `json:"status"`
	// Responsibility is who answers for the clause in scope, from the controls that implement
	// it there; empty when it is not applicable or no control in scope implements it.
	Responsibility srm.Responsibility `json:"responsibility,omitempty"`
	Controls       []srm.ControlID    `json:"controls"`             // the controls in scope that implement it, strongest first
	Supporting     []srm.ControlID    `json:"supporting,omitempty"` // the controls in scope it depends on without their implementing it
	Residual       string             `json:"residual,omitempty"`   // for partial: what the controls in scope leave out
	Reason         string             `json:"reason,omitempty"`     // for not-applicable: why
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
// inherited or shared as the implementing controls' responsibilities in scope combine. An unknown
// framework and a scope not built from the catalog's model are errors.
func (c *Catalog) Coverage(fw frameworks.ID, scope srm.Scope) (iter.Seq[ClauseStatus], error) {
	f, err := c.lookup(fw)
	if err != nil {
		return nil, err
	}
	v, err := c.view(scope)
	if err != nil {
		return nil, err
	}
	return func(yield func(ClauseStatus) bool) {
		for leaf := range f.Leaves() {
			if !yield(c.status(f, leaf, v)) {
				return
			}
		}
	}, nil
}

func (c *Catalog) status(f *frameworks.Framework, leaf frameworks.Clause, v srm.View) ClauseStatus {
	st := ClauseStatus{Framework: f.ID(), Clause: leaf.ID, Title: leaf.Title, Controls: []srm.ControlID{}}
	naLeaf, exclLeaf := c.leaves()
	if n, ok := exclLeaf[clauseKey{f.ID(), leaf.ID}]; ok {
		st.Status, st.Reason = StatusNotApplicable, n.Reason
		return st
	}
	if n, ok := naLeaf[clauseKey{f.ID(), leaf.ID}]; ok {
		st.Status, st.Reason = StatusNotApplicable, n.Reason
		return st
	}
	var cust, prov, shared bool
	var operating int
	fullLink := false // an operating control is mapped equal or superset-of
	var partly, planned, missing []srm.ControlID
	entries := c.clauses(c.fwIdx[f.ID()])[leaf.ID]
	var m Match
	for i := range entries {
		if !c.match(&entries[i], &v, &m) {
			continue
		}
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
	From string   `json:"from"`
	To   string   `json:"to"`
	Kind PairKind `json:"kind"`
	// Strength is that of the strongest path: over the linking controls, the maximum of the
	// weaker of each control's two links.
	Strength int             `json:"strength"`
	Via      []srm.ControlID `json:"via"` // the linking controls, in id order
}

// Crosswalk yields the clause pairs of two frameworks that are linked by a control mapped to
// both, in document order of from, then of to. A control links two clauses when both of its
// links are at least opt.MinStrength strong; the pair is direct when some linking control
// implements both clauses, and supportive when every link path passes through a supportive
// mapping, which is listed only with opt.Supportive. Via holds the controls of the paths that
// count for the pair's kind. Unknown frameworks, from equal to to, and a MinStrength above 10
// or below 0 are errors.
func (c *Catalog) Crosswalk(from, to frameworks.ID, opt CrosswalkOptions) (iter.Seq[Pair], error) {
	minStrength := opt.MinStrength
	if minStrength == 0 {
		minStrength = DefaultMinStrength
	}
	if minStrength < 1 || minStrength > 10 {
		return nil, fmt.Errorf("%w: minimum strength %d is outside 1 to 10", ErrInvalid, opt.MinStrength)
	}
	ff, err := c.lookup(from)
	if err != nil {
		return nil, err
	}
	ft, err := c.lookup(to)
	if err != nil {
		return nil, err
	}
	if from == to {
		return nil, fmt.Errorf("%w: a crosswalk needs two different frameworks, not %s twice", ErrInvalid, from)
	}
	return func(yield func(Pair) bool) {
		type key struct{ a, b string }
		pairs := map[key]*Pair{}
		var order []key
		for ctl, idx := range c.controls() {
			for _, i := range idx {
				ma := &c.maps[i]
				if ma.Framework != from || ma.Relationship == NoRelationship || ma.Strength < minStrength || !c.inView(ma) {
					continue
				}
				for _, j := range idx {
					mb := &c.maps[j]
					if mb.Framework != to || mb.Relationship == NoRelationship || mb.Strength < minStrength || !c.inView(mb) {
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
	}, nil
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
			for id := range c.model.IDs() {
				if u, ok := c.unmapped[edge{id, f.ID(), ""}]; ok && !yield(u) {
					return
				}
			}
		}
	}
}

func inClauseOrder[V any](c *Catalog, m map[clauseKey]V) []V {
	var out []V
	for _, f := range c.fws {
		for cl := range f.Whole().Clauses() {
			if v, ok := m[clauseKey{f.ID(), cl.ID}]; ok {
				out = append(out, v)
			}
		}
	}
	return out
}
