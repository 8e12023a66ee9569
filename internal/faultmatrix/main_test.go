package faultmatrix

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the run if any goroutine outlives the tests. Inside each
// synctest bubble, synctest.Test itself fails on goroutines the bubble
// leaves running; goleak covers everything outside the bubbles.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}
