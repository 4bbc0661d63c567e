package mapping_test

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/srmkit/srmkit/frameworks"
	"github.com/srmkit/srmkit/mapping"
	"github.com/srmkit/srmkit/mapping/load"
	"github.com/srmkit/srmkit/srm"
)

func soaRow(t *testing.T, rows []mapping.Applicability, control string) mapping.Applicability {
	t.Helper()
	for _, r := range rows {
		if r.Control == control {
			return r
		}
	}
	t.Fatalf("no row for %s", control)
	return mapping.Applicability{}
}

func TestStatementOfApplicabilityRows(t *testing.T) {
	c := mapping.Default()
	rows := must(c.StatementOfApplicability(scopeOf(t, c)))
	iso, _ := frameworks.Lookup("iso27001")
	var want []string
	for cl := range iso.Clauses() {
		if cl.Kind == frameworks.KindAnnexControl {
			want = append(want, cl.ID)
		}
	}
	var got []string
	for _, r := range rows {
		got = append(got, r.Control)
		if !r.Applicable || r.Implementation != mapping.ImplUnknown || r.Justification == "" || !strings.HasPrefix(r.Control, r.Theme+".") {
			t.Errorf("%s without an overlay: applicable %v, implementation %q, justification %q, theme %s", r.Control, r.Applicable, r.Implementation, r.Justification, r.Theme)
		}
	}
	if len(want) != 93 {
		t.Fatalf("Annex A has %d controls, want 93", len(want))
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	// An inherited control names the attestation relied on.
	a75 := soaRow(t, rows, "A.7.5")
	if a75.Responsibility != srm.RespInherited || len(a75.Attestations) == 0 || !strings.Contains(a75.Justification, a75.Attestations[0]) {
		t.Errorf("A.7.5: responsibility %s, attestations %v, justification %q", a75.Responsibility, a75.Attestations, a75.Justification)
	}
}

func TestStatementOfApplicabilityOverlay(t *testing.T) {
	o, err := load.ReadOverlay(filepath.Join("testdata", "example-overlay.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	c := must(mapping.New(o))
	rows := must(c.StatementOfApplicability(scopeOf(t, c)))
	got := soaRow(t, rows, "A.7.4")
	want := mapping.Applicability{Theme: "A.7", ThemeTitle: "Physical controls", Control: "A.7.4", Title: "Physical security monitoring",
		Justification: "Excluded: No premises of our own; physical monitoring is inherited from the provider.", Coverage: mapping.StatusNotApplicable,
		Controls: []mapping.ApplicabilityControl{}, Attestations: []string{}, RiskTreatment: []string{}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("A.7.4 (-want +got):\n%s", diff)
	}
	a515 := soaRow(t, rows, "A.5.15")
	if diff := cmp.Diff([]string{"RTP-07"}, a515.RiskTreatment); diff != "" || !strings.Contains(a515.Justification, "RTP-07") {
		t.Errorf("A.5.15 risk treatment (-want +got):\n%s\njustification %q", diff, a515.Justification)
	}
}

func TestStatementOfApplicabilityImplementation(t *testing.T) {
	base := mapping.Default()
	scope := scopeOf(t, base, "ec2", "s3", "lambda")
	var ids []srm.ControlID
	for _, a := range soaRow(t, must(base.StatementOfApplicability(scope)), "A.5.15").Controls {
		ids = append(ids, a.Control)
	}
	if diff := cmp.Diff([]srm.ControlID{"IAM-01", "IAM-08"}, ids); diff != "" {
		t.Fatalf("A.5.15 controls changed; update this test (-want +got):\n%s", diff)
	}
	for _, tc := range []struct {
		name    string
		iam01   mapping.AssignmentStatus
		iam08   mapping.AssignmentStatus
		want    mapping.Implementation
		control int // controls left in the row
	}{
		{"no statuses", "", "", mapping.ImplUnknown, 2},
		{"all implemented", mapping.Implemented, mapping.Implemented, mapping.ImplImplemented, 2},
		{"one implemented, one unsaid", mapping.Implemented, "", mapping.ImplPartiallyImplemented, 2},
		{"one partly", mapping.PartiallyImplemented, mapping.Planned, mapping.ImplPartiallyImplemented, 2},
		{"planned and missing", mapping.Planned, mapping.NotImplemented, mapping.ImplPlanned, 2},
		{"planned and unsaid", "", mapping.Planned, mapping.ImplPlanned, 2},
		{"missing", mapping.NotImplemented, "", mapping.ImplNotImplemented, 2},
		{"the other not applicable", mapping.Implemented, mapping.StatusNA, mapping.ImplImplemented, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := &mapping.Overlay{Name: "org"}
			for id, st := range map[srm.ControlID]mapping.AssignmentStatus{"IAM-01": tc.iam01, "IAM-08": tc.iam08} {
				if st != "" {
					o.Assignments = append(o.Assignments, mapping.Assignment{Control: id, Status: st, Justification: "Not used here."})
				}
			}
			c := must(base.With(o))
			row := soaRow(t, must(c.StatementOfApplicability(scope)), "A.5.15")
			if row.Implementation != tc.want || len(row.Controls) != tc.control {
				t.Errorf("implementation %s with %d controls, want %s with %d", row.Implementation, len(row.Controls), tc.want, tc.control)
			}
		})
	}
}

func TestStatementOfApplicabilityGolden(t *testing.T) {
	o, err := load.ReadOverlay(filepath.Join("testdata", "example-overlay.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	c := must(mapping.New(o))
	scope := scopeOf(t, c)
	r := mapping.ApplicabilityReport(c.Organization(), scope, must(c.StatementOfApplicability(scope)))
	md, cv, js := write(t, r, mapping.Markdown), write(t, r, mapping.CSV), write(t, r, mapping.JSON)
	var parsed struct {
		Data string           `json:"data"`
		Rows []map[string]any `json:"rows"`
	}
	if err := json.Unmarshal(js.Bytes(), &parsed); err != nil || len(parsed.Rows) != 93 || parsed.Data != mapping.Digest() {
		t.Fatalf("JSON: %v, %d rows, data %q", err, len(parsed.Rows), parsed.Data)
	}
	golden(t, map[string][]byte{"soa-example-overlay.md": md.Bytes(), "soa-example-overlay.csv": cv.Bytes(), "soa-example-overlay.json": js.Bytes()})
}
