package alfaview_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/grantkit/grantkit-go/alfaview"
	"github.com/grantkit/grantkit-go/alfaview/alfaviewtest"
	"github.com/grantkit/grantkit-go/internal/fakekit"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// fastRetry keeps retry waits to milliseconds.
func fastRetry() alfaview.Option {
	return alfaview.WithRetry(alfaview.RetryPolicy{MaxRetries: 3, MinBackoff: time.Millisecond,
		MaxBackoff: 2 * time.Millisecond, MaxRetryAfter: 5 * time.Millisecond})
}

// newFake starts a fake and a client of it with API key credentials.
func newFake(t *testing.T, opts ...fakekit.Option) (*alfaviewtest.Server, *alfaview.Client) {
	t.Helper()
	srv := alfaviewtest.NewServer(t, opts...)
	return srv, newClient(t, srv, srv.APIKeyCredentials())
}

func newClient(t *testing.T, srv *alfaviewtest.Server, creds alfaview.Credentials, opts ...alfaview.Option) *alfaview.Client {
	t.Helper()
	all := append(srv.Options(), fastRetry())
	c, err := alfaview.NewClient(creds, append(all, opts...)...)
	require.NoError(t, err)
	return c
}

// Paths of the operations, as the fake records them.
const (
	pathAuthenticate     = "/authenticationService/authenticate"
	pathPermissionGroups = "/businessLogicService/permissionGroups/list"
	pathListRooms        = "/roomService/list"
	pathCreateRoom       = "/roomService/create"
	pathDestroyRoom      = "/roomService/destroy"
	pathCreateGroupLinks = "/guestService.v2/createGroupLinks"
	pathCreateGuestLinks = "/guestService.v2/createGuestLinks"
	pathListGroupLinks   = "/guestService.v2/listGroupLinks"
	pathListGuestLinks   = "/guestService.v2/listGuestLinks"
	pathDeleteLink       = "/guestService.v2/deleteLink"
)

// sent counts the requests the fake recorded for path.
func sent(srv *alfaviewtest.Server, path string) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Path == path {
			n++
		}
	}
	return n
}

// onPath matches fake requests to path, for fault injection.
func onPath(path string) func(*http.Request) bool {
	return func(r *http.Request) bool { return strings.HasSuffix(r.URL.Path, path) }
}

// participant returns the fake's seeded Participant group id.
func participant(t *testing.T, srv *alfaviewtest.Server) string {
	t.Helper()
	id := srv.PermissionGroupID("Participant")
	require.NotEmpty(t, id)
	return id
}

func jsonUnmarshal(s string, v any) error { return json.Unmarshal([]byte(s), v) }

func newFakeOnly(t *testing.T) *alfaviewtest.Server {
	t.Helper()
	return alfaviewtest.NewServer(t)
}
