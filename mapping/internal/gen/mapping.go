package main

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/srmkit/srmkit/mapping"
	"github.com/srmkit/srmkit/mapping/load"
)

type loadedMappings struct {
	srcs    []source
	pairs   *csvTable // which Config rule backs each Security Hub control
	catalog *mapping.Catalog
	digest  string // of every source of every table
}

func loadMappings(root string, fws *loadedFrameworks, s *loadedSRM) (*loadedMappings, error) {
	srcs, datas, err := readData(root, "mapping/data")
	if err != nil {
		return nil, err
	}
	var tables []*mapping.Table
	var errs []error
	for i := range srcs {
		t, err := load.Table(load.File{Name: srcs[i].path, Data: datas[i]})
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
	pairs, err := readCSV(root, "mapping/data/securityhub-config.csv", "securityhub_control", "config_rule")
	if err != nil {
		return nil, err
	}
	srcs = append(srcs, pairs.src)
	// The digest covers the data of all three packages: a change to a framework, a service or
	// a control changes the answers as surely as a change to a mapping.
	h := sha256.New()
	for _, src := range slices.Concat(fws.srcs, s.srcs, srcs) {
		fmt.Fprintf(h, "%s %s\n", src.path, src.sum)
	}
	return &loadedMappings{srcs: srcs, pairs: pairs, catalog: c, digest: fmt.Sprintf("%x", h.Sum(nil))[:16]}, nil
}

func renderMappings(l *loadedMappings) ([]byte, error) {
	var w bytes.Buffer
	header(&w, "mapping", l.srcs)
	var maps []mapping.Mapping
	for m := range l.catalog.Mappings() {
		maps = append(maps, m)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "// builtinDigest identifies the data files above and those of the frameworks and srm tables.\nconst builtinDigest = %q\n\n", l.digest)
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
	b.WriteString("// builtinCheckPairs are the Config rules AWS runs for Security Hub controls, by control.\n")
	var pb bytes.Buffer
	renderPairs(&pb, "builtinCheckPairs", "checkPair", l.pairs.rows)
	b.Write(pb.Bytes())
	w.WriteString(b.String())
	return gofmt(&w)
}
