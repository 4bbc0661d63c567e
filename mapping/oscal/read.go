package oscal

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/srmkit/srmkit/frameworks"
	"github.com/srmkit/srmkit/mapping"
	"github.com/srmkit/srmkit/schema/diag"
	"github.com/srmkit/srmkit/srm"
)

// WriteJSON writes the document as indented JSON, as OSCAL tools exchange it.
func (d *Document) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(d)
}

// Collection is what an OSCAL mapping collection says in srmkit's terms.
type Collection struct {
	Framework    frameworks.ID
	Mappings     []mapping.Mapping      // in document order
	Completeness []mapping.Completeness // per clause, in the order clauses first appear
	// UnmappedControls and UnmappedClauses are the gap summaries: the controls mapped to no
	// clause and the clauses (official ids) no control maps to.
	UnmappedControls []srm.ControlID
	UnmappedClauses  []string
}

// ReadMappingCollection reads an OSCAL mapping collection that relates srmkit's controls to one
// framework's clauses, as [MappingCollectionFor] writes it, and returns its mappings and
// judgements: what a collection edited in another OSCAL tool now says. Every control and
// clause must exist in c, every map must relate one control to one leaf clause with a known
// relationship, a strength from 1 to 10 and a rationale. Problems are reported all at once,
// each as FILE:LINE:COL: /json/pointer: message, in a [diag.ErrorList].
func ReadMappingCollection(file string, data []byte, c *mapping.Catalog) (*Collection, error) {
	if c == nil {
		return nil, fmt.Errorf("%w: no catalog", ErrInvalid)
	}
	r := &reader{file: file, data: data}
	var doc Document
	if err := json.Unmarshal(data, &doc); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			// Offset counts the bytes read, the offending one included.
			line, col := lineCol(data, int(se.Offset)-1)
			return nil, diag.ErrorList{{File: file, Line: line, Column: col, Msg: "not JSON: " + se.Error(), Err: ErrInvalid}}
		case errors.As(err, &te):
			r.failValue(te)
		default:
			return nil, diag.ErrorList{{File: file, Msg: err.Error(), Err: ErrInvalid}}
		}
	}
	coll := r.collection(&doc, c)
	if len(r.errs) > 0 {
		r.errs.Sort()
		return nil, r.errs
	}
	return coll, nil
}

func typeName(kind string) string {
	switch kind {
	case "struct", "map", "ptr":
		return "an object"
	case "slice":
		return "an array"
	case "float64", "int":
		return "a number"
	}
	return "a " + kind
}

type reader struct {
	file string
	data []byte
	pos  map[string]int // JSON Pointer to the offset of its value, built on the first problem
	bad  string         // the value of the wrong type, whose decoded zero value is not checked again
	errs diag.ErrorList
}

func (r *reader) fail(ptr string, format string, args ...any) {
	if ptr == r.bad && ptr != "" {
		return
	}
	if r.pos == nil {
		r.pos = positions(r.data)
	}
	e := &diag.Error{File: r.file, Path: ptr, Msg: fmt.Sprintf(format, args...), Err: ErrInvalid}
	// The value, or the nearest enclosing one that exists (a missing field's object).
	for p := ptr; ; p = p[:strings.LastIndexByte(p, '/')] {
		if off, ok := r.pos[p]; ok {
			e.Line, e.Column = lineCol(r.data, off)
			break
		}
		if p == "" {
			break
		}
	}
	r.errs = append(r.errs, e)
}

// failValue reports a value of the wrong type. The decoder names the field by its path without
// array indexes and says how far it had read; the value is the last one on that path to start
// before that point.
func (r *reader) failValue(te *json.UnmarshalTypeError) {
	if r.pos == nil {
		r.pos = positions(r.data)
	}
	field := "/" + strings.ReplaceAll(te.Field, ".", "/")
	ptr, at := field, -1
	for p, off := range r.pos {
		if off < int(te.Offset) && off > at && withoutIndexes(p) == field {
			ptr, at = p, off
		}
	}
	r.fail(ptr, "a %s where OSCAL has %s", te.Value, typeName(te.Type.Kind().String()))
	r.bad = ptr
}

func withoutIndexes(ptr string) string {
	parts := strings.Split(ptr, "/")
	out := parts[:0]
	for _, p := range parts {
		if _, err := strconv.Atoi(p); err != nil {
			out = append(out, p)
		}
	}
	return strings.Join(out, "/")
}

func (r *reader) collection(doc *Document, c *mapping.Catalog) *Collection {
	mc := doc.MappingCollection
	if mc == nil {
		r.fail("", "not an OSCAL mapping collection: no mapping-collection")
		return nil
	}
	const at = "/mapping-collection"
	if len(mc.Mappings) != 1 {
		r.fail(at+"/mappings", "srmkit reads one mapping, from its controls to one framework, per collection; this one holds %d", len(mc.Mappings))
		return nil
	}
	mp := &mc.Mappings[0]
	base := at + "/mappings/0"
	f := r.framework(mc, mp, base, c)
	if f == nil {
		return nil
	}
	clauses, err := tokens(f)
	if err != nil {
		r.fail(base+"/target-resource", "%v", err)
		return nil
	}
	out := &Collection{Framework: f.ID()}
	seen := map[[2]string]int{}
	judged := map[string]int{} // clause to its index in out.Completeness
	for i := range mp.Maps {
		m := &mp.Maps[i]
		ptr := base + "/maps/" + strconv.Itoa(i)
		var x mapping.Mapping
		x.Framework = f.ID()
		x.Relationship = r.relationship(m, ptr)
		if len(m.Sources) != 1 || len(m.Targets) != 1 {
			r.fail(ptr, "a srmkit mapping relates one control to one clause; this map has %d sources and %d targets", len(m.Sources), len(m.Targets))
			continue
		}
		x.Control = r.control(&m.Sources[0], ptr+"/sources/0", c)
		x.Clause = r.clause(&m.Targets[0], ptr+"/targets/0", f, clauses)
		x.Strength = r.strength(m, ptr)
		x.Rationale = strings.TrimSpace(m.Remarks)
		if x.Rationale == "" {
			r.fail(ptr, "no rationale: a map's remarks must say why the control serves the clause")
		}
		if x.Control == "" || x.Clause == "" {
			continue
		}
		key := [2]string{string(x.Control), x.Clause}
		if prev, dup := seen[key]; dup {
			r.fail(ptr, "%s is mapped to %s again (first at map %d)", x.Control, x.Clause, prev)
			continue
		}
		seen[key] = i
		out.Mappings = append(out.Mappings, x)
		if j, ok := r.completeness(&m.Targets[0], ptr+"/targets/0", f.ID(), x.Clause); ok {
			if k, dup := judged[x.Clause]; !dup {
				judged[x.Clause] = len(out.Completeness)
				out.Completeness = append(out.Completeness, j)
			} else if out.Completeness[k] != j {
				r.fail(ptr+"/targets/0", "%s is judged %s here and %s on an earlier map", x.Clause, j.Coverage, out.Completeness[k].Coverage)
			}
		}
	}
	if g := mp.SourceGapSummary; g != nil {
		for si, s := range g.UnmappedControls {
			for wi, id := range s.WithIDs {
				if cur, ok := c.Model().Resolve(srm.ControlID(id)); ok {
					out.UnmappedControls = append(out.UnmappedControls, cur)
				} else {
					r.fail(fmt.Sprintf("%s/source-gap-summary/unmapped-controls/%d/with-ids/%d", base, si, wi), "unknown srmkit control %q", id)
				}
			}
		}
	}
	if g := mp.TargetGapSummary; g != nil {
		for si, s := range g.UnmappedControls {
			for wi, tok := range s.WithIDs {
				if id, ok := clauses[tok]; ok {
					out.UnmappedClauses = append(out.UnmappedClauses, id)
				} else {
					r.fail(fmt.Sprintf("%s/target-gap-summary/unmapped-controls/%d/with-ids/%d", base, si, wi), "%s has no clause %q", f.ID(), tok)
				}
			}
		}
	}
	return out
}

// framework finds the framework a mapping targets: named by srmkit's framework property on the
// target resource, or on the back-matter resource it points at.
func (r *reader) framework(mc *MappingCollection, mp *Mapping, base string, c *mapping.Catalog) *frameworks.Framework {
	name, ok := propValue(mp.TargetResource.Props, "framework")
	if !ok && mc.BackMatter != nil && strings.HasPrefix(mp.TargetResource.Href, "#") {
		for _, res := range mc.BackMatter.Resources {
			if "#"+res.UUID == mp.TargetResource.Href {
				name, ok = propValue(res.Props, "framework")
			}
		}
	}
	if !ok {
		r.fail(base+"/target-resource", "the target resource names no srmkit framework (a framework property in namespace %s)", NS)
		return nil
	}
	f, err := c.Framework(name)
	if err != nil {
		r.fail(base+"/target-resource", "%v", err)
		return nil
	}
	return f.Whole()
}

func propValue(ps []Property, name string) (string, bool) {
	for _, p := range ps {
		if p.Name == name && p.NS == NS {
			return p.Value, true
		}
	}
	return "", false
}

func (r *reader) relationship(m *Map, ptr string) mapping.Relationship {
	ns := m.NS
	if ns == oscalNS {
		ns = ""
	}
	for _, x := range relationships {
		if x.ns == ns && x.name == m.Relationship {
			return x.rel
		}
	}
	if ns == "" && m.Relationship == "equal-to" {
		return mapping.Equal
	}
	r.fail(ptr+"/relationship", "relationship %q (namespace %q) is not one srmkit knows: equal-to, equivalent-to, subset-of, superset-of, intersects-with, no-relationship, or supports in namespace %s",
		m.Relationship, m.NS, NS)
	return ""
}

func (r *reader) control(it *Item, ptr string, c *mapping.Catalog) srm.ControlID {
	if it.Type != "control" {
		r.fail(ptr+"/type", "a source must be a srmkit control, not a %q", it.Type)
		return ""
	}
	id, ok := c.Model().Resolve(srm.ControlID(it.IDRef))
	if !ok {
		r.fail(ptr+"/id-ref", "unknown srmkit control %q", it.IDRef)
		return ""
	}
	return id
}

func (r *reader) clause(it *Item, ptr string, f *frameworks.Framework, clauses map[string]string) string {
	if it.Type != "control" {
		r.fail(ptr+"/type", "a target must be a clause (type control), not a %q", it.Type)
		return ""
	}
	id, ok := clauses[it.IDRef]
	if !ok {
		r.fail(ptr+"/id-ref", "%s has no clause %q", f.ID(), it.IDRef)
		return ""
	}
	if !f.IsLeaf(id) {
		r.fail(ptr+"/id-ref", "%s %s has clauses beneath it; srmkit maps to leaf clauses", f.ID(), id)
		return ""
	}
	return id
}

// strength reads srmkit's strength property, or else derives it from the confidence score.
func (r *reader) strength(m *Map, ptr string) int {
	for i, p := range m.Props {
		if p.Name == "strength" && p.NS == NS {
			n, err := strconv.Atoi(p.Value)
			if err != nil || n < 1 || n > 10 {
				r.fail(fmt.Sprintf("%s/props/%d/value", ptr, i), "strength %q is not a whole number from 1 to 10", p.Value)
				return 0
			}
			return n
		}
	}
	if m.ConfidenceScore != nil && m.ConfidenceScore.Percentage != nil {
		p := *m.ConfidenceScore.Percentage
		n := int(math.Round(p * 10))
		if p < 0.1 || p > 1 || math.IsNaN(p) {
			r.fail(ptr+"/confidence-score/percentage", "confidence %v is outside 0.1 to 1 (strength 1 to 10)", p)
			return 0
		}
		return n
	}
	r.fail(ptr, "no strength: a map needs srmkit's strength property or a confidence-score percentage")
	return 0
}

func (r *reader) completeness(it *Item, ptr string, fw frameworks.ID, clause string) (mapping.Completeness, bool) {
	for i, p := range it.Props {
		if p.Name != "clause-coverage" || p.NS != NS {
			continue
		}
		j := mapping.Completeness{Framework: fw, Clause: clause, Coverage: mapping.Coverage(p.Value), Residual: strings.TrimSpace(it.Remarks)}
		switch j.Coverage {
		case mapping.Full:
		case mapping.Partial:
			if j.Residual == "" {
				r.fail(ptr+"/remarks", "%s is judged partial without a residual: say what no control addresses", clause)
			}
		default:
			r.fail(fmt.Sprintf("%s/props/%d/value", ptr, i), "clause coverage %q is neither full nor partial", p.Value)
			return j, false
		}
		return j, true
	}
	return mapping.Completeness{}, false
}

// positions maps the JSON Pointer of every value in data to its offset. Only called once data
// has been decoded, so it is valid JSON; it stops quietly at anything it does not expect.
func positions(data []byte) map[string]int {
	pos := map[string]int{}
	dec := json.NewDecoder(bytes.NewReader(data))
	var walk func(ptr string, depth int) bool
	walk = func(ptr string, depth int) bool {
		if depth > 256 {
			return false
		}
		pos[ptr] = skipSeparators(data, int(dec.InputOffset()))
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		switch tok {
		case json.Delim('{'):
			for dec.More() {
				k, err := dec.Token()
				key, ok := k.(string)
				if err != nil || !ok {
					return false
				}
				key = strings.ReplaceAll(strings.ReplaceAll(key, "~", "~0"), "/", "~1")
				if !walk(ptr+"/"+key, depth+1) {
					return false
				}
			}
			_, err = dec.Token()
		case json.Delim('['):
			for i := 0; dec.More(); i++ {
				if !walk(ptr+"/"+strconv.Itoa(i), depth+1) {
					return false
				}
			}
			_, err = dec.Token()
		}
		return err == nil
	}
	walk("", 0)
	return pos
}

func skipSeparators(data []byte, off int) int {
	for off < len(data) {
		switch data[off] {
		case ' ', '\t', '\r', '\n', ',', ':':
			off++
			continue
		}
		break
	}
	return off
}

// lineCol turns a byte offset into a 1-based line and a 1-based column counted in runes.
func lineCol(data []byte, off int) (line, col int) {
	off = min(max(off, 0), len(data))
	before := data[:off]
	line = bytes.Count(before, []byte("\n")) + 1
	start := bytes.LastIndexByte(before, '\n') + 1
	return line, len([]rune(string(before[start:]))) + 1
}
