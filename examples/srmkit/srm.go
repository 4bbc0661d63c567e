package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/srmkit/srmkit/srm"
)

type layerJSON struct {
	Layer    string `json:"layer"`
	Owner    string `json:"owner"`
	Provider string `json:"provider"`
	Customer string `json:"customer"`
}

type serviceJSON struct {
	ID      string      `json:"id"`
	Name    string      `json:"name"`
	Tier    string      `json:"tier"`
	NIST    string      `json:"nist_model"`
	Summary string      `json:"summary"`
	Mixed   string      `json:"mixed,omitempty"`
	Layers  []layerJSON `json:"layers"`
}

func cmdServices(args []string, out io.Writer) error {
	format, err := formatOnly("services", args)
	if err != nil {
		return err
	}
	m := srm.Default()
	var list []serviceJSON
	for s := range m.Services() {
		j := serviceJSON{ID: s.ID, Name: s.Name, Tier: string(s.Tier), NIST: s.Tier.NIST(), Summary: s.Summary, Mixed: s.Mixed}
		for _, a := range s.Layers {
			j.Layers = append(j.Layers, layerJSON{string(a.Layer), string(a.Owner), a.Provider, a.Customer})
		}
		list = append(list, j)
	}
	if format == "json" {
		return writeJSON(out, list)
	}
	fmt.Fprintf(out, "# Shared responsibility by service\n\nP = provider, C = customer, S = shared.\n\n")
	header := []string{"service", "tier"}
	for _, l := range srm.Layers() {
		header = append(header, string(l))
	}
	var rows [][]string
	for _, s := range list {
		r := []string{s.ID, s.Tier}
		for _, l := range s.Layers {
			r = append(r, strings.ToUpper(l.Owner[:1]))
		}
		rows = append(rows, r)
	}
	if err := writeMDTable(out, header, rows); err != nil {
		return err
	}
	for _, s := range list {
		fmt.Fprintf(out, "\n## %s (%s, %s)\n\n%s\n", s.Name, s.Tier, s.NIST, s.Summary)
		if s.Mixed != "" {
			fmt.Fprintf(out, "\n**Mixed:** %s\n", s.Mixed)
		}
		fmt.Fprintln(out)
		var lr [][]string
		for _, l := range s.Layers {
			lr = append(lr, []string{l.Layer, l.Owner, l.Provider, l.Customer})
		}
		if err := writeMDTable(out, []string{"layer", "owner", "provider does", "customer does"}, lr); err != nil {
			return err
		}
	}
	return nil
}

type controlJSON struct {
	ID        string         `json:"id"`
	Title     string         `json:"title"`
	Type      string         `json:"type"`
	Domain    string         `json:"domain"`
	Objective string         `json:"objective,omitempty"`
	Layers    []string       `json:"layers"`
	Tiers     []string       `json:"tiers,omitempty"`
	Services  []string       `json:"services,omitempty"`
	Provider  string         `json:"provider,omitempty"`
	Customer  string         `json:"customer,omitempty"`
	Evidence  []evidenceJSON `json:"evidence"`
}

type evidenceJSON struct {
	ID          string       `json:"id"`
	Description string       `json:"description"`
	Artifact    string       `json:"artifact,omitempty"`
	Collection  string       `json:"collection"`
	Frequency   string       `json:"frequency"`
	Services    []string     `json:"services,omitempty"`
	Sources     []srm.Source `json:"sources"`
}

func controlToJSON(c srm.Control) controlJSON {
	j := controlJSON{ID: string(c.ID), Title: c.Title, Type: string(c.Type), Domain: string(c.Domain), Objective: c.Objective,
		Layers: []string{}, Services: c.Services, Provider: c.Provider, Customer: c.Customer}
	for _, l := range c.Layers {
		j.Layers = append(j.Layers, string(l))
	}
	for _, t := range c.Tiers {
		j.Tiers = append(j.Tiers, string(t))
	}
	for _, e := range c.Evidence {
		j.Evidence = append(j.Evidence, evidenceJSON{e.ID, e.Description, string(e.Artifact), string(e.Collection), string(e.Frequency), e.Services, e.Sources})
	}
	return j
}

func cmdControls(args []string, out io.Writer) error {
	format, err := formatOnly("controls", args)
	if err != nil {
		return err
	}
	var list []controlJSON
	for c := range srm.Default().Controls() {
		list = append(list, controlToJSON(c))
	}
	if format == "json" {
		return writeJSON(out, list)
	}
	fmt.Fprintf(out, "# Control catalog\n\n")
	domain := ""
	for _, c := range list {
		if c.Domain != domain {
			domain = c.Domain
			fmt.Fprintf(out, "## %s\n\n", domain)
		}
		fmt.Fprintf(out, "### %s %s\n\n*%s*; layers: %s\n\n%s\n\n- **Provider:** %s\n- **Customer:** %s\n\n", c.ID, mdCell(c.Title), c.Type, strings.Join(c.Layers, ", "), c.Objective, c.Provider, c.Customer)
		var rows [][]string
		for _, e := range c.Evidence {
			var src []string
			for _, s := range e.Sources {
				src = append(src, string(s.Kind)+": "+s.Ref)
			}
			rows = append(rows, []string{e.ID, e.Description, e.Collection, e.Frequency, strings.Join(src, "; ")})
		}
		if err := writeMDTable(out, []string{"evidence", "what to show", "collection", "frequency", "sources"}, rows); err != nil {
			return err
		}
		fmt.Fprintln(out)
	}
	return nil
}
