package findings

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func readIDs(t *testing.T, path string) map[string]bool {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ids := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := strings.TrimSpace(sc.Text()); line != "" && !strings.HasPrefix(line, "#") {
			ids[line] = true
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(ids) == 0 {
		t.Fatalf("%s lists no ids", path)
	}
	return ids
}

// TestTablesNameRealIDs checks every id of the compiled tables against the vendored lists:
// Security Hub's current controls, AWS Config's managed rules and the Prowler checks of the
// commit the mapping came from.
func TestTablesNameRealIDs(t *testing.T) {
	controls := readIDs(t, filepath.Join("..", "..", "srm", "testdata", "securityhub-control-ids.txt"))
	rules := readIDs(t, filepath.Join("..", "..", "srm", "testdata", "config-rule-identifiers.txt"))
	checks := readIDs(t, filepath.Join("testdata", "prowler-aws-checks.txt"))
	for _, p := range prowlerControls {
		if !controls[p.control] {
			t.Errorf("prowler-securityhub.csv: %s is not a current Security Hub control", p.control)
		}
		if !checks[p.check] {
			t.Errorf("prowler-securityhub.csv: %s is not a Prowler check", p.check)
		}
	}
	for _, r := range managedRules {
		if !rules[r.identifier] {
			t.Errorf("config-rule-names.csv: %s is not a managed rule identifier", r.identifier)
		}
		if r.name != strings.ToLower(r.name) || strings.ContainsAny(r.name, " _") {
			t.Errorf("config-rule-names.csv: %s is not a default rule name", r.name)
		}
	}
	if len(managedRules) != len(rules) {
		t.Errorf("config-rule-names.csv names %d rules, the identifier list %d", len(managedRules), len(rules))
	}
}

func TestRuleByName(t *testing.T) {
	for _, tc := range []struct{ name, want string }{
		{"s3-bucket-ssl-requests-only", "S3_BUCKET_SSL_REQUESTS_ONLY"},
		{"s3-bucket-ssl-requests-only-conformance-pack-k3j2h1x0abcd", "S3_BUCKET_SSL_REQUESTS_ONLY"},
		{"securityhub-s3-bucket-ssl-requests-only-6f0a1e2b", "S3_BUCKET_SSL_REQUESTS_ONLY"},
		{"S3-Bucket-SSL-Requests-Only", "S3_BUCKET_SSL_REQUESTS_ONLY"},
		// The longest default name wins: multi-region-cloudtrail-enabled, not a shorter one.
		{"multi-region-cloudtrail-enabled-conformance-pack-x", "MULTI_REGION_CLOUD_TRAIL_ENABLED"},
		{"cloudtrail-enabled", "CLOUD_TRAIL_ENABLED"},
		{"s3-bucket-level-public-access-prohibited-config-integration-demo", "S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED"},
		{"acme-tagging-standard", ""},
		{"s3-bucket-ssl-requests-onlyx", ""},
		{"", ""},
	} {
		if diff := cmp.Diff(tc.want, ruleByName(tc.name)); diff != "" {
			t.Errorf("ruleByName(%q) (-want +got):\n%s", tc.name, diff)
		}
	}
}
