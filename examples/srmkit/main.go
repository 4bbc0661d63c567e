// Command srmkit answers shared-responsibility and compliance questions from the command line:
// which frameworks and clauses exist, which services of AWS, Azure and Google Cloud and which
// controls srmkit knows, which
// controls satisfy a clause, how frameworks line up, what is covered for the services in use,
// the evidence checklist to hand to engineers before an audit, and the ISO/IEC 27001 Statement
// of Applicability.
//
// Usage:
//
//	srmkit frameworks [--format json|csv|md]
//	srmkit clauses    --framework F [--format json|csv|md]
//	srmkit services   [--format json|csv|md]
//	srmkit controls   [--format json|csv|md]
//	srmkit satisfy    --framework F --clause C [--services S,..] [--format json|csv|md]
//	srmkit crosswalk  --from F --to G [--supportive] [--min-strength N] [--format json|csv|md]
//	srmkit coverage   --framework F [--services S,..] [--overlay FILE] [--format json|csv|md]
//	srmkit checklist  --framework F[,G..] [--services S,..] [--overlay FILE] [--format md|csv|json]
//	srmkit assess     --framework F[,G..] [--services S,..] [--overlay FILE] --findings FILE [--findings FILE..]
//	                  [--format md|csv|json] [--fail-on-findings]
//	srmkit soa        [--services S,..] [--overlay FILE] [--format md|csv|json]
//	srmkit oscal      catalog --framework F | --controls [--overlay FILE] [--last-modified TIME]
//	srmkit oscal      component-definition [--services S,..] [--framework F[,G..]] [--overlay FILE] [--last-modified TIME]
//	srmkit oscal      mapping-collection --framework F [--overlay FILE] [--last-modified TIME]
//	srmkit validate   FILE..
//	srmkit export     [--overlay FILE..] [--dir DIR]
//	srmkit version
//
// A framework may be narrowed to profiles, framework:profile[+profile..]: the SOC 2 categories
// (soc2:security+availability; security is always in) or the GDPR roles (gdpr:processor).
// Services are named provider/service (aws/ec2, azure/app-service, gcp/cloud-run), and AWS's
// ids may be written without the prefix; a --services list may mix providers.
// Every command takes -h. JSON output is {"data": "<data digest>", "rows": [...]}.
// Exit status: 0 success, 1 invalid input data (FILE:LINE:COL: message on stderr), 2 usage,
// 3 when assess --fail-on-findings finds a failing clause (the report is still written).
//
// oscal writes one OSCAL 1.2.2 JSON document: a framework or srmkit's controls as a catalog,
// the services in scope as a component definition, or srmkit's mappings to a framework as a
// control mapping collection.
//
// It is an example of the library: flag parsing, then calls to srm, frameworks, mapping,
// mapping/load, mapping/findings and mapping/oscal.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/srmkit/srmkit/frameworks"
	"github.com/srmkit/srmkit/mapping"
	"github.com/srmkit/srmkit/mapping/findings"
	"github.com/srmkit/srmkit/mapping/load"
	"github.com/srmkit/srmkit/mapping/oscal"
	"github.com/srmkit/srmkit/srm"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

type command struct {
	name, synopsis, example string
	run                     func(c *cli) error
}

var commands = []command{
	{"frameworks", "[--format json|csv|md]", "srmkit frameworks --format md", cmdFrameworks},
	{"clauses", "--framework F [--format json|csv|md]", "srmkit clauses --framework iso27001 --format csv", cmdClauses},
	{"services", "[--format json|csv|md]", "srmkit services --format md", cmdServices},
	{"controls", "[--format json|csv|md]", "srmkit controls --format md", cmdControls},
	{"satisfy", "--framework F --clause C [--services S,..] [--format json|csv|md]", "srmkit satisfy --framework soc2 --clause CC6.1 --services lambda,s3", cmdSatisfy},
	{"crosswalk", "--from F --to G [--supportive] [--min-strength N] [--format json|csv|md]", "srmkit crosswalk --from csf --to iso27001 --format csv", cmdCrosswalk},
	{"coverage", "--framework F [--services S,..] [--overlay FILE] [--format json|csv|md]", "srmkit coverage --framework soc2 --services lambda,s3,dynamodb --format md", cmdCoverage},
	{"checklist", "--framework F[,G..] [--services S,..] [--overlay FILE] [--format md|csv|json]", "srmkit checklist --framework soc2,iso27001 --services lambda,s3,azure/functions,gcp/cloud-run", cmdChecklist},
	{"assess", "--framework F[,G..] [--services S,..] [--overlay FILE] --findings FILE [--findings FILE..] [--format md|csv|json] [--fail-on-findings]",
		"srmkit assess --framework soc2 --services lambda,s3 --findings findings.json.gz --findings config-details.json --format md", cmdAssess},
	{"soa", "[--services S,..] [--overlay FILE] [--format md|csv|json]", "srmkit soa --overlay org.yaml --format csv", cmdSoA},
	{"oscal", "catalog|component-definition|mapping-collection [flags]", "srmkit oscal component-definition --services lambda,s3 --framework soc2", cmdOSCAL},
	{"validate", "FILE..", "srmkit validate overlay.yaml", cmdValidate},
	{"export", "[--overlay FILE..] [--dir DIR]", "srmkit export --overlay overlay.yaml --dir out", cmdExport},
	{"version", "", "srmkit version", cmdVersion},
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		printUsage(stderr)
		return 2
	}
	switch args[0] {
	case "help", "-h", "--help", "-help":
		printUsage(stdout)
		return 0
	case "--version", "-version":
		args = append([]string{"version"}, args[1:]...)
	}
	i := slices.IndexFunc(commands, func(c command) bool { return c.name == args[0] })
	if i < 0 {
		fmt.Fprintf(stderr, "srmkit: unknown command %q\n", args[0])
		printUsage(stderr)
		return 2
	}
	cmd := &commands[i]
	c := &cli{cmd: cmd, out: stdout, fs: flag.NewFlagSet(cmd.name, flag.ContinueOnError), args: args[1:]}
	c.fs.SetOutput(io.Discard)
	err := cmd.run(c)
	var ue *usageError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		c.help(stdout)
		return 0
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "srmkit %s: %s\nusage: srmkit %s %s\n", cmd.name, ue.msg, cmd.name, cmd.synopsis)
		return 2
	case errors.Is(err, errFailing):
		fmt.Fprintln(stderr, "srmkit assess: some clauses fail")
		return 3
	}
	fmt.Fprintln(stderr, err)
	return 1
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "usage: srmkit COMMAND [flags]   (srmkit COMMAND -h for a command's flags)")
	for _, c := range commands {
		fmt.Fprintf(w, "  srmkit %-10s %s\n", c.name, c.synopsis)
	}
}

// usageError marks a mistake in the command line (exit 2) as opposed to bad data (exit 1).
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

// cli is one command's flags and output.
type cli struct {
	cmd      *command
	fs       *flag.FlagSet
	args     []string
	out      io.Writer
	formatOf func() (mapping.Format, error) // set by format
	required []string                       // flags that must be given, in order
}

func (c *cli) help(w io.Writer) {
	fmt.Fprintf(w, "usage: srmkit %s %s\n\nflags:\n", c.cmd.name, c.cmd.synopsis)
	c.fs.SetOutput(w)
	c.fs.PrintDefaults()
	fmt.Fprintf(w, "\nexample:\n  %s\n", c.cmd.example)
}

// parse parses the flags; positional arguments are refused unless the command takes them.
func (c *cli) parse(positional bool) error {
	if err := c.fs.Parse(c.args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usagef("%v", err)
	}
	if !positional && c.fs.NArg() > 0 {
		return usagef("unexpected argument %q (lists are comma-separated: --services lambda,s3)", c.fs.Arg(0))
	}
	return nil
}

// value is a string flag that must not be set to an empty string.
type value struct{ v *string }

func (v value) String() string {
	if v.v == nil {
		return ""
	}
	return *v.v
}

func (v value) Set(s string) error {
	if strings.TrimSpace(s) == "" {
		return fmt.Errorf("empty value")
	}
	*v.v = s
	return nil
}

func (c *cli) str(name, def, usage string) *string {
	p := new(string)
	*p = def
	c.fs.Var(value{p}, name, usage)
	return p
}

// list is a comma-separated flag; an empty value or an empty item is refused.
func (c *cli) list(name, usage string) *[]string {
	p := new([]string)
	c.fs.Func(name, usage, func(s string) error {
		for _, item := range strings.Split(s, ",") {
			item = strings.TrimSpace(item)
			if item == "" {
				return fmt.Errorf("empty item in %q", s)
			}
			*p = append(*p, item)
		}
		return nil
	})
	return p
}

// need is a string flag the command cannot run without.
func (c *cli) need(name, usage string) *string {
	c.required = append(c.required, name)
	return c.str(name, "", usage)
}

// format adds the --format flag; parseFormat checks it.
func (c *cli) format(def string, allowed ...mapping.Format) {
	names := make([]string, len(allowed))
	for i, a := range allowed {
		names[i] = string(a)
	}
	f := c.str("format", def, "output format: "+strings.Join(names, ", "))
	c.formatOf = func() (mapping.Format, error) {
		if !slices.Contains(allowed, mapping.Format(*f)) {
			return "", usagef("unknown format %q (want %s)", *f, strings.Join(names, ", "))
		}
		return mapping.Format(*f), nil
	}
}

// parseFormat parses the flags of a command that writes a report: no positional argument, a
// known format, and every required flag given (the missing ones named together).
func (c *cli) parseFormat() (mapping.Format, error) {
	if err := c.parse(false); err != nil {
		return "", err
	}
	f, err := c.formatOf()
	if err != nil {
		return "", err
	}
	var missing []string
	for _, name := range c.required {
		if c.fs.Lookup(name).Value.String() == "" {
			missing = append(missing, "--"+name+" is required")
		}
	}
	if len(missing) > 0 {
		return "", usagef("%s", strings.Join(missing, "; "))
	}
	return f, nil
}

var allFormats = []mapping.Format{mapping.JSON, mapping.CSV, mapping.Markdown}

// usage turns a library error about what the user named — a framework, clause, control or
// service, or a value out of range — into a usage error; others stay data errors.
func usage(flagName string, err error) error {
	for _, target := range []error{mapping.ErrUnknownFramework, mapping.ErrUnknownClause, mapping.ErrUnknownControl,
		srm.ErrUnknownService, mapping.ErrInvalid, mapping.ErrOutsideProfile, frameworks.ErrUnknownProfile, frameworks.ErrNoProfiles} {
		if errors.Is(err, target) {
			return usagef("--%s: %v", flagName, err)
		}
	}
	return err
}

// catalog returns the built-in catalog with the overlay files merged onto it.
func catalog(paths []string) (*mapping.Catalog, error) {
	var ovs []*mapping.Overlay
	var errs []error
	for _, p := range paths {
		o, err := load.ReadOverlay(p)
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

func cmdFrameworks(c *cli) error {
	return formatOnly(c, func() *mapping.Report { return mapping.FrameworksReport(slices.Collect(frameworks.All())) })
}

// formatOnly runs a command whose only flag is --format.
func formatOnly(c *cli, report func() *mapping.Report) error {
	c.format("json", allFormats...)
	f, err := c.parseFormat()
	if err != nil {
		return err
	}
	return report().Write(c.out, f)
}

func cmdClauses(c *cli) error {
	fw := c.need("framework", "framework id or alias: soc2, iso27001, csf, gdpr")
	c.format("json", allFormats...)
	f, err := c.parseFormat()
	if err != nil {
		return err
	}
	sels, err := parseSelections("framework", *fw)
	if err != nil {
		return err
	}
	_, fws, err := narrow(mapping.Default(), sels)
	if err != nil {
		return usage("framework", err)
	}
	return mapping.ClausesReport(fws[0]).Write(c.out, f)
}

func cmdServices(c *cli) error {
	return formatOnly(c, func() *mapping.Report { return mapping.ServicesReport(srm.Default()) })
}

func cmdControls(c *cli) error {
	return formatOnly(c, func() *mapping.Report { return mapping.ControlsReport(srm.Default()) })
}

func cmdSatisfy(c *cli) error {
	fw := c.need("framework", "framework id or alias: soc2, iso27001, csf, gdpr")
	clause := c.need("clause", "clause id, e.g. CC6.1, A.5.15, PR.AA, Art.32(1)")
	services := c.list("services", "comma-separated services in use (default: all)")
	c.format("json", allFormats...)
	f, err := c.parseFormat()
	if err != nil {
		return err
	}
	sels, err := parseSelections("framework", *fw)
	if err != nil {
		return err
	}
	cat, fws, err := narrow(mapping.Default(), sels)
	if err != nil {
		return usage("framework", err)
	}
	framework := fws[0]
	scope, err := cat.Scope(*services...)
	if err != nil {
		return usage("services", err)
	}
	matches, err := cat.Satisfying(framework.ID(), *clause, scope)
	if err != nil {
		return usage("clause", err)
	}
	cl, _ := framework.Clause(*clause)
	return mapping.SatisfyReport(framework, cl, scope, slices.Collect(matches.All())).Write(c.out, f)
}

func cmdCrosswalk(c *cli) error {
	from := c.need("from", "framework to start from")
	to := c.need("to", "framework to reach")
	supportive := c.fs.Bool("supportive", false, "also list pairs linked only through supportive mappings")
	minStrength := c.fs.Int("min-strength", mapping.DefaultMinStrength, "least strength of both links of a path (1-10)")
	c.format("json", allFormats...)
	f, err := c.parseFormat()
	if err != nil {
		return err
	}
	fromSel, err := parseSelections("from", *from)
	if err != nil {
		return err
	}
	toSel, err := parseSelections("to", *to)
	if err != nil {
		return err
	}
	if fromSel[0].Framework == toSel[0].Framework {
		return usagef("--from and --to: a crosswalk needs two different frameworks, not %s twice", fromSel[0].Framework)
	}
	cat, fws, err := narrow(mapping.Default(), append(fromSel, toSel...))
	if err != nil {
		return usage("from", err)
	}
	ff, ft := fws[0], fws[1]
	opt := mapping.CrosswalkOptions{Supportive: *supportive, MinStrength: *minStrength}
	if *minStrength == 0 {
		return usagef("--min-strength must be from 1 to 10, not 0")
	}
	pairs, err := cat.Crosswalk(ff.ID(), ft.ID(), opt)
	if err != nil {
		return usage("from", err)
	}
	return mapping.CrosswalkReport(ff, ft, opt, slices.Collect(pairs)).Write(c.out, f)
}

func cmdCoverage(c *cli) error {
	fw := c.need("framework", "framework id or alias: soc2, iso27001, csf, gdpr")
	in := c.inScope()
	c.format("json", allFormats...)
	f, err := c.parseFormat()
	if err != nil {
		return err
	}
	sels, err := parseSelections("framework", *fw) // a usage error before any file is read
	if err != nil {
		return err
	}
	cat, scope, fws, err := in.catalog(sels)
	if err != nil {
		return err
	}
	framework := fws[0]
	statuses, err := cat.Coverage(framework.ID(), scope)
	if err != nil {
		return err
	}
	return mapping.CoverageReport(framework, cat.Organization(), scope, slices.Collect(statuses)).Write(c.out, f)
}

func cmdChecklist(c *cli) error {
	fw := c.list("framework", "comma-separated framework ids or aliases")
	in := c.inScope()
	c.format("md", mapping.Markdown, mapping.CSV, mapping.JSON)
	f, err := c.parseFormat()
	if err != nil {
		return err
	}
	sels, err := parseSelections("framework", *fw...)
	if err != nil {
		return err
	}
	cat, scope, fws, err := in.catalog(sels)
	if err != nil {
		return err
	}
	items, err := cat.Checklist(ids(fws), scope)
	if err != nil {
		return err
	}
	return mapping.ChecklistReport(fws, cat.Organization(), scope, items).Write(c.out, f)
}

func cmdSoA(c *cli) error {
	in := c.inScope()
	c.format("md", mapping.Markdown, mapping.CSV, mapping.JSON)
	f, err := c.parseFormat()
	if err != nil {
		return err
	}
	cat, scope, _, err := in.catalog(nil)
	if err != nil {
		return err
	}
	rows, err := cat.StatementOfApplicability(scope)
	if err != nil {
		return err
	}
	return mapping.ApplicabilityReport(cat.Organization(), scope, rows).Write(c.out, f)
}

// errFailing is assess's verdict under --fail-on-findings: exit 3.
var errFailing = errors.New("failing clauses")

func cmdAssess(c *cli) error {
	fw := c.list("framework", "comma-separated framework ids or aliases")
	in := c.inScope()
	var files []string
	c.fs.Func("findings", "a file of Security Hub, AWS Config or Prowler output, gzip-compressed or not (repeatable, required)", func(s string) error {
		if s == "" {
			return errors.New("empty file name")
		}
		files = append(files, s)
		return nil
	})
	failOn := c.fs.Bool("fail-on-findings", false, "exit 3 when any clause fails (for CI gates)")
	c.format("md", mapping.Markdown, mapping.CSV, mapping.JSON)
	f, err := c.parseFormat()
	if err != nil {
		return err
	}
	sels, err := parseSelections("framework", *fw...)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return usagef("--findings is required")
	}
	cat, scope, fws, err := in.catalog(sels)
	if err != nil {
		return err
	}
	var set findings.Set
	var errs []error
	for _, name := range files {
		if _, err := set.ReadFile(name); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	a, err := cat.Assess(ids(fws), scope, set.Evaluations())
	if err != nil {
		return err
	}
	if err := mapping.AssessmentReport(fws, cat.Organization(), scope, a).Write(c.out, f); err != nil {
		return err
	}
	if *failOn && a.Failing() {
		return errFailing
	}
	return nil
}

// parseSelections reads the frameworks a flag names, each whole or narrowed to profiles
// (soc2:security+availability); at least one is required, none twice.
func parseSelections(flagName string, names ...string) ([]frameworks.Selection, error) {
	if len(names) == 0 {
		return nil, usagef("--%s is required", flagName)
	}
	var sels []frameworks.Selection
	for _, n := range names {
		// The catalog names the closest framework to a mistyped one.
		name, _, _ := strings.Cut(n, ":")
		if _, err := mapping.Default().Framework(name); err != nil {
			return nil, usage(flagName, err)
		}
		s, err := frameworks.ParseSelection(n)
		if err != nil {
			return nil, usagef("--%s: %v", flagName, err)
		}
		for _, prev := range sels {
			if prev.Framework == s.Framework {
				return nil, usagef("--%s names %s twice", flagName, s.Framework)
			}
		}
		sels = append(sels, s)
	}
	return sels, nil
}

// narrow narrows the catalog to the selections that name profiles — a framework named without
// profiles keeps the narrowing an overlay gave it — and returns the selected frameworks as the
// narrowed catalog holds them.
func narrow(cat *mapping.Catalog, sels []frameworks.Selection) (*mapping.Catalog, []*frameworks.Framework, error) {
	var profiled []frameworks.Selection
	for _, s := range sels {
		if len(s.Profiles) > 0 {
			profiled = append(profiled, s)
		}
	}
	cat, err := cat.Narrow(profiled...)
	if err != nil {
		return nil, nil, err
	}
	fws := make([]*frameworks.Framework, len(sels))
	for i, s := range sels {
		if fws[i], err = cat.Framework(string(s.Framework)); err != nil {
			return nil, nil, err
		}
	}
	return cat, fws, nil
}

func ids(fws []*frameworks.Framework) []frameworks.ID {
	out := make([]frameworks.ID, len(fws))
	for i, f := range fws {
		out[i] = f.ID()
	}
	return out
}

// inScope holds --services and --overlay, which the commands that answer for a scope share.
type inScope struct {
	services *[]string
	overlays []string
}

func (c *cli) inScope() *inScope {
	in := &inScope{services: c.list("services", "comma-separated services in use (default: the overlay's scope, else all)")}
	c.fs.Func("overlay", "organisation overlay file (repeatable)", func(s string) error { in.overlays = append(in.overlays, s); return nil })
	return in
}

// catalog loads the overlays, narrows the catalog to the selections and builds the scope of
// --services.
func (in *inScope) catalog(sels []frameworks.Selection) (*mapping.Catalog, srm.Scope, []*frameworks.Framework, error) {
	cat, err := catalog(in.overlays)
	if err != nil {
		return nil, srm.Scope{}, nil, err
	}
	cat, fws, err := narrow(cat, sels)
	if err != nil {
		return nil, srm.Scope{}, nil, usage("framework", err)
	}
	scope, err := cat.Scope(*in.services...)
	if err != nil {
		return nil, srm.Scope{}, nil, usage("services", err)
	}
	return cat, scope, fws, nil
}

var oscalModels = []string{"catalog", "component-definition", "mapping-collection"}

// cmdOSCAL writes one OSCAL document; the model comes first, its flags after it.
func cmdOSCAL(c *cli) error {
	if len(c.args) == 0 || strings.HasPrefix(c.args[0], "-") {
		if len(c.args) > 0 && slices.Contains([]string{"-h", "-help", "--help", "--h"}, c.args[0]) {
			return flag.ErrHelp
		}
		return usagef("name the OSCAL model first: %s", strings.Join(oscalModels, ", "))
	}
	model := c.args[0]
	c.args = c.args[1:]
	lastModified := c.str("last-modified", "", "the document's last-modified time, RFC 3339 or now (default: when the built-in data last changed, so exports are reproducible)")
	options := func() (oscal.Options, error) {
		switch *lastModified {
		case "":
			return oscal.Options{}, nil
		case "now":
			return oscal.Options{LastModified: time.Now()}, nil
		}
		t, err := time.Parse(time.RFC3339, *lastModified)
		if err != nil {
			return oscal.Options{}, usagef("--last-modified: %q is neither an RFC 3339 time (2026-12-07T09:00:00Z) nor now", *lastModified)
		}
		return oscal.Options{LastModified: t}, nil
	}
	var doc *oscal.Document
	switch model {
	case "catalog":
		var overlays []string
		c.fs.Func("overlay", "organisation overlay file (repeatable)", func(s string) error { overlays = append(overlays, s); return nil })
		fw := c.str("framework", "", "the framework to write as a catalog, F or F:profile[+profile..]")
		controls := c.fs.Bool("controls", false, "write srmkit's own control catalog instead of a framework")
		if err := c.parse(false); err != nil {
			return err
		}
		if (*fw == "") == !*controls {
			return usagef("give either --framework F or --controls")
		}
		opt, err := options()
		if err != nil {
			return err
		}
		cat, err := catalog(overlays)
		if err != nil {
			return err
		}
		if *controls {
			doc, err = oscal.ControlCatalog(cat, opt)
		} else {
			var sels []frameworks.Selection
			if sels, err = parseSelections("framework", *fw); err != nil {
				return err
			}
			var fws []*frameworks.Framework
			if _, fws, err = narrow(cat, sels); err != nil {
				return usage("framework", err)
			}
			doc, err = oscal.FrameworkCatalog(fws[0], opt)
		}
		if err != nil {
			return err
		}
	case "component-definition":
		fw := c.list("framework", "comma-separated frameworks, F or F:profile[+profile..] (default: all)")
		in := c.inScope()
		if err := c.parse(false); err != nil {
			return err
		}
		opt, err := options()
		if err != nil {
			return err
		}
		var sels []frameworks.Selection
		if len(*fw) > 0 {
			if sels, err = parseSelections("framework", *fw...); err != nil {
				return err
			}
		}
		cat, scope, fws, err := in.catalog(sels)
		if err != nil {
			return err
		}
		if doc, err = oscal.ComponentDefinitionFor(cat, scope, ids(fws), opt); err != nil {
			return err
		}
	case "mapping-collection":
		var overlays []string
		c.fs.Func("overlay", "organisation overlay file (repeatable)", func(s string) error { overlays = append(overlays, s); return nil })
		fw := c.str("framework", "", "the framework srmkit's controls are mapped to, F or F:profile[+profile..]")
		if err := c.parse(false); err != nil {
			return err
		}
		if *fw == "" {
			return usagef("--framework is required")
		}
		opt, err := options()
		if err != nil {
			return err
		}
		sels, err := parseSelections("framework", *fw)
		if err != nil {
			return err
		}
		cat, err := catalog(overlays)
		if err != nil {
			return err
		}
		cat, fws, err := narrow(cat, sels)
		if err != nil {
			return usage("framework", err)
		}
		if doc, err = oscal.MappingCollectionFor(cat, fws[0].ID(), opt); err != nil {
			return err
		}
	default:
		return usagef("unknown OSCAL model %q (want %s)", model, strings.Join(oscalModels, ", "))
	}
	return doc.WriteJSON(c.out)
}

func cmdValidate(c *cli) error {
	if err := c.parse(true); err != nil {
		return err
	}
	if c.fs.NArg() == 0 {
		return usagef("name at least one file")
	}
	var files []load.File
	var errs []error
	for _, path := range c.fs.Args() {
		data, err := os.ReadFile(path)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		files = append(files, load.File{Name: path, Data: data})
	}
	for _, r := range load.Validate(files...) {
		if r.Err != nil {
			errs = append(errs, r.Err)
			continue
		}
		fmt.Fprintf(c.out, "%s: ok (%s)\n", r.File, r.Kind)
	}
	return errors.Join(errs...)
}

func cmdExport(c *cli) error {
	var overlays []string
	c.fs.Func("overlay", "organisation overlay file (repeatable)", func(s string) error { overlays = append(overlays, s); return nil })
	dir := c.str("dir", "", "write one file per document into this folder instead of a stream on standard output")
	if err := c.parse(true); err != nil {
		return err
	}
	cat, err := catalog(append(overlays, c.fs.Args()...))
	if err != nil {
		return err
	}
	files, err := load.Export(cat)
	if err != nil {
		return err
	}
	for i, f := range files {
		if *dir != "" {
			if err := os.MkdirAll(*dir, 0o755); err != nil {
				return err
			}
			if err := os.WriteFile(filepath.Join(*dir, f.Name), f.Data, 0o644); err != nil {
				return err
			}
			fmt.Fprintln(c.out, filepath.Join(*dir, f.Name))
			continue
		}
		if i > 0 {
			fmt.Fprintln(c.out, "---")
		}
		fmt.Fprintf(c.out, "# %s\n%s", f.Name, f.Data)
	}
	return nil
}

func cmdVersion(c *cli) error {
	if err := c.parse(false); err != nil {
		return err
	}
	v := "(devel)"
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		v = bi.Main.Version
	}
	_, err := fmt.Fprintf(c.out, "srmkit %s, data %s\n", v, mapping.Digest())
	return err
}
