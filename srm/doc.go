// Package srm is the cloud shared responsibility model: providers, service tiers, services,
// the fifteen stack layers and who owns each of them for each service, AWS's three control
// types, and the control catalog — customer, shared and provider-inherited controls, each with
// the evidence an auditor asks for and where that evidence comes from.
//
// The built-in data is compiled from the YAML under data/ (see the mapping package's
// generator); [Default] returns it, with its indexes built once on first use.
//
// # Who owns a layer
//
//	m := srm.Default()
//	o, _ := m.Owner("rds", srm.LayerGuestOS) // srm.OwnerProvider: AWS patches the RDS host OS
//
// # What applies to the services in use
//
// A [Scope] names the services an organisation runs. A control's responsibility in a scope
// follows the owners of the control's layers for those services: guest-OS patching is the
// customer's on EC2 and inherited from the provider on Lambda.
//
//	scope, _ := m.Scope("lambda", "s3")
//	for a := range m.Applicable(scope) {
//		fmt.Println(a.Control.ID, a.Responsibility)
//	}
package srm
