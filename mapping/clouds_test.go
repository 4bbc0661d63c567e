package mapping_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/srmkit/srmkit/frameworks"
	"github.com/srmkit/srmkit/mapping"
	"github.com/srmkit/srmkit/srm"
)

// sourcesOf gathers the sources of the evidence items (not the attestations) by kind.
func sourcesOf(items []mapping.Item) map[srm.SourceKind][]srm.Source {
	out := map[srm.SourceKind][]srm.Source{}
	for _, it := range items {
		if it.Attestation() {
			continue
		}
		for _, s := range it.Sources {
			out[s.Kind] = append(out[s.Kind], s)
		}
	}
	return out
}

func attestationsOf(items []mapping.Item) map[srm.Provider][]string {
	out := map[srm.Provider][]string{}
	for _, it := range items {
		if it.Attestation() {
			out[it.Provider] = append(out[it.Provider], it.Title)
		}
	}
	return out
}

// An Azure estate's SOC 2 checklist names Azure Policy definitions for each of the topics an
// auditor tests first, asks Microsoft (and only Microsoft) for its attestation, and names no
// other provider's tooling.
func TestChecklistAzure(t *testing.T) {
	c := mapping.Default()
	items := checklist(t, c, []frameworks.ID{frameworks.SOC2}, "azure/app-service", "azure/sql-database", "azure/storage", "azure/key-vault", "azure/functions")
	src := sourcesOf(items)
	topics := map[string][]string{ // words of a policy's display name
		"encryption at rest": {"customer-managed key", "encrypt", "transparent data encryption"},
		"TLS":                {"TLS", "HTTPS", "secure transfer"},
		"auditing, logging":  {"audit", "diagnostic", "log"},
		"network exposure":   {"public network access", "private link", "private endpoint", "firewall", "virtual network"},
		"backup":             {"backup", "soft delete", "purge protection", "geo-redundant"},
		"identity":           {"Microsoft Entra", "managed identity", "local authentication", "Azure Active Directory"},
	}
	for topic, words := range topics {
		found := false
		for _, s := range src[srm.SourceAzurePolicy] {
			for _, w := range words {
				found = found || strings.Contains(strings.ToLower(s.Title), strings.ToLower(w))
			}
		}
		if !found {
			t.Errorf("no Azure Policy evidence for %s", topic)
		}
	}
	if len(src[srm.SourceMCSB]) == 0 {
		t.Error("no Microsoft cloud security benchmark control named")
	}
	for k := range src {
		if p := k.Provider(); p != "" && p != srm.Azure {
			t.Errorf("an Azure-only scope names %s sources", k)
		}
	}
	att := attestationsOf(items)
	if len(att[srm.Azure]) == 0 || len(att) != 1 {
		t.Errorf("attestations %v; want Microsoft's only", att)
	}
	for _, it := range items {
		if it.Provider != "" && it.Provider != srm.Azure {
			t.Errorf("%s is for %s", it.EvidenceID, it.Provider)
		}
	}
}

// A Google Cloud estate's checklist names Security Command Center categories and organisation
// policy constraints, and asks Google for its attestation.
func TestChecklistGoogleCloud(t *testing.T) {
	c := mapping.Default()
	items := checklist(t, c, []frameworks.ID{frameworks.SOC2}, "gcp/cloud-run", "gcp/cloud-sql", "gcp/cloud-storage", "gcp/cloud-kms")
	src := sourcesOf(items)
	if len(src[srm.SourceSCCFinding]) < 10 || len(src[srm.SourceOrgPolicy]) < 5 {
		t.Errorf("%d SCC categories, %d organisation policy constraints", len(src[srm.SourceSCCFinding]), len(src[srm.SourceOrgPolicy]))
	}
	var refs []string
	for _, k := range []srm.SourceKind{srm.SourceSCCFinding, srm.SourceOrgPolicy} {
		for _, s := range src[k] {
			refs = append(refs, s.Ref)
		}
	}
	for _, want := range []string{"PUBLIC_BUCKET_ACL", "KMS_KEY_NOT_ROTATED", "constraints/sql.restrictPublicIp", "constraints/storage.publicAccessPrevention"} {
		if !slices.Contains(refs, want) {
			t.Errorf("no %s among %d sources", want, len(refs))
		}
	}
	for k := range src {
		if p := k.Provider(); p != "" && p != srm.GCP {
			t.Errorf("a Google Cloud scope names %s sources", k)
		}
	}
	if att := attestationsOf(items); len(att[srm.GCP]) == 0 || len(att) != 1 {
		t.Errorf("attestations %v; want Google's only", att)
	}
}

// A scope of three providers lists each provider's evidence and each provider's attestation,
// and judges each provider's part on its own: guest-OS patching is inherited on Lambda and
// Functions, so neither AWS's nor Azure's patching evidence is asked for, while a Cloud Run
// image's own operating system packages leave Google Cloud's part shared.
func TestChecklistMixedProviders(t *testing.T) {
	c := mapping.Default()
	scope := []string{"aws/lambda", "azure/functions", "gcp/cloud-run"}
	items := checklist(t, c, []frameworks.ID{frameworks.SOC2}, scope...)
	src := sourcesOf(items)
	for _, k := range []srm.SourceKind{srm.SourceConfigRule, srm.SourceAzurePolicy, srm.SourceSCCFinding} {
		if len(src[k]) == 0 {
			t.Errorf("no %s evidence", k)
		}
	}
	att := attestationsOf(items)
	for _, p := range srm.Providers() {
		if len(att[p]) == 0 {
			t.Errorf("no %s attestation among %v", p, att)
		}
	}
	// Items any provider needs come first, then AWS's, Azure's and Google's.
	var order []srm.Provider
	for _, it := range items {
		if !it.Attestation() && (len(order) == 0 || order[len(order)-1] != it.Provider) {
			order = append(order, it.Provider)
		}
	}
	if diff := cmp.Diff([]srm.Provider{"", srm.AWS, srm.Azure, srm.GCP}, order); diff != "" {
		t.Errorf("groups (-want +got):\n%s", diff)
	}
	for _, it := range items {
		if !it.Attestation() && it.Controls[0] == "HRD-02" && (it.Provider == srm.AWS || it.Provider == srm.Azure) {
			t.Errorf("guest-OS patching evidence %s asked of %s for a serverless platform", it.EvidenceID, it.Provider)
		}
	}
	// Adding a virtual machine makes patching Azure's customer's work again, and only there.
	items = checklist(t, c, []frameworks.ID{frameworks.SOC2}, append(scope, "azure/virtual-machines")...)
	var patching []srm.Provider
	for _, it := range items {
		if !it.Attestation() && it.Controls[0] == "HRD-02" && !slices.Contains(patching, it.Provider) {
			patching = append(patching, it.Provider)
		}
	}
	if slices.Contains(patching, srm.AWS) || !slices.Contains(patching, srm.Azure) {
		t.Errorf("HRD-02 evidence asked of %v; want Azure's and not AWS's", patching)
	}
	r := checklistReport(t, c, []frameworks.ID{frameworks.SOC2}, scope...)
	var headings []string
	for _, s := range r.Sections {
		if strings.HasSuffix(s.Heading, " evidence") || strings.HasPrefix(s.Heading, "Evidence for") {
			headings = append(headings, s.Heading)
		}
	}
	if diff := cmp.Diff([]string{"Evidence for every provider", "Amazon Web Services evidence", "Microsoft Azure evidence", "Google Cloud evidence"}, headings); diff != "" {
		t.Errorf("sections (-want +got):\n%s", diff)
	}
}
