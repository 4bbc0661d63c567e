package frameworks_test

import (
	"fmt"

	"github.com/srmkit/srmkit/frameworks"
)

func ExampleLookup() {
	fw, ok := frameworks.Lookup("iso27001")
	fmt.Println(fw.ID(), fw.Publisher(), ok)
	// Output: iso27001-2022 ISO/IEC true
}

func ExampleResolve() {
	id, ok := frameworks.Resolve("csf")
	fmt.Println(id, ok)
	// Output: nist-csf-2.0 true
}

func ExampleFramework_Clause() {
	fw, _ := frameworks.Lookup("iso27001")
	c, ok := fw.Clause("A.5.23")
	fmt.Println(c.Kind, c.Title, ok)
	// Output: annex-control Information security for use of cloud services true
}

func ExampleFramework_Children() {
	fw, _ := frameworks.Lookup("csf")
	for c := range fw.Children("PR.DS") {
		fmt.Println(c.ID)
	}
	// Output:
	// PR.DS-01
	// PR.DS-02
	// PR.DS-10
	// PR.DS-11
}

func ExampleFramework_Ancestors() {
	fw, _ := frameworks.Lookup("gdpr")
	for c := range fw.Ancestors("Art.33(3)(b)") {
		fmt.Println(c.ID, c.Kind)
	}
	// Output:
	// Art.33(3) paragraph
	// Art.33 article
	// Ch.IV chapter
}

func ExampleFramework_Leaves() {
	fw, _ := frameworks.Lookup("soc2")
	n := 0
	for range fw.Leaves() {
		n++
	}
	fmt.Println(n, "criteria")
	// Output: 61 criteria
}

func ExampleAll() {
	for fw := range frameworks.All() {
		fmt.Println(fw.ID(), fw.Len())
	}
	// Output:
	// soc2-2017 81
	// iso27001-2022 138
	// nist-csf-2.0 134
	// gdpr-2016 542
}

func ExampleParseSelection() {
	sel, err := frameworks.ParseSelection("soc2:availability")
	if err != nil {
		panic(err)
	}
	fmt.Println(sel)
	// Output: soc2-2017:security+availability
}

func ExampleFramework_Narrow() {
	fw, _ := frameworks.Lookup("gdpr")
	proc, err := fw.Narrow("processor")
	if err != nil {
		panic(err)
	}
	for c := range proc.Children("Art.33") {
		fmt.Println(c.ID, c.Binds)
	}
	// Output: Art.33(2) processor
}

func ExampleFramework_Profiles() {
	fw, _ := frameworks.Lookup("soc2")
	for _, p := range fw.Profiles() {
		fmt.Println(p.ID, p.Required)
	}
	// Output:
	// security true
	// availability false
	// processing-integrity false
	// confidentiality false
	// privacy false
}

func ExampleClause_In() {
	fw, _ := frameworks.Lookup("gdpr")
	c, _ := fw.Clause("Art.32(1)(a)")
	fmt.Println(c.Binds, c.In("controller"), c.In("processor"))
	// Output: both true true
}
