package mapping_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/srmkit/srmkit/frameworks"
	"github.com/srmkit/srmkit/mapping"
	"github.com/srmkit/srmkit/mapping/load"
	"github.com/srmkit/srmkit/srm"
)

// The tables are written control-first: few controls serve no clause of a framework, and each
// of those says why in the data.
func TestFewUnmappedControlsEachWithAReason(t *testing.T) {
	c := mapping.Default()
	limits := map[frameworks.ID]int{frameworks.SOC2: 25, frameworks.CSF: 15, frameworks.ISO27001: 10}
	mapped := map[frameworks.ID]map[srm.ControlID]bool{}
	for m := range c.Mappings() {
		if m.Relationship == mapping.NoRelationship {
			continue
		}
		if mapped[m.Framework] == nil {
			mapped[m.Framework] = map[srm.ControlID]bool{}
		}
		mapped[m.Framework][m.Control] = true
	}
	noted := map[frameworks.ID]map[srm.ControlID]string{}
	for u := range c.Unmapped() {
		if noted[u.Framework] == nil {
			noted[u.Framework] = map[srm.ControlID]string{}
		}
		noted[u.Framework][u.Control] = u.Reason
	}
	for f := range c.Frameworks() {
		var unmapped []srm.ControlID
		for ctl := range c.Model().Controls() {
			if mapped[f.ID()][ctl.ID] {
				if _, ok := noted[f.ID()][ctl.ID]; ok {
					t.Errorf("%s is mapped in %s and also marked unmapped", ctl.ID, f.ID())
				}
				continue
			}
			unmapped = append(unmapped, ctl.ID)
			if noted[f.ID()][ctl.ID] == "" {
				t.Errorf("%s maps to no %s clause and has no unmapped note", ctl.ID, f.ID())
			}
		}
		if limit, ok := limits[f.ID()]; ok && len(unmapped) > limit {
			t.Errorf("%d controls map to no %s clause; at most %d: %v", len(unmapped), f.ID(), limit, unmapped)
		}
	}
}

// automatedIDs collects the AWS Config rule and Security Hub control ids of a set of sources.
func automatedIDs(dst map[string]bool, sources []srm.Source) {
	for _, s := range sources {
		if s.Kind == srm.SourceConfigRule || s.Kind == srm.SourceSecurityHub {
			dst[string(s.Kind)+":"+s.Ref] = true
		}
	}
}

// A checklist over every service reaches most of the catalog's own automated evidence: a
// technical control that produces Config or Security Hub findings serves some clause.
func TestChecklistReachesAutomatedEvidence(t *testing.T) {
	c := mapping.Default()
	all := map[string]bool{}
	for ctl := range c.Model().Controls() {
		for _, e := range ctl.Evidence {
			automatedIDs(all, e.Sources)
		}
	}
	for _, f := range []frameworks.ID{frameworks.SOC2, frameworks.ISO27001, frameworks.CSF} {
		got := map[string]bool{}
		for _, it := range must(c.Checklist([]frameworks.ID{f}, allScope(t))) {
			automatedIDs(got, it.Sources)
		}
		if share := float64(len(got)) / float64(len(all)); share < 0.8 {
			var missing []string
			for id := range all {
				if !got[id] {
					missing = append(missing, id)
				}
			}
			slices.Sort(missing)
			t.Errorf("%s checklist names %d of %d automated evidence ids (%.0f%%); missing: %v", f, len(got), len(all), 100*share, missing)
		}
	}
}

// A serverless start-up's SOC 2 checklist names its own stack's evidence.
func TestServerlessChecklistNamesItsStack(t *testing.T) {
	c := mapping.Default()
	items := must(c.Checklist([]frameworks.ID{frameworks.SOC2}, scopeOf(t, c, "lambda", "s3", "dynamodb", "apigateway", "cognito")))
	got := map[string]bool{}
	for _, it := range items {
		automatedIDs(got, it.Sources)
	}
	for _, want := range []struct{ what, config, hub string }{
		{"DynamoDB encryption at rest", "DYNAMODB_TABLE_ENCRYPTED_KMS", "DynamoDB.3"},
		{"DynamoDB point-in-time recovery", "DYNAMODB_PITR_ENABLED", "DynamoDB.2"},
		{"DynamoDB backup plans", "", "DynamoDB.4"},
		{"API Gateway TLS", "API_GW_SSL_ENABLED", "APIGateway.2"},
		{"API Gateway execution logging", "API_GW_EXECUTION_LOGGING_ENABLED", "APIGateway.1"},
		{"Cognito MFA", "COGNITO_USER_POOL_MFA_ENABLED", "Cognito.5"},
		{"Cognito password policy", "COGNITO_USER_POOL_PASSWORD_POLICY_CHECK", "Cognito.3"},
		{"Lambda runtime currency", "LAMBDA_FUNCTION_SETTINGS_CHECK", "Lambda.2"},
		{"Lambda function resource policies", "LAMBDA_FUNCTION_PUBLIC_ACCESS_PROHIBITED", "Lambda.1"},
		{"S3 Block Public Access", "S3_ACCOUNT_LEVEL_PUBLIC_ACCESS_BLOCKS_PERIODIC", "S3.1"},
	} {
		if want.config != "" && !got[string(srm.SourceConfigRule)+":"+want.config] {
			t.Errorf("%s: no %s in the checklist", want.what, want.config)
		}
		if !got[string(srm.SourceSecurityHub)+":"+want.hub] {
			t.Errorf("%s: no %s in the checklist", want.what, want.hub)
		}
	}
}

// Choosing and moving to supported runtimes, engine versions and platform versions is the
// customer's part even where AWS patches the platform, so these controls are not inherited and
// their automated evidence is collected, not replaced by the provider's report.
func TestVersionUpgradesAreNotInherited(t *testing.T) {
	c := mapping.Default()
	for _, tc := range []struct {
		control srm.ControlID
		service string
		hub     string
	}{{"HRD-06", "lambda", "Lambda.2"}, {"HRD-03", "rds", "RDS.13"}, {"HRD-05", "fargate", "ECS.10"}} {
		scope := scopeOf(t, c, tc.service)
		r, ok := must(c.Model().In(scope)).Responsibility(tc.control)
		if !ok || r == srm.RespInherited {
			t.Errorf("%s on %s: %q (applies: %v), want shared or customer", tc.control, tc.service, r, ok)
		}
		found := false
		for _, it := range must(c.Checklist([]frameworks.ID{frameworks.SOC2, frameworks.ISO27001, frameworks.CSF}, scope)) {
			if it.Attestation() || it.Controls[0] != tc.control {
				continue
			}
			for _, s := range it.Sources {
				found = found || (s.Kind == srm.SourceSecurityHub && s.Ref == tc.hub)
			}
		}
		if !found {
			t.Errorf("%s on %s: no checklist row with %s", tc.control, tc.service, tc.hub)
		}
	}
}

// Responsibility is derived only from the services a control concerns: adding services that
// have nothing to do with networks, vulnerabilities, development or change leaves those
// controls' responsibility as it was.
func TestUnrelatedServicesDoNotChangeResponsibility(t *testing.T) {
	c := mapping.Default()
	m := c.Model()
	base := scopeOf(t, c, "ec2", "vpc", "s3", "rds", "lambda")
	wider := scopeOf(t, c, "ec2", "vpc", "s3", "rds", "lambda", "iam", "cloudtrail", "config", "guardduty", "kms", "cloudwatch")
	checked := 0
	for ctl := range m.Controls() {
		if !slices.ContainsFunc([]string{"NET-", "VUL-", "DEV-", "CHG-"}, func(p string) bool { return strings.HasPrefix(string(ctl.ID), p) }) {
			continue
		}
		checked++
		r1, ok1 := must(m.In(base)).Responsibility(ctl.ID)
		r2, ok2 := must(m.In(wider)).Responsibility(ctl.ID)
		if r1 != r2 || ok1 != ok2 {
			t.Errorf("%s: %s (%v) becomes %s (%v) when unrelated services are added", ctl.ID, r1, ok1, r2, ok2)
		}
	}
	if checked < 30 {
		t.Errorf("only %d NET/VUL/DEV/CHG controls checked", checked)
	}
}

// A control whose layers have different owners on different services must say which services
// it concerns; otherwise its responsibility would follow whatever else is in scope.
func TestVaryingControlsNameTheirServices(t *testing.T) {
	m := mapping.Default().Model()
	for ctl := range m.Controls() {
		if len(ctl.Layers) == 0 || ctl.Type == srm.Inherited || len(ctl.Services) > 0 || (len(ctl.Tiers) > 0 && len(ctl.Tiers) < len(srm.Tiers())) {
			continue
		}
		owners := map[srm.Owner]bool{}
		for s := range m.Services() {
			for _, l := range ctl.Layers {
				owners[s.Owner(l)] = true
			}
		}
		if len(owners) > 1 {
			t.Errorf("%s (layers %v) applies to every service, whose owners differ (%v): list the services it concerns", ctl.ID, ctl.Layers, owners)
		}
	}
}

// Retired ids resolve to the control they were merged into.
func TestRetiredControlsResolve(t *testing.T) {
	m := mapping.Default().Model()
	for old, now := range map[srm.ControlID]srm.ControlID{"CFG-06": "AST-15", "CFG-05": "BCP-06", "CFG-03": "GOV-16", "AST-14": "DEV-09"} {
		got, ok := m.Resolve(old)
		if !ok || got != now {
			t.Errorf("%s resolves to %q (%v), want %s", old, got, ok, now)
		}
		ctl, ok := m.Control(old)
		if !ok || ctl.ID != now || !slices.Contains(ctl.Aliases, old) {
			t.Errorf("Control(%s) = %s %v", old, ctl.ID, ctl.Aliases)
		}
	}
}

// An equal claim says the control is the clause; one that covers only the cloud part or one
// aspect of it is a subset.
func TestEqualClaimsWereReviewed(t *testing.T) {
	for m := range mapping.Default().Mappings() {
		if m.Framework != frameworks.ISO27001 || m.Relationship != mapping.Equal {
			continue
		}
		switch m.Control {
		case "INC-05", "DEV-01", "GOV-15", "GOV-16":
			t.Errorf("%s → %s claims equal; it covers part of the control", m.Control, m.Clause)
		}
	}
}

// The rules that turn mappings, completeness judgements and an organisation's statuses into a
// clause's coverage.
func TestCoverageStatusRules(t *testing.T) {
	base := mapping.Default()
	var fws []*frameworks.Framework
	for f := range base.Frameworks() {
		fws = append(fws, f)
	}
	f := frameworks.CSF
	const clause = "PR.DS-01"
	table := func(cov mapping.Coverage, residual string, controls ...srm.ControlID) *mapping.Table {
		t := &mapping.Table{Framework: f, Completeness: []mapping.Completeness{{Framework: f, Clause: clause, Coverage: cov, Residual: residual}}}
		for _, id := range controls {
			t.Mappings = append(t.Mappings, mapping.Mapping{Control: id, Framework: f, Clause: clause, Relationship: mapping.SubsetOf, Strength: 7, Rationale: "Encrypts stored data."})
		}
		t.Mappings = append(t.Mappings, mapping.Mapping{Control: "GOV-01", Framework: f, Clause: clause, Relationship: mapping.Supports, Strength: 5, Rationale: "The policy set governs encryption."})
		return t
	}
	statuses := func(pairs ...string) string {
		var b strings.Builder
		b.WriteString("srmkit: overlay/v1\nassignments:\n")
		for i := 0; i < len(pairs); i += 2 {
			fmt.Fprintf(&b, "  - control: %s\n    status: %s\n", pairs[i], pairs[i+1])
		}
		return b.String()
	}
	const rotation, keyPolicy = srm.ControlID("CRY-02"), srm.ControlID("CRY-03")
	for _, tc := range []struct {
		name     string
		table    *mapping.Table
		overlay  string
		want     mapping.Status
		residual string
	}{
		{"judged full, no statuses", table(mapping.Full, "", rotation, keyPolicy), "", mapping.StatusCovered, ""},
		{"judged full, all implemented", table(mapping.Full, "", rotation, keyPolicy), statuses("CRY-02", "implemented", "CRY-03", "implemented"), mapping.StatusCovered, ""},
		{"judged partial", table(mapping.Partial, "Data in use is not addressed.", rotation, keyPolicy), "", mapping.StatusPartial, "Data in use is not addressed."},
		{"one partially implemented", table(mapping.Full, "", rotation, keyPolicy), statuses("CRY-02", "partially-implemented"), mapping.StatusPartial, "CRY-02 is partially implemented."},
		{"one planned", table(mapping.Full, "", rotation, keyPolicy), statuses("CRY-02", "planned"), mapping.StatusPartial, "CRY-02 is planned."},
		{"one not implemented", table(mapping.Partial, "Keys are not rotated.", rotation, keyPolicy), statuses("CRY-03", "not-implemented"), mapping.StatusPartial, "Keys are not rotated. CRY-03 is not implemented."},
		{"all planned", table(mapping.Full, "", rotation, keyPolicy), statuses("CRY-02", "planned", "CRY-03", "planned"), mapping.StatusPlanned, "CRY-02, CRY-03 are planned."},
		{"planned and not implemented", table(mapping.Full, "", rotation, keyPolicy), statuses("CRY-02", "planned", "CRY-03", "not-implemented"), mapping.StatusPlanned, "CRY-02 is planned. CRY-03 is not implemented."},
		{"only not implemented", table(mapping.Full, "", rotation, keyPolicy), statuses("CRY-02", "not-implemented", "CRY-03", "not-implemented"), mapping.StatusGap, "CRY-02, CRY-03 are not implemented."},
		{"not applicable to the organisation", table(mapping.Full, "", rotation), statuses("CRY-02", "not-applicable") + "    justification: No stored data.\n", mapping.StatusGap, ""},
		{"only supportive links", table(mapping.Full, ""), "", mapping.StatusGap, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if len(tc.table.Mappings) == 1 {
				tc.table.Completeness = nil // nothing implements the clause, so nothing is judged
			}
			c, err := mapping.Build(base.Model(), fws, []*mapping.Table{tc.table}, false)
			if err != nil {
				t.Fatal(err)
			}
			if tc.overlay != "" {
				o, err := load.Overlay(load.File{Name: "org.yaml", Data: []byte(tc.overlay)})
				if err != nil {
					t.Fatal(err)
				}
				if c, err = c.With(o); err != nil {
					t.Fatal(err)
				}
			}
			for st := range must(c.Coverage(f, c.Model().All())) {
				if st.Clause != clause {
					continue
				}
				if diff := cmp.Diff(tc.want, st.Status); diff != "" {
					t.Errorf("status (-want +got):\n%s", diff)
				}
				if diff := cmp.Diff(tc.residual, st.Residual); diff != "" {
					t.Errorf("residual (-want +got):\n%s", diff)
				}
				if diff := cmp.Diff([]srm.ControlID{"GOV-01"}, st.Supporting); diff != "" {
					t.Errorf("supporting (-want +got):\n%s", diff)
				}
			}
		})
	}
}

// Judgements and unmapped notes must agree with the mappings.
func TestBuildRejectsInconsistentJudgements(t *testing.T) {
	base := mapping.Default()
	var fws []*frameworks.Framework
	for f := range base.Frameworks() {
		fws = append(fws, f)
	}
	f := frameworks.CSF
	m := mapping.Mapping{Control: "CRY-02", Framework: f, Clause: "PR.DS-01", Relationship: mapping.SupersetOf, Strength: 8, Rationale: "Encrypts all stored data."}
	for _, tc := range []struct {
		name  string
		table mapping.Table
	}{
		{"judged without a mapping", mapping.Table{Framework: f, Completeness: []mapping.Completeness{{Framework: f, Clause: "PR.DS-02", Coverage: mapping.Full}}}},
		{"partial beside a superset", mapping.Table{Framework: f, Mappings: []mapping.Mapping{m}, Completeness: []mapping.Completeness{{Framework: f, Clause: "PR.DS-01", Coverage: mapping.Partial, Residual: "Something is left."}}}},
		{"partial without residual", mapping.Table{Framework: f, Mappings: []mapping.Mapping{m}, Completeness: []mapping.Completeness{{Framework: f, Clause: "PR.DS-01", Coverage: mapping.Partial}}}},
		{"mapped and unmapped", mapping.Table{Framework: f, Mappings: []mapping.Mapping{m}, Unmapped: []mapping.Unmapped{{Framework: f, Control: "CRY-02", Reason: "Serves nothing here."}}}},
		{"unmapped unknown control", mapping.Table{Framework: f, Unmapped: []mapping.Unmapped{{Framework: f, Control: "ZZZ-99", Reason: "Serves nothing here."}}}},
		{"judged parent clause", mapping.Table{Framework: f, Mappings: []mapping.Mapping{m}, Completeness: []mapping.Completeness{{Framework: f, Clause: "PR.DS", Coverage: mapping.Full}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := mapping.Build(base.Model(), fws, []*mapping.Table{&tc.table}, false); err == nil {
				t.Error("accepted")
			}
		})
	}
}
