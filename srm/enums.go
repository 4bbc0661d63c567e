package srm

import (
	"fmt"
	"slices"
	"strings"
)

func parseEnum[T ~string](b []byte, valid []T, what string) (T, error) {
	for _, v := range valid {
		if string(v) == string(b) {
			return v, nil
		}
	}
	s := make([]string, len(valid))
	for i, v := range valid {
		s[i] = string(v)
	}
	return "", fmt.Errorf("unknown %s %q (want one of %s)", what, b, strings.Join(s, ", "))
}

// Provider is a cloud provider. Its value is the prefix of its service ids: aws/ec2,
// azure/app-service, gcp/cloud-run.
type Provider string

// Providers.
const (
	AWS   Provider = "aws"
	Azure Provider = "azure"
	GCP   Provider = "gcp"
)

var providers = []Provider{AWS, Azure, GCP}

// Providers lists the providers in order.
func Providers() []Provider { return append([]Provider(nil), providers...) }

func (p Provider) String() string { return string(p) }

// providerInfo is by position in providers: display name, short name, where the provider
// states its shared responsibility model, and the report its inherited controls are covered by
// when the data names none.
var providerInfo = [...][4]string{
	{"Amazon Web Services", "AWS", "https://aws.amazon.com/compliance/shared-responsibility-model/",
		"AWS SOC 2 Type II report (AWS Artifact)"},
	{"Microsoft Azure", "Azure", "https://learn.microsoft.com/en-us/azure/security/fundamentals/shared-responsibility",
		"Microsoft Azure SOC 2 Type 2 report (Service Trust Portal)"},
	{"Google Cloud", "Google Cloud", "https://cloud.google.com/architecture/framework/security/shared-responsibility-shared-fate",
		"Google Cloud SOC 2 Type II report (Compliance Reports Manager)"},
}

// Name is the provider's display name.
func (p Provider) Name() string { return p.info(0) }

// ShortName is how the provider is usually called: AWS, Azure, Google Cloud.
func (p Provider) ShortName() string { return p.info(1) }

// ResponsibilityModel is the address of the page where the provider states its shared
// responsibility model.
func (p Provider) ResponsibilityModel() string { return p.info(2) }

// SOC2Report names the provider's SOC 2 report, the attestation that covers its inherited
// controls when the data names none.
func (p Provider) SOC2Report() string { return p.info(3) }

// Order is the provider's position in [Providers], or -1 for an unknown one.
func (p Provider) Order() int { return slices.Index(providers, p) }

func (p Provider) info(k int) string {
	if i := p.Order(); i >= 0 {
		return providerInfo[i][k]
	}
	return ""
}

// UnmarshalText accepts only known providers.
func (p *Provider) UnmarshalText(b []byte) (err error) {
	*p, err = parseEnum(b, providers, "provider")
	return
}

// Tier is the service model a service belongs to; responsibility shifts towards the provider
// as the tier rises from infrastructure to serverless.
type Tier string

// Tiers, from the most customer-operated to the least.
const (
	TierInfrastructure Tier = "infrastructure"
	TierContainer      Tier = "container"
	TierAbstracted     Tier = "abstracted"
	TierServerless     Tier = "serverless"
)

var tiers = []Tier{TierInfrastructure, TierContainer, TierAbstracted, TierServerless}

// tierInfo is by position in tiers; an array, not a map, so the package has no initialisation
// to run.
var tierInfo = [...][3]string{
	{"Infrastructure services", "IaaS", "Compute, block storage and networking the customer assembles and operates: the customer runs the guest operating system and everything above it."},
	{"Container (managed platform) services", "PaaS", "Services that run on provider-managed instances: the provider operates the operating system and platform software, the customer configures access, network exposure and data."},
	{"Abstracted services", "SaaS-like", "Managed building blocks reached through provider endpoints: the customer never sees a host and manages only permissions, configuration and data."},
	{"Serverless services", "FaaS", "Code or containers run on demand on a provider-operated fleet: the customer owns the code, its identity and its data."},
}

// Tiers lists the tiers in order.
func Tiers() []Tier { return append([]Tier(nil), tiers...) }

func (t Tier) String() string { return string(t) }

// Name is the tier's display name.
func (t Tier) Name() string { return t.info(0) }

// NIST is the nearest NIST SP 800-145 service model (IaaS, PaaS, SaaS-like, FaaS).
func (t Tier) NIST() string { return t.info(1) }

// Description says who runs what in this tier.
func (t Tier) Description() string { return t.info(2) }

func (t Tier) info(k int) string {
	if i := slices.Index(tiers, t); i >= 0 {
		return tierInfo[i][k]
	}
	return ""
}

// UnmarshalText accepts only known tiers.
func (t *Tier) UnmarshalText(b []byte) (err error) { *t, err = parseEnum(b, tiers, "tier"); return }

// Layer is one layer of the stack, bottom to top.
type Layer string

// The fifteen layers.
const (
	LayerPhysical             Layer = "physical"
	LayerHardware             Layer = "hardware"
	LayerGlobalNetwork        Layer = "global-network"
	LayerVirtualization       Layer = "virtualization"
	LayerGuestOS              Layer = "guest-os"
	LayerPlatform             Layer = "platform"
	LayerApplication          Layer = "application"
	LayerNetworkConfig        Layer = "network-config"
	LayerIdentityAccess       Layer = "identity-access"
	LayerData                 Layer = "data"
	LayerClientSideEncryption Layer = "client-side-encryption"
	LayerServerSideEncryption Layer = "server-side-encryption"
	LayerTrafficProtection    Layer = "traffic-protection"
	LayerLoggingMonitoring    Layer = "logging-monitoring"
	LayerBackupResilience     Layer = "backup-resilience"
)

// NumLayers is the number of layers every service assigns.
const NumLayers = 15

var layers = [NumLayers]Layer{LayerPhysical, LayerHardware, LayerGlobalNetwork, LayerVirtualization,
	LayerGuestOS, LayerPlatform, LayerApplication, LayerNetworkConfig, LayerIdentityAccess, LayerData,
	LayerClientSideEncryption, LayerServerSideEncryption, LayerTrafficProtection, LayerLoggingMonitoring,
	LayerBackupResilience}

// layerInfo is by position in layers.
var layerInfo = [NumLayers][2]string{
	{"Physical facilities", "Data centres, their perimeter, power, cooling and fire protection."},
	{"Hardware", "Servers, storage devices and network gear, their maintenance and secure disposal."},
	{"Global infrastructure", "Regions, availability zones, edge locations and the backbone between them."},
	{"Virtualisation", "Hypervisor and host software that isolate tenants."},
	{"Guest operating system", "The operating system inside instances, nodes and containers."},
	{"Platform", "Runtimes, database engines and the software of managed services."},
	{"Application", "Code and applications the customer builds or deploys."},
	{"Network configuration", "Virtual networks, routing, security groups and firewall rules, and endpoint exposure."},
	{"Identity and access", "Who may do what: identity and access management, resource policies, database users."},
	{"Customer data", "The content itself, its classification, ownership and retention."},
	{"Client-side encryption", "Encrypting data before it reaches the service."},
	{"Server-side encryption", "Encryption at rest inside the service and the choice of keys."},
	{"Traffic protection", "Encryption and integrity of data in transit."},
	{"Logging and monitoring", "Logs, metrics and alarms about resources and their use."},
	{"Backup and resilience", "Backups, replicas, multi-zone deployment and recovery."},
}

// Layers lists the layers bottom to top.
func Layers() []Layer { return append([]Layer(nil), layers[:]...) }

func (l Layer) String() string { return string(l) }

// Name is the layer's display name.
func (l Layer) Name() string { return l.info(0) }

// Description says what the layer covers.
func (l Layer) Description() string { return l.info(1) }

func (l Layer) info(k int) string {
	if i := l.Index(); i >= 0 {
		return layerInfo[i][k]
	}
	return ""
}

// Index is the layer's position, bottom (0) to top, or -1 for an unknown layer.
func (l Layer) Index() int {
	for i, v := range layers {
		if v == l {
			return i
		}
	}
	return -1
}

// UnmarshalText accepts only known layers.
func (l *Layer) UnmarshalText(b []byte) (err error) {
	*l, err = parseEnum(b, layers[:], "layer")
	return
}

// Owner is who carries a layer for a service.
type Owner string

// Owners.
const (
	OwnerProvider Owner = "provider"
	OwnerCustomer Owner = "customer"
	OwnerShared   Owner = "shared"
)

var owners = []Owner{OwnerProvider, OwnerCustomer, OwnerShared}

// UnmarshalText accepts only known owners.
func (o *Owner) UnmarshalText(b []byte) (err error) { *o, err = parseEnum(b, owners, "owner"); return }

// ControlType is AWS's classification of a control.
type ControlType string

// Control types.
const (
	// Inherited: the provider operates the control entirely; the customer relies on its attestations.
	Inherited ControlType = "inherited"
	// Shared: each party applies the control to its own layers or staff.
	Shared ControlType = "shared"
	// CustomerSpecific: the customer alone is responsible.
	CustomerSpecific ControlType = "customer-specific"
)

var controlTypes = []ControlType{Inherited, Shared, CustomerSpecific}

// ControlTypes lists the control types.
func ControlTypes() []ControlType { return append([]ControlType(nil), controlTypes...) }

// UnmarshalText accepts only known control types.
func (t *ControlType) UnmarshalText(b []byte) (err error) {
	*t, err = parseEnum(b, controlTypes, "control type")
	return
}

// Domain groups controls by subject.
type Domain string

// Control domains.
const (
	DomainGovernance              Domain = "governance"
	DomainRisk                    Domain = "risk"
	DomainAssetManagement         Domain = "asset-management"
	DomainDataProtection          Domain = "data-protection"
	DomainPrivacy                 Domain = "privacy"
	DomainIdentityAccess          Domain = "identity-access"
	DomainCryptography            Domain = "cryptography"
	DomainNetworkSecurity         Domain = "network-security"
	DomainPlatformHardening       Domain = "platform-hardening"
	DomainVulnerabilityManagement Domain = "vulnerability-management"
	DomainSecureDevelopment       Domain = "secure-development"
	DomainChangeManagement        Domain = "change-management"
	DomainConfigurationManagement Domain = "configuration-management"
	DomainLoggingMonitoring       Domain = "logging-monitoring"
	DomainIncidentResponse        Domain = "incident-response"
	DomainBackupRecovery          Domain = "backup-recovery"
	DomainBusinessContinuity      Domain = "business-continuity"
	DomainSupplierManagement      Domain = "supplier-management"
	DomainPeople                  Domain = "people"
	DomainPhysical                Domain = "physical"
)

var domains = []Domain{DomainGovernance, DomainRisk, DomainAssetManagement, DomainDataProtection,
	DomainPrivacy, DomainIdentityAccess, DomainCryptography, DomainNetworkSecurity, DomainPlatformHardening,
	DomainVulnerabilityManagement, DomainSecureDevelopment, DomainChangeManagement,
	DomainConfigurationManagement, DomainLoggingMonitoring, DomainIncidentResponse, DomainBackupRecovery,
	DomainBusinessContinuity, DomainSupplierManagement, DomainPeople, DomainPhysical}

// Domains lists the domains in catalog order.
func Domains() []Domain { return append([]Domain(nil), domains...) }

// domainNames is by position in domains.
var domainNames = [...]string{"Governance", "Risk management", "Asset management", "Data protection",
	"Privacy", "Identity and access management", "Cryptography", "Network security", "Platform hardening",
	"Vulnerability management", "Secure development", "Change management", "Configuration management",
	"Logging and monitoring", "Incident response", "Backup and recovery", "Business continuity",
	"Supplier management", "People", "Physical security"}

// Name is the domain's display name, or "" for an unknown domain.
func (d Domain) Name() string {
	if i := d.Order(); i >= 0 {
		return domainNames[i]
	}
	return ""
}

// Order is the domain's position in [Domains], or -1.
func (d Domain) Order() int {
	for i, v := range domains {
		if v == d {
			return i
		}
	}
	return -1
}

// UnmarshalText accepts only known domains.
func (d *Domain) UnmarshalText(b []byte) (err error) {
	*d, err = parseEnum(b, domains, "domain")
	return
}

// Collection is how a piece of evidence is gathered.
type Collection string

// Collection methods.
const (
	Automated Collection = "automated"
	Manual    Collection = "manual"
)

// UnmarshalText accepts only known methods.
func (c *Collection) UnmarshalText(b []byte) (err error) {
	*c, err = parseEnum(b, []Collection{Automated, Manual}, "collection")
	return
}

// Frequency is how often evidence is collected.
type Frequency string

// Frequencies.
const (
	Continuous Frequency = "continuous"
	Daily      Frequency = "daily"
	Weekly     Frequency = "weekly"
	Monthly    Frequency = "monthly"
	Quarterly  Frequency = "quarterly"
	SemiAnnual Frequency = "semi-annual"
	Annual     Frequency = "annual"
	OnEvent    Frequency = "on-event"
)

var frequencies = []Frequency{Continuous, Daily, Weekly, Monthly, Quarterly, SemiAnnual, Annual, OnEvent}

// UnmarshalText accepts only known frequencies.
func (f *Frequency) UnmarshalText(b []byte) (err error) {
	*f, err = parseEnum(b, frequencies, "frequency")
	return
}

// Artifact is the kind of thing an auditor receives.
type Artifact string

// Artifact kinds.
const (
	ArtifactPolicy         Artifact = "policy"
	ArtifactProcedure      Artifact = "procedure"
	ArtifactPlan           Artifact = "plan"
	ArtifactRecord         Artifact = "record"
	ArtifactReport         Artifact = "report"
	ArtifactLog            Artifact = "log"
	ArtifactConfiguration  Artifact = "configuration"
	ArtifactInventory      Artifact = "inventory"
	ArtifactContract       Artifact = "contract"
	ArtifactAttestation    Artifact = "attestation"
	ArtifactTicket         Artifact = "ticket"
	ArtifactTrainingRecord Artifact = "training-record"
	ArtifactDiagram        Artifact = "diagram"
)

var artifacts = []Artifact{ArtifactPolicy, ArtifactProcedure, ArtifactPlan, ArtifactRecord, ArtifactReport,
	ArtifactLog, ArtifactConfiguration, ArtifactInventory, ArtifactContract, ArtifactAttestation,
	ArtifactTicket, ArtifactTrainingRecord, ArtifactDiagram}

// UnmarshalText accepts only known artifact kinds.
func (a *Artifact) UnmarshalText(b []byte) (err error) {
	*a, err = parseEnum(b, artifacts, "artifact")
	return
}

// SourceKind is where a piece of evidence comes from.
type SourceKind string

// Evidence source kinds.
const (
	SourceConfigRule          SourceKind = "aws-config-rule"       // an AWS Config managed rule identifier
	SourceSecurityHub         SourceKind = "securityhub-control"   // a Security Hub control id
	SourceCloudTrailEvent     SourceKind = "cloudtrail-event"      // a CloudTrail event name
	SourceAPICall             SourceKind = "api-call"              // an API call that returns the evidence
	SourceDocument            SourceKind = "document"              // a document the organisation keeps
	SourceProviderAttestation SourceKind = "provider-attestation"  // a provider report or certificate
	SourceAzurePolicy         SourceKind = "azure-policy"          // a built-in Azure Policy definition, by GUID
	SourceMCSB                SourceKind = "mcsb-control"          // a Microsoft cloud security benchmark control id
	SourceSCCFinding          SourceKind = "scc-finding"           // a Security Command Center finding category
	SourceOrgPolicy           SourceKind = "org-policy-constraint" // a Google Cloud organisation policy constraint
)

var sourceKinds = []SourceKind{SourceConfigRule, SourceSecurityHub, SourceCloudTrailEvent, SourceAPICall,
	SourceDocument, SourceProviderAttestation, SourceAzurePolicy, SourceMCSB, SourceSCCFinding, SourceOrgPolicy}

// Automated reports whether the source is produced by a machine rather than a person.
func (k SourceKind) Automated() bool {
	switch k {
	case SourceConfigRule, SourceSecurityHub, SourceCloudTrailEvent, SourceAPICall, SourceAzurePolicy, SourceMCSB,
		SourceSCCFinding, SourceOrgPolicy:
		return true
	}
	return false
}

// Provider is the provider whose tooling the source belongs to, or "" for documents, API calls
// and attestations, which any provider may have.
func (k SourceKind) Provider() Provider {
	switch k {
	case SourceConfigRule, SourceSecurityHub, SourceCloudTrailEvent:
		return AWS
	case SourceAzurePolicy, SourceMCSB:
		return Azure
	case SourceSCCFinding, SourceOrgPolicy:
		return GCP
	}
	return ""
}

// UnmarshalText accepts only known source kinds.
func (k *SourceKind) UnmarshalText(b []byte) (err error) {
	*k, err = parseEnum(b, sourceKinds, "source kind")
	return
}

// Responsibility is who answers for a control for a given set of services.
type Responsibility string

// Responsibilities.
const (
	RespCustomer  Responsibility = "customer"
	RespShared    Responsibility = "shared"
	RespInherited Responsibility = "inherited"
)
