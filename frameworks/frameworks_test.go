package frameworks_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/srmkit/srmkit/frameworks"
)

// seq expands a compact id range: seq("CC6.", 1, 8) = CC6.1 … CC6.8.
func seq(prefix string, from, to int, format ...string) []string {
	f := "%s%d"
	if len(format) > 0 {
		f = format[0]
	}
	var out []string
	for i := from; i <= to; i++ {
		out = append(out, fmt.Sprintf(f, prefix, i))
	}
	return out
}

func ids(t *testing.T, id frameworks.ID, kind frameworks.Kind) []string {
	t.Helper()
	f, ok := frameworks.Lookup(string(id))
	if !ok {
		t.Fatalf("framework %s missing", id)
	}
	var out []string
	for c := range f.Clauses() {
		if kind == "" || c.Kind == kind {
			out = append(out, c.ID)
		}
	}
	return out
}

func TestSOC2Complete(t *testing.T) {
	want := []string{}
	series := []struct {
		id string
		n  int
	}{{"CC1", 5}, {"CC2", 3}, {"CC3", 4}, {"CC4", 2}, {"CC5", 3}, {"CC6", 8}, {"CC7", 5}, {"CC8", 1}, {"CC9", 2},
		{"A1", 3}, {"C1", 2}, {"PI1", 5}, {"P1", 1}, {"P2", 1}, {"P3", 2}, {"P4", 3}, {"P5", 2}, {"P6", 7}, {"P7", 1}, {"P8", 1}}
	criteria := 0
	for _, s := range series {
		want = append(want, s.id)
		want = append(want, seq(s.id+".", 1, s.n)...)
		criteria += s.n
	}
	if criteria != 61 {
		t.Fatalf("test table has %d criteria, want 61", criteria)
	}
	if diff := cmp.Diff(want, ids(t, frameworks.SOC2, "")); diff != "" {
		t.Errorf("SOC 2 clause ids (-want +got):\n%s", diff)
	}
}

func TestISO27001Complete(t *testing.T) {
	want := []string{
		"4", "4.1", "4.2", "4.3", "4.4",
		"5", "5.1", "5.2", "5.3",
		"6", "6.1", "6.1.1", "6.1.2", "6.1.3", "6.2", "6.3",
		"7", "7.1", "7.2", "7.3", "7.4", "7.5", "7.5.1", "7.5.2", "7.5.3",
		"8", "8.1", "8.2", "8.3",
		"9", "9.1", "9.2", "9.2.1", "9.2.2", "9.3", "9.3.1", "9.3.2", "9.3.3",
		"10", "10.1", "10.2",
	}
	for _, th := range []struct {
		id string
		n  int
	}{{"A.5", 37}, {"A.6", 8}, {"A.7", 14}, {"A.8", 34}} {
		want = append(want, th.id)
		want = append(want, seq(th.id+".", 1, th.n)...)
	}
	got := ids(t, frameworks.ISO27001, "")
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ISO/IEC 27001 clause ids (-want +got):\n%s", diff)
	}
	if n := len(ids(t, frameworks.ISO27001, frameworks.KindAnnexControl)); n != 93 {
		t.Errorf("Annex A controls = %d, want 93", n)
	}
}

func TestCSF2Complete(t *testing.T) {
	cats := []struct {
		id   string
		subs []int
	}{
		{"GV.OC", []int{1, 2, 3, 4, 5}}, {"GV.RM", []int{1, 2, 3, 4, 5, 6, 7}}, {"GV.RR", []int{1, 2, 3, 4}},
		{"GV.PO", []int{1, 2}}, {"GV.OV", []int{1, 2, 3}}, {"GV.SC", []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}},
		{"ID.AM", []int{1, 2, 3, 4, 5, 7, 8}}, {"ID.RA", []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}}, {"ID.IM", []int{1, 2, 3, 4}},
		{"PR.AA", []int{1, 2, 3, 4, 5, 6}}, {"PR.AT", []int{1, 2}}, {"PR.DS", []int{1, 2, 10, 11}},
		{"PR.PS", []int{1, 2, 3, 4, 5, 6}}, {"PR.IR", []int{1, 2, 3, 4}},
		{"DE.CM", []int{1, 2, 3, 6, 9}}, {"DE.AE", []int{2, 3, 4, 6, 7, 8}},
		{"RS.MA", []int{1, 2, 3, 4, 5}}, {"RS.AN", []int{3, 6, 7, 8}}, {"RS.CO", []int{2, 3}}, {"RS.MI", []int{1, 2}},
		{"RC.RP", []int{1, 2, 3, 4, 5, 6}}, {"RC.CO", []int{3, 4}},
	}
	var want []string
	fn := ""
	subs := 0
	for _, c := range cats {
		if f := c.id[:2]; f != fn {
			fn = f
			want = append(want, f)
		}
		want = append(want, c.id)
		for _, n := range c.subs {
			want = append(want, fmt.Sprintf("%s-%02d", c.id, n))
			subs++
		}
	}
	if subs != 106 || len(cats) != 22 {
		t.Fatalf("test table: %d categories, %d subcategories", len(cats), subs)
	}
	if diff := cmp.Diff(want, ids(t, frameworks.CSF, "")); diff != "" {
		t.Errorf("CSF 2.0 clause ids (-want +got):\n%s", diff)
	}
}

func TestGDPRComplete(t *testing.T) {
	chapters := []struct {
		id       string
		from, to int
	}{{"Ch.I", 1, 4}, {"Ch.II", 5, 11}, {"Ch.III", 12, 23}, {"Ch.IV", 24, 43}, {"Ch.V", 44, 50}, {"Ch.VI", 51, 59},
		{"Ch.VII", 60, 76}, {"Ch.VIII", 77, 84}, {"Ch.IX", 85, 91}, {"Ch.X", 92, 93}, {"Ch.XI", 94, 99}}
	f, _ := frameworks.Lookup("gdpr")
	var gotCh []string
	for c := range f.Roots() {
		gotCh = append(gotCh, c.ID)
	}
	var wantCh []string
	for _, ch := range chapters {
		wantCh = append(wantCh, ch.id)
		var got []string
		for c := range f.Children(ch.id) {
			got = append(got, c.ID)
		}
		if diff := cmp.Diff(seq("Art.", ch.from, ch.to), got); diff != "" {
			t.Errorf("articles of %s (-want +got):\n%s", ch.id, diff)
		}
	}
	if diff := cmp.Diff(wantCh, gotCh); diff != "" {
		t.Errorf("chapters (-want +got):\n%s", diff)
	}
	// Articles that bind controllers and processors are broken down to paragraphs, except
	// those the Regulation writes as one unnumbered paragraph.
	single := map[int]bool{10: true, 16: true, 19: true, 29: true, 31: true, 44: true, 48: true}
	for a := 5; a <= 49; a++ {
		id := fmt.Sprintf("Art.%d", a)
		n := 0
		for range f.Children(id) {
			n++
		}
		if single[a] != (n == 0) {
			t.Errorf("%s has %d paragraphs", id, n)
		}
	}
	for _, id := range []string{"Art.5(1)(f)", "Art.6(1)(f)", "Art.28(3)(h)", "Art.30(1)(g)", "Art.32(1)(d)", "Art.33(3)(d)", "Art.46(2)(f)", "Art.49(1)(g)"} {
		if _, ok := f.Clause(id); !ok {
			t.Errorf("%s missing", id)
		}
	}
}

func TestClausesWellFormed(t *testing.T) {
	for f := range frameworks.All() {
		titles := map[string]string{}
		for c := range f.Clauses() {
			if strings.TrimSpace(c.Title) == "" || len(c.Summary) < 20 {
				t.Errorf("%s %s: title or summary too thin", f.ID(), c.ID)
			}
			if prev, dup := titles[c.Summary]; dup {
				t.Errorf("%s: %s repeats the summary of %s", f.ID(), c.ID, prev)
			}
			titles[c.Summary] = c.ID
			if c.Parent != "" {
				p, ok := f.Clause(c.Parent)
				if !ok {
					t.Errorf("%s %s: parent %s missing", f.ID(), c.ID, c.Parent)
				} else if !strings.HasPrefix(c.ID, p.ID) && !strings.HasPrefix(c.ID, "Art.") {
					t.Errorf("%s %s: id does not extend its parent %s", f.ID(), c.ID, p.ID)
				}
			}
		}
		if f.Source() == "" || f.Publisher() == "" || f.Version() == "" {
			t.Errorf("%s: missing metadata", f.ID())
		}
	}
}

func TestLookupAliases(t *testing.T) {
	for alias, want := range map[string]frameworks.ID{"soc2": frameworks.SOC2, "ISO27001": frameworks.ISO27001, "csf": frameworks.CSF, "gdpr": frameworks.GDPR, "gdpr-2016": frameworks.GDPR} {
		if got, ok := frameworks.Resolve(alias); !ok || got != want {
			t.Errorf("Resolve(%q) = %q, %v; want %q", alias, got, ok, want)
		}
	}
	if _, ok := frameworks.Resolve("pci"); ok {
		t.Error("Resolve(pci) succeeded")
	}
}

func TestHierarchy(t *testing.T) {
	f, _ := frameworks.Lookup("gdpr")
	var anc []string
	for c := range f.Ancestors("Art.32(1)(a)") {
		anc = append(anc, c.ID)
	}
	if diff := cmp.Diff([]string{"Art.32(1)", "Art.32", "Ch.IV"}, anc); diff != "" {
		t.Errorf("ancestors (-want +got):\n%s", diff)
	}
	var desc []string
	for c := range f.Descendants("Art.32") {
		desc = append(desc, c.ID)
	}
	want := []string{"Art.32(1)", "Art.32(1)(a)", "Art.32(1)(b)", "Art.32(1)(c)", "Art.32(1)(d)", "Art.32(2)", "Art.32(3)", "Art.32(4)"}
	if diff := cmp.Diff(want, desc); diff != "" {
		t.Errorf("descendants (-want +got):\n%s", diff)
	}
	if f.IsLeaf("Art.32") || !f.IsLeaf("Art.32(2)") || f.IsLeaf("Art.999") {
		t.Error("IsLeaf wrong")
	}
	iso, _ := frameworks.Lookup("iso27001")
	leaves := slices.Collect(func(yield func(string) bool) {
		for c := range iso.Leaves() {
			if !yield(c.ID) {
				return
			}
		}
	})
	if len(leaves) != 30+93 {
		t.Errorf("ISO leaves = %d, want 123", len(leaves))
	}
}
