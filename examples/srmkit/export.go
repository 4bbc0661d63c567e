package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
)

func cmdExport(args []string, out io.Writer) error {
	fs := newFlags("export")
	var overlays overlayFlag
	fs.Var(&overlays, "overlay", "organisation overlay file (repeatable)")
	dir := fs.String("dir", "", "write one file per document into this folder instead of a stream on stdout")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	overlays = append(overlays, fs.Args()...)
	c, err := loadCatalog(overlays)
	if err != nil {
		return err
	}
	files, err := c.Export()
	if err != nil {
		return err
	}
	if *dir != "" {
		if err := os.MkdirAll(*dir, 0o755); err != nil {
			return err
		}
		for _, f := range files {
			if err := os.WriteFile(filepath.Join(*dir, f.Name), f.Data, 0o644); err != nil {
				return err
			}
			fmt.Fprintln(out, filepath.Join(*dir, f.Name))
		}
		return nil
	}
	for i, f := range files {
		if i > 0 {
			fmt.Fprintln(out, "---")
		}
		fmt.Fprintf(out, "# %s\n", f.Name)
		if _, err := out.Write(f.Data); err != nil {
			return err
		}
	}
	return nil
}
