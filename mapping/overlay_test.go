package mapping_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/srmkit/srmkit/frameworks"
	"github.com/srmkit/srmkit/mapping"
	"github.com/srmkit/srmkit/mapping/load"
	"github.com/srmkit/srmkit/schema"
	"github.com/srmkit/srmkit/srm"
)

// merged runs what the CLI runs for an overlay file: load it, then merge it onto the built-in
// catalog.
func merged(path string, opts ...load.Options) (*mapping.Catalog, error) {
	o, err := load.ReadOverlay(path, opts...)
	if err != nil {
		return nil, err
	}
	return mapping.New(o)
}

type wantErr struct {
	cause     error
	line, col int
}

// The hostile corpus: each file with the first error it must produce.
var invalid = map[string]wantErr{
	"01-duplicate-key.yaml":            {schema.ErrDuplicateKey, 3, 1},
	"02-unknown-field.yaml":            {schema.ErrSchema, 2, 1},
	"03-unknown-nested-field.yaml":     {schema.ErrSchema, 4, 5},
	"04-wrong-type-scope.yaml":         {schema.ErrSchema, 2, 8},
	"05-wrong-type-strength.yaml":      {schema.ErrSchema, 7, 15},
	"06-bad-enum-status.yaml":          {schema.ErrSchema, 4, 13},
	"07-bad-enum-relationship.yaml":    {schema.ErrSchema, 6, 19},
	"08-bad-id-pattern.yaml":           {schema.ErrSchema, 3, 9},
	"09-unquoted-number-id.yaml":       {schema.ErrSchema, 4, 13},
	"10-yes-no.yaml":                   {schema.ErrUnsupported, 2, 15},
	"11-timestamp-tag.yaml":            {schema.ErrUnsupported, 2, 15},
	"12-binary-tag.yaml":               {schema.ErrUnsupported, 2, 15},
	"13-custom-tag.yaml":               {schema.ErrUnsupported, 2, 15},
	"14-non-string-key.yaml":           {schema.ErrUnsupported, 2, 1},
	"15-empty.yaml":                    {schema.ErrKind, 1, 1},
	"16-comment-only.yaml":             {schema.ErrKind, 1, 1},
	"17-null-section.yaml":             {schema.ErrSchema, 2, 13},
	"18-several-documents.yaml":        {schema.ErrUnsupported, 3, 1},
	"19-tab-indent.yaml":               {schema.ErrSyntax, 3, 2},
	"20-invalid-utf8.yaml":             {schema.ErrEncoding, 2, 17},
	"21-nul-byte.yaml":                 {schema.ErrEncoding, 2, 17},
	"22-control-character.yaml":        {schema.ErrEncoding, 2, 17},
	"23-merge-key.yaml":                {schema.ErrUnsupported, 3, 3},
	"24-undefined-alias.yaml":          {schema.ErrSyntax, 2, 15},
	"25-anchor-and-alias.yaml":         {schema.ErrUnsupported, 2, 15},
	"26-nan.yaml":                      {schema.ErrUnsupported, 7, 15},
	"27-infinity.yaml":                 {schema.ErrUnsupported, 7, 15},
	"28-integer-overflow.yaml":         {schema.ErrSchema, 7, 15},
	"29-top-level-list.yaml":           {schema.ErrKind, 1, 1},
	"30-unterminated-quote.yaml":       {schema.ErrSyntax, 2, 1},
	"31-unknown-clause.yaml":           {mapping.ErrUnknownClause, 4, 13},
	"32-dangling-control.yaml":         {mapping.ErrUnknownControl, 3, 14},
	"33-id-collision.yaml":             {srm.ErrDuplicateControl, 3, 9},
	"34-case-variant-control.yaml":     {schema.ErrSchema, 3, 14},
	"35-case-variant-clause.yaml":      {mapping.ErrUnknownClause, 4, 13},
	"36-na-without-justification.yaml": {schema.ErrSchema, 3, 5},
	"37-unknown-framework.yaml":        {mapping.ErrUnknownFramework, 3, 16},
	"38-unknown-service.yaml":          {srm.ErrUnknownService, 4, 19},
	"39-wrong-kind-version.yaml":       {schema.ErrKind, 1, 9},
	"40-missing-header.yaml":           {schema.ErrKind, 1, 1},
	"41-duplicate-custom-id.yaml":      {srm.ErrDuplicateControl, 9, 9},
	"42-mapping-to-parent.yaml":        {mapping.ErrNotLeaf, 5, 13},
	"43-duplicate-assignment.yaml":     {mapping.ErrConflict, 5, 14},
	"44-bad-source-kind.yaml":          {schema.ErrSchema, 8, 103},
	"45-three-mistakes.yaml":           {schema.ErrSchema, 3, 13},
	"46-duplicate-mapping.yaml":        {mapping.ErrConflict, 9, 5},
}

func TestHostileCorpus(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "invalid", "*.yaml"))
	if err != nil || len(files) < 40 {
		t.Fatalf("corpus: %d files, %v", len(files), err)
	}
	before := mapping.Default().Snapshot()
	for _, path := range files {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			want, ok := invalid[name]
			if !ok {
				t.Fatalf("no expectation for %s", name)
			}
			c, err := merged(path)
			if c != nil || err == nil {
				t.Fatalf("accepted: %v", err)
			}
			var list schema.ErrorList
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("error %v (%T) is not a non-empty ErrorList", err, err)
			}
			first := list[0]
			if !errors.Is(first, want.cause) || first.Line != want.line || first.Column != want.col || first.File != path {
				t.Errorf("first error %q (cause %v, %d:%d); want cause %v at %d:%d", first, first.Err, first.Line, first.Column, want.cause, want.line, want.col)
			}
			if !strings.HasPrefix(first.Error(), fmt.Sprintf("%s:%d:%d: ", path, want.line, want.col)) {
				t.Errorf("message %q does not start with FILE:LINE:COL", first)
			}
		})
	}
	for name := range invalid {
		if _, err := os.Stat(filepath.Join("testdata", "invalid", name)); err != nil {
			t.Errorf("expectation for missing file %s", name)
		}
	}
	if diff := cmp.Diff(before, mapping.Default().Snapshot()); diff != "" {
		t.Errorf("the built-in catalog changed:\n%s", diff)
	}
}

func TestThreeMistakesThreeMessages(t *testing.T) {
	_, err := merged(filepath.Join("testdata", "invalid", "45-three-mistakes.yaml"))
	var list schema.ErrorList
	if !errors.As(err, &list) {
		t.Fatal(err)
	}
	var got []string
	for _, e := range list {
		got = append(got, fmt.Sprintf("%d:%d %s", e.Line, e.Column, e.Path))
	}
	want := []string{"3:13 /scope/provider", "5:14 /assignments/0/control", "6:13 /assignments/0/status"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// Inputs too large or too deep to commit are generated here.
func TestHostileGenerated(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	var bomb strings.Builder
	bomb.WriteString("srmkit: overlay/v1\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < 10; i++ {
		fmt.Fprintf(&bomb, "a%d: &a%d [", i, i)
		for j := 0; j < 10; j++ {
			if j > 0 {
				bomb.WriteString(", ")
			}
			fmt.Fprintf(&bomb, "*a%d", i-1)
		}
		bomb.WriteString("]\n")
	}
	cases := []struct {
		name  string
		path  string
		cause error
	}{
		{"alias bomb", write("bomb.yaml", []byte(bomb.String())), schema.ErrUnsupported},
		{"nesting beyond 10,000", write("deep.yaml", []byte("srmkit: overlay/v1\norganization: "+strings.Repeat("[", 10001)+strings.Repeat("]", 10001)+"\n")), schema.ErrSyntax},
		{"nesting beyond the limit", write("deep2.yaml", []byte("srmkit: overlay/v1\norganization: "+strings.Repeat("[", 500)+strings.Repeat("]", 500)+"\n")), schema.ErrUnsupported},
		{"over the size cap", write("big.yaml", append([]byte("srmkit: overlay/v1\norganization: x\n#"), make([]byte, schema.DefaultMaxBytes)...)), schema.ErrTooLarge},
		{"16 MiB scalar", write("scalar.yaml", []byte("srmkit: overlay/v1\norganization: "+strings.Repeat("a", 16<<20)+"\n")), schema.ErrTooLarge},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := merged(tc.path)
			if !errors.Is(err, tc.cause) {
				t.Fatalf("got %v, want %v", err, tc.cause)
			}
			var list schema.ErrorList
			if !errors.As(err, &list) || list[0].File != tc.path {
				t.Errorf("error does not name the file: %v", err)
			}
		})
	}
	if _, err := merged(cases[3].path, load.Options{MaxBytes: 32 << 20}); errors.Is(err, schema.ErrTooLarge) {
		t.Errorf("a raised cap still refused the file")
	}
}

func TestDesignExampleOverlay(t *testing.T) {
	path := filepath.Join("testdata", "example-overlay.yaml")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	crlf := "\ufeff" + strings.ReplaceAll(string(raw), "\n", "\r\n")
	for name, data := range map[string][]byte{"plain": raw, "bom+crlf": []byte(crlf)} {
		o, err := load.Overlay(load.File{Name: path, Data: data})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		c, err := mapping.New(o)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if c.Organization() != "Example Corp" {
			t.Errorf("%s: organization %q", name, c.Organization())
		}
		a, ok := c.Assignment("IAM-01")
		if !ok || a.Owner != "platform-security" || a.Status != mapping.Implemented {
			t.Errorf("%s: assignment %+v", name, a)
		}
		scope, _ := c.Scope()
		found := false
		for m := range must(c.Satisfying(frameworks.SOC2, "CC6.2", scope)).All() {
			found = found || m.Control == "ACME-01"
		}
		if !found {
			t.Errorf("%s: custom control does not satisfy CC6.2", name)
		}
		for st := range must(c.Coverage(frameworks.ISO27001, scope)) {
			if st.Clause == "A.7.4" && (st.Status != mapping.StatusNotApplicable || !strings.Contains(st.Reason, "No premises")) {
				t.Errorf("%s: A.7.4 is %s (%s)", name, st.Status, st.Reason)
			}
		}
		if mapping.Default().Organization() != "" {
			t.Error("the overlay changed the default catalog")
		}
	}
}

func TestOverlayConflictsNameBothPlaces(t *testing.T) {
	a, err := load.Overlay(load.File{Name: "a.yaml", Data: []byte("srmkit: overlay/v1\norganization: A Corp\nassignments:\n  - {control: IAM-01, owner: alice}\n")})
	if err != nil {
		t.Fatal(err)
	}
	b, err := load.Overlay(load.File{Name: "b.yaml", Data: []byte("srmkit: overlay/v1\norganization: B Corp\nassignments:\n  - {control: IAM-01, owner: bob}\n")})
	if err != nil {
		t.Fatal(err)
	}
	_, err = mapping.New(b, a) // order of arguments does not matter: files merge by name
	var list schema.ErrorList
	if !errors.As(err, &list) || len(list) != 2 {
		t.Fatalf("got %v", err)
	}
	for _, e := range list {
		if !errors.Is(e, mapping.ErrConflict) || e.File != "b.yaml" || !strings.Contains(e.Msg, "a.yaml:") {
			t.Errorf("conflict %q does not name both places", e)
		}
	}
}

func TestExportRoundTrip(t *testing.T) {
	_, c := exampleOverlay(t)
	files, err := load.Export(c)
	if err != nil {
		t.Fatal(err)
	}
	var in []load.File
	for _, f := range files {
		if _, err := schema.Parse(f.Name, f.Data); err != nil {
			t.Fatalf("exported %s does not validate: %v", f.Name, err)
		}
		in = append(in, f)
	}
	back, err := load.Catalog(in...)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(c.Snapshot(), back.Snapshot()); diff != "" {
		t.Errorf("round trip changed the catalog (-exported +reloaded):\n%s", diff)
	}
}

// TestConcurrentUse queries shared catalogs from many goroutines while others build new
// catalogs from overlays; run with -race.
func TestConcurrentUse(t *testing.T) {
	base := mapping.Default()
	data, err := os.ReadFile(filepath.Join("testdata", "example-overlay.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for g := 0; g < 8; g++ {
		wg.Add(2)
		go func() {
			defer wg.Done()
			scope, _ := base.Scope("ec2", "s3")
			for i := 0; i < 20; i++ {
				n := 0
				for range must(base.Satisfying(frameworks.SOC2, "CC6.1", scope)).All() {
					n++
				}
				if n == 0 {
					errs <- errors.New("no match")
				}
				_ = must(base.Checklist([]frameworks.ID{frameworks.SOC2}, scope))
			}
		}()
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 5; i++ {
				o, err := load.Overlay(load.File{Name: fmt.Sprintf("o%d.yaml", g), Data: data})
				if err != nil {
					errs <- err
					return
				}
				c, err := base.With(o)
				if err != nil {
					errs <- err
					return
				}
				scope, _ := c.Scope()
				for range must(c.Coverage(frameworks.ISO27001, scope)) {
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if base.Organization() != "" {
		t.Error("base catalog changed")
	}
}

func FuzzLoadOverlay(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "invalid", "*.yaml"))
	seeds = append(seeds, filepath.Join("testdata", "example-overlay.yaml"))
	for _, s := range seeds {
		if b, err := os.ReadFile(s); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		o, err := load.Overlay(load.File{Name: "fuzz.yaml", Data: data}, load.Options{MaxBytes: 1 << 20})
		if err != nil {
			var list schema.ErrorList
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("error %v is not a non-empty ErrorList", err)
			}
			return
		}
		c, err := mapping.New(o)
		if (c == nil) == (err == nil) {
			t.Fatalf("catalog %v with error %v", c, err)
		}
	})
}

// TestOverlayValuesAreChecked checks that With checks an overlay's values whatever their origin:
// one loaded from a file and edited afterwards is refused at the line the edited value came
// from, and one built in code gets the same message under its name.
func TestOverlayValuesAreChecked(t *testing.T) {
	path := filepath.Join("testdata", "example-overlay.yaml")
	type got struct {
		File      string
		Line, Col int
		Path      string
		Cause     error
	}
	is := cmp.Comparer(func(a, b error) bool { return errors.Is(a, b) })
	for _, tc := range []struct {
		name string
		edit func(o *mapping.Overlay)
		want got // File "" means the loaded file
	}{
		{"status", func(o *mapping.Overlay) { o.Assignments[0].Status = "done-ish" }, got{"", 20, 13, "/assignments/0/status", mapping.ErrInvalid}},
		{"strength", func(o *mapping.Overlay) { o.Mappings[0].Strength = 11 }, got{"", 29, 15, "/mappings/0/strength", mapping.ErrInvalid}},
		{"rationale", func(o *mapping.Overlay) { o.Mappings[0].Rationale = " " }, got{"", 30, 16, "/mappings/0/rationale", mapping.ErrInvalid}},
		{"relationship", func(o *mapping.Overlay) { o.Mappings[0].Relationship = "same-as" }, got{"", 28, 19, "/mappings/0/relationship", mapping.ErrInvalid}},
		{"framework alias as id", func(o *mapping.Overlay) { o.Mappings[0].Framework = "soc2" }, got{"", 26, 16, "/mappings/0/framework", mapping.ErrUnknownFramework}},
		{"exclusion reason", func(o *mapping.Overlay) { o.Exclusions[0].Reason = "" }, got{"", 34, 13, "/exclusions/0/reason", mapping.ErrInvalid}},
		{"control layer", func(o *mapping.Overlay) { o.Controls[0].Layers[0] = "roof" }, got{"", 11, 14, "/controls/0/layers/0", mapping.ErrInvalid}},
		{"control id", func(o *mapping.Overlay) { o.Controls[0].ID = "acme-1" }, got{"", 7, 9, "/controls/0/id", mapping.ErrInvalid}},
		{"scope service", func(o *mapping.Overlay) { o.Services[1] = "s4" }, got{"", 5, 19, "/scope/services/1", srm.ErrUnknownService}},
		{"not applicable without justification", func(o *mapping.Overlay) { o.Assignments[0].Status = mapping.StatusNA }, got{"", 21, 20, "/assignments/0/justification", mapping.ErrInvalid}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o, err := load.ReadOverlay(path)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := mapping.New(o); err != nil {
				t.Fatalf("unedited overlay refused: %v", err)
			}
			tc.edit(o)
			_, err = mapping.New(o)
			var list schema.ErrorList
			if !errors.As(err, &list) || len(list) != 1 {
				t.Fatalf("got %v; want one positioned problem", err)
			}
			want := tc.want
			want.File = path
			e := list[0]
			if diff := cmp.Diff(want, got{e.File, e.Line, e.Column, e.Path, e.Err}, is); diff != "" {
				t.Errorf("loaded overlay (-want +got):\n%s\n%v", diff, err)
			}
			// The same overlay built in code: same message, named instead of positioned.
			o.Source, o.Name = nil, "in-code"
			_, err2 := mapping.New(o)
			if !errors.As(err2, &list) || len(list) != 1 {
				t.Fatalf("built in code: got %v; want one problem", err2)
			}
			want.File, want.Line, want.Col = "in-code", 0, 0
			if diff := cmp.Diff(want, got{list[0].File, list[0].Line, list[0].Column, list[0].Path, list[0].Err}, is); diff != "" {
				t.Errorf("built in code (-want +got):\n%s", diff)
			}
			if list[0].Msg != e.Msg {
				t.Errorf("messages differ by origin: %q and %q", e.Msg, list[0].Msg)
			}
		})
	}
}

// TestOverlayIsCopied checks that changing an overlay after merging it changes nothing.
func TestOverlayIsCopied(t *testing.T) {
	o, c := exampleOverlay(t)
	before := c.Snapshot()
	o.Controls[0].Evidence[0].Sources[0].Ref = "changed"
	o.Controls[0].Title = "changed"
	o.Assignments[0].Owner = "changed"
	o.Mappings[0].Rationale = "changed"
	o.Services[0] = "changed"
	if diff := cmp.Diff(before, c.Snapshot()); diff != "" {
		t.Errorf("editing a merged overlay changed the catalog (-before +after):\n%s", diff)
	}
}

// exampleOverlay loads the example overlay and merges it onto the built-in catalog.
func exampleOverlay(t *testing.T) (*mapping.Overlay, *mapping.Catalog) {
	t.Helper()
	o, err := load.ReadOverlay(filepath.Join("testdata", "example-overlay.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	c, err := mapping.New(o)
	if err != nil {
		t.Fatal(err)
	}
	return o, c
}

// An overlay's scope may name services of several providers: bare ids are the overlay's
// provider's, prefixed ids their own; the scope survives an export and a reload.
func TestOverlayScopeAcrossProviders(t *testing.T) {
	for _, tc := range []struct {
		provider srm.Provider
		services []string
		want     string
	}{
		{srm.Azure, []string{"app-service", "functions"}, "azure/app-service,azure/functions"},
		{"", []string{"lambda", "azure/functions", "gcp/cloud-run"}, "aws/lambda,azure/functions,gcp/cloud-run"},
		{srm.GCP, []string{"cloud-run", "aws/s3"}, "aws/s3,gcp/cloud-run"},
	} {
		c, err := mapping.New(&mapping.Overlay{Name: "scope", Provider: tc.provider, Services: tc.services})
		if err != nil {
			t.Fatalf("%v: %v", tc.services, err)
		}
		s, err := c.Scope()
		if err != nil || s.String() != tc.want {
			t.Errorf("%s %v: scope %q, %v; want %s", tc.provider, tc.services, s, err, tc.want)
		}
		files, err := load.Export(c)
		if err != nil {
			t.Fatal(err)
		}
		back, err := load.Catalog(files...)
		if err != nil {
			t.Fatal(err)
		}
		if s2, _ := back.Scope(); s2.String() != tc.want {
			t.Errorf("%v: reloaded scope %q", tc.services, s2)
		}
	}
	_, err := mapping.New(&mapping.Overlay{Name: "scope", Provider: srm.Azure, Services: []string{"ec2"}})
	if !errors.Is(err, srm.ErrUnknownService) {
		t.Errorf("azure ec2: %v", err)
	}
}
