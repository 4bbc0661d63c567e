package findings

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/srmkit/srmkit/mapping"
	"github.com/srmkit/srmkit/srm"
)

// Format is a kind of scanner output.
type Format string

// Formats the reader recognises by their content.
const (
	SecurityHub   Format = "securityhub-asff" // Security Hub findings (get-findings output, JSON Lines or an array of findings)
	ConfigDetails Format = "config-details"   // aws configservice get-compliance-details-by-config-rule
	ConfigSummary Format = "config-summary"   // aws configservice describe-compliance-by-config-rule
	ConfigRules   Format = "config-rules"     // aws configservice describe-config-rules
	ProwlerOCSF   Format = "prowler-ocsf"     // Prowler's JSON (OCSF detection findings)
	ProwlerCSV    Format = "prowler-csv"      // Prowler's CSV
)

// ErrNotFindings is the cause of the error for a file of another kind.
var ErrNotFindings = errors.New("not a findings file")

// File is what reading one file found.
type File = mapping.FindingsFile

// Set accumulates the findings of any number of files, of any of the formats, in any order.
// Its memory grows with the number of distinct checks and rule names (at most maxChecks), never
// with the number of findings.
type Set struct {
	checks  map[srm.Source]*mapping.Tally
	names   map[string]*mapping.Tally // Config rule names, resolved to identifiers at the end
	rules   map[string]string         // rule name → managed-rule identifier, from describe-config-rules; "" for a custom rule
	prowler map[string]int            // Prowler checks with no Security Hub control, and their findings
	files   []File
	over    int // findings beyond maxChecks distinct checks
}

// maxChecks bounds the distinct checks, rule names and Prowler checks a Set tallies.
const maxChecks = 20000

// Files returns what each file read so far held.
func (s *Set) Files() []File { return append([]File(nil), s.files...) }

// ReadFile reads one file; see [Set.Read].
func (s *Set) ReadFile(path string) (File, error) {
	f, err := os.Open(path)
	if err != nil {
		return File{Name: path}, err
	}
	defer f.Close()
	return s.Read(path, f)
}

// Read reads one file of findings, recognising its format by its content, gzip-compressed or
// not. A malformed file or one of another kind is an error naming the file (with a line and
// column when it is malformed) and adds nothing to the set.
func (s *Set) Read(name string, r io.Reader) (File, error) {
	br := bufio.NewReaderSize(r, 512)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return File{Name: name}, fmt.Errorf("%s: %w", name, err)
		}
		defer zr.Close()
		r = zr
	} else {
		r = br
	}
	rd := &reader{l: newLexer(r), part: &Set{}, file: File{Name: name}}
	if err := rd.read(); err != nil {
		var se *syntaxError
		if errors.As(err, &se) {
			return rd.file, fmt.Errorf("%s:%w", name, err)
		}
		return rd.file, fmt.Errorf("%s: %w", name, err)
	}
	s.merge(rd.part)
	s.files = append(s.files, rd.file)
	return rd.file, nil
}

func (s *Set) tally(src srm.Source) *mapping.Tally { return tallyIn(&s.checks, src) }

func (s *Set) nameTally(name string) *mapping.Tally { return tallyIn(&s.names, name) }

// tallyIn returns the tally of k in *m, adding one while *m holds fewer than maxChecks; nil
// when it is full.
func tallyIn[K comparable](m *map[K]*mapping.Tally, k K) *mapping.Tally {
	if *m == nil {
		*m = map[K]*mapping.Tally{}
	}
	t := (*m)[k]
	if t == nil {
		if len(*m) >= maxChecks {
			return nil
		}
		t = &mapping.Tally{}
		(*m)[k] = t
	}
	return t
}

func (s *Set) merge(p *Set) {
	for k, t := range p.checks {
		if u := s.tally(k); u != nil {
			u.Merge(*t)
		} else {
			s.over += t.Passed + t.Failed + t.Indeterminate
		}
	}
	for k, t := range p.names {
		if u := s.nameTally(k); u != nil {
			u.Merge(*t)
		} else {
			s.over += t.Passed + t.Failed + t.Indeterminate
		}
	}
	for k, v := range p.rules {
		if s.rules == nil {
			s.rules = map[string]string{}
		}
		if len(s.rules) < maxChecks {
			s.rules[k] = v
		}
	}
	for k, n := range p.prowler {
		if s.prowler == nil {
			s.prowler = map[string]int{}
		}
		if _, ok := s.prowler[k]; ok || len(s.prowler) < maxChecks {
			s.prowler[k] += n
		} else {
			s.over += n
		}
	}
	s.over += p.over
}

// Evaluations returns the tallies for [mapping.Catalog.Assess]: Config rule names resolved to
// managed-rule identifiers (through describe-config-rules output when one was read, otherwise
// by the rule's default name, also with a conformance pack's or Security Hub's suffix), and
// what could not be resolved as unresolved. Its warnings say which names were matched by name
// alone and which could not be matched at all.
func (s *Set) Evaluations() mapping.Evaluations {
	ev := mapping.Evaluations{Checks: make(map[srm.Source]mapping.Tally, len(s.checks)), Files: s.Files()}
	for k, t := range s.checks {
		ev.Checks[k] = *t
	}
	var byName, unmatched []string
	for _, name := range sortedKeys(s.names) {
		t := s.names[name]
		id, known := s.rules[name]
		switch {
		case known && id == "":
			ev.Unresolved = append(ev.Unresolved, mapping.Unmatched{Kind: srm.SourceConfigRule, ID: name, Findings: count(*t),
				Reason: "custom Config rule (describe-config-rules names no managed rule)"})
			continue
		case !known:
			id = ruleByName(name)
			if id == "" {
				unmatched = append(unmatched, name)
				ev.Unresolved = append(ev.Unresolved, mapping.Unmatched{Kind: srm.SourceConfigRule, ID: name, Findings: count(*t),
					Reason: "Config rule name matches no managed rule's default name"})
				continue
			}
			byName = append(byName, name+" → "+id)
		}
		k := srm.Source{Kind: srm.SourceConfigRule, Ref: id}
		u := ev.Checks[k]
		u.Merge(*t)
		ev.Checks[k] = u
	}
	for _, check := range sortedKeys(s.prowler) {
		ev.Unresolved = append(ev.Unresolved, mapping.Unmatched{ID: "prowler:" + check, Findings: s.prowler[check],
			Reason: "Prowler check that implements no Security Hub control"})
	}
	var warns []string
	if len(byName) > 0 {
		warns = append(warns, fmt.Sprintf("%d Config rule names matched to managed rules by name, without describe-config-rules output: %s",
			len(byName), strings.Join(byName, "; ")))
	}
	if len(unmatched) > 0 {
		warns = append(warns, fmt.Sprintf("%d Config rule names match no managed rule (give describe-config-rules output to resolve them): %s",
			len(unmatched), strings.Join(unmatched, ", ")))
	}
	if s.over > 0 {
		warns = append(warns, fmt.Sprintf("%d findings were not counted: more than %d distinct checks", s.over, maxChecks))
	}
	ev.Warnings = warns
	return ev
}

func count(t mapping.Tally) int { return t.Passed + t.Failed + t.Indeterminate }

// ruleByName finds the managed rule a deployed rule name comes from: the rule whose default
// name is the whole name, or the longest that is followed by "-" (conformance packs add
// "-conformance-pack-<id>", other deployments a random suffix). Security Hub's own rules start
// with "securityhub-".
func ruleByName(name string) string {
	name = strings.TrimPrefix(strings.ToLower(name), "securityhub-")
	best := ""
	for i := 1; i <= len(name); i++ {
		if i < len(name) && name[i] != '-' {
			continue
		}
		p := name[:i]
		if j, ok := slices.BinarySearchFunc(managedRules[:], p, func(r managedRule, name string) int { return strings.Compare(r.name, name) }); ok {
			best = managedRules[j].identifier
		}
	}
	return best
}

// prowlerChecks returns the Security Hub controls a Prowler check implements.
func prowlerChecks(check string) []prowlerControl {
	byCheck := func(p prowlerControl, check string) int { return strings.Compare(p.check, check) }
	lo, _ := slices.BinarySearchFunc(prowlerControls[:], check, byCheck)
	end := lo
	for end < len(prowlerControls) && prowlerControls[end].check == check {
		end++
	}
	return prowlerControls[lo:end]
}

// reader reads one file into part.
type reader struct {
	l    *lexer
	part *Set
	file File
}

func (rd *reader) format(f Format) {
	for _, g := range rd.file.Formats {
		if g == string(f) {
			return
		}
	}
	rd.file.Formats = append(rd.file.Formats, string(f))
}

func (rd *reader) read() error {
	l := rd.l
	// A byte order mark is allowed at the start.
	l.ensure(3)
	if bytes.HasPrefix(l.buf[l.pos:l.end], []byte("\xef\xbb\xbf")) {
		l.pos += 3
	}
	c, ok := l.peek()
	if !ok {
		if l.rerr != nil {
			return l.rerr
		}
		return fmt.Errorf("%w: the file is empty", ErrNotFindings)
	}
	if c != '{' && c != '[' {
		return rd.csv()
	}
	for {
		c, ok := l.peek()
		if !ok {
			return l.rerr
		}
		var err error
		switch c {
		case '{':
			err = rd.topObject()
		case '[':
			err = rd.topArray()
		default:
			err = l.errorf("found %s, want '{' or '[' to start the next JSON value", describe(c))
		}
		if err != nil {
			return err
		}
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
