package reach360test_test

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

	"github.com/grantkit/grantkit-go/reach360"
	"github.com/grantkit/grantkit-go/reach360/reach360test"
)

func TestFaultsWithoutFakekit(t *testing.T) {
	clock := reach360test.NewManualClock(time.Date(2030, 3, 14, 13, 0, 0, 0, time.UTC))
	srv := reach360test.NewServer(t, reach360test.InMemory(), reach360test.WithClock(clock))
	c, err := reach360.NewClient(srv.APIKey(), reach360.WithBaseURL(srv.URL), reach360.WithHTTPClient(srv.Client()),
		reach360.WithMaxRetries(0))
	require.NoError(t, err)
	call := func() error {
		_, err := c.Groups.Get(t.Context(), reach360test.EveryoneID)
		return err
	}

	srv.Inject(reach360test.Fault{Status: http.StatusServiceUnavailable, RetryAfter: "1"})
	err = call()
	var apiErr *reach360.Error
	require.True(t, errors.As(err, &apiErr), "want a *reach360.Error, got %v", err)
	assert.Equal(t, http.StatusServiceUnavailable, apiErr.StatusCode)

	srv.Inject(reach360test.Fault{Cut: reach360test.CutMidBody})
	require.Error(t, call(), "the body was cut short")

	require.NoError(t, call(), "no faults left")
	var reqs []reach360test.Request = srv.Requests()
	require.NotEmpty(t, reqs)
	assert.Equal(t, clock.Now(), reqs[0].Time, "stamped by the clock given with WithClock")
}
