package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"fmt"
	"os"
	"path"
	"slices"
	"strings"
)

// csvTable is a vendored identifier table: its source and its rows, header checked and dropped.
type csvTable struct {
	src  source
	rows [][]string
}

func readCSV(root, rel string, header ...string) (*csvTable, error) {
	b, err := os.ReadFile(path.Join(root, rel))
	if err != nil {
		return nil, err
	}
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", rel, err)
	}
	if len(rows) == 0 || !slices.Equal(rows[0], header) {
		return nil, fmt.Errorf("%s: the header must be %s", rel, strings.Join(header, ","))
	}
	rows = rows[1:]
	for i, r := range rows {
		for j, c := range r {
			if c == "" || strings.TrimSpace(c) != c {
				return nil, fmt.Errorf("%s:%d: column %s is empty or padded", rel, i+2, header[j])
			}
		}
	}
	slices.SortFunc(rows, func(a, b []string) int { return slices.Compare(a, b) })
	for i := 1; i < len(rows); i++ {
		if slices.Equal(rows[i], rows[i-1]) {
			return nil, fmt.Errorf("%s: row %s appears twice", rel, strings.Join(rows[i], ","))
		}
	}
	return &csvTable{source{rel, fmt.Sprintf("%x", sha256.Sum256(b))}, rows}, nil
}

func renderPairs(b *bytes.Buffer, name, typ string, rows [][]string) {
	fmt.Fprintf(b, "var %s = [...]%s{\n", name, typ)
	for _, r := range rows {
		fmt.Fprintf(b, "\t{%q, %q},\n", r[0], r[1])
	}
	b.WriteString("}\n\n")
}

type loadedScanners struct {
	ruleNames, prowler *csvTable
}

func loadScanners(root string) (*loadedScanners, error) {
	names, err := readCSV(root, "mapping/findings/data/config-rule-names.csv", "identifier", "name")
	if err != nil {
		return nil, err
	}
	prowler, err := readCSV(root, "mapping/findings/data/prowler-securityhub.csv", "prowler_check", "securityhub_control")
	if err != nil {
		return nil, err
	}
	return &loadedScanners{names, prowler}, nil
}

func renderScanners(l *loadedScanners) ([]byte, error) {
	var w bytes.Buffer
	header(&w, "findings", []source{l.ruleNames.src, l.prowler.src})
	// Rule names sort by name, for the longest-prefix search of deployed names.
	byName := make([][]string, len(l.ruleNames.rows))
	for i, r := range l.ruleNames.rows {
		byName[i] = []string{r[1], r[0]}
	}
	slices.SortFunc(byName, func(a, b []string) int { return slices.Compare(a, b) })
	for i := 1; i < len(byName); i++ {
		if byName[i][0] == byName[i-1][0] {
			return nil, fmt.Errorf("%s: two rules have the default name %s", l.ruleNames.src.path, byName[i][0])
		}
	}
	w.WriteString("// managedRules are AWS Config's managed rules by default name.\n")
	renderPairs(&w, "managedRules", "managedRule", byName)
	w.WriteString("// prowlerControls are the Security Hub controls Prowler's checks implement, by check.\n")
	renderPairs(&w, "prowlerControls", "prowlerControl", l.prowler.rows)
	return gofmt(&w)
}
