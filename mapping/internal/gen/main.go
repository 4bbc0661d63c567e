// Command gen compiles srmkit's YAML data into Go tables: frameworks/data into
// frameworks/tables.go, srm/data into srm/tables.go and mapping/data into mapping/tables.go.
//
// Every file goes through the schema loader and the same cross-reference checks the library
// applies to users' documents; any problem stops generation with positioned messages, so a
// broken data file never reaches the tables. Run it with go generate ./... from the module root.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	root := flag.String("root", "..", "module root (the folder holding go.mod)")
	check := flag.Bool("check", false, "report whether the tables are up to date instead of writing them")
	flag.Parse()
	outs, err := generate(*root)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	stale := false
	for _, o := range outs {
		path := filepath.Join(*root, o.path)
		old, _ := os.ReadFile(path)
		if bytes.Equal(old, o.data) {
			continue
		}
		if *check {
			fmt.Fprintf(os.Stderr, "%s is out of date; run go generate ./...\n", o.path)
			stale = true
			continue
		}
		if err := os.WriteFile(path, o.data, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	if stale {
		os.Exit(1)
	}
}

type output struct {
	path string // relative to the module root
	data []byte
}

// generate loads every data file under root and renders the three table files. It writes
// nothing, so tests can compare its output with the checked-in files.
func generate(root string) ([]output, error) {
	var errs []error
	fws, err := loadFrameworks(root)
	if err != nil {
		errs = append(errs, err)
	}
	sr, err := loadSRM(root)
	if err != nil {
		errs = append(errs, err)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	mp, err := loadMappings(root, fws, sr)
	if err != nil {
		return nil, err
	}
	sc, err := loadScanners(root)
	if err != nil {
		return nil, err
	}
	var outs []output
	for _, r := range []struct {
		path   string
		render func() ([]byte, error)
	}{
		{"frameworks/tables.go", func() ([]byte, error) { return renderFrameworks(fws) }},
		{"srm/tables.go", func() ([]byte, error) { return renderSRM(sr) }},
		{"mapping/tables.go", func() ([]byte, error) { return renderMappings(mp) }},
		{"mapping/findings/tables.go", func() ([]byte, error) { return renderScanners(sc) }},
	} {
		src, err := r.render()
		if err != nil {
			return nil, err
		}
		outs = append(outs, output{r.path, src})
	}
	return outs, nil
}
