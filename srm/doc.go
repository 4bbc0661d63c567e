// Package srm is the cloud shared responsibility model: providers, service tiers, services,
// the fifteen stack layers and who owns each of them for each service of AWS, Azure and Google
// Cloud, AWS's three control types, and the control catalog — customer, shared and provider-inherited controls, each with
// the evidence an auditor asks for and where that evidence comes from.
//
// The built-in data is compiled from the YAML under data/ (see the mapping package's
// generator); [Default] returns it, with its indexes built once on first use. The package
// parses no YAML: documents are read by the mapping/load package.
//
// # Three providers, one model
//
// Services of AWS, Microsoft Azure and Google Cloud sit side by side, named provider/service:
// aws/ec2, azure/app-service, gcp/cloud-run. AWS's ids without the prefix (ec2) are accepted
// wherever an id is read. Tiers and layers are the same for every provider, so a scope may mix
// them. A control's objective is provider-neutral; [Control.On] gives what the provider and the
// customer do on one provider, or why the control has no counterpart there, and evidence items
// that name one provider's tooling (AWS Config rules, Azure Policy definitions, Security Command
// Center categories) carry that [Evidence.Provider] and are collected only when one of its
// services is in scope.
//
// # Who owns a layer
//
//	m := srm.Default()
//	o, _ := m.Owner("rds", srm.LayerGuestOS)                  // srm.OwnerProvider: AWS patches the RDS host OS
//	o, _ = m.Owner("azure/virtual-machines", srm.LayerGuestOS) // srm.OwnerCustomer
//
// # What applies to the services in use
//
// A [Scope] names the services an organisation runs. A control's responsibility in a scope
// follows the owners of the control's layers for those services: guest-OS patching is the
// customer's on EC2 and inherited from the provider on Lambda. [Model.In] checks a scope once —
// the zero Scope and one built from another model are refused — and gives a [View] to query.
//
//	scope, err := m.Scope("lambda", "s3") // unknown ids are an error, with a suggestion
//	if err != nil {
//		return err
//	}
//	v, err := m.In(scope)
//	if err != nil {
//		return err
//	}
//	for a := range v.Applicable() {
//		fmt.Println(a.Control.ID, a.Responsibility)
//	}
//
// # Copies out
//
// A [Model] is immutable and safe for concurrent use. Every value it returns is a copy: a caller
// that changes a control it got changes nothing in the model or in another caller's answer.
package srm
