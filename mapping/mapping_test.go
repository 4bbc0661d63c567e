package mapping_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/srmkit/srmkit/frameworks"
	"github.com/srmkit/srmkit/mapping"
	"github.com/srmkit/srmkit/mapping/load"
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
		for st := range must(c.Coverage(f.ID(), allScope(t))) {
			got = append(got, st.Clause)
			switch st.Status {
			case mapping.StatusGap:
				t.Errorf("%s %s is a gap with the full catalog", f.ID(), st.Clause)
			case mapping.StatusNotApplicable:
				if st.Reason == "" {
					t.Errorf("%s %s not applicable without a reason", f.ID(), st.Clause)
				}
			case mapping.StatusCovered, mapping.StatusPartial:
				if len(st.Controls) == 0 || st.Responsibility == "" {
					t.Errorf("%s %s is %s with no controls or responsibility", f.ID(), st.Clause, st.Status)
				}
				if (st.Status == mapping.StatusPartial) != (st.Residual != "") {
					t.Errorf("%s %s is %s with residual %q", f.ID(), st.Clause, st.Status, st.Residual)
				}
			default:
				t.Errorf("%s %s is %s without an overlay", f.ID(), st.Clause, st.Status)
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
		for range must(c.Clauses(ctl.ID)) {
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
			for m := range must(c.Satisfying(tc.fw, d.ID, scope)).All() {
				if !slices.Contains(want, m.Control) {
					want = append(want, m.Control)
				}
			}
		}
		var got []srm.ControlID
		for m := range must(c.Satisfying(tc.fw, tc.parent, scope)).All() {
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
	for m := range must(c.Satisfying(frameworks.SOC2, "CC6.1", allScope(t))).All() {
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
}

func TestRelationshipCoverage(t *testing.T) {
	for r, want := range map[mapping.Relationship]mapping.Coverage{mapping.Equal: mapping.Full, mapping.SupersetOf: mapping.Full,
		mapping.SubsetOf: mapping.Partial, mapping.IntersectsWith: mapping.Partial, mapping.NoRelationship: mapping.None, mapping.Supports: mapping.None} {
		if got := r.Coverage(); got != want {
			t.Errorf("%s: %s, want %s", r, got, want)
		}
	}
}

// NIST's informative references from CSF 2.0 to ISO/IEC 27001:2022 list about 330
// subcategory-level pairs; a derived crosswalk that is many times larger is noise.
const nistCSFToISOPairs = 330

func TestCrosswalkIsSelective(t *testing.T) {
	c := mapping.Default()
	direct := slices.Collect(must(c.Crosswalk(frameworks.CSF, frameworks.ISO27001, mapping.CrosswalkOptions{})))
	all := slices.Collect(must(c.Crosswalk(frameworks.CSF, frameworks.ISO27001, mapping.CrosswalkOptions{Supportive: true})))
	if n := len(direct); n < 106 || n > 2*nistCSFToISOPairs {
		t.Errorf("default CSF→ISO crosswalk has %d pairs; want between 106 and %d", n, 2*nistCSFToISOPairs)
	}
	if n := len(all); n < len(direct) || n > 3*nistCSFToISOPairs {
		t.Errorf("CSF→ISO crosswalk with supportive pairs has %d; want between %d and %d", n, len(direct), 3*nistCSFToISOPairs)
	}
	links := map[[3]string]mapping.Mapping{}
	for m := range c.Mappings() {
		links[[3]string{string(m.Control), string(m.Framework), m.Clause}] = m
	}
	for _, p := range all {
		if len(p.Via) == 0 || p.Strength < mapping.DefaultMinStrength {
			t.Errorf("pair %+v has no linking control or is too weak", p)
		}
		// Every pair is real: its via controls map to both clauses, at the threshold, with
		// set-theory links on both sides exactly when the pair is direct.
		best := 0
		for _, v := range p.Via {
			a, okA := links[[3]string{string(v), string(frameworks.CSF), p.From}]
			b, okB := links[[3]string{string(v), string(frameworks.ISO27001), p.To}]
			if !okA || !okB || min(a.Strength, b.Strength) < mapping.DefaultMinStrength {
				t.Errorf("%s does not link %s and %s at strength %d", v, p.From, p.To, mapping.DefaultMinStrength)
				continue
			}
			if impl := a.Relationship.Implements() && b.Relationship.Implements(); impl != (p.Kind == mapping.Direct) {
				t.Errorf("%s links %s and %s as %s/%s in a %s pair", v, p.From, p.To, a.Relationship, b.Relationship, p.Kind)
			}
			best = max(best, min(a.Strength, b.Strength))
		}
		if best != p.Strength {
			t.Errorf("pair %s→%s has strength %d; its strongest path is %d", p.From, p.To, p.Strength, best)
		}
	}
	loose := slices.Collect(must(c.Crosswalk(frameworks.CSF, frameworks.ISO27001, mapping.CrosswalkOptions{MinStrength: 4})))
	if len(loose) <= len(direct) {
		t.Errorf("lowering the threshold to 4 gives %d pairs, no more than the default's %d", len(loose), len(direct))
	}
}

// A clause satisfied only by guest-OS patching is the customer's on EC2 and inherited on Lambda.
func TestCoverageFollowsServiceData(t *testing.T) {
	base := mapping.Default()
	var patching srm.ControlID
	for ctl := range base.Model().Controls() {
		if ctl.Domain == srm.DomainPlatformHardening && slices.Equal(ctl.Layers, []srm.Layer{srm.LayerGuestOS}) && len(ctl.Tiers) == 0 &&
			(len(ctl.Services) == 0 || slices.Contains(ctl.Services, "aws/ec2") && slices.Contains(ctl.Services, "aws/lambda")) {
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
	status := func(services ...string) srm.Responsibility {
		for st := range must(c.Coverage(f.ID(), scopeOf(t, c, services...))) {
			if st.Clause == "PR.PS-02" {
				return st.Responsibility
			}
		}
		return ""
	}
	for _, tc := range []struct {
		services []string
		want     srm.Responsibility
	}{{[]string{"lambda"}, srm.RespInherited}, {[]string{"ec2"}, srm.RespCustomer}, {[]string{"ec2", "lambda"}, srm.RespShared}} {
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
	tbl, err := load.Table(load.File{Name: "t.yaml", Data: []byte(doc)})
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
