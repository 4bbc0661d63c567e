// Command queryonly is the smallest program that uses srmkit as most callers will: it queries
// the built-in catalog and loads no documents. The import-hygiene test builds it and checks
// that it links neither the YAML parser nor the JSON Schema validator, and that no package it
// links but the standard library's runs initialisation work.
package main

import (
	"fmt"
	"os"

	"github.com/srmkit/srmkit/frameworks"
	"github.com/srmkit/srmkit/mapping"
	"github.com/srmkit/srmkit/srm"
)

func main() {
	c := mapping.Default()
	scope, err := c.Scope("lambda", "s3")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	ms, err := c.Satisfying(frameworks.SOC2, "CC6.1", scope)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	n := 0
	for m := range ms.All() {
		if m.Responsibility != srm.RespInherited {
			n++
		}
	}
	fmt.Println(n, "customer or shared controls satisfy SOC 2 CC6.1 for lambda and s3")
}
