package load_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/srmkit/srmkit/frameworks"
	"github.com/srmkit/srmkit/mapping/load"
	"github.com/srmkit/srmkit/schema"
)

const head = `srmkit: framework/v1
framework:
  id: demo-1
  name: Demo
  version: "1"
  publisher: Demo Org
  source: "https://example.org/demo"
  text_policy: public
clauses:
`

func TestFrameworkChecksReferences(t *testing.T) {
	in := head + `  - {id: "A", kind: chapter, title: A, summary: "The first chapter of the demo."}
  - {id: "A.1", parent: "A", kind: article, title: A1, summary: "An article under the first chapter."}
  - {id: "A.1", parent: "A", kind: article, title: A1 again, summary: "The same id a second time."}
  - {id: "B.1", parent: "B", kind: article, title: B1, summary: "An article whose chapter is missing."}
  - {id: "C", kind: chapter, title: C, summary: "A chapter that comes after its child."}
`
	_, err := load.Framework(load.File{Name: "demo.yaml", Data: []byte(in)})
	wantProblems(t, err, []problem{
		{12, "/clauses/2/id", frameworks.ErrDuplicateClause},
		{13, "/clauses/3/parent", frameworks.ErrUnknownParent},
	})
}

// problem is where a positioned error points and what it wraps.
type problem struct {
	Line  int
	Path  string
	Cause error
}

// wantProblems checks that err is a list of exactly the problems in want.
func wantProblems(t *testing.T, err error, want []problem) {
	t.Helper()
	var list schema.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("got %v", err)
	}
	var got []problem
	for _, e := range list {
		got = append(got, problem{e.Line, e.Path, e.Err})
	}
	if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b error) bool { return errors.Is(a, b) || errors.Is(b, a) })); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestFrameworkRoundTrip(t *testing.T) {
	in := head + `  - {id: "A", kind: chapter, title: A, summary: "The first chapter of the demo."}
  - {id: "A.1", parent: "A", kind: article, title: A1, summary: "An article under the first chapter."}
`
	f, err := load.Framework(load.File{Name: "demo.yaml", Data: []byte(in)})
	if err != nil {
		t.Fatal(err)
	}
	c, ok := f.Clause("A.1")
	want := frameworks.Clause{ID: "A.1", Parent: "A", Kind: frameworks.KindArticle, Title: "A1", Summary: "An article under the first chapter."}
	if diff := cmp.Diff(want, c); !ok || diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if f.ID() != "demo-1" || f.TextPolicy() != frameworks.Public || !f.IsLeaf("A.1") {
		t.Errorf("framework fields wrong: %s %s", f.ID(), f.TextPolicy())
	}
}

func FuzzFramework(f *testing.F) {
	f.Add([]byte(head + "  - {id: \"A\", kind: chapter, title: A, summary: \"The first chapter of the demo.\"}\n"))
	f.Add([]byte("srmkit: framework/v1\n"))
	f.Add([]byte("- [a, {b: *c}]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fw, err := load.Framework(load.File{Name: "fuzz.yaml", Data: data})
		if (fw == nil) == (err == nil) {
			t.Fatalf("framework %v with error %v", fw, err)
		}
		if err != nil {
			var list schema.ErrorList
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("error %v is not a non-empty ErrorList", err)
			}
		}
	})
}

func TestFrameworkProfilesPositioned(t *testing.T) {
	in := `srmkit: framework/v1
framework:
  id: demo-1
  name: Demo
  version: "1"
  publisher: Demo Org
  source: "https://example.org/demo"
  text_policy: public
  profiles:
    - {id: core, name: Core, summary: "Always part of the report.", required: true}
    - {id: extra, name: Extra, summary: "Added when the report asks."}
clauses:
  - {id: "A", kind: chapter, category: core, title: A, summary: "The first chapter of the demo."}
  - {id: "A.1", parent: "A", kind: article, category: core, title: A1, summary: "An article in the core profile."}
  - {id: "A.2", parent: "A", kind: article, title: A2, summary: "An article in no profile at all."}
  - {id: "B.1", kind: article, category: other, title: B1, summary: "An article naming an undeclared profile."}
`
	_, err := load.Framework(load.File{Name: "demo.yaml", Data: []byte(in)})
	wantProblems(t, err, []problem{
		{15, "/clauses/2", frameworks.ErrProfileData},
		{16, "/clauses/3", frameworks.ErrProfileData},
	})

	// Fixed, it loads, and narrows.
	in = strings.Replace(strings.Replace(in, `title: A2`, `category: core, title: A2`, 1), "category: other", "category: extra", 1)
	f, err := load.Framework(load.File{Name: "demo.yaml", Data: []byte(in)})
	if err != nil {
		t.Fatal(err)
	}
	n, err := f.Narrow("core")
	if err != nil {
		t.Fatal(err)
	}
	if n.Len() != 3 {
		t.Errorf("demo:core has %d clauses, want 3", n.Len())
	}
}
