package viviot_test

import (
	"net/http"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/grantkit/grantkit-go/internal/fakekit"
	"github.com/grantkit/grantkit-go/viviot"
	"github.com/grantkit/grantkit-go/viviot/viviottest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSessionExpiresMidRun(t *testing.T) {
	clock := fakekit.NewManualClock(time.Now())
	f := newFixture(t, fakekit.WithClock(clock))
	_, err := f.c.AccessTemplates.List(t.Context(), nil)
	require.NoError(t, err)
	require.Equal(t, 1, f.srv.AuthCount())

	// By the server's clock the token has expired; the client, trusting
	// its own, still holds it and meets a 401.
	clock.Advance(2 * viviottest.DefaultTokenLifetime)
	f.srv.ResetRequests()
	got, err := f.c.AccessTemplates.Create(t.Context(), guestParams("after expiry", f.door))
	require.NoError(t, err)
	assert.Equal(t, "after expiry", got.Name)
	assert.Equal(t, 2, f.srv.AuthCount())
	assert.Equal(t, 2, countRequests(f.srv, "POST", "/access/template"), "rejected once, replayed once")
	assert.Equal(t, 1, f.srv.AppliedCount(viviottest.OpAccessTemplatesCreate))

	reqs := f.srv.Requests()
	require.Len(t, reqs, 3)
	assert.NotEqual(t, reqs[0].Header.Get("Authorization"), reqs[2].Header.Get("Authorization"), "the replay carries the new token")
}

func TestConcurrentCallsShareOneRelogin(t *testing.T) {
	f := newFixture(t)
	_, err := f.c.AccessTemplates.List(t.Context(), nil)
	require.NoError(t, err)
	f.srv.ExpireSessions()

	var wg sync.WaitGroup
	errs := make(chan error, 50)
	for range 50 {
		wg.Go(func() {
			_, err := f.c.AccessTemplates.List(t.Context(), nil)
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		assert.NoError(t, err)
	}
	assert.Equal(t, 2, f.srv.AuthCount(), "50 callers holding one stale session log in once")
}

func TestColdStartLogsInOnce(t *testing.T) {
	f := newFixture(t)
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			_, err := f.c.AccessTemplates.List(t.Context(), nil)
			assert.NoError(t, err)
		})
	}
	wg.Wait()
	assert.Equal(t, 1, f.srv.AuthCount())
}

func TestReloginOnlyOnce(t *testing.T) {
	f := newFixture(t)
	f.srv.Inject(fakekit.Fault{Match: isMethod("GET"), Status: 401, Times: 2,
		Body: viviottest.ErrorBody("Unauthorized", "Not Authenticated")})
	_, err := f.c.AccessTemplates.List(t.Context(), nil)
	require.ErrorIs(t, err, viviot.ErrUnauthorized)
	assert.Equal(t, 2, f.srv.AuthCount())
	assert.Equal(t, 2, countRequests(f.srv, "GET", "/access/templates"))
}

func TestCookieSessions(t *testing.T) {
	srv := viviottest.NewServer(t)
	srv.SetAuthMode(viviottest.AuthCookies)
	door := srv.AddThing(viviottest.Thing{Name: "Door"})
	c := newClient(t, srv, srv.Credentials())

	_, err := c.AccessTemplates.Create(t.Context(), guestParams("cookie", door))
	require.NoError(t, err)
	srv.ExpireSessions()
	list, err := c.AccessTemplates.List(t.Context(), nil)
	require.NoError(t, err)
	assert.Len(t, list, 1)
	assert.Equal(t, 2, srv.AuthCount())

	for _, r := range srv.Requests() {
		if r.Path == "/auth/credentials" {
			continue
		}
		assert.Empty(t, r.Header.Get("Authorization"))
		ck := r.Header.Get("Cookie")
		for _, name := range []string{"ss-id=", "ss-pid=", "ss-opt=perm"} {
			assert.Contains(t, ck, name)
		}
	}
}

func TestBearerModeSendsNoCookies(t *testing.T) {
	f := newFixture(t)
	_, err := f.c.AccessTemplates.List(t.Context(), nil)
	require.NoError(t, err)
	reqs := f.srv.Requests()
	require.Len(t, reqs, 2)
	assert.True(t, strings.HasPrefix(reqs[1].Header.Get("Authorization"), "Bearer ey"))
	assert.Empty(t, reqs[1].Header.Get("Cookie"))
}

func TestWrongPassword(t *testing.T) {
	f := newFixture(t)
	c := newClient(t, f.srv, viviot.Credentials{UserName: viviottest.AdminUserName, Password: "wrong-password-xyz"})
	_, err := c.AccessTemplates.List(t.Context(), nil)
	require.ErrorIs(t, err, viviot.ErrUnauthorized)
	var e *viviot.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "auth.credentials", e.Op)
	assert.Equal(t, "Invalid UserName or Password", e.Message)
	assert.NotContains(t, err.Error(), "wrong-password-xyz")
	assert.Zero(t, countRequests(f.srv, "GET", "/access/templates"), "nothing is sent without a session")
	assert.Zero(t, f.srv.AuthCount())
}

func TestBearerToken(t *testing.T) {
	f := newFixture(t)
	c := newClient(t, f.srv, viviot.BearerToken(f.srv.IssueToken(viviottest.AdminUserName)))
	_, err := c.AccessTemplates.Create(t.Context(), guestParams("by token", f.door))
	require.NoError(t, err)

	f.srv.ExpireSessions()
	_, err = c.AccessTemplates.List(t.Context(), nil)
	require.ErrorIs(t, err, viviot.ErrUnauthorized)
	var e *viviot.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "TokenException", e.ErrorCode)
	assert.Zero(t, f.srv.AuthCount(), "a caller's token is never replaced by a login")
	assert.Equal(t, 1, countRequests(f.srv, "GET", "/access/templates"), "a static token is not retried")
}

// TestRenewedBeforeExpiry runs in a synctest bubble, where a wait of
// minutes takes none: near the token's exp the client logs in again
// before sending, so the server never has to refuse it.
func TestRenewedBeforeExpiry(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := viviottest.NewServer(t, fakekit.InMemory())
		srv.SetTokenLifetime(10 * time.Minute)
		c := newClient(t, srv, srv.Credentials())

		_, err := c.AccessTemplates.List(t.Context(), nil)
		require.NoError(t, err)
		time.Sleep(5 * time.Minute)
		_, err = c.AccessTemplates.List(t.Context(), nil)
		require.NoError(t, err)
		assert.Equal(t, 1, srv.AuthCount(), "still fresh")

		time.Sleep(4*time.Minute + 30*time.Second)
		_, err = c.AccessTemplates.List(t.Context(), nil)
		require.NoError(t, err)
		assert.Equal(t, 2, srv.AuthCount(), "renewed inside the margin before exp")
		assert.Equal(t, 3, countRequests(srv, "GET", "/access/templates"), "no request was refused and replayed")
	})
}

func TestNewClientErrors(t *testing.T) {
	var nilCreds *viviot.Credentials
	var nilToken *viviot.BearerToken
	tests := []struct {
		name string
		auth viviot.Auth
		opts []viviot.Option
		want string
	}{
		{"nil auth", nil, nil, "auth is nil"},
		{"nil *Credentials", nilCreds, nil, "auth is nil"},
		{"nil *BearerToken", nilToken, nil, "auth is nil"},
		{"no user", viviot.Credentials{Password: "p"}, nil, "UserName is empty"},
		{"no password", viviot.Credentials{UserName: "u"}, nil, "Password is empty"},
		{"empty token", viviot.BearerToken(""), nil, "BearerToken is empty"},
		{"token with newline", viviot.BearerToken("a\nb"), nil, "white space"},
		{"relative URL", viviot.BearerToken("t"), []viviot.Option{viviot.WithBaseURL("/api")}, "base URL"},
		{"plain http", viviot.BearerToken("t"), []viviot.Option{viviot.WithBaseURL("http://api.4spaces.io")}, "plain http"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := viviot.NewClient(tt.auth, tt.opts...)
			require.Error(t, err)
			assert.Nil(t, c)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
	c, err := viviot.NewClient(&viviot.Credentials{UserName: "u", Password: "p"})
	require.NoError(t, err)
	assert.NotNil(t, c.AccessTemplates)
}

func TestFakeAnswers401WithoutSession(t *testing.T) {
	srv := viviottest.NewServer(t)
	resp, err := srv.Client().Get(srv.URL + "/access/templates")
	require.NoError(t, err)
	defer resp.Body.Close()
	assert.Equal(t, http.StatusUnauthorized, resp.StatusCode)
}
