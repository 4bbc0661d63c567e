package oscal

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/srmkit/srmkit/frameworks"
	"github.com/srmkit/srmkit/mapping"
	"github.com/srmkit/srmkit/mapping/load"
	"github.com/srmkit/srmkit/schema/diag"
	"github.com/srmkit/srmkit/srm"
)

func encode(t testing.TB, d *Document, err error) []byte {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := d.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func overlayCatalog(t testing.TB) *mapping.Catalog {
	t.Helper()
	o, err := load.ReadOverlay("../testdata/example-overlay.yaml")
	if err != nil {
		t.Fatal(err)
	}
	c, err := mapping.New(o)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestValid checks every kind of document against the OSCAL 1.2.2 schema: each framework's
// catalog, mapping collection and component definition for all services, srmkit's control
// catalog, and the documents of an organisation's overlay.
func TestValid(t *testing.T) {
	c := mapping.Default()
	for f := range c.Frameworks() {
		t.Run(string(f.ID()), func(t *testing.T) {
			d, err := FrameworkCatalog(f, Options{})
			validate(t, encode(t, d, err))
			d, err = MappingCollectionFor(c, f.ID(), Options{})
			validate(t, encode(t, d, err))
			d, err = ComponentDefinitionFor(c, c.Model().All(), []frameworks.ID{f.ID()}, Options{})
			validate(t, encode(t, d, err))
		})
	}
	t.Run("controls", func(t *testing.T) {
		d, err := ControlCatalog(c, Options{})
		validate(t, encode(t, d, err))
	})
	t.Run("overlay", func(t *testing.T) {
		oc := overlayCatalog(t)
		scope, err := oc.Scope()
		if err != nil {
			t.Fatal(err)
		}
		d, err := ComponentDefinitionFor(oc, scope, nil, Options{LastModified: time.Date(2026, 3, 1, 9, 30, 0, 0, time.FixedZone("CET", 3600))})
		validate(t, encode(t, d, err))
		d, err = ControlCatalog(oc, Options{})
		validate(t, encode(t, d, err))
		d, err = MappingCollectionFor(oc, "soc2-2017", Options{})
		validate(t, encode(t, d, err))
	})
	t.Run("narrowed", func(t *testing.T) {
		nc, err := c.Narrow(frameworks.Selection{Framework: "gdpr-2016", Profiles: []string{"processor"}})
		if err != nil {
			t.Fatal(err)
		}
		f, _ := nc.Framework("gdpr")
		d, err := FrameworkCatalog(f, Options{})
		validate(t, encode(t, d, err))
		d, err = MappingCollectionFor(nc, "gdpr-2016", Options{})
		validate(t, encode(t, d, err))
	})
}

// TestValidatorRejects makes sure the validation above can fail: documents broken in ways the
// schema forbids are refused.
func TestValidatorRejects(t *testing.T) {
	s, err := oscalSchema()
	if err != nil {
		t.Fatal(err)
	}
	d, err := MappingCollectionFor(mapping.Default(), "soc2-2017", Options{})
	good := encode(t, d, err)
	for name, edit := range map[string]func(string) string{
		"version 1 uuid": func(s string) string {
			return strings.Replace(s, d.MappingCollection.UUID, "6ba7b811-9dad-11d1-80b4-00c04fd430c8", 1)
		},
		"relationship not token": func(s string) string {
			return strings.Replace(s, `"relationship": "subset-of"`, `"relationship": "subset of"`, 1)
		},
		"unknown status": func(s string) string { return strings.Replace(s, `"status": "complete"`, `"status": "done"`, 1) },
		"extra field": func(s string) string {
			return strings.Replace(s, `"relationship": "subset-of"`, `"relation": "subset-of"`, 1)
		},
		"bad date": func(s string) string { return strings.Replace(s, releasedTime, "2026-12-07", 1) },
	} {
		bad := edit(string(good))
		if bad == string(good) {
			t.Fatalf("%s: the edit changed nothing", name)
		}
		var v any
		if err := json.Unmarshal([]byte(bad), &v); err != nil {
			t.Fatal(err)
		}
		if s.Validate(v) == nil {
			t.Errorf("%s: the schema accepts it", name)
		}
	}
}

// TestStable: two exports of the same data are identical, and the document UUID follows the
// content.
func TestStable(t *testing.T) {
	c := mapping.Default()
	lambda, _ := c.Scope("lambda", "s3")
	f, _ := c.Framework("csf")
	exports := map[string]func(Options) (*Document, error){
		"catalog":    func(o Options) (*Document, error) { return FrameworkCatalog(f, o) },
		"controls":   func(o Options) (*Document, error) { return ControlCatalog(c, o) },
		"components": func(o Options) (*Document, error) { return ComponentDefinitionFor(c, lambda, nil, o) },
		"mappings":   func(o Options) (*Document, error) { return MappingCollectionFor(c, "iso27001-2022", o) },
	}
	for name, export := range exports {
		a, err := export(Options{})
		first := encode(t, a, err)
		b, err := export(Options{})
		if diff := cmp.Diff(string(first), string(encode(t, b, err))); diff != "" {
			t.Errorf("%s: two exports differ (-first +second):\n%s", name, diff)
		}
		if !bytes.Contains(first, []byte(`"last-modified": "`+releasedTime+`"`)) {
			t.Errorf("%s: last-modified is not the data's own time", name)
		}
		later, err := export(Options{LastModified: time.Date(2027, 1, 2, 3, 4, 5, 0, time.UTC)})
		second := encode(t, later, err)
		if !bytes.Contains(second, []byte(`"last-modified": "2027-01-02T03:04:05Z"`)) {
			t.Errorf("%s: the requested last-modified is not used", name)
		}
		if docUUID(a) == docUUID(later) {
			t.Errorf("%s: a changed document keeps its UUID", name)
		}
	}
}

func docUUID(d *Document) string {
	switch {
	case d.Catalog != nil:
		return d.Catalog.UUID
	case d.ComponentDefinition != nil:
		return d.ComponentDefinition.UUID
	}
	return d.MappingCollection.UUID
}

// TestReleased: the time documents carry as last-modified must move with the data.
func TestReleased(t *testing.T) {
	if mapping.Digest() != releasedDigest {
		t.Errorf("the built-in data changed (digest %s, recorded %s): set releasedDigest and releasedTime in ids.go to the digest and the day of the change",
			mapping.Digest(), releasedDigest)
	}
	if _, err := time.Parse(time.RFC3339, releasedTime); err != nil {
		t.Error(err)
	}
}

// TestRoundTrip reads every exported mapping collection back and finds the catalog's own
// mappings, judgements and gaps.
func TestRoundTrip(t *testing.T) {
	c := mapping.Default()
	for f := range c.Frameworks() {
		t.Run(string(f.ID()), func(t *testing.T) {
			d, err := MappingCollectionFor(c, f.ID(), Options{})
			data := encode(t, d, err)
			got, err := ReadMappingCollection("collection.json", data, c)
			if err != nil {
				t.Fatal(err)
			}
			want := &Collection{Framework: f.ID()}
			mapped := map[srm.ControlID]bool{}
			clauses := map[string]bool{}
			for m := range c.Mappings() {
				if m.Framework == f.ID() {
					want.Mappings = append(want.Mappings, m)
					mapped[m.Control] = true
					clauses[m.Clause] = true
				}
			}
			for _, j := range c.BuiltinCompleteness() {
				if j.Framework == f.ID() {
					want.Completeness = append(want.Completeness, j)
				}
			}
			for id := range c.Model().IDs() {
				if !mapped[id] {
					want.UnmappedControls = append(want.UnmappedControls, id)
				}
			}
			for leaf := range f.Leaves() {
				if !clauses[leaf.ID] {
					want.UnmappedClauses = append(want.UnmappedClauses, leaf.ID)
				}
			}
			if len(want.Mappings) == 0 || len(want.Completeness) == 0 {
				t.Fatal("nothing to compare")
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("read back (-catalog +collection):\n%s", diff)
			}
			// Every clause no control maps to is one the data marks not applicable.
			na := map[string]bool{}
			for _, n := range c.BuiltinNotApplicable() {
				if n.Framework == f.ID() {
					na[n.Clause] = true
					for d := range f.Descendants(n.Clause) {
						na[d.ID] = true
					}
				}
			}
			for _, id := range got.UnmappedClauses {
				if !na[id] {
					t.Errorf("%s is in the target gap summary but not marked not applicable", id)
				}
			}
		})
	}
}

// TestServerlessPatching: in a component definition for Lambda and S3, Lambda's patching of
// the guest OS is the provider's alone, while on EC2 the customer patches.
func TestServerlessPatching(t *testing.T) {
	c := mapping.Default()
	scope, _ := c.Scope("lambda", "s3", "ec2")
	d, err := ComponentDefinitionFor(c, scope, []frameworks.ID{"soc2-2017"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, comp := range d.ComponentDefinition.Components {
		titles = append(titles, comp.Type+" "+comp.Title)
	}
	if diff := cmp.Diff([]string{"service Amazon EC2", "service Amazon S3", "service AWS Lambda", "policy Organisational policies and procedures"}, titles); diff != "" {
		t.Errorf("components (-want +got):\n%s", diff)
	}
	for _, comp := range d.ComponentDefinition.Components[:3] {
		service, _ := propValue(comp.Props, "service")
		n := 0
		for _, ci := range comp.ControlImplementations {
			for _, ir := range ci.ImplementedRequirements {
				resp, served := controlClass(ir, "HRD-02")
				if !served {
					continue
				}
				n++
				cust := roleRemarks(ir, RoleCustomer)
				prov := roleRemarks(ir, RoleProvider)
				switch service {
				case "aws/lambda":
					if resp != string(srm.RespInherited) || strings.Contains(cust, "HRD-02") || !strings.Contains(prov, "HRD-02") {
						t.Errorf("lambda %s: HRD-02 is %s; provider %q; customer %q", ir.ControlID, resp, prov, cust)
					}
				case "aws/ec2":
					if resp != string(srm.RespCustomer) || !strings.Contains(cust, "HRD-02") || strings.Contains(prov, "HRD-02") {
						t.Errorf("ec2 %s: HRD-02 is %s; provider %q; customer %q", ir.ControlID, resp, prov, cust)
					}
				}
			}
		}
		switch {
		case service == "aws/s3" && n > 0:
			t.Errorf("HRD-02 does not apply to S3, yet serves %d of its requirements", n)
		case service != "aws/s3" && n == 0:
			t.Errorf("%s: HRD-02 serves none of its requirements", service)
		}
	}
}

func controlClass(ir ImplementedRequirement, id string) (string, bool) {
	for _, p := range ir.Props {
		if p.Name == "control" && p.NS == NS && p.Value == id {
			return p.Class, true
		}
	}
	return "", false
}

func roleRemarks(ir ImplementedRequirement, role string) string {
	for _, r := range ir.ResponsibleRoles {
		if r.RoleID == role {
			return r.Remarks
		}
	}
	return ""
}

// TestOverlayParties: an overlay's organisation and owners become parties, and the customer
// role of the requirements their controls serve names them.
func TestOverlayParties(t *testing.T) {
	c := overlayCatalog(t)
	scope, _ := c.Scope()
	d, err := ComponentDefinitionFor(c, scope, []frameworks.ID{"soc2-2017"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range d.ComponentDefinition.Metadata.Parties {
		names = append(names, p.Name)
	}
	if diff := cmp.Diff([]string{"srmkit", "Amazon Web Services", "Example Corp", "platform-security"}, names); diff != "" {
		t.Errorf("parties (-want +got):\n%s", diff)
	}
	owner := UUID("party", "owner", "platform-security")
	found := false
	for _, comp := range d.ComponentDefinition.Components {
		for _, ci := range comp.ControlImplementations {
			for _, ir := range ci.ImplementedRequirements {
				for _, r := range ir.ResponsibleRoles {
					if r.RoleID != RoleCustomer {
						continue
					}
					_, iam := controlClass(ir, "IAM-01")
					if slices.Contains(r.PartyUUIDs, owner) != (iam && strings.Contains(r.Remarks, "IAM-01")) {
						t.Errorf("%s %s: customer parties %v, IAM-01 served: %v", comp.Title, ir.ControlID, r.PartyUUIDs, iam)
					}
					found = found || slices.Contains(r.PartyUUIDs, owner)
				}
			}
		}
	}
	if !found {
		t.Error("the owner of IAM-01 is named on no requirement")
	}
	if got := d.ComponentDefinition.Components[len(d.ComponentDefinition.Components)-1].Title; got != "Example Corp policies and procedures" {
		t.Errorf("policy component %q", got)
	}
	// The overlay excludes ISO/IEC 27001 A.7.4: no component implements it.
	d, err = ComponentDefinitionFor(c, scope, []frameworks.ID{"iso27001-2022"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, comp := range d.ComponentDefinition.Components {
		for _, ci := range comp.ControlImplementations {
			for _, ir := range ci.ImplementedRequirements {
				if ir.ControlID == "A.7.4" {
					t.Errorf("%s implements the excluded A.7.4", comp.Title)
				}
			}
		}
	}
}

func TestToken(t *testing.T) {
	for id, want := range map[string]string{
		"CC6.1":        "CC6.1",
		"A.5.15":       "A.5.15",
		"GV.OC-01":     "GV.OC-01",
		"Ch.IV":        "Ch.IV",
		"Art.32":       "Art.32",
		"Art.32(1)(a)": "Art.32.1.a",
		"4":            "clause-4",
		"6.1.2":        "clause-6.1.2",
		"A 1/2":        "A_1_2",
	} {
		if got := Token(id); got != want {
			t.Errorf("Token(%q) = %q, want %q", id, got, want)
		}
	}
	// OSCAL's own pattern, from the schema.
	pattern := regexp.MustCompile(`^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$`)
	for f := range frameworks.All() {
		if _, err := tokens(f); err != nil {
			t.Error(err)
		}
		for cl := range f.Clauses() {
			if tok := Token(cl.ID); !pattern.MatchString(tok) || isToken(tok) != true {
				t.Errorf("%s %s: token %q is not an OSCAL token", f.ID(), cl.ID, tok)
			}
		}
	}
}

// TestCSFIDsAreNISTs: the CSF catalog srmkit writes uses the ids of NIST's own OSCAL catalog.
func TestCSFIDsAreNISTs(t *testing.T) {
	file, err := os.Open("testdata/nist-csf-2.0-catalog-ids.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	nist := map[string]bool{}
	sc := bufio.NewScanner(file)
	for sc.Scan() {
		if l := sc.Text(); l != "" && !strings.HasPrefix(l, "#") {
			nist[l] = true
		}
	}
	f, _ := frameworks.Lookup("csf")
	n := 0
	for cl := range f.Clauses() {
		n++
		if !nist[Token(cl.ID)] {
			t.Errorf("%s is not an id of NIST's CSF 2.0 catalog", cl.ID)
		}
	}
	if n != 134 {
		t.Errorf("%d CSF clauses, want 134", n)
	}
}

// TestUUID: version 5 UUIDs as RFC 9562 defines them. The expected values were computed with
// Python's uuid.uuid5.
func TestUUID(t *testing.T) {
	url := [16]byte{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}
	if got := nameUUID(url, "https://github.com/srmkit/srmkit"); got != namespace {
		t.Errorf("namespace %x, derived %x", namespace, got)
	}
	if got, want := UUID("party", "aws"), "e81b6c7b-712b-5255-bac6-cae7749db5bb"; got != want {
		t.Errorf("UUID(party, aws) = %s, want %s", got, want)
	}
}

func TestExportErrors(t *testing.T) {
	c := mapping.Default()
	for name, call := range map[string]func() error{
		"unknown framework": func() error { _, err := MappingCollectionFor(c, "soc3", Options{}); return err },
		"alias": func() error {
			_, err := ComponentDefinitionFor(c, c.Model().All(), []frameworks.ID{"soc2"}, Options{})
			return err
		},
		"zero scope": func() error { _, err := ComponentDefinitionFor(c, srm.Scope{}, nil, Options{}); return err },
		"twice": func() error {
			_, err := ComponentDefinitionFor(c, c.Model().All(), []frameworks.ID{"soc2-2017", "soc2-2017"}, Options{})
			return err
		},
		"nil catalog":   func() error { _, err := ControlCatalog(nil, Options{}); return err },
		"nil framework": func() error { _, err := FrameworkCatalog(nil, Options{}); return err },
		"nil reader":    func() error { _, err := ReadMappingCollection("x.json", []byte("{}"), nil); return err },
	} {
		if err := call(); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if _, err := MappingCollectionFor(c, "soc3", Options{}); !errors.Is(err, mapping.ErrUnknownFramework) {
		t.Errorf("unknown framework: %v", err)
	}
	if _, err := ComponentDefinitionFor(c, srm.Scope{}, nil, Options{}); !errors.Is(err, srm.ErrZeroScope) {
		t.Errorf("zero scope: %v", err)
	}
}

// TestReadErrors: every problem of a broken collection at once, positioned.
func TestReadErrors(t *testing.T) {
	c := mapping.Default()
	for _, tc := range []struct {
		name, doc string
		want      []string
	}{
		{"not JSON", `{"mapping-collection": [}`, []string{`in.json:1:25: not JSON: invalid character '}' looking for beginning of value`}},
		{"other model", `{"catalog": {"uuid": "x"}}`, []string{`in.json:1:1: not an OSCAL mapping collection: no mapping-collection`}},
		{"two mappings", `{"mapping-collection": {"mappings": [{}, {}]}}`,
			[]string{`in.json:1:37: /mapping-collection/mappings: srmkit reads one mapping, from its controls to one framework, per collection; this one holds 2`}},
		{"no framework", `{"mapping-collection": {"mappings": [{"target-resource": {"type": "catalog", "href": "x"}}]}}`,
			[]string{`in.json:1:58: /mapping-collection/mappings/0/target-resource: the target resource names no srmkit framework (a framework property in namespace ` + NS + `)`}},
		{"wrong type", `{"mapping-collection": {"mappings": 7}}`, []string{`in.json:1:37: /mapping-collection/mappings: a number where OSCAL has an array`}},
		{"wrong type in a map", collection(`
      {"uuid": "u", "relationship": "subset-of", "sources": [{"type": "control", "id-ref": "IAM-01"}], "targets": [{"type": "control", "id-ref": "CC6.1"}], "confidence-score": {"percentage": "high"}, "remarks": "r"}`),
			[]string{`in.json:5:192: /mapping-collection/mappings/0/maps/0/confidence-score/percentage: a string where OSCAL has a number`}},
		{"bad maps", collection(`
      {"uuid": "u", "relationship": "similar-to", "sources": [{"type": "control", "id-ref": "IAM-99"}], "targets": [{"type": "control", "id-ref": "CC6"}], "remarks": " "},
      {"uuid": "u", "relationship": "subset-of", "sources": [{"type": "control", "id-ref": "IAM-01"}], "targets": [{"type": "control", "id-ref": "CC6.1", "props": [{"name": "clause-coverage", "ns": "` + NS + `", "value": "partial"}]}], "props": [{"name": "strength", "ns": "` + NS + `", "value": "11"}], "remarks": "r"},
      {"uuid": "u", "ns": "` + NS + `", "relationship": "supports", "sources": [{"type": "control", "id-ref": "IAM-01"}], "targets": [{"type": "statement", "id-ref": "CC6.2"}], "remarks": "r"},
      {"uuid": "u", "relationship": "subset-of", "sources": [{"type": "control", "id-ref": "IAM-01"}], "targets": [{"type": "control", "id-ref": "CC6.1"}], "confidence-score": {"percentage": 0.6}, "remarks": "r"},
      {"uuid": "u", "relationship": "subset-of", "sources": [], "targets": [{"type": "control", "id-ref": "CC6.1"}], "remarks": "r"}`),
			[]string{
				`in.json:5:7: /mapping-collection/mappings/0/maps/0: no strength: a map needs srmkit's strength property or a confidence-score percentage`,
				`in.json:5:7: /mapping-collection/mappings/0/maps/0: no rationale: a map's remarks must say why the control serves the clause`,
				`in.json:5:37: /mapping-collection/mappings/0/maps/0/relationship: relationship "similar-to" (namespace "") is not one srmkit knows: equal-to, equivalent-to, subset-of, superset-of, intersects-with, no-relationship, or supports in namespace ` + NS,
				`in.json:5:93: /mapping-collection/mappings/0/maps/0/sources/0/id-ref: unknown srmkit control "IAM-99"`,
				`in.json:5:147: /mapping-collection/mappings/0/maps/0/targets/0/id-ref: soc2-2017 CC6 has clauses beneath it; srmkit maps to leaf clauses`,
				`in.json:6:116: /mapping-collection/mappings/0/maps/1/targets/0/remarks: CC6.1 is judged partial without a residual: say what no control addresses`,
				`in.json:6:359: /mapping-collection/mappings/0/maps/1/props/0/value: strength "11" is not a whole number from 1 to 10`,
				`in.json:7:7: /mapping-collection/mappings/0/maps/2: no strength: a map needs srmkit's strength property or a confidence-score percentage`,
				`in.json:7:175: /mapping-collection/mappings/0/maps/2/targets/0/type: a target must be a clause (type control), not a "statement"`,
				`in.json:8:7: /mapping-collection/mappings/0/maps/3: IAM-01 is mapped to CC6.1 again (first at map 1)`,
				`in.json:9:7: /mapping-collection/mappings/0/maps/4: a srmkit mapping relates one control to one clause; this map has 0 sources and 1 targets`,
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadMappingCollection("in.json", []byte(tc.doc), c)
			var list diag.ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("error %v is not a diag.ErrorList", err)
			}
			var got []string
			for _, e := range list {
				got = append(got, e.Error())
				if !errors.Is(e, ErrInvalid) {
					t.Errorf("%v does not wrap ErrInvalid", e)
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

// collection wraps maps in a SOC 2 mapping collection, one map per line from line 5.
func collection(maps string) string {
	return `{"mapping-collection": {"uuid": "u", "mappings": [{"uuid": "u",
  "source-resource": {"type": "catalog", "href": "#s"},
  "target-resource": {"type": "catalog", "href": "#t", "props": [{"name": "framework", "ns": "` + NS + `", "value": "soc2"}]},
  "maps": [` + maps + `
  ]}]}}`
}

// FuzzReadMappingCollection: any input gives a collection or positioned problems, never a
// panic, and a collection only when nothing is wrong.
func FuzzReadMappingCollection(f *testing.F) {
	c := mapping.Default()
	d, err := MappingCollectionFor(c, "soc2-2017", Options{})
	if err != nil {
		f.Fatal(err)
	}
	// A small seed: the first maps of a real collection.
	d.MappingCollection.Mappings[0].Maps = d.MappingCollection.Mappings[0].Maps[:3]
	f.Add(encode(f, d, nil))
	f.Add([]byte(collection(`{"uuid": "u", "relationship": "subset-of", "sources": [{"type": "control", "id-ref": "IAM-01"}], "targets": [{"type": "control", "id-ref": "CC6.1"}], "confidence-score": {"percentage": 0.6}, "remarks": "r"}`)))
	f.Add([]byte(`{"mapping-collection": {"mappings": [[[]]]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		coll, err := ReadMappingCollection("fuzz.json", data, c)
		if (coll == nil) == (err == nil) {
			t.Fatalf("collection %v with error %v", coll, err)
		}
		var list diag.ErrorList
		if err != nil && !errors.As(err, &list) {
			t.Fatalf("error %v is not a diag.ErrorList", err)
		}
		for _, e := range list {
			if e.File != "fuzz.json" || e.Msg == "" {
				t.Fatalf("unpositioned or empty problem %+v", e)
			}
		}
	})
}
