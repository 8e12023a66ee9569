package shares_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/grantkit/grantkit-go/internal/fakekit"
	"github.com/grantkit/grantkit-go/shares"
	"github.com/grantkit/grantkit-go/shares/sharestest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// refreshes records OnRefresh calls.
type refreshes struct {
	mu     sync.Mutex
	tokens []shares.Token
	fail   error // returned by the next call, then cleared
	// check, if set, runs inside OnRefresh.
	check func(shares.Token)
}

func (r *refreshes) onRefresh(_ context.Context, t shares.Token) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.tokens = append(r.tokens, t)
	if r.check != nil {
		r.check(t)
	}
	err := r.fail
	r.fail = nil
	return err
}

func (r *refreshes) all() []shares.Token {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]shares.Token(nil), r.tokens...)
}

// oauthFixture is a fake with a client using OAuth2.
type oauthFixture struct {
	*fixture
	initial string
	rec     *refreshes
}

func newOAuthFixture(t *testing.T, fopts []fakekit.Option, opts ...shares.Option) *oauthFixture {
	t.Helper()
	srv := sharestest.NewServer(t, fopts...)
	f := &oauthFixture{fixture: &fixture{srv: srv}, rec: &refreshes{}}
	f.org = srv.AddOrganization("Office")
	f.lock = srv.AddDevice(f.org.ID, "Front door")
	f.user = srv.AddUser("Ada", "Lovelace", "ada@example.com")
	f.initial = srv.AddRefreshToken()
	f.c = newClient(t, srv, &shares.OAuth2{
		ClientID:     sharestest.ClientID,
		ClientSecret: sharestest.ClientSecret,
		RefreshToken: f.initial,
		OnRefresh:    f.rec.onRefresh,
	}, opts...)
	return f
}

// sentRefreshTokens returns the refresh_token of every request to the
// token endpoint, in order.
func sentRefreshTokens(t *testing.T, srv *sharestest.Server) []string {
	t.Helper()
	var out []string
	for _, r := range srv.Requests() {
		if r.Path != "/v2/oauth/token" {
			continue
		}
		form, err := url.ParseQuery(string(r.Body))
		require.NoError(t, err)
		out = append(out, form.Get("refresh_token"))
	}
	return out
}

// assertChain checks that no refresh token was sent twice, and that each
// refresh spent the token the one before it returned.
func assertChain(t *testing.T, f *oauthFixture) {
	t.Helper()
	sent := sentRefreshTokens(t, f.srv)
	seen := map[string]bool{}
	for _, s := range sent {
		assert.False(t, seen[s], "refresh token %s sent twice", s)
		seen[s] = true
	}
	want := []string{f.initial}
	for _, tok := range f.rec.all() {
		want = append(want, tok.RefreshToken)
	}
	assert.Equal(t, want[:len(sent)], sent, "each refresh spends the token the previous one returned")
}

func TestOAuth2RefreshesRotatesAndReplaysOn401(t *testing.T) {
	f := newOAuthFixture(t, nil)
	ctx := context.Background()
	f.rec.check = func(tok shares.Token) {
		// OnRefresh runs before the new access token is used.
		for _, r := range f.srv.Requests() {
			assert.NotEqual(t, "Bearer "+tok.AccessToken, r.Header.Get("Authorization"), "token used before OnRefresh")
		}
	}

	ref, err := f.c.Shares.Create(ctx, f.weekdays())
	require.NoError(t, err)
	assert.Equal(t, 1, f.srv.AuthCount())
	toks := f.rec.all()
	require.Len(t, toks, 1)
	assert.Regexp(t, uuid4, toks[0].RefreshToken)
	assert.NotEqual(t, f.initial, toks[0].RefreshToken, "rotated")
	assert.Equal(t, "Bearer", toks[0].TokenType)
	assert.Equal(t, int64(1), toks[0].AccountID)
	assert.WithinDuration(t, time.Now().Add(sharestest.DefaultTokenLifetime), toks[0].Expiry, time.Minute)

	// The cached token serves later calls.
	_, err = f.c.Shares.Get(ctx, ref.ShareID)
	require.NoError(t, err)
	assert.Equal(t, 1, f.srv.AuthCount())

	// Expired on the server: one 401, one refresh, one replay.
	f.srv.ExpireSessions()
	before := f.srv.RequestCount()
	_, err = f.c.Shares.Get(ctx, ref.ShareID)
	require.NoError(t, err)
	assert.Equal(t, 2, f.srv.AuthCount())
	assert.Len(t, f.rec.all(), 2)
	reqs := f.srv.Requests()[before:]
	require.Len(t, reqs, 3)
	assert.Equal(t, "/v2/shares/1", reqs[0].Path)
	assert.Equal(t, "/v2/oauth/token", reqs[1].Path)
	assert.Equal(t, "/v2/shares/1", reqs[2].Path)
	assert.Equal(t, "Bearer "+f.rec.all()[1].AccessToken, reqs[2].Header.Get("Authorization"))
	assertChain(t, f)
}

func TestOAuth2TokenRequestShape(t *testing.T) {
	f := newOAuthFixture(t, nil, shares.WithLanguage("de"))
	_, err := f.c.Shares.List(context.Background(), nil)
	require.NoError(t, err)
	r := f.srv.Requests()[0]
	assert.Equal(t, "POST", r.Method)
	assert.Equal(t, "/v2/oauth/token", r.Path)
	assert.Equal(t, "application/x-www-form-urlencoded", r.Header.Get("Content-Type"))
	assert.Empty(t, r.Header.Get("Authorization"), "the token endpoint gets no bearer token")
	form, err := url.ParseQuery(string(r.Body))
	require.NoError(t, err)
	assert.Equal(t, url.Values{
		"grant_type":    {"refresh_token"},
		"refresh_token": {f.initial},
		"client_id":     {sharestest.ClientID},
		"client_secret": {sharestest.ClientSecret},
	}, form)
	assert.NotContains(t, r.RawQuery, f.initial, "secrets stay out of the URL")
	assert.Equal(t, "language=de", r.RawQuery)
}

func TestOAuth2FiftyConcurrentCallersShareOneRefresh(t *testing.T) {
	f := newOAuthFixture(t, nil)
	ctx := context.Background()
	ref, err := newClient(t, f.srv, shares.BearerToken(f.srv.Token())).Shares.Create(ctx, f.weekdays())
	require.NoError(t, err)

	run := func() {
		var wg sync.WaitGroup
		errs := make(chan error, 50)
		for range 50 {
			wg.Go(func() {
				_, err := f.c.Shares.Get(ctx, ref.ShareID)
				errs <- err
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			assert.NoError(t, err)
		}
	}
	run()
	assert.Equal(t, 1, f.srv.AuthCount(), "refreshes for 50 callers without a token")
	assert.Len(t, f.rec.all(), 1, "OnRefresh calls")

	f.srv.ExpireSessions()
	run()
	assert.Equal(t, 2, f.srv.AuthCount(), "refreshes for 50 callers with an expired token")
	assert.Len(t, f.rec.all(), 2, "OnRefresh calls")
	assertChain(t, f)
}

func TestOAuth2ExpiryOnTheServersClock(t *testing.T) {
	clock := fakekit.NewManualClock(time.Now())
	f := newOAuthFixture(t, []fakekit.Option{fakekit.WithClock(clock)})
	ctx := context.Background()
	_, err := f.c.Shares.List(ctx, nil)
	require.NoError(t, err)

	clock.Advance(sharestest.DefaultTokenLifetime + time.Second)
	_, err = f.c.Shares.List(ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, 2, f.srv.AuthCount())
	assertChain(t, f)
}

func TestOAuth2RefreshesAMarginBeforeExpiry(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := newOAuthFixture(t, []fakekit.Option{fakekit.InMemory()})
		f.srv.SetTokenLifetime(time.Hour)
		ctx := context.Background()
		calls := 0
		list := func() {
			t.Helper()
			_, err := f.c.Shares.List(ctx, nil)
			require.NoError(t, err)
			calls++
		}
		list()
		require.Equal(t, 1, f.srv.AuthCount())
		assert.Equal(t, time.Now().Add(time.Hour), f.rec.all()[0].Expiry)

		time.Sleep(58 * time.Minute)
		list()
		assert.Equal(t, 1, f.srv.AuthCount(), "still cached 2 minutes before expiry")

		time.Sleep(90 * time.Second)
		list()
		assert.Equal(t, 2, f.srv.AuthCount(), "replaced within the last minute")
		// Replaced before the server refused it: no 401, no replay.
		assert.Equal(t, calls, apiRequests(f.srv, "GET", "/v2/shares"))
	})
}

func TestOAuth2OnRefreshFailure(t *testing.T) {
	f := newOAuthFixture(t, nil)
	ctx := context.Background()
	errStore := errors.New("vault unreachable")
	f.rec.fail = errStore

	_, err := f.c.Shares.List(ctx, nil)
	require.ErrorIs(t, err, errStore)
	assert.Contains(t, err.Error(), "OnRefresh")
	assert.Equal(t, 1, f.srv.AuthCount())
	assert.Zero(t, apiRequests(f.srv, "GET", "/v2/shares"), "the unpersisted token is not used")

	// The rotated token was kept in memory: the next call refreshes with
	// it (not with the spent one) and hands the newer pair to OnRefresh.
	_, err = f.c.Shares.List(ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, 2, f.srv.AuthCount())
	assert.Len(t, f.rec.all(), 2)
	assertChain(t, f)
}

func TestOAuth2RejectedRefreshToken(t *testing.T) {
	srv := sharestest.NewServer(t)
	const spent = "0b7c5a6e-3f7d-4f43-9d6c-6b1d1c3a9e21"
	c := newClient(t, srv, &shares.OAuth2{ClientID: sharestest.ClientID, ClientSecret: sharestest.ClientSecret, RefreshToken: spent})
	_, err := c.Shares.List(context.Background(), nil)
	require.ErrorIs(t, err, shares.ErrInvalidGrant)
	assert.NotErrorIs(t, err, shares.ErrInvalidInput, "a token endpoint 400 is not about share fields")
	var e *shares.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 400, e.StatusCode)
	assert.Equal(t, "invalid_grant", e.Code)
	assert.Equal(t, "The refresh token is invalid, expired or already used", e.Message)
	assert.Equal(t, "oauth.token", e.Op)
	assert.Contains(t, err.Error(), "invalid_grant: The refresh token is invalid")
	assert.NotContains(t, err.Error(), spent)
	assert.NotContains(t, err.Error(), sharestest.ClientSecret)
	assert.Equal(t, 1, srv.RequestCount(), "no API request without a token")
}

func TestOAuth2RejectedClient(t *testing.T) {
	srv := sharestest.NewServer(t)
	c := newClient(t, srv, &shares.OAuth2{ClientID: sharestest.ClientID, ClientSecret: "wrong-secret", RefreshToken: srv.AddRefreshToken()})
	_, err := c.Shares.List(context.Background(), nil)
	require.ErrorIs(t, err, shares.ErrUnauthorized)
	var e *shares.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "invalid_client", e.Code)
	assert.NotContains(t, err.Error(), "wrong-secret")
}

func TestOAuth2TokenEndpointQuotingSecretsIsScrubbed(t *testing.T) {
	srv := sharestest.NewServer(t)
	rt := srv.AddRefreshToken()
	srv.Inject(fakekit.Fault{Status: 400, Body: `{"error":"invalid_grant","error_description":"token ` + rt + ` for secret ` + sharestest.ClientSecret + ` is bad"}`})
	c := newClient(t, srv, &shares.OAuth2{ClientID: sharestest.ClientID, ClientSecret: sharestest.ClientSecret, RefreshToken: rt})
	_, err := c.Shares.List(context.Background(), nil)
	require.ErrorIs(t, err, shares.ErrInvalidGrant)
	assert.NotContains(t, err.Error(), rt)
	assert.NotContains(t, err.Error(), sharestest.ClientSecret)
	assert.Contains(t, err.Error(), "token [REDACTED] for secret [REDACTED] is bad")
}

// A refresh whose answer is lost is not replayed: the server may have spent
// the token, and a replay could only be refused. The documented cost is
// that the token the lost answer carried is gone too.
func TestOAuth2RefreshIsNotReplayedAfterACut(t *testing.T) {
	f := newOAuthFixture(t, nil)
	f.srv.Inject(fakekit.Fault{Match: isTokenRequest, Cut: fakekit.CutBeforeResponse, Apply: true})
	_, err := f.c.Shares.List(context.Background(), nil)
	require.Error(t, err)
	assert.Equal(t, []string{f.initial}, sentRefreshTokens(t, f.srv), "sent once")
	assert.Equal(t, 1, f.srv.AppliedCount(sharestest.OpOAuthToken), "the server rotated")
	assert.Empty(t, f.rec.all())

	_, err = f.c.Shares.List(context.Background(), nil)
	assert.ErrorIs(t, err, shares.ErrInvalidGrant, "the spent token is refused")
}

func TestOAuth2RefreshIsRetriedWhenTheServerDidNotAct(t *testing.T) {
	f := newOAuthFixture(t, nil)
	f.srv.Inject(fakekit.Fault{Match: isTokenRequest, Status: http.StatusTooManyRequests, RetryAfter: "1"})
	_, err := f.c.Shares.List(context.Background(), nil)
	require.NoError(t, err)
	assert.Equal(t, 1, f.srv.AuthCount())
	assert.Len(t, sentRefreshTokens(t, f.srv), 2)

	f2 := newOAuthFixture(t, nil)
	f2.srv.Inject(fakekit.Fault{Match: isTokenRequest, Status: http.StatusServiceUnavailable})
	_, err = f2.c.Shares.List(context.Background(), nil)
	require.Error(t, err)
	assert.Len(t, sentRefreshTokens(t, f2.srv), 1, "a 503 may have come after the server acted")
}

func TestOAuth2NoRefreshForACancelledCall(t *testing.T) {
	f := newOAuthFixture(t, nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := f.c.Shares.List(ctx, nil)
	require.ErrorIs(t, err, context.Canceled)
	assert.Zero(t, f.srv.RequestCount())
}

// A caller giving up mid-refresh must not lose the rotated token: the
// refresh completes and the next caller uses its result.
func TestOAuth2RefreshOutlivesItsCaller(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := newOAuthFixture(t, []fakekit.Option{fakekit.InMemory()})
		f.srv.Inject(fakekit.Fault{Match: isTokenRequest, Latency: 2 * time.Second})
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		_, err := f.c.Shares.List(ctx, nil)
		require.ErrorIs(t, err, context.DeadlineExceeded)
		assert.Equal(t, 1, f.srv.AuthCount(), "the refresh completed")
		assert.Len(t, f.rec.all(), 1, "and its token was handed to OnRefresh")

		_, err = f.c.Shares.List(context.Background(), nil)
		require.NoError(t, err)
		assert.Equal(t, 1, f.srv.AuthCount(), "the next call uses the cached token")
		assertChain(t, f)
	})
}

func TestOAuth2TokenWithoutRotationKeepsTheOldRefreshToken(t *testing.T) {
	srv := sharestest.NewServer(t)
	rt := srv.AddRefreshToken()
	srv.Inject(fakekit.Fault{Match: isTokenRequest, Status: 200,
		Body: `{"access_token":"` + string(srv.Token()) + `","token_type":"bearer","expires_in":"3600","account_id":"7"}`})
	rec := &refreshes{}
	c := newClient(t, srv, &shares.OAuth2{ClientID: sharestest.ClientID, ClientSecret: sharestest.ClientSecret, RefreshToken: rt, OnRefresh: rec.onRefresh})
	_, err := c.Shares.List(context.Background(), nil)
	require.NoError(t, err)
	toks := rec.all()
	require.Len(t, toks, 1)
	assert.Equal(t, rt, toks[0].RefreshToken)
	assert.Equal(t, int64(7), toks[0].AccountID)
	assert.WithinDuration(t, time.Now().Add(time.Hour), toks[0].Expiry, time.Minute)
}

func TestOAuth2AnswerWithoutAccessToken(t *testing.T) {
	srv := sharestest.NewServer(t)
	srv.Inject(fakekit.Fault{Match: isTokenRequest, Status: 200, Body: `{"refresh_token":"r2"}`})
	c := newClient(t, srv, &shares.OAuth2{ClientID: sharestest.ClientID, ClientSecret: sharestest.ClientSecret, RefreshToken: srv.AddRefreshToken()})
	_, err := c.Shares.List(context.Background(), nil)
	require.Error(t, err)
	assert.True(t, strings.Contains(err.Error(), "access_token"), err.Error())
}
