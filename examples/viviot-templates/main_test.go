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

func noEnv(string) string { return "" }

func TestRunAgainstFake(t *testing.T) {
	var out bytes.Buffer
	require := func(cond bool, msg string) {
		t.Helper()
		if !cond {
			t.Fatalf("%s\noutput:\n%s", msg, out.String())
		}
	}
	err := run(context.Background(), []string{"-delete"}, noEnv, &out)
	require(err == nil, "run failed")
	s := out.String()
	require(strings.Contains(s, "(fake;"), "does not say it used the fake")
	require(strings.Contains(s, `created:    "Guests: front door and meeting room"`), "no created line")
	require(strings.Contains(s, "for 2 things, scope Guest, codes Shared"), "wrong template terms")
	require(strings.Contains(s, "2 access template(s):"), "list missing")
	require(strings.Contains(s, " * Guest  Shared "), "created template not marked in the list")
	require(strings.Contains(s, "Staff: hot desks"), "the seeded template is not listed")
	require(strings.Contains(s, "deleted:"), "no delete")
}

func TestQueuesListsOnlyQueueingTemplates(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), []string{"-queues"}, noEnv, &out); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	if !strings.Contains(s, "1 access template(s) with a queueing smartspace:") || !strings.Contains(s, "Staff: hot desks") ||
		strings.Contains(s, " * Guest") {
		t.Fatalf("output:\n%s", s)
	}
}

func TestRealModeNeedsThings(t *testing.T) {
	env := map[string]string{"VIVIOT_USER": "u", "VIVIOT_PASSWORD": "p", "VIVIOT_URL": "http://127.0.0.1:1"}
	err := run(context.Background(), nil, func(k string) string { return env[k] }, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "two thing Guids") {
		t.Fatalf("err = %v", err)
	}
	env["VIVIOT_THINGS"] = "0f8fad5b-d9cb-469f-a165-70867728950e, nope"
	if err := run(context.Background(), nil, func(k string) string { return env[k] }, &bytes.Buffer{}); err == nil ||
		!strings.Contains(err.Error(), "invalid GUID") {
		t.Fatalf("err = %v", err)
	}
	delete(env, "VIVIOT_PASSWORD")
	if err := run(context.Background(), nil, func(k string) string { return env[k] }, &bytes.Buffer{}); err == nil ||
		!strings.Contains(err.Error(), "set both") {
		t.Fatalf("err = %v", err)
	}
}

// TestRealModeReportsLoginFailure points the real mode at a closed port:
// the error must say what failed, and name no password.
func TestRealModeReportsLoginFailure(t *testing.T) {
	env := map[string]string{"VIVIOT_USER": "u", "VIVIOT_PASSWORD": "secret-pw-1", "VIVIOT_URL": "http://127.0.0.1:1",
		"VIVIOT_THINGS": "0f8fad5bd9cb469fa16570867728950e,7c9e6679742540de944be07fc1f90ae7"}
	err := run(context.Background(), []string{"-timeout", "200ms"}, func(k string) string { return env[k] }, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "create template") || strings.Contains(err.Error(), "secret-pw-1") {
		t.Fatalf("err = %v", err)
	}
}
