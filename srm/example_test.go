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
	// aws/lambda AWS Lambda
	// aws/fargate AWS Fargate
	// aws/apigateway Amazon API Gateway
	// aws/stepfunctions AWS Step Functions
	// aws/appsync AWS AppSync
	// aws/codebuild AWS CodeBuild
	// azure/functions Azure Functions
	// azure/container-apps Azure Container Apps
	// azure/container-instances Azure Container Instances
	// azure/api-management Azure API Management
	// azure/logic-apps Azure Logic Apps
	// gcp/cloud-run Cloud Run
	// gcp/cloud-functions Cloud Run functions
	// gcp/cloud-build Cloud Build
}

func ExampleModel_ServicesOf() {
	for s := range srm.Default().ServicesOf(srm.GCP) {
		if s.Tier == srm.TierContainer {
			fmt.Println(s.ID, s.Owner(srm.LayerGuestOS))
		}
	}
	// Output:
	// gcp/gke shared
	// gcp/gke-autopilot provider
	// gcp/app-engine shared
	// gcp/cloud-sql provider
	// gcp/memorystore provider
}

func ExampleControl_On() {
	c, _ := srm.Default().Control("HRD-02")
	for _, p := range srm.Providers() {
		pt := c.On(p)
		fmt.Println(p, pt.NotApplicable == "" && pt.Customer != "")
	}
	// Output:
	// aws true
	// azure true
	// gcp true
}

func ExampleScope_Providers() {
	scope, _ := srm.Default().Scope("lambda", "azure/functions", "gcp/cloud-run")
	fmt.Println(scope.Providers(), scope.Of(srm.Azure))
	// Output:
	// [aws azure gcp] azure/functions
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
	scope, _ := srm.Default().Scope("s3", "lambda", "azure/storage")
	for id := range scope.Services() {
		fmt.Println(id)
	}
	// Output:
	// aws/s3
	// aws/lambda
	// azure/storage
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
