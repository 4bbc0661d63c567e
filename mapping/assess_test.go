package mapping_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/srmkit/srmkit/frameworks"
	"github.com/srmkit/srmkit/mapping"
	"github.com/srmkit/srmkit/srm"
)

func sh(id string) srm.Source   { return srm.Source{Kind: srm.SourceSecurityHub, Ref: id} }
func rule(id string) srm.Source { return srm.Source{Kind: srm.SourceConfigRule, Ref: id} }

func assessSOC2(t *testing.T, checks map[srm.Source]mapping.Tally) *mapping.Assessment {
	t.Helper()
	c := mapping.Default()
	scope := must(c.Scope("lambda", "s3"))
	a, err := c.Assess([]frameworks.ID{frameworks.SOC2}, scope, mapping.Evaluations{Checks: checks})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func item(t *testing.T, a *mapping.Assessment, evidence string) mapping.AssessedItem {
	t.Helper()
	for _, it := range a.Items {
		if it.EvidenceID == evidence {
			return it
		}
	}
	t.Fatalf("no item %s", evidence)
	return mapping.AssessedItem{}
}

func clause(t *testing.T, a *mapping.Assessment, id string) mapping.AssessedClause {
	t.Helper()
	for _, c := range a.Clauses {
		if c.Clause == id {
			return c
		}
	}
	t.Fatalf("no clause %s", id)
	return mapping.AssessedClause{}
}

func TestAssessItems(t *testing.T) {
	a := assessSOC2(t, map[srm.Source]mapping.Tally{
		sh("S3.1"): {Failed: 1, Resources: []string{"AWS::::Account:111122223333"}},
		// Reported by the Config rule behind S3.5: the item naming both counts it once.
		rule("S3_BUCKET_SSL_REQUESTS_ONLY"): {Passed: 2},
		sh("Lambda.1"):                      {Passed: 1},
		sh("Lambda.2"):                      {Indeterminate: 1},
		sh("DynamoDB.2"):                    {Passed: 1},
		sh("Foo.1"):                         {Failed: 3},
	})
	type result struct {
		Result                        mapping.Result
		Passed, Failed, Indeterminate int
		Resources                     []string
		Missing                       []srm.Source
	}
	for _, tc := range []struct {
		evidence string
		want     result
	}{
		// S3.1 fails, whatever else the item holds.
		{"AST-13-E2", result{mapping.ResultFail, 0, 1, 0, []string{"AWS::::Account:111122223333"}, nil}},
		// S3.1 fails; S3.8, its second check, was not reported.
		{"IAM-13-E1", result{mapping.ResultFail, 0, 1, 0, []string{"AWS::::Account:111122223333"}, []srm.Source{rule("S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED"), sh("S3.8")}}},
		{"CRY-12-E1", result{mapping.ResultPass, 2, 0, 0, nil, nil}},
		// Lambda.1 passes but SNS.4 and SQS.3 were not reported: not evaluated, with what is missing.
		{"IAM-14-E2", result{mapping.ResultNotEvaluated, 1, 0, 0, nil, []srm.Source{rule("SNS_TOPIC_NO_PUBLIC_ACCESS"), sh("SNS.4"), rule("SQS_QUEUE_NO_PUBLIC_ACCESS"), sh("SQS.3")}}},
		// Reported, but undecided.
		{"HRD-06-E1", result{mapping.ResultNotEvaluated, 0, 0, 1, nil, nil}},
		{"LOG-02-E1", result{mapping.ResultNotEvaluated, 0, 0, 0, nil, []srm.Source{rule("MULTI_REGION_CLOUD_TRAIL_ENABLED"), sh("CloudTrail.1"), rule("CLOUD_TRAIL_ENABLED"), sh("CloudTrail.3")}}},
		{"GOV-01-E1", result{mapping.ResultManual, 0, 0, 0, nil, nil}},
	} {
		it := item(t, a, tc.evidence)
		got := result{it.Result, it.Passed, it.Failed, it.Indeterminate, it.Resources, it.Missing}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.evidence, diff)
		}
	}
	want := []mapping.Unmatched{
		{Kind: srm.SourceSecurityHub, ID: "DynamoDB.2", Findings: 1, Reason: mapping.ReasonOutOfScope},
		{Kind: srm.SourceSecurityHub, ID: "Foo.1", Findings: 3, Reason: mapping.ReasonUnknown},
	}
	if diff := cmp.Diff(want, a.Unmatched); diff != "" {
		t.Errorf("unmatched (-want +got):\n%s", diff)
	}
}

func TestAssessClauses(t *testing.T) {
	none := assessSOC2(t, nil)
	failing := assessSOC2(t, map[srm.Source]mapping.Tally{sh("S3.1"): {Failed: 1}})
	// Every leaf clause has a roll-up, in each assessment.
	if len(none.Clauses) != 61 || len(failing.Clauses) != 61 {
		t.Fatalf("%d and %d clauses, want SOC 2's 61 leaves", len(none.Clauses), len(failing.Clauses))
	}
	if none.Failing() {
		t.Error("nothing reported, yet a clause fails")
	}
	if !failing.Failing() {
		t.Error("S3.1 fails, yet no clause fails")
	}
	// The clauses S3.1's items serve fail; the rest keep the result they had without findings.
	served := map[string]bool{}
	for _, it := range failing.Items {
		if it.Result == mapping.ResultFail {
			for _, c := range it.Clauses {
				served[c.Clause] = true
			}
		}
	}
	if len(served) == 0 {
		t.Fatal("no item of S3.1 fails")
	}
	for i, c := range failing.Clauses {
		switch {
		case served[c.Clause]:
			if c.Result != mapping.ClauseFailing || len(c.Failing) == 0 {
				t.Errorf("%s: %s with failing %v, want failing", c.Clause, c.Result, c.Failing)
			}
		case c.Result != none.Clauses[i].Result:
			t.Errorf("%s: %s, but %s without findings", c.Clause, c.Result, none.Clauses[i].Result)
		}
	}
	// Without findings, a clause with automated evidence is not evaluated; one with only
	// documents is manual.
	if got := clause(t, none, "CC6.1").Result; got != mapping.ClauseNotEvaluated {
		t.Errorf("CC6.1 without findings: %s", got)
	}
	if got := clause(t, none, "CC1.1").Result; got != mapping.ClauseManual {
		t.Errorf("CC1.1 without findings: %s", got)
	}
}

func TestAssessPassingNeedsEveryCheck(t *testing.T) {
	// Pass every check of every item serving CC6.1: the clause passes.
	c := mapping.Default()
	scope := must(c.Scope("lambda", "s3"))
	items := must(c.Checklist([]frameworks.ID{frameworks.SOC2}, scope))
	checks := map[srm.Source]mapping.Tally{}
	for _, it := range items {
		for _, s := range it.Sources {
			if s.Kind == srm.SourceConfigRule || s.Kind == srm.SourceSecurityHub {
				checks[s] = mapping.Tally{Passed: 1}
			}
		}
	}
	a := must(c.Assess([]frameworks.ID{frameworks.SOC2}, scope, mapping.Evaluations{Checks: checks}))
	cc61 := clause(t, a, "CC6.1")
	if cc61.Result != mapping.ClausePassing {
		t.Errorf("CC6.1 with every check passing: %s", cc61.Result)
	}
	if len(cc61.Manual) == 0 {
		t.Error("CC6.1 passing lists no manual evidence still to collect")
	}
	if len(a.Unmatched) != 0 {
		t.Errorf("every check reported served an item, yet unmatched: %v", a.Unmatched)
	}
}

func TestAssessErrors(t *testing.T) {
	c := mapping.Default()
	scope := must(c.Scope("lambda"))
	if _, err := c.Assess(nil, scope, mapping.Evaluations{}); !errors.Is(err, mapping.ErrUnknownFramework) {
		t.Errorf("no framework: %v", err)
	}
	if _, err := c.Assess([]frameworks.ID{"soc3"}, scope, mapping.Evaluations{}); !errors.Is(err, mapping.ErrUnknownFramework) {
		t.Errorf("unknown framework: %v", err)
	}
	if _, err := c.Assess([]frameworks.ID{frameworks.SOC2}, srm.Scope{}, mapping.Evaluations{}); !errors.Is(err, srm.ErrZeroScope) {
		t.Errorf("zero scope: %v", err)
	}
}
