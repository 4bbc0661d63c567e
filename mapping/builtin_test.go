package mapping

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
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
// A catalog narrowed to profiles answers the same way.
func TestSatisfyingAllocatesNothing(t *testing.T) {
	narrowed, err := Default().Narrow(frameworks.Selection{Framework: frameworks.SOC2, Profiles: []string{"security"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []*Catalog{Default(), narrowed} {
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
}

// TestCheckPairsNameRealIDs checks the table that pairs each Security Hub control with the
// Config rule AWS runs for it against AWS's published lists (vendored under srm/testdata), and
// that it is sorted by control, since pairedChecks searches it.
func TestCheckPairsNameRealIDs(t *testing.T) {
	ids := func(name string) map[string]bool {
		data, err := os.ReadFile(filepath.Join("..", "srm", "testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]bool{}
		for _, line := range strings.Split(string(data), "\n") {
			if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
				out[line] = true
			}
		}
		return out
	}
	rules, controls := ids("config-rule-identifiers.txt"), ids("securityhub-control-ids.txt")
	if len(builtinCheckPairs) < 400 {
		t.Errorf("%d pairs; AWS lists a Config rule for more than 400 controls", len(builtinCheckPairs))
	}
	for i, p := range builtinCheckPairs {
		if !controls[p.control] {
			t.Errorf("pair %d: %s is not a Security Hub control", i, p.control)
		}
		if !rules[p.rule] {
			t.Errorf("pair %d: %s is not an AWS Config managed rule", i, p.rule)
		}
		if i > 0 && builtinCheckPairs[i-1].control > p.control {
			t.Errorf("pair %d: %s comes after %s", i, p.control, builtinCheckPairs[i-1].control)
		}
	}
	// The pairing goes both ways.
	s3 := pairedChecks(srm.Source{Kind: srm.SourceSecurityHub, Ref: "S3.5"})
	back := pairedChecks(srm.Source{Kind: srm.SourceConfigRule, Ref: "S3_BUCKET_SSL_REQUESTS_ONLY"})
	if diff := cmp.Diff([]srm.Source{{Kind: srm.SourceConfigRule, Ref: "S3_BUCKET_SSL_REQUESTS_ONLY"}}, s3); diff != "" {
		t.Errorf("S3.5 pairs (-want +got):\n%s", diff)
	}
	if !slices.Contains(back, srm.Source{Kind: srm.SourceSecurityHub, Ref: "S3.5"}) {
		t.Errorf("S3_BUCKET_SSL_REQUESTS_ONLY pairs %v, want S3.5 among them", back)
	}
}

// TestRationalesHoldOnEveryProvider: a mapping serves every provider, so its rationale, the
// residual of a clause and the reason a control serves none name no AWS-only mechanism, and
// text that names AWS says how the other providers differ.
func TestRationalesHoldOnEveryProvider(t *testing.T) {
	awsOnly := []string{"AWS Config", "CloudTrail", "Security Hub", "GuardDuty", "SSE-S3", "SSE-KMS", "IMDSv2", "S3 ", "EC2", "Amazon",
		"KMS", "VPC", "Cognito"}
	check := func(what, text string) {
		for _, w := range awsOnly {
			if strings.Contains(text, w) {
				t.Errorf("%s names %q: %s", what, w, text)
			}
		}
		if strings.Contains(text, "AWS") && (!strings.Contains(text, "Azure") || !strings.Contains(text, "Google")) {
			t.Errorf("%s names AWS alone: %s", what, text)
		}
	}
	for _, m := range builtinMappings {
		check(string(m.Control)+" "+string(m.Framework)+" "+m.Clause, m.Rationale)
	}
	for _, j := range builtinCompleteness {
		check("residual of "+string(j.Framework)+" "+j.Clause, j.Residual)
	}
	for _, u := range builtinUnmapped {
		check("unmapped "+string(u.Control)+" in "+string(u.Framework), u.Reason)
	}
}
