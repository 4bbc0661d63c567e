package mapping

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/srmkit/srmkit/frameworks"
	"github.com/srmkit/srmkit/srm"
)

// TestBuiltinTablesPassEveryCheck builds the generated tables with every check Build has,
// completeness included, because Default only indexes them; and checks that they come in the
// order the index relies on, since Default does not sort them.
func TestBuiltinTablesPassEveryCheck(t *testing.T) {
	c, err := Build(srm.Default(), slices.Collect(frameworks.All()), builtinTables(), true)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(builtinMappings[:], c.maps); diff != "" {
		t.Errorf("generated mappings are not in index order (-generated +sorted):\n%s", diff)
	}
	d := Default()
	for fi := range d.fws {
		if diff := cmp.Diff(c.clauses(fi), d.clauses(fi), cmp.AllowUnexported(entry{})); diff != "" {
			t.Errorf("%s: the built-in index differs from a checked build (-checked +built-in):\n%s", d.fws[fi].ID(), diff)
		}
	}
}
