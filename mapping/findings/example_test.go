package findings_test

import (
	"fmt"
	"strings"

	"github.com/srmkit/srmkit/frameworks"
	"github.com/srmkit/srmkit/mapping"
	"github.com/srmkit/srmkit/mapping/findings"
)

// Read the files the scanners wrote, then assess the checklist of the services in use.
func Example() {
	// Security Hub findings, as aws securityhub get-findings prints them (often gzip-compressed
	// in S3; the reader takes either), and Prowler's CSV.
	securityHub := `{"Findings": [{"SchemaVersion": "2018-10-08", "GeneratorId": "security-control/S3.1",
	  "Compliance": {"Status": "FAILED", "SecurityControlId": "S3.1"}, "RecordState": "ACTIVE",
	  "Resources": [{"Type": "AwsAccount", "Id": "AWS::::Account:111122223333"}]}]}`
	prowler := "CHECK_ID;STATUS;MUTED;RESOURCE_UID\r\n" +
		"s3_bucket_secure_transport_policy;PASS;False;arn:aws:s3:::acme-invoices\r\n"

	var set findings.Set
	for name, text := range map[string]string{"findings.json": securityHub, "prowler.csv": prowler} {
		if _, err := set.Read(name, strings.NewReader(text)); err != nil {
			panic(err) // names the file, with a line and column when it is malformed
		}
	}
	c := mapping.Default()
	scope, err := c.Scope("lambda", "s3")
	if err != nil {
		panic(err)
	}
	a, err := c.Assess([]frameworks.ID{frameworks.SOC2}, scope, set.Evaluations())
	if err != nil {
		panic(err)
	}
	fmt.Println("failing:", a.Failing())
	for _, it := range a.Items {
		if it.Result == mapping.ResultFail || it.Result == mapping.ResultPass {
			fmt.Println(it.EvidenceID, it.Result, it.Passed, it.Failed)
		}
	}
	// Output:
	// failing: true
	// AST-10-E2 pass 1 0
	// AST-13-E2 fail 0 1
	// IAM-13-E1 fail 0 1
	// CRY-12-E1 pass 1 0
}
