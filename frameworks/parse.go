package frameworks

import (
	"errors"
	"strconv"

	"github.com/srmkit/srmkit/schema"
)

// Problems found when a framework document is well-formed but inconsistent.
var (
	ErrDuplicateClause = errors.New("duplicate clause id")
	ErrUnknownParent   = errors.New("unknown parent clause")
)

type document struct {
	Srmkit    string `json:"srmkit"`
	Framework struct {
		ID          ID         `json:"id"`
		Name        string     `json:"name"`
		Version     string     `json:"version"`
		Publisher   string     `json:"publisher"`
		Source      string     `json:"source"`
		TextPolicy  TextPolicy `json:"text_policy"`
		Aliases     []string   `json:"aliases"`
		Description string     `json:"description"`
	} `json:"framework"`
	Clauses []Clause `json:"clauses"`
}

// Parse reads a framework/v1 document: it validates the document against its schema, then
// checks that clause ids are unique and that every parent is defined before its children.
// All problems are returned at once as a [schema.ErrorList].
func Parse(file string, data []byte) (*Framework, error) {
	doc, err := schema.ParseWith(file, data, schema.Options{Kind: schema.KindFramework})
	if err != nil {
		return nil, err
	}
	var d document
	if err := doc.Decode(&d); err != nil {
		return nil, schema.ErrorList{{File: file, Msg: err.Error(), Err: schema.ErrSchema}}
	}
	var errs schema.ErrorList
	seen := make(map[string]int, len(d.Clauses))
	for i, c := range d.Clauses {
		if prev, dup := seen[c.ID]; dup {
			line, _ := doc.Position(pointer(prev, "id"))
			errs = append(errs, doc.Errorf(pointer(i, "id"), ErrDuplicateClause, "clause %q is defined twice (first at line %d)", c.ID, line))
			continue
		}
		if c.Parent != "" {
			if _, ok := seen[c.Parent]; !ok {
				errs = append(errs, doc.Errorf(pointer(i, "parent"), ErrUnknownParent, "parent %q of clause %q is not defined before it", c.Parent, c.ID))
			}
		}
		seen[c.ID] = i
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	fw := d.Framework
	return &Framework{
		id: fw.ID, name: fw.Name, version: fw.Version, publisher: fw.Publisher, source: fw.Source,
		description: fw.Description, textPolicy: fw.TextPolicy, aliases: fw.Aliases, clauses: d.Clauses,
	}, nil
}

func pointer(i int, field string) string {
	return "/clauses/" + strconv.Itoa(i) + "/" + field
}
