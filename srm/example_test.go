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

func ExampleView_Responsibility() {
	m := srm.Default()
	for _, services := range [][]string{{"ec2"}, {"lambda", "s3"}, {"rds"}} {
		scope, err := m.Scope(services...)
		if err != nil {
			panic(err)
		}
		v, err := m.In(scope)
		if err != nil {
			panic(err)
		}
		r, ok := v.Responsibility("HRD-02")
		fmt.Println(services, r, ok)
	}
	// Output:
	// [ec2] customer true
	// [lambda s3] inherited true
	// [rds] inherited true
}

func ExampleView_Applicable() {
	m := srm.Default()
	scope, _ := m.Scope("rds")
	v, err := m.In(scope)
	if err != nil {
		panic(err)
	}
	n := map[srm.Responsibility]int{}
	for a := range v.Applicable() {
		n[a.Responsibility]++
	}
	fmt.Println(n[srm.RespCustomer] > 0, n[srm.RespShared] > 0, n[srm.RespInherited] > 0)
	// Output:
	// true true true
}

func ExampleModel_Scope() {
	_, err := srm.Default().Scope("ec2", "lamda")
	fmt.Println(err)
	// Output: unknown service "lamda" (did you mean lambda?)
}

func ExampleScope_Services() {
	scope, _ := srm.Default().Scope("s3", "lambda")
	for id := range scope.Services() {
		fmt.Println(id)
	}
	// Output:
	// s3
	// lambda
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
