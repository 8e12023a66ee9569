package sharestest_test

// This file does not import internal/fakekit, as code outside this module
// cannot: it compiles only while the fake's own names (Fault, CutMode,
// Request, InMemory, WithClock, NewManualClock) are enough to start a fake
// and inject faults, as the README promises.

import (
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/shares"
	"github.com/grantkit/grantkit-go/shares/sharestest"
)

func TestFaultsWithoutFakekit(t *testing.T) {
	clock := sharestest.NewManualClock(time.Date(2030, 3, 14, 13, 0, 0, 0, time.UTC))
	srv := sharestest.NewServer(t, sharestest.InMemory(), sharestest.WithClock(clock))
	c, err := shares.NewClient(shares.BearerToken(srv.Token()), shares.WithBaseURL(srv.URL), shares.WithHTTPClient(srv.Client()),
		shares.WithMaxRetries(0))
	require.NoError(t, err)
	call := func() error {
		_, err := c.Shares.List(t.Context(), nil)
		return err
	}

	srv.Inject(sharestest.Fault{Status: http.StatusServiceUnavailable, RetryAfter: "1"})
	err = call()
	var apiErr *shares.Error
	require.True(t, errors.As(err, &apiErr), "want a *shares.Error, got %v", err)
	assert.Equal(t, http.StatusServiceUnavailable, apiErr.StatusCode)

	srv.Inject(sharestest.Fault{Cut: sharestest.CutMidBody})
	require.Error(t, call(), "the body was cut short")

	require.NoError(t, call(), "no faults left")
	var reqs []sharestest.Request = srv.Requests()
	require.NotEmpty(t, reqs)
	assert.Equal(t, clock.Now(), reqs[0].Time, "stamped by the clock given with WithClock")
}
