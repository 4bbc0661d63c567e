// Package diag holds the one error type every srmkit check reports with: a problem at a place in
// a document, and the list of every problem found at once.
//
// It imports only the standard library, so the query packages (srm, frameworks, mapping) report
// positioned problems without linking the YAML parser or the JSON Schema validator, which live in
// the schema package and the loaders built on it.
//
//	var list diag.ErrorList
//	if errors.As(err, &list) {
//		for _, e := range list {
//			fmt.Println(e) // overlay.yaml:12:9: /assignments/3/status: must be one of ...
//		}
//	}
package diag

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Error is one problem at one place in one document.
type Error struct {
	File   string
	Line   int    // 1-based; 0 when the problem concerns the whole file or the value was built in code
	Column int    // 1-based; 0 when unknown
	Path   string // JSON Pointer into the document, e.g. /assignments/3/status; empty for the whole file
	Msg    string // what is wrong, for people
	Err    error  // the cause, a sentinel to test with errors.Is
}

// Error formats the problem as FILE:LINE:COL: /pointer: message.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Column > 0 {
			fmt.Fprintf(&b, ":%d", e.Column)
		}
	}
	b.WriteString(": ")
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	if e.Msg != "" {
		b.WriteString(e.Msg)
	} else if e.Err != nil {
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// ErrorList is every problem found in one or more documents, in file and line order.
type ErrorList []*Error

// Error prints one problem per line.
func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Err returns nil when the list is empty and the list itself otherwise, so a function can
// collect problems and return list.Err().
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Unwrap gives errors.Is and errors.As access to every entry.
func (l ErrorList) Unwrap() []error {
	out := make([]error, len(l))
	for i, e := range l {
		out[i] = e
	}
	return out
}

// Sort orders the list by file, line, column and path, keeping the order of equal entries.
func (l ErrorList) Sort() {
	slices.SortStableFunc(l, func(a, b *Error) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column), cmp.Compare(a.Path, b.Path))
	})
}

// Locator finds where a value of a document was written, by JSON Pointer. A document read from
// a file is one; a value built in code has none.
type Locator interface {
	// Locate returns the document's name and the 1-based line and column of the value at ptr,
	// or of its nearest enclosing value when ptr no longer exists; 0 when unknown.
	Locate(ptr string) (file string, line, col int)
}

// At returns a problem at ptr: positioned in the document when loc is set, and named name
// otherwise (for values built in code).
func At(loc Locator, name, ptr string, cause error, format string, args ...any) *Error {
	e := &Error{File: name, Path: ptr, Msg: fmt.Sprintf(format, args...), Err: cause}
	if loc != nil {
		e.File, e.Line, e.Column = loc.Locate(ptr)
	}
	return e
}

// Where formats the place of ptr as FILE:LINE:COL for messages that point at another place, or
// name and the pointer when there is no document.
func Where(loc Locator, name, ptr string) string {
	if loc == nil {
		return name + " " + ptr
	}
	file, line, col := loc.Locate(ptr)
	return fmt.Sprintf("%s:%d:%d", file, line, col)
}

// Append adds err to the list: the entries of a list, or err itself as a problem of no place.
func Append(l ErrorList, err error) ErrorList {
	if err == nil {
		return l
	}
	var el ErrorList
	if errors.As(err, &el) {
		return append(l, el...)
	}
	var e *Error
	if errors.As(err, &e) {
		return append(l, e)
	}
	return append(l, &Error{Msg: err.Error(), Err: err})
}

// Suggest returns " (did you mean X?)" naming the candidate [Closest] finds, or "" when none is
// close.
func Suggest(name string, candidates func(yield func(string) bool)) string {
	if c := Closest(name, candidates); c != "" {
		return " (did you mean " + c + "?)"
	}
	return ""
}

// Closest returns the candidate closest to name — the same ignoring case, spaces and
// punctuation, or at most a third of its letters away — or "" when none is close or name is a
// candidate itself.
func Closest(name string, candidates func(yield func(string) bool)) string {
	// norm folds case, drops separators and the zeros that pad a number (IAM-1 is IAM-01).
	norm := func(s string) string {
		var b strings.Builder
		prevDigit := false
		for i := 0; i < len(s); i++ {
			c := s[i]
			switch {
			case c >= 'A' && c <= 'Z':
				c += 'a' - 'A'
			case c == ' ' || c == '-' || c == '_' || c == '.':
				prevDigit = false
				continue
			case c == '0' && !prevDigit && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9':
				continue
			}
			prevDigit = c >= '0' && c <= '9'
			b.WriteByte(c)
		}
		return b.String()
	}
	n := norm(name)
	best, bestD := "", max(2, len(n)/3+1)
	for c := range candidates {
		if c == name {
			return ""
		}
		cn := norm(c)
		if cn == n {
			return c
		}
		d := distance(n, cn)
		if strings.HasSuffix(cn, n) || strings.HasPrefix(cn, n) {
			d-- // "8.24" is more likely A.8.24 cut short than 8.2 mistyped
		}
		if d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// distance is the Levenshtein distance between two strings, by bytes.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
