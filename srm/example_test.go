package srm_test

import (
	"fmt"

	"github.com/srmkit/srmkit/srm"
)

func ExampleModel_Owner() {
	m := srm.Default()
	for _, svc := range []string{"ec2", "rds", "lambda", "s3"} {
		o, _ := m.Owner(svc, srm.LayerGuestOS)
		fmt.Println(svc, o)
	}
	// Output:
	// ec2 customer
	// rds provider
	// lambda provider
	// s3 provider
}

func ExampleModel_ServicesByTier() {
	for s := range srm.Default().ServicesByTier(srm.TierServerless) {
		fmt.Println(s.ID, s.Name)
	}
	// Output:
	// lambda AWS Lambda
	// fargate AWS Fargate
	// apigateway Amazon API Gateway
	// stepfunctions AWS Step Functions
	// appsync AWS AppSync
	// codebuild AWS CodeBuild
}

func ExampleModel_Responsibility() {
	m := srm.Default()
	for _, services := range [][]string{{"ec2"}, {"lambda", "s3"}, {"rds"}} {
		scope, _ := m.Scope(services...)
		r, ok := m.Responsibility("HRD-02", scope)
		fmt.Println(services, r, ok)
	}
	// Output:
	// [ec2] customer true
	// [lambda s3] inherited true
	// [rds] inherited true
}

func ExampleModel_Applicable() {
	m := srm.Default()
	scope, _ := m.Scope("rds")
	n := map[srm.Responsibility]int{}
	for a := range m.Applicable(scope) {
		n[a.Responsibility]++
	}
	fmt.Println(n[srm.RespCustomer] > 0, n[srm.RespShared] > 0, n[srm.RespInherited] > 0)
	// Output:
	// true true true
}

func ExampleModel_Scope() {
	_, err := srm.Default().Scope("ec2", "mainframe")
	fmt.Println(err != nil)
	// Output: true
}

func ExampleTier_NIST() {
	for _, t := range srm.Tiers() {
		fmt.Println(t, t.NIST())
	}
	// Output:
	// infrastructure IaaS
	// container PaaS
	// abstracted SaaS-like
	// serverless FaaS
}
