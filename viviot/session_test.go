package viviot_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/cookiejar"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/grantkit/grantkit-go/internal/fakekit"
	"github.com/grantkit/grantkit-go/viviot"
	"github.com/grantkit/grantkit-go/viviot/viviottest"
	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ServiceStack v6 and later answer a credentials login with the JWT in an
// ss-tok cookie (docs.servicestack.net/auth/jwt-authprovider, "JWT Token
// Cookies"): no bearerToken in the body, no ss-id or ss-pid. The session
// is that cookie, and the JWT's exp says when to log in again.
func TestLoginWithOnlyTheTokenCookie(t *testing.T) {
	c, mt := mockClient(t, opsCreds)
	exp := time.Now().Add(2 * time.Hour).Unix()
	tok := jwt(`{"sub":"7","exp":` + strconv.FormatInt(exp, 10) + `}`)
	logins := 0
	mt.RegisterResponder(http.MethodPost, base+"/auth/credentials", func(*http.Request) (*http.Response, error) {
		logins++
		resp := httpmock.NewStringResponse(200, `{"userId":"7","userName":"ops@example.com","displayName":"Ops","roles":["Admin"]}`)
		resp.Header.Add("Set-Cookie", "ss-tok="+tok+"; expires=Thu, 01 Jan 2046 00:00:00 GMT; path=/; samesite=strict; httponly")
		resp.Header.Add("Set-Cookie", "ss-reftok=ref-1; expires=Thu, 01 Jan 2046 00:00:00 GMT; path=/; samesite=strict; httponly")
		return resp, nil
	})
	mt.RegisterResponder(http.MethodGet, base+"/access/templates", func(r *http.Request) (*http.Response, error) {
		assert.Empty(t, r.Header.Get("Authorization"))
		assert.Equal(t, "ss-tok="+tok+"; ss-reftok=ref-1", r.Header.Get("Cookie"))
		return httpmock.NewStringResponse(200, `{"data":[]}`), nil
	})
	for range 3 {
		_, err := c.AccessTemplates.List(t.Context(), nil)
		require.NoError(t, err)
	}
	assert.Equal(t, 1, logins)
}

// The JWT's exp in the cookie is honoured as a bearer token's is: the
// session is renewed before the server would refuse it.
func TestTokenCookieRenewedBeforeExpiry(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := viviottest.NewServer(t, fakekit.InMemory())
		srv.SetAuthMode(viviottest.AuthTokenCookie)
		srv.SetTokenLifetime(time.Hour)
		c := newClient(t, srv, srv.Credentials())
		for range 3 {
			_, err := c.AccessTemplates.List(t.Context(), nil)
			require.NoError(t, err)
			time.Sleep(40 * time.Minute)
		}
		assert.Equal(t, 2, srv.AuthCount(), "renewed once, before the hour was up")
		assert.Equal(t, 3, countRequests(srv, "GET", "/access/templates"), "no call was refused and replayed")
	})
}

func TestTokenCookieSessionsAgainstTheFake(t *testing.T) {
	srv := viviottest.NewServer(t)
	srv.SetAuthMode(viviottest.AuthTokenCookie)
	door := srv.AddThing(viviottest.Thing{Name: "Door"})
	c := newClient(t, srv, srv.Credentials())
	_, err := c.AccessTemplates.Create(t.Context(), guestParams("jwt cookie", door))
	require.NoError(t, err)
	srv.ExpireSessions()
	list, err := c.AccessTemplates.List(t.Context(), nil)
	require.NoError(t, err, "a 401 logs in again and replays")
	assert.Len(t, list, 1)
	assert.Equal(t, 2, srv.AuthCount())
	for _, r := range srv.Requests() {
		if r.Path == "/auth/credentials" {
			continue
		}
		assert.Empty(t, r.Header.Get("Authorization"))
		assert.Contains(t, r.Header.Get("Cookie"), "ss-tok=ey")
		assert.NotContains(t, r.Header.Get("Cookie"), "ss-id=")
	}
}

// A caller's http.Client with a cookie jar keeps the cookies the login
// set and sends them itself; the Client must not add them a second time.
func TestCookieJarSessionCookiesGoOutOnce(t *testing.T) {
	for _, mode := range []viviottest.AuthMode{viviottest.AuthCookies, viviottest.AuthTokenCookie, viviottest.AuthBearer} {
		t.Run(strconv.Itoa(int(mode)), func(t *testing.T) {
			srv := viviottest.NewServer(t)
			srv.SetAuthMode(mode)
			hc := *srv.Client()
			jar, err := cookiejar.New(nil)
			require.NoError(t, err)
			hc.Jar = jar
			c, err := viviot.NewClient(srv.Credentials(), viviot.WithBaseURL(srv.URL), viviot.WithHTTPClient(&hc), fastRetry())
			require.NoError(t, err)

			for range 2 {
				_, err := c.AccessTemplates.List(t.Context(), nil)
				require.NoError(t, err)
			}
			srv.ExpireSessions()
			_, err = c.AccessTemplates.List(t.Context(), nil)
			require.NoError(t, err, "a new login's cookies replace the old ones")
			assert.Equal(t, 2, srv.AuthCount())

			api := 0
			for _, r := range srv.Requests() {
				if r.Path == "/auth/credentials" {
					continue
				}
				api++
				names := map[string]int{}
				for _, ck := range (&http.Request{Header: r.Header}).Cookies() {
					names[ck.Name]++
				}
				for name, n := range names {
					assert.Equal(t, 1, n, "cookie %s sent %d times in %q", name, n, r.Header.Values("Cookie"))
				}
				if mode != viviottest.AuthBearer {
					assert.NotEmpty(t, names, "the session still goes out")
				}
			}
			assert.Equal(t, 4, api, "two lists, a 401 and its replay")
		})
	}
}

// A wrong password is the answer of every call waiting on that login, and
// of the calls right after it: they do not log in again, so a busy service
// cannot lock the account. After the backoff one login is tried again.
func TestWrongPasswordIsNotRetriedInAStorm(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := viviottest.NewServer(t, fakekit.InMemory())
		const user, wrong = "ops@example.com", "wrong-password-xyz"
		srv.AddUser(viviottest.User{UserName: user, Password: "right", Roles: []string{viviottest.RoleAdmin}})
		c := newClient(t, srv, viviot.Credentials{UserName: user, Password: wrong})
		logins := func() int { return countRequests(srv, "POST", "/auth/credentials") }

		var wg sync.WaitGroup
		errs := make([]error, 20)
		for i := range errs {
			wg.Go(func() { _, errs[i] = c.AccessTemplates.List(t.Context(), nil) })
		}
		wg.Wait()
		for _, err := range errs {
			require.ErrorIs(t, err, viviot.ErrUnauthorized)
			var e *viviot.Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, http.StatusUnauthorized, e.StatusCode)
			assert.Equal(t, "auth.credentials", e.Op)
			assert.Equal(t, 1, strings.Count(err.Error(), "viviot:"), "the vendor is named once: %s", err)
			assert.NotContains(t, err.Error(), wrong)
		}
		assert.Equal(t, 1, logins(), "twenty callers, one login")

		for range 10 {
			_, err := c.AccessTemplates.List(t.Context(), nil)
			require.ErrorIs(t, err, viviot.ErrUnauthorized)
		}
		assert.Equal(t, 1, logins(), "the calls right after do not try the password again")

		time.Sleep(time.Second)
		_, err := c.AccessTemplates.List(t.Context(), nil)
		require.ErrorIs(t, err, viviot.ErrUnauthorized)
		assert.Equal(t, 2, logins(), "one more login after the backoff")

		// The password is corrected on the server: the next login after
		// the (doubled) backoff succeeds.
		srv.AddUser(viviottest.User{UserName: user, Password: wrong, Roles: []string{viviottest.RoleAdmin}})
		time.Sleep(time.Second)
		_, err = c.AccessTemplates.List(t.Context(), nil)
		require.ErrorIs(t, err, viviot.ErrUnauthorized, "still within the doubled wait")
		time.Sleep(time.Second)
		_, err = c.AccessTemplates.List(t.Context(), nil)
		require.NoError(t, err)
		assert.Equal(t, 3, logins())
		assert.Equal(t, 1, countRequests(srv, "GET", "/access/templates"), "only the call with a session reached the API")
	})
}

// An outage is not a verdict on the password: the next call logs in again
// at once.
func TestLoginOutageIsRetriedAtOnce(t *testing.T) {
	srv := viviottest.NewServer(t)
	c := newClient(t, srv, srv.Credentials(), viviot.WithMaxRetries(0))
	srv.Inject(fakekit.Fault{Status: http.StatusServiceUnavailable})
	_, err := c.AccessTemplates.List(t.Context(), nil)
	require.Error(t, err)
	_, err = c.AccessTemplates.List(t.Context(), nil)
	require.NoError(t, err)
	assert.Equal(t, 2, countRequests(srv, "POST", "/auth/credentials"))
}

// The login declares its password to the engine, so an answer that quotes
// it back, in any escaping, has it masked.
func TestLoginEchoingThePasswordIsMasked(t *testing.T) {
	const pw = `p"w\d/+é`
	quoted, _ := json.Marshal(pw)
	for _, body := range []struct{ ctype, text string }{
		{"text/plain", `Bad request: {"userName":"ops@example.com","password":` + string(quoted) + `}`},
		{"text/plain", "Bad request: password=" + pw},
		{"application/json", `{"responseStatus":{"errorCode":"SerializationException","message":"cannot read ` + string(quoted[1:len(quoted)-1]) + `"}}`},
	} {
		srv := viviottest.NewServer(t)
		srv.Inject(fakekit.Fault{Status: http.StatusBadRequest, ContentType: body.ctype, Body: body.text})
		c := newClient(t, srv, viviot.Credentials{UserName: "ops@example.com", Password: pw})
		_, err := c.AccessTemplates.List(t.Context(), nil)
		require.Error(t, err)
		assert.NotContains(t, err.Error(), pw)
		assert.NotContains(t, err.Error(), string(quoted[1:len(quoted)-1]))
		assert.Contains(t, err.Error(), "[REDACTED]")
	}
}

func TestCredentialsMarshalRedacted(t *testing.T) {
	b, err := json.Marshal(struct {
		Login viviot.Credentials
		Key   viviot.BearerToken
		Auth  viviot.Auth
	}{viviot.Credentials{UserName: "ops@example.com", Password: "hunter2-secret"}, "token-secret",
		&viviot.Credentials{UserName: "x", Password: "ptr-secret"}})
	require.NoError(t, err)
	assert.JSONEq(t, `{"Login": {"UserName": "ops@example.com", "Password": "[REDACTED]"}, "Key": "[REDACTED]",
		"Auth": {"UserName": "x", "Password": "[REDACTED]"}}`, string(b))
	for _, s := range []string{"hunter2-secret", "token-secret", "ptr-secret"} {
		assert.NotContains(t, string(b), s)
	}
}

// ListAccessTemplatesOptions sends every parameter the GetAccessTemplates
// metadata page lists, under its name.
func TestListSendsEveryDocumentedFilter(t *testing.T) {
	c, mt := mockClient(t, viviot.BearerToken("tok-123"))
	var got []string
	mt.RegisterResponder(http.MethodGet, base+"/access/templates", func(r *http.Request) (*http.Response, error) {
		got = append(got, r.URL.RawQuery)
		return httpmock.NewStringResponse(200, `{"data":[]}`), nil
	})
	scope := viviot.ScopeStaff
	for _, o := range []*viviot.ListAccessTemplatesOptions{
		{Scope: &scope, OnlyTemplatesWhereSmartSpaceUsesQueues: true, Version: 2},
		{OnlyTemplatesWhereSmartSpaceUsesQueues: true},
		{},
		nil,
	} {
		_, err := c.AccessTemplates.List(t.Context(), o)
		require.NoError(t, err)
	}
	assert.Equal(t, []string{"OnlyTemplatesWhereSmartSpaceUsesQueues=true&Scope=2&Version=2",
		"OnlyTemplatesWhereSmartSpaceUsesQueues=true", "", ""}, got)

	_, err := c.AccessTemplates.List(t.Context(), &viviot.ListAccessTemplatesOptions{Version: -1})
	require.ErrorIs(t, err, viviot.ErrInvalidParams)
	assert.Contains(t, err.Error(), "Version")
}

func TestListOnlyTemplatesWhereSmartSpaceUsesQueues(t *testing.T) {
	srv := viviottest.NewServer(t)
	desk := srv.AddThing(viviottest.Thing{Name: "Hot desk", UsesQueues: true})
	door := srv.AddThing(viviottest.Thing{Name: "Door"})
	c := newClient(t, srv, srv.Credentials())
	_, err := c.AccessTemplates.Create(t.Context(), guestParams("desk and door", door, desk))
	require.NoError(t, err)
	_, err = c.AccessTemplates.Create(t.Context(), guestParams("door", door))
	require.NoError(t, err)

	all, err := c.AccessTemplates.List(t.Context(), nil)
	require.NoError(t, err)
	assert.Len(t, all, 2)
	queued, err := c.AccessTemplates.List(t.Context(), &viviot.ListAccessTemplatesOptions{OnlyTemplatesWhereSmartSpaceUsesQueues: true})
	require.NoError(t, err)
	require.Len(t, queued, 1)
	assert.Equal(t, "desk and door", queued[0].Name)
}

// Each call option, on this package's methods, against the fake.
func TestCallOptions(t *testing.T) {
	t.Run("a header reaches the server, on the call it was given to", func(t *testing.T) {
		f := newFixture(t)
		_, err := f.c.AccessTemplates.List(t.Context(), nil, viviot.WithHeader("X-Request-Id", "run-7"))
		require.NoError(t, err)
		_, err = f.c.AccessTemplates.List(t.Context(), nil)
		require.NoError(t, err)
		reqs := f.srv.Requests()
		require.Len(t, reqs, 3)
		assert.Empty(t, reqs[0].Header.Get("X-Request-Id"), "the login is not the call")
		assert.Equal(t, "run-7", reqs[1].Header.Get("X-Request-Id"))
		assert.Empty(t, reqs[2].Header.Get("X-Request-Id"))
	})

	t.Run("credential headers are refused before anything is sent", func(t *testing.T) {
		f := newFixture(t)
		for _, h := range []string{"Authorization", "Cookie", "cookie", "Proxy-Authorization"} {
			_, err := f.c.AccessTemplates.List(t.Context(), nil, viviot.WithHeader(h, "ss-id=mine"))
			require.ErrorIs(t, err, viviot.ErrInvalidParams, h)
			assert.Contains(t, err.Error(), "WithHeader")
			_, err = f.c.AccessTemplates.Create(t.Context(), guestParams("x", f.door), viviot.WithHeader(h, "x"))
			require.ErrorIs(t, err, viviot.ErrInvalidParams, h)
		}
		assert.Zero(t, f.srv.RequestCount(), "not even the login")
	})

	t.Run("a timeout ends a call", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			srv := viviottest.NewServer(t, fakekit.InMemory())
			c := newClient(t, srv, viviot.BearerToken(srv.IssueToken(viviottest.AdminUserName)), viviot.WithMaxRetries(0))
			srv.Inject(fakekit.Fault{Latency: time.Minute})
			start := time.Now()
			_, err := c.AccessTemplates.List(t.Context(), nil, viviot.WithRequestTimeout(3*time.Second))
			require.ErrorIs(t, err, context.DeadlineExceeded)
			assert.Equal(t, 3*time.Second, time.Since(start))
		})
	})

	t.Run("the response is captured", func(t *testing.T) {
		f := newFixture(t)
		var resp *http.Response
		_, err := f.c.AccessTemplates.Create(t.Context(), guestParams("captured", f.door), viviot.WithResponseInto(&resp))
		require.NoError(t, err)
		require.NotNil(t, resp)
		assert.Equal(t, http.StatusOK, resp.StatusCode)
		assert.Contains(t, resp.Header.Get("Content-Type"), "application/json")

		resp = nil
		err = f.c.AccessTemplates.Delete(t.Context(), viviot.NewGUID(), viviot.WithResponseInto(&resp))
		require.ErrorIs(t, err, viviot.ErrNotFound)
		require.NotNil(t, resp, "a failed answer is captured too")
		assert.Equal(t, http.StatusNotFound, resp.StatusCode)
	})

	t.Run("the retry count is the call's, never a create's replay", func(t *testing.T) {
		f := newFixture(t)
		_, err := f.c.AccessTemplates.List(t.Context(), nil) // log in first
		require.NoError(t, err)
		f.srv.Inject(fakekit.Fault{Status: http.StatusServiceUnavailable, Times: 2})
		_, err = f.c.AccessTemplates.List(t.Context(), nil, viviot.WithRequestMaxRetries(0))
		require.Error(t, err)
		assert.Equal(t, 2, countRequests(f.srv, "GET", "/access/templates"), "no retry")
		_, err = f.c.AccessTemplates.List(t.Context(), nil, viviot.WithRequestMaxRetries(2))
		require.NoError(t, err)
		assert.Equal(t, 4, countRequests(f.srv, "GET", "/access/templates"))

		f.srv.Inject(fakekit.Fault{Status: http.StatusServiceUnavailable})
		_, err = f.c.AccessTemplates.Create(t.Context(), guestParams("once", f.door), viviot.WithRequestMaxRetries(5))
		require.Error(t, err)
		assert.Equal(t, 1, countRequests(f.srv, "POST", "/access/template"), "a create is not replayed after a 503")
	})
}

// Each session cookie is a credential: an answer quoting one alone (not
// the whole Cookie header) has it masked too.
func TestSessionCookieEchoIsMasked(t *testing.T) {
	srv := viviottest.NewServer(t)
	srv.SetAuthMode(viviottest.AuthTokenCookie)
	c := newClient(t, srv, srv.Credentials())
	_, err := c.AccessTemplates.List(t.Context(), nil)
	require.NoError(t, err)
	var tok string
	for _, ck := range (&http.Request{Header: srv.Requests()[1].Header}).Cookies() {
		if ck.Name == "ss-tok" {
			tok = ck.Value
		}
	}
	require.NotEmpty(t, tok)
	srv.Inject(fakekit.Fault{Status: http.StatusForbidden, ContentType: "text/plain", Body: "denied for token " + tok})
	_, err = c.AccessTemplates.List(t.Context(), nil)
	require.ErrorIs(t, err, viviot.ErrForbidden)
	assert.NotContains(t, err.Error(), tok)
	assert.Contains(t, err.Error(), "denied for token [REDACTED]")
}
