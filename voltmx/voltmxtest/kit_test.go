package voltmxtest_test

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

	"github.com/grantkit/grantkit-go/voltmx"
	"github.com/grantkit/grantkit-go/voltmx/voltmxtest"
)

func TestFaultsWithoutFakekit(t *testing.T) {
	clock := voltmxtest.NewManualClock(time.Date(2030, 3, 14, 13, 0, 0, 0, time.UTC))
	srv := voltmxtest.NewServer(t, voltmxtest.InMemory(), voltmxtest.WithClock(clock))
	c, err := voltmx.NewClient(srv.URL, srv.BasicAuth(), voltmx.WithHTTPClient(srv.Client()), voltmx.WithMaxRetries(0))
	require.NoError(t, err)
	call := func() error {
		_, err := c.Permissions.List(t.Context())
		return err
	}

	srv.Inject(voltmxtest.Fault{Status: http.StatusServiceUnavailable, RetryAfter: "1"})
	err = call()
	var apiErr *voltmx.Error
	require.True(t, errors.As(err, &apiErr), "want a *voltmx.Error, got %v", err)
	assert.Equal(t, http.StatusServiceUnavailable, apiErr.StatusCode)

	srv.Inject(voltmxtest.Fault{Cut: voltmxtest.CutMidBody})
	require.Error(t, call(), "the body was cut short")

	require.NoError(t, call(), "no faults left")
	var reqs []voltmxtest.Request = srv.Requests()
	require.NotEmpty(t, reqs)
	assert.Equal(t, clock.Now(), reqs[0].Time, "stamped by the clock given with WithClock")
}
