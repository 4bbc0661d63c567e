package findings

import (
	"fmt"
	"strings"

	"github.com/srmkit/srmkit/mapping"
	"github.com/srmkit/srmkit/srm"
)

// record holds the members of one finding the reader needs, from Security Hub's ASFF or
// Prowler's OCSF; every other member is skipped unread.
type record struct {
	asff, ocsf bool

	// ASFF
	generatorID, productName       string
	controlID, complianceStatus    string // Compliance.SecurityControlId, Compliance.Status
	pfControlID, pfProduct         string // ProductFields.ControlId, aws/securityhub/ProductName
	pfRuleName, pfConfigCompliance string // ProductFields aws/config/ConfigRuleName, ConfigComplianceType
	recordState, workflowStatus    string
	resource                       string // the first resource's Id or uid
	resources                      int

	// OCSF
	eventCode, statusCode, status, provider string
	statusID                                int
	fsbp                                    []string // unmapped.compliance's AWS Foundational Security Best Practices ids
}

const fsbpKey = "AWS-Foundational-Security-Best-Practices"

// topObject reads a top-level object: a command's output wrapping an array of records
// (Findings, EvaluationResults, ComplianceByConfigRules, ConfigRules), or one finding (JSON
// Lines, or findings written back to back).
func (rd *reader) topObject() error {
	l := rd.l
	line, col := l.where()
	var rec record
	wrapped := false
	var members []string
	err := l.object(func(k []byte) error {
		switch string(k) {
		case "Findings":
			wrapped = true
			rd.format(SecurityHub)
			return l.array(func() error { return rd.element(SecurityHub) })
		case "EvaluationResults":
			wrapped = true
			rd.format(ConfigDetails)
			return l.array(rd.evaluationResult)
		case "ComplianceByConfigRules":
			wrapped = true
			rd.format(ConfigSummary)
			return l.array(rd.ruleCompliance)
		case "ConfigRules":
			wrapped = true
			rd.format(ConfigRules)
			return l.array(rd.configRule)
		case "NextToken":
			return l.skip()
		}
		if len(members) < 4 {
			members = append(members, string(k))
		}
		return rd.member(&rec, k)
	})
	if err != nil {
		return err
	}
	if wrapped {
		return nil
	}
	if !rec.asff && !rec.ocsf {
		what := "an empty JSON object"
		if len(members) > 0 {
			what = "a JSON object with members " + strings.Join(members, ", ")
		}
		return &syntaxError{line, col, fmt.Sprintf("%v: %s; expected Security Hub findings (ASFF), "+
			"AWS Config output (get-compliance-details-by-config-rule, describe-compliance-by-config-rule, describe-config-rules) "+
			"or Prowler's JSON (OCSF)", ErrNotFindings, what), ErrNotFindings}
	}
	return rd.emit(&rec, line, col)
}

// topArray reads a top-level array of findings: Prowler's OCSF output, or ASFF findings.
func (rd *reader) topArray() error {
	return rd.l.array(func() error { return rd.element("") })
}

// element reads one finding of an array; want is the format the array holds, when known.
func (rd *reader) element(want Format) error {
	l := rd.l
	line, col := l.where()
	if c, ok := l.peek(); ok && c != '{' {
		return l.errorf("found %s, want a finding (an object)", describe(c))
	}
	var rec record
	if err := l.object(func(k []byte) error { return rd.member(&rec, k) }); err != nil {
		return err
	}
	if want == SecurityHub && !rec.asff {
		rec.asff = true // a member of Findings is ASFF whatever members it carries
	}
	if !rec.asff && !rec.ocsf {
		return &syntaxError{line, col, fmt.Sprintf("%v: an array element that is neither a Security Hub finding (ASFF) nor a Prowler finding (OCSF)", ErrNotFindings), ErrNotFindings}
	}
	return rd.emit(&rec, line, col)
}

// member reads one member of a finding.
func (rd *reader) member(r *record, k []byte) error {
	l := rd.l
	switch string(k) {
	// ASFF
	case "SchemaVersion", "AwsAccountId", "ProductArn", "CreatedAt", "UpdatedAt":
		r.asff = true
		return l.skip()
	case "GeneratorId":
		r.asff = true
		return l.text(&r.generatorID)
	case "ProductName":
		return l.text(&r.productName)
	case "Compliance":
		return l.object(func(k []byte) error {
			switch string(k) {
			case "Status":
				return l.text(&r.complianceStatus)
			case "SecurityControlId":
				return l.text(&r.controlID)
			}
			return l.skip()
		})
	case "ProductFields":
		return l.object(func(k []byte) error {
			switch string(k) {
			case "ControlId":
				return l.text(&r.pfControlID)
			case "aws/securityhub/ProductName":
				return l.text(&r.pfProduct)
			case "aws/config/ConfigRuleName":
				return l.text(&r.pfRuleName)
			case "aws/config/ConfigComplianceType":
				return l.text(&r.pfConfigCompliance)
			}
			return l.skip()
		})
	case "RecordState":
		return l.text(&r.recordState)
	case "Workflow":
		return l.object(func(k []byte) error {
			if string(k) == "Status" {
				return l.text(&r.workflowStatus)
			}
			return l.skip()
		})
	case "Resources", "resources":
		key := "Id"
		if k[0] == 'r' {
			key = "uid"
		}
		return l.array(func() error {
			r.resources++
			if r.resources > 1 {
				return l.skip()
			}
			return l.object(func(k []byte) error {
				if string(k) == key {
					return l.text(&r.resource)
				}
				return l.skip()
			})
		})
	// OCSF
	case "metadata":
		return l.object(func(k []byte) error {
			if string(k) == "event_code" {
				r.ocsf = true
				return l.text(&r.eventCode)
			}
			return l.skip()
		})
	case "status_code":
		r.ocsf = true
		return l.text(&r.statusCode)
	case "status":
		return l.text(&r.status)
	case "status_id":
		return l.number(&r.statusID)
	case "cloud":
		return l.object(func(k []byte) error {
			if string(k) == "provider" {
				return l.text(&r.provider)
			}
			return l.skip()
		})
	case "unmapped":
		return l.object(func(k []byte) error {
			if string(k) != "compliance" {
				return l.skip()
			}
			return l.object(func(k []byte) error {
				if string(k) != fsbpKey {
					return l.skip()
				}
				return l.array(func() error {
					var id string
					if err := l.text(&id); err != nil {
						return err
					}
					if id != "" && len(r.fsbp) < 64 {
						r.fsbp = append(r.fsbp, id)
					}
					return nil
				})
			})
		})
	}
	return l.skip()
}

// emit counts one finding.
func (rd *reader) emit(r *record, line, col int) error {
	rd.file.Records++
	if r.asff {
		rd.format(SecurityHub)
		return rd.asff(r)
	}
	rd.format(ProwlerOCSF)
	return rd.prowler(r.eventCode, r.statusCode, r.status == "Suppressed" || r.statusID == 3, r.resource, r.fsbp, r.provider, line, col)
}

func (rd *reader) asff(r *record) error {
	f := &rd.file
	switch {
	case r.recordState == "ARCHIVED":
		f.Archived++
		return nil
	case r.workflowStatus == "SUPPRESSED":
		f.Suppressed++
		return nil
	case r.complianceStatus == "":
		f.Other++ // not a control check: GuardDuty, Inspector, Macie and partner findings
		return nil
	}
	var o mapping.Outcome
	switch r.complianceStatus {
	case "PASSED":
		o = mapping.Passed
	case "FAILED":
		o = mapping.Failed
	case "WARNING":
		o = mapping.Indeterminate
	case "NOT_AVAILABLE":
		if r.pfConfigCompliance == "NOT_APPLICABLE" {
			f.NotApplicable++
			return nil
		}
		o = mapping.Indeterminate
	default:
		f.Other++
		return nil
	}
	if id := r.controlID; id != "" || r.pfRuleName == "" {
		if id == "" {
			id = r.pfControlID
		}
		if id == "" {
			id = generatorControl(r.generatorID)
		}
		if !controlID(id) {
			f.Other++ // a standard-specific rule number (CIS 1.2.0's "1.3") names no Security Hub control
			return nil
		}
		rd.count(srm.Source{Kind: srm.SourceSecurityHub, Ref: id}, r.resource, o)
		return nil
	}
	rd.countName(r.pfRuleName, r.resource, o)
	return nil
}

// generatorControl is the control id at the end of a standard-specific generator id, such as
// aws-foundational-security-best-practices/v/1.0.0/S3.5 or security-control/S3.5.
func generatorControl(g string) string {
	return g[strings.LastIndexByte(g, '/')+1:]
}

// controlID reports whether id has the shape of a Security Hub control id: a service name
// starting with a letter, a dot and a number.
func controlID(id string) bool {
	dot := strings.IndexByte(id, '.')
	if dot < 1 || dot == len(id)-1 || !(id[0] >= 'A' && id[0] <= 'Z' || id[0] >= 'a' && id[0] <= 'z') {
		return false
	}
	for _, c := range []byte(id[:dot]) {
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return false
		}
	}
	for _, c := range []byte(id[dot+1:]) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func (rd *reader) count(src srm.Source, resource string, o mapping.Outcome) {
	if t := rd.part.tally(src); t != nil {
		t.Add(resource, o)
		rd.file.Counted++
	} else {
		rd.part.over++
	}
}

func (rd *reader) countName(name, resource string, o mapping.Outcome) {
	if t := rd.part.nameTally(name); t != nil {
		t.Add(resource, o)
		rd.file.Counted++
	} else {
		rd.part.over++
	}
}

// prowler counts one Prowler finding: for each Security Hub control its own compliance
// mapping names, or failing that srmkit's table of Prowler's mapping.
func (rd *reader) prowler(check, status string, muted bool, resource string, fsbp []string, provider string, line, col int) error {
	f := &rd.file
	if check == "" {
		return &syntaxError{line, col, "a Prowler finding without a check id", nil}
	}
	// Prowler 3 reports an allowlisted finding as WARNING; later versions mark it muted.
	if muted || strings.EqualFold(status, "WARNING") {
		f.Suppressed++
		return nil
	}
	if provider != "" && provider != "aws" {
		f.Other++
		return nil
	}
	var o mapping.Outcome
	switch strings.ToUpper(status) {
	case "PASS":
		o = mapping.Passed
	case "FAIL":
		o = mapping.Failed
	case "MANUAL":
		o = mapping.Indeterminate
	default:
		f.Other++ // INFO and other statuses decide nothing
		return nil
	}
	n := 0
	for _, id := range fsbp {
		if id = canonicalControl(id); controlID(id) {
			rd.count(srm.Source{Kind: srm.SourceSecurityHub, Ref: id}, resource, o)
			n++
		}
	}
	if n == 0 {
		for _, p := range prowlerChecks(check) {
			rd.count(srm.Source{Kind: srm.SourceSecurityHub, Ref: p.control}, resource, o)
			n++
		}
	}
	if n == 0 {
		if rd.part.prowler == nil {
			rd.part.prowler = map[string]int{}
		}
		if _, ok := rd.part.prowler[check]; ok || len(rd.part.prowler) < maxChecks {
			rd.part.prowler[check]++
		} else {
			rd.part.over++
		}
	}
	return nil
}

// canonicalControl spells a control id as AWS does where Prowler's mapping differs.
func canonicalControl(id string) string {
	if rest, ok := strings.CutPrefix(id, "OpenSearch."); ok {
		return "Opensearch." + rest
	}
	return id
}

// evaluationResult reads one result of get-compliance-details-by-config-rule.
func (rd *reader) evaluationResult() error {
	l := rd.l
	line, col := l.where()
	var rule, resourceType, resourceID, compliance string
	err := l.object(func(k []byte) error {
		switch string(k) {
		case "EvaluationResultIdentifier":
			return l.object(func(k []byte) error {
				if string(k) != "EvaluationResultQualifier" {
					return l.skip()
				}
				return l.object(func(k []byte) error {
					switch string(k) {
					case "ConfigRuleName":
						return l.text(&rule)
					case "ResourceType":
						return l.text(&resourceType)
					case "ResourceId":
						return l.text(&resourceID)
					}
					return l.skip()
				})
			})
		case "ComplianceType":
			return l.text(&compliance)
		}
		return l.skip()
	})
	if err != nil {
		return err
	}
	rd.file.Records++
	if rule == "" {
		return &syntaxError{line, col, "an evaluation result without EvaluationResultQualifier.ConfigRuleName", nil}
	}
	resource := resourceID
	if resourceType != "" && resourceID != "" && !strings.HasPrefix(resourceID, "arn:") {
		resource = resourceType + " " + resourceID
	}
	return rd.config(rule, compliance, resource, 1, line, col)
}

// ruleCompliance reads one rule's summary from describe-compliance-by-config-rule: a
// non-compliant rule counts once a non-compliant resource (as capped by AWS Config), a
// compliant one once.
func (rd *reader) ruleCompliance() error {
	l := rd.l
	line, col := l.where()
	var rule, compliance string
	capped := 0
	err := l.object(func(k []byte) error {
		switch string(k) {
		case "ConfigRuleName":
			return l.text(&rule)
		case "Compliance":
			return l.object(func(k []byte) error {
				switch string(k) {
				case "ComplianceType":
					return l.text(&compliance)
				case "ComplianceContributorCount":
					return l.object(func(k []byte) error {
						if string(k) == "CappedCount" {
							return l.number(&capped)
						}
						return l.skip()
					})
				}
				return l.skip()
			})
		}
		return l.skip()
	})
	if err != nil {
		return err
	}
	rd.file.Records++
	if rule == "" {
		return &syntaxError{line, col, "a rule summary without ConfigRuleName", nil}
	}
	return rd.config(rule, compliance, "", max(capped, 1), line, col)
}

func (rd *reader) config(rule, compliance, resource string, n, line, col int) error {
	var o mapping.Outcome
	switch compliance {
	case "COMPLIANT":
		o = mapping.Passed
	case "NON_COMPLIANT":
		o = mapping.Failed
	case "INSUFFICIENT_DATA":
		o = mapping.Indeterminate
	case "NOT_APPLICABLE":
		rd.file.NotApplicable++
		return nil
	default:
		return &syntaxError{line, col, fmt.Sprintf("compliance type %q (want COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE or INSUFFICIENT_DATA)", compliance), nil}
	}
	for range n {
		rd.countName(rule, resource, o)
	}
	return nil
}

// configRule reads one rule of describe-config-rules: its name and, for a managed rule, its
// identifier.
func (rd *reader) configRule() error {
	l := rd.l
	line, col := l.where()
	var name, owner, ident string
	err := l.object(func(k []byte) error {
		switch string(k) {
		case "ConfigRuleName":
			return l.text(&name)
		case "Source":
			return l.object(func(k []byte) error {
				switch string(k) {
				case "Owner":
					return l.text(&owner)
				case "SourceIdentifier":
					return l.text(&ident)
				}
				return l.skip()
			})
		}
		return l.skip()
	})
	if err != nil {
		return err
	}
	rd.file.Records++
	if name == "" {
		return &syntaxError{line, col, "a rule without ConfigRuleName", nil}
	}
	if owner != "AWS" {
		ident = "" // a custom rule's identifier is a Lambda function ARN, not a managed rule
	}
	if rd.part.rules == nil {
		rd.part.rules = map[string]string{}
	}
	if len(rd.part.rules) < maxChecks {
		rd.part.rules[name] = ident
	}
	return nil
}
