package mapping_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/srmkit/srmkit/frameworks"
	"github.com/srmkit/srmkit/mapping"
	"github.com/srmkit/srmkit/mapping/load"
	"github.com/srmkit/srmkit/srm"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func checklist(t *testing.T, c *mapping.Catalog, fws []frameworks.ID, services ...string) []mapping.Item {
	t.Helper()
	return must(c.Checklist(fws, scopeOf(t, c, services...)))
}

// hasGuestOSCustomerEvidence reports whether the checklist asks the customer for evidence of a
// control that acts on the guest operating system.
func hasGuestOSCustomerEvidence(c *mapping.Catalog, items []mapping.Item) bool {
	for _, it := range items {
		if it.Attestation() || it.Responsibility == srm.RespInherited {
			continue
		}
		ctl, _ := c.Model().Control(it.Controls[0])
		for _, l := range ctl.Layers {
			if l == srm.LayerGuestOS && len(ctl.Layers) == 1 {
				return true
			}
		}
	}
	return false
}

func TestChecklistFollowsServices(t *testing.T) {
	c := mapping.Default()
	soc2 := []frameworks.ID{frameworks.SOC2, frameworks.ISO27001, frameworks.CSF}
	if hasGuestOSCustomerEvidence(c, checklist(t, c, soc2, "lambda", "s3")) {
		t.Error("a lambda,s3 checklist asks the customer for guest-OS evidence")
	}
	if !hasGuestOSCustomerEvidence(c, checklist(t, c, soc2, "ec2")) {
		t.Error("an ec2 checklist has no guest-OS evidence for the customer")
	}
	// Evidence tied to services appears only when one of them is in scope.
	inScope := map[string]bool{"aws/lambda": true, "aws/s3": true}
	for _, it := range checklist(t, c, soc2, "lambda", "s3") {
		if it.Attestation() {
			continue
		}
		ctl, _ := c.Model().Control(it.Controls[0])
		for _, e := range ctl.Evidence {
			if e.ID != it.EvidenceID || len(e.Services) == 0 {
				continue
			}
			ok := false
			for _, s := range e.Services {
				ok = ok || inScope[s]
			}
			if !ok {
				t.Errorf("%s is for %v, none of them in scope", e.ID, e.Services)
			}
		}
	}
}

func TestChecklistCollectOnceSatisfyMany(t *testing.T) {
	c := mapping.Default()
	soc2 := checklist(t, c, []frameworks.ID{frameworks.SOC2}, "ec2", "s3", "lambda")
	iso := checklist(t, c, []frameworks.ID{frameworks.ISO27001}, "ec2", "s3", "lambda")
	both := checklist(t, c, []frameworks.ID{frameworks.SOC2, frameworks.ISO27001}, "ec2", "s3", "lambda")
	if len(both) >= len(soc2)+len(iso) {
		t.Errorf("soc2+iso27001 has %d items; the two alone have %d and %d", len(both), len(soc2), len(iso))
	}
	seen := map[string]bool{}
	multi := 0
	for _, it := range both {
		key := it.EvidenceID + "|" + it.Title
		if seen[key] {
			t.Errorf("item %s listed twice", key)
		}
		seen[key] = true
		fws := map[frameworks.ID]bool{}
		for _, cl := range it.Clauses {
			fws[cl.Framework] = true
		}
		if len(fws) == 2 {
			multi++
		}
		// Every clause the item's control serves in these frameworks is listed.
		if it.Attestation() {
			continue
		}
		want := 0
		for m := range must(c.Clauses(it.Controls[0])) {
			if (m.Framework == frameworks.SOC2 || m.Framework == frameworks.ISO27001) && m.Relationship != mapping.NoRelationship {
				want++
			}
		}
		if len(it.Clauses) != want {
			t.Errorf("%s lists %d clauses, its control serves %d", it.EvidenceID, len(it.Clauses), want)
		}
	}
	if multi == 0 {
		t.Error("no item serves both frameworks")
	}
}

func TestChecklistAttestations(t *testing.T) {
	c := mapping.Default()
	items := checklist(t, c, []frameworks.ID{frameworks.SOC2, frameworks.ISO27001}, "lambda")
	var soc2Report *mapping.Item
	for i := range items {
		if items[i].Attestation() && strings.Contains(items[i].Title, "SOC 2") {
			soc2Report = &items[i]
		}
	}
	if soc2Report == nil {
		t.Fatal("no request for the provider's SOC 2 report")
	}
	if len(soc2Report.Clauses) == 0 || len(soc2Report.Relies) == 0 || soc2Report.Responsibility != srm.RespInherited {
		t.Errorf("SOC 2 report item incomplete: %+v", soc2Report)
	}
}

func TestChecklistCSV(t *testing.T) {
	overlay := `srmkit: overlay/v1
controls:
  - id: ACME-01
    title: '=HYPERLINK("http://evil.example","click")'
    type: customer-specific
    domain: governance
    layers: []
    evidence:
      - {description: "+cmd|' /C calc'!A0", collection: manual, frequency: annual, sources: [{kind: document, ref: "@SUM(1)"}]}
mappings:
  - {control: ACME-01, framework: soc2, clause: CC1.1, relationship: subset-of, strength: 3, rationale: "Test mapping with a hostile title."}
assignments:
  - {control: ACME-01, owner: "-2+3", status: planned}
`
	o, err := load.Overlay(load.File{Name: "hostile.yaml", Data: []byte(overlay)})
	if err != nil {
		t.Fatal(err)
	}
	c, err := mapping.New(o)
	if err != nil {
		t.Fatal(err)
	}
	buf := write(t, checklistReport(t, c, []frameworks.ID{frameworks.SOC2}), mapping.CSV)
	rows, err := csv.NewReader(buf).ReadAll()
	if err != nil {
		t.Fatalf("CSV does not parse: %v", err)
	}
	header := []string{"control", "title", "evidence", "collection", "sources", "frequency", "responsibility",
		"owner", "status", "clauses", "evidence_id", "domain", "artifact", "evidence_location", "complementary_subservice_controls", "provider"}
	if diff := cmp.Diff(header, rows[0]); diff != "" {
		t.Errorf("header (-want +got):\n%s", diff)
	}
	for _, col := range []string{"control", "title", "evidence", "collection", "sources", "frequency", "responsibility", "owner", "status", "clauses"} {
		found := false
		for _, h := range rows[0] {
			found = found || h == col
		}
		if !found {
			t.Errorf("column %s missing", col)
		}
	}
	hostile := 0
	for _, r := range rows[1:] {
		if len(r) != len(rows[0]) {
			t.Fatalf("row has %d cells", len(r))
		}
		for _, cell := range r {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("cell %q would run as a formula", cell)
			}
		}
		if r[0] == "ACME-01" {
			hostile++
			if r[1] != `'=HYPERLINK("http://evil.example","click")` || r[7] != "'-2+3" || r[8] != "planned" {
				t.Errorf("hostile row not neutralised as expected: %q", r)
			}
		}
	}
	if hostile != 1 {
		t.Errorf("%d rows for the hostile control", hostile)
	}
}

func TestChecklistMarkdownTables(t *testing.T) {
	overlay := "srmkit: overlay/v1\norganization: \"Pipes | and\\nbreaks <b>bold</b>\"\ncontrols:\n  - id: ACME-01\n    title: \"a | b || c <script>x</script>\"\n    type: customer-specific\n    domain: governance\n    layers: []\n    evidence:\n      - {description: \"line one\\nline | two\", collection: manual, frequency: annual, sources: [{kind: document, ref: \"x|y\"}]}\nmappings:\n  - {control: ACME-01, framework: soc2, clause: CC1.1, relationship: subset-of, strength: 3, rationale: \"Test mapping with pipes in its text.\"}\n"
	o, err := load.Overlay(load.File{Name: "pipes.yaml", Data: []byte(overlay)})
	if err != nil {
		t.Fatal(err)
	}
	c, err := mapping.New(o)
	if err != nil {
		t.Fatal(err)
	}
	fw, _ := frameworks.Lookup("soc2")
	cov := must(c.Coverage(frameworks.SOC2, must(c.Scope())))
	for name, buf := range map[string]*bytes.Buffer{
		"checklist": write(t, checklistReport(t, c, []frameworks.ID{frameworks.SOC2}), mapping.Markdown),
		"coverage":  write(t, mapping.CoverageReport(fw, c.Organization(), must(c.Scope()), slices.Collect(cov)), mapping.Markdown),
	} {
		checkMarkdownTables(t, name, buf.String())
		if strings.Contains(buf.String(), "<b>") || strings.Contains(buf.String(), "<script>") {
			t.Errorf("%s: HTML from the overlay is rendered, not shown", name)
		}
	}
	if !strings.Contains(write(t, checklistReport(t, c, []frameworks.ID{frameworks.SOC2}), mapping.Markdown).String(), `a \| b \|\| c &lt;script&gt;`) {
		t.Error("pipes and HTML in a title were not escaped")
	}
}

// checkMarkdownTables checks that every row of every table has as many cells as its header.
func checkMarkdownTables(t *testing.T, name, md string) {
	t.Helper()
	cells := -1
	for _, line := range strings.Split(md, "\n") {
		if !strings.HasPrefix(line, "|") {
			cells = -1
			continue
		}
		n := strings.Count(strings.ReplaceAll(line, `\|`, ""), "|")
		if cells == -1 {
			cells = n
		} else if n != cells {
			t.Errorf("%s: row has %d cell borders, its table %d: %s", name, n, cells, line)
		}
	}
}

func checklistReport(t *testing.T, c *mapping.Catalog, fws []frameworks.ID, services ...string) *mapping.Report {
	t.Helper()
	var list []*frameworks.Framework
	for _, id := range fws {
		f, err := c.Framework(string(id))
		if err != nil {
			t.Fatal(err)
		}
		list = append(list, f)
	}
	scope := scopeOf(t, c, services...)
	return mapping.ChecklistReport(list, c.Organization(), scope, must(c.Checklist(fws, scope)))
}

func write(t *testing.T, r *mapping.Report, f mapping.Format) *bytes.Buffer {
	t.Helper()
	var b bytes.Buffer
	if err := r.Write(&b, f); err != nil {
		t.Fatal(err)
	}
	return &b
}

func TestChecklistGolden(t *testing.T) {
	c := mapping.Default()
	items := checklist(t, c, []frameworks.ID{frameworks.SOC2}, "ec2", "s3", "lambda")
	r := checklistReport(t, c, []frameworks.ID{frameworks.SOC2}, "ec2", "s3", "lambda")
	md, cv, js := write(t, r, mapping.Markdown), write(t, r, mapping.CSV), write(t, r, mapping.JSON)
	var parsed struct {
		Data string           `json:"data"`
		Rows []map[string]any `json:"rows"`
	}
	if err := json.Unmarshal(js.Bytes(), &parsed); err != nil || len(parsed.Rows) != len(items) || parsed.Data != mapping.Digest() {
		t.Fatalf("JSON: %v, %d items, data %q", err, len(parsed.Rows), parsed.Data)
	}
	golden(t, map[string][]byte{"checklist-soc2-ec2-s3-lambda.md": md.Bytes(), "checklist-soc2-ec2-s3-lambda.csv": cv.Bytes(), "checklist-soc2-ec2-s3-lambda.json": js.Bytes()})
}

// golden compares each output with its file under testdata, or rewrites the files with -update.
func golden(t *testing.T, files map[string][]byte) {
	t.Helper()
	for name, got := range files {
		path := filepath.Join("testdata", name)
		if *update {
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./mapping -run Golden -update)", err)
		}
		if diff := cmp.Diff(string(want), string(got)); diff != "" {
			t.Errorf("%s differs (-want +got); if the change is intended, run go test ./mapping -run Golden -update:\n%s", name, diff)
		}
	}
}
