package srm_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/srmkit/srmkit/srm"
)

func owner(t *testing.T, service string, l srm.Layer) srm.Owner {
	t.Helper()
	o, ok := srm.Default().Owner(service, l)
	if !ok {
		t.Fatalf("no owner for %s/%s", service, l)
	}
	return o
}

func TestEveryServiceAssignsEveryLayer(t *testing.T) {
	m := srm.Default()
	n := 0
	tiers := map[srm.Tier]int{}
	for s := range m.Services() {
		n++
		tiers[s.Tier]++
		for i, a := range s.Layers {
			if a.Layer != srm.Layers()[i] || a.Owner == "" || a.Provider == "" || a.Customer == "" {
				t.Errorf("%s layer %d: %+v", s.ID, i, a)
			}
		}
	}
	if n < 30 {
		t.Errorf("%d services, want at least 30", n)
	}
	for _, tr := range srm.Tiers() {
		if tiers[tr] == 0 {
			t.Errorf("no service in tier %s", tr)
		}
	}
	for _, id := range []string{"ec2", "ebs", "vpc", "elb", "autoscaling", "ecs", "eks", "fargate", "ecr", "rds", "aurora", "emr",
		"elasticbeanstalk", "lambda", "apigateway", "s3", "glacier", "efs", "dynamodb", "sqs", "sns", "kms", "secretsmanager",
		"iam", "cloudtrail", "cloudwatch", "config", "cloudfront", "route53", "elasticache", "backup"} {
		if _, ok := m.Service(id); !ok {
			t.Errorf("service %s missing", id)
		}
	}
}

// The provider runs the facilities, hardware, global network and hypervisor for every service.
func TestFactProviderOwnsTheFoundation(t *testing.T) {
	for s := range srm.Default().Services() {
		for _, l := range []srm.Layer{srm.LayerPhysical, srm.LayerHardware, srm.LayerGlobalNetwork, srm.LayerVirtualization} {
			if o := s.Owner(l); o != srm.OwnerProvider {
				t.Errorf("%s/%s = %s, want provider", s.ID, l, o)
			}
		}
	}
}

// EC2: the customer owns the guest OS, applications, network configuration, IAM and data.
func TestFactEC2CustomerOwnsGuestAndAbove(t *testing.T) {
	for _, l := range []srm.Layer{srm.LayerGuestOS, srm.LayerApplication, srm.LayerNetworkConfig, srm.LayerIdentityAccess, srm.LayerData, srm.LayerServerSideEncryption} {
		if o := owner(t, "ec2", l); o != srm.OwnerCustomer {
			t.Errorf("ec2/%s = %s, want customer", l, o)
		}
	}
}

// RDS: the provider patches the OS and engine; access, data and security groups are the
// customer's. The engine layer is shared because the customer chooses and starts major version
// upgrades (see TestFactVersionUpgradesAreShared).
func TestFactRDSProviderPatchesCustomerControlsAccess(t *testing.T) {
	if o := owner(t, "rds", srm.LayerGuestOS); o != srm.OwnerProvider {
		t.Errorf("rds/guest-os = %s, want provider", o)
	}
	for _, l := range []srm.Layer{srm.LayerIdentityAccess, srm.LayerData, srm.LayerNetworkConfig} {
		if o := owner(t, "rds", l); o != srm.OwnerCustomer {
			t.Errorf("rds/%s = %s, want customer", l, o)
		}
	}
}

// Lambda: the provider runs servers and the execution environment; code and its role are the
// customer's. The runtime layer is shared: AWS patches runtimes, the customer moves functions
// off deprecated ones (see TestFactVersionUpgradesAreShared).
func TestFactLambdaCustomerOwnsCodeAndRole(t *testing.T) {
	for _, l := range []srm.Layer{srm.LayerGuestOS, srm.LayerVirtualization} {
		if o := owner(t, "lambda", l); o != srm.OwnerProvider {
			t.Errorf("lambda/%s = %s, want provider", l, o)
		}
	}
	for _, l := range []srm.Layer{srm.LayerApplication, srm.LayerIdentityAccess} {
		if o := owner(t, "lambda", l); o != srm.OwnerCustomer {
			t.Errorf("lambda/%s = %s, want customer", l, o)
		}
	}
}

// Who patches a platform and who upgrades its version are different questions: AWS patches
// Lambda runtimes, database engines and Fargate platform versions, but choosing supported
// versions and moving to them is the customer's part, so the platform layer is shared.
func TestFactVersionUpgradesAreShared(t *testing.T) {
	for _, id := range []string{"rds", "aurora", "lambda", "fargate", "eks", "elasticbeanstalk", "elasticache", "opensearch", "documentdb", "neptune"} {
		if o := owner(t, id, srm.LayerPlatform); o != srm.OwnerShared {
			t.Errorf("%s/platform = %s, want shared", id, o)
		}
	}
}

// S3 and other abstracted services: the provider runs OS and platform; permissions and data are the customer's.
func TestFactAbstractedServicesCustomerOwnsPermissionsAndData(t *testing.T) {
	m := srm.Default()
	for s := range m.ServicesByTier(srm.TierAbstracted) {
		if s.Mixed != "" {
			continue // e.g. SSM and CodeDeploy run agents on the customer's own hosts, and say so
		}
		if s.Owner(srm.LayerGuestOS) != srm.OwnerProvider || s.Owner(srm.LayerPlatform) != srm.OwnerProvider {
			t.Errorf("%s: guest-os %s, platform %s; want provider", s.ID, s.Owner(srm.LayerGuestOS), s.Owner(srm.LayerPlatform))
		}
		if s.Owner(srm.LayerIdentityAccess) == srm.OwnerProvider {
			t.Errorf("%s: identity-access owned by the provider", s.ID)
		}
	}
	if o := owner(t, "s3", srm.LayerData); o != srm.OwnerCustomer {
		t.Errorf("s3/data = %s", o)
	}
	if o := owner(t, "s3", srm.LayerIdentityAccess); o != srm.OwnerCustomer {
		t.Errorf("s3/identity-access = %s", o)
	}
}

// Physical controls are inherited; patching, configuration management and training shared;
// network zoning and communications protection customer-specific.
func TestFactControlTypes(t *testing.T) {
	m := srm.Default()
	types := map[srm.ControlType]int{}
	for c := range m.Controls() {
		types[c.Type]++
		if c.Domain == srm.DomainPhysical && c.Type != srm.Inherited && len(c.Layers) > 0 {
			t.Errorf("%s: physical control on provider layers is %s", c.ID, c.Type)
		}
	}
	for _, ct := range srm.ControlTypes() {
		if types[ct] == 0 {
			t.Errorf("no %s control", ct)
		}
	}
}

// Compliance stays with the customer; inherited controls point to the provider's attestations.
func TestFactInheritedControlsPointToAttestations(t *testing.T) {
	for c := range srm.Default().Controls() {
		if c.Type != srm.Inherited {
			continue
		}
		found := false
		for _, e := range c.Evidence {
			for _, s := range e.Sources {
				found = found || s.Kind == srm.SourceProviderAttestation
			}
		}
		if !found {
			t.Errorf("%s is inherited but names no provider attestation", c.ID)
		}
	}
}

// The customer chooses the Region where data lives.
func TestFactCustomerChoosesRegion(t *testing.T) {
	for s := range srm.Default().Services() {
		if s.Layers[srm.LayerGlobalNetwork.Index()].Customer == "" {
			t.Errorf("%s: no customer line for the global network", s.ID)
		}
	}
}

func TestResponsibilityShiftsWithServices(t *testing.T) {
	m := srm.Default()
	const patching = srm.ControlID("HRD-02") // guest OS patching
	cases := []struct {
		services []string
		want     srm.Responsibility // empty: the control does not apply
	}{
		{[]string{"ec2"}, srm.RespCustomer},
		{[]string{"lambda"}, srm.RespInherited},
		{[]string{"s3"}, ""}, // an object store has no operating system to patch
		{[]string{"rds"}, srm.RespInherited},
		{[]string{"lambda", "s3"}, srm.RespInherited},
		{[]string{"ec2", "lambda"}, srm.RespShared},
		{[]string{"ec2", "iam", "kms", "cloudtrail"}, srm.RespCustomer},
	}
	for _, tc := range cases {
		s, err := m.Scope(tc.services...)
		if err != nil {
			t.Fatal(err)
		}
		v, err := m.In(s)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := v.Responsibility(patching)
		if ok != (tc.want != "") || got != tc.want {
			t.Errorf("%s in %v = %q, %v; want %q", patching, tc.services, got, ok, tc.want)
		}
	}
}

func TestRDSCustomerPartIsAccessAndData(t *testing.T) {
	m := srm.Default()
	s, _ := m.Scope("rds")
	v, err := m.In(s)
	if err != nil {
		t.Fatal(err)
	}
	layers := map[srm.Layer]bool{}
	for a := range v.Applicable() {
		if a.Responsibility == srm.RespCustomer {
			for _, l := range a.Control.Layers {
				layers[l] = true
			}
		}
	}
	if layers[srm.LayerGuestOS] || layers[srm.LayerPlatform] {
		t.Errorf("an RDS-only scope leaves guest OS or engine work to the customer: %v", layers)
	}
	if !layers[srm.LayerIdentityAccess] || !layers[srm.LayerData] {
		t.Errorf("an RDS-only scope does not give the customer access and data: %v", layers)
	}
}

func TestScopeUnknownService(t *testing.T) {
	_, err := srm.Default().Scope("ec2", "mainframe")
	if !errors.Is(err, srm.ErrUnknownService) {
		t.Fatalf("got %v", err)
	}
	for _, tc := range []struct {
		ids  []string
		want string // in the message
	}{
		{[]string{"lamda"}, `"lamda" (did you mean lambda?)`},
		{[]string{"S3"}, `"S3" (did you mean s3?)`},
		{[]string{"ec2", ""}, "empty service id"},
	} {
		_, err := srm.Default().Scope(tc.ids...)
		if !errors.Is(err, srm.ErrUnknownService) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Scope(%q) = %v; want ErrUnknownService saying %s", tc.ids, err, tc.want)
		}
	}
}

// TestScopeBelongsToItsModel checks that a scope is used only with models that share its
// services, and that the zero Scope is refused rather than read as no service or every service.
func TestScopeBelongsToItsModel(t *testing.T) {
	m := srm.Default()
	var services []srm.Service
	for s := range m.Services() {
		services = append(services, s)
	}
	other, err := srm.NewModel(services, nil)
	if err != nil {
		t.Fatal(err)
	}
	derived, err := m.WithControls(nil)
	if err != nil {
		t.Fatal(err)
	}
	s, _ := m.Scope("ec2")
	for _, tc := range []struct {
		name  string
		model *srm.Model
		scope srm.Scope
		want  error
	}{
		{"own", m, s, nil},
		{"derived model", derived, s, nil},
		{"zero scope", m, srm.Scope{}, srm.ErrZeroScope},
		{"other model with the same services", other, s, srm.ErrForeignScope},
	} {
		_, err := tc.model.In(tc.scope)
		if !errors.Is(err, tc.want) || (tc.want == nil) != (err == nil) {
			t.Errorf("%s: In = %v, want %v", tc.name, err, tc.want)
		}
	}
	if got := s.String(); got != "aws/ec2" {
		t.Errorf("String = %q", got)
	}
	if !m.All().Whole() || s.Whole() || s.Len() != 1 || !s.Has("ec2") || s.Has("s3") {
		t.Errorf("scope arithmetic: all whole %v, ec2 whole %v, len %d", m.All().Whole(), s.Whole(), s.Len())
	}
}

func TestCatalogShape(t *testing.T) {
	m := srm.Default()
	n, automated := 0, 0
	for c := range m.Controls() {
		n++
		// What one provider's scope asks for: the items any provider needs and its own.
		for _, p := range srm.Providers() {
			k := 0
			for _, e := range c.Evidence {
				if e.Provider == "" || e.Provider == p {
					k++
				}
			}
			if (k < 1 && c.On(p).NotApplicable == "") || k > 7 {
				t.Errorf("%s has %d evidence items on %s", c.ID, k, p)
			}
		}
		for _, e := range c.Evidence {
			for _, s := range e.Sources {
				if s.Kind == srm.SourceConfigRule || s.Kind == srm.SourceSecurityHub {
					automated++
				}
			}
		}
	}
	if n < 120 {
		t.Errorf("%d controls, want at least 120", n)
	}
	if automated < 100 {
		t.Errorf("%d automated sources, want at least 100", automated)
	}
}

// TestSourcesExist checks every AWS Config rule identifier and Security Hub control id against
// AWS's published lists, vendored as identifier columns under testdata so that the check runs on
// every clone.
func TestSourcesExist(t *testing.T) {
	rules := readIDs(t, filepath.Join("testdata", "config-rule-identifiers.txt"), 800)
	controls := readIDs(t, filepath.Join("testdata", "securityhub-control-ids.txt"), 570)
	checked := 0
	for c := range srm.Default().Controls() {
		for _, e := range c.Evidence {
			for _, s := range e.Sources {
				switch s.Kind {
				case srm.SourceConfigRule:
					checked++
					if !rules[s.Ref] {
						t.Errorf("%s: AWS Config rule %s does not exist", e.ID, s.Ref)
					}
				case srm.SourceSecurityHub:
					checked++
					if !controls[s.Ref] {
						t.Errorf("%s: Security Hub control %s does not exist", e.ID, s.Ref)
					}
				}
			}
		}
	}
	if checked < 500 {
		t.Errorf("checked %d automated sources, want at least 500", checked)
	}
}

// readIDs reads an identifier list: one id per line, # comments. It fails rather than skips,
// and checks the list is as long as the published one.
func readIDs(t *testing.T, path string, least int) map[string]bool {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, line := range strings.Split(string(data), "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			out[line] = true
		}
	}
	if len(out) < least {
		t.Fatalf("%s holds %d ids, want at least %d", path, len(out), least)
	}
	return out
}

// TestDomainNames: every domain has a display name of its own.
func TestDomainNames(t *testing.T) {
	seen := map[string]srm.Domain{}
	for _, d := range srm.Domains() {
		n := d.Name()
		if n == "" {
			t.Errorf("domain %s has no name", d)
		}
		if prev, dup := seen[n]; dup {
			t.Errorf("domains %s and %s are both named %q", prev, d, n)
		}
		seen[n] = d
	}
	if got := srm.Domain("nope").Name(); got != "" {
		t.Errorf("an unknown domain is named %q", got)
	}
}
