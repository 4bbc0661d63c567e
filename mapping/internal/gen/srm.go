package main

import (
	"bytes"
	"reflect"
	"strings"

	"github.com/srmkit/srmkit/mapping/load"
	"github.com/srmkit/srmkit/srm"
)

type loadedSRM struct {
	srcs     []source
	model    *srm.Model
	services []srm.Service
	controls []srm.Control
}

func loadSRM(root string) (*loadedSRM, error) {
	srcs, datas, err := readData(root, "srm/data")
	if err != nil {
		return nil, err
	}
	files := make([]load.File, len(srcs))
	for i := range srcs {
		files[i] = load.File{Name: srcs[i].path, Data: datas[i]}
	}
	m, err := load.StrictModel(files...)
	if err != nil {
		return nil, err
	}
	l := &loadedSRM{srcs: srcs, model: m}
	for s := range m.Services() {
		l.services = append(l.services, s)
	}
	for c := range m.Controls() {
		l.controls = append(l.controls, c)
	}
	return l, nil
}

func renderSRM(l *loadedSRM) ([]byte, error) {
	var w bytes.Buffer
	header(&w, "srm", l.srcs)
	var b strings.Builder
	b.WriteString("var builtinServices = [...]Service{")
	elems(&b, reflect.ValueOf(l.services), "")
	b.WriteString("}\n\nvar builtinControls = [...]Control{")
	elems(&b, reflect.ValueOf(l.controls), "")
	b.WriteString("}\n")
	w.WriteString(b.String())
	return gofmt(&w)
}
