package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/srmkit/srmkit/frameworks"
	"github.com/srmkit/srmkit/schema"
)

// validateFile checks one document: its schema, then the checks of the package that owns
// its kind. It returns every problem found.
func validateFile(path string) (schema.Kind, error) {
	doc, err := schema.ReadFile(path, schema.Options{})
	if err != nil {
		return "", err
	}
	switch doc.Kind {
	case schema.KindFramework:
		data, err := os.ReadFile(path)
		if err != nil {
			return doc.Kind, err
		}
		_, err = frameworks.Parse(path, data)
		return doc.Kind, err
	}
	return doc.Kind, nil
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
