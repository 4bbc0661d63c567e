package mapping_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/srmkit/srmkit/frameworks"
	"github.com/srmkit/srmkit/mapping"
	"github.com/srmkit/srmkit/mapping/load"
	"github.com/srmkit/srmkit/schema"
	"github.com/srmkit/srmkit/srm"
)

func sel(t *testing.T, s string) frameworks.Selection {
	t.Helper()
	out, err := frameworks.ParseSelection(s)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func narrowed(t *testing.T, c *mapping.Catalog, sels ...string) *mapping.Catalog {
	t.Helper()
	var list []frameworks.Selection
	for _, s := range sels {
		list = append(list, sel(t, s))
	}
	n, err := c.Narrow(list...)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func coverageIDs(t *testing.T, c *mapping.Catalog, fw frameworks.ID, scope srm.Scope) []string {
	t.Helper()
	var out []string
	for st := range must(c.Coverage(fw, scope)) {
		out = append(out, st.Clause)
	}
	return out
}

func TestCoverageSOC2Security(t *testing.T) {
	c := narrowed(t, mapping.Default(), "soc2:security")
	all := scopeOf(t, c)
	got := coverageIDs(t, c, frameworks.SOC2, all)
	var want []string
	soc2, _ := frameworks.Lookup("soc2")
	for cl := range soc2.Leaves() {
		if strings.HasPrefix(cl.ID, "CC") {
			want = append(want, cl.ID)
		}
	}
	if len(want) != 33 {
		t.Fatalf("SOC 2 has %d common criteria, want 33", len(want))
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("coverage of soc2:security (-want +got):\n%s", diff)
	}
	// Each one is still accounted for exactly as in the whole framework.
	whole := map[string]mapping.ClauseStatus{}
	for st := range must(mapping.Default().Coverage(frameworks.SOC2, all)) {
		whole[st.Clause] = st
	}
	for st := range must(c.Coverage(frameworks.SOC2, all)) {
		if diff := cmp.Diff(whole[st.Clause], st); diff != "" {
			t.Errorf("%s differs from the whole framework's answer (-whole +narrowed):\n%s", st.Clause, diff)
		}
	}
	// The other frameworks are untouched.
	if diff := cmp.Diff(coverageIDs(t, mapping.Default(), frameworks.ISO27001, all), coverageIDs(t, c, frameworks.ISO27001, all)); diff != "" {
		t.Errorf("ISO 27001 changed (-want +got):\n%s", diff)
	}
}

func TestChecklistSOC2Security(t *testing.T) {
	c := narrowed(t, mapping.Default(), "soc2:security")
	services := []string{"lambda", "apigateway", "dynamodb"}
	whole := checklist(t, mapping.Default(), []frameworks.ID{frameworks.SOC2}, services...)
	sec := checklist(t, c, []frameworks.ID{frameworks.SOC2}, services...)
	if len(sec) >= len(whole) || len(sec) == 0 {
		t.Errorf("soc2:security checklist has %d items, whole SOC 2 %d; want fewer, and some", len(sec), len(whole))
	}
	for _, it := range sec {
		for _, r := range it.Clauses {
			if !strings.HasPrefix(r.Clause, "CC") {
				t.Errorf("%s %s serves %s, outside the common criteria", it.Controls, it.EvidenceID, r.Clause)
			}
		}
	}
	// Adding availability brings the A1 criteria back.
	avail := checklist(t, narrowed(t, mapping.Default(), "soc2:security+availability"), []frameworks.ID{frameworks.SOC2}, services...)
	a1 := 0
	for _, it := range avail {
		for _, r := range it.Clauses {
			if strings.HasPrefix(r.Clause, "A1.") {
				a1++
			}
		}
	}
	if a1 == 0 {
		t.Error("soc2:security+availability checklist serves no A1 criterion")
	}
}

func TestCoverageGDPRRoles(t *testing.T) {
	has := func(ids []string, prefix string) bool {
		return slices.ContainsFunc(ids, func(id string) bool { return id == prefix || strings.HasPrefix(id, prefix+"(") })
	}
	for _, tc := range []struct {
		profile   string
		in, notIn []string
	}{
		{"gdpr:processor", []string{"Art.28(3)", "Art.32(1)", "Art.30(2)", "Art.33(2)"}, []string{"Art.13", "Art.30(1)", "Art.33(1)", "Art.4"}},
		{"gdpr:controller", []string{"Art.13", "Art.30(1)", "Art.32(1)", "Art.33(1)", "Art.28(3)"}, []string{"Art.30(2)", "Art.33(2)", "Art.4"}},
		{"gdpr", []string{"Art.13", "Art.30(1)", "Art.30(2)", "Art.4"}, nil},
	} {
		t.Run(tc.profile, func(t *testing.T) {
			c := narrowed(t, mapping.Default(), tc.profile)
			ids := coverageIDs(t, c, frameworks.GDPR, scopeOf(t, c))
			for _, id := range tc.in {
				if !has(ids, id) {
					t.Errorf("%s coverage lacks %s", tc.profile, id)
				}
			}
			for _, id := range tc.notIn {
				if has(ids, id) {
					t.Errorf("%s coverage lists %s", tc.profile, id)
				}
			}
		})
	}
}

func TestNarrowErrors(t *testing.T) {
	c := mapping.Default()
	for _, tc := range []struct {
		name string
		sels []frameworks.Selection
		err  error
	}{
		{"alias", []frameworks.Selection{{Framework: "soc2", Profiles: []string{"security"}}}, mapping.ErrUnknownFramework},
		{"unknown framework", []frameworks.Selection{{Framework: "soc3-2017"}}, mapping.ErrUnknownFramework},
		{"twice", []frameworks.Selection{{Framework: frameworks.SOC2}, {Framework: frameworks.SOC2, Profiles: []string{"privacy"}}}, mapping.ErrInvalid},
		{"unknown profile", []frameworks.Selection{{Framework: frameworks.SOC2, Profiles: []string{"integrity"}}}, frameworks.ErrUnknownProfile},
		{"no profiles", []frameworks.Selection{{Framework: frameworks.CSF, Profiles: []string{"govern"}}}, frameworks.ErrNoProfiles},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := c.Narrow(tc.sels...)
			if !errors.Is(err, tc.err) || got != nil {
				t.Errorf("Narrow = %v, %v; want nil and an error wrapping %v", got, err, tc.err)
			}
		})
	}
}

func TestSatisfyingOutsideProfile(t *testing.T) {
	c := narrowed(t, mapping.Default(), "soc2:security")
	all := scopeOf(t, c)
	for _, clause := range []string{"A1.2", "A1", "P4.1"} {
		if _, err := c.Satisfying(frameworks.SOC2, clause, all); !errors.Is(err, mapping.ErrOutsideProfile) {
			t.Errorf("Satisfying(%s) error = %v, want ErrOutsideProfile", clause, err)
		}
	}
	if _, err := c.Satisfying(frameworks.SOC2, "A9.9", all); !errors.Is(err, mapping.ErrUnknownClause) {
		t.Errorf("an unknown clause gives %v, want ErrUnknownClause", err)
	}
	ms := must(c.Satisfying(frameworks.SOC2, "CC6", all))
	var got, want []mapping.Match
	for m := range ms.All() {
		got = append(got, m)
	}
	for m := range must(mapping.Default().Satisfying(frameworks.SOC2, "CC6", all)).All() {
		want = append(want, m)
	}
	if len(got) == 0 {
		t.Fatal("CC6 has no matches in soc2:security")
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("CC6 differs from the whole framework (-want +got):\n%s", diff)
	}
	// A GDPR article keeps only the leaves of the role.
	p := narrowed(t, mapping.Default(), "gdpr:processor")
	for m := range must(p.Satisfying(frameworks.GDPR, "Art.33", all)).All() {
		if m.Clause != "Art.33(2)" {
			t.Errorf("gdpr:processor Art.33 yields %s %s", m.Control, m.Clause)
		}
	}
}

func TestNarrowFiltersEveryQuery(t *testing.T) {
	c := narrowed(t, mapping.Default(), "soc2:security")
	for m := range c.Mappings() {
		if m.Framework == frameworks.SOC2 && !strings.HasPrefix(m.Clause, "CC") {
			t.Fatalf("Mappings yields %s %s", m.Control, m.Clause)
		}
	}
	// BAK-01 (backups) serves availability criteria in the whole framework.
	whole, narrow := 0, 0
	for m := range must(mapping.Default().Clauses("BAK-01")) {
		if m.Framework == frameworks.SOC2 && strings.HasPrefix(m.Clause, "A1") {
			whole++
		}
	}
	for m := range must(c.Clauses("BAK-01")) {
		if m.Framework == frameworks.SOC2 && strings.HasPrefix(m.Clause, "A1") {
			narrow++
		}
	}
	if whole == 0 || narrow != 0 {
		t.Errorf("BAK-01 reaches A1 %d times whole, %d times narrowed; want some, then none", whole, narrow)
	}
	for p := range must(c.Crosswalk(frameworks.ISO27001, frameworks.SOC2, mapping.CrosswalkOptions{})) {
		if !strings.HasPrefix(p.To, "CC") {
			t.Fatalf("Crosswalk yields %s → %s", p.From, p.To)
		}
	}
	if diff := cmp.Diff([]frameworks.Selection{{Framework: frameworks.SOC2, Profiles: []string{"security"}}, {Framework: frameworks.ISO27001},
		{Framework: frameworks.CSF}, {Framework: frameworks.GDPR}}, c.Selections()); diff != "" {
		t.Errorf("Selections (-want +got):\n%s", diff)
	}
	// Narrowing again replaces; a selection without profiles makes the framework whole.
	if got := narrowed(t, c, "soc2").Selections()[0]; len(got.Profiles) != 0 {
		t.Errorf("soc2 after soc2:security is %v, want whole", got)
	}
	if got := mapping.Default().Selections()[0]; len(got.Profiles) != 0 {
		t.Errorf("Narrow changed the default catalog: %v", got)
	}
}

func TestOverlayScopeFrameworks(t *testing.T) {
	doc := `srmkit: overlay/v1
scope:
  services: [lambda, s3]
  frameworks: ["soc2:availability", "gdpr:processor"]
exclusions:
  - framework: soc2
    clause: P4.1
    reason: Personal information is out of this report's scope.
`
	o, err := load.Overlay(load.File{Name: "org.yaml", Data: []byte(doc)})
	if err != nil {
		t.Fatal(err)
	}
	c, err := mapping.New(o)
	if err != nil {
		t.Fatal(err)
	}
	want := []frameworks.Selection{{Framework: frameworks.SOC2, Profiles: []string{"security", "availability"}}, {Framework: frameworks.ISO27001},
		{Framework: frameworks.CSF}, {Framework: frameworks.GDPR, Profiles: []string{"processor"}}}
	if diff := cmp.Diff(want, c.Selections()); diff != "" {
		t.Errorf("Selections (-want +got):\n%s", diff)
	}
	if n := len(coverageIDs(t, c, frameworks.SOC2, scopeOf(t, c))); n != 36 {
		t.Errorf("soc2:security+availability coverage has %d clauses, want 36", n)
	}
	// Merging onto a narrowed catalog keeps its narrowing.
	more, err := c.With(&mapping.Overlay{Name: "more", Assignments: []mapping.Assignment{{Control: "IAM-01", Status: mapping.Implemented}}})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, more.Selections()); diff != "" {
		t.Errorf("Selections after With (-want +got):\n%s", diff)
	}

	// Mistakes are positioned, every one at once.
	bad := `srmkit: overlay/v1
scope:
  frameworks: ["soc2:availabilty", "iso27001:annex-a", "soc9"]
`
	o, err = load.Overlay(load.File{Name: "bad.yaml", Data: []byte(bad)})
	if err != nil {
		t.Fatal(err)
	}
	_, err = mapping.New(o)
	var list schema.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("got %v", err)
	}
	type pos struct {
		Line, Col int
		Path      string
	}
	var got []pos
	for _, e := range list {
		got = append(got, pos{e.Line, e.Column, e.Path})
	}
	if diff := cmp.Diff([]pos{{3, 16, "/scope/frameworks/0"}, {3, 36, "/scope/frameworks/1"}, {3, 56, "/scope/frameworks/2"}}, got); diff != "" {
		t.Errorf("positions (-want +got):\n%s\n%v", diff, err)
	}
	for i, cause := range []error{frameworks.ErrUnknownProfile, frameworks.ErrNoProfiles, mapping.ErrUnknownFramework} {
		if i < len(list) && !errors.Is(list[i], cause) {
			t.Errorf("error %d = %v, want one wrapping %v", i, list[i], cause)
		}
	}

	// Two overlays that narrow one framework differently disagree.
	a := &mapping.Overlay{Name: "a", Frameworks: []frameworks.Selection{{Framework: frameworks.GDPR, Profiles: []string{"processor"}}}}
	b := &mapping.Overlay{Name: "b", Frameworks: []frameworks.Selection{{Framework: frameworks.GDPR, Profiles: []string{"controller"}}}}
	if _, err := mapping.New(a, b); !errors.Is(err, mapping.ErrConflict) {
		t.Errorf("conflicting selections give %v, want ErrConflict", err)
	}
	same := &mapping.Overlay{Name: "c", Frameworks: []frameworks.Selection{{Framework: frameworks.GDPR, Profiles: []string{"processor"}}}}
	if _, err := mapping.New(a, same); err != nil {
		t.Errorf("two overlays with the same selection: %v", err)
	}
}
