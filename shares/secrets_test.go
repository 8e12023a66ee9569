package shares_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/grantkit/grantkit-go/internal/fakekit"
	"github.com/grantkit/grantkit-go/shares"
	"github.com/grantkit/grantkit-go/shares/sharestest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// printed formats v with every verb that could show a secret, and logs it.
func printed(v any) string {
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "%v|%+v|%#v|%s|%q|%x|", v, v, v, v, v, v)
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("value", "v", v)
	slog.New(slog.NewTextHandler(&buf, nil)).Info("value", "v", v)
	return buf.String()
}

func TestSecretsNeverShow(t *testing.T) {
	srv := sharestest.NewServer(t)
	org := srv.AddOrganization("Office")
	lock := srv.AddDevice(org.ID, "Front door")
	user := srv.AddUser("Ada", "Lovelace", "ada@example.com")

	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))

	bearer := shares.BearerToken(srv.Token())
	refresh := srv.AddRefreshToken()
	var issued []shares.Token
	creds := &shares.OAuth2{
		ClientID: sharestest.ClientID, ClientSecret: sharestest.ClientSecret, RefreshToken: refresh,
		OnRefresh: func(_ context.Context, t shares.Token) error { issued = append(issued, t); return nil },
	}
	bc := newClient(t, srv, bearer, shares.WithLogger(logger))
	oc := newClient(t, srv, creds, shares.WithLogger(logger))
	ctx := context.Background()

	p := &shares.CreateShareParams{OrganizationID: org.ID, Source: shares.Source{DeviceID: lock.ID}, Receiver: shares.Receiver{UserID: user.ID}}
	_, err := bc.Shares.Create(ctx, p)
	require.NoError(t, err)
	_, err = oc.Shares.List(ctx, nil)
	require.NoError(t, err)
	srv.ExpireSessions()
	_, err = oc.Shares.Get(ctx, 1)
	require.NoError(t, err)
	require.Len(t, issued, 2)

	var errs []error
	srv.Inject(fakekit.Fault{Status: 503, Times: 4})
	_, err = bc.Shares.Get(ctx, 1)
	errs = append(errs, err)
	_, err = bc.Shares.Get(ctx, 99)
	errs = append(errs, err)
	_, err = newClient(t, srv, shares.BearerToken("wrong-"+srv.Token())).Shares.List(ctx, nil)
	errs = append(errs, err)
	_, err = newClient(t, srv, &shares.OAuth2{ClientID: sharestest.ClientID, ClientSecret: sharestest.ClientSecret, RefreshToken: refresh},
		shares.WithLogger(logger)).Shares.List(ctx, nil)
	errs = append(errs, err)
	srv.Inject(fakekit.Fault{Match: isTokenRequest, Cut: fakekit.CutBeforeResponse})
	_, err = newClient(t, srv, &shares.OAuth2{ClientID: sharestest.ClientID, ClientSecret: sharestest.ClientSecret, RefreshToken: srv.AddRefreshToken()},
		shares.WithLogger(logger)).Shares.List(ctx, nil)
	errs = append(errs, err)
	for _, err := range errs {
		require.Error(t, err)
	}

	secrets := []string{string(bearer), refresh, sharestest.ClientSecret}
	for _, tok := range issued {
		secrets = append(secrets, tok.AccessToken, tok.RefreshToken)
	}
	var out bytes.Buffer
	out.WriteString(logs.String())
	for _, v := range []any{bearer, creds, *creds, issued[0], &issued[1], bc, oc, *bc, bc.Shares, *bc.Shares, oc.Shares} {
		out.WriteString(printed(v))
	}
	for _, err := range errs {
		out.WriteString(printed(err))
		out.WriteString(err.Error())
	}
	require.NotEmpty(t, logs.String(), "debug logging ran")
	for _, s := range secrets {
		assert.NotContains(t, out.String(), s)
	}
	assert.Contains(t, printed(creds), `ClientID:"`+sharestest.ClientID+`"`, "non-secret fields still show")
	assert.Contains(t, printed(issued[0]), "[REDACTED]")
}

func TestCredentialPrintedForms(t *testing.T) {
	assert.Equal(t, "[REDACTED]", fmt.Sprint(shares.BearerToken("s3cret")))
	assert.Equal(t, `shares.BearerToken("[REDACTED]")`, fmt.Sprintf("%#v", shares.BearerToken("s3cret")))
	assert.Equal(t, "", fmt.Sprint(shares.BearerToken("")))
	o := &shares.OAuth2{ClientID: "app", ClientSecret: "s3cret", RefreshToken: "r3fresh"}
	assert.Equal(t, `shares.OAuth2{ClientID:"app", ClientSecret:[REDACTED], RefreshToken:[REDACTED], OnRefresh:nil}`, fmt.Sprint(o))
	assert.Equal(t, fmt.Sprint(o), fmt.Sprintf("%#v", o))
	tok := shares.Token{AccessToken: "a", RefreshToken: "r", TokenType: "Bearer", AccountID: 3}
	assert.Equal(t, `shares.Token{AccessToken:[REDACTED], RefreshToken:[REDACTED], TokenType:"Bearer", Expiry:0001-01-01T00:00:00Z, AccountID:3}`, fmt.Sprint(tok))
}

func TestClientPrintsWithoutItsInsides(t *testing.T) {
	c, err := shares.NewClient(shares.BearerToken("s3cret"))
	require.NoError(t, err)
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%d", "%x", "%t"} {
		assert.Equal(t, "shares.Client{BaseURL:https://api.boldsmartlock.com}", strings.Trim(fmt.Sprintf(verb, c), `"`), verb)
		assert.Equal(t, "shares.SharesService{BaseURL:https://api.boldsmartlock.com}", strings.Trim(fmt.Sprintf(verb, c.Shares), `"`), verb)
		assert.Equal(t, "shares.DevicesService{BaseURL:https://api.boldsmartlock.com}", strings.Trim(fmt.Sprintf(verb, *c.Devices), `"`), verb)
	}
}

// TestPrintedClientMasksTheBaseURLsQuery: a proxy's key in the base URL's
// query, or its userinfo password, never shows when the client prints.
func TestPrintedClientMasksTheBaseURLsQuery(t *testing.T) {
	c, err := shares.NewClient(shares.BearerToken("tok"),
		shares.WithBaseURL("https://ops:pr0xy-pass@gateway.example/bold?key=pr0xy-key"))
	require.NoError(t, err)
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%d"} {
		for _, v := range []any{c, *c, c.Shares, c.Devices} {
			out := fmt.Sprintf(verb, v)
			assert.NotContains(t, out, "pr0xy", verb)
			assert.Contains(t, out, "{BaseURL:https://ops:", verb)
		}
	}
}
