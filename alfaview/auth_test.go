package alfaview_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/alfaview"
	"github.com/grantkit/grantkit-go/alfaview/alfaviewtest"
	"github.com/grantkit/grantkit-go/internal/fakekit"
)

func TestTokenIsReused(t *testing.T) {
	srv, c := newFake(t)
	for range 5 {
		_, err := c.PermissionGroups.List(context.Background())
		require.NoError(t, err)
	}
	assert.Equal(t, 1, srv.AuthCount())
	assert.Equal(t, 1, sent(srv, pathAuthenticate))
}

// The fake's clock passes the token's expiry while the client, on its own
// clock, still holds it: the call is rejected, the client re-authenticates
// once (with the refresh cookie) and replays.
func TestTokenExpiresMidRun(t *testing.T) {
	for _, form := range []alfaviewtest.ErrorForm{alfaviewtest.GatewayForm, alfaviewtest.ReplyInfoForm} {
		t.Run(map[alfaviewtest.ErrorForm]string{alfaviewtest.GatewayForm: "401 gateway", alfaviewtest.ReplyInfoForm: "200 replyInfo"}[form], func(t *testing.T) {
			clock := fakekit.NewManualClock(time.Now())
			srv, c := newFake(t, fakekit.WithClock(clock))
			srv.SetExpiredTokenForm(form)
			room := srv.AddRoom(alfaview.Room{DisplayName: "Lab"})
			pg := participant(t, srv)

			_, err := c.Links.CreateGroupLinks(context.Background(), room.ID, []alfaview.GroupLinkCreation{{PermissionGroupID: pg}})
			require.NoError(t, err)
			clock.Advance(alfaviewtest.DefaultTokenLifetime + time.Minute)
			srv.ResetRequests()

			links, err := c.Links.CreateGroupLinks(context.Background(), room.ID, []alfaview.GroupLinkCreation{{PermissionGroupID: pg}})
			require.NoError(t, err)
			require.Len(t, links, 1)
			assert.Equal(t, 2, srv.AuthCount())
			assert.Equal(t, 1, srv.RefreshCount(), "the second authentication used the refresh cookie")
			assert.Equal(t, 2, srv.AppliedCount(alfaviewtest.OpLinksCreateGroupLinks), "the rejected create was not applied; the replay was")
			reqs := srv.Requests()
			require.Len(t, reqs, 3)
			assert.Equal(t, []string{pathCreateGroupLinks, pathAuthenticate, pathCreateGroupLinks}, []string{reqs[0].Path, reqs[1].Path, reqs[2].Path})
			assert.Equal(t, requestIDOf(t, string(reqs[0].Body)), requestIDOf(t, string(reqs[2].Body)), "the replay is the same call")
		})
	}
}

// With the client on the fake's clock, it authenticates again shortly
// before expiresAt instead of sending a token about to expire.
func TestTokenRefreshedBeforeExpiry(t *testing.T) {
	clock := fakekit.NewManualClock(time.Now())
	srv := alfaviewtest.NewServer(t, fakekit.WithClock(clock))
	c := newClient(t, srv, srv.APIKeyCredentials(), alfaview.WithClock(clock.Now))
	_, err := c.PermissionGroups.List(context.Background())
	require.NoError(t, err)

	clock.Advance(alfaviewtest.DefaultTokenLifetime - 2*time.Minute)
	_, err = c.PermissionGroups.List(context.Background())
	require.NoError(t, err)
	assert.Equal(t, 1, srv.AuthCount(), "still well before expiry")

	clock.Advance(90 * time.Second) // 30s before expiresAt
	srv.ResetRequests()
	_, err = c.PermissionGroups.List(context.Background())
	require.NoError(t, err)
	assert.Equal(t, 2, srv.AuthCount())
	assert.Equal(t, 2, srv.RequestCount(), "authenticate, then the call: no rejected attempt")
}

func TestExpiredSessionConcurrentCallsAuthenticateOnce(t *testing.T) {
	srv, c := newFake(t)
	_, err := c.PermissionGroups.List(context.Background())
	require.NoError(t, err)
	srv.ExpireSessions()

	var wg sync.WaitGroup
	errs := make(chan error, 50)
	for range 50 {
		wg.Go(func() {
			_, err := c.PermissionGroups.List(context.Background())
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	assert.Equal(t, 2, srv.AuthCount(), "the first login and exactly one re-authentication")
}

func TestFirstCallsConcurrentAuthenticateOnce(t *testing.T) {
	srv, c := newFake(t)
	var wg sync.WaitGroup
	for range 50 {
		wg.Go(func() {
			_, err := c.PermissionGroups.List(context.Background())
			assert.NoError(t, err)
		})
	}
	wg.Wait()
	assert.Equal(t, 1, srv.AuthCount())
	assert.Equal(t, 1, sent(srv, pathAuthenticate))
}

// A refused refresh token falls back to the credentials.
func TestRevokedRefreshFallsBackToCredentials(t *testing.T) {
	srv, c := newFake(t)
	_, err := c.PermissionGroups.List(context.Background())
	require.NoError(t, err)
	srv.ExpireSessions()
	srv.RevokeRefreshTokens()

	_, err = c.PermissionGroups.List(context.Background())
	require.NoError(t, err)
	assert.Equal(t, 2, srv.AuthCount())
	assert.Equal(t, 0, srv.RefreshCount())
	assert.Equal(t, 3, sent(srv, pathAuthenticate), "login, refused refresh, login")
}

func TestPasswordCredentials(t *testing.T) {
	srv := alfaviewtest.NewServer(t)
	creds := srv.PasswordCredentials()
	creds.CompanyID = "" // the reply's companyId serves the refresh
	c := newClient(t, srv, creds)
	_, err := c.PermissionGroups.List(context.Background())
	require.NoError(t, err)
	srv.ExpireSessions()
	_, err = c.PermissionGroups.List(context.Background())
	require.NoError(t, err)
	assert.Equal(t, 1, srv.RefreshCount())
}

func TestWrongCredentials(t *testing.T) {
	srv := alfaviewtest.NewServer(t)
	creds := srv.APIKeyCredentials()
	creds.Secret = "wrong-secret"
	c := newClient(t, srv, creds)
	_, err := c.PermissionGroups.List(context.Background())
	require.ErrorIs(t, err, alfaview.ErrAuthentication)
	assert.Equal(t, 0, srv.AuthCount())
	assert.Equal(t, 1, srv.RequestCount(), "nothing but the refused authenticate")
	assert.NotContains(t, err.Error(), "wrong-secret")
}

// A token rejected again after the replay is reported, not replayed forever.
func TestReplayHappensOnce(t *testing.T) {
	srv, c := newFake(t)
	srv.Inject(fakekit.Fault{Match: onPath(pathPermissionGroups), Times: -1, Status: 401, Body: gatewayTokenOutdated})
	_, err := c.PermissionGroups.List(context.Background())
	require.ErrorIs(t, err, alfaview.ErrTokenOutdated)
	assert.Equal(t, 2, sent(srv, pathPermissionGroups))
	assert.Equal(t, 2, srv.AuthCount())
}

func TestNewClientValidatesCredentials(t *testing.T) {
	for _, tc := range []struct {
		name  string
		creds alfaview.Credentials
		field string
	}{
		{"nil", nil, "creds"},
		{"nil pointer", (*alfaview.APIKeyCredentials)(nil), "creds"},
		{"nil password pointer", (*alfaview.PasswordCredentials)(nil), "creds"},
		{"no client id", alfaview.APIKeyCredentials{Secret: "s", CompanyID: "c"}, "APIKeyCredentials.ClientID"},
		{"no secret", alfaview.APIKeyCredentials{ClientID: "k", CompanyID: "c"}, "APIKeyCredentials.Secret"},
		{"no company", alfaview.APIKeyCredentials{ClientID: "k", Secret: "s"}, "APIKeyCredentials.CompanyID"},
		{"no username", alfaview.PasswordCredentials{Password: "p"}, "PasswordCredentials.Username"},
		{"no password", &alfaview.PasswordCredentials{Username: "u"}, "PasswordCredentials.Password"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := alfaview.NewClient(tc.creds)
			assert.Nil(t, c)
			require.ErrorIs(t, err, alfaview.ErrInvalidParams)
			assert.Contains(t, err.Error(), tc.field)
		})
	}
	_, err := alfaview.NewClient(seedCreds, alfaview.WithBaseURL("http://alfaview.example.com/json/v1"))
	require.ErrorContains(t, err, "plain http")
	_, err = alfaview.NewClient(seedCreds, alfaview.WithBaseURL("::"))
	require.ErrorContains(t, err, "base URL")
}
