package diag_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/srmkit/srmkit/schema/diag"
)

func TestSuggest(t *testing.T) {
	for _, tc := range []struct {
		name       string
		candidates []string
		want       string
	}{
		{"lamda", []string{"ec2", "lambda", "s3"}, " (did you mean lambda?)"},
		{"S3", []string{"ec2", "s3"}, " (did you mean s3?)"},
		{"s4", []string{"ec2", "s3"}, " (did you mean s3?)"},
		{"8.24", []string{"8.2", "A.8.2", "A.8.24"}, " (did you mean A.8.24?)"},
		{"IAM-1", []string{"IAM-01", "IAM-10"}, " (did you mean IAM-01?)"},
		{"art.32(1)", []string{"Art.32", "Art.32(1)"}, " (did you mean Art.32(1)?)"},
		{"mainframe", []string{"ec2", "lambda", "s3"}, ""},
		{"s3", []string{"ec2", "s3"}, ""},
	} {
		if got := diag.Suggest(tc.name, slices.Values(tc.candidates)); got != tc.want {
			t.Errorf("Suggest(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestErrorList(t *testing.T) {
	cause := errors.New("cause")
	l := diag.ErrorList{
		{File: "b.yaml", Line: 2, Column: 1, Msg: "second"},
		{File: "a.yaml", Line: 9, Column: 3, Path: "/x", Msg: "first", Err: cause},
	}
	l.Sort()
	want := "a.yaml:9:3: /x: first\nb.yaml:2:1: second"
	if diff := cmp.Diff(want, l.Error()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if !errors.Is(l, cause) {
		t.Error("errors.Is does not reach an entry's cause")
	}
	if (diag.ErrorList{}).Err() != nil || l.Err() == nil {
		t.Error("Err: nil only when empty")
	}
	e := diag.At(nil, "in-code", "/assignments/0", cause, "bad %s", "value")
	if diff := cmp.Diff("in-code: /assignments/0: bad value", e.Error()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
