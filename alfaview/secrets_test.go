package alfaview_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/alfaview"
	"github.com/grantkit/grantkit-go/alfaview/alfaviewtest"
	"github.com/grantkit/grantkit-go/internal/fakekit"
	"github.com/grantkit/grantkit-go/internal/redact"
)

// Nothing the SDK prints or logs shows a secret: not the credentials, the
// client, an error, or a Debug log of a run with a login, a refresh and
// failures.
func TestNoSecretsInOutput(t *testing.T) {
	srv := alfaviewtest.NewServer(t)
	var logs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	apiKey := srv.APIKeyCredentials()
	password := srv.PasswordCredentials()
	c := newClient(t, srv, apiKey, alfaview.WithLogger(logger))
	ctx := context.Background()

	_, err := c.PermissionGroups.List(ctx)
	require.NoError(t, err)
	srv.ExpireSessions()
	_, err = c.PermissionGroups.List(ctx) // rejected token, refresh with the cookie, replay
	require.NoError(t, err)
	_, apiErr := c.Links.ListGroupLinks(ctx, "no-such-room")
	require.Error(t, apiErr)
	srv.Inject(fakekit.Fault{Match: onPath(pathPermissionGroups), Cut: fakekit.CutBeforeResponse, Times: -1})
	_, reqErr := c.PermissionGroups.List(ctx)
	require.Error(t, reqErr)
	srv.ClearFaults()
	bad := apiKey
	bad.Secret = "the-wrong-secret"
	_, authErr := newClient(t, srv, bad, alfaview.WithLogger(logger)).PermissionGroups.List(ctx)
	require.Error(t, authErr)
	_, valErr := c.Links.CreateGroupLinks(ctx, "", nil)
	require.Error(t, valErr)

	secrets := []string{alfaviewtest.Secret, alfaviewtest.Password, "the-wrong-secret"}
	for _, r := range srv.Requests() {
		var b struct {
			AccessInfo struct {
				AccessToken string `json:"accessToken"`
			} `json:"accessInfo"`
		}
		if jsonUnmarshal(string(r.Body), &b) == nil && b.AccessInfo.AccessToken != "" {
			secrets = append(secrets, b.AccessInfo.AccessToken)
		}
		if ck := r.Header.Get("Cookie"); ck != "" {
			secrets = append(secrets, ck[len("auth="):])
		}
	}
	require.Greater(t, len(secrets), 4, "tokens and refresh cookies were collected")
	require.NotEmpty(t, logs.String())

	var printed bytes.Buffer
	for _, v := range []any{apiKey, &apiKey, password, &password, bad, c, *c, []alfaview.Client{*c}, &alfaview.Client{}, apiErr, reqErr, authErr, valErr,
		[]alfaview.Credentials{apiKey, password}, struct{ Creds alfaview.Credentials }{apiKey}} {
		fmt.Fprintf(&printed, "%v %+v %#v %s %q %x %d\n", v, v, v, v, v, v, v)
	}
	logger.Info("values", "apiKey", apiKey, "password", password, "client", c, "err", authErr)
	for _, s := range secrets {
		assert.NotContains(t, printed.String(), s)
		assert.NotContains(t, logs.String(), s)
	}
	assert.Contains(t, printed.String(), `alfaview.APIKeyCredentials{ClientID:"fake-client-id", Secret:[REDACTED], CompanyID:"01EZYCFW9MJ10P15YJ63NZ8S47"}`)
	assert.Contains(t, printed.String(), `alfaview.PasswordCredentials{Username:"ada@example.com", Password:[REDACTED]`)
	assert.Contains(t, logs.String(), `"secret":"[REDACTED]"`)
	assert.Contains(t, logs.String(), `"password":"[REDACTED]"`)
}

// echo answers 400 with a plain-text page quoting the request, as a proxy
// or a debugging gateway may: its body and its Cookie header.
func echo(t *testing.T, r *http.Request) *http.Response {
	t.Helper()
	return httpmock.NewStringResponse(http.StatusBadRequest, "bad request: "+readBody(t, r)+" cookie: "+r.Header.Get("Cookie"))
}

// The credentials a request carried are masked in an answer that echoes
// it: the access token in accessInfo (the session's credential), the API
// key's code and the password of a login, the refresh token of a refresh.
func TestEchoedCredentialsAreMasked(t *testing.T) {
	const access, refresh, cookie = "echoed-access-token-1", "echoed-refresh-token-1", "echoed-cookie-token-1"
	login := func(m *mock) {
		m.mt.RegisterResponder(http.MethodPost, base+"authenticationService/authenticate", func(r *http.Request) (*http.Response, error) {
			m.authBody = append(m.authBody, readBody(t, r))
			resp := jsonResponse(200, `{"accessToken":"`+access+`","refreshToken":"`+refresh+`","expiresAt":"`+
				strconv.FormatInt(time.Now().Add(time.Hour).Unix(), 10)+`"}`)
			resp.Header.Add("Set-Cookie", "auth="+cookie+"; Path=/; HttpOnly; Secure")
			return resp, nil
		})
	}
	assertMasked := func(t *testing.T, err error, secrets ...string) {
		t.Helper()
		require.Error(t, err)
		for _, s := range secrets {
			assert.NotContains(t, err.Error(), s)
		}
		assert.Contains(t, err.Error(), redact.Mask, "the echo is there, masked")
	}

	t.Run("access token in accessInfo", func(t *testing.T) {
		m := newMock(t)
		login(m)
		m.mt.RegisterResponder(http.MethodPost, base+"roomService/list", func(r *http.Request) (*http.Response, error) { return echo(t, r), nil })
		c := m.client(seedCreds)
		n := 0
		for _, err := range c.Rooms.List(context.Background(), nil) {
			n++
			assertMasked(t, err, access)
			var e *alfaview.Error
			require.ErrorAs(t, err, &e)
			assert.Contains(t, e.StatusMessage, `"accessToken":"`+redact.Mask+`"`)
		}
		assert.Equal(t, 1, n)
	})
	for _, creds := range []alfaview.Credentials{seedCreds, alfaview.PasswordCredentials{Username: "ada", Password: "echoed-password-1"}} {
		t.Run("login of "+fmt.Sprintf("%T", creds), func(t *testing.T) {
			m := newMock(t)
			m.mt.RegisterResponder(http.MethodPost, base+"authenticationService/authenticate", func(r *http.Request) (*http.Response, error) {
				return echo(t, r), nil
			})
			_, err := m.client(creds).PermissionGroups.List(context.Background())
			assertMasked(t, err, seedCreds.Secret, "echoed-password-1")
		})
	}
	t.Run("refresh token", func(t *testing.T) {
		m := newMock(t)
		login(m)
		m.on("businessLogicService/permissionGroups/list", 200, `{"permissionGroups":{}}`, nil)
		c := m.client(seedCreds)
		_, err := c.PermissionGroups.List(context.Background())
		require.NoError(t, err)
		m.mt.RegisterResponder(http.MethodPost, base+"authenticationService/authenticate", func(r *http.Request) (*http.Response, error) {
			return echo(t, r), nil
		})
		err = alfaview.RefreshSession(context.Background(), c)
		assertMasked(t, err, refresh, cookie)
	})
}

// Credentials encoded as JSON (a config struct logged with slog's JSON
// handler, an API answer that embeds them) show no secret.
func TestCredentialsMarshalRedacted(t *testing.T) {
	apiKey := alfaview.APIKeyCredentials{ClientID: "key-alias", Secret: "json-secret-1", CompanyID: "c1"}
	password := alfaview.PasswordCredentials{Username: "ada", Password: "json-password-1"}
	b, err := json.Marshal(struct {
		A alfaview.APIKeyCredentials
		P *alfaview.PasswordCredentials
		C alfaview.Credentials
	}{apiKey, &password, apiKey})
	require.NoError(t, err)
	assert.JSONEq(t, `{"A":{"clientId":"key-alias","secret":"[REDACTED]","companyId":"c1"},
		"P":{"username":"ada","password":"[REDACTED]"},
		"C":{"clientId":"key-alias","secret":"[REDACTED]","companyId":"c1"}}`, string(b))

	var logs bytes.Buffer
	slog.New(slog.NewJSONHandler(&logs, nil)).Info("config", "creds", struct {
		API  alfaview.APIKeyCredentials
		Pass alfaview.PasswordCredentials
	}{apiKey, password})
	assert.NotContains(t, logs.String(), "json-secret-1")
	assert.NotContains(t, logs.String(), "json-password-1")
	assert.Contains(t, logs.String(), "key-alias")
}
