package schema

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// Kind is a document kind and version, the value of a document's srmkit header.
type Kind string

// The document kinds srmkit knows.
const (
	KindFramework Kind = "framework/v1"
	KindServices  Kind = "services/v1"
	KindControls  Kind = "controls/v1"
	KindMappings  Kind = "mappings/v1"
	KindOverlay   Kind = "overlay/v1"
)

// Kinds lists every document kind, in a fixed order.
func Kinds() []Kind {
	return []Kind{KindFramework, KindServices, KindControls, KindMappings, KindOverlay}
}

// DefaultMaxBytes is the size limit applied when [Options.MaxBytes] is zero.
const DefaultMaxBytes = 8 << 20

// maxDepth bounds nesting: srmkit documents nest a handful of levels, so anything deeper is
// a mistake or an attack, and refusing it early keeps the converter's stack small.
const maxDepth = 64

// Options tune [ParseWith] and [ReadFile].
type Options struct {
	// MaxBytes is the largest file accepted; 0 means DefaultMaxBytes.
	MaxBytes int64
	// Kind, when set, is the only document kind accepted.
	Kind Kind
}

func (o Options) maxBytes() int64 {
	if o.MaxBytes > 0 {
		return o.MaxBytes
	}
	return DefaultMaxBytes
}

// Document is a validated srmkit document: its kind, its JSON-style value and the YAML
// node tree it came from, kept to report positions.
type Document struct {
	File  string
	Kind  Kind
	Value map[string]any // strings, json.Number, bool, nil, []any and map[string]any
	root  *yaml.Node
}

// ReadFile reads and parses the file at path, checking its size before reading it.
func ReadFile(path string, opts Options) (*Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, ErrorList{{File: path, Msg: err.Error(), Err: ErrIO}}
	}
	defer f.Close()
	max := opts.maxBytes()
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() && st.Size() > max {
		return nil, ErrorList{tooLarge(path, st.Size(), max)}
	}
	// Read one byte past the limit so that files that grow, pipes and devices are capped too.
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, ErrorList{{File: path, Msg: err.Error(), Err: ErrIO}}
	}
	return ParseWith(path, data, opts)
}

func tooLarge(file string, size, max int64) *Error {
	return &Error{File: file, Msg: fmt.Sprintf("file is %d bytes or more, over the limit of %d bytes", size, max), Err: ErrTooLarge}
}

// Parse parses and validates one srmkit document with default options.
func Parse(file string, data []byte) (*Document, error) {
	return ParseWith(file, data, Options{})
}

// ParseWith parses and validates one srmkit document. On failure the error is an
// [ErrorList] holding every problem found, and the returned document is nil.
func ParseWith(file string, data []byte, opts Options) (doc *Document, err error) {
	if max := opts.maxBytes(); int64(len(data)) > max {
		return nil, ErrorList{tooLarge(file, int64(len(data)), max)}
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if errs := checkText(file, data); len(errs) > 0 {
		return nil, errs
	}
	root, errs := decodeNode(file, data)
	if len(errs) > 0 {
		return nil, errs
	}
	c := converter{file: file}
	v := c.value(root, "", 0)
	obj, ok := v.(map[string]any)
	if !ok {
		errs := append(c.errs, &Error{File: file, Line: root.Line, Column: root.Column, Msg: "the document must be a mapping that starts with an srmkit: header", Err: ErrKind})
		errs.Sort()
		return nil, errs
	}
	d := &Document{File: file, Value: obj, root: root}
	hdr, _ := obj["srmkit"].(string)
	kind := Kind(hdr)
	if _, known := compiled()[kind]; !known {
		line, col := d.Position("/srmkit")
		msg := "missing srmkit: header naming the document kind (one of " + kindList() + ")"
		if _, present := obj["srmkit"]; present {
			msg = fmt.Sprintf("unknown document kind %q (want one of %s)", fmt.Sprint(obj["srmkit"]), kindList())
		}
		if line == 0 {
			line, col = root.Line, root.Column
		}
		errs := append(c.errs, &Error{File: file, Line: line, Column: col, Path: "/srmkit", Msg: msg, Err: ErrKind})
		errs.Sort()
		return nil, errs
	}
	if opts.Kind != "" && kind != opts.Kind {
		line, col := d.Position("/srmkit")
		return nil, ErrorList{{File: file, Line: line, Column: col, Path: "/srmkit", Msg: fmt.Sprintf("expected a %s document, got %s", opts.Kind, kind), Err: ErrKind}}
	}
	d.Kind = kind
	// Validate even when conversion failed, so that one run reports every problem; a schema
	// complaint about a value the converter already rejected would only repeat it.
	errs = c.errs
	for _, e := range d.validate() {
		if !coveredBy(e.Path, c.errs) {
			errs = append(errs, e)
		}
	}
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	return d, nil
}

func coveredBy(path string, errs ErrorList) bool {
	for _, e := range errs {
		if errors.Is(e.Err, ErrDuplicateKey) {
			continue // the first value was kept and is validated
		}
		if path == e.Path || strings.HasPrefix(path, e.Path+"/") {
			return true
		}
	}
	return false
}

func kindList() string {
	var s []string
	for _, k := range Kinds() {
		s = append(s, string(k))
	}
	return strings.Join(s, ", ")
}

// checkText rejects what is not UTF-8 text before the parser sees it, with positions.
func checkText(file string, data []byte) ErrorList {
	var errs ErrorList
	line, col := 1, 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		var msg string
		switch {
		case r == utf8.RuneError && size <= 1:
			msg = fmt.Sprintf("invalid UTF-8 byte 0x%02x", data[i])
		case r == 0:
			msg = "NUL byte"
		case r < 0x20 && r != '\t' && r != '\n' && r != '\r', r == 0x7f, r >= 0x80 && r <= 0x9f:
			msg = fmt.Sprintf("control character U+%04X", r)
		case r == 0xfeff:
			msg = "byte order mark inside the file"
		}
		if msg != "" {
			errs = append(errs, &Error{File: file, Line: line, Column: col, Msg: msg, Err: ErrEncoding})
			if len(errs) == 10 {
				break
			}
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += size
	}
	return errs
}

var (
	yamlLine      = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)
	unknownAnchor = regexp.MustCompile(`^unknown anchor '(.*)' referenced$`)
)

// decodeNode runs the YAML parser under a guard and returns the single document's top node.
func decodeNode(file string, data []byte) (root *yaml.Node, errs ErrorList) {
	defer func() {
		if r := recover(); r != nil {
			root, errs = nil, ErrorList{{File: file, Line: 1, Column: 1, Msg: fmt.Sprintf("YAML parser failed: %v", r), Err: ErrSyntax}}
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, ErrorList{{File: file, Line: 1, Column: 1, Msg: "empty document: expected a mapping that starts with an srmkit: header", Err: ErrKind}}
		}
		return nil, ErrorList{syntaxError(file, data, err)}
	}
	if len(doc.Content) == 0 {
		return nil, ErrorList{{File: file, Line: 1, Column: 1, Msg: "empty document: expected a mapping that starts with an srmkit: header", Err: ErrKind}}
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case errors.Is(err, io.EOF):
	case err != nil:
		return nil, ErrorList{syntaxError(file, data, err)}
	default:
		return nil, ErrorList{{File: file, Line: max(next.Line, 1), Column: max(next.Column, 1), Msg: "more than one YAML document in the file; put each document in its own file", Err: ErrUnsupported}}
	}
	return doc.Content[0], nil
}

// syntaxError turns a yaml.v3 error into a positioned one. The parser reports lines only, so the
// column is that of the line's first non-blank character.
func syntaxError(file string, data []byte, err error) *Error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	}
	col := 0
	if m := unknownAnchor.FindStringSubmatch(msg); m != nil {
		// The parser does not say where the alias is; find its first use.
		if i := bytes.Index(data, []byte("*"+m[1])); i >= 0 {
			line = bytes.Count(data[:i], []byte("\n")) + 1
			col = i - bytes.LastIndexByte(data[:i], '\n')
		}
	}
	if line == 0 {
		line = 1
	}
	if col == 0 {
		col = firstColumn(data, line)
	}
	return &Error{File: file, Line: line, Column: col, Msg: msg, Err: ErrSyntax}
}

func firstColumn(data []byte, line int) int {
	lines := bytes.SplitN(data, []byte("\n"), line+1)
	if line-1 >= len(lines) {
		return 1
	}
	l := lines[line-1]
	return len(l) - len(bytes.TrimLeft(l, " \t")) + 1
}

type converter struct {
	file string
	errs ErrorList
}

func (c *converter) fail(n *yaml.Node, ptr string, cause error, format string, args ...any) {
	c.errs = append(c.errs, &Error{File: c.file, Line: n.Line, Column: n.Column, Path: ptr, Msg: fmt.Sprintf(format, args...), Err: cause})
}

var ambiguousBool = map[string]bool{"yes": true, "no": true, "on": true, "off": true}

// jsonNumber matches the numbers JSON can carry, which is all srmkit documents need.
var jsonNumber = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$`)

func (c *converter) value(n *yaml.Node, ptr string, depth int) any {
	if depth > maxDepth {
		c.fail(n, ptr, ErrUnsupported, "nesting deeper than %d levels", maxDepth)
		return nil
	}
	if n.Kind == yaml.AliasNode {
		c.fail(n, ptr, ErrUnsupported, "aliases (*%s) are not allowed; write the value out", n.Value)
		return nil
	}
	if n.Anchor != "" {
		c.fail(n, ptr, ErrUnsupported, "anchors (&%s) are not allowed", n.Anchor)
	}
	if n.Style&yaml.TaggedStyle != 0 {
		c.fail(n, ptr, ErrUnsupported, "explicit tag %s is not allowed", n.Tag)
		return nil
	}
	switch n.Kind {
	case yaml.MappingNode:
		obj := make(map[string]any, len(n.Content)/2)
		// Duplicate keys are found through obj itself; keyAt keeps where each key was seen.
		var keyAt []*yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind == yaml.AliasNode {
				c.fail(k, ptr, ErrUnsupported, "aliases (*%s) are not allowed", k.Value)
				continue
			}
			if k.Tag == "!!merge" {
				c.fail(k, ptr, ErrUnsupported, "merge keys (<<) are not allowed; write the fields out")
				continue
			}
			if k.Kind != yaml.ScalarNode || k.Tag != "!!str" || k.Style&yaml.TaggedStyle != 0 {
				c.fail(k, ptr, ErrUnsupported, "mapping keys must be strings; quote %q", k.Value)
				continue
			}
			kp := ptr + "/" + escapePointer(k.Value)
			if _, dup := obj[k.Value]; dup {
				line := 0
				for _, p := range keyAt {
					if p.Value == k.Value {
						line = p.Line
						break
					}
				}
				c.fail(k, kp, ErrDuplicateKey, "duplicate key %q (first at line %d)", k.Value, line)
				continue
			}
			keyAt = append(keyAt, k)
			obj[k.Value] = c.value(v, kp, depth+1)
		}
		return obj
	case yaml.SequenceNode:
		arr := make([]any, 0, len(n.Content))
		for i, e := range n.Content {
			arr = append(arr, c.value(e, ptr+"/"+strconv.Itoa(i), depth+1))
		}
		return arr
	case yaml.ScalarNode:
		return c.scalar(n, ptr)
	case yaml.DocumentNode:
		if len(n.Content) == 1 {
			return c.value(n.Content[0], ptr, depth+1)
		}
	}
	c.fail(n, ptr, ErrUnsupported, "unexpected YAML node")
	return nil
}

func (c *converter) scalar(n *yaml.Node, ptr string) any {
	switch n.Tag {
	case "!!str":
		if n.Style == 0 && ambiguousBool[strings.ToLower(n.Value)] {
			c.fail(n, ptr, ErrUnsupported, "%s is a boolean in YAML 1.1 and text in YAML 1.2; quote it (\"%s\") or write true/false", n.Value, n.Value)
			return nil
		}
		return n.Value
	case "!!timestamp":
		return n.Value // dates are text in srmkit documents
	case "!!null":
		return nil
	case "!!bool":
		b, err := strconv.ParseBool(strings.ToLower(n.Value))
		if err != nil {
			c.fail(n, ptr, ErrUnsupported, "cannot read %q as true or false", n.Value)
			return nil
		}
		return b
	case "!!int", "!!float":
		v := strings.ToLower(n.Value)
		if strings.Contains(v, "nan") || strings.Contains(v, "inf") {
			c.fail(n, ptr, ErrUnsupported, "%s is not a number srmkit accepts (no NaN or infinity)", n.Value)
			return nil
		}
		if !jsonNumber.MatchString(n.Value) {
			c.fail(n, ptr, ErrUnsupported, "write the number %s in plain decimal, or quote it if it is text", n.Value)
			return nil
		}
		return json.Number(n.Value)
	}
	c.fail(n, ptr, ErrUnsupported, "unsupported scalar type %s", n.Tag)
	return nil
}

func escapePointer(s string) string {
	if !strings.ContainsAny(s, "~/") {
		return s
	}
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(s)
}

func unescapePointer(s string) string {
	if !strings.Contains(s, "~") {
		return s
	}
	return strings.NewReplacer("~1", "/", "~0", "~").Replace(s)
}

// node walks a JSON Pointer down the YAML tree. With key set, a pointer that ends at a mapping
// entry yields the key node rather than the value.
func (d *Document) node(pointer string, key bool) *yaml.Node {
	n := d.root
	if pointer == "" || n == nil {
		return n
	}
	toks := strings.Split(strings.TrimPrefix(pointer, "/"), "/")
	for i, tok := range toks {
		tok = unescapePointer(tok)
		last := i == len(toks)-1
		switch n.Kind {
		case yaml.MappingNode:
			var next *yaml.Node
			for j := 0; j+1 < len(n.Content); j += 2 {
				if n.Content[j].Value == tok {
					next = n.Content[j+1]
					if last && key {
						next = n.Content[j]
					}
					break
				}
			}
			if next == nil {
				return n
			}
			n = next
		case yaml.SequenceNode:
			idx, err := strconv.Atoi(tok)
			if err != nil || idx < 0 || idx >= len(n.Content) {
				return n
			}
			n = n.Content[idx]
		default:
			return n
		}
	}
	return n
}

// Position returns the line and column of the value at the JSON Pointer, or of the nearest
// enclosing value that exists.
func (d *Document) Position(pointer string) (line, col int) {
	n := d.node(pointer, false)
	if n == nil {
		return 0, 0
	}
	return n.Line, n.Column
}

// KeyPosition is like Position but, for a mapping entry, gives the key's place.
func (d *Document) KeyPosition(pointer string) (line, col int) {
	n := d.node(pointer, true)
	if n == nil {
		return 0, 0
	}
	return n.Line, n.Column
}

// Locate implements [diag.Locator]: the file name and the position of the value at the JSON
// Pointer, or of the nearest enclosing value that exists.
func (d *Document) Locate(pointer string) (file string, line, col int) {
	line, col = d.Position(pointer)
	return d.File, line, col
}

// Errorf returns an error positioned at the value the JSON Pointer names, wrapping cause.
func (d *Document) Errorf(pointer string, cause error, format string, args ...any) *Error {
	line, col := d.Position(pointer)
	return &Error{File: d.File, Line: line, Column: col, Path: pointer, Msg: fmt.Sprintf(format, args...), Err: cause}
}
