package reach360_test

import (
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/grantkit/grantkit-go/reach360"
	"github.com/grantkit/grantkit-go/reach360/reach360test"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// fastRetry keeps retry waits in tests to milliseconds.
var fastRetry = reach360.WithRetry(reach360.RetryPolicy{
	MaxRetries: 3, MinBackoff: time.Millisecond, MaxBackoff: 2 * time.Millisecond, MaxRetryAfter: 5 * time.Millisecond,
})

// newFake starts a fake and a client for it.
func newFake(t *testing.T, opts ...reach360.Option) (*reach360test.Server, *reach360.Client) {
	t.Helper()
	srv := reach360test.NewServer(t)
	return srv, newClientFor(t, srv, opts...)
}

func newClientFor(t *testing.T, srv *reach360test.Server, opts ...reach360.Option) *reach360.Client {
	t.Helper()
	all := append([]reach360.Option{reach360.WithBaseURL(srv.URL), reach360.WithHTTPClient(srv.Client()), fastRetry}, opts...)
	c, err := reach360.NewClient(srv.APIKey(), all...)
	if err != nil {
		t.Fatalf("NewClient: %v", err)
	}
	return c
}
