package mapping

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/srmkit/srmkit/frameworks"
	"github.com/srmkit/srmkit/srm"
)

// AssessedItem's JSON form is its checklist row with the results added.
func (it AssessedItem) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		itemRow
		Result        Result       `json:"result"`
		Passed        int          `json:"passed"`
		Failed        int          `json:"failed"`
		Indeterminate int          `json:"indeterminate"`
		Resources     []string     `json:"resources"`
		Missing       []srm.Source `json:"missing"`
	}{it.row(), it.Result, it.Passed, it.Failed, it.Indeterminate, orEmpty(it.Resources), orEmpty(it.Missing)})
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// FrameworkSummary counts one framework's leaf clauses by result.
type FrameworkSummary struct {
	Framework frameworks.ID        `json:"framework"`
	Clauses   int                  `json:"clauses"`
	Results   map[ClauseResult]int `json:"results"`
}

// Summary counts clauses by result for each framework, and items by result.
func (a *Assessment) Summary() ([]FrameworkSummary, map[Result]int) {
	var fws []FrameworkSummary
	for _, id := range a.Frameworks {
		s := FrameworkSummary{Framework: id, Results: map[ClauseResult]int{}}
		for _, r := range clauseResults {
			s.Results[r] = 0
		}
		for i := range a.Clauses {
			if a.Clauses[i].Framework == id {
				s.Clauses++
				s.Results[a.Clauses[i].Result]++
			}
		}
		fws = append(fws, s)
	}
	items := map[Result]int{ResultPass: 0, ResultFail: 0, ResultNotEvaluated: 0, ResultManual: 0, ResultInherited: 0}
	for i := range a.Items {
		items[a.Items[i].Result]++
	}
	return fws, items
}

// assessmentJSON is the assessment's JSON form in the command-line contract.
type assessmentJSON struct{ a *Assessment }

func (j assessmentJSON) object(digest string) any {
	a := j.a
	fws, items := a.Summary()
	return struct {
		Data    string `json:"data"`
		Summary struct {
			Failing    bool               `json:"failing"`
			Frameworks []FrameworkSummary `json:"frameworks"`
			Items      map[Result]int     `json:"items"`
			Files      []FindingsFile     `json:"files"`
			Warnings   []string           `json:"warnings"`
		} `json:"summary"`
		Clauses   []AssessedClause `json:"clauses"`
		Items     []AssessedItem   `json:"items"`
		Unmatched []Unmatched      `json:"unmatched"`
	}{Data: digest, Summary: struct {
		Failing    bool               `json:"failing"`
		Frameworks []FrameworkSummary `json:"frameworks"`
		Items      map[Result]int     `json:"items"`
		Files      []FindingsFile     `json:"files"`
		Warnings   []string           `json:"warnings"`
	}{a.Failing(), orEmpty(fws), items, orEmpty(a.Files), orEmpty(a.Warnings)},
		Clauses: orEmpty(a.Clauses), Items: orEmpty(a.Items), Unmatched: orEmpty(a.Unmatched)}
}

// AssessmentReport gives an assessment ([Catalog.Assess]): a summary of clauses by result per
// framework, the failing clauses with what fails, the evidence not evaluated, what the
// scanners reported that nothing used, and the files read. CSV has one row per evidence item.
func AssessmentReport(fws []*frameworks.Framework, organization string, scope srm.Scope, a *Assessment) *Report {
	r := &Report{Title: "Assessment", Columns: slices.Concat(checklistColumns, []string{"result", "passed", "failed", "indeterminate", "resources", "missing"}),
		Data: assessmentJSON{a}, Notes: checklistNotes(fws, organization, scope)}
	for i := range a.Items {
		it := &a.Items[i]
		r.Rows = append(r.Rows, append(it.cells(), string(it.Result), strconv.Itoa(it.Passed), strconv.Itoa(it.Failed), strconv.Itoa(it.Indeterminate),
			strings.Join(it.Resources, "; "), joinSources(it.Missing)))
	}

	sumFws, items := a.Summary()
	sum := Section{Heading: "Summary", Columns: []string{"framework", "leaf clauses"}}
	for _, res := range clauseResults {
		sum.Columns = append(sum.Columns, string(res))
	}
	for _, s := range sumFws {
		row := []string{string(s.Framework), strconv.Itoa(s.Clauses)}
		for _, res := range clauseResults {
			row = append(row, strconv.Itoa(s.Results[res]))
		}
		sum.Rows = append(sum.Rows, row)
	}
	verdict := "No clause fails."
	if a.Failing() {
		verdict = "Some clauses fail: their evidence is listed below."
	}
	sum.Text = []string{verdict, fmt.Sprintf("Evidence items: %d pass, %d fail, %d not evaluated, %d manual, %d provider attestations.",
		items[ResultPass], items[ResultFail], items[ResultNotEvaluated], items[ResultManual], items[ResultInherited])}
	r.Sections = append(r.Sections, sum)

	byID := map[string]*AssessedItem{}
	for i := range a.Items {
		if a.Items[i].EvidenceID != "" {
			byID[a.Items[i].EvidenceID] = &a.Items[i]
		}
	}
	failing := Section{Heading: "Failing clauses", Columns: []string{"framework", "clause", "title", "failing evidence", "failing resources"}}
	for i := range a.Clauses {
		c := &a.Clauses[i]
		if c.Result != ClauseFailing {
			continue
		}
		var res []string
		for _, id := range c.Failing {
			for _, rsc := range byID[id].Resources {
				if len(res) < MaxResources && !containsString(res, rsc) {
					res = append(res, rsc)
				}
			}
		}
		failing.Rows = append(failing.Rows, []string{string(c.Framework), c.Clause, c.Title, strings.Join(c.Failing, ", "), strings.Join(res, ", ")})
	}
	if len(failing.Rows) > 0 {
		r.Sections = append(r.Sections, failing)
	}

	ev := Section{Heading: "Evidence with scanner results", Columns: []string{"evidence", "control", "result", "passed", "failed", "indeterminate", "failing resources", "not evaluated"}}
	for i := range a.Items {
		it := &a.Items[i]
		if it.Result == ResultManual || it.Result == ResultInherited {
			continue
		}
		ev.Rows = append(ev.Rows, []string{it.EvidenceID, joinIDs(it.Controls, ", ") + " " + it.Title, string(it.Result),
			strconv.Itoa(it.Passed), strconv.Itoa(it.Failed), strconv.Itoa(it.Indeterminate), strings.Join(it.Resources, ", "), joinSources(it.Missing)})
	}
	r.Sections = append(r.Sections, ev)

	if len(a.Unmatched) > 0 {
		un := Section{Heading: "Findings no evidence used", Columns: []string{"kind", "check", "findings", "reason"}}
		for _, u := range a.Unmatched {
			un.Rows = append(un.Rows, []string{string(u.Kind), u.ID, strconv.Itoa(u.Findings), u.Reason})
		}
		r.Sections = append(r.Sections, un)
	}
	files := Section{Heading: "Files read", Columns: []string{"file", "formats", "records", "counted", "archived", "suppressed", "not applicable", "other"}}
	for _, f := range a.Files {
		files.Rows = append(files.Rows, []string{f.Name, strings.Join(f.Formats, ", "), strconv.Itoa(f.Records), strconv.Itoa(f.Counted),
			strconv.Itoa(f.Archived), strconv.Itoa(f.Suppressed), strconv.Itoa(f.NotApplicable), strconv.Itoa(f.Other)})
	}
	files.Bullets = a.Warnings
	r.Sections = append(r.Sections, files)
	return r
}

func containsString(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}
