package findings

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/srmkit/srmkit/mapping"
	"github.com/srmkit/srmkit/srm"
)

// repeat streams prefix, n copies of unit, then suffix, without holding them.
func repeat(prefix string, unit byte, n int, suffix string) io.Reader {
	return io.MultiReader(strings.NewReader(prefix), io.LimitReader(byteSource(unit), int64(n)), strings.NewReader(suffix))
}

type byteSource byte

func (b byteSource) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(b)
	}
	return len(p), nil
}

const oneFinding = `{"SchemaVersion":"2018-10-08","GeneratorId":"security-control/S3.1","Compliance":{"Status":"FAILED","SecurityControlId":"S3.1"},"Resources":[{"Id":"AWS::::Account:111122223333"}]}`

func TestHostileInput(t *testing.T) {
	const big = 100 << 20
	for _, tc := range []struct {
		name string
		in   func() io.Reader
		err  string // empty: read without error
	}{
		{"a 100 MB string where nothing is kept", func() io.Reader {
			return repeat(`{"Findings":[{"Description":"`, 'x', big, `",`+oneFinding[1:]+`]}`)
		}, ""},
		{"a 100 MB string where an id is kept", func() io.Reader {
			return repeat(`{"Findings":[{"GeneratorId":"`, 'x', big, `"}]}`)
		}, "h.json:1:29: string longer than 4096 bytes where an identifier or a status is expected"},
		{"a 100 MB member name", func() io.Reader {
			return repeat(`{"Findings":[{"`, 'x', big, `":1}]}`)
		}, "h.json:1:15: string longer than 4096 bytes where an identifier or a status is expected"},
		{"a million nested arrays", func() io.Reader {
			return repeat(`{"Findings":[{"Resources":[{"Details":`, '[', 1<<20, ``)
		}, "h.json:1:551: nested deeper than 512 levels"},
		{"a 100 MB number", func() io.Reader {
			return repeat(`{"Findings":[{"Severity":{"Normalized":`, '9', big, `}}]}`)
		}, "h.json:1:40: literal longer than 64 bytes"},
		{"a 100 MB line of white space", func() io.Reader {
			return repeat(`{"Findings":[`, ' ', big, oneFinding+`]}`)
		}, ""},
		{"a 100 MB CSV field", func() io.Reader {
			return repeat("CHECK_ID;STATUS;RESOURCE_UID\r\ns3_account_level_public_access_blocks;FAIL;", 'x', big, "\r\n")
		}, "h.json:2:44: field 3 longer than 4096 bytes"},
		{"a 100 MB CSV field that is not kept", func() io.Reader {
			return repeat("CHECK_ID;STATUS;DESCRIPTION\r\ns3_account_level_public_access_blocks;FAIL;", 'x', big, "\r\n")
		}, ""},
		{"truncated", func() io.Reader { return strings.NewReader(`{"Findings":[` + oneFinding[:60]) }, "h.json:1:74: unexpected end of input inside a string"},
		{"an endless run of empty objects", func() io.Reader {
			return repeat(``, '{', 1, strings.Repeat(`}{`, 1<<16)+`}`)
		}, "h.json:1:1: not a findings file: an empty JSON object; expected Security Hub findings (ASFF), AWS Config output (get-compliance-details-by-config-rule, describe-compliance-by-config-rule, describe-config-rules) or Prowler's JSON (OCSF)"},
		{"binary", func() io.Reader { return bytes.NewReader([]byte{0, 1, 2, 0xff, 0xfe}) },
			"h.json: not a findings file: the first line is not a Prowler CSV header (no CHECK_ID and STATUS columns) and the file is not JSON; expected Security Hub findings (ASFF), AWS Config output or Prowler's JSON or CSV"},
		{"empty", func() io.Reader { return strings.NewReader("") }, "h.json: not a findings file: the file is empty"},
		{"a byte order mark and CRLF", func() io.Reader {
			return strings.NewReader("\ufeff{\"Findings\":[\r\n" + oneFinding + "\r\n]}\r\n")
		}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var s Set
			f, err := s.Read("h.json", tc.in())
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tc.err {
				t.Fatalf("error %q, want %q", got, tc.err)
			}
			if err != nil {
				if !errors.Is(err, ErrNotFindings) && strings.Contains(tc.err, "not a findings file") {
					t.Errorf("%v does not wrap ErrNotFindings", err)
				}
				if ev := s.Evaluations(); len(ev.Checks) != 0 || len(ev.Files) != 0 {
					t.Errorf("a failed read changed the set: %+v", ev)
				}
				return
			}
			if f.Counted == 0 && tc.name != "a 100 MB CSV field that is not kept" {
				t.Errorf("nothing counted: %+v", f)
			}
		})
	}
}

// TestMemoryBounded reads exports of 2,000 and 20,000 findings (6 and 60 MB): the heap the
// reader uses does not grow with the input.
func TestMemoryBounded(t *testing.T) {
	peak := func(n int) uint64 {
		var s Set
		ph := &peakHeap{r: newASFFExport(n)}
		f, err := s.Read("export.json", ph)
		if err != nil || f.Counted != n {
			t.Fatalf("%d findings: counted %d, %v", n, f.Counted, err)
		}
		return ph.peak
	}
	small, large := peak(2000), peak(20000)
	if large > small+16<<20 || large > 64<<20 {
		t.Errorf("heap in use: %d MB for 6 MB of input, %d MB for 60 MB", small>>20, large>>20)
	}
}

// TestGzip reads the same findings plain and compressed.
func TestGzip(t *testing.T) {
	in := `{"Findings":[` + oneFinding + `]}`
	var plain, zipped Set
	if _, err := plain.Read("f.json", strings.NewReader(in)); err != nil {
		t.Fatal(err)
	}
	if _, err := zipped.Read("f.json.gz", bytes.NewReader(gzipped(t, []byte(in)))); err != nil {
		t.Fatal(err)
	}
	a, b := plain.Evaluations(), zipped.Evaluations()
	if diff := cmp.Diff(a.Checks, b.Checks); diff != "" {
		t.Errorf("(-plain +gzip):\n%s", diff)
	}
	want := map[srm.Source]mapping.Tally{{Kind: srm.SourceSecurityHub, Ref: "S3.1"}: {Failed: 1, Resources: []string{"AWS::::Account:111122223333"}}}
	if diff := cmp.Diff(want, a.Checks); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// A corrupt gzip stream is an error naming the file.
	bad := gzipped(t, []byte(in))
	bad = bad[:len(bad)-12]
	if _, err := new(Set).Read("cut.json.gz", bytes.NewReader(bad)); err == nil || !strings.HasPrefix(err.Error(), "cut.json.gz") {
		t.Errorf("truncated gzip: %v", err)
	}
}
