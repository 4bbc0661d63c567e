package findings

import (
	"bytes"
	"fmt"
	"io"
	"strings"
)

// Prowler CSV columns the reader uses, by the names of Prowler 4 and later (upper case) and
// of Prowler 3 (lower case); names compare without regard to case.
var prowlerColumns = [...]struct {
	names []string
	limit int
	need  bool
}{
	{[]string{"CHECK_ID"}, maxValue, true},
	{[]string{"STATUS"}, maxValue, true},
	{[]string{"MUTED"}, maxValue, false},
	{[]string{"RESOURCE_UID", "RESOURCE_ARN", "RESOURCE_ID"}, maxValue, false},
	{[]string{"COMPLIANCE"}, 64 << 10, false},
	{[]string{"PROVIDER"}, maxValue, false},
}

const (
	colCheck = iota
	colStatus
	colMuted
	colResource
	colCompliance
	colProvider
)

// csv reads Prowler's CSV output, separated by ';' (Prowler's choice) or ','.
func (rd *reader) csv() error {
	l := rd.l
	// The separator is the one the header line uses more.
	l.ensure(16 << 10)
	line := l.buf[l.pos:l.end]
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	delim := byte(';')
	if bytes.Count(line, []byte(",")) > bytes.Count(line, []byte(";")) {
		delim = ','
	}
	header := make([][]byte, maxFields)
	limits := make([]int, maxFields)
	for i := range limits {
		limits[i] = 256
	}
	n, err := l.csvRecord(delim, limits, header)
	if err != nil {
		if err == io.EOF {
			return fmt.Errorf("%w: the file is empty", ErrNotFindings)
		}
		return fmt.Errorf("%w: %v", ErrNotFindings, err)
	}
	var idx [len(prowlerColumns)]int
	for c := range prowlerColumns {
		idx[c] = -1
		for i := range n {
			for _, name := range prowlerColumns[c].names {
				if idx[c] < 0 && strings.EqualFold(string(bytes.TrimSpace(header[i])), name) {
					idx[c] = i
				}
			}
		}
	}
	if idx[colCheck] < 0 || idx[colStatus] < 0 {
		return fmt.Errorf("%w: the first line is not a Prowler CSV header (no CHECK_ID and STATUS columns) and the file is not JSON; "+
			"expected Security Hub findings (ASFF), AWS Config output or Prowler's JSON or CSV", ErrNotFindings)
	}
	rd.format(ProwlerCSV)
	clear(limits)
	need := 0
	for c, i := range idx {
		if i >= 0 {
			limits[i] = prowlerColumns[c].limit
			need = max(need, i+1)
		}
	}
	fields := make([][]byte, maxFields)
	for {
		line, col := l.where()
		n, err := l.csvRecord(delim, limits, fields)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if n < need {
			return &syntaxError{line, col, fmt.Sprintf("a row of %d fields where the header has %d or more", n, need), nil}
		}
		rd.file.Records++
		get := func(c int) string {
			if idx[c] < 0 {
				return ""
			}
			return string(fields[idx[c]])
		}
		var fsbp []string
		if idx[colCompliance] >= 0 {
			fsbp = complianceIDs(fields[idx[colCompliance]])
		}
		muted := strings.EqualFold(get(colMuted), "true")
		if err := rd.prowler(get(colCheck), get(colStatus), muted, get(colResource), fsbp, strings.ToLower(get(colProvider)), line, col); err != nil {
			return err
		}
	}
}

// complianceIDs returns the AWS Foundational Security Best Practices ids of a COMPLIANCE cell:
// "CIS-2.0: 2.1.1 | AWS-Foundational-Security-Best-Practices: S3.1, S3.8 | ...".
func complianceIDs(cell []byte) []string {
	var ids []string
	for _, part := range bytes.Split(cell, []byte(" | ")) {
		k, v, ok := bytes.Cut(part, []byte(":"))
		if !ok || string(bytes.TrimSpace(k)) != fsbpKey {
			continue
		}
		for _, id := range bytes.Split(v, []byte(",")) {
			if id = bytes.TrimSpace(id); len(id) > 0 && len(ids) < 64 {
				ids = append(ids, string(id))
			}
		}
	}
	return ids
}
