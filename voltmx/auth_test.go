package voltmx_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/internal/fakekit"
	"github.com/grantkit/grantkit-go/voltmx"
	"github.com/grantkit/grantkit-go/voltmx/voltmxtest"
)

const loginURL = "https://idp.example.com/authService/accounts/login"

func TestClaimsLoginHeaders(t *testing.T) {
	for _, header := range []string{"", "X-Kony-Authorization"} {
		t.Run("header "+header, func(t *testing.T) {
			var opts []voltmx.Option
			want := "X-VoltMX-Authorization"
			if header != "" {
				opts, want = append(opts, voltmx.WithAuthHeaderName(header)), header
			}
			mt, c := newMock(t, voltmx.ClaimsLogin{LoginURL: loginURL, UserID: "ops@example.com", Password: "pw", Provider: "userstore"}, opts...)
			exp := time.Now().Add(time.Hour).UnixMilli()
			login := respond(mt, http.MethodPost, loginURL, 200,
				fmt.Sprintf(`{"profile":{"userid":"ops@example.com"},"refresh_token":"rt","claims_token":{"value":"claims-abc","exp":%d}}`, exp))
			api := respond(mt, http.MethodGet, mockBase+"/vpns/api/v1/accessmgmt/groups/1", 200, `{"id":1}`)

			for range 2 {
				_, err := c.Groups.Get(t.Context(), 1)
				require.NoError(t, err)
			}
			require.Len(t, *login, 1, "the token is cached")
			l := (*login)[0]
			assert.JSONEq(t, `{"userid":"ops@example.com","password":"pw","provider":"userstore"}`, string(l.body))
			assert.Equal(t, "application/json;charset=UTF-8", l.header.Get("Content-Type"))
			assert.Empty(t, l.header.Get("Authorization"))
			assert.Empty(t, l.header.Get(want), "no token goes to the identity host")

			require.Len(t, *api, 2)
			for _, r := range *api {
				assert.Equal(t, "claims-abc", r.header.Get(want), "no scheme prefix")
				assert.Empty(t, r.header.Get("Authorization"), "the password never goes to the API")
			}
		})
	}
}

func TestClaimsLoginOmitsEmptyProvider(t *testing.T) {
	mt, c := newMock(t, voltmx.ClaimsLogin{LoginURL: loginURL, UserID: "u", Password: "pw"})
	login := respond(mt, http.MethodPost, loginURL, 200, `{"claims_token":{"value":"v","exp":0}}`)
	respond(mt, http.MethodGet, mockBase+"/vpns/api/v1/accessmgmt/groups/1", 200, `{"id":1}`)
	_, err := c.Groups.Get(t.Context(), 1)
	require.NoError(t, err)
	assert.JSONEq(t, `{"userid":"u","password":"pw"}`, string((*login)[0].body))
}

func TestClaimsLoginWithoutTokenFails(t *testing.T) {
	mt, c := newMock(t, voltmx.ClaimsLogin{LoginURL: loginURL, UserID: "u", Password: "pw"})
	respond(mt, http.MethodPost, loginURL, 200, `{"profile":{}}`)
	_, err := c.Groups.Get(t.Context(), 1)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "claims_token")
	assert.Equal(t, 1, mt.GetTotalCallCount(), "no API call without a token")
}

func TestOAuthPairHeaders(t *testing.T) {
	mt, c := newMock(t, voltmx.OAuthPair{Username: "admin", Password: "pw"})
	tok := respond(mt, http.MethodGet, mockBase+"/vpns/api/v1/oauth/accesstoken", 200, `{"AccessToken":"at-1","AccessSecret":"as-1"}`)
	api := respond(mt, http.MethodGet, mockBase+"/vpns/api/v1/accessmgmt/permissions", 200, `{"total":0,"permissions":{}}`)
	for range 2 {
		_, err := c.Permissions.List(t.Context())
		require.NoError(t, err)
	}
	require.Len(t, *tok, 1)
	assert.Equal(t, "Basic "+base64.StdEncoding.EncodeToString([]byte("admin:pw")), (*tok)[0].header.Get("Authorization"))
	require.Len(t, *api, 2)
	for _, r := range *api {
		assert.Equal(t, "at-1", r.header.Get("AccessToken"))
		assert.Equal(t, "as-1", r.header.Get("AccessSecret"))
		assert.Empty(t, r.header.Get("Authorization"))
	}
}

func TestPlainHTTPNeedsOptIn(t *testing.T) {
	basic := voltmx.BasicAuth{Username: "admin", Password: "pw"}
	_, err := voltmx.NewClient("http://es.example.com:8080", basic)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "plain http")
	assert.ErrorIs(t, err, voltmx.ErrInsecureHTTP)

	_, err = voltmx.NewClient("http://es.example.com:8080", basic, voltmx.WithInsecureHTTP())
	assert.NoError(t, err)
	for _, loopback := range []string{"http://127.0.0.1:8080", "http://localhost", "http://[::1]:9000"} {
		_, err = voltmx.NewClient(loopback, basic)
		assert.NoError(t, err, loopback)
	}

	claims := voltmx.ClaimsLogin{LoginURL: "http://idp.example.com/authService/accounts/login", UserID: "u", Password: "pw"}
	_, err = voltmx.NewClient("https://es.example.com", claims)
	require.Error(t, err, "the login URL carries the password too")
	assert.Contains(t, err.Error(), "plain http")
	assert.Contains(t, err.Error(), "ClaimsLogin.LoginURL")
	assert.ErrorIs(t, err, voltmx.ErrInsecureHTTP)
	_, err = voltmx.NewClient("https://es.example.com", claims, voltmx.WithInsecureHTTP())
	assert.NoError(t, err)

	_, err = voltmx.NewClient("http://es.example.com", voltmx.OAuthPair{Username: "u", Password: "pw"})
	assert.ErrorContains(t, err, "plain http")
}

func TestNewClientRejectsBadSettings(t *testing.T) {
	basic := voltmx.BasicAuth{Username: "admin", Password: "pw"}
	cases := []struct {
		name, base string
		auth       voltmx.Auth
		opts       []voltmx.Option
		want       string
	}{
		{"no base URL", "", basic, nil, "base URL is required"},
		{"relative base URL", "es.example.com", basic, nil, "absolute http or https"},
		{"ftp base URL", "ftp://es.example.com", basic, nil, "absolute http or https"},
		{"query in base URL", "https://es.example.com/?x=1", basic, nil, "query"},
		{"bad context path", "https://es.example.com", basic, []voltmx.Option{voltmx.WithContextPath("vpns?x")}, "context path"},
		{"no auth", "https://es.example.com", nil, nil, "auth is required"},
		{"nil pointer auth", "https://es.example.com", (*voltmx.BasicAuth)(nil), nil, "auth is required"},
		{"no username", "https://es.example.com", voltmx.BasicAuth{Password: "pw"}, nil, "BasicAuth.Username"},
		{"no password", "https://es.example.com", voltmx.OAuthPair{Username: "u"}, nil, "OAuthPair.Password"},
		{"colon in username", "https://es.example.com", voltmx.BasicAuth{Username: "a:b", Password: "pw"}, nil, "':'"},
		{"no login URL", "https://es.example.com", voltmx.ClaimsLogin{UserID: "u", Password: "pw"}, nil, "ClaimsLogin.LoginURL"},
		{"no user id", "https://es.example.com", voltmx.ClaimsLogin{LoginURL: loginURL, Password: "pw"}, nil, "ClaimsLogin.UserID"},
		{"bad header name", "https://es.example.com", voltmx.ClaimsLogin{LoginURL: loginURL, UserID: "u", Password: "pw"},
			[]voltmx.Option{voltmx.WithAuthHeaderName("X Bad")}, "header name"},
		{"negative retries", "https://es.example.com", basic, []voltmx.Option{voltmx.WithMaxRetries(-1)}, "MaxRetries"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := voltmx.NewClient(tc.base, tc.auth, tc.opts...)
			require.Error(t, err)
			assert.Nil(t, c)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
	c, err := voltmx.NewClient("https://es.example.com", &basic)
	require.NoError(t, err, "a pointer to credentials works too")
	assert.Equal(t, "https://es.example.com/vpns", c.BaseURL())
}

func TestClaimsSessionExpiresMidRun(t *testing.T) {
	clock := fakekit.NewManualClock(time.Now())
	srv := voltmxtest.NewServer(t, fakekit.WithClock(clock))
	c := newClientFor(t, srv, srv.ClaimsLogin())
	ctx := t.Context()

	_, err := c.Permissions.List(ctx)
	require.NoError(t, err)
	require.Equal(t, 1, srv.AuthCount())

	// The server's clock passes the token's expiry; the client's does not,
	// so it learns from the 401, logs in once and replays.
	clock.Advance(voltmxtest.DefaultTokenLifetime + time.Minute)
	srv.ResetRequests()
	id, err := c.Groups.Create(ctx, validGroup("after expiry"))
	require.NoError(t, err)
	assert.Equal(t, 2, srv.AuthCount())
	assert.Equal(t, 1, srv.AppliedCount("groups.create"))
	_, ok := srv.Group(id)
	assert.True(t, ok)

	reqs := srv.Requests()
	require.Len(t, reqs, 3)
	assert.Equal(t, "/vpns/api/v1/accessmgmt/groups", reqs[0].Path)
	assert.Equal(t, voltmxtest.LoginPath, reqs[1].Path)
	assert.Equal(t, "/vpns/api/v1/accessmgmt/groups", reqs[2].Path)
	assert.NotEqual(t, reqs[0].Header.Get("X-VoltMX-Authorization"), reqs[2].Header.Get("X-VoltMX-Authorization"))
}

func TestClaimsTokenRefreshedBeforeExpiry(t *testing.T) {
	clock := fakekit.NewManualClock(time.Now())
	srv := voltmxtest.NewServer(t, fakekit.WithClock(clock))
	c := newClientFor(t, srv, srv.ClaimsLogin(), voltmx.WithClock(clock.Now))
	ctx := t.Context()

	_, err := c.Permissions.List(ctx)
	require.NoError(t, err)
	clock.Advance(voltmxtest.DefaultTokenLifetime - 30*time.Second) // inside the refresh margin
	srv.ResetRequests()
	_, err = c.Permissions.List(ctx)
	require.NoError(t, err)

	assert.Equal(t, 2, srv.AuthCount())
	reqs := srv.Requests()
	require.Len(t, reqs, 2, "a new login and the call, no 401 round trip")
	assert.Equal(t, voltmxtest.LoginPath, reqs[0].Path)
}

func TestExpiredSessionConcurrentCallsLogInOnce(t *testing.T) {
	for _, mode := range []string{"claims", "oauth"} {
		t.Run(mode, func(t *testing.T) {
			srv := voltmxtest.NewServer(t)
			var auth voltmx.Auth = srv.ClaimsLogin()
			if mode == "oauth" {
				auth = srv.OAuthPair()
			}
			c := newClientFor(t, srv, auth)
			_, err := c.Permissions.List(t.Context())
			require.NoError(t, err)
			require.Equal(t, 1, srv.AuthCount())

			srv.ExpireSessions()
			var wg sync.WaitGroup
			errs := make(chan error, 50)
			for range 50 {
				wg.Go(func() {
					_, err := c.Groups.Get(t.Context(), 1)
					if !assert.ErrorIs(t, err, voltmx.ErrGroupNotFound) {
						errs <- err
					}
				})
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Error(err)
			}
			assert.Equal(t, 2, srv.AuthCount(), "one re-authentication for 50 callers")
		})
	}
}

func TestSessionReplayedOnlyOnce(t *testing.T) {
	srv := voltmxtest.NewServer(t)
	c := newClientFor(t, srv, srv.ClaimsLogin())
	srv.Inject(fakekit.Fault{
		Match:  func(r *http.Request) bool { return strings.HasSuffix(r.URL.Path, "/permissions") },
		Times:  -1,
		Status: http.StatusUnauthorized,
		Body:   `{"message":"Unauthorized request"}`,
	})
	_, err := c.Permissions.List(t.Context())
	require.ErrorIs(t, err, voltmx.ErrUnauthorized)
	assert.Equal(t, 2, srv.AuthCount(), "first login and one re-login, no loop")
	assert.Equal(t, 4, srv.RequestCount())
}

func TestWrongPasswordIsUnauthorized(t *testing.T) {
	srv := voltmxtest.NewServer(t)
	for _, auth := range []voltmx.Auth{
		voltmx.BasicAuth{Username: voltmxtest.Username, Password: "wrong"},
		voltmx.ClaimsLogin{LoginURL: srv.LoginURL(), UserID: voltmxtest.Username, Password: "wrong"},
		voltmx.OAuthPair{Username: voltmxtest.Username, Password: "wrong"},
	} {
		c := newClientFor(t, srv, auth)
		_, err := c.Permissions.List(t.Context())
		require.ErrorIs(t, err, voltmx.ErrUnauthorized, "%v", auth)
		var e *voltmx.Error
		require.ErrorAs(t, err, &e)
		assert.Equal(t, http.StatusUnauthorized, e.StatusCode)
		assert.NotContains(t, err.Error(), "wrong")
	}
	assert.Zero(t, srv.AuthCount())
}

func TestSecretsNeverPrinted(t *testing.T) {
	srv := voltmxtest.NewServer(t)
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	const badPassword = "not-the-password-4711"
	creds := []voltmx.Auth{
		srv.BasicAuth(),
		srv.ClaimsLogin(),
		voltmx.ClaimsLogin{LoginURL: "https://user:urlsecret@idp.example.com/login", UserID: "u", Password: voltmxtest.Password},
		srv.OAuthPair(),
		voltmx.BasicAuth{Username: voltmxtest.Username, Password: badPassword},
		voltmx.ClaimsLogin{LoginURL: srv.LoginURL(), UserID: voltmxtest.Username, Password: badPassword},
	}
	var printed []string
	for _, a := range creds {
		logger.Info("credentials", "auth", a)
		printed = append(printed, fmt.Sprintf("%v %+v %#v %s %q", a, a, a, a, a))
		c, err := voltmx.NewClient(srv.URL, a, voltmx.WithHTTPClient(srv.Client()), fastRetry, voltmx.WithLogger(logger))
		require.NoError(t, err)
		printed = append(printed, fmt.Sprintf("%v %+v %#v %s", c, c, c, c))
		if strings.Contains(a.(fmt.Stringer).String(), "urlsecret") {
			continue
		}
		_, err = c.Groups.Get(t.Context(), 99)
		require.Error(t, err)
		printed = append(printed, fmt.Sprintf("%v %+v %#v %s", err, err, err, err))
	}
	srv.ExpireSessions()

	secrets := []string{voltmxtest.Password, badPassword, "urlsecret",
		base64.StdEncoding.EncodeToString([]byte(voltmxtest.Username + ":" + voltmxtest.Password))}
	for _, r := range srv.Requests() {
		for _, h := range []string{"X-VoltMX-Authorization", "AccessToken", "AccessSecret"} {
			if v := r.Header.Get(h); v != "" {
				secrets = append(secrets, v)
			}
		}
	}
	require.Greater(t, len(secrets), 5, "tokens were issued and used")
	all := logs.String() + strings.Join(printed, "\n")
	assert.Contains(t, all, "[REDACTED]")
	assert.Contains(t, logs.String(), "groups.get", "attempts were logged")
	for _, s := range secrets {
		assert.NotContains(t, all, s)
	}
}

func TestCredentialsPrintedForm(t *testing.T) {
	assert.Equal(t, `voltmx.BasicAuth{Username:"admin", Password:[REDACTED]}`, fmt.Sprintf("%#v", voltmx.BasicAuth{Username: "admin", Password: "x"}))
	assert.Equal(t, `voltmx.OAuthPair{Username:"admin", Password:""}`, fmt.Sprint(voltmx.OAuthPair{Username: "admin"}))
	assert.Equal(t, `voltmx.ClaimsLogin{LoginURL:"https://u:xxxxx@idp/login", UserID:"ops", Password:[REDACTED], Provider:"ldap", Domain:"corp"}`,
		fmt.Sprintf("%+v", voltmx.ClaimsLogin{LoginURL: "https://u:p@idp/login", UserID: "ops", Password: "x", Provider: "ldap", Domain: "corp"}))
}

// A struct holding credentials that a program marshals, or logs with
// slog's JSON handler, shows no password.
func TestCredentialsMarshalRedacted(t *testing.T) {
	const pw = "marshal-secret-4711"
	creds := []voltmx.Auth{
		voltmx.BasicAuth{Username: "admin", Password: pw},
		&voltmx.OAuthPair{Username: "admin", Password: pw},
		voltmx.ClaimsLogin{LoginURL: "https://u:" + pw + "@idp.example.com/login?key=" + pw, UserID: "ops", Password: pw, Provider: "ldap", Domain: "corp"},
	}
	var logs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, nil))
	for _, a := range creds {
		b, err := json.Marshal(struct{ Auth voltmx.Auth }{a})
		require.NoError(t, err)
		assert.NotContains(t, string(b), pw)
		assert.Contains(t, string(b), `"password":"[REDACTED]"`)
		logger.Info("config", "auth", a, "raw", struct{ Auth voltmx.Auth }{a})
	}
	assert.NotContains(t, logs.String(), pw)
	b, err := json.Marshal(creds[2])
	require.NoError(t, err)
	assert.JSONEq(t, `{"loginURL":"https://u:xxxxx@idp.example.com/login?key=xxxxx","userID":"ops","password":"[REDACTED]","provider":"ldap","domain":"corp"}`, string(b))
	b, err = json.Marshal(voltmx.BasicAuth{Username: "admin"})
	require.NoError(t, err)
	assert.JSONEq(t, `{"username":"admin","password":""}`, string(b), "an unset password still shows as unset")
}
