package mapping

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/srmkit/srmkit/frameworks"
	"github.com/srmkit/srmkit/srm"
)

// Format is a way of writing a [Report].
type Format string

// Formats.
const (
	JSON     Format = "json" // {"data": "<data digest>", "rows": [...]}, for tools
	CSV      Format = "csv"  // one row per result, list cells joined with "; ", for spreadsheets
	Markdown Format = "md"   // a document for people
)

// Report is an answer ready to write for people, spreadsheets and tools. Build one with the
// XxxReport functions from a query's results; [Report.Write] writes it. Every format escapes the
// same way: Markdown shows text and never renders it, CSV neutralises formulas.
type Report struct {
	Title   string     // the Markdown heading
	Notes   []string   // lines under the heading: organisation, frameworks, scope
	Columns []string   // the CSV header, and the Markdown table's when there are no sections
	Rows    [][]string // the cells of each result, as CSV and Markdown show them
	Data    any        // the results themselves, as JSON writes them
	// Sections, when set, make up the Markdown body instead of the single table of Rows.
	Sections []Section
}

// Section is part of a Markdown report: a heading, paragraphs, a table and a bulleted list, each
// optional.
type Section struct {
	Heading string
	Level   int // 2 when zero
	Text    []string
	Columns []string
	Rows    [][]string
	Bullets []string
}

// Write writes the report in format f. Every format carries the data digest ([Digest]), so a
// report says which data it came from.
func (r *Report) Write(w io.Writer, f Format) error {
	switch f {
	case JSON:
		if o, ok := r.Data.(objectReport); ok {
			enc := json.NewEncoder(w)
			enc.SetIndent("", "  ")
			enc.SetEscapeHTML(false)
			return enc.Encode(o.object(Digest()))
		}
		return writeJSON(w, r.Data)
	case CSV:
		return writeCSV(w, r.Columns, r.Rows)
	case Markdown:
		return r.writeMarkdown(w)
	}
	return fmt.Errorf("%w: format %q (want json, csv or md)", ErrInvalid, f)
}

// objectReport is data whose JSON form is one object of its own shape, led by the digest.
type objectReport interface{ object(digest string) any }

func writeJSON(w io.Writer, rows any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(struct {
		Data string `json:"data"`
		Rows any    `json:"rows"`
	}{Digest(), rows})
}

func writeCSV(w io.Writer, header []string, rows [][]string) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}
	safe := make([]string, len(header))
	for _, r := range rows {
		safe = safe[:0]
		for _, c := range r {
			safe = append(safe, safeCell(c))
		}
		if err := cw.Write(safe); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// safeCell neutralises text a spreadsheet would run as a formula (a cell starting with =, +, -,
// @, tab or carriage return gets a leading apostrophe).
func safeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// mdText makes text safe anywhere in Markdown: no pipe ends a table cell, no line break ends a
// row or a paragraph, and HTML is shown, not rendered.
func mdText(s string) string {
	if !strings.ContainsAny(s, "\\|\r\n<>") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\', '|':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			b.WriteByte(' ')
		case '\n':
			b.WriteByte(' ')
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func (r *Report) writeMarkdown(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", mdText(r.Title))
	for _, n := range r.Notes {
		fmt.Fprintf(&b, "%s  \n", mdText(n))
	}
	fmt.Fprintf(&b, "Data: srmkit %s\n\n", Digest())
	secs := r.Sections
	if len(secs) == 0 {
		secs = []Section{{Level: -1, Columns: r.Columns, Rows: r.Rows}}
	}
	for _, s := range secs {
		level := s.Level
		if level == 0 {
			level = 2
		}
		if s.Heading != "" {
			fmt.Fprintf(&b, "%s %s\n\n", strings.Repeat("#", level), mdText(s.Heading))
		}
		for _, p := range s.Text {
			fmt.Fprintf(&b, "%s\n\n", mdText(p))
		}
		if len(s.Columns) > 0 {
			mdRow(&b, s.Columns)
			b.WriteString("|" + strings.Repeat(" --- |", len(s.Columns)) + "\n")
			for _, row := range s.Rows {
				mdRow(&b, row)
			}
			b.WriteString("\n")
		}
		for _, l := range s.Bullets {
			fmt.Fprintf(&b, "- %s\n", mdText(l))
		}
		if len(s.Bullets) > 0 {
			b.WriteString("\n")
		}
	}
	_, err := io.WriteString(w, strings.TrimRight(b.String(), "\n")+"\n")
	return err
}

func mdRow(b *strings.Builder, cells []string) {
	b.WriteString("|")
	for _, c := range cells {
		b.WriteString(" ")
		b.WriteString(mdText(c))
		b.WriteString(" |")
	}
	b.WriteString("\n")
}

func joinIDs(ids []srm.ControlID, sep string) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = string(id)
	}
	return strings.Join(s, sep)
}

func joinSources(src []srm.Source) string {
	parts := make([]string, len(src))
	for i, s := range src {
		parts[i] = string(s.Kind) + ":" + s.Ref
		if s.Title != "" {
			parts[i] += " (" + s.Title + ")"
		}
	}
	return strings.Join(parts, "; ")
}

func joinClauses(cl []ClauseRef) string {
	parts := make([]string, len(cl))
	for i, c := range cl {
		parts[i] = string(c.Framework) + " " + c.Clause
	}
	return strings.Join(parts, "; ")
}

// scopeNote says which services a report covers.
func scopeNote(s srm.Scope) string {
	if s.IsZero() || s.Whole() {
		return "Services in scope: all services srmkit knows"
	}
	return "Services in scope: " + strings.Join(slices.Collect(s.Services()), ", ")
}

// FrameworksReport lists frameworks: id, name, version, publisher, clause counts and where to
// read the official text.
func FrameworksReport(fws []*frameworks.Framework) *Report {
	r := &Report{Title: "Frameworks", Columns: []string{"id", "name", "version", "publisher", "clauses", "leaves", "source"}}
	infos := make([]frameworks.Info, 0, len(fws))
	for _, f := range fws {
		i := f.Info()
		infos = append(infos, i)
		r.Rows = append(r.Rows, []string{string(i.ID), i.Name, i.Version, i.Publisher, strconv.Itoa(i.Clauses), strconv.Itoa(i.Leaves), i.Source})
	}
	r.Data = infos
	return r
}

// ClausesReport lists every clause of a framework in document order.
func ClausesReport(f *frameworks.Framework) *Report {
	r := &Report{Title: f.Name() + " " + f.Version(), Columns: []string{"id", "parent", "kind", "title", "summary"},
		Notes: []string{"Publisher: " + f.Publisher() + "; official text: " + f.Source(),
			"Titles are official short names; summaries are srmkit's own words."}}
	clauses := []frameworks.Clause{}
	for c := range f.Clauses() {
		clauses = append(clauses, c)
		r.Rows = append(r.Rows, []string{c.ID, c.Parent, string(c.Kind), c.Title, c.Summary})
	}
	r.Data = clauses
	return r
}

// ServicesReport gives, for every service of the model, who owns each layer and what each party
// does there.
func ServicesReport(m *srm.Model) *Report {
	r := &Report{Title: "Shared responsibility by service", Columns: []string{"service", "name", "tier", "layer", "owner", "provider", "customer", "basis"}}
	matrix := Section{Text: []string{"P = provider, C = customer, S = shared; layers bottom to top."}, Columns: []string{"service", "tier"}}
	for _, l := range srm.Layers() {
		matrix.Columns = append(matrix.Columns, string(l))
	}
	r.Sections = []Section{matrix}
	services := []srm.Service{}
	for s := range m.Services() {
		services = append(services, s)
		row := []string{s.ID, string(s.Tier)}
		detail := Section{Heading: fmt.Sprintf("%s (%s, %s)", s.Name, s.Tier, s.Tier.NIST()), Text: []string{s.Summary},
			Columns: []string{"layer", "owner", "provider does", "customer does"}}
		if s.Mixed != "" {
			detail.Text = append(detail.Text, "Mixed: "+s.Mixed)
		}
		if s.Basis != "" {
			detail.Text = append(detail.Text, "Sources: "+s.Basis)
			detail.Columns = append(detail.Columns, "basis")
		}
		for _, a := range s.Layers {
			row = append(row, strings.ToUpper(string(a.Owner)[:1]))
			cells := []string{string(a.Layer), string(a.Owner), a.Provider, a.Customer}
			if s.Basis != "" {
				cells = append(cells, a.Basis)
			}
			detail.Rows = append(detail.Rows, cells)
			r.Rows = append(r.Rows, []string{s.ID, s.Name, string(s.Tier), string(a.Layer), string(a.Owner), a.Provider, a.Customer, a.Basis})
		}
		r.Sections[0].Rows = append(r.Sections[0].Rows, row)
		r.Sections = append(r.Sections, detail)
	}
	r.Data = services
	return r
}

// ControlsReport gives the control catalog: each control's objective, both parties' parts and
// its evidence.
func ControlsReport(m *srm.Model) *Report {
	r := &Report{Title: "Control catalog", Columns: []string{"id", "title", "type", "domain", "layers", "evidence_id", "evidence", "collection", "frequency", "sources", "provider"}}
	controls := []srm.Control{}
	domain := srm.Domain("")
	for c := range m.Controls() {
		controls = append(controls, c)
		if c.Domain != domain {
			domain = c.Domain
			r.Sections = append(r.Sections, Section{Heading: domainTitle(domain)})
		}
		layers := make([]string, len(c.Layers))
		for i, l := range c.Layers {
			layers[i] = string(l)
		}
		s := Section{Heading: string(c.ID) + " " + c.Title, Level: 3,
			Text:    []string{fmt.Sprintf("%s; layers: %s", c.Type, strings.Join(layers, ", ")), c.Objective},
			Bullets: []string{"Provider: " + c.Provider, "Customer: " + c.Customer},
			Columns: []string{"evidence", "provider", "what to show", "collection", "frequency", "sources"}}
		if len(c.Clouds) > 0 {
			// The control's own parts are AWS's; each other cloud says its own.
			s.Bullets = []string{srm.AWS.Name() + ", provider: " + c.Provider, srm.AWS.Name() + ", customer: " + c.Customer}
			for _, pt := range c.Clouds {
				if pt.NotApplicable != "" {
					s.Bullets = append(s.Bullets, "Not applicable on "+pt.Cloud.Name()+": "+pt.NotApplicable)
					continue
				}
				s.Bullets = append(s.Bullets, pt.Cloud.Name()+", provider: "+pt.Provider, pt.Cloud.Name()+", customer: "+pt.Customer)
			}
		}
		for _, e := range c.Evidence {
			s.Rows = append(s.Rows, []string{e.ID, string(e.Provider), e.Description, string(e.Collection), string(e.Frequency), joinSources(e.Sources)})
			r.Rows = append(r.Rows, []string{string(c.ID), c.Title, string(c.Type), string(c.Domain), strings.Join(layers, "; "),
				e.ID, e.Description, string(e.Collection), string(e.Frequency), joinSources(e.Sources), string(e.Provider)})
		}
		r.Sections = append(r.Sections, s)
	}
	r.Data = controls
	return r
}

// SatisfyReport gives the controls that satisfy a clause, as [Catalog.Satisfying] yields them.
func SatisfyReport(f *frameworks.Framework, clause frameworks.Clause, scope srm.Scope, matches []Match) *Report {
	r := &Report{Title: fmt.Sprintf("Controls satisfying %s %s %s", f.Name(), clause.ID, clause.Title),
		Notes:   []string{clause.Summary, scopeNote(scope)},
		Columns: []string{"control", "title", "clause", "relationship", "strength", "coverage", "responsibility", "rationale"}}
	if matches == nil {
		matches = []Match{}
	}
	for _, m := range matches {
		r.Rows = append(r.Rows, []string{string(m.Control), m.Title, m.Clause, string(m.Relationship), strconv.Itoa(m.Strength),
			string(m.Coverage), string(m.Responsibility), m.Rationale})
	}
	r.Data = matches
	return r
}

// CrosswalkReport gives the clause pairs of two frameworks, as [Catalog.Crosswalk] yields them.
func CrosswalkReport(from, to *frameworks.Framework, opt CrosswalkOptions, pairs []Pair) *Report {
	minStrength := opt.MinStrength
	if minStrength == 0 {
		minStrength = DefaultMinStrength
	}
	r := &Report{Title: fmt.Sprintf("Crosswalk from %s to %s", from.Name(), to.Name()),
		Notes:   []string{fmt.Sprintf("Both links of a path at least %d strong; supportive pairs %s.", minStrength, map[bool]string{true: "included", false: "left out"}[opt.Supportive])},
		Columns: []string{"from", "to", "kind", "strength", "via"}}
	if pairs == nil {
		pairs = []Pair{}
	}
	for _, p := range pairs {
		r.Rows = append(r.Rows, []string{p.From, p.To, string(p.Kind), strconv.Itoa(p.Strength), joinIDs(p.Via, "; ")})
	}
	r.Data = pairs
	return r
}

// CoverageReport gives the standing of every leaf clause of a framework, as [Catalog.Coverage]
// yields it, with a count by status.
func CoverageReport(f *frameworks.Framework, organization string, scope srm.Scope, statuses []ClauseStatus) *Report {
	r := &Report{Title: fmt.Sprintf("Coverage of %s %s", f.Name(), f.Version()),
		Columns: []string{"clause", "title", "status", "responsibility", "controls", "supporting", "residual", "reason"}}
	if organization != "" {
		r.Notes = append(r.Notes, "Organisation: "+organization)
	}
	if note := profileNote(f); note != "" {
		r.Notes = append(r.Notes, "In scope: "+note)
	}
	r.Notes = append(r.Notes, scopeNote(scope))
	counts := map[Status]int{}
	body := Section{Heading: "Clauses", Columns: []string{"clause", "title", "status", "responsibility", "controls", "residual or reason"}}
	if statuses == nil {
		statuses = []ClauseStatus{}
	}
	for _, st := range statuses {
		counts[st.Status]++
		r.Rows = append(r.Rows, []string{st.Clause, st.Title, string(st.Status), string(st.Responsibility), joinIDs(st.Controls, "; "),
			joinIDs(st.Supporting, "; "), st.Residual, st.Reason})
		note := st.Residual
		if st.Reason != "" {
			note = st.Reason
		}
		body.Rows = append(body.Rows, []string{st.Clause, st.Title, string(st.Status), string(st.Responsibility), joinIDs(st.Controls, ", "), note})
	}
	sum := Section{Heading: "Summary", Columns: []string{"status", "clauses"}}
	for _, s := range []Status{StatusCovered, StatusPartial, StatusPlanned, StatusGap, StatusNotApplicable} {
		sum.Rows = append(sum.Rows, []string{string(s), strconv.Itoa(counts[s])})
	}
	r.Sections = []Section{sum, body}
	r.Data = statuses
	return r
}

// checklistColumns are the checklist's CSV columns, in order.
var checklistColumns = []string{"control", "title", "evidence", "collection", "sources", "frequency", "responsibility",
	"owner", "status", "clauses", "evidence_id", "domain", "artifact", "evidence_location", "complementary_subservice_controls", "provider"}

// checklistNotes are the notes that open a checklist or an assessment: the organisation, the
// frameworks and the services in scope.
func checklistNotes(fws []*frameworks.Framework, organization string, scope srm.Scope) []string {
	var notes []string
	if organization != "" {
		notes = append(notes, "Organisation: "+organization)
	}
	var names []string
	for _, f := range fws {
		name := f.Name() + " " + f.Version()
		if note := profileNote(f); note != "" {
			name += " [" + note + "]"
		}
		names = append(names, name)
	}
	return append(notes, "Frameworks: "+strings.Join(names, "; "), scopeNote(scope))
}

// profileNote says which profiles of a framework a report covers (for SOC 2, the categories in
// scope), or nothing for a framework without profiles.
func profileNote(f *frameworks.Framework) string {
	profiles := f.Profiles()
	if len(profiles) == 0 {
		return ""
	}
	whole, selected := f.Whole() == f, f.Selected()
	var names []string
	for _, p := range profiles {
		if whole || slices.Contains(selected, p.ID) {
			names = append(names, p.Name)
		}
	}
	if whole {
		return "whole framework: " + strings.Join(names, ", ")
	}
	return strings.Join(names, ", ")
}

// cells are the item's CSV cells, in the order of checklistColumns.
func (it *Item) cells() []string {
	return []string{joinIDs(it.Controls, "; "), it.Title, it.Evidence, string(it.Collection), joinSources(it.Sources),
		string(it.Frequency), string(it.Responsibility), it.Owner, string(it.Status), joinClauses(it.Clauses), it.EvidenceID,
		string(it.Domain), string(it.Artifact), it.Location, strings.Join(it.Relies, "; "), string(it.Provider)}
}

// ChecklistReport gives the evidence checklist, as [Catalog.Checklist] returns it: a summary
// (items by responsibility, automated against manual, per framework), the items grouped by
// control domain, then the provider attestations to request.
func ChecklistReport(fws []*frameworks.Framework, organization string, scope srm.Scope, items []Item) *Report {
	r := &Report{Title: "Evidence checklist", Columns: slices.Clone(checklistColumns), Notes: checklistNotes(fws, organization, scope)}
	if items == nil {
		items = []Item{}
	}
	r.Data = items

	resp := map[srm.Responsibility]int{}
	coll := map[srm.Collection]int{}
	perFw := map[frameworks.ID]int{}
	clausesFw := map[frameworks.ID]map[string]bool{}
	for i := range items {
		it := &items[i]
		r.Rows = append(r.Rows, it.cells())
		resp[it.Responsibility]++
		coll[it.Collection]++
		seen := map[frameworks.ID]bool{}
		for _, c := range it.Clauses {
			if !seen[c.Framework] {
				seen[c.Framework] = true
				perFw[c.Framework]++
			}
			if clausesFw[c.Framework] == nil {
				clausesFw[c.Framework] = map[string]bool{}
			}
			clausesFw[c.Framework][c.Clause] = true
		}
	}
	r.Sections = append(r.Sections,
		Section{Heading: "Summary", Text: []string{fmt.Sprintf("%d items to collect or request.", len(items))},
			Columns: []string{"responsibility", "items"}, Rows: [][]string{
				{string(srm.RespCustomer), strconv.Itoa(resp[srm.RespCustomer])},
				{string(srm.RespShared), strconv.Itoa(resp[srm.RespShared])},
				{string(srm.RespInherited), strconv.Itoa(resp[srm.RespInherited])}}},
		Section{Columns: []string{"collection", "items"}, Rows: [][]string{
			{"automated", strconv.Itoa(coll[srm.Automated])}, {"manual", strconv.Itoa(coll[srm.Manual])}}})
	perFwSec := Section{Columns: []string{"framework", "items serving it", "clauses served"}}
	for _, f := range fws {
		perFwSec.Rows = append(perFwSec.Rows, []string{string(f.ID()), strconv.Itoa(perFw[f.ID()]), strconv.Itoa(len(clausesFw[f.ID()]))})
	}
	r.Sections = append(r.Sections, perFwSec)

	// With several providers in scope, the items any provider needs come first, then each
	// provider's own, each group under its heading with its domains beneath.
	several := len(scope.Providers()) > 1
	domain, group := srm.Domain("-"), srm.Provider("-")
	level := 0
	if several {
		level = 3
	}
	for i := range items {
		it := &items[i]
		if it.Attestation() {
			continue
		}
		if several && it.Provider != group {
			group, domain = it.Provider, "-"
			heading := "Evidence for every provider"
			if group != "" {
				heading = group.Name() + " evidence"
			}
			r.Sections = append(r.Sections, Section{Heading: heading})
		}
		if it.Domain != domain {
			domain = it.Domain
			r.Sections = append(r.Sections, Section{Heading: domainTitle(domain), Level: level,
				Columns: []string{"control", "evidence to collect", "collection", "frequency", "sources", "responsibility", "owner", "status", "clauses"}})
		}
		s := &r.Sections[len(r.Sections)-1]
		s.Rows = append(s.Rows, []string{string(it.Controls[0]) + " " + it.Title, it.Evidence, string(it.Collection), string(it.Frequency),
			joinSources(it.Sources), string(it.Responsibility), it.Owner, string(it.Status), joinClauses(it.Clauses)})
	}
	first := true
	for i := range items {
		it := &items[i]
		if !it.Attestation() {
			continue
		}
		if first {
			r.Sections = append(r.Sections, Section{Heading: "Provider attestations to request",
				Text: []string{"These clauses are met by the provider's controls for the services in scope; the auditor receives the provider's report or certificate instead of the organisation's own evidence."}})
			first = false
		}
		s := Section{Heading: it.Title, Level: 3, Text: []string{it.Evidence},
			Bullets: []string{"Controls covered: " + joinIDs(it.Controls, "; "), "Clauses covered: " + joinClauses(it.Clauses)}}
		if len(it.Relies) > 0 {
			s.Bullets = append(s.Bullets, "Complementary subservice-organisation controls your SOC 2 report relies on: "+strings.Join(it.Relies, "; "))
		}
		r.Sections = append(r.Sections, s)
	}
	return r
}

// MarshalJSON writes the item as the checklist row of the command-line contract: control (the
// ids joined with "; " for an attestation), title, evidence, collection, sources, frequency,
// responsibility, owner, status and clauses, with the evidence id, domain, artifact, evidence
// location and complementary subservice-organisation controls when set.
func (it Item) MarshalJSON() ([]byte, error) { return json.Marshal(it.row()) }

// itemRow is an item's JSON form, the checklist row of the command-line contract.
type itemRow struct {
	Control        string             `json:"control"`
	Title          string             `json:"title"`
	Domain         srm.Domain         `json:"domain,omitempty"`
	EvidenceID     string             `json:"evidence_id,omitempty"`
	Evidence       string             `json:"evidence"`
	Artifact       srm.Artifact       `json:"artifact,omitempty"`
	Collection     srm.Collection     `json:"collection"`
	Sources        []srm.Source       `json:"sources"`
	Frequency      srm.Frequency      `json:"frequency"`
	Responsibility srm.Responsibility `json:"responsibility"`
	Owner          string             `json:"owner"`
	Status         AssignmentStatus   `json:"status"`
	Location       string             `json:"evidence_location,omitempty"`
	Clauses        []ClauseRef        `json:"clauses"`
	Relies         []string           `json:"complementary_subservice_controls,omitempty"`
	Provider       srm.Provider       `json:"provider,omitempty"`
}

func (it *Item) row() itemRow {
	sources := it.Sources
	if sources == nil {
		sources = []srm.Source{}
	}
	clauses := it.Clauses
	if clauses == nil {
		clauses = []ClauseRef{}
	}
	return itemRow{joinIDs(it.Controls, "; "), it.Title, it.Domain, it.EvidenceID, it.Evidence, it.Artifact, it.Collection, sources,
		it.Frequency, it.Responsibility, it.Owner, it.Status, it.Location, clauses, it.Relies, it.Provider}
}

func domainTitle(d srm.Domain) string {
	s := strings.ReplaceAll(string(d), "-", " ")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
