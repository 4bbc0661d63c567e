package mapping_test

import (
	"fmt"
	"os"
	"slices"

	"github.com/srmkit/srmkit/frameworks"
	"github.com/srmkit/srmkit/mapping"
)

func ExampleCatalog_Satisfying() {
	c := mapping.Default()
	scope, _ := c.Scope("ec2", "s3")
	for m := range c.Satisfying(frameworks.ISO27001, "A.8.8", scope) {
		fmt.Println(m.Control, m.Relationship, m.Coverage, m.Responsibility)
	}
	// Output:
	// VUL-01 subset-of partial customer
	// VUL-02 subset-of partial customer
	// AST-03 supports none customer
	// HRD-02 subset-of partial customer
	// DEV-05 subset-of partial customer
	// VUL-03 subset-of partial customer
	// GOV-15 subset-of partial customer
	// GOV-19 subset-of partial customer
	// GOV-23 subset-of partial customer
	// LOG-13 subset-of partial shared
	// SUP-04 subset-of partial customer
	// VUL-04 subset-of partial customer
	// VUL-05 subset-of partial customer
}

func ExampleCatalog_Clauses() {
	c := mapping.Default()
	for m := range c.Clauses("HRD-02") {
		fmt.Println(m.Framework, m.Clause, m.Relationship, m.Strength)
	}
	// Output:
	// soc2-2017 CC7.1 subset-of 6
	// soc2-2017 CC8.1 subset-of 5
	// iso27001-2022 A.8.8 subset-of 6
	// iso27001-2022 A.8.19 subset-of 4
	// nist-csf-2.0 PR.PS-02 subset-of 7
	// gdpr-2016 Art.5(1)(f) subset-of 4
	// gdpr-2016 Art.32(1)(b) subset-of 5
}

func ExampleCatalog_Crosswalk() {
	c := mapping.Default()
	pairs := slices.Collect(c.Crosswalk(frameworks.CSF, frameworks.ISO27001, mapping.CrosswalkOptions{}))
	p := pairs[0]
	fmt.Println(len(pairs), p.From, p.To, p.Kind, p.Strength, p.Via)
	// Output:
	// 346 GV.OC-01 4.1 direct 6 [GOV-02]
}

func ExampleCatalog_Coverage() {
	c := mapping.Default()
	scope, _ := c.Scope("lambda")
	count := map[mapping.Status]int{}
	for st := range c.Coverage(frameworks.SOC2, scope) {
		count[st.Status]++
	}
	fmt.Println(count[mapping.StatusCovered], count[mapping.StatusPartial], count[mapping.StatusGap])
	// Output:
	// 24 37 0
}

func ExampleCatalog_Checklist() {
	c := mapping.Default()
	scope, _ := c.Scope("s3")
	items := c.Checklist([]frameworks.ID{frameworks.SOC2, frameworks.ISO27001}, scope)
	it := items[0]
	fmt.Println(it.Controls[0], it.EvidenceID, it.Collection, it.Responsibility, len(it.Clauses) > 0)
	// Output:
	// GOV-01 GOV-01-E1 manual customer true
}

func ExampleNew() {
	o, err := mapping.LoadOverlay("testdata/example-overlay.yaml")
	if err != nil {
		fmt.Println(err)
		return
	}
	c, err := mapping.New(o)
	if err != nil {
		fmt.Println(err)
		return
	}
	a, _ := c.Assignment("IAM-01")
	fmt.Println(c.Organization(), a.Owner, a.Status)
	// Output: Example Corp platform-security implemented
}

func ExampleLoadOverlay_errors() {
	_, err := mapping.LoadOverlay("testdata/invalid/45-three-mistakes.yaml")
	fmt.Println(err)
	// Output:
	// testdata/invalid/45-three-mistakes.yaml:3:13: /scope/provider: value must be one of "aws", "azure", "gcp"
	// testdata/invalid/45-three-mistakes.yaml:5:14: /assignments/0/control: does not match pattern '^[A-Z][A-Z0-9]{1,9}-[0-9]{2,3}$'
	// testdata/invalid/45-three-mistakes.yaml:6:13: /assignments/0/status: value must be one of "implemented", "partially-implemented", "planned", "not-implemented", "not-applicable"
}

func ExampleWriteChecklistCSV() {
	c := mapping.Default()
	scope, _ := c.Scope("dynamodb")
	items := c.Checklist([]frameworks.ID{frameworks.GDPR}, scope)
	_ = mapping.WriteChecklistCSV(os.Stdout, items[:1])
	// Output:
	// control,title,evidence,collection,sources,frequency,responsibility,owner,status,clauses,evidence_id,domain,artifact,evidence_location,complementary_subservice_controls
	// GOV-01,Information security policy set and its review,"Current top-level information security policy and each topic-specific policy, showing version, approver and approval date",manual,document:Information security policy and topic-specific policy set,annual,customer,,,gdpr-2016 Art.24(2); gdpr-2016 Art.32(1)(b),GOV-01-E1,governance,policy,,
}
