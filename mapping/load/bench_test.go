package load_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/srmkit/srmkit/frameworks"
	"github.com/srmkit/srmkit/mapping/load"
)

var sink int

func readAll(b *testing.B, dir string) []load.File {
	paths, err := filepath.Glob(filepath.Join("..", "..", dir, "*.yaml"))
	if err != nil || len(paths) == 0 {
		b.Fatalf("%s: %v", dir, err)
	}
	var out []load.File
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, load.File{Name: p, Data: data})
	}
	return out
}

// BenchmarkFirstQueryFromYAML reaches the answer of the mapping package's
// BenchmarkFirstQueryFromTables the way the generated tables avoid: reading, parsing and
// validating the YAML sources at run time.
func BenchmarkFirstQueryFromYAML(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		var files []load.File
		for _, dir := range []string{"frameworks/data", "srm/data", "mapping/data"} {
			files = append(files, readAll(b, dir)...)
		}
		c, err := load.Catalog(files...)
		if err != nil {
			b.Fatal(err)
		}
		scope, _ := c.Scope()
		ms, err := c.Satisfying(frameworks.SOC2, "CC6.1", scope)
		if err != nil {
			b.Fatal(err)
		}
		for m := range ms.All() {
			sink += m.Strength
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
				o, err := load.Overlay(load.File{Name: "generated.yaml", Data: data})
				if err != nil {
					b.Fatal(err)
				}
				sink += len(o.Controls)
			}
		})
	}
}
