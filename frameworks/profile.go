package frameworks

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Profile is a part of a framework that an engagement may be narrowed to: a SOC 2 category
// (security, availability, …), a GDPR role (controller, processor).
type Profile struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Summary string `json:"summary"`
	// Required profiles are part of every narrowing: SOC 2's security category, the common
	// criteria, is in every SOC 2 report.
	Required bool `json:"required,omitempty"`
}

// Whom a GDPR clause binds, the value of [Clause.Binds].
const (
	BindsController = "controller" // the controller alone
	BindsProcessor  = "processor"  // the processor alone
	BindsBoth       = "both"       // controllers and processors alike
	BindsNeither    = "neither"    // neither: definitions, Member States, authorities, the Board, courts
)

var bindsValues = []string{BindsController, BindsProcessor, BindsBoth, BindsNeither}

// In reports whether the clause belongs to the profile: its category is the profile (SOC 2), or
// it binds the party the profile names, alone or together with the other party (GDPR).
func (c Clause) In(profile string) bool {
	switch {
	case c.Category != "":
		return c.Category == profile
	case c.Binds == BindsBoth:
		return profile == BindsController || profile == BindsProcessor
	case c.Binds != "" && c.Binds != BindsNeither:
		return c.Binds == profile
	}
	return false
}

// Problems [Framework.Narrow], [ParseSelection] and [New] report. Compare with errors.Is.
var (
	ErrUnknownProfile = errors.New("unknown profile")
	ErrNoProfiles     = errors.New("framework has no profiles")
	ErrProfileData    = errors.New("inconsistent profile data")
	ErrSelection      = errors.New("invalid framework selection")
)

// Profiles returns the profiles the framework may be narrowed to, in the order the framework
// declares them (a copy); none for a framework that is always taken whole.
func (f *Framework) Profiles() []Profile { return slices.Clone(f.profiles) }

// Selected returns the profiles the framework was narrowed to by [Framework.Narrow], required
// ones included, in declaration order; nil for a whole framework.
func (f *Framework) Selected() []string { return slices.Clone(f.selected) }

// Whole returns the framework before narrowing: f itself when it is whole.
func (f *Framework) Whole() *Framework {
	if f.base != nil {
		return f.base
	}
	return f
}

// Selection returns the framework's id with the profiles it was narrowed to.
func (f *Framework) Selection() Selection {
	return Selection{Framework: f.id, Profiles: f.Selected()}
}

// Narrow returns the framework narrowed to the given profiles, required profiles added: a
// framework whose clauses are the leaves in those profiles ([Clause.In]) and their ancestors,
// in document order. It always starts from the whole framework, so narrowing a narrowed
// framework replaces its profiles. With no profiles it returns the whole framework. An unknown
// profile, or any profile of a framework that has none, is an error listing the valid ones.
func (f *Framework) Narrow(profiles ...string) (*Framework, error) {
	w := f.Whole()
	if len(profiles) == 0 {
		return w, nil
	}
	if len(w.profiles) == 0 {
		return nil, fmt.Errorf("%w: %s is always taken whole, so %q selects nothing", ErrNoProfiles, w.id, strings.Join(profiles, "+"))
	}
	want := map[string]bool{}
	for _, p := range profiles {
		i := slices.IndexFunc(w.profiles, func(q Profile) bool { return strings.EqualFold(q.ID, strings.TrimSpace(p)) })
		if i < 0 {
			return nil, fmt.Errorf("%w %q of %s (valid: %s)", ErrUnknownProfile, p, w.id, w.profileNames())
		}
		want[w.profiles[i].ID] = true
	}
	var selected []string
	for _, p := range w.profiles {
		if p.Required || want[p.ID] {
			selected = append(selected, p.ID)
		}
	}
	ix := w.index()
	keep := make([]bool, len(w.clauses))
	for i, c := range w.clauses {
		if len(ix.children[i]) > 0 || !slices.ContainsFunc(selected, c.In) {
			continue
		}
		// A kept leaf keeps its ancestors.
		for j, ok := int32(i), true; ok && !keep[j]; j, ok = ix.pos[w.clauses[j].Parent] {
			keep[j] = true
		}
	}
	n := &Framework{id: w.id, name: w.name, version: w.version, publisher: w.publisher, source: w.source,
		description: w.description, textPolicy: w.textPolicy, aliases: w.aliases, profiles: w.profiles,
		base: w, selected: selected}
	for i, c := range w.clauses {
		if keep[i] {
			n.clauses = append(n.clauses, c)
		}
	}
	return n, nil
}

func (f *Framework) profileNames() string {
	s := make([]string, len(f.profiles))
	for i, p := range f.profiles {
		s[i] = p.ID
	}
	return strings.Join(s, ", ")
}

// Selection is a framework, whole or narrowed to some of its profiles, as written on a command
// line or in an overlay's scope: "soc2-2017:security+availability", "gdpr:processor", "iso27001".
type Selection struct {
	Framework ID
	Profiles  []string // empty: the whole framework
}

// String writes the selection as [ParseSelection] reads it.
func (s Selection) String() string {
	if len(s.Profiles) == 0 {
		return string(s.Framework)
	}
	return string(s.Framework) + ":" + strings.Join(s.Profiles, "+")
}

// ParseSelection reads "framework[:profile[+profile..]]", the framework named by its id or an
// alias of a built-in framework, ignoring case. The selection it returns names the canonical id
// and the profiles as [Framework.Narrow] completes them: required ones added, in declaration
// order. An empty string or profile, an unknown framework or profile, and profiles for a
// framework that has none are errors wrapping [ErrSelection] and the cause.
func ParseSelection(s string) (Selection, error) {
	name, profs, hasProfiles := strings.Cut(strings.TrimSpace(s), ":")
	if strings.TrimSpace(name) == "" {
		return Selection{}, fmt.Errorf("%w %q: no framework named (want framework[:profile[+profile..]])", ErrSelection, s)
	}
	f, ok := Lookup(name)
	if !ok {
		return Selection{}, fmt.Errorf("%w %q: unknown framework %q (known: %s)", ErrSelection, s, name, strings.Join(Names(), ", "))
	}
	if !hasProfiles {
		return Selection{Framework: f.id}, nil
	}
	var list []string
	for _, p := range strings.Split(profs, "+") {
		if strings.TrimSpace(p) == "" {
			return Selection{}, fmt.Errorf("%w %q: empty profile (valid for %s: %s)", ErrSelection, s, f.id, f.profileNames())
		}
		list = append(list, p)
	}
	n, err := f.Narrow(list...)
	if err != nil {
		return Selection{}, fmt.Errorf("%w %q: %w", ErrSelection, s, err)
	}
	return n.Selection(), nil
}

// checkProfiles checks that the clauses and the profiles agree: in a framework with profiles,
// every leaf has a category or says whom it binds, a category is a declared profile, a parent's
// category is that of each of its children, and binds names a declared party; a framework
// without profiles has neither field. It returns every problem, each naming its clause.
func checkProfiles(profiles []Profile, clauses []Clause) []error {
	var errs []error
	declared := map[string]bool{}
	for _, p := range profiles {
		if p.ID == "" || declared[p.ID] {
			errs = append(errs, fmt.Errorf("%w: profile %q is empty or declared twice", ErrProfileData, p.ID))
		}
		declared[p.ID] = true
	}
	hasChildren := map[string]bool{}
	category := map[string]string{}
	for _, c := range clauses {
		hasChildren[c.Parent] = true
		category[c.ID] = c.Category
	}
	for _, c := range clauses {
		bad := func(format string, args ...any) {
			errs = append(errs, &ClauseError{Clause: c.ID, Err: fmt.Errorf("%w: "+format, append([]any{ErrProfileData}, args...)...)})
		}
		switch {
		case len(profiles) == 0 && (c.Category != "" || c.Binds != ""):
			bad("clause %s has a category or binds, but the framework declares no profiles", c.ID)
			continue
		case len(profiles) == 0:
			continue
		case c.Category != "" && c.Binds != "":
			bad("clause %s has both a category and binds; give one", c.ID)
		case c.Category != "" && !declared[c.Category]:
			bad("clause %s has category %q, which is not a declared profile", c.ID, c.Category)
		case c.Binds != "" && !slices.Contains(bindsValues, c.Binds):
			bad("clause %s binds %q (want one of %s)", c.ID, c.Binds, strings.Join(bindsValues, ", "))
		case (c.Binds == BindsController || c.Binds == BindsProcessor || c.Binds == BindsBoth) && !(declared[BindsController] && declared[BindsProcessor]):
			bad("clause %s says whom it binds, but the framework does not declare the controller and processor profiles", c.ID)
		case !hasChildren[c.ID] && c.Category == "" && c.Binds == "":
			bad("clause %s belongs to no profile: give its category or whom it binds", c.ID)
		case c.Parent != "" && category[c.Parent] != "" && c.Category != category[c.Parent]:
			bad("clause %s has category %q but its parent %s has %q", c.ID, c.Category, c.Parent, category[c.Parent])
		}
	}
	return errs
}

// ClauseError is a problem with one clause that [New] found.
type ClauseError struct {
	Clause string
	Err    error
}

func (e *ClauseError) Error() string { return e.Err.Error() }
func (e *ClauseError) Unwrap() error { return e.Err }
