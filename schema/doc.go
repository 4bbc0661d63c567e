// Package schema validates srmkit YAML documents and turns them into plain JSON-style values,
// reporting every problem at once with its file, line and column.
//
// Every srmkit document opens with its kind and version, for example
//
//	srmkit: overlay/v1
//
// and that header selects one of the embedded JSON Schemas (draft 2020-12): framework/v1,
// services/v1, controls/v1, mappings/v1 and overlay/v1. The schemas are compiled once, on first use.
//
// # Loading
//
// [Parse] decodes YAML into a node tree under a guard (a parser panic becomes an error), refuses
// what YAML can do but srmkit data never needs — aliases, merge keys, explicit tags, non-string
// keys, several documents in one file, ambiguous YAML 1.1 booleans — converts the tree to JSON
// values itself, keeping every scalar as it was written (an unquoted 5.10 is the number 5.10, not
// 5.1, and a date stays a string), and validates the result against the document's schema.
//
//	doc, err := schema.Parse("overlay.yaml", data)
//	var list schema.ErrorList
//	if errors.As(err, &list) {
//		for _, e := range list {
//			fmt.Println(e) // overlay.yaml:12:9: /assignments/3/status: must be one of ...
//		}
//	}
//
// A [Document] remembers where each value came from, so packages that check cross-references
// (an unknown control, a duplicate id) report their findings at the right line with [Document.Errorf].
//
// The package knows nothing of srmkit's domain types; srm, frameworks and mapping build on it.
package schema
