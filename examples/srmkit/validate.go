package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/srmkit/srmkit/frameworks"
	"github.com/srmkit/srmkit/mapping"
	"github.com/srmkit/srmkit/schema"
	"github.com/srmkit/srmkit/srm"
)

// validateFile checks one document: its schema, then the checks of the package that owns
// its kind, against the built-in catalog where the document refers to it.
func validateFile(path string) (schema.Kind, error) {
	doc, err := schema.ReadFile(path, schema.Options{})
	if err != nil {
		return "", err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return doc.Kind, err
	}
	switch doc.Kind {
	case schema.KindFramework:
		_, err = frameworks.Parse(path, data)
	case schema.KindServices:
		_, err = srm.LoadCatalog(srm.File{Name: path, Data: data})
	case schema.KindControls:
		var cs []srm.Control
		cs, err = srm.DecodeControls(doc, "/controls")
		if err == nil {
			err = srm.Default().CheckControls(doc, "/controls", cs, func(srm.ControlID) (string, bool) { return "", false }).Err()
		}
	case schema.KindMappings:
		var t *mapping.Table
		t, err = mapping.ParseTable(path, data)
		if err == nil {
			c := mapping.Default()
			var fws []*frameworks.Framework
			for f := range c.Frameworks() {
				fws = append(fws, f)
			}
			_, err = mapping.Build(c.Model(), fws, []*mapping.Table{t}, false)
		}
	case schema.KindOverlay:
		var o *mapping.Overlay
		o, err = mapping.ParseOverlay(path, data)
		if err == nil {
			_, err = mapping.New(o)
		}
	}
	return doc.Kind, err
}

func cmdValidate(args []string, out io.Writer) error {
	fs := newFlags("validate")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("name at least one file")
	}
	var all schema.ErrorList
	var other []error
	for _, path := range fs.Args() {
		kind, err := validateFile(path)
		if err == nil {
			fmt.Fprintf(out, "%s: ok (%s)\n", path, kind)
			continue
		}
		var list schema.ErrorList
		if errors.As(err, &list) {
			all = append(all, list...)
		} else {
			other = append(other, fmt.Errorf("%s: %w", path, err))
		}
	}
	if len(other) > 0 {
		return errors.Join(append(other, all.Err())...)
	}
	return all.Err()
}
