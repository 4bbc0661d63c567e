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

// TestSatisfyingAllocatesNothing guards what BenchmarkSatisfying measures: Satisfying stays within
// the compiler's inlining budget, so a range loop over its answer keeps everything on the stack.
func TestSatisfyingAllocatesNothing(t *testing.T) {
	c := Default()
	scope := c.model.All()
	n := 0
	allocs := testing.AllocsPerRun(100, func() {
		ms, err := c.Satisfying(frameworks.SOC2, "CC6.1", scope)
		if err != nil {
			t.Fatal(err)
		}
		for m := range ms.All() {
			n += m.Strength
		}
	})
	if allocs != 0 || n == 0 {
		t.Errorf("Satisfying allocates %v times per query (strength sum %d)", allocs, n)
	}
}
