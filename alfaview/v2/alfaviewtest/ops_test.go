package alfaviewtest_test

import (
	"testing"

	"github.com/grantkit/grantkit-go/internal/fakecheck"
)

// TestOpConstantsNameTheClientsOperations fails when an Op constant is not
// the name of an alfaview/v2 operation, or the fake counts a write under a
// name no Op constant has.
func TestOpConstantsNameTheClientsOperations(t *testing.T) {
	fakecheck.AppliedOps(t, "..", ".")
}
