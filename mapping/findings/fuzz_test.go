package findings

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// seed adds the fixtures matching pattern and the inline seeds to the corpus.
func seed(f *testing.F, pattern string, inline ...string) {
	paths, err := filepath.Glob(filepath.Join("testdata", pattern))
	if err != nil {
		f.Fatal(err)
	}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range inline {
		f.Add([]byte(s))
	}
}

// fuzzRead checks what every reader promises: no panic; a failed read leaves the set as it
// was; a successful one accounts for what it skipped and reads the same compressed.
func fuzzRead(t *testing.T, data []byte) {
	var s Set
	f, err := s.Read("fuzz", bytes.NewReader(data))
	if err != nil {
		ev := s.Evaluations()
		if len(ev.Checks) != 0 || len(ev.Files) != 0 || len(ev.Unresolved) != 0 {
			t.Fatalf("a failed read changed the set: %v", err)
		}
		return
	}
	if skipped := f.Archived + f.Suppressed + f.NotApplicable + f.Other; skipped > f.Records {
		t.Fatalf("%d records skipped of %d read", skipped, f.Records)
	}
	if len(f.Formats) == 0 && f.Records > 0 {
		t.Fatalf("%d records of no format", f.Records)
	}
	// Compressing costs more than reading: check it on small inputs, where the fuzzer spends
	// most of its time.
	if len(data) >= 2 && data[0] == 0x1f && data[1] == 0x8b || len(data) > 8<<10 {
		return
	}
	var z Set
	g, err := z.Read("fuzz", bytes.NewReader(gzipped(t, data)))
	if err != nil {
		t.Fatalf("read plain, but not compressed: %v", err)
	}
	if diff := cmp.Diff(f, g); diff != "" {
		t.Fatalf("plain and compressed differ (-plain +gzip):\n%s", diff)
	}
	if diff := cmp.Diff(s.Evaluations(), z.Evaluations()); diff != "" {
		t.Fatalf("plain and compressed differ (-plain +gzip):\n%s", diff)
	}
}

func FuzzSecurityHub(f *testing.F) {
	seed(f, "securityhub-*", `{"Findings":[`+oneFinding+`]}`, oneFinding+"\n"+oneFinding+"\n",
		`{"Findings":[{"ProductFields":{"aws/config/ConfigRuleName":"s3-bucket-ssl-requests-only-x"},"Compliance":{"Status":"FAILED"},"SchemaVersion":"2018-10-08"}]}`)
	f.Fuzz(fuzzRead)
}

func FuzzConfig(f *testing.F) {
	seed(f, "config-*",
		`{"EvaluationResults":[{"EvaluationResultIdentifier":{"EvaluationResultQualifier":{"ConfigRuleName":"r","ResourceType":"AWS::S3::Bucket","ResourceId":"b"}},"ComplianceType":"NON_COMPLIANT"}]}`,
		`{"ComplianceByConfigRules":[{"ConfigRuleName":"r","Compliance":{"ComplianceType":"NON_COMPLIANT","ComplianceContributorCount":{"CappedCount":3}}}]}`,
		`{"ConfigRules":[{"ConfigRuleName":"r","Source":{"Owner":"AWS","SourceIdentifier":"S3_BUCKET_SSL_REQUESTS_ONLY"}}]}`)
	f.Fuzz(fuzzRead)
}

func FuzzProwlerOCSF(f *testing.F) {
	seed(f, "prowler-ocsf*",
		`[{"metadata":{"event_code":"s3_bucket_secure_transport_policy"},"status_code":"FAIL","status":"New","resources":[{"uid":"arn:aws:s3:::b"}],"unmapped":{"compliance":{"AWS-Foundational-Security-Best-Practices":["S3.5"]}}}]`)
	f.Fuzz(fuzzRead)
}

func FuzzProwlerCSV(f *testing.F) {
	seed(f, "prowler*.csv", "CHECK_ID;STATUS;MUTED;RESOURCE_UID\r\ns3_bucket_secure_transport_policy;FAIL;False;arn:aws:s3:::b\r\n",
		"check_id,status,resource_arn\n\"a,b\",PASS,\"x\"\"y\"\n")
	f.Fuzz(fuzzRead)
}
