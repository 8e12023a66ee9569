package alfaview_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/alfaview"
	"github.com/grantkit/grantkit-go/alfaview/alfaviewtest"
	"github.com/grantkit/grantkit-go/internal/fakekit"
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
