package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

func TestRunAgainstFake(t *testing.T) {
	t.Setenv("BOLD_TOKEN", "")
	var out bytes.Buffer
	if err := run(context.Background(), &out); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	for _, want := range []string{
		"fake (sharestest)",
		"Created share 1: user 1 may open device 1 (remote activation on)",
		"Monday    08:00:00–18:00:00, weekly",
		`Read back: "Front door" (device 1) for Ada Lovelace, 5 schedule entries`,
		"Ada Lovelace has not registered yet; invitation: https://invite.sharestest.invalid/",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q:\n%s", want, s)
		}
	}
}

func TestRealModeNeedsIDs(t *testing.T) {
	t.Setenv("BOLD_TOKEN", "tok")
	t.Setenv("BOLD_ORG_ID", "")
	err := run(context.Background(), &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "BOLD_ORG_ID") {
		t.Fatalf("err = %v", err)
	}
}
