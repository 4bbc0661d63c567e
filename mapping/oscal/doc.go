// Package oscal writes srmkit's data as OSCAL 1.2.2 JSON documents, the format compliance
// tools exchange controls, implementations and mappings in, and reads srmkit's control
// mappings back.
//
//   - [FrameworkCatalog]: a framework as an OSCAL catalog, its clauses as controls with their
//     official ids as labels and srmkit's summaries as statements.
//   - [ControlCatalog]: srmkit's own controls as an OSCAL catalog, with their evidence.
//   - [ComponentDefinitionFor]: one component per service in scope, saying clause by clause
//     what the provider provides and what the customer remains responsible for, plus one for
//     the organisation's policies and procedures.
//   - [MappingCollectionFor]: srmkit's controls mapped to a framework as an OSCAL control
//     mapping, in NIST IR 8477's relationships; [ReadMappingCollection] reads one back.
//
// Documents are stable: every UUID is a version 5 UUID derived from what it names, the
// document's own from its content, and last-modified is the time the built-in data last changed
// unless [Options] says otherwise, so two exports of the same data are byte for byte the same.
// Clause ids that are not OSCAL tokens are made into tokens by [Token]. Names OSCAL does not
// define (srmkit's properties, parts and the supports relationship) are in the namespace [NS].
package oscal
