package mapping

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/srmkit/srmkit/frameworks"
	"github.com/srmkit/srmkit/schema"
	"github.com/srmkit/srmkit/srm"
)

// Problems found when mapping data is well-formed but inconsistent. They are wrapped by
// [schema.Error] values carrying the position.
var (
	ErrUnknownControl   = errors.New("unknown control")
	ErrUnknownFramework = errors.New("unknown framework")
	ErrUnknownClause    = errors.New("unknown clause")
	ErrNotLeaf          = errors.New("mapping to a clause that has children")
	ErrDuplicateEdge    = errors.New("repeated mapping")
	ErrUnaccounted      = errors.New("clause neither mapped nor marked not applicable")
	ErrCollision        = errors.New("id collides with an existing one")
	ErrConflict         = errors.New("overlays disagree")
	ErrUnjudged         = errors.New("clause without a completeness judgement")
	ErrUnmappedControl  = errors.New("control neither mapped nor marked unmapped")
	ErrInconsistent     = errors.New("inconsistent mapping data")
)

// Table is one mappings/v1 document: the links from controls to one framework's clauses, the
// clauses that do not apply to a cloud customer, how completely the mapped controls meet each
// clause, and the controls judged to serve none. A framework's table may be split over several
// documents.
type Table struct {
	Framework     frameworks.ID
	Mappings      []Mapping
	NotApplicable []NotApplicable
	Completeness  []Completeness
	Unmapped      []Unmapped
	doc           *schema.Document
	overlay       bool // an organisation's own mappings, added by [Catalog.With]
}

// ParseTable reads a mappings/v1 document. References to controls and clauses are checked
// when the table joins a catalog (see [Build]).
func ParseTable(file string, data []byte) (*Table, error) {
	doc, err := schema.ParseWith(file, data, schema.Options{Kind: schema.KindMappings})
	if err != nil {
		return nil, err
	}
	var raw struct {
		Srmkit        string          `json:"srmkit"`
		Framework     frameworks.ID   `json:"framework"`
		Mappings      []Mapping       `json:"mappings"`
		NotApplicable []NotApplicable `json:"not_applicable"`
		Clauses       []Completeness  `json:"clauses"`
		Unmapped      []Unmapped      `json:"unmapped"`
	}
	if err := doc.Decode(&raw); err != nil {
		return nil, schema.ErrorList{{File: file, Msg: err.Error(), Err: schema.ErrSchema}}
	}
	t := &Table{Framework: raw.Framework, doc: doc}
	var errs schema.ErrorList
	for i, m := range raw.Mappings {
		if m.Framework != "" && m.Framework != raw.Framework {
			errs = append(errs, doc.Errorf("/mappings/"+strconv.Itoa(i)+"/framework", ErrUnknownFramework,
				"mapping names framework %s in a table for %s", m.Framework, raw.Framework))
		}
		m.Framework = raw.Framework
		t.Mappings = append(t.Mappings, m)
	}
	for _, n := range raw.NotApplicable {
		n.Framework = raw.Framework
		t.NotApplicable = append(t.NotApplicable, n)
	}
	for _, j := range raw.Clauses {
		j.Framework = raw.Framework
		t.Completeness = append(t.Completeness, j)
	}
	for _, u := range raw.Unmapped {
		u.Framework = raw.Framework
		t.Unmapped = append(t.Unmapped, u)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return t, nil
}

// errAt positions an error in a document when there is one, and names the data otherwise.
func errAt(doc *schema.Document, ptr string, cause error, format string, args ...any) *schema.Error {
	if doc != nil {
		return doc.Errorf(ptr, cause, format, args...)
	}
	return &schema.Error{File: "built-in data", Path: ptr, Msg: fmt.Sprintf(format, args...), Err: cause}
}

type edge struct {
	control srm.ControlID
	fw      frameworks.ID
	clause  string
}

type clauseKey struct {
	fw     frameworks.ID
	clause string
}
