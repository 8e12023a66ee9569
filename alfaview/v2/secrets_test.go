package alfaview_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	alfaview "github.com/grantkit/grantkit-go/alfaview/v2"
)

// Nothing the package prints, logs or marshals shows a secret: not the
// credentials, a token, the client, or an error from a run with a login,
// a refused token, a refused login and failures.
func TestNoSecretsInOutput(t *testing.T) {
	const (
		password   = "pa55word-of-ada"
		token      = "dG9rZW4tb2YtYWRh"
		guestToken = "Z3Vlc3QtdG9rZW4="
		wrongKey   = "the-wrong-key-value"
	)
	m := newMock(t)
	m.loginReply = func(_ int, body string) (int, string) {
		if bytes.Contains([]byte(body), []byte(wrongKey)) {
			return 401, `{"title":"Unauthorized","status":401,"detail":"unknown key ` + wrongKey + `"}`
		}
		return 200, `{"accessToken":"` + token + `"}`
	}
	m.on("GET", "/v2/rooms/r1", nil, reply(401, `{"title":"Unauthorized","detail":"Authorization: `+token+`"}`))
	m.on("POST", "/v2/auth/guest-link", nil, reply(200, guestAuthJSON))
	m.on("GET", "/v2/auth/token-info", nil, reply(500, `{"title":"Internal Server Error","detail":"token `+guestToken+` broke"}`))

	var logs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	ctx := context.Background()
	key := apiKey
	pw := alfaview.PasswordCredentials{Username: "ada@example.com", Password: password}
	c := m.client(key, alfaview.WithLogger(logger))
	_, apiErr := c.Rooms.Get(ctx, "r1")
	require.Error(t, apiErr)
	bad := key
	bad.Key = wrongKey
	_, authErr := m.client(bad, alfaview.WithLogger(logger)).Rooms.Get(ctx, "r1")
	require.ErrorIs(t, authErr, alfaview.ErrUnauthorized)
	info, err := c.Auth.AuthenticateGuestLink(ctx, &alfaview.AuthenticateGuestLinkParams{AccessKey: "access-key-1", CompanyID: "c", RoomID: "r1"})
	require.NoError(t, err)
	guest := m.client(info.AccessToken, alfaview.WithLogger(logger))
	_, guestErr := guest.Auth.TokenInfo(ctx)
	require.Error(t, guestErr)
	_, valErr := c.Rooms.Get(ctx, "")
	require.Error(t, valErr)

	var printed bytes.Buffer
	tok := alfaview.AccessToken(guestToken)
	for _, v := range []any{key, &key, pw, &pw, bad, tok, &tok, info, *info, info.ClientLaunchURL, c, *c, guest, []alfaview.Client{*c},
		c.Auth, c.Rooms, c.PermissionGroups, c.GroupLinks, c.GuestLinks, c.Users, c.Meetings, c.Reports, guest.Rooms, *c.Rooms,
		apiErr, authErr, guestErr, valErr, []alfaview.Credentials{key, pw, tok}, struct{ Creds alfaview.Credentials }{pw}} {
		fmt.Fprintf(&printed, "%v %+v %#v %s %q %x %X %d\n", v, v, v, v, v, v, v, v)
	}
	logger.Info("values", "apiKey", key, "password", pw, "token", tok, "info", info, "client", c, "err", authErr)
	for _, v := range []any{key, pw, tok, info, struct{ Creds alfaview.Credentials }{key}} {
		b, err := json.Marshal(v)
		require.NoError(t, err)
		printed.Write(b)
	}
	for _, s := range []string{apiKey.Key, password, token, guestToken, wrongKey} {
		assert.NotContains(t, printed.String(), s)
		assert.NotContains(t, logs.String(), s)
	}
	assert.Contains(t, printed.String(), `alfaview.APIKeyCredentials{ClientID:"key-alias", Key:[REDACTED], CompanyID:"01EZYCFW9MJ10P15YJ63NZ8S47"}`)
	assert.Contains(t, printed.String(), `alfaview.PasswordCredentials{Username:"ada@example.com", Password:[REDACTED]}`)
	assert.Contains(t, printed.String(), `alfaview.AccessToken("[REDACTED]")`)
	assert.Contains(t, printed.String(), `{"clientId":"key-alias","companyId":"01EZYCFW9MJ10P15YJ63NZ8S47","key":"[REDACTED]"}`)
	assert.Contains(t, printed.String(), `alfaview.Client{BaseURL:https://apis.alfaview.com`)
	assert.Contains(t, logs.String(), `"key":"[REDACTED]"`)
	assert.Contains(t, logs.String(), `"password":"[REDACTED]"`)
	assert.Equal(t, guestToken, string(info.AccessToken), "string() hands the token on")
}

// The logger sees every attempt but no header, body or query value.
func TestLoggerSeesNoCredentials(t *testing.T) {
	m := newMock(t)
	m.on("GET", "/v2/users", nil, reply(200, `[]`))
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	_, err := m.client(apiKey, alfaview.WithLogger(logger)).Users.List(context.Background(), &alfaview.ListUsersOptions{EmailAddress: "grace@example.com"})
	require.NoError(t, err)
	assert.Contains(t, logs.String(), "users.list")
	assert.Contains(t, logs.String(), "auth.apiKey")
	for _, s := range []string{apiKey.Key, "token-1", "grace@example.com"} {
		assert.NotContains(t, logs.String(), s)
	}
}
