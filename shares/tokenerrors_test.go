package shares_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/url"
	"strings"
	"testing"

	"github.com/grantkit/grantkit-go/internal/fakekit"
	"github.com/grantkit/grantkit-go/shares"
	"github.com/grantkit/grantkit-go/shares/sharestest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The reference's POST /v2/oauth/token page answers a refused grant in
// Bold's own {message, code, errorMessage, errorCode} shape, not RFC 6749's.
// A rejected refresh must be ErrInvalidGrant whichever shape it takes.
func TestTokenEndpointFailuresInBoldsShapeAreOAuthFailures(t *testing.T) {
	tests := []struct {
		name   string
		status int
		body   string
		is     []error
		isNot  []error
	}{
		{name: "Bold's invalid input", status: 400, body: invalidInputBody,
			is: []error{shares.ErrInvalidGrant}, isNot: []error{shares.ErrInvalidInput, shares.ErrShareNotFound}},
		{name: "Bold's shape with another code", status: 400,
			body: `{"message": "Refresh token expired", "code": "refreshTokenExpired", "errorMessage": "Refresh token expired", "errorCode": "refreshTokenExpired"}`,
			is:   []error{shares.ErrInvalidGrant}, isNot: []error{shares.ErrInvalidInput}},
		{name: "Bold's shape, only the error pair", status: 400, body: `{"errorMessage": "Invalid refresh token"}`,
			is: []error{shares.ErrInvalidGrant}},
		{name: "RFC 6749 invalid_grant", status: 400,
			body: `{"error": "invalid_grant", "error_description": "The refresh token is invalid"}`,
			is:   []error{shares.ErrInvalidGrant}, isNot: []error{shares.ErrInvalidInput}},
		// The reference's own token example: an old app, not a bad grant.
		{name: "the reference's OldAppVersion", status: 400,
			body: `{ "message": "This functionality is not supported. Please update the app to the latest version.", "code": "OldAppVersion", "errorMessage": "This functionality is not supported. Please update the app to the latest version.", "errorCode": "OldAppVersion" }`,
			is:   []error{shares.ErrOldAppVersion}, isNot: []error{shares.ErrInvalidGrant, shares.ErrInvalidInput}},
		{name: "RFC 6749 invalid_request", status: 400, body: `{"error": "invalid_request"}`,
			isNot: []error{shares.ErrInvalidGrant}},
		{name: "Bold's shape, bad client", status: 401, body: `{"message": "Invalid client", "code": "invalidClient"}`,
			is: []error{shares.ErrUnauthorized}, isNot: []error{shares.ErrInvalidGrant}},
		{name: "an HTML 400 from a proxy", status: 400, body: `<html>Bad Request</html>`,
			is: []error{shares.ErrInvalidGrant}, isNot: []error{shares.ErrInvalidInput}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := sharestest.NewServer(t)
			rt := srv.AddRefreshToken()
			srv.Inject(fakekit.Fault{Match: isTokenRequest, Status: tt.status, Body: tt.body})
			c := newClient(t, srv, &shares.OAuth2{ClientID: sharestest.ClientID, ClientSecret: sharestest.ClientSecret, RefreshToken: rt})
			_, err := c.Shares.List(context.Background(), nil)
			require.Error(t, err)
			for _, s := range tt.is {
				assert.ErrorIs(t, err, s)
			}
			for _, s := range tt.isNot {
				assert.NotErrorIs(t, err, s)
			}
			var e *shares.Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, tt.status, e.StatusCode)
			assert.Equal(t, "oauth.token", e.Op)
			assert.Equal(t, 1, strings.Count(err.Error(), "shares:"), "the vendor is named once: %s", err)
			assert.Zero(t, apiRequests(srv, "GET", "/v2/shares"), "no API call without a token")
		})
	}
}

// The same codes on an API endpoint keep their API meaning: the token
// endpoint's table is chosen by the endpoint, not the body.
func TestAPIEndpointErrorsKeepTheirMeaning(t *testing.T) {
	srv := sharestest.NewServer(t)
	srv.Inject(fakekit.Fault{Status: 400, Body: invalidInputBody})
	c := newClient(t, srv, shares.BearerToken(srv.Token()))
	_, err := c.Shares.List(context.Background(), nil)
	assert.ErrorIs(t, err, shares.ErrInvalidInput)
	assert.NotErrorIs(t, err, shares.ErrInvalidGrant)
}

// A rejected refresh reads as one error of the vendor: errors.As reaches
// the token endpoint's *Error with its status, and the text names the
// vendor once.
func TestRejectedRefreshNamesTheVendorOnce(t *testing.T) {
	srv := sharestest.NewServer(t)
	c := newClient(t, srv, &shares.OAuth2{ClientID: sharestest.ClientID, ClientSecret: sharestest.ClientSecret,
		RefreshToken: "0b7c5a6e-3f7d-4f43-9d6c-6b1d1c3a9e21"})
	_, err := c.Shares.List(context.Background(), nil)
	var e *shares.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 400, e.StatusCode)
	assert.Equal(t, "shares: shares.list: authenticate: oauth.token (POST /v2/oauth/token): "+
		"400 invalid_grant: The refresh token is invalid, expired or already used", err.Error())
}

// expires_in of 10^10 seconds (317 years) overflows time.Duration's
// nanoseconds: multiplied naively it wraps to an expiry in the past, and
// every call would spend a refresh token.
func TestExpiresInPastADurationClamps(t *testing.T) {
	for _, expiresIn := range []string{`10000000000`, `"10000000000"`, `99999999999999999999999`} {
		t.Run(expiresIn, func(t *testing.T) {
			srv := sharestest.NewServer(t)
			rt := srv.AddRefreshToken()
			srv.Inject(fakekit.Fault{Match: isTokenRequest, Status: 200,
				Body: `{"access_token":"` + string(srv.Token()) + `","refresh_token":"r2","token_type":"Bearer","expires_in":` + expiresIn + `}`})
			rec := &refreshes{}
			c := newClient(t, srv, &shares.OAuth2{ClientID: sharestest.ClientID, ClientSecret: sharestest.ClientSecret,
				RefreshToken: rt, OnRefresh: rec.onRefresh})
			for range 3 {
				_, err := c.Shares.List(context.Background(), nil)
				require.NoError(t, err)
			}
			assert.Len(t, rec.all(), 1, "one refresh serves every call")
			assert.Equal(t, 3, apiRequests(srv, "GET", "/v2/shares"))
			require.Len(t, rec.all(), 1)
			assert.Greater(t, rec.all()[0].Expiry.Year(), 2200, "the expiry is far in the future")
		})
	}
}

// A token endpoint (or a proxy before it) that quotes the form back puts
// the refresh token and client secret in its answer, form-encoded. The
// refresh request declares them, so the engine masks them in every form.
func TestTokenRequestSecretsAreMaskedInEchoes(t *testing.T) {
	srv := sharestest.NewServer(t)
	const secret = "s3cr+t/with=chars"
	rt := srv.AddRefreshToken()
	form := url.Values{"client_id": {sharestest.ClientID}, "client_secret": {secret}, "grant_type": {"refresh_token"},
		"refresh_token": {rt}}.Encode()
	srv.Inject(fakekit.Fault{Match: isTokenRequest, Status: 400, ContentType: "text/plain", Body: "rejected: " + form})
	c := newClient(t, srv, &shares.OAuth2{ClientID: sharestest.ClientID, ClientSecret: secret, RefreshToken: rt})
	_, err := c.Shares.List(context.Background(), nil)
	require.ErrorIs(t, err, shares.ErrInvalidGrant)
	for _, s := range []string{secret, url.QueryEscape(secret), rt} {
		assert.NotContains(t, err.Error(), s)
	}
	assert.Contains(t, err.Error(), "client_secret=[REDACTED]")
}

// Credential types marshal redacted; Token, made to be stored, does not.
func TestCredentialsMarshalRedacted(t *testing.T) {
	const tok, secret, refresh = "bearer-secret-value", "client-secret-value", "refresh-secret-value"
	b, err := json.Marshal(shares.BearerToken(tok))
	require.NoError(t, err)
	assert.Equal(t, `"[REDACTED]"`, string(b))

	o := &shares.OAuth2{ClientID: "app", ClientSecret: secret, RefreshToken: refresh,
		Token:     &shares.Token{AccessToken: "saved-access-value", RefreshToken: refresh, TokenType: "Bearer", AccountID: 7},
		OnRefresh: func(context.Context, shares.Token) error { return nil }}
	b, err = json.Marshal(struct {
		Auth   shares.Auth
		Bearer shares.BearerToken
	}{o, shares.BearerToken(tok)})
	require.NoError(t, err, "a set OnRefresh does not make the struct unmarshalable")
	assert.JSONEq(t, `{"Auth": {"ClientID": "app", "ClientSecret": "[REDACTED]", "RefreshToken": "[REDACTED]",
		"Token": {"AccessToken": "[REDACTED]", "RefreshToken": "[REDACTED]", "TokenType": "Bearer", "Expiry": "0001-01-01T00:00:00Z", "AccountID": 7}},
		"Bearer": "[REDACTED]"}`, string(b))
	for _, s := range []string{tok, secret, refresh, "saved-access-value"} {
		assert.NotContains(t, string(b), s)
	}
	b, err = json.Marshal(shares.BearerToken(""))
	require.NoError(t, err)
	assert.Equal(t, `""`, string(b), "an empty token still shows it is unset")

	b, err = json.Marshal(shares.Token{AccessToken: "a-tok", RefreshToken: "r-tok", AccountID: 7})
	require.NoError(t, err)
	var back shares.Token
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, "r-tok", back.RefreshToken, "a Token round-trips through storage")
	assert.Equal(t, "a-tok", back.AccessToken)
}

// ErrShareNotFound and the common ErrNotFound name the same answers.
func TestShareNotFoundIsAlsoNotFound(t *testing.T) {
	f := newFixture(t)
	_, err := f.c.Shares.Get(context.Background(), 999)
	assert.ErrorIs(t, err, shares.ErrShareNotFound)
	assert.ErrorIs(t, err, shares.ErrNotFound)
	assert.True(t, errors.Is(err, shares.ErrNotFound))
}
