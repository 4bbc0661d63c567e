package srm

import (
	"errors"
	"fmt"
	"iter"
	"slices"
	"sort"
	"strings"
	"sync"
)

// Assignment says who owns one layer of one service and what each party does there.
type Assignment struct {
	Layer    Layer  `json:"layer"`
	Owner    Owner  `json:"owner"`
	Provider string `json:"provider"` // what the provider does at this layer
	Customer string `json:"customer"` // what the customer does at this layer
}

// Service is one provider service and the owner of each of the fifteen layers.
type Service struct {
	ID      string `json:"id"`   // AWS's lower-case short name: ec2, s3, lambda
	Name    string `json:"name"` // e.g. Amazon EC2
	Tier    Tier   `json:"tier"`
	Summary string `json:"summary"`
	// Mixed, when set, explains how responsibility depends on the way the service is run
	// (EKS self-managed nodes vs Fargate, ECS on EC2 vs Fargate).
	Mixed  string                `json:"mixed,omitempty"`
	Layers [NumLayers]Assignment `json:"layers"` // bottom to top, in the order of Layers()
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
}

// Evidence is one thing an auditor asks to see for a control.
type Evidence struct {
	ID          string     `json:"id"` // the control id and the item's position: IAM-01-E1
	Description string     `json:"description"`
	Artifact    Artifact   `json:"artifact,omitempty"`
	Collection  Collection `json:"collection"`
	Frequency   Frequency  `json:"frequency"`
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
	Tiers    []Tier     `json:"tiers,omitempty"`
	Services []string   `json:"services,omitempty"`
	Provider string     `json:"provider,omitempty"` // the provider's part
	Customer string     `json:"customer,omitempty"` // the customer's part
	Evidence []Evidence `json:"evidence"`
}

// Clone returns a deep copy, safe to modify.
func (c Control) Clone() Control {
	c.Aliases = slices.Clone(c.Aliases)
	c.Layers = slices.Clone(c.Layers)
	c.Tiers = slices.Clone(c.Tiers)
	c.Services = slices.Clone(c.Services)
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
func (b bits) empty() bool         { return b[0]|b[1]|b[2]|b[3] == 0 }

// row is what a control needs to answer responsibility for any scope in a few word operations.
type row struct {
	applies                  bits           // services the control applies to
	provider, customer, shrd bits           // services where one of its layers has that owner
	fixed                    Responsibility // set when the answer does not depend on the scope
}

// Model is a provider's services and a control catalog, with the indexes the queries use.
// It is immutable and safe for concurrent use.
type Model struct {
	services []Service
	controls []Control
	svcIdx   map[string]int
	ctlIdx   map[ControlID]int
	rows     []row
	all      bits
}

// ErrUnknownService is returned for a service id the model does not know.
var ErrUnknownService = errors.New("unknown service")

// NewModel indexes services and controls. Controls must name known services; use the parse
// functions for documents, which also report positions.
func NewModel(services []Service, controls []Control) (*Model, error) {
	if len(services) > maxServices {
		return nil, fmt.Errorf("%d services; at most %d are supported", len(services), maxServices)
	}
	m := &Model{services: services, controls: controls,
		svcIdx: make(map[string]int, len(services)), ctlIdx: make(map[ControlID]int, len(controls))}
	for i, s := range services {
		if _, dup := m.svcIdx[s.ID]; dup {
			return nil, fmt.Errorf("service %q defined twice", s.ID)
		}
		m.svcIdx[s.ID] = i
		m.all.set(i)
	}
	m.rows = make([]row, len(controls))
	for i := range controls {
		c := &controls[i]
		if _, dup := m.ctlIdx[c.ID]; dup {
			return nil, fmt.Errorf("control %q defined twice", c.ID)
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
				return nil, fmt.Errorf("control %s: alias %s is already an id or alias", controls[i].ID, a)
			}
			m.ctlIdx[a] = i
		}
	}
	return m, nil
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
		i, ok := m.svcIdx[id]
		if !ok {
			return r, fmt.Errorf("control %s: %w %q", c.ID, ErrUnknownService, id)
		}
		r.applies.set(i)
	}
	for _, e := range c.Evidence {
		for _, id := range e.Services {
			if _, ok := m.svcIdx[id]; !ok {
				return r, fmt.Errorf("control %s evidence %s: %w %q", c.ID, e.ID, ErrUnknownService, id)
			}
		}
	}
	if len(c.Services) == 0 {
		r.applies = m.all
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
		for i, s := range m.services {
			if slices.Contains(c.Tiers, s.Tier) {
				t.set(i)
			}
		}
		r.applies = r.applies.and(t)
	}
	for i := range m.services {
		s := &m.services[i]
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
func Default() *Model { return defaultModel() }

var defaultModel = sync.OnceValue(func() *Model {
	m, err := NewModel(builtinServices[:], builtinControls[:])
	if err != nil {
		panic("srm: built-in data is inconsistent: " + err.Error()) // checked when generated and in tests
	}
	return m
})

// Services yields every service in catalog order.
func (m *Model) Services() iter.Seq[Service] {
	return func(yield func(Service) bool) {
		for _, s := range m.services {
			if !yield(s) {
				return
			}
		}
	}
}

// Service returns the service with the given id.
func (m *Model) Service(id string) (Service, bool) {
	i, ok := m.svcIdx[id]
	if !ok {
		return Service{}, false
	}
	return m.services[i], true
}

// ServicesByTier yields the services of one tier in catalog order.
func (m *Model) ServicesByTier(t Tier) iter.Seq[Service] {
	return func(yield func(Service) bool) {
		for _, s := range m.services {
			if s.Tier == t && !yield(s) {
				return
			}
		}
	}
}

// Owner returns who owns a layer of a service.
func (m *Model) Owner(service string, l Layer) (Owner, bool) {
	i, ok := m.svcIdx[service]
	if !ok || l.Index() < 0 {
		return "", false
	}
	return m.services[i].Layers[l.Index()].Owner, true
}

// Controls yields every control in catalog order. The values share storage with the model:
// read them, or Clone before changing them.
func (m *Model) Controls() iter.Seq[Control] {
	return func(yield func(Control) bool) {
		for _, c := range m.controls {
			if !yield(c) {
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

// Len returns the number of services and of controls.
func (m *Model) Len() (services, controls int) { return len(m.services), len(m.controls) }

// All returns the scope of every service.
func (m *Model) All() Scope { return Scope{m.all} }

// Empty reports whether no service is in scope.
func (s Scope) Empty() bool { return s.set.empty() }

// Scope is a set of services in use. The zero Scope holds no service; [Model.Scope] with no
// ids gives every service.
type Scope struct {
	set bits
}

// Scope builds the scope of the named services; with none, every service is in scope.
// Unknown ids are an error that lists them all.
func (m *Model) Scope(ids ...string) (Scope, error) {
	if len(ids) == 0 {
		return Scope{m.all}, nil
	}
	var s Scope
	var unknown []string
	for _, id := range ids {
		i, ok := m.svcIdx[id]
		if !ok {
			unknown = append(unknown, id)
			continue
		}
		s.set.set(i)
	}
	if len(unknown) > 0 {
		known := make([]string, 0, len(m.services))
		for _, sv := range m.services {
			known = append(known, sv.ID)
		}
		sort.Strings(known)
		return Scope{}, fmt.Errorf("%w %s (known: %s)", ErrUnknownService, strings.Join(unknown, ", "), strings.Join(known, ", "))
	}
	return s, nil
}

// Has reports whether the service is in scope.
func (m *Model) Has(s Scope, service string) bool {
	i, ok := m.svcIdx[service]
	return ok && s.set.has(i)
}

// ScopeServices yields the ids of the services in scope, in catalog order.
func (m *Model) ScopeServices(s Scope) iter.Seq[string] {
	return func(yield func(string) bool) {
		for i, sv := range m.services {
			if s.set.has(i) && !yield(sv.ID) {
				return
			}
		}
	}
}

// Index returns the position in the model of the control with the given id or alias, for
// callers that keep per-control tables.
func (m *Model) Index(id ControlID) (int, bool) {
	i, ok := m.ctlIdx[id]
	return i, ok
}

// ResponsibilityAt is [Model.Responsibility] for the control at position i (see [Model.Index]);
// it does no map lookup, for hot loops.
func (m *Model) ResponsibilityAt(i int, s *Scope) (Responsibility, bool) {
	if i < 0 || i >= len(m.rows) {
		return "", false
	}
	return m.responsibility(i, s)
}

// Responsibility says who answers for control id when the services in scope are used, and
// whether the control applies there at all. Inherited controls are the provider's wherever they
// apply; an organisational control (no layers) is the customer's, or shared when its type is
// shared; otherwise the owners of the control's layers for the services in scope decide: all
// provider gives inherited, all customer gives customer, anything else shared.
func (m *Model) Responsibility(id ControlID, s Scope) (Responsibility, bool) {
	i, ok := m.ctlIdx[id]
	if !ok {
		return "", false
	}
	return m.responsibility(i, &s)
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
// service list always are; the others when one of their services is in scope.
func (m *Model) EvidenceApplies(e *Evidence, s Scope) bool {
	if len(e.Services) == 0 {
		return true
	}
	for _, id := range e.Services {
		if i, ok := m.svcIdx[id]; ok && s.set.has(i) {
			return true
		}
	}
	return false
}

// Applied is a control that applies in a scope, with who answers for it there.
type Applied struct {
	Control        *Control // shared with the model: do not modify
	Responsibility Responsibility
}

// Applicable yields the controls that apply to the services in scope, in catalog order, with
// their responsibility there.
func (m *Model) Applicable(s Scope) iter.Seq[Applied] {
	return func(yield func(Applied) bool) {
		for i := range m.controls {
			if r, ok := m.responsibility(i, &s); ok {
				if !yield(Applied{&m.controls[i], r}) {
					return
				}
			}
		}
	}
}
