package transport_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/internal/auth"
	"github.com/grantkit/grantkit-go/internal/transport"
	"github.com/grantkit/grantkit-go/internal/validate"
)

var errTestInvalid = errors.New("testvendor: invalid params")

func TestWithHeaderReachesServerAndReplacesDefault(t *testing.T) {
	mt := newMock(t)
	rec := script(mt, http.MethodGet, baseURL+"/things/1", ok(`{"id":"1"}`))
	tc := newClientConfig(t, mt, transport.Config{Header: http.Header{"Api-Version": {"2023-04-04"}}})
	_, err := tc.Do(context.Background(), &transport.Request{Op: opGet, Path: []string{"things", "1"}}, &thing{},
		transport.WithHeader("api-version", "2025-01-01"), transport.WithHeader("X-Correlation-Id", "c-1"),
		transport.WithHeader("X-Correlation-Id", "c-2"))
	require.NoError(t, err)
	h := rec.requests()[0].header
	assert.Equal(t, []string{"2025-01-01"}, h.Values("Api-Version"), "the per-call value replaces the default")
	assert.Equal(t, []string{"c-1", "c-2"}, h.Values("X-Correlation-Id"))

	// The next call without the option goes back to the default.
	_, err = tc.Do(context.Background(), &transport.Request{Op: opGet, Path: []string{"things", "1"}}, &thing{})
	require.NoError(t, err)
	assert.Equal(t, "2023-04-04", rec.requests()[1].header.Get("Api-Version"))
	assert.Empty(t, rec.requests()[1].header.Get("X-Correlation-Id"))
}

func TestWithHeaderRefusesCredentialAndFramingHeaders(t *testing.T) {
	mt := newMock(t) // any request fails the test
	tc := newClientConfig(t, mt, transport.Config{
		Auth:              auth.Header("AccessToken", "tok"),
		CredentialHeaders: []string{"accesstoken", "X-VoltMX-Authorization"},
		ErrInvalidParams:  errTestInvalid,
	})
	for _, key := range []string{"Authorization", "authorization", "Proxy-Authorization", "Cookie", "Host",
		"Content-Length", "Content-Type", "Transfer-Encoding", "Connection", "AccessToken", "x-voltmx-authorization",
		"Bad Name", "", "X-Ok\n"} {
		t.Run(key, func(t *testing.T) {
			_, err := tc.Do(context.Background(), &transport.Request{Op: opGet, Path: []string{"x"}}, nil,
				transport.WithHeader(key, "v"))
			require.Error(t, err)
			assert.ErrorIs(t, err, errTestInvalid)
			assert.Contains(t, err.Error(), "things.get", "the error names the operation")
			var ve *validate.Error
			require.ErrorAs(t, err, &ve)
			assert.Equal(t, "WithHeader", ve.Field(), "the option is the field")
		})
	}
	_, err := tc.Do(context.Background(), &transport.Request{Op: opGet, Path: []string{"x"}}, nil,
		transport.WithHeader("X-Trace", "a\r\nInjected: yes"))
	assert.ErrorIs(t, err, errTestInvalid, "a value with CR/LF is refused")
}

func TestWithRequestTimeoutBoundsEachAttempt(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		mt := newMock(t)
		mt.RegisterResponder(http.MethodGet, baseURL+"/slow", httpmockDelay(10*time.Second))
		tc := newClient(t, mt, transport.WithMaxRetries[cfg](0))
		start := time.Now()
		_, err := tc.Do(context.Background(), &transport.Request{Op: opGet, Path: []string{"slow"}}, nil,
			transport.WithRequestTimeout(2*time.Second))
		require.Error(t, err)
		assert.ErrorIs(t, err, context.DeadlineExceeded)
		assert.Equal(t, 2*time.Second, time.Since(start), "the per-call timeout, not the client's 30s")

		// Without the option the client's own timeout (30s) lets it finish.
		start = time.Now()
		_, err = tc.Do(context.Background(), &transport.Request{Op: opGet, Path: []string{"slow"}}, nil)
		require.NoError(t, err)
		assert.Equal(t, 10*time.Second, time.Since(start))

		// d <= 0 removes the bound even when the client has a short one.
		short := newClient(t, mt, transport.WithTimeout[cfg](time.Second), transport.WithMaxRetries[cfg](0))
		_, err = short.Do(context.Background(), &transport.Request{Op: opGet, Path: []string{"slow"}}, nil,
			transport.WithRequestTimeout(0))
		require.NoError(t, err)
	})
}

func TestWithRequestMaxRetries(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		mt := newMock(t)
		rec := script(mt, http.MethodGet, baseURL+"/busy", status(http.StatusServiceUnavailable))
		tc := newClient(t, mt)
		_, err := tc.Do(context.Background(), &transport.Request{Op: opGet, Path: []string{"busy"}}, nil,
			transport.WithRequestMaxRetries(0))
		require.Error(t, err)
		assert.Equal(t, 1, rec.count(), "0 retries: one attempt")

		_, err = tc.Do(context.Background(), &transport.Request{Op: opGet, Path: []string{"busy"}}, nil,
			transport.WithRequestMaxRetries(5))
		require.Error(t, err)
		assert.Equal(t, 1+6, rec.count(), "5 retries: six attempts")
		assert.Equal(t, 6, asAPIError(t, err).Attempts)

		// A create stays unreplayed after a 503: the option sets the count,
		// not which failures are retried.
		crec := script(mt, http.MethodPost, baseURL+"/things", status(http.StatusServiceUnavailable))
		_, err = tc.Do(context.Background(), &transport.Request{Op: opCreate, Path: []string{"things"}, Body: thing{Name: "n"}}, nil,
			transport.WithRequestMaxRetries(5))
		require.Error(t, err)
		assert.Equal(t, 1, crec.count())
	})
	tc := newClientConfig(t, newMock(t), transport.Config{ErrInvalidParams: errTestInvalid})
	_, err := tc.Do(context.Background(), &transport.Request{Op: opGet, Path: []string{"x"}}, nil, transport.WithRequestMaxRetries(-1))
	assert.ErrorIs(t, err, errTestInvalid)
}

func TestWithResponseInto(t *testing.T) {
	mt := newMock(t)
	script(mt, http.MethodGet, baseURL+"/things/1",
		withHeader(ok(`{"id":"1"}`), "X-Request-Id", "req-9"))
	script(mt, http.MethodGet, baseURL+"/things/2",
		withHeader(reply{status: http.StatusNotFound, body: `{"code":"nope"}`}, "X-Request-Id", "req-10"))
	tc := newClient(t, mt)

	var resp *http.Response
	_, err := tc.Do(context.Background(), &transport.Request{Op: opGet, Path: []string{"things", "1"}}, &thing{},
		transport.WithResponseInto(&resp))
	require.NoError(t, err)
	require.NotNil(t, resp)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "req-9", resp.Header.Get("X-Request-Id"))
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	assert.Empty(t, b, "the body was already read")

	resp = nil
	_, err = tc.Do(context.Background(), &transport.Request{Op: opGet, Path: []string{"things", "2"}}, &thing{},
		transport.WithResponseInto(&resp))
	require.Error(t, err)
	require.NotNil(t, resp, "a failed answer is captured too")
	assert.Equal(t, http.StatusNotFound, resp.StatusCode)
	assert.Equal(t, "req-10", resp.Header.Get("X-Request-Id"))

	resp = nil
	mt.RegisterResponder(http.MethodGet, baseURL+"/gone", func(*http.Request) (*http.Response, error) { return nil, dialRefused() })
	_, err = tc.Do(context.Background(), &transport.Request{Op: opGet, Path: []string{"gone"}}, nil,
		transport.WithResponseInto(&resp), transport.WithRequestMaxRetries(0))
	require.Error(t, err)
	assert.Nil(t, resp, "no answer, nothing captured")

	tc = newClientConfig(t, newMock(t), transport.Config{ErrInvalidParams: errTestInvalid})
	_, err = tc.Do(context.Background(), &transport.Request{Op: opGet, Path: []string{"x"}}, nil, transport.WithResponseInto(nil))
	assert.ErrorIs(t, err, errTestInvalid)
}

func TestFailedAnswerEchoingCredentialsIsMasked(t *testing.T) {
	const key = "k3y-Sup3r/Secret+1"
	mt := newMock(t)
	script(mt, http.MethodGet, baseURL+"/echo",
		reply{status: http.StatusUnauthorized, body: `{"code":"bad","message":"header was Bearer ` + key + `"}`})
	script(mt, http.MethodPost, baseURL+"/login",
		reply{status: http.StatusBadRequest, body: "bad request: user=u&password=p%40ss%2Fw0rd&x=" + `{"password":"p@ss/w0rd"}`})
	script(mt, http.MethodPost, baseURL+"/ok-echo", ok(`{"error":"you sent `+key+`"}`))
	tc := newClientConfig(t, mt, transport.Config{Auth: auth.Bearer(key)})

	_, err := tc.Do(context.Background(), &transport.Request{Op: opGet, Path: []string{"echo"}}, nil)
	require.Error(t, err)
	assert.NotContains(t, err.Error(), key)
	assert.NotContains(t, asAPIError(t, err).Message, key, "the field the caller reads is masked too")
	assert.Contains(t, err.Error(), "[REDACTED]")

	_, err = tc.Do(context.Background(), &transport.Request{Op: opSearch, Path: []string{"ok-echo"}, Body: struct{}{}}, nil)
	require.Error(t, err)
	assert.NotContains(t, err.Error(), key, "a 2xx that reports a failure is masked before its error is built")

	_, err = tc.Do(context.Background(), &transport.Request{Op: opCreate, Path: []string{"login"}, NoAuth: true,
		Form: map[string][]string{"user": {"u"}, "password": {"p@ss/w0rd"}}, Secrets: []string{"p@ss/w0rd"}}, nil)
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "p@ss/w0rd")
	assert.NotContains(t, err.Error(), "p%40ss%2Fw0rd", "the form-encoded echo is masked")
}

// A secret that contains another (a refresh token built around the access
// token, say) is masked whole, whatever order the request lists them in.
func TestNestedSecretsAreMaskedWhole(t *testing.T) {
	const inner, outer = "Sup3rSecret1", "rt.Sup3rSecret1.tail-of-the-refresh-token"
	mt := newMock(t)
	script(mt, http.MethodPost, baseURL+"/token", reply{status: http.StatusBadRequest, body: `{"code":"bad","message":"refresh token ` + outer + ` is spent"}`})
	tc := newClientConfig(t, mt, transport.Config{Auth: auth.Bearer(inner)})
	_, err := tc.Do(context.Background(), &transport.Request{Op: opCreate, Path: []string{"token"},
		Form: map[string][]string{"refresh_token": {outer}}, Secrets: []string{outer}}, nil)
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "tail-of-the-refresh-token")
	assert.Contains(t, err.Error(), "refresh token [REDACTED] is spent")
}

func TestNullBodyIsNotAnEmptyResult(t *testing.T) {
	mt := newMock(t)
	script(mt, http.MethodGet, baseURL+"/things/1", ok(" null\n"))
	tc := newClient(t, mt)
	var th thing
	_, err := tc.Do(context.Background(), &transport.Request{Op: opGet, Path: []string{"things", "1"}}, &th)
	require.Error(t, err)
	assert.ErrorIs(t, err, transport.ErrEmptyResponse)
	_, err = tc.Do(context.Background(), &transport.Request{Op: opGet, Path: []string{"things", "1"}}, nil)
	assert.NoError(t, err, "a caller that wants no result does not care")
	list := []thing{{}}
	_, err = tc.Do(context.Background(), &transport.Request{Op: opGet, Path: []string{"things", "1"}}, &list)
	assert.NoError(t, err, "a null list is the empty list")
	assert.Nil(t, list)
}

func TestCommonSentinelsMatchByStatus(t *testing.T) {
	own := errors.New("vendor: own")
	s := transport.Sentinels{ByStatus: map[int]error{http.StatusNotFound: own}}
	for status, want := range map[int]error{
		401: transport.ErrUnauthorized, 403: transport.ErrForbidden, 404: transport.ErrNotFound,
		409: transport.ErrConflict, 429: transport.ErrRateLimited,
	} {
		assert.True(t, s.Match("", status, want), "status %d", status)
		assert.Equal(t, want, transport.StatusSentinel(status))
	}
	assert.True(t, s.Match("", 404, own), "the vendor's own sentinel still matches")
	assert.False(t, s.Match("", 400, transport.ErrNotFound))
	assert.False(t, s.Match("", 404, transport.ErrUnauthorized))
	assert.Nil(t, transport.StatusSentinel(400))
}

func TestCleanKeepsServerTextFromForgingLines(t *testing.T) {
	for in, want := range map[string]string{
		"plain":                       "plain",
		"two\nlines\r\nhere\ttab":     "two lines  here tab",
		"\x1b[31mred\x1b[0m":          "[31mred[0m",
		"nul\x00byte\x7f":             "nulbyte",
		"c1\u0085next":                "c1next",
		"bidi\u202eevil\u2066x\u2069": "bidievilx",
		"bad\xffutf8":                 "badutf8",
		"ünïcödé ok":                  "ünïcödé ok",
	} {
		assert.Equal(t, want, transport.Clean(in), "%q", in)
	}
	text := transport.APIErrorText{Vendor: "v", Op: "op", Status: 400, Code: "c\x1b]0;x\x07", Message: "m\nFAKE LOG LINE", RequestID: "r\x00"}.String()
	assert.NotContains(t, text, "\n")
	assert.NotContains(t, text, "\x1b")
	assert.NotContains(t, text, "\x00")
}

func TestAuthFailureNamesVendorOnce(t *testing.T) {
	login := &apiError{Status: 400, Code: "invalid_grant", Op: "oauth.token", Method: "POST", Path: "/token"}
	e := &transport.RequestError{Vendor: vendor, Op: "things.list", Method: "GET", Err: &transport.AuthError{Err: login}}
	assert.Equal(t, "testvendor: things.list: authenticate: oauth.token (POST /token): 400 invalid_grant", e.Error())
	var ae *apiError
	require.ErrorAs(t, e, &ae)
	assert.Equal(t, 400, ae.Status)
}
