package oscal

import (
	"bytes"
	"io"
	"testing"

	"github.com/srmkit/srmkit/frameworks"
	"github.com/srmkit/srmkit/mapping"
)

func BenchmarkFrameworkCatalog(b *testing.B) {
	f, _ := frameworks.Lookup("gdpr")
	for range b.N {
		d, err := FrameworkCatalog(f, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if err := d.WriteJSON(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMappingCollection(b *testing.B) {
	c := mapping.Default()
	for range b.N {
		d, err := MappingCollectionFor(c, "soc2-2017", Options{})
		if err != nil {
			b.Fatal(err)
		}
		if err := d.WriteJSON(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkComponentDefinition: Lambda and S3 against SOC 2, the README's example.
func BenchmarkComponentDefinition(b *testing.B) {
	c := mapping.Default()
	scope, _ := c.Scope("lambda", "s3")
	b.ResetTimer()
	for range b.N {
		d, err := ComponentDefinitionFor(c, scope, []frameworks.ID{"soc2-2017"}, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if err := d.WriteJSON(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkComponentDefinitionAll: every service against every framework, the largest export.
func BenchmarkComponentDefinitionAll(b *testing.B) {
	c := mapping.Default()
	for range b.N {
		d, err := ComponentDefinitionFor(c, c.Model().All(), nil, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if err := d.WriteJSON(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReadMappingCollection(b *testing.B) {
	c := mapping.Default()
	d, err := MappingCollectionFor(c, "soc2-2017", Options{})
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if err := d.WriteJSON(&buf); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(buf.Len()))
	b.ResetTimer()
	for range b.N {
		if _, err := ReadMappingCollection("soc2.json", buf.Bytes(), c); err != nil {
			b.Fatal(err)
		}
	}
}
