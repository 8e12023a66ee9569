package voltmx_test

import (
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/grantkit/grantkit-go/voltmx"
	"github.com/grantkit/grantkit-go/voltmx/voltmxtest"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// fastRetry keeps retry waits in tests to milliseconds.
var fastRetry = voltmx.WithRetry(voltmx.RetryPolicy{
	MaxRetries: 3, MinBackoff: time.Millisecond, MaxBackoff: 2 * time.Millisecond, MaxRetryAfter: 5 * time.Millisecond,
})

// newFake starts a fake and a client for it that authenticates with Basic.
func newFake(t *testing.T, opts ...voltmx.Option) (*voltmxtest.Server, *voltmx.Client) {
	t.Helper()
	srv := voltmxtest.NewServer(t)
	return srv, newClientFor(t, srv, srv.BasicAuth(), opts...)
}

func newClientFor(t *testing.T, srv *voltmxtest.Server, auth voltmx.Auth, opts ...voltmx.Option) *voltmx.Client {
	t.Helper()
	all := append([]voltmx.Option{voltmx.WithHTTPClient(srv.Client()), fastRetry}, opts...)
	c, err := voltmx.NewClient(srv.URL, auth, all...)
	if err != nil {
		t.Fatalf("NewClient: %v", err)
	}
	return c
}

func ptr[T any](v T) *T { return &v }

// validGroup returns create parameters the fake accepts: ADHOC_PUSH (15) is
// among the permissions, so app permissions are allowed.
func validGroup(name string) *voltmx.CreateGroupParams {
	return &voltmx.CreateGroupParams{
		GroupName:     name,
		Email:         "group@example.com",
		PermissionIDs: []int64{1, 15},
		AllowAllApps:  true,
		AppIDs:        []string{"SampleAppforDemo"},
	}
}
