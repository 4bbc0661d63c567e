package schema_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/srmkit/srmkit/schema"
)

const fwHead = `srmkit: framework/v1
framework:
  id: x-1
  name: X
  version: "1"
  publisher: P
  source: "https://example.org"
  text_policy: public
`

type pos struct {
	Line, Column int
	Path         string
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name  string
		input string
		cause error
		want  []pos // every problem, in order
	}{
		{"empty file", "", schema.ErrKind, []pos{{1, 1, ""}}},
		{"comment only", "# nothing here\n", schema.ErrKind, []pos{{1, 1, ""}}},
		{"top-level list", "- a\n- b\n", schema.ErrKind, []pos{{1, 1, ""}}},
		{"missing header", "organization: X\n", schema.ErrKind, []pos{{1, 1, "/srmkit"}}},
		{"unknown kind", "srmkit: policy/v9\n", schema.ErrKind, []pos{{1, 9, "/srmkit"}}},
		{"unknown field", "srmkit: overlay/v1\norganisation: X\n", schema.ErrSchema, []pos{{2, 1, "/organisation"}}},
		{"bad enum", "srmkit: overlay/v1\nscope:\n  provider: ibm\n", schema.ErrSchema, []pos{{3, 13, "/scope/provider"}}},
		{"wrong type", "srmkit: overlay/v1\nscope: [aws]\n", schema.ErrSchema, []pos{{2, 8, "/scope"}}},
		{"unquoted 5.10", fwHead + "clauses:\n  - {id: 5.10, kind: clause, title: T, summary: \"long enough text\"}\n", schema.ErrSchema, []pos{{10, 10, "/clauses/0/id"}}},
		{"yes as text", "srmkit: overlay/v1\norganization: yes\n", schema.ErrUnsupported, []pos{{2, 15, "/organization"}}},
		{"duplicate key", "srmkit: overlay/v1\norganization: A\norganization: B\n", schema.ErrDuplicateKey, []pos{{3, 1, "/organization"}}},
		{"alias", "srmkit: overlay/v1\norganization: &o X\nscope:\n  services: [*o]\n", schema.ErrUnsupported, []pos{{2, 15, "/organization"}, {4, 14, "/scope/services/0"}}},
		{"merge key", "srmkit: overlay/v1\nscope:\n  <<: {provider: aws}\n", schema.ErrUnsupported, []pos{{3, 3, "/scope"}}},
		{"binary tag", "srmkit: overlay/v1\norganization: !!binary aGVsbG8=\n", schema.ErrUnsupported, []pos{{2, 15, "/organization"}}},
		{"custom tag", "srmkit: overlay/v1\norganization: !corp X\n", schema.ErrUnsupported, []pos{{2, 15, "/organization"}}},
		{"non-string key", "srmkit: overlay/v1\n5.10: x\n", schema.ErrUnsupported, []pos{{2, 1, ""}}},
		{"two documents", "srmkit: overlay/v1\n---\nsrmkit: overlay/v1\n", schema.ErrUnsupported, []pos{{2, 1, ""}}},
		{"tab indent", "srmkit: overlay/v1\nscope:\n\tprovider: aws\n", schema.ErrSyntax, []pos{{3, 2, ""}}},
		{"unterminated quote", "srmkit: overlay/v1\norganization: \"abc\n", schema.ErrSyntax, []pos{{2, 1, ""}}},
		{"invalid utf-8", "srmkit: overlay/v1\norganization: \xff\xfe\n", schema.ErrEncoding, []pos{{2, 15, ""}, {2, 16, ""}}},
		{"NUL byte", "srmkit: overlay/v1\norganization: a\x00b\n", schema.ErrEncoding, []pos{{2, 16, ""}}},
		{"NaN", "srmkit: mappings/v1\nframework: x\nmappings:\n  - {control: IAM-01, clause: A, relationship: equal, strength: .nan, rationale: \"long enough here\"}\n", schema.ErrUnsupported, []pos{{4, 65, "/mappings/0/strength"}}},
		{"integer overflow", "srmkit: mappings/v1\nframework: x\nmappings:\n  - {control: IAM-01, clause: A, relationship: equal, strength: 99999999999999999999999, rationale: \"long enough here\"}\n", schema.ErrSchema, []pos{{4, 65, "/mappings/0/strength"}}},
		{"three mistakes", "srmkit: overlay/v1\nscope:\n  provider: ibm\nassignments:\n  - control: iam-1\n    status: done\n", schema.ErrSchema, []pos{{3, 13, "/scope/provider"}, {5, 14, "/assignments/0/control"}, {6, 13, "/assignments/0/status"}}},
		{"not-applicable without justification", "srmkit: overlay/v1\nassignments:\n  - control: IAM-01\n    status: not-applicable\n", schema.ErrSchema, []pos{{3, 5, "/assignments/0"}}},
		{"deep nesting", "srmkit: overlay/v1\norganization: " + strings.Repeat("[", 100) + strings.Repeat("]", 100) + "\n", schema.ErrUnsupported, []pos{{2, 15, "/organization"}, {2, 79, "/organization" + strings.Repeat("/0", 64)}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := schema.Parse("in.yaml", []byte(tt.input))
			if doc != nil {
				t.Errorf("got a document despite errors")
			}
			var list schema.ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("error %v (%T) is not an ErrorList", err, err)
			}
			if !errors.Is(err, tt.cause) {
				t.Errorf("error does not wrap %v:\n%v", tt.cause, err)
			}
			var got []pos
			for _, e := range list {
				if e.File != "in.yaml" {
					t.Errorf("file = %q", e.File)
				}
				got = append(got, pos{e.Line, e.Column, e.Path})
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("positions (-want +got):\n%s\nerror:\n%v", diff, err)
			}
		})
	}
}

func TestParseAccepts(t *testing.T) {
	overlay := "srmkit: overlay/v1\norganization: Example Corp\nscope:\n  provider: aws\n  services: [ec2, s3]\nassignments:\n  - control: IAM-01\n    owner: platform\n    status: implemented\n"
	for name, in := range map[string]string{
		"plain":    overlay,
		"bom":      "\ufeff" + overlay,
		"crlf":     strings.ReplaceAll(overlay, "\n", "\r\n"),
		"bom+crlf": "\ufeff" + strings.ReplaceAll(overlay, "\n", "\r\n"),
	} {
		doc, err := schema.Parse(name, []byte(in))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if doc.Kind != schema.KindOverlay || doc.Value["organization"] != "Example Corp" {
			t.Errorf("%s: kind %q, value %v", name, doc.Kind, doc.Value)
		}
	}
}

func TestScalarsKeptAsWritten(t *testing.T) {
	in := "srmkit: mappings/v1\nframework: x\nmappings:\n  - {control: IAM-01, clause: \"5.10\", relationship: equal, strength: 7, rationale: \"dated 2024-01-02 here\"}\nnot_applicable:\n  - {clause: \"A\", reason: 2024-01-02 is a date kept as text}\n"
	doc, err := schema.Parse("m.yaml", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	var v struct {
		Srmkit, Framework string
		Mappings          []struct {
			Control, Clause, Relationship, Rationale string
			Strength                                 int
		}
		NotApplicable []struct{ Clause, Reason string } `json:"not_applicable"`
	}
	if err := doc.Decode(&v); err != nil {
		t.Fatal(err)
	}
	if v.Mappings[0].Clause != "5.10" || v.Mappings[0].Strength != 7 || v.NotApplicable[0].Reason != "2024-01-02 is a date kept as text" {
		t.Errorf("decoded %+v", v)
	}
}

func TestSizeLimit(t *testing.T) {
	in := []byte("srmkit: overlay/v1\norganization: \"" + strings.Repeat("a", 2000) + "\"\n")
	_, err := schema.ParseWith("big.yaml", in, schema.Options{MaxBytes: 1000})
	if !errors.Is(err, schema.ErrTooLarge) {
		t.Fatalf("got %v, want ErrTooLarge", err)
	}
	if !strings.HasPrefix(err.Error(), "big.yaml: ") {
		t.Errorf("message %q does not name the file", err)
	}
}

func TestExpectedKind(t *testing.T) {
	_, err := schema.ParseWith("o.yaml", []byte("srmkit: overlay/v1\n"), schema.Options{Kind: schema.KindFramework})
	if !errors.Is(err, schema.ErrKind) {
		t.Fatalf("got %v, want ErrKind", err)
	}
}

func TestSchemasCompile(t *testing.T) {
	for _, k := range schema.Kinds() {
		if _, ok := schema.JSON(k); !ok {
			t.Errorf("no schema for %s", k)
		}
		if err := schema.Validate(k, map[string]any{}); err == nil {
			t.Errorf("%s: empty document validated", k)
		}
	}
}

func TestErrorFormat(t *testing.T) {
	e := &schema.Error{File: "a.yaml", Line: 3, Column: 9, Path: "/x", Msg: "bad", Err: schema.ErrSchema}
	if got, want := e.Error(), "a.yaml:3:9: /x: bad"; got != want {
		t.Errorf("got %q want %q", got, want)
	}
	var empty schema.ErrorList
	if empty.Err() != nil {
		t.Error("empty list Err() != nil")
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("srmkit: overlay/v1\norganization: X\n"))
	f.Add([]byte("srmkit: overlay/v1\nscope: {services: [ec2, 5.10]}\n"))
	f.Add([]byte("a: &a [*a]\n"))
	f.Add([]byte("\ufeffsrmkit: framework/v1\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := schema.Parse("fuzz.yaml", data)
		if (doc == nil) == (err == nil) {
			t.Fatalf("document %v with error %v", doc, err)
		}
		var list schema.ErrorList
		if err != nil && (!errors.As(err, &list) || len(list) == 0) {
			t.Fatalf("error %v is not a non-empty ErrorList", err)
		}
		for _, e := range list {
			if e.File != "fuzz.yaml" || e.Err == nil {
				t.Fatalf("malformed error %#v", e)
			}
		}
	})
}
