package mapping

import (
	"cmp"
	"slices"
	"sort"

	"github.com/srmkit/srmkit/frameworks"
	"github.com/srmkit/srmkit/srm"
)

// MaxResources is how many failing resource ids a [Tally] keeps.
const MaxResources = 5

// Tally counts what scanners reported for one check: an AWS Config rule (by its managed-rule
// identifier) or a Security Hub control (by its id). Counts are of evaluations read, one a
// resource a finding: a resource reported twice, by two tools or in two exports, counts twice.
type Tally struct {
	Passed        int `json:"passed"`
	Failed        int `json:"failed"`
	Indeterminate int `json:"indeterminate"` // the check ran but could not decide (Security Hub WARNING or NOT_AVAILABLE, Config INSUFFICIENT_DATA, Prowler MANUAL)
	// Resources are the first failing resources reported, at most MaxResources.
	Resources []string `json:"resources,omitempty"`
}

// Add counts one evaluation of resource.
func (t *Tally) Add(resource string, o Outcome) {
	switch o {
	case Passed:
		t.Passed++
	case Failed:
		t.Failed++
		if resource != "" && len(t.Resources) < MaxResources && !slices.Contains(t.Resources, resource) {
			t.Resources = append(t.Resources, resource)
		}
	case Indeterminate:
		t.Indeterminate++
	}
}

// Merge adds u's counts to t.
func (t *Tally) Merge(u Tally) {
	t.Passed += u.Passed
	t.Failed += u.Failed
	t.Indeterminate += u.Indeterminate
	for _, r := range u.Resources {
		if len(t.Resources) < MaxResources && !slices.Contains(t.Resources, r) {
			t.Resources = append(t.Resources, r)
		}
	}
}

// Outcome is the result of one check on one resource.
type Outcome uint8

// Outcomes.
const (
	Passed        Outcome = iota + 1 // compliant
	Failed                           // not compliant
	Indeterminate                    // evaluated without a decision
)

// Evaluations is what scanners reported: a tally per check, and what they reported that names
// no check srmkit could identify. Build one with the findings package, or by hand.
type Evaluations struct {
	// Checks are keyed by a source of kind srm.SourceConfigRule (the managed rule's
	// identifier, S3_BUCKET_SSL_REQUESTS_ONLY) or srm.SourceSecurityHub (the control id, S3.5).
	Checks map[srm.Source]Tally
	// Unresolved are findings the reader could not tie to a check, such as a custom Config
	// rule or a Prowler check with no Security Hub control; they are reported as unmatched.
	Unresolved []Unmatched
	// Files and Warnings say what was read, for the report.
	Files    []FindingsFile
	Warnings []string
}

// FindingsFile is what one file of findings held.
type FindingsFile struct {
	Name    string   `json:"name"`
	Formats []string `json:"formats"`
	Records int      `json:"records"` // findings, evaluation results, rule summaries and rules read
	Counted int      `json:"counted"` // evaluations counted toward checks
	// Records skipped, by reason.
	Archived      int `json:"archived"`       // Security Hub records no longer current (RecordState ARCHIVED)
	Suppressed    int `json:"suppressed"`     // suppressed in Security Hub, or muted in Prowler
	NotApplicable int `json:"not_applicable"` // the check did not apply to the resource
	Other         int `json:"other"`          // findings that are not control checks, such as GuardDuty's
}

// Result is the state of one evidence item after an assessment.
type Result string

// Results.
const (
	ResultPass         Result = "pass"          // every check of the item was evaluated and every resource was compliant
	ResultFail         Result = "fail"          // some resource failed some check of the item
	ResultNotEvaluated Result = "not-evaluated" // the item has checks, but not all were evaluated (see Missing) and none failed
	ResultManual       Result = "manual"        // no scanner reports on the item: collect it as the checklist says
	ResultInherited    Result = "inherited"     // a provider attestation to request
)

// ClauseResult is the state of one leaf clause after an assessment.
type ClauseResult string

// Clause results.
const (
	ClauseFailing       ClauseResult = "failing"        // customer or shared evidence fails
	ClausePassing       ClauseResult = "passing"        // all its automated evidence passes; manual items may remain (see Manual)
	ClauseNotEvaluated  ClauseResult = "not-evaluated"  // automated evidence exists, not all of it was evaluated, none fails
	ClauseManual        ClauseResult = "manual"         // only evidence a person collects
	ClauseInherited     ClauseResult = "inherited"      // only provider attestations: request them
	ClauseGap           ClauseResult = "gap"            // no control in scope serves the clause
	ClauseNotApplicable ClauseResult = "not-applicable" // not applicable, or excluded by the organisation
)

var clauseResults = []ClauseResult{ClauseFailing, ClausePassing, ClauseNotEvaluated, ClauseManual, ClauseInherited, ClauseGap, ClauseNotApplicable}

// AssessedItem is a checklist item with what the scanners said of it.
type AssessedItem struct {
	Item
	Result Result
	Tally
	// Missing lists the checks of the item nothing was reported for, as the item names them.
	// Checks that are the same test (a Security Hub control and the Config rule behind it)
	// are evaluated as one: a finding of either evaluates both.
	Missing []srm.Source
}

// AssessedClause is the roll-up of one leaf clause.
type AssessedClause struct {
	Framework frameworks.ID   `json:"framework"`
	Clause    string          `json:"clause"`
	Title     string          `json:"title"`
	Result    ClauseResult    `json:"result"`
	Failing   []string        `json:"failing"`  // evidence ids that fail
	Manual    []string        `json:"manual"`   // evidence ids a person still collects
	Controls  []srm.ControlID `json:"controls"` // every control serving the clause in scope
}

// Unmatched is something scanners reported that no evidence item in the assessment used.
type Unmatched struct {
	Kind     srm.SourceKind `json:"kind,omitempty"` // the check's kind, when known
	ID       string         `json:"id"`             // the check id, rule name or Prowler check id
	Findings int            `json:"findings"`
	Reason   string         `json:"reason"`
}

// Reasons for an unmatched finding.
const (
	ReasonOutOfScope = "out of scope"  // srmkit knows the check, but its evidence is not in this checklist (another service, framework or excluded control)
	ReasonUnknown    = "unknown check" // no srmkit evidence names the check
)

// Assessment is the checklist with scanner results, and the clause roll-ups.
type Assessment struct {
	Frameworks []frameworks.ID
	Items      []AssessedItem
	Clauses    []AssessedClause
	Unmatched  []Unmatched
	Files      []FindingsFile // copied from the evaluations
	Warnings   []string
}

// Failing reports whether any clause fails.
func (a *Assessment) Failing() bool {
	for i := range a.Clauses {
		if a.Clauses[i].Result == ClauseFailing {
			return true
		}
	}
	return false
}

// Count returns how many clauses of fw have result r.
func (a *Assessment) Count(fw frameworks.ID, r ClauseResult) int {
	n := 0
	for i := range a.Clauses {
		if a.Clauses[i].Framework == fw && a.Clauses[i].Result == r {
			n++
		}
	}
	return n
}

// Assess joins scanner results to the checklist of fws in scope (see [Catalog.Checklist]).
// Each evidence item whose sources name a Config rule or a Security Hub control gets pass,
// fail or not-evaluated from ev; others are manual; attestations stay inherited. Every leaf
// clause of each framework gets a roll-up: failing if any of its customer or shared evidence
// fails, passing when all its automated evidence passes, not-evaluated when some was not
// evaluated, manual when a person collects all of it, inherited when the provider's
// attestation covers it, gap when nothing in scope serves it and not-applicable when it is out.
// Checks in ev that no item used are listed as unmatched, with the reason.
func (c *Catalog) Assess(fws []frameworks.ID, scope srm.Scope, ev Evaluations) (*Assessment, error) {
	items, err := c.Checklist(fws, scope)
	if err != nil {
		return nil, err
	}
	a := &Assessment{Frameworks: slices.Clone(fws), Files: slices.Clone(ev.Files), Warnings: slices.Clone(ev.Warnings)}
	for i := range a.Files {
		a.Files[i].Formats = slices.Clone(a.Files[i].Formats)
	}
	used := map[srm.Source]bool{}
	for i := range items {
		it := AssessedItem{Item: items[i]}
		it.Resources = nil
		switch {
		case it.Attestation():
			it.Result = ResultInherited
		default:
			it.Result = assessItem(&it, ev.Checks, used)
		}
		a.Items = append(a.Items, it)
	}
	a.Clauses = c.rollUp(fws, a.Items)
	a.Unmatched = c.unmatched(ev, used)
	return a, nil
}

// assessItem groups the item's checks (a Security Hub control and the Config rule behind it
// are one check), adds up what was reported for each, and decides the item's result.
func assessItem(it *AssessedItem, checks map[srm.Source]Tally, used map[srm.Source]bool) Result {
	groups := checkGroups(it.Sources)
	if len(groups) == 0 {
		return ResultManual
	}
	failed, unevaluated := false, false
	for _, g := range groups {
		var t Tally
		for _, s := range g {
			if u, ok := checks[s]; ok {
				used[s] = true
				t.Merge(u)
			}
		}
		it.Tally.Passed += t.Passed
		it.Tally.Failed += t.Failed
		it.Tally.Indeterminate += t.Indeterminate
		for _, r := range t.Resources {
			if len(it.Resources) < MaxResources && !slices.Contains(it.Resources, r) {
				it.Resources = append(it.Resources, r)
			}
		}
		switch {
		case t.Failed > 0:
			failed = true
		case t.Passed == 0 || t.Indeterminate > 0:
			unevaluated = true
			if t.Passed == 0 && t.Indeterminate == 0 {
				// Name the check as the item does: its Config rule, its control or both.
				for _, s := range g {
					if slices.Contains(it.Sources, s) {
						it.Missing = append(it.Missing, s)
					}
				}
			}
		}
	}
	switch {
	case failed:
		return ResultFail
	case unevaluated:
		return ResultNotEvaluated
	}
	return ResultPass
}

// checkGroups returns the item's scanner checks, each with the checks that test the same
// thing: a Security Hub control and the Config rule AWS runs for it. The first source of a
// group is the one the item names first.
func checkGroups(sources []srm.Source) [][]srm.Source {
	var groups [][]srm.Source
	find := func(s srm.Source) int {
		for i, g := range groups {
			if slices.Contains(g, s) {
				return i
			}
		}
		return -1
	}
	for _, s := range sources {
		if s.Kind != srm.SourceConfigRule && s.Kind != srm.SourceSecurityHub {
			continue
		}
		if find(s) >= 0 {
			continue
		}
		g := []srm.Source{s}
		for _, p := range pairedChecks(s) {
			if i := find(p); i >= 0 {
				// The item names both: merge into the earlier group.
				groups[i] = append(groups[i], g...)
				g = nil
				break
			}
			g = append(g, p)
		}
		if g != nil {
			groups = append(groups, g)
		}
	}
	return groups
}

// pairedChecks returns the checks that test the same thing as s: for a Security Hub control,
// the Config rule behind it; for a Config rule, the controls it backs.
func pairedChecks(s srm.Source) []srm.Source {
	var out []srm.Source
	switch s.Kind {
	case srm.SourceSecurityHub:
		i := sort.Search(len(builtinCheckPairs), func(i int) bool { return builtinCheckPairs[i].control >= s.Ref })
		for ; i < len(builtinCheckPairs) && builtinCheckPairs[i].control == s.Ref; i++ {
			out = append(out, srm.Source{Kind: srm.SourceConfigRule, Ref: builtinCheckPairs[i].rule})
		}
	case srm.SourceConfigRule:
		for _, p := range builtinCheckPairs {
			if p.rule == s.Ref {
				out = append(out, srm.Source{Kind: srm.SourceSecurityHub, Ref: p.control})
			}
		}
	}
	return out
}

// checkPair says that AWS runs a Config rule to evaluate a Security Hub control.
type checkPair struct{ control, rule string }

func (c *Catalog) rollUp(fws []frameworks.ID, items []AssessedItem) []AssessedClause {
	byClause := map[ClauseRef][]int{}
	for i := range items {
		for _, r := range items[i].Clauses {
			byClause[r] = append(byClause[r], i)
		}
	}
	var out []AssessedClause
	for _, id := range fws {
		f, _ := c.framework(id)
		for cl := range f.Leaves() {
			ac := AssessedClause{Framework: id, Clause: cl.ID, Title: cl.Title, Failing: []string{}, Manual: []string{}, Controls: []srm.ControlID{}}
			if c.isNA(id, cl.ID) {
				ac.Result = ClauseNotApplicable
				out = append(out, ac)
				continue
			}
			var automated, passing, manual, inherited int
			for _, i := range byClause[ClauseRef{id, cl.ID}] {
				it := &items[i]
				for _, ctl := range it.Controls {
					if !slices.Contains(ac.Controls, ctl) {
						ac.Controls = append(ac.Controls, ctl)
					}
				}
				switch it.Result {
				case ResultInherited:
					inherited++
				case ResultManual:
					manual++
					ac.Manual = append(ac.Manual, it.EvidenceID)
				case ResultFail:
					automated++
					ac.Failing = append(ac.Failing, it.EvidenceID)
				case ResultPass:
					automated++
					passing++
				case ResultNotEvaluated:
					automated++
				}
			}
			slices.Sort(ac.Controls)
			switch {
			case len(ac.Failing) > 0:
				ac.Result = ClauseFailing
			case automated > 0 && passing == automated:
				ac.Result = ClausePassing
			case automated > 0:
				ac.Result = ClauseNotEvaluated
			case manual > 0:
				ac.Result = ClauseManual
			case inherited > 0:
				ac.Result = ClauseInherited
			default:
				ac.Result = ClauseGap
			}
			out = append(out, ac)
		}
	}
	return out
}

// unmatched lists the checks reported that no item used: out of scope when some evidence of
// the catalog names them, unknown otherwise.
func (c *Catalog) unmatched(ev Evaluations, used map[srm.Source]bool) []Unmatched {
	known := map[srm.Source]bool{}
	for ctl := range c.model.Controls() {
		for _, e := range ctl.Evidence {
			for _, s := range e.Sources {
				known[s] = true
				for _, p := range pairedChecks(s) {
					known[p] = true
				}
			}
		}
	}
	// A check is used when it or a check paired with it served an item.
	for s := range ev.Checks {
		if used[s] {
			continue
		}
		for _, p := range pairedChecks(s) {
			if used[p] {
				used[s] = true
			}
		}
	}
	var out []Unmatched
	for s, t := range ev.Checks {
		if used[s] {
			continue
		}
		reason := ReasonUnknown
		if known[s] {
			reason = ReasonOutOfScope
		}
		out = append(out, Unmatched{Kind: s.Kind, ID: s.Ref, Findings: t.Passed + t.Failed + t.Indeterminate, Reason: reason})
	}
	out = append(out, ev.Unresolved...)
	slices.SortFunc(out, func(x, y Unmatched) int {
		return cmp.Or(cmp.Compare(x.Reason, y.Reason), cmp.Compare(x.Kind, y.Kind), cmp.Compare(x.ID, y.ID))
	})
	return out
}

// String names a clause result.
func (r ClauseResult) String() string { return string(r) }
