package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/srmkit/srmkit/mapping"
)

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func jsonOf(t *testing.T, args ...string) []map[string]any {
	t.Helper()
	code, out, errs := runCLI(t, args...)
	if code != 0 {
		t.Fatalf("%v: exit %d: %s", args, code, errs)
	}
	var v struct {
		Data string           `json:"data"`
		Rows []map[string]any `json:"rows"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("%v: %v", args, err)
	}
	if v.Data != mapping.Digest() || v.Rows == nil {
		t.Fatalf("%v: data %q, rows %v; want the data digest and a list", args, v.Data, v.Rows)
	}
	return v.Rows
}

func TestUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		says string // on standard error
	}{
		{nil, "usage"},
		{[]string{"nope"}, `unknown command "nope"`},
		{[]string{"clauses"}, "--framework is required"},
		{[]string{"clauses", "--framework", "pci"}, `unknown framework "pci"`},
		{[]string{"clauses", "--framework", "csf", "--format", "xml"}, `unknown format "xml"`},
		{[]string{"satisfy", "--framework", "soc2", "--clause", "ZZ9"}, `unknown clause "ZZ9"`},
		{[]string{"satisfy", "--framework", "iso27001", "--clause", "8.24"}, "did you mean A.8.24?"},
		{[]string{"satisfy", "--framework", "soc-2", "--clause", "CC6.1"}, "did you mean soc2?"},
		{[]string{"satisfy", "--framework", "soc2", "--clause", ""}, "empty value"},
		{[]string{"checklist", "--framework", "soc2", "--services", "mainframe"}, `unknown service "mainframe"`},
		{[]string{"checklist", "--framework", "soc2", "--services", "lamda"}, "did you mean lambda?"},
		{[]string{"checklist", "--framework", "soc2", "--services", "lambda", "s3"}, `unexpected argument "s3"`},
		{[]string{"checklist", "--framework", "soc2", "--services", ""}, "empty item"},
		{[]string{"checklist", "--framework", "soc2", "--services", "lambda,,s3"}, "empty item"},
		{[]string{"checklist", "--framework", "soc2", "stray", "--format", "csv"}, `unexpected argument "stray"`},
		{[]string{"coverage", "--framework", "soc2", "--services", "lambda", "s3", "--format", "md"}, `unexpected argument "s3"`},
		{[]string{"crosswalk", "--from", "csf", "--to", "csf"}, "two different frameworks"},
		{[]string{"crosswalk", "--from", "csf", "--to", "iso27001", "--min-strength", "11"}, "outside 1 to 10"},
		{[]string{"validate"}, "name at least one file"},
		{[]string{"coverage", "--bogus"}, "flag provided but not defined"},
		{[]string{"frameworks", "extra"}, `unexpected argument "extra"`},
		{[]string{"version", "extra"}, `unexpected argument "extra"`},
		{[]string{"coverage", "--framework", "soc2:availabilty"}, "valid: security, availability, processing-integrity, confidentiality, privacy"},
		{[]string{"coverage", "--framework", "soc2:"}, "empty profile"},
		{[]string{"coverage", "--framework", "iso27001:annex-a"}, "always taken whole"},
		{[]string{"checklist", "--framework", "gdpr:processor,gdpr"}, "names gdpr-2016 twice"},
		{[]string{"satisfy", "--framework", "soc2:security", "--clause", "A1.2"}, "not in soc2-2017:security"},
		{[]string{"crosswalk", "--from", "gdpr:processor", "--to", "gdpr"}, "not gdpr-2016 twice"},
		{[]string{"soa", "--services", "lamda"}, "did you mean lambda?"},
		{[]string{"soa", "extra"}, `unexpected argument "extra"`},
		{[]string{"oscal"}, "name the OSCAL model first"},
		{[]string{"oscal", "--framework", "soc2"}, "name the OSCAL model first"},
		{[]string{"oscal", "profile"}, `unknown OSCAL model "profile"`},
		{[]string{"oscal", "catalog"}, "either --framework F or --controls"},
		{[]string{"oscal", "catalog", "--framework", "soc2", "--controls"}, "either --framework F or --controls"},
		{[]string{"oscal", "catalog", "--framework", "soc-2"}, "did you mean soc2?"},
		{[]string{"oscal", "catalog", "--framework", "gdpr:auditor"}, "valid: controller, processor"},
		{[]string{"oscal", "mapping-collection"}, "--framework is required"},
		{[]string{"oscal", "mapping-collection", "--framework", "soc2", "--last-modified", "yesterday"}, "neither an RFC 3339 time"},
		{[]string{"oscal", "component-definition", "--services", "lamda"}, "did you mean lambda?"},
		{[]string{"oscal", "component-definition", "--framework", "soc2,soc2"}, "names soc2-2017 twice"},
	} {
		code, out, errs := runCLI(t, tc.args...)
		if code != 2 || !strings.Contains(errs, tc.says) || out != "" {
			t.Errorf("%v: exit %d, stdout %d bytes, stderr %q; want 2 saying %q", tc.args, code, len(out), errs, tc.says)
		}
	}
}

// TestHelp checks that every command explains its flags, with an example, on -h and --help.
func TestHelp(t *testing.T) {
	for _, c := range commands {
		for _, h := range []string{"-h", "--help"} {
			code, out, errs := runCLI(t, c.name, h)
			if code != 0 || !strings.Contains(out, "usage: srmkit "+c.name) || !strings.Contains(out, "example:") || errs != "" {
				t.Errorf("%s %s: exit %d, stdout %q, stderr %q", c.name, h, code, out, errs)
			}
		}
	}
	if _, out, _ := runCLI(t, "satisfy", "-h"); !strings.Contains(out, "-clause") || !strings.Contains(out, "-services") {
		t.Errorf("satisfy -h does not list --clause and --services:\n%s", out)
	}
}

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}} {
		code, out, _ := runCLI(t, args...)
		if code != 0 || !strings.HasPrefix(out, "srmkit ") || !strings.Contains(out, "data "+mapping.Digest()) {
			t.Errorf("%v: exit %d, %q", args, code, out)
		}
	}
	code, md, _ := runCLI(t, "satisfy", "--framework", "soc2", "--clause", "CC6.1", "--format", "md")
	if code != 0 || !strings.Contains(md, "Data: srmkit "+mapping.Digest()) {
		t.Errorf("Markdown does not name the data it came from:\n%.300s", md)
	}
}

func TestClausesCounts(t *testing.T) {
	for fw, want := range map[string]int{"soc2": 81, "iso27001": 138, "csf": 134, "gdpr": 542} {
		if got := len(jsonOf(t, "clauses", "--framework", fw, "--format", "json")); got != want {
			t.Errorf("%s: %d clauses, want %d", fw, got, want)
		}
	}
}

func TestServicesAndControls(t *testing.T) {
	services := jsonOf(t, "services", "--format", "json")
	if len(services) < 30 {
		t.Errorf("%d services", len(services))
	}
	owner := map[string]string{}
	for _, s := range services {
		layers := s["layers"].([]any)
		if len(layers) != 15 {
			t.Errorf("%s has %d layers", s["id"], len(layers))
		}
		for _, l := range layers {
			m := l.(map[string]any)
			owner[s["id"].(string)+"/"+m["layer"].(string)] = m["owner"].(string)
		}
	}
	for k, want := range map[string]string{"aws/ec2/guest-os": "customer", "aws/rds/guest-os": "provider", "aws/lambda/application": "customer", "aws/s3/data": "customer"} {
		if owner[k] != want {
			t.Errorf("%s = %s, want %s", k, owner[k], want)
		}
	}
	controls := jsonOf(t, "controls", "--format", "json")
	types := map[string]bool{}
	automated := 0
	for _, c := range controls {
		types[c["type"].(string)] = true
		ev := c["evidence"].([]any)
		if len(ev) == 0 {
			t.Errorf("%s has no evidence", c["id"])
		}
		for _, e := range ev {
			for _, s := range e.(map[string]any)["sources"].([]any) {
				k := s.(map[string]any)["kind"]
				if k == "aws-config-rule" || k == "securityhub-control" {
					automated++
				}
			}
		}
	}
	if len(controls) < 120 || len(types) != 3 || automated < 100 {
		t.Errorf("%d controls, %d types, %d automated sources", len(controls), len(types), automated)
	}
}

func TestCoverageNoGap(t *testing.T) {
	for _, fw := range []string{"soc2", "iso27001", "csf", "gdpr"} {
		partial := 0
		for _, st := range jsonOf(t, "coverage", "--framework", fw, "--format", "json") {
			switch st["status"] {
			case "gap", "planned":
				t.Errorf("%s %s is %s with every service and no overlay", fw, st["clause"], st["status"])
			case "partial":
				partial++
				if st["residual"] == nil || st["responsibility"] == nil {
					t.Errorf("%s %s is partial without a residual or responsibility: %v", fw, st["clause"], st)
				}
			case "not-applicable":
				if st["reason"] == nil {
					t.Errorf("%s %s is not applicable without a reason", fw, st["clause"])
				}
			}
		}
		if partial == 0 {
			t.Errorf("%s: no clause is partial; the data judges many as only partly met", fw)
		}
	}
}

func TestSatisfyCategoryIncludesSubcategories(t *testing.T) {
	parent := map[string]bool{}
	for _, m := range jsonOf(t, "satisfy", "--framework", "csf", "--clause", "PR.AA") {
		parent[m["control"].(string)] = true
	}
	for _, sub := range []string{"PR.AA-01", "PR.AA-02", "PR.AA-03", "PR.AA-04", "PR.AA-05", "PR.AA-06"} {
		for _, m := range jsonOf(t, "satisfy", "--framework", "csf", "--clause", sub) {
			if !parent[m["control"].(string)] {
				t.Errorf("%s from %s missing under PR.AA", m["control"], sub)
			}
		}
	}
}

func TestCrosswalkSize(t *testing.T) {
	direct := jsonOf(t, "crosswalk", "--from", "csf", "--to", "iso27001", "--format", "json")
	all := jsonOf(t, "crosswalk", "--from", "csf", "--to", "iso27001", "--supportive")
	loose := jsonOf(t, "crosswalk", "--from", "csf", "--to", "iso27001", "--min-strength", "4")
	if len(direct) == 0 || len(direct) > 2*330 || len(all) > 3*330 || len(all) < len(direct) || len(loose) <= len(direct) {
		t.Errorf("%d direct pairs, %d with supportive, %d at strength 4", len(direct), len(all), len(loose))
	}
	for _, p := range all {
		for _, k := range []string{"from", "to", "kind", "strength", "via"} {
			if _, ok := p[k]; !ok {
				t.Fatalf("pair without %s: %v", k, p)
			}
		}
		if p["kind"] != "direct" && p["kind"] != "supportive" {
			t.Errorf("kind %v", p["kind"])
		}
	}
}

func TestChecklistFromCLI(t *testing.T) {
	guestOS := func(services string) bool {
		for _, it := range jsonOf(t, "checklist", "--framework", "soc2", "--services", services, "--format", "json") {
			if it["control"] == "HRD-02" && it["responsibility"] != "inherited" {
				return true
			}
		}
		return false
	}
	if guestOS("lambda,s3") {
		t.Error("lambda,s3 checklist has customer guest-OS patching evidence")
	}
	if !guestOS("ec2") {
		t.Error("ec2 checklist lacks customer guest-OS patching evidence")
	}
	both := len(jsonOf(t, "checklist", "--framework", "soc2,iso27001", "--format", "json"))
	one := len(jsonOf(t, "checklist", "--framework", "soc2", "--format", "json"))
	two := len(jsonOf(t, "checklist", "--framework", "iso27001", "--format", "json"))
	if both >= one+two {
		t.Errorf("soc2,iso27001 has %d items, singles %d + %d", both, one, two)
	}
}

var positioned = regexp.MustCompile(`^(.+?\.yaml):(\d+):(\d+): `)

func TestValidateHostileCorpus(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "mapping", "testdata", "invalid", "*.yaml"))
	if len(files) < 40 {
		t.Fatalf("%d files", len(files))
	}
	for _, f := range files {
		code, _, errs := runCLI(t, "validate", f)
		first := strings.SplitN(errs, "\n", 2)[0]
		m := positioned.FindStringSubmatch(first)
		if code != 1 || m == nil || m[1] != f || m[3] == "" {
			t.Errorf("%s: exit %d, first line %q; want 1 and FILE:LINE:COL", f, code, first)
		}
	}
}

func TestValidateAcceptsExampleWithBOMAndCRLF(t *testing.T) {
	src := filepath.Join("..", "..", "mapping", "testdata", "example-overlay.yaml")
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	crlf := filepath.Join(t.TempDir(), "crlf.yaml")
	if err := os.WriteFile(crlf, append([]byte("\ufeff"), bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n"))...), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{src, crlf} {
		if code, _, errs := runCLI(t, "validate", f); code != 0 {
			t.Errorf("%s: exit %d: %s", f, code, errs)
		}
	}
	// Every built-in data file validates too.
	data_files, _ := filepath.Glob(filepath.Join("..", "..", "*", "data", "*.yaml"))
	if code, _, errs := runCLI(t, append([]string{"validate"}, data_files...)...); code != 0 || len(data_files) < 9 {
		t.Errorf("built-in data: exit %d, %d files: %s", code, len(data_files), errs)
	}
}

func TestExportValidates(t *testing.T) {
	dir := t.TempDir()
	overlay := filepath.Join("..", "..", "mapping", "testdata", "example-overlay.yaml")
	if code, _, errs := runCLI(t, "export", "--overlay", overlay, "--dir", dir); code != 0 {
		t.Fatalf("export: %d %s", code, errs)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if code, _, errs := runCLI(t, append([]string{"validate"}, files...)...); code != 0 || len(files) < 10 {
		t.Errorf("exported files: exit %d, %d files: %s", code, len(files), errs)
	}
}

func fixture(name string) string {
	return filepath.Join("..", "..", "mapping", "findings", "testdata", name)
}

func TestAssess(t *testing.T) {
	args := []string{"assess", "--framework", "soc2", "--services", "lambda,s3", "--findings", fixture("securityhub-consolidated.json"), "--format", "json"}
	code, out, errs := runCLI(t, args...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var v struct {
		Data    string `json:"data"`
		Summary struct {
			Failing bool `json:"failing"`
			Files   []struct {
				Archived int `json:"archived"`
			} `json:"files"`
		} `json:"summary"`
		Clauses []struct {
			Clause  string   `json:"clause"`
			Result  string   `json:"result"`
			Failing []string `json:"failing"`
		} `json:"clauses"`
		Items []struct {
			EvidenceID string   `json:"evidence_id"`
			Result     string   `json:"result"`
			Failed     int      `json:"failed"`
			Resources  []string `json:"resources"`
		} `json:"items"`
		Unmatched []struct {
			ID     string `json:"id"`
			Reason string `json:"reason"`
		} `json:"unmatched"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	if v.Data != mapping.Digest() || !v.Summary.Failing || len(v.Summary.Files) != 1 || v.Summary.Files[0].Archived != 1 {
		t.Errorf("data %q, failing %v, files %+v", v.Data, v.Summary.Failing, v.Summary.Files)
	}
	found := false
	for _, it := range v.Items {
		if it.EvidenceID == "AST-13-E2" {
			found = true
			if it.Result != "fail" || it.Failed != 1 || len(it.Resources) != 1 {
				t.Errorf("AST-13-E2: %+v", it)
			}
		}
	}
	if !found {
		t.Error("no AST-13-E2 item")
	}
	for _, c := range v.Clauses {
		if c.Clause == "CC6.6" && (c.Result != "failing" || !slices.Contains(c.Failing, "AST-13-E2")) {
			t.Errorf("CC6.6: %+v", c)
		}
	}
	if len(v.Unmatched) != 1 || v.Unmatched[0].ID != "DynamoDB.2" || v.Unmatched[0].Reason != "out of scope" {
		t.Errorf("unmatched: %+v", v.Unmatched)
	}

	// A CI gate: the same command with --fail-on-findings exits 3, still writing the report.
	code, out, errs = runCLI(t, append(args, "--fail-on-findings")...)
	if code != 3 || !strings.Contains(out, `"failing": true`) || !strings.Contains(errs, "some clauses fail") {
		t.Errorf("--fail-on-findings: exit %d, stderr %q", code, errs)
	}
	// Nothing fails for DynamoDB alone: exit 0 even with the gate.
	if code, _, errs := runCLI(t, "assess", "--framework", "soc2", "--services", "dynamodb", "--findings", fixture("securityhub-consolidated.json"),
		"--fail-on-findings", "--format", "csv"); code != 0 {
		t.Errorf("dynamodb only: exit %d: %s", code, errs)
	}
}

func TestAssessInputs(t *testing.T) {
	dir := t.TempDir()
	// Exports in S3 are gzip-compressed; the reader takes them as they are.
	raw, err := os.ReadFile(fixture("securityhub-consolidated.json"))
	if err != nil {
		t.Fatal(err)
	}
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write(raw)
	zw.Close()
	gz := filepath.Join(dir, "findings.json.gz")
	if err := os.WriteFile(gz, z.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	_, plain, _ := runCLI(t, "assess", "--framework", "soc2", "--services", "lambda,s3", "--findings", fixture("securityhub-consolidated.json"), "--format", "csv")
	code, zipped, errs := runCLI(t, "assess", "--framework", "soc2", "--services", "lambda,s3", "--findings", gz, "--format", "csv")
	if code != 0 || plain != zipped {
		t.Errorf("gzip: exit %d, %s; same output: %v", code, errs, plain == zipped)
	}

	// A resource id that looks like a formula is neutralised in CSV.
	csvIn := "CHECK_ID;STATUS;MUTED;RESOURCE_UID\r\ns3_bucket_secure_transport_policy;FAIL;False;=HYPERLINK(\"http://example.com\")\r\n"
	hostile := filepath.Join(dir, "prowler.csv")
	if err := os.WriteFile(hostile, []byte(csvIn), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCLI(t, "assess", "--framework", "soc2", "--services", "s3", "--findings", hostile, "--format", "csv")
	if code != 0 || !strings.Contains(out, `,"'=HYPERLINK(""http://example.com"")",`) || strings.Contains(out, `"=HYPERLINK`) {
		t.Errorf("formula cell: exit %d %s", code, errs)
	}

	for _, tc := range []struct {
		args []string
		code int
		says string
	}{
		{[]string{"assess", "--framework", "soc2"}, 2, "--findings is required"},
		{[]string{"assess", "--findings", fixture("prowler.csv")}, 2, "--framework is required"},
		{[]string{"assess", "--framework", "soc2", "--findings", ""}, 2, "empty file name"},
		{[]string{"assess", "--framework", "soc2", "--findings", fixture("not-findings.json")}, 1, "not-findings.json:1:1: not a findings file"},
		{[]string{"assess", "--framework", "soc2", "--findings", fixture("truncated.json"), "--findings", fixture("not-findings.json")}, 1, "truncated.json:120:56: unexpected end of input"},
		{[]string{"assess", "--framework", "soc2", "--findings", filepath.Join(dir, "missing.json")}, 1, "no such file"},
	} {
		code, _, errs := runCLI(t, tc.args...)
		if code != tc.code || !strings.Contains(errs, tc.says) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tc.args, code, errs, tc.code, tc.says)
		}
	}
}

func TestProfiles(t *testing.T) {
	rows := jsonOf(t, "coverage", "--framework", "soc2:security", "--format", "json")
	var got []string
	for _, r := range rows {
		got = append(got, r["clause"].(string))
	}
	if len(got) != 33 || slices.ContainsFunc(got, func(id string) bool { return !strings.HasPrefix(id, "CC") }) {
		t.Errorf("coverage soc2:security lists %d clauses: %v; want the 33 common criteria", len(got), got)
	}
	whole := jsonOf(t, "checklist", "--framework", "soc2", "--format", "json")
	sec := jsonOf(t, "checklist", "--framework", "soc2:security", "--format", "json")
	if len(sec) >= len(whole) {
		t.Errorf("checklist soc2:security has %d rows, soc2 %d; want fewer", len(sec), len(whole))
	}
	for _, r := range sec {
		for _, c := range r["clauses"].([]any) {
			if id := c.(map[string]any)["clause"].(string); !strings.HasPrefix(id, "CC") {
				t.Fatalf("checklist soc2:security serves %s", id)
			}
		}
	}
	clauses := func(profile string) string {
		var ids []string
		for _, r := range jsonOf(t, "coverage", "--framework", profile, "--format", "json") {
			ids = append(ids, r["clause"].(string))
		}
		return " " + strings.Join(ids, " ") + " "
	}
	proc, ctl := clauses("gdpr:processor"), clauses("gdpr:controller")
	for _, tc := range []struct {
		in     string
		prefix string
		want   bool
	}{
		{proc, " Art.28(3)(", true}, {proc, " Art.32(1)(", true}, {proc, " Art.13(", false}, {proc, " Art.30(1)(", false},
		{ctl, " Art.13(", true}, {ctl, " Art.30(1)(", true}, {ctl, " Art.32(1)(", true},
	} {
		if strings.Contains(tc.in, tc.prefix) != tc.want {
			t.Errorf("%q listed: %v, want %v", strings.TrimSpace(tc.prefix), !tc.want, tc.want)
		}
	}
	// The Markdown says which categories are in scope.
	code, out, errs := runCLI(t, "checklist", "--framework", "soc2:availability,iso27001", "--services", "lambda", "--format", "md")
	if code != 0 || !strings.Contains(out, "[Security, Availability]") {
		t.Errorf("checklist soc2:availability: exit %d, %s; want the categories in its notes", code, errs)
	}
}

func TestSoA(t *testing.T) {
	rows := jsonOf(t, "soa", "--format", "json")
	if len(rows) != 93 {
		t.Fatalf("soa has %d rows, want 93", len(rows))
	}
	overlay := filepath.Join("..", "..", "mapping", "testdata", "example-overlay.yaml")
	for _, r := range jsonOf(t, "soa", "--overlay", overlay, "--format", "json") {
		if r["control"] == "A.7.4" {
			if r["applicable"] != false || !strings.Contains(r["justification"].(string), "No premises of our own") {
				t.Errorf("A.7.4 with the example overlay: %v", r)
			}
			return
		}
	}
	t.Error("no row for A.7.4")
}

// TestOSCAL: the component definition for Lambda and S3 holds their components and leaves
// Lambda's guest OS patching to the provider; every model is written, twice identically.
func TestOSCAL(t *testing.T) {
	code, out, errs := runCLI(t, "oscal", "component-definition", "--services", "lambda,s3", "--framework", "soc2")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var doc struct {
		CD struct {
			Components []struct {
				Type, Title string
				Props       []struct{ Name, Value string }
				CIs         []struct {
					IRs []struct {
						ControlID string `json:"control-id"`
						Props     []struct{ Name, Value, Class string }
						Roles     []struct {
							RoleID  string `json:"role-id"`
							Remarks string
						} `json:"responsible-roles"`
					} `json:"implemented-requirements"`
				} `json:"control-implementations"`
			}
		} `json:"component-definition"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	var services []string
	patched := 0
	for _, comp := range doc.CD.Components {
		if comp.Type != "service" {
			continue
		}
		var id string
		for _, p := range comp.Props {
			if p.Name == "service" {
				id = p.Value
			}
		}
		services = append(services, id)
		for _, ci := range comp.CIs {
			for _, ir := range ci.IRs {
				for _, p := range ir.Props {
					if p.Name != "control" || p.Value != "HRD-02" {
						continue
					}
					patched++
					if id != "aws/lambda" || p.Class != "inherited" {
						t.Errorf("%s %s: HRD-02 is %s", id, ir.ControlID, p.Class)
					}
					for _, r := range ir.Roles {
						if r.RoleID == "customer" && strings.Contains(r.Remarks, "HRD-02") {
							t.Errorf("lambda %s: a customer responsibility for HRD-02: %s", ir.ControlID, r.Remarks)
						}
					}
				}
			}
		}
	}
	if !slices.Equal(services, []string{"aws/s3", "aws/lambda"}) || patched == 0 {
		t.Errorf("services %v, %d requirements served by HRD-02", services, patched)
	}
	for _, args := range [][]string{
		{"oscal", "catalog", "--framework", "iso27001"},
		{"oscal", "catalog", "--controls"},
		{"oscal", "mapping-collection", "--framework", "gdpr:processor"},
		{"oscal", "component-definition", "--overlay", "../../mapping/testdata/example-overlay.yaml", "--framework", "csf"},
	} {
		code, first, errs := runCLI(t, args...)
		_, second, _ := runCLI(t, args...)
		if code != 0 || first != second || !json.Valid([]byte(first)) || !strings.Contains(first, `"oscal-version": "1.2.2"`) {
			t.Errorf("%v: exit %d, %s; two runs identical: %v", args, code, errs, first == second)
		}
	}
	code, out, _ = runCLI(t, "oscal", "catalog", "--framework", "soc2", "--last-modified", "2027-02-03T04:05:06+01:00")
	if code != 0 || !strings.Contains(out, `"last-modified": "2027-02-03T03:05:06Z"`) {
		t.Errorf("--last-modified: exit %d, %.300s", code, out)
	}
}

// TestOtherClouds: services of three providers with a provider field, and a checklist of a
// mixed scope naming each provider's evidence and attestation.
func TestOtherClouds(t *testing.T) {
	count := map[string]int{}
	for _, s := range jsonOf(t, "services", "--format", "json") {
		p, id := s["provider"].(string), s["id"].(string)
		if !strings.HasPrefix(id, p+"/") || len(s["layers"].([]any)) != 15 {
			t.Errorf("%s: provider %q, %d layers", id, p, len(s["layers"].([]any)))
		}
		count[p]++
	}
	if count["aws"] != 48 || count["azure"] < 30 || count["gcp"] < 20 {
		t.Errorf("services by provider %v", count)
	}
	rows := jsonOf(t, "checklist", "--framework", "soc2", "--services", "aws/lambda,azure/functions,gcp/cloud-run", "--format", "json")
	kinds, attest := map[string]bool{}, map[string]bool{}
	for _, r := range rows {
		p, _ := r["provider"].(string)
		if r["evidence_id"] == nil {
			attest[p] = true
			continue
		}
		for _, s := range r["sources"].([]any) {
			kinds[s.(map[string]any)["kind"].(string)] = true
		}
	}
	for _, k := range []string{"aws-config-rule", "azure-policy", "scc-finding"} {
		if !kinds[k] {
			t.Errorf("no %s evidence in the mixed checklist", k)
		}
	}
	if !attest["aws"] || !attest["azure"] || !attest["gcp"] {
		t.Errorf("attestations from %v", attest)
	}
}
