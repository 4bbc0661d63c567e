package mapping_test

import (
	"encoding/json"
	"iter"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/srmkit/srmkit/frameworks"
	"github.com/srmkit/srmkit/mapping"
	"github.com/srmkit/srmkit/mapping/load"
	"github.com/srmkit/srmkit/srm"
)

// producers calls every exported function of srm, frameworks and mapping that returns data,
// collecting sequences into slices. Each call must hand out storage of its own.
func producers(t testing.TB) map[string]func() any {
	c := mapping.Default()
	m := srm.Default()
	all := m.All()
	scope, err := m.Scope("ec2", "s3", "lambda", "rds")
	if err != nil {
		t.Fatal(err)
	}
	view, err := m.In(scope)
	if err != nil {
		t.Fatal(err)
	}
	soc2, _ := frameworks.Lookup("soc2")
	fws := []frameworks.ID{frameworks.SOC2, frameworks.ISO27001, frameworks.CSF, frameworks.GDPR}
	ok := func(v any, err error) any {
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	narrowedCat := ok(c.Narrow(frameworks.Selection{Framework: frameworks.SOC2, Profiles: []string{"availability"}},
		frameworks.Selection{Framework: frameworks.GDPR, Profiles: []string{"processor"}})).(*mapping.Catalog)
	gdpr, _ := frameworks.Lookup("gdpr")
	processor := ok(gdpr.Narrow("processor")).(*frameworks.Framework)
	return map[string]func() any{
		"srm.Tiers":             func() any { return srm.Tiers() },
		"srm.Layers":            func() any { return srm.Layers() },
		"srm.ControlTypes":      func() any { return srm.ControlTypes() },
		"srm.Domains":           func() any { return srm.Domains() },
		"Model.Services":        func() any { return slices.Collect(m.Services()) },
		"Model.ServicesByTier":  func() any { return slices.Collect(m.ServicesByTier(srm.TierContainer)) },
		"Model.ServicesOf":      func() any { return slices.Collect(m.ServicesOf(srm.Azure)) },
		"srm.Providers":         func() any { return srm.Providers() },
		"Scope.Providers":       func() any { return scope.Providers() },
		"Control.On":            func() any { ctl, _ := m.Control("IAM-01"); return ctl.On(srm.GCP) },
		"Model.Service":         func() any { s, _ := m.Service("ec2"); return s },
		"Model.Controls":        func() any { return slices.Collect(m.Controls()) },
		"Model.Control":         func() any { ctl, _ := m.Control("IAM-01"); return ctl },
		"Model.IDs":             func() any { return slices.Collect(m.IDs()) },
		"Scope.Services":        func() any { return slices.Collect(scope.Services()) },
		"View.Applicable":       func() any { return slices.Collect(view.Applicable()) },
		"frameworks.All":        func() any { return slices.Collect(frameworks.All()) },
		"frameworks.Kinds":      func() any { return frameworks.Kinds() },
		"frameworks.Names":      func() any { return frameworks.Names() },
		"Framework.Clauses":     func() any { return slices.Collect(soc2.Clauses()) },
		"Framework.Leaves":      func() any { return slices.Collect(soc2.Leaves()) },
		"Framework.Children":    func() any { return slices.Collect(soc2.Children("CC6")) },
		"Framework.Descendants": func() any { return slices.Collect(soc2.Descendants("CC6")) },
		"Framework.Ancestors":   func() any { return slices.Collect(soc2.Ancestors("CC6.1")) },
		"Framework.Roots":       func() any { return slices.Collect(soc2.Roots()) },
		"Framework.Aliases":     func() any { return soc2.Aliases() },
		"Framework.Info":        func() any { return soc2.Info() },
		"Catalog.Satisfying": func() any {
			return slices.Collect(ok(c.Satisfying(frameworks.SOC2, "CC6", all)).(mapping.Matches).All())
		},
		"Catalog.Clauses":  func() any { return slices.Collect(ok(c.Clauses("IAM-01")).(iter.Seq[mapping.Mapping])) },
		"Catalog.Mappings": func() any { return slices.Collect(c.Mappings()) },
		"Catalog.Coverage": func() any {
			return slices.Collect(ok(c.Coverage(frameworks.ISO27001, scope)).(iter.Seq[mapping.ClauseStatus]))
		},
		"Catalog.Crosswalk": func() any {
			return slices.Collect(ok(c.Crosswalk(frameworks.CSF, frameworks.SOC2, mapping.CrosswalkOptions{Supportive: true})).(iter.Seq[mapping.Pair]))
		},
		"Catalog.Checklist":            func() any { return ok(c.Checklist(fws, scope)) },
		"Catalog.BuiltinNotApplicable": func() any { return c.BuiltinNotApplicable() },
		"Catalog.BuiltinCompleteness":  func() any { return c.BuiltinCompleteness() },
		"Catalog.Unmapped":             func() any { return slices.Collect(c.Unmapped()) },
		"Catalog.Snapshot":             func() any { return c.Snapshot() },
		"Catalog.Selections":           func() any { return narrowedCat.Selections() },
		"Catalog.StatementOfApplicability": func() any {
			return ok(c.StatementOfApplicability(scope))
		},
		"Narrowed.Coverage": func() any {
			return slices.Collect(ok(narrowedCat.Coverage(frameworks.SOC2, scope)).(iter.Seq[mapping.ClauseStatus]))
		},
		"Narrowed.Satisfying": func() any {
			return slices.Collect(ok(narrowedCat.Satisfying(frameworks.SOC2, "CC6", all)).(mapping.Matches).All())
		},
		"Narrowed.Checklist":        func() any { return ok(narrowedCat.Checklist(fws, scope)) },
		"Framework.Profiles":        func() any { return soc2.Profiles() },
		"Framework.Selected":        func() any { return processor.Selected() },
		"Framework.Selection":       func() any { return processor.Selection() },
		"Narrowed.Clauses":          func() any { return slices.Collect(processor.Clauses()) },
		"frameworks.ParseSelection": func() any { return ok(frameworks.ParseSelection("soc2:availability+privacy")) },
		"ApplicabilityReport": func() any {
			return mapping.ApplicabilityReport("", scope, ok(c.StatementOfApplicability(scope)).([]mapping.Applicability))
		},
		"ServicesReport": func() any { return mapping.ServicesReport(m) },
		"ControlsReport": func() any { return mapping.ControlsReport(m) },
		"ChecklistReport": func() any {
			return mapping.ChecklistReport([]*frameworks.Framework{soc2}, "", scope, ok(c.Checklist(fws, scope)).([]mapping.Item))
		},
	}
}

// mutate writes over every string, number and flag reachable through the slices, maps, arrays,
// pointers and exported fields of v, the way a careless caller would.
func mutate(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			mutate(v.Elem())
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			mutate(v.Index(i))
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			e := reflect.New(v.Type().Elem()).Elem()
			e.Set(v.MapIndex(k))
			mutate(e)
			v.SetMapIndex(k, e)
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				mutate(v.Field(i))
			}
		}
	case reflect.String:
		if v.CanSet() {
			v.SetString("mutated")
		}
	case reflect.Int, reflect.Int32, reflect.Int64:
		if v.CanSet() {
			v.SetInt(-7)
		}
	case reflect.Bool:
		if v.CanSet() {
			v.SetBool(!v.Bool())
		}
	}
}

func encode(t testing.TB, v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestNothingReturnedSharesStorage mutates everything every exported function returns and
// checks that no other answer changed — neither a second answer of the same call nor the
// built-in catalog, compared with one built afresh from the YAML sources — while other
// goroutines keep querying (run it under -race).
func TestNothingReturnedSharesStorage(t *testing.T) {
	ps := producers(t)
	stop := make(chan struct{})
	var readers sync.WaitGroup
	for range 2 {
		readers.Add(1)
		go func() {
			defer readers.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				for _, p := range ps {
					_ = p()
				}
			}
		}()
	}
	for name, p := range ps {
		a, b := p(), p()
		before := encode(t, b)
		pa := reflect.New(reflect.TypeOf(a))
		pa.Elem().Set(reflect.ValueOf(a))
		mutate(pa)
		if after := encode(t, b); after != before {
			t.Errorf("%s: changing one answer changed another", name)
		}
		if again := encode(t, p()); again != before {
			t.Errorf("%s: changing an answer changed the catalog", name)
		}
	}
	close(stop)
	readers.Wait()

	fresh := freshCatalog(t)
	if diff := cmp.Diff(fresh.Snapshot(), mapping.Default().Snapshot()); diff != "" {
		t.Errorf("the built-in catalog differs from a fresh build after callers changed its answers (-fresh +built-in):\n%s", diff)
	}
}

// freshCatalog builds the catalog from the YAML sources, as the generator does, sharing nothing
// with the generated tables.
func freshCatalog(t testing.TB) *mapping.Catalog {
	read := func(dir string) []load.File {
		paths, _ := filepath.Glob(filepath.Join("..", dir, "data", "*.yaml"))
		var files []load.File
		for _, p := range paths {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			files = append(files, load.File{Name: p, Data: data})
		}
		return files
	}
	byID := map[frameworks.ID]*frameworks.Framework{}
	for _, f := range read("frameworks") {
		fw, err := load.Framework(f)
		if err != nil {
			t.Fatal(err)
		}
		byID[fw.ID()] = fw
	}
	var fws []*frameworks.Framework
	for f := range frameworks.All() {
		fws = append(fws, byID[f.ID()])
	}
	model, err := load.StrictModel(read("srm")...)
	if err != nil {
		t.Fatal(err)
	}
	var tables []*mapping.Table
	for _, f := range read("mapping") {
		tbl, err := load.Table(f)
		if err != nil {
			t.Fatal(err)
		}
		tables = append(tables, tbl)
	}
	c, err := mapping.Build(model, fws, tables, true)
	if err != nil {
		t.Fatal(err)
	}
	return c
}
