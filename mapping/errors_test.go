package mapping_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/srmkit/srmkit/frameworks"
	"github.com/srmkit/srmkit/mapping"
	"github.com/srmkit/srmkit/srm"
)

// TestQueriesRefuseWhatDoesNotExist checks that every query answers an unknown framework,
// clause, control or service, an alias passed as a framework id, and a scope that is zero or
// built from another model with an error a caller can test for — never with an empty answer.
func TestQueriesRefuseWhatDoesNotExist(t *testing.T) {
	c := mapping.Default()
	all, err := c.Scope()
	if err != nil {
		t.Fatal(err)
	}
	var services []srm.Service
	for s := range c.Model().Services() {
		services = append(services, s)
	}
	otherModel, err := srm.NewModel(services, nil)
	if err != nil {
		t.Fatal(err)
	}
	foreign := otherModel.All()
	withOverlay, err := c.With(&mapping.Overlay{Name: "o", Organization: "Org"})
	if err != nil {
		t.Fatal(err)
	}
	opt := mapping.CrosswalkOptions{}
	for _, tc := range []struct {
		name string
		err  error
		want error
		says string // in the message
	}{
		{"satisfy: unknown clause", second(c.Satisfying(frameworks.ISO27001, "8.24", all)), mapping.ErrUnknownClause, "did you mean A.8.24?"},
		{"satisfy: unknown framework", second(c.Satisfying("pci-dss", "1.1", all)), mapping.ErrUnknownFramework, "known: soc2-2017"},
		{"satisfy: alias as framework id", second(c.Satisfying("soc2", "CC6.1", all)), mapping.ErrUnknownFramework, "alias of soc2-2017"},
		{"satisfy: clause of another framework", second(c.Satisfying(frameworks.SOC2, "A.5.1", all)), mapping.ErrUnknownClause, "soc2-2017"},
		{"satisfy: zero scope", second(c.Satisfying(frameworks.SOC2, "CC6.1", srm.Scope{})), srm.ErrZeroScope, ""},
		{"satisfy: foreign scope", second(c.Satisfying(frameworks.SOC2, "CC6.1", foreign)), srm.ErrForeignScope, ""},
		{"coverage: unknown framework", second(c.Coverage("iso27001", all)), mapping.ErrUnknownFramework, "alias of iso27001-2022"},
		{"coverage: foreign scope", second(c.Coverage(frameworks.GDPR, foreign)), srm.ErrForeignScope, ""},
		{"coverage: zero scope", second(c.Coverage(frameworks.GDPR, srm.Scope{})), srm.ErrZeroScope, ""},
		{"crosswalk: unknown from", second(c.Crosswalk("csf", frameworks.ISO27001, opt)), mapping.ErrUnknownFramework, "alias of nist-csf-2.0"},
		{"crosswalk: unknown to", second(c.Crosswalk(frameworks.CSF, "iso-27001", opt)), mapping.ErrUnknownFramework, "did you mean iso27001?"},
		{"crosswalk: same framework", second(c.Crosswalk(frameworks.CSF, frameworks.CSF, opt)), mapping.ErrInvalid, "two different frameworks"},
		{"crosswalk: strength above 10", second(c.Crosswalk(frameworks.CSF, frameworks.GDPR, mapping.CrosswalkOptions{MinStrength: 11})), mapping.ErrInvalid, "outside 1 to 10"},
		{"checklist: no framework", second(c.Checklist(nil, all)), mapping.ErrUnknownFramework, "at least one"},
		{"checklist: alias as framework id", second(c.Checklist([]frameworks.ID{"gdpr"}, all)), mapping.ErrUnknownFramework, "alias of gdpr-2016"},
		{"checklist: foreign scope", second(c.Checklist([]frameworks.ID{frameworks.GDPR}, foreign)), srm.ErrForeignScope, ""},
		{"clauses: unknown control", second(c.Clauses("IAM-1")), mapping.ErrUnknownControl, "did you mean IAM-01?"},
		{"framework: unknown name", second(c.Framework("soc3")), mapping.ErrUnknownFramework, "did you mean soc2?"},
		{"scope: unknown service", second(c.Scope("ec2", "lamda")), srm.ErrUnknownService, "did you mean lambda?"},
		{"scope: empty service id", second(c.Scope("")), srm.ErrUnknownService, "empty service id"},
	} {
		if !errors.Is(tc.err, tc.want) || !strings.Contains(errString(tc.err), tc.says) {
			t.Errorf("%s: got %v; want %v saying %q", tc.name, tc.err, tc.want, tc.says)
		}
	}
	// A scope built from the built-in catalog serves a catalog with an overlay: the services
	// are the same, and only the controls grew.
	if _, err := withOverlay.Satisfying(frameworks.SOC2, "CC6.1", all); err != nil {
		t.Errorf("scope of the built-in catalog refused by its overlaid catalog: %v", err)
	}
	// An alias resolves to a control.
	if _, err := c.Clauses("CFG-03"); err != nil {
		t.Errorf("retired alias CFG-03: %v", err)
	}
}

func second[T any](_ T, err error) error { return err }

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
