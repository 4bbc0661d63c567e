package main

import (
	"fmt"
	"io"
	"strconv"

	"github.com/srmkit/srmkit/frameworks"
)

type frameworkJSON struct {
	ID         string   `json:"id"`
	Name       string   `json:"name"`
	Version    string   `json:"version"`
	Publisher  string   `json:"publisher"`
	Clauses    int      `json:"clauses"`
	Leaves     int      `json:"leaves"`
	Source     string   `json:"source"`
	TextPolicy string   `json:"text_policy"`
	Aliases    []string `json:"aliases"`
}

func cmdFrameworks(args []string, out io.Writer) error {
	format, err := formatOnly("frameworks", args)
	if err != nil {
		return err
	}
	var list []frameworkJSON
	for f := range frameworks.All() {
		leaves := 0
		for range f.Leaves() {
			leaves++
		}
		list = append(list, frameworkJSON{string(f.ID()), f.Name(), f.Version(), f.Publisher(), f.Len(), leaves, f.Source(), string(f.TextPolicy()), f.Aliases()})
	}
	if format == "json" {
		return writeJSON(out, list)
	}
	fmt.Fprintf(out, "# Frameworks\n\n")
	var rows [][]string
	for _, f := range list {
		rows = append(rows, []string{f.ID, f.Name, f.Version, f.Publisher, strconv.Itoa(f.Clauses), f.Source})
	}
	return writeMDTable(out, []string{"id", "name", "version", "publisher", "clauses", "official text"}, rows)
}

type clauseJSON struct {
	ID      string `json:"id"`
	Parent  string `json:"parent"`
	Kind    string `json:"kind"`
	Title   string `json:"title"`
	Summary string `json:"summary"`
}

func lookupFramework(name string) (*frameworks.Framework, error) {
	if name == "" {
		return nil, usagef("--framework is required")
	}
	f, ok := frameworks.Lookup(name)
	if !ok {
		return nil, usagef("unknown framework %q (known: %v)", name, frameworks.Names())
	}
	return f, nil
}

func cmdClauses(args []string, out io.Writer) error {
	fs := newFlags("clauses")
	fw := fs.String("framework", "", "framework id or alias (soc2, iso27001, csf, gdpr)")
	format := fs.String("format", "json", "output format: json, csv or md")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := checkFormat(*format, "json", "csv", "md"); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	f, err := lookupFramework(*fw)
	if err != nil {
		return err
	}
	var list []clauseJSON
	for c := range f.Clauses() {
		list = append(list, clauseJSON{c.ID, c.Parent, string(c.Kind), c.Title, c.Summary})
	}
	switch *format {
	case "json":
		return writeJSON(out, list)
	case "csv":
		var rows [][]string
		for _, c := range list {
			rows = append(rows, []string{c.ID, c.Parent, c.Kind, c.Title, c.Summary})
		}
		return writeCSV(out, []string{"id", "parent", "kind", "title", "summary"}, rows)
	}
	fmt.Fprintf(out, "# %s %s\n\nPublisher: %s. Official text: <%s>. Titles are official short names; summaries are srmkit's own words.\n\n", f.Name(), f.Version(), f.Publisher(), f.Source())
	var rows [][]string
	for _, c := range list {
		rows = append(rows, []string{c.ID, c.Kind, c.Title, c.Summary})
	}
	return writeMDTable(out, []string{"id", "kind", "title", "summary"}, rows)
}
