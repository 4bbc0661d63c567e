package load_test

import (
	"fmt"

	"github.com/srmkit/srmkit/mapping"
	"github.com/srmkit/srmkit/mapping/load"
)

func ExampleReadOverlay() {
	o, err := load.ReadOverlay("../testdata/example-overlay.yaml")
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

func ExampleReadOverlay_errors() {
	_, err := load.ReadOverlay("../testdata/invalid/45-three-mistakes.yaml")
	fmt.Println(err)
	// Output:
	// ../testdata/invalid/45-three-mistakes.yaml:3:13: /scope/provider: value must be one of "aws", "azure", "gcp"
	// ../testdata/invalid/45-three-mistakes.yaml:5:14: /assignments/0/control: does not match pattern '^[A-Z][A-Z0-9]{1,9}-[0-9]{2,3}$'
	// ../testdata/invalid/45-three-mistakes.yaml:6:13: /assignments/0/status: value must be one of "implemented", "partially-implemented", "planned", "not-implemented", "not-applicable"
}

// Export writes the effective catalog as documents that Catalog reads back.
func ExampleExport() {
	o, err := load.ReadOverlay("../testdata/example-overlay.yaml")
	if err != nil {
		panic(err)
	}
	c, err := mapping.New(o)
	if err != nil {
		panic(err)
	}
	files, err := load.Export(c)
	if err != nil {
		panic(err)
	}
	back, err := load.Catalog(files...)
	if err != nil {
		panic(err)
	}
	a, _ := back.Assignment("IAM-01")
	fmt.Println(len(files), back.Organization(), a.Owner)
	// Output: 13 Example Corp platform-security
}

func ExampleValidate() {
	for _, r := range load.Validate(
		load.File{Name: "ok.yaml", Data: []byte("srmkit: overlay/v1\norganization: Example Corp\n")},
		load.File{Name: "bad.yaml", Data: []byte("srmkit: overlay/v1\nassignments:\n  - {control: IAM-1, owner: me}\n")},
	) {
		fmt.Println(r.File, r.Kind, r.Err)
	}
	// Output:
	// ok.yaml overlay/v1 <nil>
	// bad.yaml  bad.yaml:3:15: /assignments/0/control: does not match pattern '^[A-Z][A-Z0-9]{1,9}-[0-9]{2,3}$'
}
