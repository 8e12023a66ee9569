package shares_test

import (
	"context"
	"net/http"
	"testing"
	"testing/synctest"
	"time"

	"github.com/grantkit/grantkit-go/internal/fakekit"
	"github.com/grantkit/grantkit-go/shares"
	"github.com/grantkit/grantkit-go/shares/sharestest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Each call option, on this package's methods, against the fake.
func TestCallOptions(t *testing.T) {
	t.Run("a header reaches the server, on the call it was given to", func(t *testing.T) {
		f := newFixture(t)
		ctx := context.Background()
		_, err := f.c.Shares.List(ctx, nil, shares.WithHeader("X-Request-Id", "run-7"))
		require.NoError(t, err)
		require.NoError(t, f.c.Devices.RemoteActivate(ctx, f.lock.ID, shares.WithHeader("X-Request-Id", "run-8")))
		_, err = f.c.Shares.List(ctx, nil)
		require.NoError(t, err)
		reqs := f.srv.Requests()
		require.Len(t, reqs, 3)
		assert.Equal(t, "run-7", reqs[0].Header.Get("X-Request-Id"))
		assert.Equal(t, "run-8", reqs[1].Header.Get("X-Request-Id"))
		assert.Empty(t, reqs[2].Header.Get("X-Request-Id"))
	})

	t.Run("credential headers are refused before anything is sent", func(t *testing.T) {
		f := newOAuthFixture(t, nil)
		for _, h := range []string{"Authorization", "authorization", "Cookie", "Proxy-Authorization"} {
			_, err := f.c.Shares.List(context.Background(), nil, shares.WithHeader(h, "Bearer mine"))
			require.ErrorIs(t, err, shares.ErrInvalidParams, h)
			assert.Contains(t, err.Error(), "WithHeader")
			assert.ErrorIs(t, f.c.Devices.RemoteActivate(context.Background(), 1, shares.WithHeader(h, "x")), shares.ErrInvalidParams)
		}
		assert.Zero(t, f.srv.RequestCount(), "not even the token refresh")
	})

	t.Run("a timeout ends a call", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			srv := sharestest.NewServer(t, fakekit.InMemory())
			c := newClient(t, srv, shares.BearerToken(srv.Token()), shares.WithMaxRetries(0))
			srv.Inject(fakekit.Fault{Latency: time.Minute})
			start := time.Now()
			_, err := c.Shares.List(context.Background(), nil, shares.WithRequestTimeout(3*time.Second))
			require.ErrorIs(t, err, context.DeadlineExceeded)
			assert.Equal(t, 3*time.Second, time.Since(start))
		})
	})

	t.Run("the response is captured", func(t *testing.T) {
		f := newFixture(t)
		var resp *http.Response
		_, err := f.c.Shares.Create(context.Background(), f.weekdays(), shares.WithResponseInto(&resp))
		require.NoError(t, err)
		require.NotNil(t, resp)
		assert.Equal(t, http.StatusOK, resp.StatusCode)
		assert.Contains(t, resp.Header.Get("Content-Type"), "application/json")

		resp = nil
		_, err = f.c.Shares.Get(context.Background(), 99, shares.WithResponseInto(&resp))
		require.ErrorIs(t, err, shares.ErrShareNotFound)
		require.NotNil(t, resp, "a failed answer is captured too")
		assert.Equal(t, http.StatusNotFound, resp.StatusCode)
	})

	t.Run("the retry count is the call's, never a create's replay", func(t *testing.T) {
		f := newFixture(t)
		ctx := context.Background()
		f.srv.Inject(fakekit.Fault{Status: http.StatusServiceUnavailable, Times: 2})
		_, err := f.c.Shares.List(ctx, nil, shares.WithRequestMaxRetries(0))
		require.Error(t, err)
		assert.Equal(t, 1, f.srv.RequestCount(), "no retry")
		_, err = f.c.Shares.List(ctx, nil, shares.WithRequestMaxRetries(2))
		require.NoError(t, err)
		assert.Equal(t, 3, f.srv.RequestCount(), "the second 503, then the answer")

		f.srv.Inject(fakekit.Fault{Status: http.StatusServiceUnavailable})
		_, err = f.c.Shares.Create(ctx, f.weekdays(), shares.WithRequestMaxRetries(5))
		require.Error(t, err)
		assert.Equal(t, 1, apiRequests(f.srv, "POST", "/v2/shares"), "a create is not replayed after a 503")
	})
}
