package mapping_test

import (
	"bufio"
	"bytes"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/srmkit/srmkit"

// allowedImports pins, for every package of the module, the packages outside the standard
// library it may import (its own module's included). Imports point one way: srm and frameworks
// know nothing of each other, mapping builds on both, and only what loads documents reaches
// schema and, through it, YAML and JSON Schema.
var allowedImports = map[string][]string{
	"schema/diag":          {},
	"srm":                  {"schema/diag"},
	"frameworks":           {},
	"mapping":              {"srm", "frameworks", "schema/diag"},
	"schema":               {"schema/diag", "gopkg.in/yaml.v3", "github.com/santhosh-tekuri/jsonschema/v5"},
	"mapping/load":         {"srm", "frameworks", "mapping", "schema", "schema/diag", "gopkg.in/yaml.v3"},
	"mapping/findings":     {"srm", "mapping"},
	"mapping/oscal":        {"srm", "frameworks", "mapping", "schema/diag"},
	"mapping/internal/gen": {"srm", "frameworks", "mapping", "mapping/load", "schema", "schema/diag"},
	"examples/srmkit":      {"srm", "frameworks", "mapping", "mapping/load", "mapping/findings", "mapping/oscal"},
}

// TestImports reads the imports of every non-test file of every package and checks them
// against allowedImports, as golang.org/x/vuln keeps its model packages free of extra imports.
func TestImports(t *testing.T) {
	root := ".."
	seen := map[string]bool{}
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		rel, _ := filepath.Rel(root, filepath.Dir(path))
		pkg := filepath.ToSlash(rel)
		allowed, known := allowedImports[pkg]
		if !known {
			t.Errorf("%s: package %s has no entry in allowedImports", path, pkg)
			return nil
		}
		seen[pkg] = true
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			name := strings.TrimPrefix(p, module+"/")
			if !strings.Contains(strings.Split(p, "/")[0], ".") {
				continue // the standard library
			}
			if !slices.Contains(allowed, name) {
				t.Errorf("%s imports %s; %s may import only the standard library and %v", path, p, pkg, allowed)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for pkg := range allowedImports {
		if !seen[pkg] {
			t.Errorf("allowedImports names %s, which has no Go files", pkg)
		}
	}
}

var initLine = regexp.MustCompile(`^init (\S+) @\S+ ms, \S+ ms clock, (\d+) bytes, (\d+) allocs$`)

// TestQueryOnlyProgram builds a program that only queries the built-in catalog, and checks that
// it links no YAML or JSON Schema code and that, when it starts, no package but the standard
// library's runs initialisation that allocates.
func TestQueryOnlyProgram(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to build the program: %v", err)
	}
	pkg := "./testdata/queryonly"
	out, err := exec.Command(goTool, "list", "-deps", pkg).CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	deps := strings.Fields(string(out))
	for _, d := range deps {
		if strings.HasPrefix(d, "gopkg.in/yaml") || strings.Contains(d, "jsonschema") || d == module+"/schema" || d == module+"/mapping/load" {
			t.Errorf("a query-only program links %s", d)
		}
	}
	if !slices.Contains(deps, module+"/mapping") {
		t.Fatalf("go list -deps does not list the mapping package:\n%s", out)
	}
	bin := filepath.Join(t.TempDir(), "queryonly")
	if out, err := exec.Command(goTool, "build", "-o", bin, pkg).CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	if !strings.Contains(stdout.String(), "satisfy SOC 2 CC6.1") {
		t.Errorf("unexpected output %q", stdout.String())
	}
	traced := 0
	sc := bufio.NewScanner(&stderr)
	for sc.Scan() {
		m := initLine.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		traced++
		first := strings.Split(m[1], "/")[0]
		if !strings.Contains(first, ".") {
			continue // the standard library
		}
		if m[3] != "0" || m[2] != "0" {
			t.Errorf("package %s allocates %s bytes in %s allocations when the program starts", m[1], m[2], m[3])
		}
	}
	if traced == 0 {
		t.Fatalf("no init trace in:\n%s", stderr.String())
	}
}
