package schema

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

//go:embed *.schema.json
var files embed.FS

const baseURL = "https://srmkit.dev/schema/"

var schemaFile = map[Kind]string{
	KindFramework: "framework.schema.json",
	KindServices:  "services.schema.json",
	KindControls:  "controls.schema.json",
	KindMappings:  "mappings.schema.json",
	KindOverlay:   "overlay.schema.json",
}

// JSON returns the JSON Schema text for a document kind.
func JSON(k Kind) ([]byte, bool) {
	name, ok := schemaFile[k]
	if !ok {
		return nil, false
	}
	b, err := files.ReadFile(name)
	return b, err == nil
}

var errRemoteRef = errors.New("schema references outside the embedded set are refused")

// compiled compiles every embedded schema once. A failure here is a defect of the package
// itself (the schemas are tested), so it panics rather than surfacing to callers.
var compiled = sync.OnceValue(func() map[Kind]*jsonschema.Schema {
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.LoadURL = func(u string) (io.ReadCloser, error) {
		return nil, fmt.Errorf("%w: %s", errRemoteRef, u)
	}
	for _, name := range schemaFile {
		b, err := files.ReadFile(name)
		if err != nil {
			panic(err)
		}
		if err := c.AddResource(baseURL+name, bytes.NewReader(b)); err != nil {
			panic(fmt.Sprintf("schema %s: %v", name, err))
		}
	}
	out := make(map[Kind]*jsonschema.Schema, len(schemaFile))
	for k, name := range schemaFile {
		s, err := c.Compile(baseURL + name)
		if err != nil {
			panic(fmt.Sprintf("schema %s: %v", name, err))
		}
		out[k] = s
	}
	return out
})

var quoted = regexp.MustCompile(`'([^']*)'|"([^"]*)"`)

func (d *Document) validate() ErrorList {
	err := compiled()[d.Kind].Validate(any(d.Value))
	if err == nil {
		return nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return ErrorList{{File: d.File, Msg: err.Error(), Err: ErrSchema}}
	}
	var errs ErrorList
	seen := map[string]bool{}
	add := func(e *Error) {
		k := e.Path + "\x00" + e.Msg
		if !seen[k] {
			seen[k] = true
			errs = append(errs, e)
		}
	}
	var walk func(v *jsonschema.ValidationError)
	walk = func(v *jsonschema.ValidationError) {
		if len(v.Causes) > 0 {
			for _, c := range v.Causes {
				walk(c)
			}
			return
		}
		ptr := v.InstanceLocation
		switch {
		case strings.HasSuffix(v.KeywordLocation, "/additionalProperties"):
			for _, m := range quoted.FindAllStringSubmatch(v.Message, -1) {
				name := m[1] + m[2]
				p := ptr + "/" + escapePointer(name)
				line, col := d.KeyPosition(p)
				add(&Error{File: d.File, Line: line, Column: col, Path: p, Msg: fmt.Sprintf("unknown field %q", name), Err: ErrSchema})
			}
		default:
			line, col := d.Position(ptr)
			add(&Error{File: d.File, Line: line, Column: col, Path: ptr, Msg: d.explain(ptr, v.Message), Err: ErrSchema})
		}
	}
	walk(ve)
	errs.Sort()
	return errs
}

// explain adds a hint where YAML's typing, not the author's intent, caused the violation.
func (d *Document) explain(ptr, msg string) string {
	if strings.Contains(msg, "expected string") {
		if n := d.node(ptr, false); n != nil && (n.Tag == "!!int" || n.Tag == "!!float" || n.Tag == "!!bool") {
			what := "number"
			if n.Tag == "!!bool" {
				what = "boolean"
			}
			return fmt.Sprintf("%s: YAML reads %s as a %s; quote it (\"%s\")", msg, n.Value, what, n.Value)
		}
	}
	return msg
}

// Validate checks a JSON document (already decoded with UseNumber) against the schema of kind k.
// It exists for tools that produce srmkit documents in memory; YAML files go through [Parse].
func Validate(k Kind, v any) error {
	s, ok := compiled()[k]
	if !ok {
		return fmt.Errorf("%w: %q", ErrKind, k)
	}
	return s.Validate(v)
}
