package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestTablesUpToDate regenerates every table in memory and compares it with the checked-in
// file, so that a data edit without regeneration cannot pass.
func TestTablesUpToDate(t *testing.T) {
	root := filepath.Join("..", "..", "..")
	outs, err := generate(root)
	if err != nil {
		t.Fatalf("the data does not load:\n%v", err)
	}
	for _, o := range outs {
		have, err := os.ReadFile(filepath.Join(root, o.path))
		if err != nil {
			t.Errorf("%s: %v; run go generate ./...", o.path, err)
			continue
		}
		if !bytes.Equal(have, o.data) {
			t.Errorf("%s does not match the YAML under data/; run go generate ./... and commit the result", o.path)
		}
	}
}
