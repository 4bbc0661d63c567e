package mapping

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/srmkit/srmkit/frameworks"
	"github.com/srmkit/srmkit/srm"
)

// ItemJSON is the stable JSON shape of a checklist item.
type ItemJSON struct {
	Control        string       `json:"control"` // several ids joined with "; " for an attestation
	Title          string       `json:"title"`
	Domain         string       `json:"domain,omitempty"`
	EvidenceID     string       `json:"evidence_id,omitempty"`
	Evidence       string       `json:"evidence"`
	Artifact       string       `json:"artifact,omitempty"`
	Collection     string       `json:"collection"`
	Sources        []srm.Source `json:"sources"`
	Frequency      string       `json:"frequency"`
	Responsibility string       `json:"responsibility"`
	Owner          string       `json:"owner"`
	Status         string       `json:"status"`
	Location       string       `json:"evidence_location,omitempty"`
	Clauses        []ClauseRef  `json:"clauses"`
	Relies         []string     `json:"complementary_subservice_controls,omitempty"`
}

// JSON converts the item to its stable JSON shape.
func (it *Item) JSON() ItemJSON {
	ids := make([]string, len(it.Controls))
	for i, c := range it.Controls {
		ids[i] = string(c)
	}
	return ItemJSON{Control: strings.Join(ids, "; "), Title: it.Title, Domain: string(it.Domain), EvidenceID: it.EvidenceID,
		Evidence: it.Evidence, Artifact: string(it.Artifact), Collection: string(it.Collection), Sources: it.Sources,
		Frequency: string(it.Frequency), Responsibility: string(it.Responsibility), Owner: it.Owner, Status: string(it.Status),
		Location: it.Location, Clauses: it.Clauses, Relies: it.Relies}
}

// WriteChecklistJSON writes the items as a JSON array.
func WriteChecklistJSON(w io.Writer, items []Item) error {
	out := make([]ItemJSON, len(items))
	for i := range items {
		out[i] = items[i].JSON()
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// ChecklistColumns are the CSV columns, in order.
var checklistColumns = []string{"control", "title", "evidence", "collection", "sources", "frequency", "responsibility",
	"owner", "status", "clauses", "evidence_id", "domain", "artifact", "evidence_location", "complementary_subservice_controls"}

// ChecklistColumns returns the CSV header.
func ChecklistColumns() []string { return append([]string(nil), checklistColumns...) }

// WriteChecklistCSV writes one row per item, lists joined with "; ". Cells a spreadsheet would
// read as a formula (starting with =, +, -, @, tab or carriage return) get a leading apostrophe.
func WriteChecklistCSV(w io.Writer, items []Item) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(checklistColumns); err != nil {
		return err
	}
	for i := range items {
		j := items[i].JSON()
		row := []string{j.Control, j.Title, j.Evidence, j.Collection, joinSources(j.Sources), j.Frequency, j.Responsibility,
			j.Owner, j.Status, joinClauses(j.Clauses), j.EvidenceID, j.Domain, j.Artifact, j.Location, strings.Join(j.Relies, "; ")}
		for k := range row {
			row[k] = SafeCell(row[k])
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// SafeCell neutralises text a spreadsheet would run as a formula.
func SafeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func joinSources(src []srm.Source) string {
	parts := make([]string, len(src))
	for i, s := range src {
		parts[i] = string(s.Kind) + ":" + s.Ref
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

// mdText makes text safe in a Markdown table cell: no pipe ends a cell, no line break ends a row,
// and HTML is shown, not rendered.
func mdText(s string) string {
	r := strings.NewReplacer("\\", "\\\\", "|", "\\|", "\r\n", " ", "\n", " ", "\r", " ", "<", "&lt;", ">", "&gt;")
	return r.Replace(s)
}

func mdRow(b *strings.Builder, cells ...string) {
	b.WriteString("|")
	for _, c := range cells {
		b.WriteString(" ")
		b.WriteString(mdText(c))
		b.WriteString(" |")
	}
	b.WriteString("\n")
}

func mdHeader(b *strings.Builder, cells ...string) {
	mdRow(b, cells...)
	b.WriteString("|")
	for range cells {
		b.WriteString(" --- |")
	}
	b.WriteString("\n")
}

// ChecklistMeta describes a checklist for its Markdown heading.
type ChecklistMeta struct {
	Organization string
	Frameworks   []*frameworks.Framework
	Services     []string // empty means every service
}

// WriteChecklistMarkdown writes a document for people: a summary (items by responsibility,
// automated against manual, per framework), then the items grouped by control domain, then the
// provider attestations to request.
func WriteChecklistMarkdown(w io.Writer, meta ChecklistMeta, items []Item) error {
	var b strings.Builder
	b.WriteString("# Evidence checklist\n\n")
	if meta.Organization != "" {
		fmt.Fprintf(&b, "Organisation: %s  \n", mdText(meta.Organization))
	}
	var names []string
	for _, f := range meta.Frameworks {
		names = append(names, f.Name()+" "+f.Version())
	}
	fmt.Fprintf(&b, "Frameworks: %s  \n", mdText(strings.Join(names, "; ")))
	svc := "all services srmkit knows"
	if len(meta.Services) > 0 {
		svc = strings.Join(meta.Services, ", ")
	}
	fmt.Fprintf(&b, "Services in scope: %s\n\n", mdText(svc))

	resp := map[srm.Responsibility]int{}
	coll := map[srm.Collection]int{}
	perFw := map[frameworks.ID]int{}
	clausesFw := map[frameworks.ID]map[string]bool{}
	for i := range items {
		it := &items[i]
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
	b.WriteString("## Summary\n\n")
	fmt.Fprintf(&b, "%d items to collect or request.\n\n", len(items))
	mdHeader(&b, "responsibility", "items")
	for _, r := range []srm.Responsibility{srm.RespCustomer, srm.RespShared, srm.RespInherited} {
		mdRow(&b, string(r), strconv.Itoa(resp[r]))
	}
	b.WriteString("\n")
	mdHeader(&b, "collection", "items")
	mdRow(&b, "automated", strconv.Itoa(coll[srm.Automated]))
	mdRow(&b, "manual", strconv.Itoa(coll[srm.Manual]))
	b.WriteString("\n")
	mdHeader(&b, "framework", "items serving it", "clauses served")
	for _, f := range meta.Frameworks {
		mdRow(&b, string(f.ID()), strconv.Itoa(perFw[f.ID()]), strconv.Itoa(len(clausesFw[f.ID()])))
	}
	b.WriteString("\n")

	domain := srm.Domain("-")
	for i := range items {
		it := &items[i]
		if it.Attestation() {
			continue
		}
		if it.Domain != domain {
			domain = it.Domain
			fmt.Fprintf(&b, "## %s\n\n", domainTitle(domain))
			mdHeader(&b, "control", "evidence to collect", "collection", "frequency", "sources", "responsibility", "owner", "status", "clauses")
		}
		j := it.JSON()
		mdRow(&b, j.Control+" "+j.Title, j.Evidence, j.Collection, j.Frequency, joinSources(j.Sources), j.Responsibility, j.Owner, j.Status, joinClauses(j.Clauses))
		if i+1 == len(items) || items[i+1].Domain != domain || items[i+1].Attestation() {
			b.WriteString("\n")
		}
	}
	first := true
	for i := range items {
		it := &items[i]
		if !it.Attestation() {
			continue
		}
		if first {
			b.WriteString("## Provider attestations to request\n\nThese clauses are met by the provider's controls for the services in scope; the auditor receives the provider's report or certificate instead of the organisation's own evidence.\n\n")
			first = false
		}
		fmt.Fprintf(&b, "### %s\n\n%s\n\n", mdText(it.Title), mdText(it.Evidence))
		fmt.Fprintf(&b, "- Controls covered: %s\n- Clauses covered: %s\n", mdText(it.JSON().Control), mdText(joinClauses(it.Clauses)))
		if len(it.Relies) > 0 {
			fmt.Fprintf(&b, "- Complementary subservice-organisation controls your SOC 2 report relies on: %s\n", mdText(strings.Join(it.Relies, "; ")))
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func domainTitle(d srm.Domain) string {
	s := strings.ReplaceAll(string(d), "-", " ")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
