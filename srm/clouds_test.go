package srm_test

import (
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/srmkit/srmkit/srm"
)

// The ids issue 15 fixed for the services every user names first.
var requiredCloudServices = []string{
	"azure/app-service", "azure/sql-database", "azure/storage", "azure/key-vault", "azure/functions", "azure/virtual-machines",
	"azure/kubernetes-service", "gcp/compute-engine", "gcp/gke", "gcp/gke-autopilot", "gcp/cloud-run", "gcp/cloud-functions",
	"gcp/cloud-sql", "gcp/cloud-storage", "gcp/cloud-kms", "gcp/bigquery",
}

func TestCloudServices(t *testing.T) {
	m := srm.Default()
	slugs := readIDs(t, filepath.Join("testdata", "azure-baseline-slugs.txt"), 100)
	count := map[srm.Provider]int{}
	tiers := map[srm.Provider]map[srm.Tier]bool{}
	for s := range m.Services() {
		p, short := srm.SplitServiceID(s.ID)
		if p != s.Provider || s.Short() != short || !strings.HasPrefix(s.ID, string(p)+"/") {
			t.Errorf("%s: provider %s, short %s", s.ID, s.Provider, s.Short())
		}
		count[s.Provider]++
		if tiers[s.Provider] == nil {
			tiers[s.Provider] = map[srm.Tier]bool{}
		}
		tiers[s.Provider][s.Tier] = true
		if s.Provider == srm.AWS {
			continue
		}
		// Other providers' data says what each owner line relies on.
		if s.Basis == "" {
			t.Errorf("%s names no sources", s.ID)
		}
		for _, a := range s.Layers {
			if len(a.Basis) < 10 {
				t.Errorf("%s/%s: basis %q", s.ID, a.Layer, a.Basis)
			}
			for _, text := range []string{a.Provider, a.Customer, a.Basis} {
				if strings.Contains(text, "AWS") || strings.Contains(text, "Amazon") {
					t.Errorf("%s/%s names AWS: %q", s.ID, a.Layer, text)
				}
			}
		}
		if s.Baseline != "" && !slugs[s.Baseline] {
			t.Errorf("%s: %q is not a Microsoft security baseline", s.ID, s.Baseline)
		}
		if s.Provider == srm.GCP && s.Baseline != "" {
			t.Errorf("%s: a Google Cloud service with a Microsoft baseline", s.ID)
		}
	}
	if count[srm.Azure] < 30 || count[srm.GCP] < 20 {
		t.Errorf("%d Azure and %d Google Cloud services, want at least 30 and 20", count[srm.Azure], count[srm.GCP])
	}
	for _, p := range srm.Providers() {
		if len(tiers[p]) != len(srm.Tiers()) {
			t.Errorf("%s has services in %d tiers", p, len(tiers[p]))
		}
	}
	for _, id := range requiredCloudServices {
		if _, ok := m.Service(id); !ok {
			t.Errorf("service %s missing", id)
		}
	}
}

// Every control says, for each other provider, what each party does there or why it has no
// counterpart; a control that acts on service layers has that provider's own evidence.
func TestCloudParts(t *testing.T) {
	for c := range srm.Default().Controls() {
		var clouds []srm.Provider
		for _, pt := range c.Clouds {
			clouds = append(clouds, pt.Cloud)
			switch {
			case pt.NotApplicable != "" && (pt.Provider != "" || pt.Customer != ""):
				t.Errorf("%s on %s: not applicable, yet with parts", c.ID, pt.Cloud)
			case pt.NotApplicable == "" && (pt.Provider == "" || pt.Customer == ""):
				t.Errorf("%s on %s: a part is missing", c.ID, pt.Cloud)
			}
			for _, text := range []string{pt.Provider, pt.Customer, pt.NotApplicable} {
				if strings.Contains(text, "AWS") && pt.NotApplicable == "" {
					t.Errorf("%s on %s names AWS: %q", c.ID, pt.Cloud, text)
				}
			}
			if pt.NotApplicable != "" {
				for _, e := range c.Evidence {
					if e.Provider == pt.Cloud {
						t.Errorf("%s: evidence %s for %s, where the control does not apply", c.ID, e.ID, pt.Cloud)
					}
				}
				continue
			}
			if len(c.Layers) > 0 && c.Type != srm.Inherited && !slices.ContainsFunc(c.Evidence, func(e srm.Evidence) bool { return e.Provider == pt.Cloud || e.Provider == "" }) {
				t.Errorf("%s acts on %v but has no evidence on %s", c.ID, c.Layers, pt.Cloud)
			}
		}
		if diff := cmp.Diff([]srm.Provider{srm.Azure, srm.GCP}, clouds); diff != "" {
			t.Errorf("%s: clouds (-want +got):\n%s", c.ID, diff)
		}
		// Evidence naming a provider's tooling is marked as that provider's.
		for _, e := range c.Evidence {
			for _, s := range e.Sources {
				if p := s.Kind.Provider(); p != "" && p != e.Provider {
					t.Errorf("%s: %s source %s in an item for %q", e.ID, s.Kind, s.Ref, e.Provider)
				}
			}
			for _, id := range e.Services {
				if p, _ := srm.SplitServiceID(id); e.Provider != "" && p != e.Provider {
					t.Errorf("%s: service %s in an item for %s", e.ID, id, e.Provider)
				}
			}
		}
	}
}

// TestCloudSourcesExist checks every Azure Policy definition (GUID and display name), Microsoft
// cloud security benchmark id, Security Command Center category and organisation policy
// constraint against the providers' published lists, vendored under testdata.
func TestCloudSourcesExist(t *testing.T) {
	policies := readPolicies(t)
	mcsb := readIDs(t, filepath.Join("testdata", "mcsb-control-ids.txt"), 90)
	scc := readIDs(t, filepath.Join("testdata", "scc-finding-categories.txt"), 200)
	constraints := readIDs(t, filepath.Join("testdata", "org-policy-constraints.txt"), 80)
	checked := map[srm.SourceKind]int{}
	for c := range srm.Default().Controls() {
		for _, e := range c.Evidence {
			for _, s := range e.Sources {
				checked[s.Kind]++
				switch s.Kind {
				case srm.SourceAzurePolicy:
					name, ok := policies[s.Ref]
					switch {
					case !ok:
						t.Errorf("%s: Azure Policy %s is not a current built-in definition", e.ID, s.Ref)
					case name != s.Title:
						t.Errorf("%s: Azure Policy %s is %q, not %q", e.ID, s.Ref, name, s.Title)
					}
				case srm.SourceMCSB:
					if !mcsb[s.Ref] {
						t.Errorf("%s: %s is not a Microsoft cloud security benchmark control", e.ID, s.Ref)
					}
				case srm.SourceSCCFinding:
					if !scc[s.Ref] {
						t.Errorf("%s: %s is not a Security Command Center finding category", e.ID, s.Ref)
					}
				case srm.SourceOrgPolicy:
					if !constraints[s.Ref] {
						t.Errorf("%s: %s is not an organisation policy constraint", e.ID, s.Ref)
					}
				default:
					if s.Title != "" {
						t.Errorf("%s: a title on a %s source", e.ID, s.Kind)
					}
				}
			}
		}
	}
	for k, least := range map[srm.SourceKind]int{srm.SourceAzurePolicy: 100, srm.SourceMCSB: 50, srm.SourceSCCFinding: 50, srm.SourceOrgPolicy: 20} {
		if checked[k] < least {
			t.Errorf("%d %s sources, want at least %d", checked[k], k, least)
		}
	}
}

// readRows reads a vendored CSV file under testdata, # comments skipped, without its header.
func readRows(t *testing.T, name string) [][]string {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comment = '#'
	rows, err := r.ReadAll()
	if err != nil || len(rows) < 2 {
		t.Fatalf("%s: %d rows, %v", name, len(rows), err)
	}
	return rows[1:]
}

func readPolicies(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, row := range readRows(t, "azure-policy-definitions.csv") {
		out[row[0]] = row[1]
	}
	if len(out) < 2000 {
		t.Fatalf("%d Azure Policy definitions", len(out))
	}
	return out
}

// The provider of each inherited control is asked for its own attestation.
func TestFactInheritedControlsPointToEachProvidersAttestation(t *testing.T) {
	want := map[srm.Provider]string{srm.AWS: "AWS", srm.Azure: "Microsoft Azure", srm.GCP: "Google Cloud"}
	for c := range srm.Default().Controls() {
		if c.Type != srm.Inherited {
			continue
		}
		for _, p := range srm.Providers() {
			if c.On(p).NotApplicable != "" {
				continue
			}
			found := false
			for _, e := range c.Evidence {
				for _, s := range e.Sources {
					found = found || (e.Provider == p && s.Kind == srm.SourceProviderAttestation && strings.HasPrefix(s.Ref, want[p]+" "))
				}
			}
			if !found {
				t.Errorf("%s is inherited but names no %s attestation", c.ID, p.Name())
			}
		}
	}
}

func layerOf(t *testing.T, service string, l srm.Layer) srm.Assignment {
	t.Helper()
	s, ok := srm.Default().Service(service)
	if !ok {
		t.Fatalf("no service %s", service)
	}
	return s.Layers[l.Index()]
}

// Azure virtual machines and scale sets: Microsoft runs the host; the guest operating system
// is the customer's to patch and harden.
func TestFactAzureVirtualMachinesLeaveGuestOSToCustomer(t *testing.T) {
	for _, id := range []string{"azure/virtual-machines", "azure/virtual-machine-scale-sets"} {
		if a := layerOf(t, id, srm.LayerGuestOS); a.Owner != srm.OwnerCustomer || !strings.Contains(strings.ToLower(a.Customer), "patch") {
			t.Errorf("%s/guest-os = %s; customer %q", id, a.Owner, a.Customer)
		}
		if a := layerOf(t, id, srm.LayerVirtualization); a.Owner != srm.OwnerProvider {
			t.Errorf("%s/virtualization = %s", id, a.Owner)
		}
	}
}

// App Service and Functions: Microsoft patches the operating system, while choosing the
// language runtime version and moving off one that leaves support is the customer's, so the
// platform is shared.
func TestFactAppServiceAndFunctionsPatchOSCustomerUpgradesRuntime(t *testing.T) {
	for _, id := range []string{"azure/app-service", "azure/functions"} {
		if a := layerOf(t, id, srm.LayerGuestOS); a.Owner != srm.OwnerProvider {
			t.Errorf("%s/guest-os = %s, want provider", id, a.Owner)
		}
		a := layerOf(t, id, srm.LayerPlatform)
		if a.Owner != srm.OwnerShared || !strings.Contains(strings.ToLower(a.Customer), "runtime") || !strings.Contains(strings.ToLower(a.Customer), "version") {
			t.Errorf("%s/platform = %s; customer %q", id, a.Owner, a.Customer)
		}
	}
}

// AKS: Microsoft runs the control plane; node image upgrades are shared.
func TestFactAKSControlPlaneMicrosoftNodeImagesShared(t *testing.T) {
	p := layerOf(t, "azure/kubernetes-service", srm.LayerPlatform)
	if p.Owner != srm.OwnerShared || !strings.Contains(strings.ToLower(p.Provider), "control plane") {
		t.Errorf("kubernetes-service/platform = %s; provider %q", p.Owner, p.Provider)
	}
	g := layerOf(t, "azure/kubernetes-service", srm.LayerGuestOS)
	if g.Owner != srm.OwnerShared || !strings.Contains(strings.ToLower(g.Provider+g.Customer), "node image") {
		t.Errorf("kubernetes-service/guest-os = %s; %q / %q", g.Owner, g.Provider, g.Customer)
	}
}

// Cosmos DB and Azure SQL Database encrypt data at rest by default; customer-managed keys are
// the customer's.
func TestFactCosmosDBAndSQLDatabaseEncryptByDefault(t *testing.T) {
	for _, id := range []string{"azure/cosmos-db", "azure/sql-database"} {
		a := layerOf(t, id, srm.LayerServerSideEncryption)
		if a.Owner != srm.OwnerShared || !strings.Contains(strings.ToLower(a.Provider), "default") ||
			!strings.Contains(strings.ToLower(a.Customer), "customer-managed") || !strings.Contains(a.Customer, "Key Vault") {
			t.Errorf("%s/server-side-encryption = %s; provider %q; customer %q", id, a.Owner, a.Provider, a.Customer)
		}
	}
}

// GKE Autopilot manages the nodes; on GKE Standard node upgrades are shared.
func TestFactGKEAutopilotManagesNodes(t *testing.T) {
	if a := layerOf(t, "gcp/gke-autopilot", srm.LayerGuestOS); a.Owner != srm.OwnerProvider {
		t.Errorf("gke-autopilot/guest-os = %s, want provider", a.Owner)
	}
	if a := layerOf(t, "gcp/gke", srm.LayerGuestOS); a.Owner != srm.OwnerShared {
		t.Errorf("gke/guest-os = %s, want shared", a.Owner)
	}
	auto, _ := srm.Default().Service("gcp/gke-autopilot")
	std, _ := srm.Default().Service("gcp/gke")
	if auto.Tier != std.Tier {
		t.Errorf("Autopilot is %s, Standard %s", auto.Tier, std.Tier)
	}
}

// Cloud Run and Cloud Functions leave only the code or container and its dependencies to the
// customer: below the application, nothing is the customer's alone.
func TestFactCloudRunAndFunctionsLeaveOnlyCodeToCustomer(t *testing.T) {
	for _, id := range []string{"gcp/cloud-run", "gcp/cloud-functions"} {
		s, _ := srm.Default().Service(id)
		if s.Tier != srm.TierServerless {
			t.Errorf("%s is %s", id, s.Tier)
		}
		for _, l := range srm.Layers()[:srm.LayerApplication.Index()] {
			if o := s.Owner(l); o == srm.OwnerCustomer {
				t.Errorf("%s/%s = customer", id, l)
			}
		}
		if a := s.Layers[srm.LayerApplication.Index()]; a.Owner != srm.OwnerCustomer || !strings.Contains(a.Customer, "code") && !strings.Contains(a.Customer, "source") ||
			!strings.Contains(a.Customer, "dependencies") && !strings.Contains(a.Customer, "libraries") {
			t.Errorf("%s/application = %s; customer %q", id, a.Owner, a.Customer)
		}
	}
}

// Responsibility is judged the same way across providers: HRD-02 (guest OS patching) follows
// each service's guest-OS owner, whichever cloud it is on.
func TestResponsibilityAcrossProviders(t *testing.T) {
	m := srm.Default()
	cases := []struct {
		services []string
		want     srm.Responsibility
	}{
		{[]string{"azure/virtual-machines"}, srm.RespCustomer},
		{[]string{"azure/app-service"}, srm.RespInherited},
		{[]string{"gcp/gke-autopilot"}, srm.RespInherited},
		{[]string{"gcp/gke"}, srm.RespShared},
		{[]string{"lambda", "azure/functions"}, srm.RespInherited},
		{[]string{"lambda", "gcp/compute-engine"}, srm.RespShared},
		{[]string{"aws/ec2", "azure/virtual-machines", "gcp/compute-engine"}, srm.RespCustomer},
	}
	for _, tc := range cases {
		s, err := m.Scope(tc.services...)
		if err != nil {
			t.Fatal(err)
		}
		v, _ := m.In(s)
		if got, ok := v.Responsibility("HRD-02"); !ok || got != tc.want {
			t.Errorf("HRD-02 in %v = %q, %v; want %q", tc.services, got, ok, tc.want)
		}
	}
}

// AWS's ids work with and without their prefix and name the same service; other providers'
// ids need theirs, and a near miss is suggested.
func TestServiceIDs(t *testing.T) {
	m := srm.Default()
	a, _ := m.Scope("ec2", "s3")
	b, _ := m.Scope("aws/ec2", "aws/s3")
	if a.String() != "aws/ec2,aws/s3" || a.String() != b.String() || !a.Has("ec2") || !a.Has("aws/ec2") {
		t.Errorf("bare %q, prefixed %q", a, b)
	}
	if s, ok := m.Service("ec2"); !ok || s.ID != "aws/ec2" || s.Provider != srm.AWS || s.Short() != "ec2" {
		t.Errorf("Service(ec2) = %q %q %v", s.ID, s.Provider, ok)
	}
	for _, tc := range []struct{ id, want string }{
		{"app-service", `"app-service" (did you mean azure/app-service?)`},
		{"azure/app-servce", "did you mean azure/app-service?"},
		{"gcp/ec2", `"gcp/ec2"`},
		{"cloud-run", "did you mean gcp/cloud-run?"},
		{"cloud-rn", "did you mean gcp/cloud-run?"},
	} {
		_, err := m.Scope(tc.id)
		if !errors.Is(err, srm.ErrUnknownService) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Scope(%q) = %v; want ErrUnknownService saying %s", tc.id, err, tc.want)
		}
	}
	mixed, _ := m.Scope("gcp/cloud-run", "lambda", "azure/functions")
	if diff := cmp.Diff([]srm.Provider{srm.AWS, srm.Azure, srm.GCP}, mixed.Providers()); diff != "" {
		t.Errorf("providers (-want +got):\n%s", diff)
	}
	if got := mixed.Of(srm.Azure); got.String() != "azure/functions" || got.Len() != 1 {
		t.Errorf("Of(azure) = %q", got)
	}
	if got := a.Of(srm.GCP); got.Len() != 0 || got.IsZero() {
		t.Errorf("Of(gcp) of an AWS scope = %q, zero %v", got, got.IsZero())
	}
}

// A model built in code: short ids take their provider from the service, prefixed ids name
// their own, and an id whose prefix contradicts the provider is refused.
func TestNewModelProviders(t *testing.T) {
	layers := func() (a [srm.NumLayers]srm.Assignment) {
		for i, l := range srm.Layers() {
			a[i] = srm.Assignment{Layer: l, Owner: srm.OwnerCustomer, Provider: "p", Customer: "c"}
		}
		return a
	}
	svc := []srm.Service{{ID: "vm", Provider: srm.Azure, Layers: layers()}, {ID: "gcp/run", Layers: layers()}, {ID: "ec2", Layers: layers()}}
	ctl := srm.Control{ID: "X-01", Layers: []srm.Layer{srm.LayerData}, Services: []string{"ec2", "azure/vm"},
		Evidence: []srm.Evidence{{ID: "X-01-E1", Provider: srm.Azure, Services: []string{"azure/vm"}}, {ID: "X-01-E2", Services: []string{"ec2"}}},
		Clouds:   []srm.Part{{Cloud: srm.GCP, NotApplicable: "no counterpart"}}}
	m, err := srm.NewModel(svc, []srm.Control{ctl})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for s := range m.Services() {
		ids = append(ids, string(s.Provider)+" "+s.ID)
	}
	if diff := cmp.Diff([]string{"azure azure/vm", "gcp gcp/run", "aws aws/ec2"}, ids); diff != "" {
		t.Errorf("services (-want +got):\n%s", diff)
	}
	got, _ := m.Control("X-01")
	if diff := cmp.Diff([]string{"aws/ec2", "azure/vm"}, got.Services); diff != "" {
		t.Errorf("control services (-want +got):\n%s", diff)
	}
	if got.Evidence[1].Services[0] != "aws/ec2" {
		t.Errorf("evidence services %v", got.Evidence[1].Services)
	}
	for _, tc := range []struct {
		scope    []string
		applies  bool
		evidence []bool // E1, E2 collected
	}{
		{[]string{"azure/vm"}, true, []bool{true, false}},
		{[]string{"ec2"}, true, []bool{false, true}},
		{[]string{"gcp/run"}, false, []bool{false, false}},
		{[]string{"gcp/run", "ec2"}, true, []bool{false, true}},
	} {
		s, err := m.Scope(tc.scope...)
		if err != nil {
			t.Fatal(err)
		}
		v, _ := m.In(s)
		_, ok := v.Responsibility("X-01")
		e1, e2 := v.EvidenceApplies(&got.Evidence[0]), v.EvidenceApplies(&got.Evidence[1])
		if ok != tc.applies || e1 != tc.evidence[0] || e2 != tc.evidence[1] {
			t.Errorf("%v: applies %v, evidence %v %v", tc.scope, ok, e1, e2)
		}
	}
	for _, bad := range [][]srm.Service{
		{{ID: "azure/vm", Provider: srm.GCP, Layers: layers()}},
		{{ID: "vm", Provider: "oracle", Layers: layers()}},
		{{ID: "aws/ec2", Layers: layers()}, {ID: "ec2", Layers: layers()}},
	} {
		if _, err := srm.NewModel(bad, nil); err == nil {
			t.Errorf("NewModel(%q, provider %q) accepted", bad[0].ID, bad[0].Provider)
		}
	}
}

// TestAzureOwnersFollowBaselines reads Microsoft's security baselines (vendored rows) against the
// Azure layer owners: where Microsoft says a supported feature is the customer's to configure,
// the layer it belongs to is not the provider's alone; where Microsoft encrypts at rest by default,
// that layer is not the customer's alone.
func TestAzureOwnersFollowBaselines(t *testing.T) {
	rows := readRows(t, "azure-baseline-features.csv")
	layer := map[string]srm.Layer{"DP-3": srm.LayerTrafficProtection, "DP-4": srm.LayerServerSideEncryption, "DP-5": srm.LayerServerSideEncryption,
		"NS-2": srm.LayerNetworkConfig, "IM-1": srm.LayerIdentityAccess, "BR-1": srm.LayerBackupResilience, "LT-4": srm.LayerLoggingMonitoring,
		"PV-6": srm.LayerGuestOS}
	checked := 0
	for s := range srm.Default().ServicesOf(srm.Azure) {
		for _, row := range rows {
			slug, ctl, feature, byDefault, resp := row[0], row[1], row[2], row[3], row[4]
			if slug != s.Baseline {
				continue
			}
			checked++
			a := s.Layers[layer[ctl].Index()]
			switch {
			case ctl == "DP-4" && resp == "Microsoft" && byDefault == "True" && a.Owner == srm.OwnerCustomer:
				t.Errorf("%s/%s is the customer's, but Microsoft encrypts by default (%s)", s.ID, a.Layer, feature)
			case ctl != "DP-4" && resp == "Customer" && a.Owner == srm.OwnerProvider:
				t.Errorf("%s/%s is the provider's, but Microsoft leaves %s %s to the customer", s.ID, a.Layer, ctl, feature)
			}
		}
	}
	if checked < 150 {
		t.Errorf("checked %d baseline rows", checked)
	}
}
