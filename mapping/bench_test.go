package mapping

import (
	"runtime"
	"slices"
	"testing"

	"github.com/srmkit/srmkit/frameworks"
)

var sink int

// read reads the fields of a match a caller of Satisfying typically uses, so that the two
// Satisfying benchmarks do the same work per match.
func read(m *Match) int {
	return m.Strength + len(m.Control) + len(m.Clause) + len(m.Relationship) + len(m.Coverage) + len(m.Responsibility)
}

// BenchmarkSatisfyingBaseline is the least any Satisfying can do: a map lookup of the clause,
// then a walk over a precomputed slice of exactly the matches Satisfying yields for the scope,
// reading the same fields. BenchmarkSatisfying is measured against it.
func BenchmarkSatisfyingBaseline(b *testing.B) {
	c := Default()
	scope := c.model.All()
	ms, err := c.Satisfying(frameworks.SOC2, "CC6.1", scope)
	if err != nil {
		b.Fatal(err)
	}
	pre := map[clauseKey][]Match{{frameworks.SOC2, "CC6.1"}: slices.Collect(ms.All())}
	k := clauseKey{frameworks.SOC2, "CC6.1"}
	if len(pre[k]) < 40 {
		b.Fatalf("%d matches; the comparison needs the full list", len(pre[k]))
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, m := range pre[k] {
			sink += read(&m)
		}
	}
}

func BenchmarkSatisfying(b *testing.B) {
	c := Default()
	scope := c.model.All()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ms, err := c.Satisfying(frameworks.SOC2, "CC6.1", scope)
		if err != nil {
			b.Fatal(err)
		}
		for m := range ms.All() {
			sink += read(&m)
		}
	}
}

// BenchmarkFirstQueryFromTables is what a fresh process does before its first answer: index the
// generated tables, then answer one query.
func BenchmarkFirstQueryFromTables(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		c := buildDefault()
		ms, err := c.Satisfying(frameworks.SOC2, "CC6.1", c.model.All())
		if err != nil {
			b.Fatal(err)
		}
		for m := range ms.All() {
			sink += m.Strength
		}
	}
}

var allFrameworks = []frameworks.ID{frameworks.SOC2, frameworks.ISO27001, frameworks.CSF, frameworks.GDPR}

func BenchmarkChecklist(b *testing.B) {
	c := Default()
	scope := c.model.All()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		items, err := c.Checklist(allFrameworks, scope)
		if err != nil {
			b.Fatal(err)
		}
		sink += len(items)
	}
}

func BenchmarkCrosswalk(b *testing.B) {
	c := Default()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, from := range allFrameworks {
			for _, to := range allFrameworks {
				if from == to {
					continue
				}
				seq, err := c.Crosswalk(from, to, CrosswalkOptions{Supportive: true})
				if err != nil {
					b.Fatal(err)
				}
				for p := range seq {
					sink += len(p.Via)
				}
			}
		}
	}
}

func BenchmarkCoverage(b *testing.B) {
	c := Default()
	scope := c.model.All()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, f := range allFrameworks {
			seq, err := c.Coverage(f, scope)
			if err != nil {
				b.Fatal(err)
			}
			for st := range seq {
				sink += len(st.Controls)
			}
		}
	}
}

// BenchmarkDefaultHeap reports the heap the built-in catalog's indexes take once built.
func BenchmarkDefaultHeap(b *testing.B) {
	var before, after runtime.MemStats
	var keep *Catalog
	for i := 0; i < b.N; i++ {
		runtime.GC()
		runtime.ReadMemStats(&before)
		c := buildDefault()
		ms, _ := c.Satisfying(frameworks.SOC2, "CC6.1", c.model.All())
		for range ms.All() {
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		keep = c
	}
	runtime.KeepAlive(keep)
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc), "heap-B")
}

// BenchmarkNarrow is what narrowing costs: a catalog sharing the data, with the clause index of
// the narrowed frameworks rebuilt, then the first query.
func BenchmarkNarrow(b *testing.B) {
	sel := frameworks.Selection{Framework: frameworks.SOC2, Profiles: []string{"security"}}
	scope := Default().model.All()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		c, err := Default().Narrow(sel)
		if err != nil {
			b.Fatal(err)
		}
		ms, err := c.Satisfying(frameworks.SOC2, "CC6.1", scope)
		if err != nil {
			b.Fatal(err)
		}
		for m := range ms.All() {
			sink += read(&m)
		}
	}
}

func BenchmarkStatementOfApplicability(b *testing.B) {
	c := Default()
	scope := c.model.All()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		rows, err := c.StatementOfApplicability(scope)
		if err != nil || len(rows) != 93 {
			b.Fatal(err, len(rows))
		}
	}
}
