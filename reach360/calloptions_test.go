package reach360_test

import (
	"context"
	"net/http"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/internal/fakekit"
	"github.com/grantkit/grantkit-go/reach360"
	"github.com/grantkit/grantkit-go/reach360/reach360test"
)

// A per-call header reaches the server and replaces the client's default:
// an API-Version for one call, here one the server does not know.
func TestWithHeaderReachesTheServer(t *testing.T) {
	srv, c := newFake(t)
	ctx := t.Context()
	_, err := c.Groups.Get(ctx, reach360.EveryoneGroupID,
		reach360.WithHeader("API-Version", "2099-01-01"), reach360.WithHeader("X-Correlation-Id", "run-7"))
	assert.ErrorIs(t, err, reach360.ErrInvalidAPIVersion)
	reqs := srv.Requests()
	require.Len(t, reqs, 1)
	assert.Equal(t, []string{"2099-01-01"}, reqs[0].Header.Values("API-Version"), "replaced, not added")
	assert.Equal(t, "run-7", reqs[0].Header.Get("X-Correlation-Id"))

	_, err = c.Groups.Get(ctx, reach360.EveryoneGroupID)
	require.NoError(t, err, "the option was for that call only")
	assert.Equal(t, reach360.DefaultAPIVersion, srv.Requests()[1].Header.Get("API-Version"))
	assert.Empty(t, srv.Requests()[1].Header.Get("X-Correlation-Id"))
}

// The headers that carry credentials or frame the message are refused
// before anything is sent.
func TestWithHeaderRefusesReservedHeaders(t *testing.T) {
	srv, c := newFake(t)
	for _, h := range []string{"Authorization", "authorization", "Cookie", "Proxy-Authorization", "Content-Type", "Host"} {
		_, err := c.Invitations.Create(t.Context(), reach360.InvitationParams{Email: "ada@example.com"},
			reach360.WithHeader(h, "Bearer stolen"))
		assert.ErrorIs(t, err, reach360.ErrInvalidParams, h)
		assert.ErrorContains(t, err, "WithHeader", h)
		assert.ErrorIs(t, firstErr(c.Users.List(t.Context(), nil, reach360.WithHeader(h, "x"))), reach360.ErrInvalidParams, h)
	}
	assert.Equal(t, 0, srv.RequestCount())
}

// WithRequestTimeout bounds each attempt: a server that never answers in
// time ends the call after the timeout, with no retry when none is allowed.
func TestWithRequestTimeoutEndsTheCall(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := reach360test.NewServer(t, fakekit.InMemory())
		c := newClientFor(t, srv)
		srv.SetLatency(time.Hour)
		start := time.Now()
		_, err := c.Users.Get(t.Context(), "u1", reach360.WithRequestTimeout(2*time.Second), reach360.WithRequestMaxRetries(0))
		assert.ErrorIs(t, err, context.DeadlineExceeded)
		assert.Equal(t, 2*time.Second, time.Since(start))
		assert.Equal(t, 1, srv.RequestCount())
	})
}

// WithResponseInto hands back the final answer's status and headers: the
// API-Version the server processed the call with, on success and failure,
// and the last page's for a list.
func TestWithResponseIntoCapturesTheAnswer(t *testing.T) {
	srv, c := newFake(t)
	ctx := t.Context()
	var resp *http.Response
	_, err := c.Groups.Get(ctx, reach360.EveryoneGroupID, reach360.WithResponseInto(&resp))
	require.NoError(t, err)
	require.NotNil(t, resp)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, reach360.DefaultAPIVersion, resp.Header.Get("API-Version"))

	resp = nil
	_, err = c.Users.Get(ctx, "missing", reach360.WithResponseInto(&resp))
	assert.ErrorIs(t, err, reach360.ErrUserNotFound)
	require.NotNil(t, resp)
	assert.Equal(t, http.StatusNotFound, resp.StatusCode)

	for _, who := range []string{"ada", "bob", "cy"} {
		srv.AddInvitation(reach360.InvitationParams{Email: who + "@example.com"})
	}
	resp = nil
	srv.ResetRequests()
	assert.Len(t, collect(t, c.Invitations.List(ctx, &reach360.ListOptions{Limit: 2}, reach360.WithResponseInto(&resp))), 3)
	require.NotNil(t, resp)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, 2, srv.RequestCount())
}

// WithRequestMaxRetries sets how often a read is retried, but never makes
// a create retryable (TestCreateInvitationIsNotReplayed).
func TestWithRequestMaxRetries(t *testing.T) {
	srv, c := newFake(t)
	srv.Inject(fakekit.Fault{Status: http.StatusServiceUnavailable, Times: 2})
	_, err := c.Groups.Get(t.Context(), reach360.EveryoneGroupID, reach360.WithRequestMaxRetries(1))
	var e *reach360.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 2, e.Attempts)

	srv.Inject(fakekit.Fault{Status: http.StatusServiceUnavailable, Times: 2})
	_, err = c.Groups.Get(t.Context(), reach360.EveryoneGroupID, reach360.WithRequestMaxRetries(2))
	require.NoError(t, err)
}
