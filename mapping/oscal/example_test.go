package oscal_test

import (
	"bytes"
	"fmt"
	"log"
	"os"
	"strings"

	"github.com/srmkit/srmkit/frameworks"
	"github.com/srmkit/srmkit/mapping"
	"github.com/srmkit/srmkit/mapping/oscal"
)

// A framework as an OSCAL catalog: GDPR chapters are groups, articles and their paragraphs and
// points nested controls, labelled with their official ids.
func ExampleFrameworkCatalog() {
	f, _ := frameworks.Lookup("gdpr")
	doc, err := oscal.FrameworkCatalog(f, oscal.Options{})
	if err != nil {
		log.Fatal(err)
	}
	cat := doc.Catalog
	fmt.Println(len(cat.Groups), "groups; the first:", cat.Groups[0].ID, cat.Groups[0].Title)
	for _, art := range cat.Groups[3].Controls { // Chapter IV: controller and processor
		if art.ID == "Art.32" {
			point := art.Controls[0].Controls[0]
			fmt.Println(art.ID, art.Title)
			fmt.Println(point.ID, "labelled", point.Props[0].Value)
		}
	}
	// Output:
	// 11 groups; the first: Ch.I General provisions
	// Art.32 Security of processing
	// Art.32.1.a labelled Art.32(1)(a)
}

// Clause ids that are not OSCAL tokens become tokens; the others stay as written.
func ExampleToken() {
	for _, id := range []string{"CC6.1", "GV.OC-01", "A.5.15", "6.1.2", "Art.28(3)(a)"} {
		fmt.Println(id, "->", oscal.Token(id))
	}
	// Output:
	// CC6.1 -> CC6.1
	// GV.OC-01 -> GV.OC-01
	// A.5.15 -> A.5.15
	// 6.1.2 -> clause-6.1.2
	// Art.28(3)(a) -> Art.28.3.a
}

// srmkit's own controls as a catalog, grouped by domain.
func ExampleControlCatalog() {
	doc, err := oscal.ControlCatalog(mapping.Default(), oscal.Options{})
	if err != nil {
		log.Fatal(err)
	}
	g := doc.Catalog.Groups[5]
	ctl := g.Controls[0]
	fmt.Println(g.Title+":", ctl.ID, ctl.Title)
	for _, p := range ctl.Parts[:7] {
		fmt.Println(" ", strings.TrimSpace(p.Name+" "+p.Class))
	}
	// Output:
	// Identity and access management: IAM-01 Access control policy
	//   statement
	//   provider-responsibility aws
	//   customer-responsibility aws
	//   provider-responsibility azure
	//   customer-responsibility azure
	//   provider-responsibility gcp
	//   customer-responsibility gcp
}

// What Lambda does for a SOC 2 criterion served by guest OS patching: the provider patches,
// and the customer inherits it.
func ExampleComponentDefinitionFor() {
	c := mapping.Default()
	scope, _ := c.Scope("lambda", "s3")
	doc, err := oscal.ComponentDefinitionFor(c, scope, []frameworks.ID{"soc2-2017"}, oscal.Options{})
	if err != nil {
		log.Fatal(err)
	}
	for _, comp := range doc.ComponentDefinition.Components {
		fmt.Println(comp.Type, comp.Title)
	}
	lambda := doc.ComponentDefinition.Components[1]
	for _, ir := range lambda.ControlImplementations[0].ImplementedRequirements {
		if ir.ControlID != "CC7.1" {
			continue
		}
		for _, p := range ir.Props {
			if p.Value == "HRD-02" {
				fmt.Println(ir.ControlID, p.Value, p.Class)
			}
		}
		for _, r := range ir.ResponsibleRoles {
			fmt.Println(r.RoleID, "role")
		}
	}
	// Output:
	// service Amazon S3
	// service AWS Lambda
	// policy Organisational policies and procedures
	// CC7.1 HRD-02 inherited
	// provider role
	// customer role
}

// A SOC 2 mapping collection, written and read back.
func ExampleMappingCollectionFor() {
	c := mapping.Default()
	doc, err := oscal.MappingCollectionFor(c, "soc2-2017", oscal.Options{})
	if err != nil {
		log.Fatal(err)
	}
	m := doc.MappingCollection.Mappings[0]
	first := m.Maps[0]
	fmt.Println(first.Sources[0].IDRef, first.Relationship, first.Targets[0].IDRef, *first.ConfidenceScore.Percentage)
	fmt.Println("every criterion has a control:", m.TargetGapSummary == nil)

	var buf bytes.Buffer
	if err := doc.WriteJSON(&buf); err != nil {
		log.Fatal(err)
	}
	back, err := oscal.ReadMappingCollection("soc2.json", buf.Bytes(), c)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(back.Mappings) == len(m.Maps), back.Mappings[0].Control, back.Mappings[0].Strength)
	// Output:
	// GOV-20 subset-of CC1.1 0.8
	// every criterion has a control: true
	// true GOV-20 8
}

// Reading a collection that names an unknown control reports where.
func ExampleReadMappingCollection() {
	doc := `{"mapping-collection": {"mappings": [{
  "target-resource": {"type": "catalog", "href": "#t", "props": [{"name": "framework", "ns": "https://github.com/srmkit/srmkit/ns/oscal", "value": "soc2"}]},
  "maps": [{"relationship": "subset-of", "sources": [{"type": "control", "id-ref": "IAM-404"}],
            "targets": [{"type": "control", "id-ref": "CC6.1"}], "confidence-score": {"percentage": 0.7},
            "remarks": "Central identity is part of logical access."}]}]}}`
	_, err := oscal.ReadMappingCollection("edited.json", []byte(doc), mapping.Default())
	fmt.Fprintln(os.Stdout, err)
	// Output:
	// edited.json:3:84: /mapping-collection/mappings/0/maps/0/sources/0/id-ref: unknown srmkit control "IAM-404"
}
