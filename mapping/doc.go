// Package mapping links srmkit's controls to framework clauses and answers the questions an
// audit asks: which controls satisfy a clause, which clauses a control serves, how two
// frameworks line up, what is covered for the services in use, what evidence to collect, and
// which of that evidence passes according to the scanners already running.
//
//	c := mapping.Default()
//	scope, err := c.Scope("lambda", "s3", "dynamodb")
//	if err != nil {
//		return err // unknown service "dynamo" (did you mean dynamodb?)
//	}
//	ms, err := c.Satisfying(frameworks.SOC2, "CC6.1", scope)
//	if err != nil {
//		return err
//	}
//	for m := range ms.All() {
//		fmt.Println(m.Control, m.Relationship, m.Responsibility)
//	}
//
// # Loud, not empty
//
// An unknown framework, clause, control or service is an error to test with errors.Is
// ([ErrUnknownFramework], [ErrUnknownClause], [ErrUnknownControl], [srm.ErrUnknownService]),
// with a suggestion where one is close. A [frameworks.ID] must be the canonical id; turn names
// people type into one with [Catalog.Framework]. A zero scope, or one built from another model,
// is refused. An empty answer always means "exists, and nothing matches".
//
// # Copies out
//
// A [Catalog] is immutable and safe for concurrent use, and every value a query returns is the
// caller's own: changing it changes neither the catalog nor any other answer. Overlays — an
// organisation's controls, owners and status, mappings and exclusions, built in Go or read with
// the mapping/load package — produce new catalogs, checked the same way whatever their origin.
//
// # Profiles and the Statement of Applicability
//
// [Catalog.Narrow] answers within the profiles an engagement covers — SOC 2 categories
// (soc2:security+availability), GDPR roles (gdpr:processor) — read with
// [frameworks.ParseSelection]: clauses outside them are absent from every answer, not gaps.
// [Catalog.StatementOfApplicability] gives the ISO/IEC 27001 Annex A rows an auditor expects.
//
// # Assessments
//
// [Catalog.Assess] joins what scanners reported ([Evaluations], which the mapping/findings
// package reads from Security Hub, AWS Config and Prowler output) to the checklist: each
// evidence item passes, fails, was not evaluated or is manual, and each leaf clause rolls up to
// failing, passing, not-evaluated, manual, inherited, gap or not-applicable. A Security Hub
// control and the AWS Config rule AWS runs for it count as one check.
//
// # Reports
//
// The XxxReport functions turn a query's results into a [Report] that [Report.Write] writes as
// Markdown, CSV or JSON, each carrying the data [Digest].
package mapping

//go:generate go run ./internal/gen -root ..
