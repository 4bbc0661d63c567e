package oscal

import (
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/srmkit/srmkit/frameworks"
	"github.com/srmkit/srmkit/mapping"
)

// Version is the OSCAL version srmkit's documents conform to.
const Version = "1.2.2"

// NS qualifies the names of srmkit's own properties, parts and relationships, as OSCAL asks
// of names it does not define.
const NS = "https://github.com/srmkit/srmkit/ns/oscal"

// oscalNS is OSCAL's own namespace, the default of every ns flag.
const oscalNS = "http://csrc.nist.gov/ns/oscal"

// released pairs the digest of the built-in data with the time it last changed. Documents
// carry this time as last-modified unless [Options.LastModified] says otherwise, so that two
// exports of the same data are byte for byte the same. A test fails when the data changes and
// this record does not.
const (
	releasedDigest = "2ec1b16086bf8cb5"
	releasedTime   = "2026-12-07T00:00:00Z"
)

// Options tune every export.
type Options struct {
	// LastModified is the document's last-modified time; zero means the time the built-in
	// data last changed, so that two exports of the same data are identical.
	LastModified time.Time
}

func (o Options) lastModified() string {
	if o.LastModified.IsZero() {
		return releasedTime
	}
	return o.LastModified.UTC().Format(time.RFC3339Nano)
}

// Errors the exports and the reader report. Compare with errors.Is.
var (
	// ErrToken: two clauses of one framework would get the same OSCAL token.
	ErrToken = errors.New("clause ids collide as OSCAL tokens")
	// ErrInvalid: a document that is not a srmkit mapping collection, or holds values srmkit
	// cannot take back.
	ErrInvalid = errors.New("invalid OSCAL document")
)

// namespace is the UUID under which srmkit names everything it exports: the version 5 UUID of
// "https://github.com/srmkit/srmkit" in the URL namespace of RFC 9562,
// 0f8c37e5-ab38-5876-88a6-b9704c040071 (a test derives it again).
var namespace = [16]byte{0x0f, 0x8c, 0x37, 0xe5, 0xab, 0x38, 0x58, 0x76, 0x88, 0xa6, 0xb9, 0x70, 0x4c, 0x04, 0x00, 0x71}

// nameUUID returns the version 5 (SHA-1, name-based) UUID of name in namespace ns.
func nameUUID(ns [16]byte, name string) [16]byte {
	h := sha1.New()
	h.Write(ns[:])
	h.Write([]byte(name))
	var u [16]byte
	copy(u[:], h.Sum(nil))
	u[6] = u[6]&0x0f | 0x50
	u[8] = u[8]&0x3f | 0x80
	return u
}

// UUID returns the version 5 UUID srmkit gives the object named by parts, joined with "/":
// the same object always gets the same UUID, whatever the run.
func UUID(parts ...string) string {
	u := nameUUID(namespace, strings.Join(parts, "/"))
	var b [36]byte
	hex.Encode(b[0:8], u[0:4])
	b[8] = '-'
	hex.Encode(b[9:13], u[4:6])
	b[13] = '-'
	hex.Encode(b[14:18], u[6:8])
	b[18] = '-'
	hex.Encode(b[19:23], u[8:10])
	b[23] = '-'
	hex.Encode(b[24:], u[10:])
	return string(b[:])
}

// contentUUID names a whole document after its content: a document changed in any way gets a
// new UUID, as OSCAL asks, and the same content keeps its UUID.
func contentUUID(kind string, body any) (string, error) {
	h := sha256.New()
	if err := json.NewEncoder(h).Encode(body); err != nil {
		return "", err
	}
	return UUID(kind, hex.EncodeToString(h.Sum(nil))), nil
}

// Token returns the OSCAL identifier of a clause id. An id that is already an OSCAL token
// (CC6.1, A.5.15, GV.OC-01) is kept as written, as NIST keeps its CSF ids in its own catalog;
// otherwise parenthesised parts become dotted ones (Art.32(1)(a) becomes Art.32.1.a), any other
// character a token cannot hold becomes "_", and an id that does not start with a letter gets
// the prefix "clause-" (ISO/IEC 27001's 6.1.2 becomes clause-6.1.2). The official id stays
// on the control as its label.
func Token(id string) string {
	if isToken(id) {
		return id
	}
	var b strings.Builder
	for _, r := range id {
		switch {
		case r == '(':
			b.WriteByte('.')
		case r == ')':
		case tokenRune(r):
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	s := b.String()
	if r, _ := utf8.DecodeRuneInString(s); !unicode.IsLetter(r) && r != '_' {
		s = "clause-" + s
	}
	return s
}

func tokenRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || r == '.' || r == '-' || r == '_'
}

// isToken reports whether s matches OSCAL's token pattern, ^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$.
func isToken(s string) bool {
	for i, r := range s {
		if i == 0 && !unicode.IsLetter(r) && r != '_' {
			return false
		}
		if !tokenRune(r) {
			return false
		}
	}
	return s != ""
}

// tokens returns every clause's token, checking that no two clauses share one.
func tokens(f *frameworks.Framework) (map[string]string, error) {
	byToken := make(map[string]string, f.Len())
	for c := range f.Clauses() {
		t := Token(c.ID)
		if prev, ok := byToken[t]; ok {
			return nil, fmt.Errorf("%w: %s %s and %s both become %s", ErrToken, f.ID(), prev, c.ID, t)
		}
		byToken[t] = c.ID
	}
	return byToken, nil
}

func prop(name, value string) Property { return Property{Name: name, NS: NS, Value: oneLine(value)} }

// oneLine makes a string fit OSCAL's string type: no line breaks, no surrounding space.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// resources names the back-matter resources every document refers to.
func controlsResource() string { return UUID("resource", "srmkit-controls") }

func frameworkResource(id frameworks.ID) string { return UUID("resource", "framework", string(id)) }

// fileName is the file name srmkit's documentation gives a framework's catalog, which the
// component definitions and mapping collections refer to; "srmkit-controls" names srmkit's own
// control catalog.
func fileName(id frameworks.ID) string { return string(id) + ".oscal.json" }

const controlsFile = "srmkit-controls.oscal.json"

// nistCatalogs are the OSCAL catalogs their publishers maintain whose control ids srmkit uses
// unchanged.
var nistCatalogs = map[frameworks.ID]string{
	"nist-csf-2.0": "https://github.com/usnistgov/oscal-content/blob/develop/src/nist.gov/CSF/v2.0/xml/NIST_CSF_v2.0_catalog.xml",
}

func frameworkBackMatter(f *frameworks.Framework) Resource {
	r := Resource{UUID: frameworkResource(f.ID()), Title: f.Name() + " " + f.Version(),
		Description: "The framework as an OSCAL catalog written by srmkit (srmkit oscal catalog --framework " + string(f.ID()) + "), and its official text.",
		Props:       []Property{prop("framework", string(f.ID()))},
		Citation:    &Citation{Text: f.Publisher() + ", " + f.Name() + ", " + f.Version()},
		RLinks:      []RLink{{Href: fileName(f.ID()), MediaType: "application/oscal.catalog+json"}, {Href: f.Source()}}}
	if u, ok := nistCatalogs[f.ID()]; ok {
		r.RLinks = append(r.RLinks, RLink{Href: u, MediaType: "application/oscal.catalog+xml"})
		r.Remarks = "Clause ids are those of the publisher's own OSCAL catalog, linked here."
	}
	return r
}

func controlsBackMatter() Resource {
	return Resource{UUID: controlsResource(), Title: "srmkit control catalog",
		Description: "srmkit's controls as an OSCAL catalog (srmkit oscal catalog --controls).",
		Props:       []Property{prop("catalog", "controls")},
		RLinks:      []RLink{{Href: controlsFile, MediaType: "application/oscal.catalog+json"}}}
}

// metadata is what every document's metadata holds: title, dates, versions and srmkit as the
// party that wrote it.
func metadata(title string, opt Options) Metadata {
	return Metadata{Title: title, LastModified: opt.lastModified(), Version: mapping.Digest(), OSCALVersion: Version,
		Props: []Property{prop("data-digest", mapping.Digest())},
		Links: []Link{{Href: "https://github.com/srmkit/srmkit", Rel: "source", Text: "srmkit"}},
		Roles: []Role{{ID: "creator", Title: "Creator"}},
		Parties: []Party{{UUID: UUID("party", "srmkit"), Type: "organization", Name: "srmkit", ShortName: "srmkit",
			Links: []Link{{Href: "https://github.com/srmkit/srmkit"}}}},
		ResponsibleParties: []ResponsibleParty{{RoleID: "creator", PartyUUIDs: []string{UUID("party", "srmkit")}}},
	}
}
