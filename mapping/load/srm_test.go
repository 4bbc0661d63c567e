package load_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/srmkit/srmkit/mapping/load"
	"github.com/srmkit/srmkit/schema"
	"github.com/srmkit/srmkit/srm"
)

func TestStrictModelErrors(t *testing.T) {
	svc := "srmkit: services/v1\nprovider: aws\nservices:\n  - id: box\n    name: Box\n    tier: infrastructure\n    summary: A test service.\n    layers:\n"
	for _, l := range srm.Layers() {
		svc += "      " + string(l) + ": {owner: customer, provider: none, customer: all of it}\n"
	}
	services := load.File{Name: "s.yaml", Data: []byte(svc)}
	controls := load.File{Name: "c.yaml", Data: []byte(`srmkit: controls/v1
controls:
  - id: ABC-01
    title: One
    type: shared
    domain: governance
    evidence:
      - {description: "A record", collection: manual, frequency: annual, sources: [{kind: document, ref: X}]}
  - id: ABC-01
    title: Two
    objective: "Something worth doing here."
    type: shared
    domain: governance
    layers: []
    applies_to: {services: [mainframe]}
    provider: "ppp"
    customer: "ccc"
    evidence:
      - {description: "A record", artifact: record, collection: manual, frequency: annual, sources: [{kind: document, ref: X}]}
`)}
	_, err := load.StrictModel(services, controls)
	var list schema.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("got %v", err)
	}
	type got struct {
		Line  int
		Cause error
	}
	var g []got
	for _, e := range list {
		g = append(g, got{e.Line, e.Err})
	}
	is := cmp.Comparer(func(a, b error) bool { return errors.Is(a, b) })
	want := []got{
		{3, load.ErrIncomplete}, {3, load.ErrIncomplete}, {3, load.ErrIncomplete}, {3, load.ErrIncomplete}, {8, load.ErrIncomplete},
		{9, srm.ErrDuplicateControl}, {15, srm.ErrUnknownService},
	}
	if diff := cmp.Diff(want, g, is); diff != "" {
		t.Errorf("(-want +got):\n%s\n%v", diff, err)
	}
}
