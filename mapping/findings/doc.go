// Package findings reads the files security scanners write, so that srmkit's evidence
// checklist can be assessed against them with [mapping.Catalog.Assess]: which evidence passes,
// which fails, which nothing reported on.
//
// A [Set] reads any number of files, one after another, in any of these formats, each
// recognised by its content and read gzip-compressed or not:
//
//   - AWS Security Hub findings in ASFF: the output of aws securityhub get-findings
//     ({"Findings": [...]}, one page or several written back to back), JSON Lines with one
//     finding a line, or a JSON array of findings. A finding counts toward its control:
//     Compliance.SecurityControlId, else ProductFields.ControlId, else the id that ends its
//     GeneratorId; a finding AWS Config sent counts toward its Config rule
//     (ProductFields aws/config/ConfigRuleName). Archived records, suppressed findings and
//     findings that are not control checks (GuardDuty, Inspector and partners) are skipped and
//     counted.
//   - AWS Config: the output of aws configservice get-compliance-details-by-config-rule (a
//     result per resource), describe-compliance-by-config-rule (a summary per rule) and
//     describe-config-rules, which ties each deployed rule's name to its managed-rule
//     identifier. Without it, a rule name is matched to the managed rule whose default name it
//     is, also with the suffix a conformance pack or Security Hub adds; each such match, and
//     each name that matches no managed rule, is reported in a warning.
//   - Prowler: its JSON (OCSF detection findings) and its CSV (Prowler 3 and later, ';' or ','
//     separated). A Prowler check counts toward the Security Hub controls Prowler's own
//     compliance mapping names in the finding, or, when the finding carries none, toward those
//     of a reviewed copy of that mapping compiled into the package. Muted findings are skipped
//     and counted.
//
// Counts are of evaluations: one a resource a finding. Passed, failed and indeterminate results
// are counted (Security Hub WARNING and NOT_AVAILABLE, Config INSUFFICIENT_DATA and Prowler
// MANUAL are indeterminate), with the first failing resources kept for the report.
//
// Memory stays bounded whatever the input. Files stream through a 64 KB buffer; strings the
// reader keeps (ids, names, statuses) are capped at 4 KB and other strings are never held;
// nesting is capped at 512 levels without recursion; a Set tallies at most 20,000 distinct
// checks and rule names. A malformed file is an error naming it with a line and column
// (FILE:LINE:COL: message), a file of another kind one wrapping [ErrNotFindings]; either way the
// Set is left as it was.
package findings

type managedRule struct{ name, identifier string }

type prowlerControl struct{ check, control string }
