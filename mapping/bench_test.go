package mapping

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"

	"github.com/srmkit/srmkit/frameworks"
	"github.com/srmkit/srmkit/srm"
)

var sink int

// BenchmarkMapLookupBaseline is a bare map lookup of the key shape Satisfying uses: the yard
// stick for BenchmarkSatisfying.
func BenchmarkMapLookupBaseline(b *testing.B) {
	c := Default()
	m := c.byClause
	k := clauseKey{frameworks.SOC2, "CC6.1"}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sink += len(m[k])
	}
}

func BenchmarkSatisfying(b *testing.B) {
	c := Default()
	scope, _ := c.Scope()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for m := range c.Satisfying(frameworks.SOC2, "CC6.1", scope) {
			sink += m.Strength
		}
	}
}

// builtin gathers the generated tables, as a fresh process finds them in its data segment.
func builtin() ([]frameworks.Info, [][]frameworks.Clause, []srm.Service, []srm.Control) {
	var infos []frameworks.Info
	var clauses [][]frameworks.Clause
	for f := range frameworks.All() {
		infos = append(infos, f.Info())
		clauses = append(clauses, slices.Collect(f.Clauses()))
	}
	m := srm.Default()
	return infos, clauses, slices.Collect(m.Services()), slices.Collect(m.Controls())
}

// BenchmarkFirstQueryFromTables is what a fresh process does before its first answer: build
// every index from the generated tables, then answer one query.
func BenchmarkFirstQueryFromTables(b *testing.B) {
	infos, clauses, services, controls := builtin()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var fws []*frameworks.Framework
		for j, info := range infos {
			f, err := frameworks.New(info, clauses[j])
			if err != nil {
				b.Fatal(err)
			}
			fws = append(fws, f)
		}
		model, err := srm.NewModel(services, controls)
		if err != nil {
			b.Fatal(err)
		}
		c, err := Build(model, fws, builtinTables(), true)
		if err != nil {
			b.Fatal(err)
		}
		scope, _ := c.Scope()
		for m := range c.Satisfying(frameworks.SOC2, "CC6.1", scope) {
			sink += m.Strength
		}
	}
}

func readAll(b *testing.B, dir string) []File {
	paths, err := filepath.Glob(filepath.Join("..", dir, "*.yaml"))
	if err != nil || len(paths) == 0 {
		b.Fatalf("%s: %v", dir, err)
	}
	var out []File
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, File{Name: p, Data: data})
	}
	return out
}

// BenchmarkFirstQueryFromYAML reaches the same answer the way the generated tables avoid:
// reading, parsing and validating the YAML sources at run time.
func BenchmarkFirstQueryFromYAML(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		var files []File
		for _, dir := range []string{"frameworks/data", "srm/data", "mapping/data"} {
			files = append(files, readAll(b, dir)...)
		}
		c, err := Load(files...)
		if err != nil {
			b.Fatal(err)
		}
		scope, _ := c.Scope()
		for m := range c.Satisfying(frameworks.SOC2, "CC6.1", scope) {
			sink += m.Strength
		}
	}
}

var allFrameworks = []frameworks.ID{frameworks.SOC2, frameworks.ISO27001, frameworks.CSF, frameworks.GDPR}

func BenchmarkChecklist(b *testing.B) {
	c := Default()
	scope, _ := c.Scope()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sink += len(c.Checklist(allFrameworks, scope))
	}
}

func BenchmarkCrosswalk(b *testing.B) {
	c := Default()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, from := range allFrameworks {
			for _, to := range allFrameworks {
				for p := range c.Crosswalk(from, to, CrosswalkOptions{Supportive: true}) {
					sink += len(p.Via)
				}
			}
		}
	}
}

func BenchmarkCoverage(b *testing.B) {
	c := Default()
	scope, _ := c.Scope()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, f := range allFrameworks {
			for st := range c.Coverage(f, scope) {
				sink += len(st.Controls)
			}
		}
	}
}

// overlayOfSize generates a valid overlay of about n bytes shaped like a large organisation's:
// its own controls with evidence, owners and status for them, extra mappings with rationales
// and exclusions, with text as long as the built-in data's.
func overlayOfSize(n int) []byte {
	var ctl, asg, mp bytes.Buffer
	ctl.WriteString("srmkit: overlay/v1\norganization: Generated Corp\nscope:\n  provider: aws\n  services: [ec2, s3, lambda, rds]\ncontrols:\n")
	asg.WriteString("assignments:\n")
	mp.WriteString("mappings:\n")
	clauses := []string{"CC1.1", "CC2.1", "CC3.2", "CC5.2", "CC6.1", "CC6.2", "CC6.3", "CC7.2", "CC8.1", "CC9.2"}
	for i := 0; ctl.Len()+asg.Len()+mp.Len() < n; i++ {
		id := fmt.Sprintf("ORG%c-%03d", 'A'+rune(i/1000%26), i%1000)
		fmt.Fprintf(&ctl, `  - id: %s
    title: "Quarterly review of access to internal system number %d"
    objective: "Make sure that only people with a current business need keep access to system %d, and that removals happen within five working days."
    type: customer-specific
    domain: identity-access
    layers: [identity-access]
    provider: "The provider offers IAM Access Analyzer and last-accessed data that make the review faster."
    customer: "The system owner reviews every account and role each quarter and records the decisions."
    evidence:
      - description: "Signed access review record for system %d listing each account, the decision taken and the date of removal"
        artifact: record
        collection: manual
        frequency: quarterly
        sources: [{kind: document, ref: "Access review register, system %d"}]
      - description: "IAM credential report for the accounts of system %d showing last use of passwords and keys"
        artifact: report
        collection: automated
        frequency: monthly
        sources: [{kind: api-call, ref: "iam:GenerateCredentialReport"}, {kind: aws-config-rule, ref: IAM_USER_UNUSED_CREDENTIALS_CHECK}]
`, id, i, i, i, i, i)
		fmt.Fprintf(&asg, "  - control: %s\n    owner: identity-team-%d\n    status: partially-implemented\n    evidence_location: \"https://grc.example.com/evidence/access-reviews/system-%d\"\n", id, i%17, i)
		for j := 0; j < 2; j++ {
			fmt.Fprintf(&mp, "  - control: %s\n    framework: soc2\n    clause: %s\n    relationship: subset-of\n    strength: %d\n    rationale: \"Reviewing access to system %d every quarter and removing what is no longer needed is part of what the criterion asks for logical access; it covers one system, not the whole estate.\"\n", id, clauses[(i+j*3)%len(clauses)], 3+j, i)
		}
	}
	ctl.Write(asg.Bytes())
	ctl.Write(mp.Bytes())
	return ctl.Bytes()
}

func BenchmarkLoadOverlay(b *testing.B) {
	for _, size := range []struct {
		name string
		n    int
	}{{"100KB", 100 << 10}, {"1MB", 1 << 20}, {"8MB", 8<<20 - 64<<10}} {
		data := overlayOfSize(size.n)
		b.Run(size.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				o, err := ParseOverlay("generated.yaml", data)
				if err != nil {
					b.Fatal(err)
				}
				sink += len(o.Controls)
			}
		})
	}
}

// BenchmarkDefaultHeap reports the heap the built-in catalog's indexes take once built.
func BenchmarkDefaultHeap(b *testing.B) {
	infos, clauses, services, controls := builtin()
	var before, after runtime.MemStats
	var keep *Catalog
	for i := 0; i < b.N; i++ {
		runtime.GC()
		runtime.ReadMemStats(&before)
		var fws []*frameworks.Framework
		for j, info := range infos {
			f, _ := frameworks.New(info, clauses[j])
			fws = append(fws, f)
		}
		model, _ := srm.NewModel(services, controls)
		c, _ := Build(model, fws, builtinTables(), true)
		scope, _ := c.Scope()
		for range c.Satisfying(frameworks.SOC2, "CC6.1", scope) {
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		keep = c
	}
	runtime.KeepAlive(keep)
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc), "heap-B")
}
