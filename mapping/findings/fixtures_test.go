package findings_test

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/srmkit/srmkit/frameworks"
	"github.com/srmkit/srmkit/mapping"
	"github.com/srmkit/srmkit/mapping/findings"
	"github.com/srmkit/srmkit/srm"
)

func read(t *testing.T, files ...string) *findings.Set {
	t.Helper()
	var s findings.Set
	for _, f := range files {
		if _, err := s.ReadFile(filepath.Join("testdata", f)); err != nil {
			t.Fatal(err)
		}
	}
	return &s
}

func assess(t *testing.T, s *findings.Set, services ...string) *mapping.Assessment {
	t.Helper()
	c := mapping.Default()
	scope, err := c.Scope(services...)
	if err != nil {
		t.Fatal(err)
	}
	a, err := c.Assess([]frameworks.ID{frameworks.SOC2}, scope, s.Evaluations())
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// outcome is what an assessment decides: each item's and each clause's result.
func outcome(a *mapping.Assessment) map[string]string {
	m := map[string]string{}
	for _, it := range a.Items {
		if it.EvidenceID != "" {
			m[it.EvidenceID] = string(it.Result)
		}
	}
	for _, c := range a.Clauses {
		m[c.Clause] = string(c.Result) + " " + strings.Join(c.Failing, ",")
	}
	return m
}

// TestSameAnswerFromEveryScanner assesses the fixtures' scenario from each scanner's files:
// every item and clause gets the same result.
func TestSameAnswerFromEveryScanner(t *testing.T) {
	want := outcome(assess(t, read(t, "securityhub-consolidated.json"), "lambda", "s3"))
	for _, files := range [][]string{
		{"securityhub-pages.json"},
		{"securityhub-config.jsonl"},
		{"config-details.json", "config-rules.json"},
		{"config-rules.json", "config-details.json"}, // the rules may come after the results
		{"config-details.json"},
		{"config-details-pack.json"},
		{"config-summary.json"},
		{"prowler-ocsf.json"},
		{"prowler.csv"},
		{"prowler-v3.csv"},
		// Two tools reporting the same resources agree with each alone.
		{"securityhub-consolidated.json", "prowler.csv"},
	} {
		got := outcome(assess(t, read(t, files...), "lambda", "s3"))
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%v: results differ from securityhub-consolidated.json (-want +got):\n%s", files, diff)
		}
	}
}

func TestScenario(t *testing.T) {
	s := read(t, "securityhub-consolidated.json")
	a := assess(t, s, "lambda", "s3")

	// S3.1 fails: every item naming it fails, with the account as the failing resource, and
	// every clause those items serve fails.
	failing := map[string]bool{}
	for _, it := range a.Items {
		for _, src := range it.Sources {
			if src == (srm.Source{Kind: srm.SourceSecurityHub, Ref: "S3.1"}) {
				if it.Result != mapping.ResultFail || !contains(it.Resources, "AWS::::Account:111122223333") {
					t.Errorf("%s names S3.1: %s, resources %v", it.EvidenceID, it.Result, it.Resources)
				}
				for _, c := range it.Clauses {
					failing[c.Clause] = true
				}
			}
		}
	}
	if len(failing) == 0 {
		t.Fatal("no item names S3.1")
	}
	for _, c := range a.Clauses {
		if failing[c.Clause] && c.Result != mapping.ClauseFailing {
			t.Errorf("%s is served by S3.1's evidence but is %s", c.Clause, c.Result)
		}
	}

	// DynamoDB.2 passes, but dynamodb is not in scope: the assessment without its finding is
	// the same, and the finding is reported as unmatched.
	ev := s.Evaluations()
	if _, ok := ev.Checks[srm.Source{Kind: srm.SourceSecurityHub, Ref: "DynamoDB.2"}]; !ok {
		t.Fatal("the fixture has no DynamoDB.2 finding")
	}
	delete(ev.Checks, srm.Source{Kind: srm.SourceSecurityHub, Ref: "DynamoDB.2"})
	scope, err := mapping.Default().Scope("lambda", "s3")
	if err != nil {
		t.Fatal(err)
	}
	without, err := mapping.Default().Assess([]frameworks.ID{frameworks.SOC2}, scope, ev)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(outcome(without), outcome(a)); diff != "" {
		t.Errorf("an out-of-scope DynamoDB.2 finding changed the assessment (-without +with):\n%s", diff)
	}
	wantUnmatched := []mapping.Unmatched{{Kind: srm.SourceSecurityHub, ID: "DynamoDB.2", Findings: 1, Reason: mapping.ReasonOutOfScope}}
	if diff := cmp.Diff(wantUnmatched, a.Unmatched); diff != "" {
		t.Errorf("unmatched (-want +got):\n%s", diff)
	}
	// With dynamodb in scope, its evidence passes and nothing is left over.
	with := assess(t, s, "lambda", "s3", "dynamodb")
	if len(with.Unmatched) != 0 {
		t.Errorf("dynamodb in scope, yet unmatched: %v", with.Unmatched)
	}

	// The archived, suppressed and GuardDuty records are skipped and counted.
	f := s.Files()[0]
	want := findings.File{Name: filepath.Join("testdata", "securityhub-consolidated.json"), Formats: []string{"securityhub-asff"},
		Records: 11, Counted: 8, Archived: 1, Suppressed: 1, Other: 1}
	if diff := cmp.Diff(want, f); diff != "" {
		t.Errorf("file (-want +got):\n%s", diff)
	}
}

func TestFileSummaries(t *testing.T) {
	for _, tc := range []struct {
		file    string
		want    findings.File
		unknown []mapping.Unmatched // beyond DynamoDB.2, out of scope in every file
	}{
		{"securityhub-pages.json", findings.File{Formats: []string{"securityhub-asff"}, Records: 9, Counted: 9}, []mapping.Unmatched{
			{Kind: srm.SourceSecurityHub, ID: "S3.99", Findings: 1, Reason: mapping.ReasonUnknown}}},
		{"securityhub-config.jsonl", findings.File{Formats: []string{"securityhub-asff"}, Records: 9, Counted: 9}, []mapping.Unmatched{
			{Kind: srm.SourceConfigRule, ID: "acme-tagging-standard", Findings: 1, Reason: "Config rule name matches no managed rule's default name"}}},
		{"config-details.json", findings.File{Formats: []string{"config-details"}, Records: 9, Counted: 8, NotApplicable: 1}, nil},
		{"config-rules.json", findings.File{Formats: []string{"config-rules"}, Records: 7}, nil},
		{"config-summary.json", findings.File{Formats: []string{"config-summary"}, Records: 6, Counted: 6}, nil},
		{"prowler-ocsf.json", findings.File{Formats: []string{"prowler-ocsf"}, Records: 10, Counted: 8, Suppressed: 1}, []mapping.Unmatched{
			{ID: "prowler:account_maintain_current_contact_details", Findings: 1, Reason: "Prowler check that implements no Security Hub control"}}},
		{"prowler.csv", findings.File{Formats: []string{"prowler-csv"}, Records: 10, Counted: 8, Suppressed: 1}, []mapping.Unmatched{
			{ID: "prowler:account_maintain_current_contact_details", Findings: 1, Reason: "Prowler check that implements no Security Hub control"}}},
		{"prowler-v3.csv", findings.File{Formats: []string{"prowler-csv"}, Records: 10, Counted: 8, Suppressed: 1, Other: 1}, nil},
	} {
		s := read(t, tc.file)
		tc.want.Name = filepath.Join("testdata", tc.file)
		if diff := cmp.Diff(tc.want, s.Files()[0]); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.file, diff)
		}
		if tc.file == "config-rules.json" {
			continue
		}
		a := assess(t, s, "lambda", "s3")
		var unknown []mapping.Unmatched
		for _, u := range a.Unmatched {
			if u.ID != "DynamoDB.2" && u.ID != "DYNAMODB_PITR_ENABLED" {
				unknown = append(unknown, u)
			}
		}
		if diff := cmp.Diff(tc.unknown, unknown); diff != "" {
			t.Errorf("%s: unmatched (-want +got):\n%s", tc.file, diff)
		}
	}
}

func TestConfigNames(t *testing.T) {
	// Without describe-config-rules, names are matched to managed rules and the match is said.
	ev := read(t, "config-details-pack.json").Evaluations()
	if len(ev.Warnings) != 2 || !strings.Contains(ev.Warnings[0], "s3-bucket-ssl-requests-only-conformance-pack-evf98ss3j → S3_BUCKET_SSL_REQUESTS_ONLY") ||
		!strings.Contains(ev.Warnings[1], "acme-tagging-standard") {
		t.Errorf("warnings: %q", ev.Warnings)
	}
	// With it, the custom rule is known to be custom and nothing is guessed.
	ev = read(t, "config-details.json", "config-rules.json").Evaluations()
	if len(ev.Warnings) != 0 {
		t.Errorf("warnings with describe-config-rules: %q", ev.Warnings)
	}
}

func TestRefusedFiles(t *testing.T) {
	for _, tc := range []struct{ file, err string }{
		{"not-findings.json", "testdata/not-findings.json:1:1: not a findings file: a JSON object with members Records; expected Security Hub findings (ASFF), " +
			"AWS Config output (get-compliance-details-by-config-rule, describe-compliance-by-config-rule, describe-config-rules) or Prowler's JSON (OCSF)"},
		{"truncated.json", "testdata/truncated.json:"},
		{"README.md", "testdata/README.md: not a findings file: the first line is not a Prowler CSV header"},
	} {
		var s findings.Set
		_, err := s.ReadFile(filepath.Join("testdata", tc.file))
		if err == nil || !strings.HasPrefix(err.Error(), tc.err) {
			t.Errorf("%s: %v, want %s", tc.file, err, tc.err)
		}
		if tc.file != "truncated.json" && !errors.Is(err, findings.ErrNotFindings) {
			t.Errorf("%s: %v does not wrap ErrNotFindings", tc.file, err)
		}
		if len(s.Files()) != 0 || len(s.Evaluations().Checks) != 0 {
			t.Errorf("%s: a refused file changed the set", tc.file)
		}
	}
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

var update = flag.Bool("update", false, "rewrite the golden files")

// TestAssessmentGolden writes the assessment of the Security Hub fixture in every format and
// compares it with the files under testdata.
func TestAssessmentGolden(t *testing.T) {
	c := mapping.Default()
	scope, err := c.Scope("lambda", "s3")
	if err != nil {
		t.Fatal(err)
	}
	a := assess(t, read(t, "securityhub-consolidated.json", "config-details-pack.json"), "lambda", "s3")
	soc2, err := c.Framework("soc2")
	if err != nil {
		t.Fatal(err)
	}
	r := mapping.AssessmentReport([]*frameworks.Framework{soc2}, "", scope, a)
	for _, f := range []mapping.Format{mapping.Markdown, mapping.CSV, mapping.JSON} {
		var b bytes.Buffer
		if err := r.Write(&b, f); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join("testdata", "assess-soc2-lambda-s3."+string(f))
		if *update {
			if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(string(want), b.String()); diff != "" {
			t.Errorf("%s differs (-want +got); if the change is intended, run go test ./mapping/findings -run Golden -update:\n%s", path, diff)
		}
	}
}
