package findings

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"runtime"
	"testing"
)

// asffTemplate is one consolidated control finding as Security Hub exports it, about 3 KB,
// with the members a real finding carries: its product, standards, remediation, the resource's
// details and the provider fields. %[1]d is the finding's number, %[2]s the control id and
// %[3]s the compliance status.
const asffTemplate = `{
    "SchemaVersion": "2018-10-08",
    "Id": "arn:aws:securityhub:eu-west-1:111122223333:security-control/%[2]s/finding/6f0a1e2b-%08[1]d",
    "ProductArn": "arn:aws:securityhub:eu-west-1::product/aws/securityhub",
    "ProductName": "Security Hub",
    "CompanyName": "AWS",
    "Region": "eu-west-1",
    "GeneratorId": "security-control/%[2]s",
    "AwsAccountId": "111122223333",
    "Types": ["Software and Configuration Checks/Industry and Regulatory Standards"],
    "FirstObservedAt": "2026-11-02T08:14:55.102Z",
    "LastObservedAt": "2026-11-24T08:15:01.417Z",
    "CreatedAt": "2026-11-02T08:14:55.102Z",
    "UpdatedAt": "2026-11-24T08:14:58.611Z",
    "Severity": {"Label": "MEDIUM", "Normalized": 40, "Original": "MEDIUM"},
    "Title": "Generated control finding number %[1]d for a benchmark of the reader",
    "Description": "A finding shaped like Security Hub's consolidated control findings, with a description long enough to resemble the real text, which explains what the control evaluates and why a resource fails it, in a sentence or two.",
    "Remediation": {"Recommendation": {"Text": "For information on how to correct this issue, consult the AWS Security Hub controls documentation.", "Url": "https://docs.aws.amazon.com/console/securityhub/%[2]s/remediation"}},
    "ProductFields": {
        "RelatedAWSResources:0/name": "securityhub-generated-rule-6f0a1e2b",
        "RelatedAWSResources:0/type": "AWS::Config::ConfigRule",
        "aws/securityhub/ProductName": "Security Hub",
        "aws/securityhub/CompanyName": "AWS",
        "Resources:0/Id": "arn:aws:s3:::bench-bucket-%[1]d",
        "aws/securityhub/FindingId": "arn:aws:securityhub:eu-west-1::product/aws/securityhub/arn:aws:securityhub:eu-west-1:111122223333:security-control/%[2]s/finding/6f0a1e2b-%08[1]d"
    },
    "Resources": [{
        "Type": "AwsS3Bucket",
        "Id": "arn:aws:s3:::bench-bucket-%[1]d",
        "Partition": "aws",
        "Region": "eu-west-1",
        "Tags": {"owner": "platform", "cost-centre": "cc-1234", "environment": "production"},
        "Details": {"AwsS3Bucket": {"OwnerId": "4edbba300f1caa608fba2aad2c8fcfe30c32ca32777f64451eec4fb2a0f10d8c", "CreatedAt": "2024-04-15T04:32:53.000Z",
            "ServerSideEncryptionConfiguration": {"Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": "arn:aws:kms:eu-west-1:111122223333:key/0d6f1b3c-1a2b-4c5d-8e9f-0a1b2c3d4e5f"}}]},
            "PublicAccessBlockConfiguration": {"BlockPublicAcls": true, "BlockPublicPolicy": true, "IgnorePublicAcls": true, "RestrictPublicBuckets": true}}}
    }],
    "Compliance": {
        "Status": "%[3]s",
        "SecurityControlId": "%[2]s",
        "AssociatedStandards": [{"StandardsId": "standards/aws-foundational-security-best-practices/v/1.0.0"}, {"StandardsId": "standards/nist-800-53/v/5.0.0"}],
        "SecurityControlParameters": [],
        "StatusReasons": [{"ReasonCode": "CONFIG_EVALUATIONS_EMPTY", "Description": "AWS Config evaluated your resources against the rule and reported its result."}]
    },
    "WorkflowState": "NEW",
    "Workflow": {"Status": "NEW"},
    "RecordState": "ACTIVE",
    "FindingProviderFields": {"Severity": {"Label": "MEDIUM", "Original": "MEDIUM"}, "Types": ["Software and Configuration Checks/Industry and Regulatory Standards"]},
    "ProcessedAt": "2026-11-24T08:15:03.221Z"
}`

var benchControls = []string{"S3.1", "S3.5", "S3.8", "Lambda.1", "Lambda.2", "DynamoDB.2", "IAM.7", "CloudTrail.1"}

// asffExport streams a get-findings export of n findings without holding it in memory.
type asffExport struct {
	n, i  int
	store []byte
	buf   []byte // the part of store not yet read
	done  bool
}

func newASFFExport(n int) *asffExport {
	return &asffExport{n: n, buf: []byte(`{"Findings": [`)}
}

func (g *asffExport) Read(p []byte) (int, error) {
	if len(g.buf) == 0 {
		if g.done {
			return 0, io.EOF
		}
		g.store = g.store[:0]
		if g.i == g.n {
			g.store = append(g.store, "]}\n"...)
			g.done = true
		} else {
			status := "PASSED"
			if g.i%7 == 0 {
				status = "FAILED"
			}
			if g.i > 0 {
				g.store = append(g.store, ",\n"...)
			}
			g.store = fmt.Appendf(g.store, asffTemplate, g.i, benchControls[g.i%len(benchControls)], status)
			g.i++
		}
		g.buf = g.store
	}
	n := copy(p, g.buf)
	g.buf = g.buf[n:]
	return n, nil
}

// peakHeap samples the heap in use every sampleEvery bytes read through it.
type peakHeap struct {
	r    io.Reader
	n    int64
	next int64
	peak uint64
}

const sampleEvery = 4 << 20

func (p *peakHeap) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	p.n += int64(n)
	if p.n >= p.next {
		p.next = p.n + sampleEvery
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		p.peak = max(p.peak, ms.HeapInuse)
	}
	return n, err
}

func gzipped(t testing.TB, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
