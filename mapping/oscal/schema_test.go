package oscal

import (
	"bytes"
	"encoding/json"
	"os"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// The OSCAL 1.2.2 complete JSON Schema, as NIST publishes it, vendored in testdata.
const schemaFile = "testdata/oscal_complete_schema-1.2.2.json"

var oscalSchema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	b, err := os.ReadFile(schemaFile)
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft7
	c.AssertFormat = true
	if err := c.AddResource(schemaFile, bytes.NewReader(b)); err != nil {
		return nil, err
	}
	return c.Compile(schemaFile)
})

// validate checks an encoded document against the OSCAL schema.
func validate(t testing.TB, doc []byte) {
	t.Helper()
	s, err := oscalSchema()
	if err != nil {
		t.Fatalf("compiling the OSCAL schema: %v", err)
	}
	var v any
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	if err := s.Validate(v); err != nil {
		t.Errorf("not valid OSCAL %s:\n%#v", Version, err)
	}
}
