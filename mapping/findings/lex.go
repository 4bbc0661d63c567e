package findings

import (
	"errors"
	"fmt"
	"io"
	"unicode/utf16"
	"unicode/utf8"
)

// Limits that keep memory bounded whatever the input.
const (
	maxDepth  = 512     // nesting of arrays and objects
	maxValue  = 4 << 10 // bytes of a string the reader keeps (ids, names, statuses)
	bufSize   = 64 << 10
	maxFields = 256 // CSV fields in a record
)

// lexer reads JSON from a stream one token at a time, keeping only the strings asked for. It
// never holds more than its buffer and one kept string, so a 100 MB string or a file of any
// size is read in bounded memory. Positions are 1-based lines and byte columns.
type lexer struct {
	src  io.Reader
	buf  []byte
	pos  int   // next byte in buf
	end  int   // bytes in buf
	base int64 // offset of buf[0] in the input
	eof  bool
	rerr error

	line      int
	lineStart int64 // offset of the first byte of the current line

	str  []byte             // the last string kept
	deep [maxDepth / 8]byte // 1 bit a level: set for arrays
}

func newLexer(r io.Reader) *lexer {
	return &lexer{src: r, buf: make([]byte, bufSize), line: 1}
}

// syntaxError is malformed input at a position.
type syntaxError struct {
	line, col int
	msg       string
	cause     error // ErrNotFindings for a file of another kind
}

func (e *syntaxError) Error() string { return fmt.Sprintf("%d:%d: %s", e.line, e.col, e.msg) }
func (e *syntaxError) Unwrap() error { return e.cause }

// where is the position of the next byte.
func (l *lexer) where() (line, col int) { return l.line, int(l.offset()-l.lineStart) + 1 }

func (l *lexer) offset() int64 { return l.base + int64(l.pos) }

func (l *lexer) errorf(format string, args ...any) error {
	line, col := l.where()
	return &syntaxError{line, col, fmt.Sprintf(format, args...), nil}
}

// fill reads more input; it reports false at the end of input or on a read error.
func (l *lexer) fill() bool {
	if l.eof {
		return false
	}
	l.base += int64(l.end)
	l.pos, l.end = 0, 0
	for l.end == 0 {
		n, err := l.src.Read(l.buf)
		l.end = n
		if err != nil {
			l.eof = true
			if !errors.Is(err, io.EOF) {
				l.rerr = err
			}
			return n > 0
		}
	}
	return true
}

// ensure makes at least n bytes available from pos, reporting false when the input ends first.
func (l *lexer) ensure(n int) bool {
	for l.end-l.pos < n {
		if l.eof {
			return false
		}
		copy(l.buf, l.buf[l.pos:l.end])
		l.base += int64(l.pos)
		l.end -= l.pos
		l.pos = 0
		m, err := l.src.Read(l.buf[l.end:])
		l.end += m
		if err != nil {
			l.eof = true
			if !errors.Is(err, io.EOF) {
				l.rerr = err
			}
		}
	}
	return true
}

// peek returns the next byte that is not white space, without consuming it; ok is false at
// the end of input.
func (l *lexer) peek() (byte, bool) {
	for {
		for l.pos < l.end {
			c := l.buf[l.pos]
			switch c {
			case ' ', '\t', '\r':
				l.pos++
			case '\n':
				l.pos++
				l.line++
				l.lineStart = l.offset()
			default:
				return c, true
			}
		}
		if !l.fill() {
			return 0, false
		}
	}
}

// readErr is the error for an unexpected end of input: the read error if there was one.
func (l *lexer) readErr(what string) error {
	if l.rerr != nil {
		return l.rerr
	}
	return l.errorf("unexpected end of input %s", what)
}

// expect consumes byte c after optional white space.
func (l *lexer) expect(c byte, what string) error {
	got, ok := l.peek()
	if !ok {
		return l.readErr(what)
	}
	if got != c {
		return l.errorf("found %s, want %q %s", describe(got), c, what)
	}
	l.pos++
	return nil
}

func describe(c byte) string {
	if c >= 0x20 && c < 0x7f {
		return fmt.Sprintf("%q", c)
	}
	return fmt.Sprintf("byte 0x%02x", c)
}

// string reads a string token. With keep, its unescaped text is left in l.str (an error when
// longer than maxValue); without, it is checked and dropped as it streams by.
func (l *lexer) string(keep bool) error {
	if err := l.expect('"', "at the start of a string"); err != nil {
		return err
	}
	line, col := l.where()
	col--
	l.str = l.str[:0]
	for {
		if l.pos == l.end && !l.fill() {
			return l.readErr("inside a string")
		}
		// Fast path: a run of plain bytes.
		start := l.pos
		for l.pos < l.end {
			c := l.buf[l.pos]
			if c == '"' || c == '\\' || c < 0x20 {
				break
			}
			l.pos++
		}
		if keep {
			if len(l.str)+l.pos-start > maxValue {
				return tooLong(line, col)
			}
			l.str = append(l.str, l.buf[start:l.pos]...)
		}
		if l.pos == l.end {
			continue
		}
		switch c := l.buf[l.pos]; {
		case c == '"':
			l.pos++
			if keep && !utf8.Valid(l.str) {
				return l.errorf("string is not valid UTF-8")
			}
			return nil
		case c < 0x20:
			return l.errorf("control character %s in a string", describe(c))
		default: // backslash
			l.pos++
			if err := l.escape(keep); err != nil {
				return err
			}
			if keep && len(l.str) > maxValue {
				return tooLong(line, col)
			}
		}
	}
}

func (l *lexer) byte() (byte, bool) {
	if l.pos == l.end && !l.fill() {
		return 0, false
	}
	c := l.buf[l.pos]
	l.pos++
	return c, true
}

func (l *lexer) escape(keep bool) error {
	c, ok := l.byte()
	if !ok {
		return l.readErr("in an escape")
	}
	var r rune
	switch c {
	case '"', '\\', '/':
		r = rune(c)
	case 'b':
		r = '\b'
	case 'f':
		r = '\f'
	case 'n':
		r = '\n'
	case 'r':
		r = '\r'
	case 't':
		r = '\t'
	case 'u':
		var err error
		if r, err = l.hex4(); err != nil {
			return err
		}
		if utf16.IsSurrogate(r) {
			// A high surrogate pairs with a following \uXXXX low one; alone it is U+FFFD.
			if r < 0xdc00 && l.ensure(2) && l.buf[l.pos] == '\\' && l.buf[l.pos+1] == 'u' {
				l.pos += 2
				r2, err := l.hex4()
				if err != nil {
					return err
				}
				r = utf16.DecodeRune(r, r2)
			} else {
				r = utf8.RuneError
			}
		}
	default:
		l.pos--
		return l.errorf("invalid escape \\%s in a string", string(rune(c)))
	}
	if keep {
		l.str = utf8.AppendRune(l.str, r)
	}
	return nil
}

func (l *lexer) hex4() (rune, error) {
	var r rune
	for range 4 {
		c, ok := l.byte()
		if !ok {
			return 0, l.readErr("in a \\u escape")
		}
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			l.pos--
			return 0, l.errorf("invalid \\u escape in a string")
		}
	}
	return r, nil
}

func tooLong(line, col int) error {
	return &syntaxError{line, col, fmt.Sprintf("string longer than %d bytes where an identifier or a status is expected", maxValue), nil}
}

// literal reads true, false, null or a number, keeping its text in l.str.
func (l *lexer) literal() error {
	line, col := l.where()
	l.str = l.str[:0]
	for {
		if l.pos == l.end && !l.fill() {
			break
		}
		c := l.buf[l.pos]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'E') {
			break
		}
		if len(l.str) >= 64 {
			return &syntaxError{line, col, "literal longer than 64 bytes", nil}
		}
		l.str = append(l.str, c)
		l.pos++
	}
	switch s := string(l.str); {
	case s == "true" || s == "false" || s == "null":
		return nil
	case validNumber(l.str):
		return nil
	case s == "":
		if c, ok := l.peek(); ok {
			return l.errorf("found %s, want a JSON value", describe(c))
		}
		return l.readErr("where a value is expected")
	default:
		return &syntaxError{line, col, fmt.Sprintf("invalid literal %q", s), nil}
	}
}

func validNumber(b []byte) bool {
	i := 0
	if i < len(b) && b[i] == '-' {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
			n++
		}
		return n
	}
	if n := digits(); n == 0 || n > 1 && b[i-n] == '0' {
		return false
	}
	if i < len(b) && b[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(b)
}

// skip consumes one value of any kind without keeping it. It does not recurse, so nesting
// costs one bit a level, up to maxDepth.
func (l *lexer) skip() error {
	depth := 0
	opened := false // just after an opening bracket, where a close is allowed
	for {
		c, ok := l.peek()
		if !ok {
			return l.readErr("where a value is expected")
		}
		wasOpened := opened
		opened = false
		switch c {
		case '{', '[':
			if depth == maxDepth {
				return l.errorf("nested deeper than %d levels", maxDepth)
			}
			l.setArray(depth, c == '[')
			depth++
			l.pos++
			c, ok = l.peek()
			if !ok {
				return l.readErr("inside an array or object")
			}
			if c == '}' || c == ']' {
				opened = true
				continue // closed below
			}
			if l.isArray(depth - 1) {
				continue // the first element
			}
			if err := l.member(); err != nil {
				return err
			}
			continue
		case '}', ']':
			if !wasOpened || (c == ']') != l.isArray(depth-1) {
				return l.errorf("unexpected %q", c)
			}
			l.pos++
			depth--
		case '"':
			if err := l.string(false); err != nil {
				return err
			}
		default:
			if err := l.literal(); err != nil {
				return err
			}
		}
		// After a value: a comma and the next element or member, or the close.
		for depth > 0 {
			c, ok = l.peek()
			if !ok {
				return l.readErr("inside an array or object")
			}
			if c == ',' {
				l.pos++
				if !l.isArray(depth - 1) {
					if err := l.member(); err != nil {
						return err
					}
				}
				break
			}
			want := byte('}')
			if l.isArray(depth - 1) {
				want = ']'
			}
			if c != want {
				return l.errorf("found %s, want ',' or %q", describe(c), want)
			}
			l.pos++
			depth--
		}
		if depth == 0 {
			return nil
		}
	}
}

// member reads an object member's key and colon.
func (l *lexer) member() error {
	if c, ok := l.peek(); ok && c != '"' {
		return l.errorf("found %s, want a member name", describe(c))
	}
	if err := l.string(false); err != nil {
		return err
	}
	return l.expect(':', "after a member name")
}

func (l *lexer) setArray(d int, arr bool) {
	if arr {
		l.deep[d/8] |= 1 << (d % 8)
	} else {
		l.deep[d/8] &^= 1 << (d % 8)
	}
}

func (l *lexer) isArray(d int) bool { return l.deep[d/8]&(1<<(d%8)) != 0 }

// object reads an object, calling f with each member's key (valid until the value is read);
// f must consume the value. A null counts as an empty object.
func (l *lexer) object(f func(key []byte) error) error {
	c, ok := l.peek()
	if !ok {
		return l.readErr("where an object is expected")
	}
	if c == 'n' {
		return l.literal()
	}
	if c != '{' {
		return l.errorf("found %s, want an object", describe(c))
	}
	l.pos++
	if c, ok := l.peek(); ok && c == '}' {
		l.pos++
		return nil
	}
	for {
		if c, ok := l.peek(); ok && c != '"' {
			return l.errorf("found %s, want a member name", describe(c))
		}
		if err := l.string(true); err != nil {
			return err
		}
		if err := l.expect(':', "after a member name"); err != nil {
			return err
		}
		if err := f(l.str); err != nil {
			return err
		}
		c, ok := l.peek()
		if !ok {
			return l.readErr("inside an object")
		}
		l.pos++
		switch c {
		case ',':
		case '}':
			return nil
		default:
			l.pos--
			return l.errorf("found %s, want ',' or '}' in an object", describe(c))
		}
	}
}

// array reads an array, calling f for each element; f must consume it. A null counts as an
// empty array.
func (l *lexer) array(f func() error) error {
	c, ok := l.peek()
	if !ok {
		return l.readErr("where an array is expected")
	}
	if c == 'n' {
		return l.literal()
	}
	if c != '[' {
		return l.errorf("found %s, want an array", describe(c))
	}
	l.pos++
	if c, ok := l.peek(); ok && c == ']' {
		l.pos++
		return nil
	}
	for {
		if err := f(); err != nil {
			return err
		}
		c, ok := l.peek()
		if !ok {
			return l.readErr("inside an array")
		}
		l.pos++
		switch c {
		case ',':
		case ']':
			return nil
		default:
			l.pos--
			return l.errorf("found %s, want ',' or ']' in an array", describe(c))
		}
	}
}

// text reads a string or null into *dst; other kinds of value are skipped and leave *dst as
// it was, so that a field of an unexpected type never stops a whole file.
func (l *lexer) text(dst *string) error {
	c, ok := l.peek()
	if !ok {
		return l.readErr("where a value is expected")
	}
	if c != '"' {
		return l.skip()
	}
	if err := l.string(true); err != nil {
		return err
	}
	*dst = intern(l.str)
	return nil
}

// number reads a non-negative integer, or skips any other value.
func (l *lexer) number(dst *int) error {
	c, ok := l.peek()
	if !ok {
		return l.readErr("where a value is expected")
	}
	if c < '0' || c > '9' {
		return l.skip()
	}
	if err := l.literal(); err != nil {
		return err
	}
	n := 0
	for _, d := range l.str {
		if d < '0' || d > '9' || n > 1<<40 {
			return nil
		}
		n = n*10 + int(d-'0')
	}
	*dst = n
	return nil
}

// intern returns common short values without allocating.
func intern(b []byte) string {
	switch string(b) {
	case "PASSED":
		return "PASSED"
	case "FAILED":
		return "FAILED"
	case "ACTIVE":
		return "ACTIVE"
	case "ARCHIVED":
		return "ARCHIVED"
	case "NEW":
		return "NEW"
	case "NOTIFIED":
		return "NOTIFIED"
	case "RESOLVED":
		return "RESOLVED"
	case "SUPPRESSED":
		return "SUPPRESSED"
	case "COMPLIANT":
		return "COMPLIANT"
	case "NON_COMPLIANT":
		return "NON_COMPLIANT"
	case "Security Hub":
		return "Security Hub"
	case "Config":
		return "Config"
	}
	return string(b)
}

// csvRecord reads one CSV record (RFC 4180, with delim as the separator). Field i is kept in
// fields[i] when limits[i] > 0, and is an error when longer than that; other fields stream by.
// It returns the number of fields, and io.EOF at the end of input. Blank lines are skipped.
func (l *lexer) csvRecord(delim byte, limits []int, fields [][]byte) (int, error) {
	for i := range fields {
		fields[i] = fields[i][:0]
	}
	// Skip blank lines.
	for {
		if l.pos == l.end && !l.fill() {
			if l.rerr != nil {
				return 0, l.rerr
			}
			return 0, io.EOF
		}
		c := l.buf[l.pos]
		if c == '\r' {
			l.pos++
			continue
		}
		if c != '\n' {
			break
		}
		l.pos++
		l.line++
		l.lineStart = l.offset()
	}
	n := 0
	for {
		if n == maxFields {
			return 0, l.errorf("more than %d fields in a record", maxFields)
		}
		limit := 0
		if n < len(limits) {
			limit = limits[n]
		}
		fline, fcol := l.where()
		keep := func(b []byte) error {
			if limit == 0 {
				return nil
			}
			if len(fields[n])+len(b) > limit {
				return &syntaxError{fline, fcol, fmt.Sprintf("field %d longer than %d bytes", n+1, limit), nil}
			}
			fields[n] = append(fields[n], b...)
			return nil
		}
		quoted := l.pos < l.end && l.buf[l.pos] == '"' || l.pos == l.end && l.fill() && l.buf[l.pos] == '"'
		if quoted {
			l.pos++
			for {
				if l.pos == l.end && !l.fill() {
					return 0, l.readErr("inside a quoted field")
				}
				start := l.pos
				for l.pos < l.end && l.buf[l.pos] != '"' && l.buf[l.pos] != '\n' {
					l.pos++
				}
				if err := keep(l.buf[start:l.pos]); err != nil {
					return 0, err
				}
				if l.pos == l.end {
					continue
				}
				if l.buf[l.pos] == '\n' {
					if err := keep(l.buf[l.pos : l.pos+1]); err != nil {
						return 0, err
					}
					l.pos++
					l.line++
					l.lineStart = l.offset()
					continue
				}
				l.pos++ // the quote
				if l.pos == l.end && !l.fill() {
					break
				}
				if l.buf[l.pos] != '"' {
					break
				}
				if err := keep(l.buf[l.pos : l.pos+1]); err != nil {
					return 0, err
				}
				l.pos++
			}
		} else {
			for {
				start := l.pos
				for l.pos < l.end && l.buf[l.pos] != delim && l.buf[l.pos] != '\n' {
					l.pos++
				}
				if err := keep(l.buf[start:l.pos]); err != nil {
					return 0, err
				}
				if l.pos < l.end || !l.fill() {
					break
				}
			}
			// A CRLF line end leaves its CR on the last field.
			if f := fields[n]; limit > 0 && len(f) > 0 && f[len(f)-1] == '\r' {
				fields[n] = f[:len(f)-1]
			}
		}
		n++
		// After a field: the separator, the end of the line, or the end of input.
		if l.pos == l.end && !l.fill() {
			return n, nil
		}
		switch c := l.buf[l.pos]; c {
		case delim:
			l.pos++
		case '\r', '\n':
			if c == '\r' {
				l.pos++
				if l.pos == l.end && !l.fill() {
					return n, nil
				}
				if l.buf[l.pos] != '\n' {
					return 0, l.errorf("carriage return not followed by a line feed")
				}
			}
			l.pos++
			l.line++
			l.lineStart = l.offset()
			return n, nil
		default:
			return 0, l.errorf("found %s after a quoted field, want %q or the end of the line", describe(c), delim)
		}
	}
}
