package mapping

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/srmkit/srmkit/frameworks"
	"github.com/srmkit/srmkit/srm"
)

// Implementation is how far an applicable Annex A control is implemented, as a Statement of
// Applicability records it: an assignment status, or unknown when the organisation has not
// said.
type Implementation string

// Implementation statuses of a Statement of Applicability row.
const (
	ImplImplemented          Implementation = "implemented"
	ImplPartiallyImplemented Implementation = "partially-implemented"
	ImplPlanned              Implementation = "planned"
	ImplNotImplemented       Implementation = "not-implemented"
	ImplUnknown              Implementation = "unknown"
)

// ApplicabilityControl is one control behind a row of the Statement of Applicability.
type ApplicabilityControl struct {
	Control        srm.ControlID      `json:"control"`
	Title          string             `json:"title"`
	Responsibility srm.Responsibility `json:"responsibility"`
	Owner          string             `json:"owner,omitempty"`
	Status         AssignmentStatus   `json:"status,omitempty"`
	RiskTreatment  string             `json:"risk_treatment,omitempty"`
}

// Applicability is one row of a Statement of Applicability (ISO/IEC 27001:2022 clause
// 6.1.3 d): an Annex A control, whether it applies and why, and how far it is implemented.
type Applicability struct {
	Theme      string `json:"theme"`       // A.5 … A.8
	ThemeTitle string `json:"theme_title"` // Organizational controls, …
	Control    string `json:"control"`     // the Annex A control, e.g. A.5.15
	Title      string `json:"title"`
	Applicable bool   `json:"applicable"`
	// Justification says why the control is included (the controls that implement it, the
	// provider attestations relied on, the risk treatment entries that selected it) or why it
	// is excluded (the organisation's reason).
	Justification  string         `json:"justification"`
	Implementation Implementation `json:"implementation,omitempty"` // empty when not applicable
	// Coverage is the clause's coverage status for the scope ([Catalog.Coverage]), with the
	// residual when it is partial: what an auditor will probe.
	Coverage       Status                 `json:"coverage"`
	Residual       string                 `json:"residual,omitempty"`
	Responsibility srm.Responsibility     `json:"responsibility,omitempty"`
	Controls       []ApplicabilityControl `json:"controls"`
	Attestations   []string               `json:"attestations"`   // the provider reports relied on for inherited controls
	RiskTreatment  []string               `json:"risk_treatment"` // the controls' risk treatment plan entries, in control order
}

// StatementOfApplicability returns the Statement of Applicability for the services in scope:
// one row for each of the 93 controls of ISO/IEC 27001:2022 Annex A, in document order. A row
// is not applicable when the organisation (or the built-in data) excludes the control, with
// that reason as its justification; otherwise it is applicable, justified by the srmkit
// controls in scope that implement it (with their responsibility, owner, status and risk
// treatment entry) and, for inherited ones, the provider attestation relied on.
//
// The implementation status comes from the organisation's assignments of those controls: unknown
// when none has a status; implemented when every one is implemented; partially-implemented when
// some are implemented or partly so and others are not, or have no status; otherwise planned
// when some are planned, and not-implemented. A row no control in scope implements is a gap:
// applicable, not-implemented, and said so in its justification. A scope not built from the
// catalog's model is an error, and so is a catalog without ISO/IEC 27001:2022.
func (c *Catalog) StatementOfApplicability(scope srm.Scope) ([]Applicability, error) {
	f, err := c.lookup(frameworks.ISO27001)
	if err != nil {
		return nil, err
	}
	statuses, err := c.Coverage(frameworks.ISO27001, scope)
	if err != nil {
		return nil, err
	}
	v, _ := c.view(scope)
	clouds, parts := c.providerViews(scope)
	var rows []Applicability
	for st := range statuses {
		cl, _ := f.Clause(st.Clause)
		if cl.Kind != frameworks.KindAnnexControl {
			continue
		}
		theme, _ := f.Clause(cl.Parent)
		row := Applicability{Theme: theme.ID, ThemeTitle: theme.Title, Control: cl.ID, Title: cl.Title, Coverage: st.Status,
			Residual: st.Residual, Responsibility: st.Responsibility, Controls: []ApplicabilityControl{}, Attestations: []string{}, RiskTreatment: []string{}}
		if st.Status == StatusNotApplicable {
			row.Justification = "Excluded: " + st.Reason
			rows = append(rows, row)
			continue
		}
		row.Applicable = true
		for _, id := range st.Controls {
			i, _ := c.model.Index(id)
			resp, _ := v.ResponsibilityAt(i)
			a := c.assign[id]
			row.Controls = append(row.Controls, ApplicabilityControl{Control: id, Title: c.model.Title(i), Responsibility: resp,
				Owner: a.Owner, Status: a.Status, RiskTreatment: a.RiskTreatment})
			if a.RiskTreatment != "" && !slices.Contains(row.RiskTreatment, a.RiskTreatment) {
				row.RiskTreatment = append(row.RiskTreatment, a.RiskTreatment)
			}
			// Each provider on whose part of the scope the control is inherited is asked for
			// its attestation.
			for k, p := range clouds {
				if r, ok := parts[k].ResponsibilityAt(i); !ok || r != srm.RespInherited {
					continue
				}
				ctl, _ := c.model.Control(id)
				for _, ref := range attestations(&ctl, p) {
					if !slices.Contains(row.Attestations, ref) {
						row.Attestations = append(row.Attestations, ref)
					}
				}
			}
		}
		row.Implementation = implementation(row.Controls)
		row.Justification = inclusion(&row)
		rows = append(rows, row)
	}
	return rows, nil
}

// implementation combines the statuses of a row's controls (see StatementOfApplicability).
func implementation(ctls []ApplicabilityControl) Implementation {
	if len(ctls) == 0 {
		return ImplNotImplemented
	}
	n := map[AssignmentStatus]int{}
	for _, a := range ctls {
		n[a.Status]++
	}
	switch {
	case n[""] == len(ctls):
		return ImplUnknown
	case n[Implemented] == len(ctls):
		return ImplImplemented
	case n[Implemented]+n[PartiallyImplemented] > 0:
		return ImplPartiallyImplemented
	case n[Planned] > 0:
		return ImplPlanned
	}
	return ImplNotImplemented
}

// inclusion writes why an applicable row is included.
func inclusion(row *Applicability) string {
	if len(row.Controls) == 0 {
		return "Applicable; no control in scope implements it yet, so it is a gap to treat."
	}
	byResp := map[srm.Responsibility][]string{}
	for _, a := range row.Controls {
		byResp[a.Responsibility] = append(byResp[a.Responsibility], string(a.Control))
	}
	var parts []string
	for _, r := range []srm.Responsibility{srm.RespCustomer, srm.RespShared, srm.RespInherited} {
		if ids := byResp[r]; len(ids) > 0 {
			parts = append(parts, strings.Join(ids, ", ")+" ("+string(r)+")")
		}
	}
	s := "Implemented by " + strings.Join(parts, "; ") + "."
	if len(row.Attestations) > 0 {
		s += " Inherited controls rely on the " + strings.Join(row.Attestations, " and the ") + "."
	}
	if len(row.RiskTreatment) > 0 {
		s += " Selected by risk treatment " + strings.Join(row.RiskTreatment, ", ") + "."
	}
	return s
}

// soaColumns are the Statement of Applicability's CSV columns, in order.
var soaColumns = []string{"theme", "control", "title", "applicable", "justification", "implementation", "coverage",
	"responsibility", "controls", "owners", "risk_treatment", "attestations", "residual"}

// ApplicabilityReport gives a Statement of Applicability ([Catalog.StatementOfApplicability]):
// counts of applicable and excluded controls and of implementation statuses, then one table per
// Annex A theme. CSV has one row per Annex A control.
func ApplicabilityReport(organization string, scope srm.Scope, rows []Applicability) *Report {
	r := &Report{Title: "Statement of Applicability: ISO/IEC 27001:2022 Annex A", Columns: slices.Clone(soaColumns)}
	if organization != "" {
		r.Notes = append(r.Notes, "Organisation: "+organization)
	}
	r.Notes = append(r.Notes, scopeNote(scope))
	if rows == nil {
		rows = []Applicability{}
	}
	r.Data = rows
	applicable := 0
	impl := map[Implementation]int{}
	var sections []Section
	for i := range rows {
		row := &rows[i]
		var ids, owners []string
		for _, a := range row.Controls {
			ids = append(ids, string(a.Control))
			if a.Owner != "" && !slices.Contains(owners, a.Owner) {
				owners = append(owners, a.Owner)
			}
		}
		r.Rows = append(r.Rows, []string{row.Theme, row.Control, row.Title, yesNo(row.Applicable), row.Justification,
			string(row.Implementation), string(row.Coverage), string(row.Responsibility), strings.Join(ids, "; "),
			strings.Join(owners, "; "), strings.Join(row.RiskTreatment, "; "), strings.Join(row.Attestations, "; "), row.Residual})
		if row.Applicable {
			applicable++
			impl[row.Implementation]++
		}
		if len(sections) == 0 || sections[len(sections)-1].Heading != row.Theme+" "+row.ThemeTitle {
			sections = append(sections, Section{Heading: row.Theme + " " + row.ThemeTitle,
				Columns: []string{"control", "title", "applicable", "justification", "implementation", "controls"}})
		}
		s := &sections[len(sections)-1]
		var ctls []string
		for _, a := range row.Controls {
			d := []string{string(a.Responsibility)}
			if a.Owner != "" {
				d = append(d, a.Owner)
			}
			if a.Status != "" {
				d = append(d, string(a.Status))
			}
			ctls = append(ctls, string(a.Control)+" ("+strings.Join(d, ", ")+")")
		}
		s.Rows = append(s.Rows, []string{row.Control, row.Title, yesNo(row.Applicable), row.Justification, string(row.Implementation), strings.Join(ctls, "; ")})
	}
	sum := Section{Heading: "Summary", Text: []string{fmt.Sprintf("%d Annex A controls: %d applicable, %d excluded.", len(rows), applicable, len(rows)-applicable)},
		Columns: []string{"implementation", "applicable controls"}}
	for _, s := range []Implementation{ImplImplemented, ImplPartiallyImplemented, ImplPlanned, ImplNotImplemented, ImplUnknown} {
		sum.Rows = append(sum.Rows, []string{string(s), strconv.Itoa(impl[s])})
	}
	r.Sections = append([]Section{sum}, sections...)
	return r
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
