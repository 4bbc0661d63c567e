package oscal

// The OSCAL 1.2.2 JSON structures srmkit writes and reads: the parts of the catalog, component
// definition and control mapping models it uses, with the field names of the OSCAL JSON
// format. Fields srmkit never fills are left out; a document read back may hold more, which
// the decoder ignores.

// Document is one OSCAL document: exactly one of its models is set.
type Document struct {
	Catalog             *Catalog             `json:"catalog,omitempty"`
	ComponentDefinition *ComponentDefinition `json:"component-definition,omitempty"`
	MappingCollection   *MappingCollection   `json:"mapping-collection,omitempty"`
}

// Metadata is a document's title, dates, versions, roles and parties.
type Metadata struct {
	Title              string             `json:"title"`
	LastModified       string             `json:"last-modified"`
	Version            string             `json:"version"`
	OSCALVersion       string             `json:"oscal-version"`
	Props              []Property         `json:"props,omitempty"`
	Links              []Link             `json:"links,omitempty"`
	Roles              []Role             `json:"roles,omitempty"`
	Parties            []Party            `json:"parties,omitempty"`
	ResponsibleParties []ResponsibleParty `json:"responsible-parties,omitempty"`
	Remarks            string             `json:"remarks,omitempty"`
}

// Property is a name-value pair, qualified by a namespace when the name is not OSCAL's own.
type Property struct {
	Name    string `json:"name"`
	NS      string `json:"ns,omitempty"`
	Value   string `json:"value"`
	Class   string `json:"class,omitempty"`
	Remarks string `json:"remarks,omitempty"`
}

// Link points at a resource: a URL, or "#uuid" for a back-matter resource.
type Link struct {
	Href      string `json:"href"`
	Rel       string `json:"rel,omitempty"`
	MediaType string `json:"media-type,omitempty"`
	Text      string `json:"text,omitempty"`
}

// Role is a function a party performs.
type Role struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
}

// Party is an organisation or a team.
type Party struct {
	UUID                  string   `json:"uuid"`
	Type                  string   `json:"type"` // organization or person
	Name                  string   `json:"name,omitempty"`
	ShortName             string   `json:"short-name,omitempty"`
	Links                 []Link   `json:"links,omitempty"`
	MemberOfOrganizations []string `json:"member-of-organizations,omitempty"`
	Remarks               string   `json:"remarks,omitempty"`
}

// ResponsibleParty names the parties that perform a role for the whole document.
type ResponsibleParty struct {
	RoleID     string   `json:"role-id"`
	PartyUUIDs []string `json:"party-uuids"`
}

// ResponsibleRole names a role, and optionally its parties, that answers for a component or
// an implemented requirement; its remarks say what that role does there.
type ResponsibleRole struct {
	RoleID     string     `json:"role-id"`
	Props      []Property `json:"props,omitempty"`
	PartyUUIDs []string   `json:"party-uuids,omitempty"`
	Remarks    string     `json:"remarks,omitempty"`
}

// BackMatter holds the resources a document refers to by "#uuid".
type BackMatter struct {
	Resources []Resource `json:"resources,omitempty"`
}

// Resource is a document referred to, with where to find it.
type Resource struct {
	UUID        string     `json:"uuid"`
	Title       string     `json:"title,omitempty"`
	Description string     `json:"description,omitempty"`
	Props       []Property `json:"props,omitempty"`
	Citation    *Citation  `json:"citation,omitempty"`
	RLinks      []RLink    `json:"rlinks,omitempty"`
	Remarks     string     `json:"remarks,omitempty"`
}

// Citation is how to cite a resource.
type Citation struct {
	Text string `json:"text"`
}

// RLink is one place a resource can be read.
type RLink struct {
	Href      string `json:"href"`
	MediaType string `json:"media-type,omitempty"`
}

// Catalog is an OSCAL control catalog.
type Catalog struct {
	UUID       string      `json:"uuid"`
	Metadata   Metadata    `json:"metadata"`
	Groups     []Group     `json:"groups,omitempty"`
	Controls   []Control   `json:"controls,omitempty"`
	BackMatter *BackMatter `json:"back-matter,omitempty"`
}

// Group is a level of a catalog's hierarchy that is not itself a requirement.
type Group struct {
	ID       string     `json:"id,omitempty"`
	Class    string     `json:"class,omitempty"`
	Title    string     `json:"title"`
	Props    []Property `json:"props,omitempty"`
	Parts    []Part     `json:"parts,omitempty"`
	Controls []Control  `json:"controls,omitempty"`
}

// Control is one requirement of a catalog, with the requirements it contains.
type Control struct {
	ID       string     `json:"id"`
	Class    string     `json:"class,omitempty"`
	Title    string     `json:"title"`
	Props    []Property `json:"props,omitempty"`
	Links    []Link     `json:"links,omitempty"`
	Parts    []Part     `json:"parts,omitempty"`
	Controls []Control  `json:"controls,omitempty"`
}

// Part is a piece of a control's text.
type Part struct {
	ID    string     `json:"id,omitempty"`
	Name  string     `json:"name"`
	NS    string     `json:"ns,omitempty"`
	Class string     `json:"class,omitempty"`
	Title string     `json:"title,omitempty"`
	Props []Property `json:"props,omitempty"`
	Prose string     `json:"prose,omitempty"`
	Parts []Part     `json:"parts,omitempty"`
}

// ComponentDefinition is a set of components and the controls each implements.
type ComponentDefinition struct {
	UUID       string      `json:"uuid"`
	Metadata   Metadata    `json:"metadata"`
	Components []Component `json:"components,omitempty"`
	BackMatter *BackMatter `json:"back-matter,omitempty"`
}

// Component is a service, or the organisation's policies and procedures.
type Component struct {
	UUID                   string                  `json:"uuid"`
	Type                   string                  `json:"type"`
	Title                  string                  `json:"title"`
	Description            string                  `json:"description"`
	Purpose                string                  `json:"purpose,omitempty"`
	Props                  []Property              `json:"props,omitempty"`
	Links                  []Link                  `json:"links,omitempty"`
	ResponsibleRoles       []ResponsibleRole       `json:"responsible-roles,omitempty"`
	ControlImplementations []ControlImplementation `json:"control-implementations,omitempty"`
	Remarks                string                  `json:"remarks,omitempty"`
}

// ControlImplementation is what a component does for the controls of one catalog.
type ControlImplementation struct {
	UUID                    string                   `json:"uuid"`
	Source                  string                   `json:"source"`
	Description             string                   `json:"description"`
	Props                   []Property               `json:"props,omitempty"`
	ImplementedRequirements []ImplementedRequirement `json:"implemented-requirements"`
}

// ImplementedRequirement is what a component does for one control of the catalog.
type ImplementedRequirement struct {
	UUID             string            `json:"uuid"`
	ControlID        string            `json:"control-id"`
	Description      string            `json:"description"`
	Props            []Property        `json:"props,omitempty"`
	ResponsibleRoles []ResponsibleRole `json:"responsible-roles,omitempty"`
	Remarks          string            `json:"remarks,omitempty"`
}

// MappingCollection is a set of control mappings and how they were made.
type MappingCollection struct {
	UUID       string      `json:"uuid"`
	Metadata   Metadata    `json:"metadata"`
	Provenance Provenance  `json:"provenance"`
	Mappings   []Mapping   `json:"mappings"`
	BackMatter *BackMatter `json:"back-matter,omitempty"`
}

// Provenance says how the mappings of a collection were made.
type Provenance struct {
	Method             string     `json:"method"`             // human, automation or hybrid
	MatchingRationale  string     `json:"matching-rationale"` // syntactic, semantic or functional
	Status             string     `json:"status"`
	MappingDescription string     `json:"mapping-description"`
	Props              []Property `json:"props,omitempty"`
	Links              []Link     `json:"links,omitempty"`
	Remarks            string     `json:"remarks,omitempty"`
}

// Mapping relates the controls of a source catalog to those of a target catalog.
type Mapping struct {
	UUID             string      `json:"uuid"`
	Status           string      `json:"status,omitempty"`
	SourceResource   ResourceRef `json:"source-resource"`
	TargetResource   ResourceRef `json:"target-resource"`
	Maps             []Map       `json:"maps"`
	Props            []Property  `json:"props,omitempty"`
	Remarks          string      `json:"remarks,omitempty"`
	SourceGapSummary *GapSummary `json:"source-gap-summary,omitempty"`
	TargetGapSummary *GapSummary `json:"target-gap-summary,omitempty"`
	Coverage         *Coverage   `json:"coverage,omitempty"`
}

// ResourceRef names the catalog on one side of a mapping.
type ResourceRef struct {
	Type    string     `json:"type"`
	Href    string     `json:"href"`
	Props   []Property `json:"props,omitempty"`
	Remarks string     `json:"remarks,omitempty"`
}

// Map is one relationship between source and target controls.
type Map struct {
	UUID            string      `json:"uuid"`
	NS              string      `json:"ns,omitempty"`
	Relationship    string      `json:"relationship"`
	Sources         []Item      `json:"sources"`
	Targets         []Item      `json:"targets"`
	ConfidenceScore *Confidence `json:"confidence-score,omitempty"`
	Props           []Property  `json:"props,omitempty"`
	Remarks         string      `json:"remarks,omitempty"`
}

// Item is one control on either side of a map.
type Item struct {
	Type    string     `json:"type"` // control or statement
	IDRef   string     `json:"id-ref"`
	Props   []Property `json:"props,omitempty"`
	Remarks string     `json:"remarks,omitempty"`
}

// Confidence is the mapper's confidence in a map, as a fraction from 0 to 1.
type Confidence struct {
	Percentage *float64 `json:"percentage,omitempty"`
	Category   string   `json:"category,omitempty"`
}

// Coverage is the share of the target controls the sources cover, from 0 to 1.
type Coverage struct {
	TargetCoverage   float64 `json:"target-coverage"`
	GenerationMethod string  `json:"generation-method,omitempty"`
}

// GapSummary lists the controls of one side that no map relates.
type GapSummary struct {
	UUID             string      `json:"uuid"`
	UnmappedControls []Selection `json:"unmapped-controls"`
}

// Selection selects controls by id.
type Selection struct {
	WithIDs []string `json:"with-ids"`
}
