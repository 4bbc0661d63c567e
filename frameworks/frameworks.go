package frameworks

import (
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"
	"sync"
)

// ID identifies a framework, e.g. "soc2-2017".
type ID string

// The built-in frameworks.
const (
	SOC2     ID = "soc2-2017"
	ISO27001 ID = "iso27001-2022"
	CSF      ID = "nist-csf-2.0"
	GDPR     ID = "gdpr-2016"
)

// Kind is the kind of a clause within its framework.
type Kind string

// Clause kinds.
const (
	KindFunction     Kind = "function"      // NIST CSF function (GV, ID, …)
	KindCategory     Kind = "category"      // NIST CSF category (GV.OC)
	KindSubcategory  Kind = "subcategory"   // NIST CSF subcategory (GV.OC-01)
	KindClause       Kind = "clause"        // ISO management-system clause (4, 6.1.2)
	KindTheme        Kind = "theme"         // ISO Annex A theme (A.5)
	KindAnnexControl Kind = "annex-control" // ISO Annex A control (A.5.15)
	KindSeries       Kind = "series"        // TSC criteria series (CC6, P4)
	KindCriterion    Kind = "criterion"     // TSC criterion (CC6.1)
	KindChapter      Kind = "chapter"       // GDPR chapter (Ch.IV)
	KindArticle      Kind = "article"       // GDPR article (Art.32)
	KindParagraph    Kind = "paragraph"     // GDPR paragraph (Art.32(1))
	KindPoint        Kind = "point"         // GDPR point (Art.32(1)(a))
)

var kinds = []Kind{KindFunction, KindCategory, KindSubcategory, KindClause, KindTheme, KindAnnexControl,
	KindSeries, KindCriterion, KindChapter, KindArticle, KindParagraph, KindPoint}

// Kinds lists every clause kind.
func Kinds() []Kind { return append([]Kind(nil), kinds...) }

func (k Kind) String() string { return string(k) }

// UnmarshalText accepts only known kinds.
func (k *Kind) UnmarshalText(b []byte) error {
	for _, v := range kinds {
		if string(v) == string(b) {
			*k = v
			return nil
		}
	}
	return fmt.Errorf("unknown clause kind %q (want one of %s)", b, joinKinds())
}

func joinKinds() string {
	s := make([]string, len(kinds))
	for i, k := range kinds {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}

// TextPolicy says how much of a framework's official text srmkit may carry.
type TextPolicy string

const (
	// SummariesOnly: copyrighted text; srmkit carries ids, official short names and its own summaries.
	SummariesOnly TextPolicy = "summaries-only"
	// Public: public text (NIST, EUR-Lex); srmkit still summarises in its own words.
	Public TextPolicy = "public"
)

// UnmarshalText accepts only known policies.
func (p *TextPolicy) UnmarshalText(b []byte) error {
	switch TextPolicy(b) {
	case SummariesOnly, Public:
		*p = TextPolicy(b)
		return nil
	}
	return fmt.Errorf("unknown text policy %q (want %s or %s)", b, SummariesOnly, Public)
}

// Clause is one requirement or grouping of a framework. Parent is empty for top-level clauses.
type Clause struct {
	ID      string `json:"id"`
	Parent  string `json:"parent"`
	Kind    Kind   `json:"kind"`
	Title   string `json:"title"`
	Summary string `json:"summary"`
	// Category is, in a framework whose profiles are categories (SOC 2), the profile the
	// clause belongs to: security, availability, processing-integrity, confidentiality, privacy.
	Category string `json:"category,omitempty"`
	// Binds says, for a GDPR leaf clause, whom its text binds: controller, processor, both or
	// neither (see [BindsController] and the others).
	Binds string `json:"binds,omitempty"`
}

// Framework is one compliance framework and all of its clauses. It is immutable; use the
// methods to read it.
type Framework struct {
	id          ID
	name        string
	version     string
	publisher   string
	source      string
	description string
	textPolicy  TextPolicy
	aliases     []string
	profiles    []Profile
	clauses     []Clause

	base     *Framework // the whole framework, for one narrowed by Narrow; nil when whole
	selected []string   // the profiles a narrowed framework keeps

	once sync.Once
	idx  index
}

type index struct {
	pos      map[string]int32
	children [][]int32 // by position; roots under len(clauses)
	roots    []int32
}

func (f *Framework) ID() ID                 { return f.id }
func (f *Framework) Name() string           { return f.name }
func (f *Framework) Version() string        { return f.version }
func (f *Framework) Publisher() string      { return f.publisher }
func (f *Framework) Source() string         { return f.source }
func (f *Framework) Description() string    { return f.description }
func (f *Framework) TextPolicy() TextPolicy { return f.textPolicy }

// Aliases returns the short names the framework is also known by (a copy).
func (f *Framework) Aliases() []string { return append([]string(nil), f.aliases...) }

// Len is the number of clauses.
func (f *Framework) Len() int { return len(f.clauses) }

func (f *Framework) index() *index {
	f.once.Do(func() {
		ix := index{pos: make(map[string]int32, len(f.clauses)), children: make([][]int32, len(f.clauses))}
		for i, c := range f.clauses {
			ix.pos[c.ID] = int32(i)
		}
		for i, c := range f.clauses {
			if c.Parent == "" {
				ix.roots = append(ix.roots, int32(i))
				continue
			}
			p := ix.pos[c.Parent]
			ix.children[p] = append(ix.children[p], int32(i))
		}
		f.idx = ix
	})
	return &f.idx
}

// Clause returns the clause with the given id.
func (f *Framework) Clause(id string) (Clause, bool) {
	i, ok := f.index().pos[id]
	if !ok {
		return Clause{}, false
	}
	return f.clauses[i], true
}

// Position returns the clause's place in document order (0-based).
func (f *Framework) Position(id string) (int, bool) {
	i, ok := f.index().pos[id]
	return int(i), ok
}

// IsLeaf reports whether the clause exists and has no children.
func (f *Framework) IsLeaf(id string) bool {
	ix := f.index()
	i, ok := ix.pos[id]
	return ok && len(ix.children[i]) == 0
}

// Clauses yields every clause in document order.
func (f *Framework) Clauses() iter.Seq[Clause] {
	return func(yield func(Clause) bool) {
		for _, c := range f.clauses {
			if !yield(c) {
				return
			}
		}
	}
}

// Roots yields the top-level clauses in document order.
func (f *Framework) Roots() iter.Seq[Clause] {
	return f.seq(f.index().roots)
}

// Children yields the direct children of a clause in document order.
func (f *Framework) Children(id string) iter.Seq[Clause] {
	ix := f.index()
	i, ok := ix.pos[id]
	if !ok {
		return f.seq(nil)
	}
	return f.seq(ix.children[i])
}

func (f *Framework) seq(pos []int32) iter.Seq[Clause] {
	return func(yield func(Clause) bool) {
		for _, p := range pos {
			if !yield(f.clauses[p]) {
				return
			}
		}
	}
}

// Descendants yields every clause below id, in document order, not including id itself.
func (f *Framework) Descendants(id string) iter.Seq[Clause] {
	return func(yield func(Clause) bool) {
		ix := f.index()
		i, ok := ix.pos[id]
		if !ok {
			return
		}
		f.walk(ix, i, yield)
	}
}

func (f *Framework) walk(ix *index, i int32, yield func(Clause) bool) bool {
	for _, c := range ix.children[i] {
		if !yield(f.clauses[c]) || !f.walk(ix, c, yield) {
			return false
		}
	}
	return true
}

// Ancestors yields the parent of id, then its parent, up to the top-level clause.
func (f *Framework) Ancestors(id string) iter.Seq[Clause] {
	return func(yield func(Clause) bool) {
		ix := f.index()
		i, ok := ix.pos[id]
		for ok && f.clauses[i].Parent != "" {
			i, ok = ix.pos[f.clauses[i].Parent]
			if !ok || !yield(f.clauses[i]) {
				return
			}
		}
	}
}

// Leaves yields the clauses that have no children, in document order: the level at which
// srmkit maps controls.
func (f *Framework) Leaves() iter.Seq[Clause] {
	return func(yield func(Clause) bool) {
		ix := f.index()
		for i, c := range f.clauses {
			if len(ix.children[i]) == 0 && !yield(c) {
				return
			}
		}
	}
}

// All yields the built-in frameworks in a fixed order.
func All() iter.Seq[*Framework] {
	return func(yield func(*Framework) bool) {
		for i := range builtin {
			if !yield(&builtin[i]) {
				return
			}
		}
	}
}

// Lookup finds a built-in framework by id or alias (soc2, iso27001, csf, gdpr), ignoring case.
func Lookup(name string) (*Framework, bool) {
	for i := range builtin {
		if builtin[i].Is(name) {
			return &builtin[i], true
		}
	}
	return nil, false
}

// Is reports whether name is the framework's id or one of its aliases, ignoring case and
// surrounding space.
func (f *Framework) Is(name string) bool {
	name = strings.TrimSpace(name)
	if strings.EqualFold(name, string(f.id)) {
		return true
	}
	for _, a := range f.aliases {
		if strings.EqualFold(name, a) {
			return true
		}
	}
	return false
}

// Resolve turns an id or alias into the framework's id.
func Resolve(name string) (ID, bool) {
	f, ok := Lookup(name)
	if !ok {
		return "", false
	}
	return f.id, true
}

// Names lists the ids and aliases Lookup accepts, for error messages.
func Names() []string {
	var s []string
	for i := range builtin {
		s = append(s, string(builtin[i].id))
		s = append(s, builtin[i].aliases...)
	}
	return s
}

// Info is a framework's identity and size.
type Info struct {
	ID          ID         `json:"id"`
	Name        string     `json:"name"`
	Version     string     `json:"version"`
	Publisher   string     `json:"publisher"`
	Source      string     `json:"source"`
	Description string     `json:"description"`
	TextPolicy  TextPolicy `json:"text_policy"`
	Aliases     []string   `json:"aliases"`
	Profiles    []Profile  `json:"profiles,omitempty"`
	Selected    []string   `json:"selected,omitempty"` // the profiles of a narrowed framework; ignored by New
	Clauses     int        `json:"clauses"`            // every clause; ignored by New
	Leaves      int        `json:"leaves"`             // the clauses without children; ignored by New
}

// Info returns the framework's identity and size (a copy).
func (f *Framework) Info() Info {
	leaves := 0
	for range f.Leaves() {
		leaves++
	}
	return Info{ID: f.id, Name: f.name, Version: f.version, Publisher: f.publisher, Source: f.source,
		Description: f.description, TextPolicy: f.textPolicy, Aliases: f.Aliases(), Profiles: f.Profiles(), Selected: f.Selected(),
		Clauses: len(f.clauses), Leaves: leaves}
}

// Problems [New] reports. Compare with errors.Is.
var (
	ErrDuplicateClause = errors.New("duplicate clause id")
	ErrUnknownParent   = errors.New("unknown parent clause")
)

// New builds a framework from its identity, profiles and clauses in document order, checking that
// ids are unique, that every parent comes before its children, and that clauses and profiles
// agree (every leaf of a framework with profiles belongs to one; see [Clause.In]). Every profile
// problem is reported at once, each as a [*ClauseError] when it concerns one clause. It is for
// frameworks built in code; documents are read by the mapping/load package, which reports
// positions.
func New(info Info, clauses []Clause) (*Framework, error) {
	seen := make(map[string]bool, len(clauses))
	for _, c := range clauses {
		if seen[c.ID] {
			return nil, fmt.Errorf("%w: %s", ErrDuplicateClause, c.ID)
		}
		if c.Parent != "" && !seen[c.Parent] {
			return nil, fmt.Errorf("%w: %s (parent of %s)", ErrUnknownParent, c.Parent, c.ID)
		}
		seen[c.ID] = true
	}
	if errs := checkProfiles(info.Profiles, clauses); len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return &Framework{id: info.ID, name: info.Name, version: info.Version, publisher: info.Publisher, source: info.Source,
		description: info.Description, textPolicy: info.TextPolicy, aliases: append([]string(nil), info.Aliases...),
		profiles: slices.Clone(info.Profiles), clauses: append([]Clause(nil), clauses...)}, nil
}
