package mapping_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/srmkit/srmkit/frameworks"
	"github.com/srmkit/srmkit/mapping"
	"github.com/srmkit/srmkit/schema"
	"github.com/srmkit/srmkit/srm"
)

func allScope(t *testing.T) srm.Scope {
	t.Helper()
	s, err := mapping.Default().Scope()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func scopeOf(t *testing.T, c *mapping.Catalog, ids ...string) srm.Scope {
	t.Helper()
	s, err := c.Scope(ids...)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestEveryLeafAccountedNoGap(t *testing.T) {
	c := mapping.Default()
	for f := range frameworks.All() {
		var leaves, got []string
		for l := range f.Leaves() {
			leaves = append(leaves, l.ID)
		}
		for st := range c.Coverage(f.ID(), allScope(t)) {
			got = append(got, st.Clause)
			switch st.Status {
			case mapping.StatusGap:
				t.Errorf("%s %s is a gap with the full catalog", f.ID(), st.Clause)
			case mapping.StatusNotApplicable:
				if st.Reason == "" {
					t.Errorf("%s %s not applicable without a reason", f.ID(), st.Clause)
				}
			default:
				if len(st.Controls) == 0 {
					t.Errorf("%s %s is %s with no controls", f.ID(), st.Clause, st.Status)
				}
			}
		}
		if diff := cmp.Diff(leaves, got); diff != "" {
			t.Errorf("%s coverage does not list every leaf (-want +got):\n%s", f.ID(), diff)
		}
	}
}

func TestMappingsAreComplete(t *testing.T) {
	for m := range mapping.Default().Mappings() {
		if m.Strength < 1 || m.Strength > 10 || len(m.Rationale) < 20 || m.Relationship == "" {
			t.Errorf("%s → %s %s: strength %d, rationale %q", m.Control, m.Framework, m.Clause, m.Strength, m.Rationale)
		}
	}
}

func TestNoOrphanControl(t *testing.T) {
	c := mapping.Default()
	for ctl := range c.Model().Controls() {
		n := 0
		for range c.Clauses(ctl.ID) {
			n++
		}
		if n == 0 {
			t.Errorf("control %s maps to no clause", ctl.ID)
		}
	}
}

func TestSatisfyingParentAggregatesChildren(t *testing.T) {
	c := mapping.Default()
	scope := allScope(t)
	for _, tc := range []struct {
		fw     frameworks.ID
		parent string
	}{{frameworks.CSF, "PR.AA"}, {frameworks.ISO27001, "A.8"}, {frameworks.SOC2, "CC6"}, {frameworks.GDPR, "Art.32"}} {
		f, _ := frameworks.Lookup(string(tc.fw))
		var want []srm.ControlID
		for d := range f.Descendants(tc.parent) {
			for m := range c.Satisfying(tc.fw, d.ID, scope) {
				if !slices.Contains(want, m.Control) {
					want = append(want, m.Control)
				}
			}
		}
		var got []srm.ControlID
		for m := range c.Satisfying(tc.fw, tc.parent, scope) {
			if !slices.Contains(got, m.Control) {
				got = append(got, m.Control)
			}
		}
		slices.Sort(want)
		slices.Sort(got)
		if len(want) == 0 {
			t.Errorf("%s %s: no controls below it", tc.fw, tc.parent)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s %s (-children +parent):\n%s", tc.fw, tc.parent, diff)
		}
	}
}

func TestSatisfyingOrderAndCoverage(t *testing.T) {
	c := mapping.Default()
	prev := 11
	n := 0
	for m := range c.Satisfying(frameworks.SOC2, "CC6.1", allScope(t)) {
		n++
		if m.Strength > prev {
			t.Errorf("not strongest first: %d after %d", m.Strength, prev)
		}
		prev = m.Strength
		if m.Coverage != m.Relationship.Coverage() || m.Title == "" || m.Responsibility == "" {
			t.Errorf("incomplete match %+v", m)
		}
	}
	if n == 0 {
		t.Fatal("nothing satisfies CC6.1")
	}
	if got := slices.Collect(c.Satisfying(frameworks.SOC2, "CC99.9", allScope(t))); len(got) != 0 {
		t.Errorf("unknown clause matched %v", got)
	}
}

func TestRelationshipCoverage(t *testing.T) {
	for r, want := range map[mapping.Relationship]mapping.Coverage{mapping.Equal: mapping.Full, mapping.SupersetOf: mapping.Full,
		mapping.SubsetOf: mapping.Partial, mapping.IntersectsWith: mapping.Partial, mapping.NoRelationship: mapping.None} {
		if got := r.Coverage(); got != want {
			t.Errorf("%s: %s, want %s", r, got, want)
		}
	}
}

func TestCrosswalkIsSelective(t *testing.T) {
	c := mapping.Default()
	pairs := slices.Collect(c.Crosswalk(frameworks.CSF, frameworks.ISO27001))
	subcats := 106
	if len(pairs) < subcats || len(pairs) > 4*subcats*3 {
		t.Errorf("CSF→ISO crosswalk has %d pairs; want between %d and %d", len(pairs), subcats, 4*subcats*3)
	}
	for _, p := range pairs {
		if len(p.Via) == 0 || p.Coverage == mapping.None {
			t.Errorf("pair %+v has no connecting control or coverage", p)
		}
	}
	// Every pair is real: its via controls map to both clauses.
	p := pairs[0]
	for _, v := range p.Via {
		var a, b bool
		for m := range c.Clauses(v) {
			a = a || (m.Framework == frameworks.CSF && m.Clause == p.From)
			b = b || (m.Framework == frameworks.ISO27001 && m.Clause == p.To)
		}
		if !a || !b {
			t.Errorf("%s does not link %s and %s", v, p.From, p.To)
		}
	}
	if n := len(slices.Collect(c.Crosswalk(frameworks.CSF, frameworks.CSF))); n != 0 {
		t.Errorf("self crosswalk has %d pairs", n)
	}
}

// A clause satisfied only by guest-OS patching is the customer's on EC2 and inherited on Lambda.
func TestCoverageFollowsServiceData(t *testing.T) {
	base := mapping.Default()
	var patching srm.ControlID
	for ctl := range base.Model().Controls() {
		if ctl.Domain == srm.DomainPlatformHardening && slices.Equal(ctl.Layers, []srm.Layer{srm.LayerGuestOS}) && len(ctl.Services) == 0 && len(ctl.Tiers) == 0 {
			patching = ctl.ID
			break
		}
	}
	if patching == "" {
		t.Fatal("no guest-OS control")
	}
	f, _ := frameworks.Lookup("csf")
	var fws []*frameworks.Framework
	for fw := range base.Frameworks() {
		fws = append(fws, fw)
	}
	tbl := &mapping.Table{Framework: f.ID(), Mappings: []mapping.Mapping{{Control: patching, Framework: f.ID(), Clause: "PR.PS-02", Relationship: mapping.SubsetOf, Strength: 8, Rationale: "Patching keeps software maintained."}}}
	c, err := mapping.Build(base.Model(), fws, []*mapping.Table{tbl}, false)
	if err != nil {
		t.Fatal(err)
	}
	status := func(services ...string) mapping.Status {
		for st := range c.Coverage(f.ID(), scopeOf(t, c, services...)) {
			if st.Clause == "PR.PS-02" {
				return st.Status
			}
		}
		return ""
	}
	for _, tc := range []struct {
		services []string
		want     mapping.Status
	}{{[]string{"lambda"}, mapping.StatusInherited}, {[]string{"ec2"}, mapping.StatusCustomer}, {[]string{"ec2", "lambda"}, mapping.StatusShared}} {
		if got := status(tc.services...); got != tc.want {
			t.Errorf("%v: %s, want %s", tc.services, got, tc.want)
		}
	}
}

func TestBuildRejectsBadTables(t *testing.T) {
	base := mapping.Default()
	var fws []*frameworks.Framework
	for fw := range base.Frameworks() {
		fws = append(fws, fw)
	}
	doc := `srmkit: mappings/v1
framework: nist-csf-2.0
mappings:
  - {control: NOPE-01, clause: "PR.AA-01", relationship: equal, strength: 5, rationale: "An unknown control here."}
  - {control: IAM-01, clause: "PR.AA-99", relationship: equal, strength: 5, rationale: "An unknown clause here."}
  - {control: IAM-01, clause: "PR.AA", relationship: equal, strength: 5, rationale: "A clause that has children."}
  - {control: IAM-01, clause: "PR.AA-01", relationship: equal, strength: 5, rationale: "First mapping of the pair."}
  - {control: IAM-01, clause: "PR.AA-01", relationship: subset-of, strength: 4, rationale: "The same edge again."}
`
	tbl, err := mapping.ParseTable("t.yaml", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	_, err = mapping.Build(base.Model(), fws, []*mapping.Table{tbl}, true)
	var list schema.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("got %v", err)
	}
	var causes []error
	var lines []int
	for _, e := range list {
		causes = append(causes, e.Err)
		lines = append(lines, e.Line)
	}
	want := []error{mapping.ErrUnknownControl, mapping.ErrUnknownClause, mapping.ErrNotLeaf, mapping.ErrDuplicateEdge}
	if diff := cmp.Diff(want, causes, cmp.Comparer(func(a, b error) bool { return errors.Is(a, b) })); diff != "" {
		t.Errorf("causes (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int{4, 5, 6, 8}, lines); diff != "" {
		t.Errorf("lines (-want +got):\n%s", diff)
	}
}
