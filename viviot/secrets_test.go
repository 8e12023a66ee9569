package viviot_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/grantkit/grantkit-go/internal/fakekit"
	"github.com/grantkit/grantkit-go/viviot"
	"github.com/grantkit/grantkit-go/viviot/viviottest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSecretsNeverPrinted(t *testing.T) {
	const password = "Pa55-very-secret-word"
	f := newFixture(t)
	f.srv.AddUser(viviottest.User{UserName: "ops@example.com", Password: password, Roles: []string{viviottest.RoleAdmin}})
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	creds := viviot.Credentials{UserName: "ops@example.com", Password: password}
	c := newClient(t, f.srv, creds, viviot.WithLogger(logger))

	created, err := c.AccessTemplates.Create(t.Context(), guestParams("x", f.door))
	require.NoError(t, err)
	f.srv.ExpireSessions()
	_, err = c.AccessTemplates.Get(t.Context(), created.ID)
	require.NoError(t, err)
	f.srv.Inject(fakekit.Fault{Match: isMethod("GET"), Status: 403, Body: viviottest.ErrorBody("Forbidden", "Invalid Role")})
	_, apiErr := c.AccessTemplates.List(t.Context(), nil)
	require.Error(t, apiErr)

	var secrets []string
	for _, r := range f.srv.Requests() {
		if tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
			secrets = append(secrets, tok)
		}
	}
	require.NotEmpty(t, secrets)
	token := viviot.BearerToken(secrets[0])
	tokClient := newClient(t, f.srv, token, viviot.WithLogger(logger))
	badLogin := newClient(t, f.srv, viviot.Credentials{UserName: "ops@example.com", Password: password + "-wrong"}, viviot.WithLogger(logger))
	_, loginErr := badLogin.AccessTemplates.List(t.Context(), nil)
	require.Error(t, loginErr)
	secrets = append(secrets, password)

	slog.New(slog.NewJSONHandler(&logs, nil)).Info("values", "creds", creds, "token", token, "ptr", &creds)
	var printed strings.Builder
	printed.WriteString(logs.String())
	for _, v := range []any{creds, &creds, token, c, *c, tokClient, *tokClient, tokClient.AccessTemplates,
		*tokClient.AccessTemplates, struct{ C *viviot.Client }{tokClient}, apiErr, loginErr} {
		fmt.Fprintf(&printed, "%v\n%+v\n%#v\n%s\n%t\n%d\n%x\n", v, v, v, v, v, v, v)
	}
	out := printed.String()
	for _, s := range secrets {
		assert.NotContains(t, out, s)
	}
	assert.Contains(t, logs.String(), "accessTemplates.create", "the log did record the calls")
	assert.Contains(t, out, "ops@example.com", "non-secret fields still show")
	assert.Equal(t, `viviot.Credentials{UserName:"ops@example.com", Password:[REDACTED]}`, fmt.Sprintf("%#v", creds))
	assert.Equal(t, `viviot.Credentials{UserName:"ops@example.com", Password:[REDACTED]}`, fmt.Sprintf("%+v", creds))
	assert.Equal(t, `[REDACTED]`, fmt.Sprint(token))
	assert.Equal(t, `viviot.BearerToken("[REDACTED]")`, fmt.Sprintf("%#v", token))
	assert.Equal(t, "viviot.Client{BaseURL:"+f.srv.URL+"}", fmt.Sprintf("%+v", tokClient))
}

// TestPrintedClientMasksTheBaseURLsQuery: a proxy's key in the base URL's
// query shows masked, as a userinfo password does, in the client and its
// service whatever the verb.
func TestPrintedClientMasksTheBaseURLsQuery(t *testing.T) {
	c, err := viviot.NewClient(viviot.BearerToken("tok"),
		viviot.WithBaseURL("https://ops:pr0xy-pass@gateway.example/viviot?key=pr0xy-key"))
	require.NoError(t, err)
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%d"} {
		for _, v := range []any{c, *c, c.AccessTemplates} {
			out := fmt.Sprintf(verb, v)
			assert.NotContains(t, out, "pr0xy", verb)
			assert.Contains(t, out, "{BaseURL:https://ops:", verb)
		}
	}
}
