package voltmx_test

import (
	"context"
	"net/http"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/internal/fakekit"
	"github.com/grantkit/grantkit-go/voltmx"
	"github.com/grantkit/grantkit-go/voltmx/voltmxtest"
)

func TestWithHeaderReachesTheServer(t *testing.T) {
	srv := voltmxtest.NewServer(t)
	c := newClientFor(t, srv, srv.ClaimsLogin())
	seedGroups(srv, 5)
	ctx := t.Context()
	trace := voltmx.WithHeader("X-Request-Id", "trace-42")

	_, err := c.Groups.Get(ctx, 1, trace)
	require.NoError(t, err)
	for _, err := range c.Groups.List(ctx, &voltmx.ListOptions{PageSize: 2}, trace) {
		require.NoError(t, err)
	}
	_, err = c.Permissions.List(ctx, trace)
	require.NoError(t, err)
	_, err = c.Users.Create(ctx, &voltmx.CreateUserParams{UserName: "u", Email: "u@example.com", Password: "pw",
		DisplayName: "U", PermissionIDs: []int64{1}}, trace)
	require.NoError(t, err)

	api := 0
	for _, r := range srv.Requests() {
		if r.Path == voltmxtest.LoginPath {
			assert.Empty(t, r.Header.Get("X-Request-Id"), "call options are the API call's, not the login's")
			continue
		}
		api++
		assert.Equal(t, "trace-42", r.Header.Get("X-Request-Id"), "%s %s", r.Method, r.Path)
	}
	assert.Equal(t, 1+3+1+1, api, "get, three group pages, the catalogue, the create")
}

func TestWithRequestTimeoutEndsACall(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := voltmxtest.NewServer(t, voltmxtest.InMemory())
		c := newClientFor(t, srv, srv.BasicAuth())
		srv.SetLatency(10 * time.Second)
		start := time.Now()
		_, err := c.Permissions.List(t.Context(), voltmx.WithRequestTimeout(2*time.Second), voltmx.WithRequestMaxRetries(0))
		require.ErrorIs(t, err, context.DeadlineExceeded)
		assert.Equal(t, 2*time.Second, time.Since(start), "the per-call bound, not the client's 30s")

		start = time.Now()
		for _, err := range c.Users.List(t.Context(), nil, voltmx.WithRequestTimeout(time.Second), voltmx.WithRequestMaxRetries(0)) {
			require.ErrorIs(t, err, context.DeadlineExceeded)
		}
		assert.Equal(t, time.Second, time.Since(start), "a list's pages are bound too")
	})
}

func TestWithResponseIntoCapturesTheAnswer(t *testing.T) {
	srv, c := newFake(t)
	ctx := t.Context()
	var resp *http.Response
	_, err := c.Permissions.List(ctx, voltmx.WithResponseInto(&resp))
	require.NoError(t, err)
	require.NotNil(t, resp)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "application/json; charset=utf-8", resp.Header.Get("Content-Type"))
	assert.Equal(t, http.NoBody, resp.Body)

	resp = nil
	err = c.Groups.Delete(ctx, 99, voltmx.WithResponseInto(&resp))
	require.ErrorIs(t, err, voltmx.ErrGroupNotFound)
	require.NotNil(t, resp, "a failed call's answer is captured too")
	assert.Equal(t, http.StatusBadRequest, resp.StatusCode)

	seedGroups(srv, 3)
	resp = nil
	for _, err := range c.Groups.List(ctx, &voltmx.ListOptions{PageSize: 2}, voltmx.WithResponseInto(&resp)) {
		require.NoError(t, err)
	}
	require.NotNil(t, resp)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
}

// No call option stands in for the credentials of any of the three auth
// modes, the header named by WithAuthHeaderName included.
func TestWithHeaderRefusesCredentialHeaders(t *testing.T) {
	srv := voltmxtest.NewServer(t)
	c := newClientFor(t, srv, srv.ClaimsLogin(), voltmx.WithAuthHeaderName("X-Custom-Auth"))
	for _, h := range []string{"Authorization", "Cookie", "AccessToken", "accesssecret", "X-VoltMX-Authorization",
		"X-Kony-Authorization", "x-custom-auth"} {
		_, err := c.Groups.Get(t.Context(), 1, voltmx.WithHeader(h, "stolen"))
		require.ErrorIs(t, err, voltmx.ErrInvalidParams, h)
		assert.ErrorContains(t, err, "WithHeader", h)
	}
	assert.Zero(t, srv.RequestCount(), "refused before any login or request")
}

// WithRequestMaxRetries sets how many retries a call may make, never which
// failures are retried: a create that may have reached the server is not
// sent again.
func TestWithRequestMaxRetriesKeepsCreatesSafe(t *testing.T) {
	srv, c := newFake(t)
	srv.Inject(fakekit.Fault{Status: http.StatusServiceUnavailable, Apply: true})
	_, err := c.Groups.Create(t.Context(), validGroup("once"), voltmx.WithRequestMaxRetries(5))
	var e *voltmx.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 1, e.Attempts)
	assert.Equal(t, 1, srv.AppliedCount(voltmxtest.OpGroupsCreate))

	srv.ResetRequests()
	srv.Inject(fakekit.Fault{Status: http.StatusServiceUnavailable, Times: 2})
	_, err = c.Groups.Get(t.Context(), 1, voltmx.WithRequestMaxRetries(1))
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 2, e.Attempts, "a read: one retry, as asked")
}
