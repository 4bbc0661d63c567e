package main

import (
	"io"

	"github.com/srmkit/srmkit/frameworks"
	"github.com/srmkit/srmkit/mapping"
)

func cmdChecklist(args []string, out io.Writer) error {
	fs := newFlags("checklist")
	fw := fs.String("framework", "", "comma-separated framework ids or aliases")
	services := fs.String("services", "", "comma-separated services in use (default: the overlay's scope, else all)")
	var overlays overlayFlag
	fs.Var(&overlays, "overlay", "organisation overlay file (repeatable)")
	format := fs.String("format", "md", "output format: md, csv or json")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := checkFormat(*format, "md", "csv", "json"); err != nil {
		return err
	}
	names := splitList(*fw)
	if len(names) == 0 {
		return usagef("--framework is required")
	}
	var ids []frameworks.ID
	var fws []*frameworks.Framework
	for _, n := range names {
		f, err := frameworkIn(mapping.Default(), n, "framework")
		if err != nil {
			return err
		}
		ids = append(ids, f.ID())
		fws = append(fws, f)
	}
	c, err := loadCatalog(overlays)
	if err != nil {
		return err
	}
	scope, err := scopeFor(c, *services)
	if err != nil {
		return err
	}
	items := c.Checklist(ids, scope)
	switch *format {
	case "json":
		return mapping.WriteChecklistJSON(out, items)
	case "csv":
		return mapping.WriteChecklistCSV(out, items)
	}
	meta := mapping.ChecklistMeta{Organization: c.Organization(), Frameworks: fws}
	if *services != "" || len(overlays) > 0 {
		for s := range c.Model().ScopeServices(scope) {
			meta.Services = append(meta.Services, s)
		}
		if n, _ := c.Model().Len(); len(meta.Services) == n {
			meta.Services = nil
		}
	}
	return mapping.WriteChecklistMarkdown(out, meta, items)
}
