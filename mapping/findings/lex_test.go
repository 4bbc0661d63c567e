package findings

import (
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// oneByte hands out its input a byte at a time, so that every token crosses a buffer refill.
type oneByte struct{ s string }

func (r *oneByte) Read(p []byte) (int, error) {
	if r.s == "" {
		return 0, io.EOF
	}
	p[0] = r.s[0]
	r.s = r.s[1:]
	return 1, nil
}

func TestLexerStrings(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`"plain"`, "plain"},
		{`"a\"b\\c\/d\b\f\n\r\t"`, "a\"b\\c/d\b\f\n\r\t"},
		{`"\u00e9\u20ac"`, "é€"},
		{`"\ud83d\ude00"`, "😀"},
		{`"\ud83d alone"`, "\ufffd alone"},
		{`"UTF-8 é direct"`, "UTF-8 é direct"},
	} {
		for _, r := range []io.Reader{strings.NewReader(tc.in), &oneByte{tc.in}} {
			l := newLexer(r)
			var got string
			if err := l.text(&got); err != nil {
				t.Errorf("%s: %v", tc.in, err)
				continue
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tc.in, diff)
			}
		}
	}
}

func TestLexerSkip(t *testing.T) {
	for _, tc := range []struct{ in, err string }{
		{`{"a": [1, -2.5e+3, true, false, null, {"b": {}}, []], "c": "d"}`, ""},
		{`[]`, ""},
		{`{}`, ""},
		{`[1,]`, `1:4: unexpected ']'`},
		{`{"a":1,}`, `1:8: found '}', want a member name`},
		{`[1 2]`, `1:4: found '2', want ',' or ']'`},
		{`{"a" 1}`, `1:6: found '1', want ':' after a member name`},
		{`[01]`, `1:2: invalid literal "01"`},
		{`[tru]`, `1:2: invalid literal "tru"`},
		{"[\"a\x01\"]", `1:4: control character byte 0x01 in a string`},
		{`["\x"]`, `1:4: invalid escape \x in a string`},
		{`{"a": [1, 2`, `1:12: unexpected end of input inside an array or object`},
		{`]`, `1:1: unexpected ']'`},
		{strings.Repeat("[", maxDepth+1), `1:513: nested deeper than 512 levels`},
		{strings.Repeat("[", maxDepth) + strings.Repeat("]", maxDepth), ""},
	} {
		err := newLexer(strings.NewReader(tc.in)).skip()
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tc.err {
			t.Errorf("skip(%.40q) = %q, want %q", tc.in, got, tc.err)
		}
	}
}

func TestLexerKeepsNoLongString(t *testing.T) {
	long := `"` + strings.Repeat("x", maxValue+1) + `"`
	var s string
	err := newLexer(strings.NewReader(long)).text(&s)
	var se *syntaxError
	if !errors.As(err, &se) || !strings.Contains(err.Error(), "longer than 4096 bytes") {
		t.Fatalf("text of a long string: %v", err)
	}
	// Skipped, the same string is fine.
	if err := newLexer(strings.NewReader(long)).skip(); err != nil {
		t.Fatal(err)
	}
}

func TestCSVRecords(t *testing.T) {
	in := "a;\"b;c\";\"d\"\"e\"\r\n\r\n\"multi\nline\";x;\r\nlast;;z"
	for _, r := range []io.Reader{strings.NewReader(in), &oneByte{in}} {
		l := newLexer(r)
		limits := []int{100, 100, 100}
		var got [][]string
		for {
			fields := make([][]byte, 3)
			n, err := l.csvRecord(';', limits, fields)
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			var row []string
			for i := range n {
				row = append(row, string(fields[i]))
			}
			got = append(got, row)
		}
		want := [][]string{{"a", "b;c", `d"e`}, {"multi\nline", "x", ""}, {"last", "", "z"}}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	}
	for _, tc := range []struct{ in, err string }{
		{`"open`, "1:6: unexpected end of input inside a quoted field"},
		{`"a"b;c`, `1:4: found 'b' after a quoted field, want ';' or the end of the line`},
		{strings.Repeat("x", 101), "1:1: field 1 longer than 100 bytes"},
		{strings.Repeat(";", maxFields), "1:257: more than 256 fields in a record"},
	} {
		_, err := newLexer(strings.NewReader(tc.in)).csvRecord(';', []int{100}, make([][]byte, maxFields))
		if err == nil || err.Error() != tc.err {
			t.Errorf("csvRecord(%.30q) = %v, want %s", tc.in, err, tc.err)
		}
	}
}
