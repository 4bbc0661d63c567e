// Package load reads and writes srmkit's YAML documents: frameworks, services and controls,
// mapping tables and organisation overlays. It is the one place that parses YAML and validates
// against the JSON Schemas, so a program that only queries the built-in catalog (packages srm,
// frameworks and mapping) links neither.
//
// Every file is parsed and validated once, then decoded into the same document types that
// [Export] writes. Problems come back together as a [diag.ErrorList], each positioned
// FILE:LINE:COL.
//
//	o, err := load.ReadOverlay("overlay.yaml")
//	if err != nil {
//		log.Fatal(err) // overlay.yaml:12:9: /assignments/3/status: must be one of ...
//	}
//	c, err := mapping.New(o)
package load

import (
	"errors"
	"fmt"

	"github.com/srmkit/srmkit/frameworks"
	"github.com/srmkit/srmkit/mapping"
	"github.com/srmkit/srmkit/schema"
	"github.com/srmkit/srmkit/schema/diag"
	"github.com/srmkit/srmkit/srm"
)

// File is a named srmkit document.
type File struct {
	Name string
	Data []byte
}

// Options tune loading.
type Options struct {
	// MaxBytes caps the file size, checked before parsing; 0 means schema.DefaultMaxBytes (8 MiB).
	MaxBytes int64
}

// ErrIncomplete: a control of a catalog lacks what a catalog control needs (objective, both
// parties' parts, layers, evidence artifacts).
var ErrIncomplete = errors.New("incomplete control")

// ReadOverlay reads an overlay/v1 file. The overlay is positioned in the file: problems
// [mapping.Catalog.With] finds when it merges the overlay are reported at their lines.
func ReadOverlay(path string, opts ...Options) (*mapping.Overlay, error) {
	doc, err := schema.ReadFile(path, schema.Options{MaxBytes: maxBytes(opts), Kind: schema.KindOverlay})
	if err != nil {
		return nil, err
	}
	return decodeOverlay(doc)
}

// Overlay reads an overlay/v1 document from memory.
func Overlay(f File, opts ...Options) (*mapping.Overlay, error) {
	doc, err := schema.ParseWith(f.Name, f.Data, schema.Options{MaxBytes: maxBytes(opts), Kind: schema.KindOverlay})
	if err != nil {
		return nil, err
	}
	return decodeOverlay(doc)
}

func maxBytes(opts []Options) int64 {
	if len(opts) > 0 {
		return opts[0].MaxBytes
	}
	return 0
}

// Framework reads a framework/v1 document: it validates the document against its schema, then
// checks that clause ids are unique and that every parent is defined before its children.
func Framework(f File) (*frameworks.Framework, error) {
	doc, err := schema.ParseWith(f.Name, f.Data, schema.Options{Kind: schema.KindFramework})
	if err != nil {
		return nil, err
	}
	return decodeFramework(doc)
}

// Table reads a mappings/v1 document. References to controls and clauses are checked when the
// table joins a catalog (see [mapping.Build]).
func Table(f File) (*mapping.Table, error) {
	doc, err := schema.ParseWith(f.Name, f.Data, schema.Options{Kind: schema.KindMappings})
	if err != nil {
		return nil, err
	}
	return decodeTable(doc)
}

// Model reads services/v1 and controls/v1 documents into a model, reporting every problem at
// once: schema violations, duplicate ids across files and unknown services. Controls need only
// what their schema requires, as an organisation's own do; documents written by [Export] keep
// their order. A provider no services document names keeps its built-in services, and without a
// controls document the built-in controls.
func Model(files ...File) (*srm.Model, error) {
	docs, errs := parseAll(files)
	if len(errs) > 0 {
		return nil, errs
	}
	return buildModel(docs, false)
}

// StrictModel is [Model] for a catalog's own data: every control also needs an objective, the
// provider's and the customer's parts, its layers (an empty list for an organisational control)
// and an artifact kind for each evidence item, and controls are ordered by domain and id
// whichever file holds them. The built-in data is read this way.
func StrictModel(files ...File) (*srm.Model, error) {
	docs, errs := parseAll(files)
	if len(errs) > 0 {
		return nil, errs
	}
	return buildModel(docs, true)
}

// Catalog builds a catalog from srmkit documents of every kind, as [Export] writes them:
// frameworks, services and controls, mapping tables, and overlays (merged last, in file-name
// order). Frameworks, services or controls the documents do not bring come from the built-in
// catalog. Every problem in every file is reported at once.
func Catalog(files ...File) (*mapping.Catalog, error) {
	docs, errs := parseAll(files)
	if len(errs) > 0 {
		return nil, errs
	}
	return buildCatalog(docs)
}

func buildCatalog(docs []*schema.Document) (*mapping.Catalog, error) {
	var errs diag.ErrorList
	var fws []*frameworks.Framework
	var tables []*mapping.Table
	var ovs []*mapping.Overlay
	for _, d := range docs {
		var err error
		switch d.Kind {
		case schema.KindFramework:
			var fw *frameworks.Framework
			if fw, err = decodeFramework(d); err == nil {
				fws = append(fws, fw)
			}
		case schema.KindMappings:
			var t *mapping.Table
			if t, err = decodeTable(d); err == nil {
				tables = append(tables, t)
			}
		case schema.KindOverlay:
			var o *mapping.Overlay
			if o, err = decodeOverlay(d); err == nil {
				ovs = append(ovs, o)
			}
		}
		errs = diag.Append(errs, err)
	}
	model, err := buildModel(docs, false)
	errs = diag.Append(errs, err)
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	if len(fws) == 0 {
		for f := range frameworks.All() {
			fws = append(fws, f)
		}
	}
	c, err := mapping.Build(model, fws, tables, false)
	if err != nil {
		return nil, err
	}
	return c.With(ovs...)
}

// parseAll parses and validates every file once.
func parseAll(files []File) ([]*schema.Document, diag.ErrorList) {
	var errs diag.ErrorList
	docs := make([]*schema.Document, 0, len(files))
	for _, f := range files {
		d, err := schema.Parse(f.Name, f.Data)
		if err != nil {
			errs = diag.Append(errs, err)
			continue
		}
		docs = append(docs, d)
	}
	errs.Sort()
	return docs, errs
}

// Result is what [Validate] found of one file.
type Result struct {
	File string
	Kind schema.Kind // empty when the file could not be parsed
	Err  error       // nil when the file is valid
}

// Validate checks documents of any kind, each parsed once: its schema, then the checks of what
// its kind refers to — against the built-in catalog, or, when the files bring their own controls
// (as [Export] writes them), against the catalog they make together.
func Validate(files ...File) []Result {
	out := make([]Result, len(files))
	docs := make([]*schema.Document, len(files))
	together := false
	for i, f := range files {
		out[i].File = f.Name
		d, err := schema.Parse(f.Name, f.Data)
		if err != nil {
			out[i].Err = err
			continue
		}
		docs[i], out[i].Kind = d, d.Kind
		together = together || d.Kind == schema.KindControls
	}
	var set []*schema.Document
	for i, d := range docs {
		if d == nil {
			continue
		}
		set = append(set, d)
		out[i].Err = validateOne(d, together)
	}
	if together && len(set) == len(files) {
		ok := true
		for _, r := range out {
			ok = ok && r.Err == nil
		}
		if ok {
			if _, err := buildCatalog(set); err != nil {
				// Place each problem with the file it names; what names none goes to the first.
				for _, e := range diag.Append(nil, err) {
					i := 0
					for j, r := range out {
						if r.File == e.File {
							i = j
						}
					}
					out[i].Err = errors.Join(out[i].Err, e)
				}
			}
		}
	}
	return out
}

func validateOne(d *schema.Document, together bool) error {
	switch d.Kind {
	case schema.KindFramework:
		_, err := decodeFramework(d)
		return err
	case schema.KindServices:
		_, err := buildModel([]*schema.Document{d}, false)
		return err
	case schema.KindControls:
		cs, err := decodeControls(d)
		if err != nil {
			return err
		}
		if together {
			return nil // checked with the services and the rest of the set
		}
		return srm.Default().CheckControls(d, d.File, "/controls", cs, func(srm.ControlID) (string, bool) { return "", false }).Err()
	case schema.KindMappings:
		t, err := decodeTable(d)
		if err != nil || together {
			return err
		}
		c := mapping.Default()
		var fws []*frameworks.Framework
		for f := range c.Frameworks() {
			fws = append(fws, f)
		}
		_, err = mapping.Build(c.Model(), fws, []*mapping.Table{t}, false)
		return err
	case schema.KindOverlay:
		o, err := decodeOverlay(d)
		if err != nil || together {
			return err
		}
		_, err = mapping.New(o)
		return err
	}
	return fmt.Errorf("%s: no checks for documents of kind %s", d.File, d.Kind)
}
