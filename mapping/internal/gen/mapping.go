package main

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/srmkit/srmkit/mapping"
)

type loadedMappings struct {
	srcs    []source
	catalog *mapping.Catalog
}

func loadMappings(root string, fws *loadedFrameworks, s *loadedSRM) (*loadedMappings, error) {
	srcs, datas, err := readData(root, "mapping/data")
	if err != nil {
		return nil, err
	}
	var tables []*mapping.Table
	var errs []error
	for i := range srcs {
		t, err := mapping.ParseTable(srcs[i].path, datas[i])
		if err != nil {
			errs = append(errs, err)
			continue
		}
		tables = append(tables, t)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	c, err := mapping.Build(s.model, fws.fws, tables, true)
	if err != nil {
		return nil, err
	}
	return &loadedMappings{srcs: srcs, catalog: c}, nil
}

func renderMappings(l *loadedMappings) ([]byte, error) {
	var w bytes.Buffer
	header(&w, "mapping", l.srcs)
	var maps []mapping.Mapping
	for m := range l.catalog.Mappings() {
		maps = append(maps, m)
	}
	var b strings.Builder
	for _, t := range []struct {
		name, typ string
		v         any
	}{
		{"builtinMappings", "Mapping", maps},
		{"builtinNotApplicable", "NotApplicable", l.catalog.BuiltinNotApplicable()},
		{"builtinCompleteness", "Completeness", l.catalog.BuiltinCompleteness()},
		{"builtinUnmapped", "Unmapped", slices.Collect(l.catalog.Unmapped())},
	} {
		fmt.Fprintf(&b, "var %s = [...]%s{", t.name, t.typ)
		elems(&b, reflect.ValueOf(t.v), "")
		b.WriteString("}\n\n")
	}
	w.WriteString(b.String())
	return gofmt(&w)
}
