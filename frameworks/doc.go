// Package frameworks holds the compliance frameworks srmkit maps to — SOC 2 (Trust Services
// Criteria 2017), ISO/IEC 27001:2022, NIST CSF 2.0 and the GDPR — as complete catalogs of
// clauses with their hierarchy.
//
// The catalogs are compiled into the package from the YAML under data/ (see the mapping
// package's generator), so they cost nothing at start-up; the lookup indexes are built once,
// on first use. Every value handed out is a copy or an immutable view.
//
// # Looking up a clause
//
//	fw, _ := frameworks.Lookup("iso27001") // an id or an alias: soc2, iso27001, csf, gdpr
//	c, ok := fw.Clause("A.5.23")
//	fmt.Println(c.Title, ok) // Information security for use of cloud services true
//
// # Walking a framework
//
// [Framework.Clauses] yields every clause in document order; [Framework.Children],
// [Framework.Descendants], [Framework.Ancestors] and [Framework.Leaves] walk the hierarchy.
//
// # Text policy
//
// Titles are the publishers' official short names; summaries are srmkit's own words. ISO and
// AICPA texts are copyrighted, and no sentence of them is reproduced.
package frameworks
