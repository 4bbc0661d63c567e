package schema

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel causes wrapped by [Error]. Compare with [errors.Is].
var (
	// ErrSyntax: the file is not well-formed YAML.
	ErrSyntax = errors.New("invalid YAML")
	// ErrEncoding: the file is not UTF-8 text, or holds control characters.
	ErrEncoding = errors.New("invalid text encoding")
	// ErrTooLarge: the file is over the size limit.
	ErrTooLarge = errors.New("file too large")
	// ErrUnsupported: a YAML feature srmkit documents do not allow (aliases, merge keys, tags, …).
	ErrUnsupported = errors.New("unsupported YAML feature")
	// ErrDuplicateKey: the same key appears twice in one mapping.
	ErrDuplicateKey = errors.New("duplicate key")
	// ErrKind: the srmkit header is missing or names an unknown document kind.
	ErrKind = errors.New("unknown document kind")
	// ErrSchema: the document does not satisfy its JSON Schema.
	ErrSchema = errors.New("schema violation")
	// ErrIO: the file could not be read.
	ErrIO = errors.New("cannot read file")
)

// Error is one problem at one place in one document.
type Error struct {
	File   string
	Line   int    // 1-based; 0 when the problem concerns the whole file
	Column int    // 1-based; 0 when unknown
	Path   string // JSON Pointer into the document, e.g. /assignments/3/status; empty for the whole file
	Msg    string // what is wrong, for people
	Err    error  // the cause: one of this package's sentinels or a domain package's
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
	sortStable(l)
}
