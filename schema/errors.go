package schema

import (
	"errors"

	"github.com/srmkit/srmkit/schema/diag"
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

// Error is one problem at one place in one document; it is [diag.Error], so that packages that
// do not load YAML can report the same way.
type Error = diag.Error

// ErrorList is every problem found in one or more documents, in file and line order.
type ErrorList = diag.ErrorList
