package frameworks_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/srmkit/srmkit/frameworks"
)

func TestParseSelection(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want frameworks.Selection
		err  error
	}{
		{in: "soc2", want: frameworks.Selection{Framework: frameworks.SOC2}},
		{in: " SOC2-2017 ", want: frameworks.Selection{Framework: frameworks.SOC2}},
		{in: "soc2:security", want: frameworks.Selection{Framework: frameworks.SOC2, Profiles: []string{"security"}}},
		// Security is always in; declaration order, whatever order was written.
		{in: "soc2:privacy+availability", want: frameworks.Selection{Framework: frameworks.SOC2, Profiles: []string{"security", "availability", "privacy"}}},
		{in: "soc2:Availability+availability", want: frameworks.Selection{Framework: frameworks.SOC2, Profiles: []string{"security", "availability"}}},
		{in: "soc2:security+availability+processing-integrity+confidentiality+privacy",
			want: frameworks.Selection{Framework: frameworks.SOC2, Profiles: []string{"security", "availability", "processing-integrity", "confidentiality", "privacy"}}},
		{in: "gdpr:processor", want: frameworks.Selection{Framework: frameworks.GDPR, Profiles: []string{"processor"}}},
		{in: "gdpr-2016:processor+controller", want: frameworks.Selection{Framework: frameworks.GDPR, Profiles: []string{"controller", "processor"}}},
		{in: "iso27001", want: frameworks.Selection{Framework: frameworks.ISO27001}},
		{in: "", err: frameworks.ErrSelection},
		{in: ":security", err: frameworks.ErrSelection},
		{in: "soc3:security", err: frameworks.ErrSelection},
		{in: "soc2:", err: frameworks.ErrSelection},
		{in: "soc2:security+", err: frameworks.ErrSelection},
		{in: "soc2:+availability", err: frameworks.ErrSelection},
		{in: "soc2:availabilty", err: frameworks.ErrUnknownProfile},
		{in: "soc2:controller", err: frameworks.ErrUnknownProfile},
		{in: "gdpr:security", err: frameworks.ErrUnknownProfile},
		{in: "iso27001:annex-a", err: frameworks.ErrNoProfiles},
		{in: "csf:govern", err: frameworks.ErrNoProfiles},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := frameworks.ParseSelection(tc.in)
			if tc.err != nil {
				if !errors.Is(err, tc.err) || !errors.Is(err, frameworks.ErrSelection) {
					t.Fatalf("ParseSelection(%q) = %v, %v; want an error wrapping %v and ErrSelection", tc.in, got, err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseSelection(%q): %v", tc.in, err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("ParseSelection(%q) (-want +got):\n%s", tc.in, diff)
			}
			// What String writes, ParseSelection reads back.
			again, err := frameworks.ParseSelection(got.String())
			if err != nil || !cmp.Equal(got, again) {
				t.Errorf("round trip of %q: %v, %v", got, again, err)
			}
		})
	}
}

func TestUnknownProfileListsValid(t *testing.T) {
	_, err := frameworks.ParseSelection("soc2:availabilty")
	want := `invalid framework selection "soc2:availabilty": unknown profile "availabilty" of soc2-2017 (valid: security, availability, processing-integrity, confidentiality, privacy)`
	if err == nil || err.Error() != want {
		t.Errorf("error = %v\nwant   %s", err, want)
	}
}

func leafIDs(f *frameworks.Framework) []string {
	var out []string
	for c := range f.Leaves() {
		out = append(out, c.ID)
	}
	return out
}

func narrow(t *testing.T, id frameworks.ID, profiles ...string) *frameworks.Framework {
	t.Helper()
	f, _ := frameworks.Lookup(string(id))
	n, err := f.Narrow(profiles...)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestSOC2Categories(t *testing.T) {
	sec := narrow(t, frameworks.SOC2, "security")
	var want []string
	for _, s := range []struct {
		id string
		n  int
	}{{"CC1", 5}, {"CC2", 3}, {"CC3", 4}, {"CC4", 2}, {"CC5", 3}, {"CC6", 8}, {"CC7", 5}, {"CC8", 1}, {"CC9", 2}} {
		want = append(want, seq(s.id+".", 1, s.n)...)
	}
	if len(want) != 33 {
		t.Fatalf("test table has %d common criteria, want 33", len(want))
	}
	if diff := cmp.Diff(want, leafIDs(sec)); diff != "" {
		t.Errorf("soc2:security leaves (-want +got):\n%s", diff)
	}
	if got := sec.Len(); got != 33+9 {
		t.Errorf("soc2:security has %d clauses, want 42 (9 series, 33 criteria)", got)
	}
	if _, ok := sec.Clause("A1.2"); ok {
		t.Error("soc2:security holds A1.2")
	}
	avail := narrow(t, frameworks.SOC2, "availability")
	if diff := cmp.Diff(append(slices.Clone(want), "A1.1", "A1.2", "A1.3"), leafIDs(avail)); diff != "" {
		t.Errorf("soc2:availability leaves (-want +got):\n%s", diff)
	}
	// Every clause of SOC 2 is in exactly one category, the one its series prefix names.
	whole, _ := frameworks.Lookup("soc2")
	prefix := map[string]string{"CC": "security", "A": "availability", "PI": "processing-integrity", "C": "confidentiality", "P": "privacy"}
	for c := range whole.Clauses() {
		p := c.ID[:len(c.ID)-len(trimLetters(c.ID))]
		if c.Category != prefix[p] {
			t.Errorf("%s has category %q, want %q", c.ID, c.Category, prefix[p])
		}
	}
	all := narrow(t, frameworks.SOC2, "availability", "processing-integrity", "confidentiality", "privacy")
	if diff := cmp.Diff(leafIDs(whole), leafIDs(all)); diff != "" {
		t.Errorf("every category together is not the whole framework (-want +got):\n%s", diff)
	}
}

func trimLetters(s string) string {
	for i, r := range s {
		if r >= '0' && r <= '9' {
			return s[i:]
		}
	}
	return ""
}

func TestGDPRRoles(t *testing.T) {
	ctl := narrow(t, frameworks.GDPR, "controller")
	proc := narrow(t, frameworks.GDPR, "processor")
	in := func(f *frameworks.Framework, id string) bool { _, ok := f.Clause(id); return ok }
	for _, tc := range []struct {
		clause          string
		controller, pro bool
	}{
		{"Art.13", true, false},
		{"Art.13(1)(a)", true, false},
		{"Art.30(1)", true, false},
		{"Art.30(1)(a)", true, false},
		{"Art.30(2)", false, true},
		{"Art.30(2)(a)", false, true},
		{"Art.28(1)", true, false},
		{"Art.28(2)", false, true},
		{"Art.28(3)", true, true},
		{"Art.28(3)(a)", true, true},
		{"Art.32(1)", true, true},
		{"Art.32(1)(a)", true, true},
		{"Art.33(1)", true, false},
		{"Art.33(2)", false, true},
		{"Art.37(1)(a)", true, true},
		{"Art.4", false, false},
		{"Art.51", false, false},
	} {
		if got := in(ctl, tc.clause); got != tc.controller {
			t.Errorf("gdpr:controller holds %s = %v, want %v", tc.clause, got, tc.controller)
		}
		if got := in(proc, tc.clause); got != tc.pro {
			t.Errorf("gdpr:processor holds %s = %v, want %v", tc.clause, got, tc.pro)
		}
	}
	// Every leaf of the GDPR says whom it binds; parents do not. The counts are the README's.
	whole, _ := frameworks.Lookup("gdpr")
	count := map[string]int{}
	for c := range whole.Clauses() {
		if leaf := whole.IsLeaf(c.ID); leaf != (c.Binds != "") {
			t.Errorf("%s: leaf %v, binds %q", c.ID, leaf, c.Binds)
		}
		count[c.Binds]++
	}
	delete(count, "")
	if diff := cmp.Diff(map[string]int{"controller": 183, "processor": 8, "both": 105, "neither": 151}, count); diff != "" {
		t.Errorf("leaves by whom they bind (-want +got):\n%s", diff)
	}
	// The roles together drop only the leaves that bind neither.
	both := narrow(t, frameworks.GDPR, "controller", "processor")
	neither := 0
	for c := range whole.Leaves() {
		if c.Binds == frameworks.BindsNeither {
			neither++
			if in(both, c.ID) {
				t.Errorf("gdpr:controller+processor holds %s, which binds neither", c.ID)
			}
		}
	}
	if got, want := len(leafIDs(both)), len(leafIDs(whole))-neither; got != want {
		t.Errorf("gdpr:controller+processor has %d leaves, want %d", got, want)
	}
}

func TestNarrowKeepsStructure(t *testing.T) {
	whole, _ := frameworks.Lookup("gdpr")
	proc := narrow(t, frameworks.GDPR, "processor")
	if proc.Whole() != whole || whole.Whole() != whole {
		t.Error("Whole does not lead back to the built-in framework")
	}
	if diff := cmp.Diff([]string{"processor"}, proc.Selected()); diff != "" {
		t.Errorf("Selected (-want +got):\n%s", diff)
	}
	if whole.Selected() != nil {
		t.Errorf("a whole framework has selected profiles %v", whole.Selected())
	}
	for c := range proc.Clauses() {
		// A narrowed framework never turns a parent into a leaf: a parent is kept only for
		// a kept leaf below it.
		if proc.IsLeaf(c.ID) != whole.IsLeaf(c.ID) {
			t.Errorf("%s is a leaf in one and not the other", c.ID)
		}
		if c.Parent != "" {
			if _, ok := proc.Clause(c.Parent); !ok {
				t.Errorf("%s kept without its parent %s", c.ID, c.Parent)
			}
		}
	}
	again, err := proc.Narrow("controller")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"controller"}, again.Selected()); diff != "" {
		t.Errorf("narrowing again does not replace the profiles (-want +got):\n%s", diff)
	}
	if w, err := proc.Narrow(); err != nil || w != whole {
		t.Errorf("Narrow() = %v, %v; want the whole framework", w, err)
	}
}

func TestNewChecksProfiles(t *testing.T) {
	profs := []frameworks.Profile{{ID: "core", Name: "Core", Summary: "Always in scope.", Required: true}, {ID: "extra", Name: "Extra", Summary: "Optional part."}}
	for _, tc := range []struct {
		name     string
		profiles []frameworks.Profile
		clauses  []frameworks.Clause
		bad      []string // clauses the errors name
	}{
		{"fine", profs, []frameworks.Clause{{ID: "A", Category: "core"}, {ID: "A1", Parent: "A", Category: "core"}, {ID: "B1", Category: "extra"}}, nil},
		{"leaf without profile", profs, []frameworks.Clause{{ID: "A"}, {ID: "A1", Parent: "A"}}, []string{"A1"}},
		{"undeclared category", profs, []frameworks.Clause{{ID: "A1", Category: "other"}}, []string{"A1"}},
		{"child disagrees with parent", profs, []frameworks.Clause{{ID: "A", Category: "core"}, {ID: "A1", Parent: "A", Category: "extra"}}, []string{"A1"}},
		{"binds without roles", profs, []frameworks.Clause{{ID: "A1", Binds: "both"}}, []string{"A1"}},
		{"both fields", profs, []frameworks.Clause{{ID: "A1", Category: "core", Binds: "neither"}}, []string{"A1"}},
		{"profile data without profiles", nil, []frameworks.Clause{{ID: "A1", Category: "core"}, {ID: "A2", Binds: "controller"}}, []string{"A1", "A2"}},
		{"unknown party", []frameworks.Profile{{ID: "controller"}, {ID: "processor"}}, []frameworks.Clause{{ID: "A1", Binds: "nobody"}, {ID: "A2", Binds: "both"}}, []string{"A1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := frameworks.New(frameworks.Info{ID: "test", Profiles: tc.profiles}, tc.clauses)
			var got []string
			if err != nil {
				if !errors.Is(err, frameworks.ErrProfileData) {
					t.Fatalf("error %v does not wrap ErrProfileData", err)
				}
				for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
					var ce *frameworks.ClauseError
					if errors.As(e, &ce) {
						got = append(got, ce.Clause)
					}
				}
			}
			if diff := cmp.Diff(tc.bad, got); diff != "" {
				t.Errorf("clauses with problems (-want +got):\n%s", diff)
			}
		})
	}
}

// FuzzParseSelection checks that any text gets a selection or an error, never a panic, and
// that what a selection writes reads back to the same selection.
func FuzzParseSelection(f *testing.F) {
	for _, s := range []string{"soc2", "soc2:security+availability", "gdpr:processor", "iso27001:x", "soc2:", ":", "soc2:+", "GDPR-2016:Controller+processor", "soc2::security"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sel, err := frameworks.ParseSelection(s)
		if err != nil {
			if !errors.Is(err, frameworks.ErrSelection) {
				t.Fatalf("error %v does not wrap ErrSelection", err)
			}
			return
		}
		again, err := frameworks.ParseSelection(sel.String())
		if err != nil || !cmp.Equal(sel, again) {
			t.Fatalf("%q → %v → %v, %v", s, sel, again, err)
		}
	})
}
