package bench

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the run if any goroutine outlives the tests and
// benchmarks; synctest.Test checks its own bubbles.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}
