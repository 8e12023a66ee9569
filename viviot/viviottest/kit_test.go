package viviottest_test

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

	"github.com/grantkit/grantkit-go/viviot"
	"github.com/grantkit/grantkit-go/viviot/viviottest"
)

func TestFaultsWithoutFakekit(t *testing.T) {
	clock := viviottest.NewManualClock(time.Date(2030, 3, 14, 13, 0, 0, 0, time.UTC))
	srv := viviottest.NewServer(t, viviottest.InMemory(), viviottest.WithClock(clock))
	c, err := viviot.NewClient(srv.Credentials(), viviot.WithBaseURL(srv.URL), viviot.WithHTTPClient(srv.Client()),
		viviot.WithMaxRetries(0))
	require.NoError(t, err)
	call := func() error {
		_, err := c.AccessTemplates.List(t.Context(), nil)
		return err
	}

	srv.Inject(viviottest.Fault{Status: http.StatusServiceUnavailable, RetryAfter: "1"})
	err = call()
	var apiErr *viviot.Error
	require.True(t, errors.As(err, &apiErr), "want a *viviot.Error, got %v", err)
	assert.Equal(t, http.StatusServiceUnavailable, apiErr.StatusCode)

	srv.Inject(viviottest.Fault{Cut: viviottest.CutMidBody})
	require.Error(t, call(), "the body was cut short")

	require.NoError(t, call(), "no faults left")
	var reqs []viviottest.Request = srv.Requests()
	require.NotEmpty(t, reqs)
	assert.Equal(t, clock.Now(), reqs[0].Time, "stamped by the clock given with WithClock")
}
