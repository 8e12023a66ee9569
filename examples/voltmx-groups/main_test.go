package main

import (
	"testing"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// TestRunAgainstFake runs the program as CI does, against the embedded
// fake: the group and the user it creates are listed and deleted again.
func TestRunAgainstFake(t *testing.T) {
	t.Setenv("VOLTMX_URL", "")
	if err := run(); err != nil {
		t.Fatal(err)
	}
}
