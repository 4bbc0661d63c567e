package srm

import (
	"errors"
	"fmt"
	"iter"
	mathbits "math/bits"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/srmkit/srmkit/schema/diag"
)

// Assignment says who owns one layer of one service and what each party does there.
type Assignment struct {
	Layer    Layer  `json:"layer"`
	Owner    Owner  `json:"owner"`
	Provider string `json:"provider"` // what the provider does at this layer
	Customer string `json:"customer"` // what the customer does at this layer
	// Basis names what the owner line relies on: a baseline row, a documentation page.
	Basis string `json:"basis,omitempty"`
}

// Service is one provider service and the owner of each of the fifteen layers.
type Service struct {
	// ID is the provider and the service's lower-case short name: aws/ec2, azure/app-service,
	// gcp/cloud-run. Queries also accept AWS's ids without the prefix (ec2).
	ID       string   `json:"id"`
	Provider Provider `json:"provider"`
	Name     string   `json:"name"` // e.g. Amazon EC2
	Tier     Tier     `json:"tier"`
	Summary  string   `json:"summary"`
	// Baseline is the slug of Microsoft's security baseline the Azure data follows.
	Baseline string `json:"baseline,omitempty"`
	// Basis names the sources the layer owners rely on.
	Basis string `json:"basis,omitempty"`
	// Mixed, when set, explains how responsibility depends on the way the service is run
	// (EKS self-managed nodes vs Fargate, ECS on EC2 vs Fargate).
	Mixed  string                `json:"mixed,omitempty"`
	Layers [NumLayers]Assignment `json:"layers"` // bottom to top, in the order of Layers()
}

// Short is the id without its provider prefix: ec2, app-service.
func (s *Service) Short() string {
	_, id := SplitServiceID(s.ID)
	return id
}

// SplitServiceID splits "azure/app-service" into its provider and short id; an id without a
// prefix is AWS's. The provider is not checked.
func SplitServiceID(id string) (Provider, string) {
	if p, short, ok := strings.Cut(id, "/"); ok {
		return Provider(p), short
	}
	return AWS, id
}

// Owner returns who owns layer l of the service.
func (s *Service) Owner(l Layer) Owner {
	if i := l.Index(); i >= 0 {
		return s.Layers[i].Owner
	}
	return ""
}

// ControlID identifies a control: DOMAIN-NN, e.g. IAM-01.
type ControlID string

// Source is where a piece of evidence comes from.
type Source struct {
	Kind SourceKind `json:"kind"`
	Ref  string     `json:"ref"` // the rule identifier, control id, event name, API call or document
	// Title is the display name of an Azure Policy definition, whose Ref is a GUID.
	Title string `json:"title,omitempty"`
}

// Evidence is one thing an auditor asks to see for a control.
type Evidence struct {
	ID          string     `json:"id"` // the control id and the item's position: IAM-01-E1
	Description string     `json:"description"`
	Artifact    Artifact   `json:"artifact,omitempty"`
	Collection  Collection `json:"collection"`
	Frequency   Frequency  `json:"frequency"`
	// Provider, when set, limits the item to scopes that use one of that provider's services:
	// its sources are that provider's tooling.
	Provider Provider `json:"provider,omitempty"`
	// Services, when set, limits the item to scopes that use one of these services.
	Services []string `json:"services,omitempty"`
	Sources  []Source `json:"sources"`
}

// Control is a security or privacy control and the evidence that shows it operates.
type Control struct {
	ID    ControlID `json:"id"`
	Title string    `json:"title"`
	// Aliases are retired ids merged into this control; they still resolve to it.
	Aliases   []ControlID `json:"aliases,omitempty"`
	Objective string      `json:"objective,omitempty"`
	Domain    Domain      `json:"domain"`
	Type      ControlType `json:"type"`
	// Layers are the stack layers the control acts on. Its responsibility for a set of
	// services follows their owners; an organisational control has none.
	Layers []Layer `json:"layers"`
	// Tiers and Services, when set, restrict the control to those tiers or services.
	Tiers    []Tier   `json:"tiers,omitempty"`
	Services []string `json:"services,omitempty"`
	Provider string   `json:"provider,omitempty"` // the provider's part (AWS's, in the built-in catalog)
	Customer string   `json:"customer,omitempty"` // the customer's part
	// Clouds hold each other provider's and customer's parts, where they differ from Provider
	// and Customer, or why the control has no counterpart on that provider.
	Clouds   []Part     `json:"clouds,omitempty"`
	Evidence []Evidence `json:"evidence"`
}

// Part is what the provider and the customer do for a control on one cloud.
type Part struct {
	Cloud    Provider `json:"cloud"`
	Provider string   `json:"provider,omitempty"`
	Customer string   `json:"customer,omitempty"`
	// NotApplicable, when set, says why the control has no counterpart on this cloud: it then
	// applies to none of its services.
	NotApplicable string `json:"not_applicable,omitempty"`
}

// On returns the parts of a control on provider p: its own entry in Clouds, or else the
// control's Provider and Customer.
func (c *Control) On(p Provider) Part {
	for _, pt := range c.Clouds {
		if pt.Cloud == p {
			return pt
		}
	}
	return Part{Cloud: p, Provider: c.Provider, Customer: c.Customer}
}

// Clone returns a deep copy, safe to modify.
func (c Control) Clone() Control {
	c.Aliases = slices.Clone(c.Aliases)
	c.Layers = slices.Clone(c.Layers)
	c.Tiers = slices.Clone(c.Tiers)
	c.Services = slices.Clone(c.Services)
	c.Clouds = slices.Clone(c.Clouds)
	ev := make([]Evidence, len(c.Evidence))
	for i, e := range c.Evidence {
		e.Services = slices.Clone(e.Services)
		e.Sources = slices.Clone(e.Sources)
		ev[i] = e
	}
	c.Evidence = ev
	return c
}

// bits is a set of services by position; 256 is far above what a provider catalog needs and
// keeps scope arithmetic to four machine words.
type bits [4]uint64

const maxServices = 256

func (b *bits) set(i int)          { b[i>>6] |= 1 << (uint(i) & 63) }
func (b bits) has(i int) bool      { return b[i>>6]&(1<<(uint(i)&63)) != 0 }
func (b bits) and(o bits) (r bits) { return bits{b[0] & o[0], b[1] & o[1], b[2] & o[2], b[3] & o[3]} }

// row is what a control needs to answer responsibility for any scope in a few word operations.
type row struct {
	applies                  bits           // services the control applies to
	provider, customer, shrd bits           // services where one of its layers has that owner
	fixed                    Responsibility // set when the answer does not depend on the scope
}

// universe is a model's set of services. Scopes point at it, so that a scope is only used with
// models that share its services: the model it was built from and those [Model.WithControls]
// derives from it.
type universe struct {
	services []Service
	idx      map[string]int // full ids, and AWS's ids without prefix
	all      bits
	clouds   [3]bits // services by provider, in the order of Providers
}

// newUniverse indexes services, whose ids must already be full.
func newUniverse(services []Service) (*universe, error) {
	u := &universe{services: services, idx: make(map[string]int, len(services)*3/2)}
	for i := range services {
		s := &services[i]
		p, short := SplitServiceID(s.ID)
		if !strings.Contains(s.ID, "/") || p != s.Provider || p.Order() < 0 || short == "" {
			return nil, fmt.Errorf("service %q: the id must be the provider and a short name, as in aws/ec2", s.ID)
		}
		if _, dup := u.idx[s.ID]; dup {
			return nil, fmt.Errorf("%w: service %q defined twice", ErrDuplicateService, s.ID)
		}
		u.idx[s.ID] = i
		if p == AWS {
			u.idx[short] = i
		}
		u.all.set(i)
		u.clouds[p.Order()].set(i)
	}
	return u, nil
}

// canonical is the full id of a known service id.
func (u *universe) canonical(id string) (string, bool) {
	i, ok := u.idx[id]
	if !ok {
		return "", false
	}
	return u.services[i].ID, true
}

// Model is a provider's services and a control catalog, with the indexes the queries use.
// It is immutable and safe for concurrent use; every value it returns is a copy.
type Model struct {
	u        *universe
	controls []Control
	ctlIdx   map[ControlID]int
	rows     []row
}

// Sentinel causes. Compare with errors.Is.
var (
	// ErrUnknownService: a service id the model does not know.
	ErrUnknownService = errors.New("unknown service")
	// ErrZeroScope: a Scope that was never built; get one from Model.Scope or Model.All.
	ErrZeroScope = errors.New("zero Scope: build one with Scope or All")
	// ErrForeignScope: a Scope built from a model with other services.
	ErrForeignScope = errors.New("scope built from another model")
	// ErrDuplicateService: two services with one id.
	ErrDuplicateService = errors.New("duplicate service id")
	// ErrDuplicateControl: two controls, or a control and an alias, with one id.
	ErrDuplicateControl = errors.New("duplicate control id")
)

// NewModel indexes services and controls, which it copies. Controls must name known services
// and ids must be unique. A service's id may omit its provider prefix (ec2 with Provider aws);
// without a Provider it is taken from the prefix, and an id with neither is AWS's. Controls and
// evidence may name AWS services without the prefix; the model holds full ids.
func NewModel(services []Service, controls []Control) (*Model, error) {
	if len(services) > maxServices {
		return nil, fmt.Errorf("%d services; at most %d are supported", len(services), maxServices)
	}
	ss := slices.Clone(services)
	for i := range ss {
		s := &ss[i]
		if !strings.Contains(s.ID, "/") {
			if s.Provider == "" {
				s.Provider = AWS
			}
			s.ID = string(s.Provider) + "/" + s.ID
		} else if s.Provider == "" {
			s.Provider, _ = SplitServiceID(s.ID)
		}
	}
	u, err := newUniverse(ss)
	if err != nil {
		return nil, err
	}
	return newModel(u, cloneControls(controls))
}

// WithControls returns a model with the same services, so that scopes built from either serve
// both, and the controls of m followed by extra (copied).
func (m *Model) WithControls(extra []Control) (*Model, error) {
	return newModel(m.u, append(slices.Clip(m.controls), cloneControls(extra)...))
}

func cloneControls(cs []Control) []Control {
	out := make([]Control, len(cs))
	for i := range cs {
		out[i] = cs[i].Clone()
	}
	return out
}

// newModel takes ownership of controls.
func newModel(u *universe, controls []Control) (*Model, error) {
	m := &Model{u: u, controls: controls, ctlIdx: make(map[ControlID]int, len(controls))}
	m.rows = make([]row, len(controls))
	for i := range controls {
		c := &controls[i]
		if err := u.canonicalise(c); err != nil {
			return nil, err
		}
		if _, dup := m.ctlIdx[c.ID]; dup {
			return nil, fmt.Errorf("%w: control %s defined twice", ErrDuplicateControl, c.ID)
		}
		m.ctlIdx[c.ID] = i
		r, err := m.row(c)
		if err != nil {
			return nil, err
		}
		m.rows[i] = r
	}
	for i := range controls {
		for _, a := range controls[i].Aliases {
			if _, dup := m.ctlIdx[a]; dup {
				return nil, fmt.Errorf("%w: control %s: alias %s is already an id or alias", ErrDuplicateControl, controls[i].ID, a)
			}
			m.ctlIdx[a] = i
		}
	}
	return m, nil
}

// canonicalise writes the full id of every service a control names, in place. It writes only
// ids that change: controls a model already holds are canonical, and models derived with
// [Model.WithControls] share them with readers.
func (u *universe) canonicalise(c *Control) error {
	for j, id := range c.Services {
		full, ok := u.canonical(id)
		if !ok {
			return fmt.Errorf("control %s: %w %q", c.ID, ErrUnknownService, id)
		}
		if full != id {
			c.Services[j] = full
		}
	}
	for k := range c.Evidence {
		e := &c.Evidence[k]
		for j, id := range e.Services {
			full, ok := u.canonical(id)
			if !ok {
				return fmt.Errorf("control %s evidence %s: %w %q", c.ID, e.ID, ErrUnknownService, id)
			}
			if full != id {
				e.Services[j] = full
			}
		}
	}
	return nil
}

// Resolve returns the current id of a control named by its id or by a retired id merged into
// it.
func (m *Model) Resolve(id ControlID) (ControlID, bool) {
	i, ok := m.ctlIdx[id]
	if !ok {
		return "", false
	}
	return m.controls[i].ID, true
}

func (m *Model) row(c *Control) (row, error) {
	var r row
	for _, id := range c.Services {
		i, ok := m.u.idx[id]
		if !ok {
			return r, fmt.Errorf("control %s: %w %q", c.ID, ErrUnknownService, id)
		}
		r.applies.set(i)
	}
	for _, e := range c.Evidence {
		for _, id := range e.Services {
			if _, ok := m.u.idx[id]; !ok {
				return r, fmt.Errorf("control %s evidence %s: %w %q", c.ID, e.ID, ErrUnknownService, id)
			}
		}
	}
	if len(c.Services) == 0 {
		r.applies = m.u.all
	}
	for _, pt := range c.Clouds {
		if pt.NotApplicable != "" && pt.Cloud.Order() >= 0 {
			off := m.u.clouds[pt.Cloud.Order()]
			for w := range r.applies {
				r.applies[w] &^= off[w]
			}
		}
	}
	switch {
	case c.Type == Inherited:
		r.fixed = RespInherited
	case len(c.Layers) == 0 && c.Type == Shared:
		r.fixed = RespShared
	case len(c.Layers) == 0:
		r.fixed = RespCustomer
	}
	if len(c.Tiers) > 0 {
		var t bits
		for i, s := range m.u.services {
			if slices.Contains(c.Tiers, s.Tier) {
				t.set(i)
			}
		}
		r.applies = r.applies.and(t)
	}
	for i := range m.u.services {
		s := &m.u.services[i]
		for _, l := range c.Layers {
			switch s.Owner(l) {
			case OwnerProvider:
				r.provider.set(i)
			case OwnerCustomer:
				r.customer.set(i)
			case OwnerShared:
				r.shrd.set(i)
			}
		}
	}
	return r, nil
}

// Default returns the model built into the package: AWS's services and srmkit's control
// catalog. Safe for concurrent use.
func Default() *Model {
	defaultOnce.Do(func() {
		// The generated tables are the model's own storage: NewModel would copy them for nothing.
		u, err := newUniverse(builtinServices[:])
		if err != nil {
			panic("srm: built-in data is inconsistent: " + err.Error()) // checked when generated and in tests
		}
		m, err := newModel(u, builtinControls[:])
		if err != nil {
			panic("srm: built-in data is inconsistent: " + err.Error()) // checked when generated and in tests
		}
		defaultModel = m
	})
	return defaultModel
}

var (
	defaultOnce  sync.Once
	defaultModel *Model
)

// Services yields every service in catalog order.
func (m *Model) Services() iter.Seq[Service] {
	return func(yield func(Service) bool) {
		for _, s := range m.u.services {
			if !yield(s) {
				return
			}
		}
	}
}

// Service returns the service with the given id (aws/ec2, or AWS's ec2).
func (m *Model) Service(id string) (Service, bool) {
	i, ok := m.u.idx[id]
	if !ok {
		return Service{}, false
	}
	return m.u.services[i], true
}

// ServicesByTier yields the services of one tier in catalog order.
func (m *Model) ServicesByTier(t Tier) iter.Seq[Service] {
	return func(yield func(Service) bool) {
		for _, s := range m.u.services {
			if s.Tier == t && !yield(s) {
				return
			}
		}
	}
}

// ServicesOf yields the services of one provider in catalog order.
func (m *Model) ServicesOf(p Provider) iter.Seq[Service] {
	return func(yield func(Service) bool) {
		for _, s := range m.u.services {
			if s.Provider == p && !yield(s) {
				return
			}
		}
	}
}

// Owner returns who owns a layer of a service.
func (m *Model) Owner(service string, l Layer) (Owner, bool) {
	i, ok := m.u.idx[service]
	if !ok || l.Index() < 0 {
		return "", false
	}
	return m.u.services[i].Layers[l.Index()].Owner, true
}

// Controls yields a copy of every control, in catalog order.
func (m *Model) Controls() iter.Seq[Control] {
	return func(yield func(Control) bool) {
		for i := range m.controls {
			if !yield(m.controls[i].Clone()) {
				return
			}
		}
	}
}

// Control returns a copy of the control with the given id or alias.
func (m *Model) Control(id ControlID) (Control, bool) {
	i, ok := m.ctlIdx[id]
	if !ok {
		return Control{}, false
	}
	return m.controls[i].Clone(), true
}

// IDs yields the id of every control, in catalog order.
func (m *Model) IDs() iter.Seq[ControlID] {
	return func(yield func(ControlID) bool) {
		for i := range m.controls {
			if !yield(m.controls[i].ID) {
				return
			}
		}
	}
}

// Title returns the title of the control at position i (see [Model.Index]).
func (m *Model) Title(i int) string {
	if i < 0 || i >= len(m.controls) {
		return ""
	}
	return m.controls[i].Title
}

// Len returns the number of services and of controls.
func (m *Model) Len() (services, controls int) { return len(m.u.services), len(m.controls) }

// Index returns the position in the model of the control with the given id or alias, for
// callers that keep per-control tables.
func (m *Model) Index(id ControlID) (int, bool) {
	i, ok := m.ctlIdx[id]
	return i, ok
}

// Scope is a set of services in use, built by [Model.Scope] or [Model.All] and usable with that
// model and the models derived from it. The zero Scope names no model: queries refuse it with
// [ErrZeroScope] rather than read it as "no service" or "every service", so that a scope whose
// construction failed cannot pass unnoticed.
type Scope struct {
	u   *universe
	set bits
}

// All returns the scope of every service.
func (m *Model) All() Scope { return Scope{m.u, m.u.all} }

// Scope builds the scope of the named services; with none, every service is in scope. Unknown
// or empty ids are an error that names each, with a suggestion where one is close.
func (m *Model) Scope(ids ...string) (Scope, error) {
	if len(ids) == 0 {
		return m.All(), nil
	}
	s := Scope{u: m.u}
	var bad []string
	for _, id := range ids {
		i, ok := m.u.idx[id]
		if !ok {
			if id == "" {
				bad = append(bad, `"" (an empty service id)`)
			} else {
				bad = append(bad, strconv.Quote(id)+m.suggest(id))
			}
			continue
		}
		s.set.set(i)
	}
	if len(bad) > 0 {
		return Scope{}, fmt.Errorf("%w %s", ErrUnknownService, strings.Join(bad, ", "))
	}
	return s, nil
}

// suggest names the service id closest to an unknown one. An id without a prefix that is, or
// nearly is, another provider's short name (app-service) is pointed at that provider's full id.
func (m *Model) suggest(id string) string {
	if sg := diag.Suggest(id, m.serviceIDs); sg != "" || strings.Contains(id, "/") {
		return sg
	}
	others := func(yield func(string) bool) { // other providers' short names
		for i := range m.u.services {
			if s := &m.u.services[i]; s.Provider != AWS && !yield(s.Short()) {
				return
			}
		}
	}
	short := id
	if !slices.ContainsFunc(m.u.services, func(s Service) bool { return s.Provider != AWS && s.Short() == id }) {
		if short = diag.Closest(id, others); short == "" {
			return ""
		}
	}
	var full []string
	for i := range m.u.services {
		if s := &m.u.services[i]; s.Provider != AWS && s.Short() == short {
			full = append(full, s.ID)
		}
	}
	return " (did you mean " + strings.Join(full, " or ") + "?)"
}

// serviceIDs yields the ids to suggest from: every full id, and AWS's without the prefix.
func (m *Model) serviceIDs(yield func(string) bool) {
	for i := range m.u.services {
		s := &m.u.services[i]
		if !yield(s.ID) || (s.Provider == AWS && !yield(s.Short())) {
			return
		}
	}
}

// IsZero reports whether the scope was never built.
func (s Scope) IsZero() bool { return s.u == nil }

// Len returns the number of services in scope.
func (s Scope) Len() int {
	return mathbits.OnesCount64(s.set[0]) + mathbits.OnesCount64(s.set[1]) + mathbits.OnesCount64(s.set[2]) + mathbits.OnesCount64(s.set[3])
}

// Whole reports whether every service of the scope's model is in it.
func (s Scope) Whole() bool { return s.u != nil && s.set == s.u.all }

// Providers returns the providers of the services in scope, in the order of [Providers].
func (s Scope) Providers() []Provider {
	if s.u == nil {
		return nil
	}
	var out []Provider
	for i, p := range providers {
		if s.set.and(s.u.clouds[i]) != (bits{}) {
			out = append(out, p)
		}
	}
	return out
}

// Of returns the part of the scope on provider p: a scope of the same model, empty when no
// service of p is in it (see [Scope.Len]).
func (s Scope) Of(p Provider) Scope {
	if s.u == nil || p.Order() < 0 {
		return Scope{u: s.u}
	}
	return Scope{u: s.u, set: s.set.and(s.u.clouds[p.Order()])}
}

// Has reports whether the service is in scope.
func (s Scope) Has(service string) bool {
	if s.u == nil {
		return false
	}
	i, ok := s.u.idx[service]
	return ok && s.set.has(i)
}

// Services yields the ids of the services in scope, in catalog order.
func (s Scope) Services() iter.Seq[string] {
	return func(yield func(string) bool) {
		if s.u == nil {
			return
		}
		for i, sv := range s.u.services {
			if s.set.has(i) && !yield(sv.ID) {
				return
			}
		}
	}
}

// String lists the services in scope, comma-separated, or says it holds every service.
func (s Scope) String() string {
	switch {
	case s.u == nil:
		return "(zero scope)"
	case s.Whole():
		return "all services"
	}
	return strings.Join(slices.Collect(s.Services()), ",")
}

// View is a model seen from one scope: the answers that depend on which services are in use.
// Get one from [Model.In], which checks the scope once.
type View struct {
	m *Model
	s Scope
}

// In returns the model's view from a scope built from it, or from a model sharing its services.
func (m *Model) In(s Scope) (View, error) {
	switch {
	case s.u == nil:
		return View{}, ErrZeroScope
	case s.u != m.u:
		return View{}, ErrForeignScope
	}
	return View{m, s}, nil
}

// Owns reports whether s was built from m or from a model sharing its services: whether
// [Model.In] accepts it.
func (m *Model) Owns(s Scope) bool { return s.u != nil && s.u == m.u }

// Scope returns the view's scope.
func (v View) Scope() Scope { return v.s }

// Responsibility says who answers for control id when the services in scope are used, and
// whether the control applies there at all. Inherited controls are the provider's wherever they
// apply; an organisational control (no layers) is the customer's, or shared when its type is
// shared; otherwise the owners of the control's layers for the services in scope decide: all
// provider gives inherited, all customer gives customer, anything else shared.
func (v View) Responsibility(id ControlID) (Responsibility, bool) {
	i, ok := v.m.ctlIdx[id]
	if !ok {
		return "", false
	}
	return v.m.responsibility(i, &v.s)
}

// ResponsibilityAt is [View.Responsibility] for the control at position i (see [Model.Index]);
// it does no map lookup, for hot loops.
func (v View) ResponsibilityAt(i int) (Responsibility, bool) {
	if i < 0 || i >= len(v.m.rows) {
		return "", false
	}
	return v.m.responsibility(i, &v.s)
}

func (m *Model) responsibility(i int, s *Scope) (Responsibility, bool) {
	r := &m.rows[i]
	// Written out word by word: this runs once per match in every query.
	in0, in1, in2, in3 := s.set[0]&r.applies[0], s.set[1]&r.applies[1], s.set[2]&r.applies[2], s.set[3]&r.applies[3]
	if in0|in1|in2|in3 == 0 {
		return "", false
	}
	if r.fixed != "" {
		return r.fixed, true
	}
	p := in0&r.provider[0]|in1&r.provider[1]|in2&r.provider[2]|in3&r.provider[3] != 0
	cu := in0&r.customer[0]|in1&r.customer[1]|in2&r.customer[2]|in3&r.customer[3] != 0
	sh := in0&r.shrd[0]|in1&r.shrd[1]|in2&r.shrd[2]|in3&r.shrd[3] != 0
	switch {
	case sh || (p && cu):
		return RespShared, true
	case p:
		return RespInherited, true
	default:
		return RespCustomer, true
	}
}

// EvidenceApplies reports whether an evidence item is collected in scope: items without a
// provider or a service list always are; the others when a service of their provider, and one
// of their services, is in scope.
func (v View) EvidenceApplies(e *Evidence) bool {
	if e.Provider != "" {
		i := e.Provider.Order()
		if i < 0 || v.s.set.and(v.m.u.clouds[i]) == (bits{}) {
			return false
		}
	}
	if len(e.Services) == 0 {
		return true
	}
	for _, id := range e.Services {
		if i, ok := v.m.u.idx[id]; ok && v.s.set.has(i) {
			return true
		}
	}
	return false
}

// Applied is a control that applies in a scope, with who answers for it there.
type Applied struct {
	Control        Control // a copy
	Responsibility Responsibility
}

// Applicable yields the controls that apply to the services in scope, in catalog order, with
// their responsibility there.
func (v View) Applicable() iter.Seq[Applied] {
	return func(yield func(Applied) bool) {
		for i := range v.m.controls {
			if r, ok := v.m.responsibility(i, &v.s); ok {
				if !yield(Applied{v.m.controls[i].Clone(), r}) {
					return
				}
			}
		}
	}
}
