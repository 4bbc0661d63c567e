// Command srmkit answers shared-responsibility and compliance questions from the command line:
// which frameworks and clauses exist, which AWS services and controls srmkit knows, which
// controls satisfy a clause, how frameworks line up, what is covered for the services in use,
// and the evidence checklist to hand to engineers before an audit.
//
// Usage:
//
//	srmkit frameworks [--format json|md]
//	srmkit clauses    --framework F [--format json|csv|md]
//	srmkit services   [--format json|md]
//	srmkit controls   [--format json|md]
//	srmkit satisfy    --framework F --clause C [--services S,..] [--format json|md]
//	srmkit crosswalk  --from F --to G [--format json|csv]
//	srmkit coverage   --framework F [--services S,..] [--overlay FILE] [--format json|md]
//	srmkit checklist  --framework F[,G..] [--services S,..] [--overlay FILE] [--format md|csv|json]
//	srmkit validate   FILE..
//	srmkit export     [--overlay FILE..]
//
// Exit status: 0 success, 1 invalid input data (FILE:LINE:COL: message on stderr), 2 usage.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// usageError marks a mistake in the command line (exit 2) as opposed to bad data (exit 1).
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

type command struct {
	synopsis string
	run      func(args []string, out io.Writer) error
}

var commands map[string]command

func init() {
	// Assigned here rather than in the declaration because the help command reads the table.
	commands = map[string]command{
		"frameworks": {"[--format json|md]", cmdFrameworks},
		"clauses":    {"--framework F [--format json|csv|md]", cmdClauses},
		"validate":   {"FILE..", cmdValidate},
		"export":     {"[--overlay FILE..] [--dir DIR]", cmdExport},
		"services":   {"[--format json|md]", cmdServices},
		"controls":   {"[--format json|md]", cmdControls},
		"satisfy":    {"--framework F --clause C [--services S,..] [--format json|md]", cmdSatisfy},
		"crosswalk":  {"--from F --to G [--format json|csv]", cmdCrosswalk},
		"checklist":  {"--framework F[,G..] [--services S,..] [--overlay FILE] [--format md|csv|json]", cmdChecklist},
		"coverage":   {"--framework F [--services S,..] [--overlay FILE] [--format json|md]", cmdCoverage},
	}
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		printUsage(stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "srmkit: unknown command %q\n", args[0])
		printUsage(stderr)
		return 2
	}
	err := cmd.run(args[1:], stdout)
	if err == nil {
		return 0
	}
	var ue *usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(stderr, "srmkit %s: %s\nusage: srmkit %s %s\n", args[0], ue.msg, args[0], cmd.synopsis)
		return 2
	}
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	fmt.Fprintln(stderr, err)
	return 1
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "usage: srmkit COMMAND [flags]")
	var names []string
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  srmkit %-10s %s\n", n, commands[n].synopsis)
	}
}

// flags is a flag set that reports problems as usage errors instead of exiting.
func newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usagef("%v", err)
	}
	return nil
}

func checkFormat(format string, allowed ...string) error {
	for _, a := range allowed {
		if format == a {
			return nil
		}
	}
	return usagef("unknown format %q (want %s)", format, strings.Join(allowed, ", "))
}

// formatOnly parses the flags of a command whose only option is --format json|md.
func formatOnly(name string, args []string) (string, error) {
	fs := newFlags(name)
	format := fs.String("format", "json", "output format: json or md")
	if err := parseFlags(fs, args); err != nil {
		return "", err
	}
	if err := checkFormat(*format, "json", "md"); err != nil {
		return "", err
	}
	if fs.NArg() > 0 {
		return "", usagef("unexpected argument %q", fs.Arg(0))
	}
	return *format, nil
}
