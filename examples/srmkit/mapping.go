package main

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/srmkit/srmkit/frameworks"
	"github.com/srmkit/srmkit/mapping"
	"github.com/srmkit/srmkit/srm"
)

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// overlayFlag collects repeated --overlay flags.
type overlayFlag []string

func (o *overlayFlag) String() string     { return strings.Join(*o, ",") }
func (o *overlayFlag) Set(v string) error { *o = append(*o, v); return nil }

// loadCatalog returns the built-in catalog with the overlay files merged onto it; every
// problem in every file is returned together.
func loadCatalog(paths []string) (*mapping.Catalog, error) {
	if len(paths) == 0 {
		return mapping.Default(), nil
	}
	var ovs []*mapping.Overlay
	var errs []error
	for _, p := range paths {
		o, err := mapping.LoadOverlay(p)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		ovs = append(ovs, o)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return mapping.New(ovs...)
}

func scopeFor(c *mapping.Catalog, services string) (srm.Scope, error) {
	s, err := c.Scope(splitList(services)...)
	if err != nil {
		return s, usagef("--services: %v", err)
	}
	return s, nil
}

func frameworkIn(c *mapping.Catalog, name, flagName string) (*frameworks.Framework, error) {
	if name == "" {
		return nil, usagef("--%s is required", flagName)
	}
	f, ok := c.Framework(name)
	if !ok {
		return nil, usagef("--%s: unknown framework %q (known: %s)", flagName, name, strings.Join(frameworks.Names(), ", "))
	}
	return f, nil
}

type matchJSON struct {
	Control        string `json:"control"`
	Title          string `json:"title"`
	Clause         string `json:"clause"`
	Relationship   string `json:"relationship"`
	Strength       int    `json:"strength"`
	Coverage       string `json:"coverage"`
	Responsibility string `json:"responsibility"`
	Rationale      string `json:"rationale"`
}

func cmdSatisfy(args []string, out io.Writer) error {
	fs := newFlags("satisfy")
	fw := fs.String("framework", "", "framework id or alias")
	clause := fs.String("clause", "", "clause id, e.g. CC6.1, A.5.15, PR.AA, Art.32(1)")
	services := fs.String("services", "", "comma-separated services in use (default: all)")
	format := fs.String("format", "json", "output format: json or md")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := checkFormat(*format, "json", "md"); err != nil {
		return err
	}
	c := mapping.Default()
	f, err := frameworkIn(c, *fw, "framework")
	if err != nil {
		return err
	}
	cl, ok := f.Clause(*clause)
	if !ok {
		return usagef("--clause: %q is not a clause of %s", *clause, f.ID())
	}
	scope, err := scopeFor(c, *services)
	if err != nil {
		return err
	}
	list := []matchJSON{}
	for m := range c.Satisfying(f.ID(), cl.ID, scope) {
		list = append(list, matchJSON{string(m.Control), m.Title, m.Clause, string(m.Relationship), m.Strength, string(m.Coverage), string(m.Responsibility), m.Rationale})
	}
	if *format == "json" {
		return writeJSON(out, list)
	}
	fmt.Fprintf(out, "# Controls satisfying %s %s %s\n\n%s\n\n", f.Name(), cl.ID, cl.Title, cl.Summary)
	var rows [][]string
	for _, m := range list {
		rows = append(rows, []string{m.Control, m.Title, m.Clause, m.Relationship, strconv.Itoa(m.Strength), m.Coverage, m.Responsibility, m.Rationale})
	}
	return writeMDTable(out, []string{"control", "title", "clause", "relationship", "strength", "coverage", "responsibility", "rationale"}, rows)
}

type pairJSON struct {
	From     string   `json:"from"`
	To       string   `json:"to"`
	Kind     string   `json:"kind"`
	Strength int      `json:"strength"`
	Via      []string `json:"via"`
	Controls int      `json:"controls"`
}

func cmdCrosswalk(args []string, out io.Writer) error {
	fs := newFlags("crosswalk")
	from := fs.String("from", "", "framework to start from")
	to := fs.String("to", "", "framework to reach")
	supportive := fs.Bool("supportive", false, "also list pairs linked only through supportive mappings")
	minStrength := fs.Int("min-strength", mapping.DefaultMinStrength, "least strength of both links of a path (1-10)")
	format := fs.String("format", "json", "output format: json or csv")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := checkFormat(*format, "json", "csv"); err != nil {
		return err
	}
	if *minStrength < 1 || *minStrength > 10 {
		return usagef("--min-strength must be from 1 to 10, not %d", *minStrength)
	}
	c := mapping.Default()
	ff, err := frameworkIn(c, *from, "from")
	if err != nil {
		return err
	}
	ft, err := frameworkIn(c, *to, "to")
	if err != nil {
		return err
	}
	if ff.ID() == ft.ID() {
		return usagef("--from and --to name the same framework")
	}
	list := []pairJSON{}
	for p := range c.Crosswalk(ff.ID(), ft.ID(), mapping.CrosswalkOptions{Supportive: *supportive, MinStrength: *minStrength}) {
		list = append(list, pairJSON{p.From, p.To, string(p.Kind), p.Strength, ids(p.Via), len(p.Via)})
	}
	if *format == "json" {
		return writeJSON(out, list)
	}
	var rows [][]string
	for _, p := range list {
		rows = append(rows, []string{p.From, p.To, p.Kind, strconv.Itoa(p.Strength), strings.Join(p.Via, "; "), strconv.Itoa(p.Controls)})
	}
	return writeCSV(out, []string{"from", "to", "kind", "strength", "via", "controls"}, rows)
}

type statusJSON struct {
	Clause         string   `json:"clause"`
	Title          string   `json:"title"`
	Status         string   `json:"status"`
	Responsibility string   `json:"responsibility,omitempty"`
	Controls       []string `json:"controls"`
	Supporting     []string `json:"supporting,omitempty"`
	Residual       string   `json:"residual,omitempty"`
	Reason         string   `json:"reason,omitempty"`
}

func ids(v []srm.ControlID) []string {
	out := make([]string, len(v))
	for i, id := range v {
		out[i] = string(id)
	}
	return out
}

func cmdCoverage(args []string, out io.Writer) error {
	fs := newFlags("coverage")
	fw := fs.String("framework", "", "framework id or alias")
	services := fs.String("services", "", "comma-separated services in use (default: the overlay's scope, else all)")
	var overlays overlayFlag
	fs.Var(&overlays, "overlay", "organisation overlay file (repeatable)")
	format := fs.String("format", "json", "output format: json or md")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := checkFormat(*format, "json", "md"); err != nil {
		return err
	}
	f, err := frameworkIn(mapping.Default(), *fw, "framework") // a usage error before any file is read
	if err != nil {
		return err
	}
	c, err := loadCatalog(overlays)
	if err != nil {
		return err
	}
	scope, err := scopeFor(c, *services)
	if err != nil {
		return err
	}
	list := []statusJSON{}
	counts := map[mapping.Status]int{}
	for st := range c.Coverage(f.ID(), scope) {
		counts[st.Status]++
		list = append(list, statusJSON{st.Clause, st.Title, string(st.Status), string(st.Responsibility), ids(st.Controls), ids(st.Supporting), st.Residual, st.Reason})
	}
	if *format == "json" {
		return writeJSON(out, list)
	}
	fmt.Fprintf(out, "# Coverage of %s %s\n\n", f.Name(), f.Version())
	if org := c.Organization(); org != "" {
		fmt.Fprintf(out, "Organisation: %s\n\n", org)
	}
	var sum [][]string
	for _, s := range []mapping.Status{mapping.StatusCovered, mapping.StatusPartial, mapping.StatusPlanned, mapping.StatusGap, mapping.StatusNotApplicable} {
		sum = append(sum, []string{string(s), strconv.Itoa(counts[s])})
	}
	if err := writeMDTable(out, []string{"status", "clauses"}, sum); err != nil {
		return err
	}
	fmt.Fprintln(out)
	var rows [][]string
	for _, s := range list {
		note := s.Residual
		if s.Reason != "" {
			note = s.Reason
		}
		rows = append(rows, []string{s.Clause, s.Title, s.Status, s.Responsibility, strings.Join(s.Controls, ", "), note})
	}
	return writeMDTable(out, []string{"clause", "title", "status", "responsibility", "controls", "residual or reason"}, rows)
}
