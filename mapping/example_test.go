package mapping_test

import (
	"errors"
	"fmt"
	"os"
	"slices"

	"github.com/srmkit/srmkit/frameworks"
	"github.com/srmkit/srmkit/mapping"
	"github.com/srmkit/srmkit/srm"
)

func ExampleCatalog_Satisfying() {
	c := mapping.Default()
	scope, err := c.Scope("ec2", "s3")
	if err != nil {
		panic(err)
	}
	matches, err := c.Satisfying(frameworks.ISO27001, "A.8.8", scope)
	if err != nil {
		panic(err)
	}
	for m := range matches.All() {
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

// Unknown names are errors, never empty answers.
func ExampleCatalog_Satisfying_errors() {
	c := mapping.Default()
	all, _ := c.Scope()
	_, err := c.Satisfying(frameworks.ISO27001, "8.24", all)
	fmt.Println(errors.Is(err, mapping.ErrUnknownClause), err)
	_, err = c.Satisfying("soc2", "CC6.1", all)
	fmt.Println(errors.Is(err, mapping.ErrUnknownFramework), err)
	_, err = c.Satisfying(frameworks.SOC2, "CC6.1", srm.Scope{})
	fmt.Println(errors.Is(err, srm.ErrZeroScope))
	// Output:
	// true unknown clause "8.24" in iso27001-2022 (did you mean A.8.24?)
	// true unknown framework "soc2": it is an alias of soc2-2017; pass the id, or resolve names with Catalog.Framework
	// true
}

func ExampleCatalog_Framework() {
	c := mapping.Default()
	f, err := c.Framework("csf")
	fmt.Println(f.ID(), err)
	_, err = c.Framework("iso2701")
	fmt.Println(err)
	// Output:
	// nist-csf-2.0 <nil>
	// unknown framework "iso2701" (did you mean iso27001?) (known: soc2-2017, soc2, iso27001-2022, iso27001, nist-csf-2.0, csf, gdpr-2016, gdpr)
}

func ExampleCatalog_Clauses() {
	c := mapping.Default()
	clauses, err := c.Clauses("HRD-02")
	if err != nil {
		panic(err)
	}
	for m := range clauses {
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
	seq, err := c.Crosswalk(frameworks.CSF, frameworks.ISO27001, mapping.CrosswalkOptions{})
	if err != nil {
		panic(err)
	}
	pairs := slices.Collect(seq)
	p := pairs[0]
	fmt.Println(len(pairs), p.From, p.To, p.Kind, p.Strength, p.Via)
	// Output:
	// 346 GV.OC-01 4.1 direct 6 [GOV-02]
}

func ExampleCatalog_Coverage() {
	c := mapping.Default()
	scope, _ := c.Scope("lambda")
	statuses, err := c.Coverage(frameworks.SOC2, scope)
	if err != nil {
		panic(err)
	}
	count := map[mapping.Status]int{}
	for st := range statuses {
		count[st.Status]++
	}
	fmt.Println(count[mapping.StatusCovered], count[mapping.StatusPartial], count[mapping.StatusGap])
	// Output:
	// 24 37 0
}

func ExampleCatalog_Checklist() {
	c := mapping.Default()
	scope, _ := c.Scope("s3")
	items, err := c.Checklist([]frameworks.ID{frameworks.SOC2, frameworks.ISO27001}, scope)
	if err != nil {
		panic(err)
	}
	it := items[0]
	fmt.Println(it.Controls[0], it.EvidenceID, it.Collection, it.Responsibility, len(it.Clauses) > 0)
	// Output:
	// GOV-01 GOV-01-E1 manual customer true
}

// An overlay built in code is checked as one read from a file is.
func ExampleCatalog_With() {
	o := &mapping.Overlay{Name: "in-code", Organization: "Example Corp",
		Assignments: []mapping.Assignment{{Control: "IAM-01", Owner: "platform-security", Status: "done-ish"}}}
	_, err := mapping.Default().With(o)
	fmt.Println(err)
	o.Assignments[0].Status = mapping.Implemented
	c, err := mapping.Default().With(o)
	if err != nil {
		panic(err)
	}
	a, _ := c.Assignment("IAM-01")
	fmt.Println(c.Organization(), a.Owner, a.Status)
	// Output:
	// in-code: /assignments/0/status: unknown status "done-ish" (want one of implemented, partially-implemented, planned, not-implemented, not-applicable)
	// Example Corp platform-security implemented
}

func ExampleChecklistReport() {
	c := mapping.Default()
	scope, _ := c.Scope("dynamodb")
	items, err := c.Checklist([]frameworks.ID{frameworks.GDPR}, scope)
	if err != nil {
		panic(err)
	}
	gdpr, _ := c.Framework("gdpr")
	r := mapping.ChecklistReport([]*frameworks.Framework{gdpr}, "", scope, items[:1])
	if err := r.Write(os.Stdout, mapping.CSV); err != nil {
		panic(err)
	}
	// Output:
	// control,title,evidence,collection,sources,frequency,responsibility,owner,status,clauses,evidence_id,domain,artifact,evidence_location,complementary_subservice_controls,provider
	// GOV-01,Information security policy set and its review,"Current top-level information security policy and each topic-specific policy, showing version, approver and approval date",manual,document:Information security policy and topic-specific policy set,annual,customer,,,gdpr-2016 Art.24(2); gdpr-2016 Art.32(1)(b),GOV-01-E1,governance,policy,,,
}

func ExampleSatisfyReport() {
	c := mapping.Default()
	soc2, _ := c.Framework("soc2")
	clause, _ := soc2.Clause("CC6.1")
	scope, _ := c.Scope("s3")
	ms, err := c.Satisfying(soc2.ID(), clause.ID, scope)
	if err != nil {
		panic(err)
	}
	matches := slices.Collect(ms.All())
	r := mapping.SatisfyReport(soc2, clause, scope, matches[:2])
	if err := r.Write(os.Stdout, mapping.CSV); err != nil {
		panic(err)
	}
	// Output:
	// control,title,clause,relationship,strength,coverage,responsibility,rationale
	// AST-01,Inventory of cloud resources,CC6.1,subset-of,6,partial,customer,"Continuous configuration recording in every in-scope account, subscription or project, aggregated centrally and reconciled with the organisation's accounts, is the inventory of information assets CC6.1 starts from; access restriction and encryption are delivered by other controls."
	// CRY-04,Encryption at rest for object and file storage,CC6.1,subset-of,6,partial,shared,"Default encryption on object stores and encrypted shared file systems deliver encryption of data at rest for object and file storage, part of CC6.1; block, database and messaging stores have their own controls."
}

func ExampleCatalog_Assess() {
	c := mapping.Default()
	scope := must(c.Scope("lambda", "s3"))
	// What the scanners reported, per check: here S3.1 failed on the account and the Config
	// rule behind S3.5 passed on two buckets. The findings package builds this from files.
	ev := mapping.Evaluations{Checks: map[srm.Source]mapping.Tally{
		{Kind: srm.SourceSecurityHub, Ref: "S3.1"}:                       {Failed: 1, Resources: []string{"AWS::::Account:111122223333"}},
		{Kind: srm.SourceConfigRule, Ref: "S3_BUCKET_SSL_REQUESTS_ONLY"}: {Passed: 2},
	}}
	a, err := c.Assess([]frameworks.ID{frameworks.SOC2}, scope, ev)
	if err != nil {
		panic(err)
	}
	for _, it := range a.Items {
		if it.Result == mapping.ResultFail || it.Result == mapping.ResultPass {
			fmt.Println(it.EvidenceID, it.Result, it.Resources)
		}
	}
	for _, cl := range a.Clauses {
		if cl.Result == mapping.ClauseFailing {
			fmt.Println(cl.Clause, cl.Result, cl.Failing)
		}
	}
	fmt.Println("CC1.1:", a.Clauses[0].Result)
	// Output:
	// AST-10-E2 pass []
	// AST-13-E2 fail [AWS::::Account:111122223333]
	// IAM-13-E1 fail [AWS::::Account:111122223333]
	// CRY-12-E1 pass []
	// CC6.1 failing [IAM-13-E1]
	// CC6.6 failing [AST-13-E2 IAM-13-E1]
	// CC6.7 failing [AST-13-E2 IAM-13-E1]
	// CC7.2 failing [AST-13-E2]
	// C1.1 failing [AST-13-E2 IAM-13-E1]
	// CC1.1: manual
}

// A SOC 2 report on Security and Availability: the other categories' criteria are left out,
// not reported as gaps.
func ExampleCatalog_Narrow() {
	sel, err := frameworks.ParseSelection("soc2:security+availability")
	if err != nil {
		panic(err)
	}
	c, err := mapping.Default().Narrow(sel)
	if err != nil {
		panic(err)
	}
	scope, _ := c.Scope("lambda", "dynamodb")
	statuses, _ := c.Coverage(frameworks.SOC2, scope)
	n := 0
	for range statuses {
		n++
	}
	_, err = c.Satisfying(frameworks.SOC2, "P4.1", scope)
	fmt.Println(n, errors.Is(err, mapping.ErrOutsideProfile))
	// Output: 36 true
}

func ExampleCatalog_Selections() {
	c, _ := mapping.Default().Narrow(frameworks.Selection{Framework: frameworks.GDPR, Profiles: []string{"processor"}})
	for _, s := range c.Selections() {
		fmt.Println(s)
	}
	// Output:
	// soc2-2017
	// iso27001-2022
	// nist-csf-2.0
	// gdpr-2016:processor
}

func ExampleCatalog_StatementOfApplicability() {
	c, err := mapping.Default().With(&mapping.Overlay{Name: "org",
		Exclusions: []mapping.NotApplicable{{Framework: frameworks.ISO27001, Clause: "A.7.4", Reason: "No premises of our own."}}})
	if err != nil {
		panic(err)
	}
	scope, _ := c.Scope("lambda", "s3")
	rows, err := c.StatementOfApplicability(scope)
	if err != nil {
		panic(err)
	}
	for _, r := range rows {
		if r.Control == "A.7.4" || r.Control == "A.8.24" {
			fmt.Println(r.Control, r.Applicable, r.Implementation, r.Justification)
		}
	}
	// Output:
	// A.7.4 false  Excluded: No premises of our own.
	// A.8.24 true unknown Implemented by CRY-03, CRY-15, AST-10, CRY-16, DAT-04, PRV-06 (customer); CRY-01, CRY-04, CRY-12, DAT-06 (shared).
}

func ExampleApplicabilityReport() {
	c := mapping.Default()
	scope, _ := c.Scope("s3")
	rows, err := c.StatementOfApplicability(scope)
	if err != nil {
		panic(err)
	}
	r := mapping.ApplicabilityReport("Example Corp", scope, rows[:1])
	if err := r.Write(os.Stdout, mapping.CSV); err != nil {
		panic(err)
	}
	// Output:
	// theme,control,title,applicable,justification,implementation,coverage,responsibility,controls,owners,risk_treatment,attestations,residual
	// A.5,A.5.1,Policies for information security,yes,"Implemented by GOV-01, IAM-01, DEV-01, PRV-01 (customer); CRY-01, BAK-01 (shared).",unknown,covered,shared,GOV-01; CRY-01; IAM-01; BAK-01; DEV-01; PRV-01,,,,
}
