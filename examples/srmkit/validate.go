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
func validateFile(path string, together bool) (schema.Kind, error) {
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
		if err == nil && !together {
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
	// A set that brings its own controls (as export writes) is checked as one catalog: its
	// mapping tables may name controls that only the set defines.
	together := false
	for _, path := range fs.Args() {
		if doc, err := schema.ReadFile(path, schema.Options{}); err == nil && doc.Kind == schema.KindControls {
			together = true
		}
	}
	var all schema.ErrorList
	var other []error
	var files []mapping.File
	for _, path := range fs.Args() {
		kind, err := validateFile(path, together)
		if together {
			if data, rerr := os.ReadFile(path); rerr == nil {
				files = append(files, mapping.File{Name: path, Data: data})
			}
		}
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
	if together && len(all) == 0 && len(other) == 0 {
		if _, err := mapping.Load(files...); err != nil {
			var list schema.ErrorList
			if errors.As(err, &list) {
				all = append(all, list...)
			} else {
				other = append(other, err)
			}
		}
	}
	if len(other) > 0 {
		return errors.Join(append(other, all.Err())...)
	}
	return all.Err()
}
