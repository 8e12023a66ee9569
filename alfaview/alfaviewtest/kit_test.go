package alfaviewtest_test

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

	"github.com/grantkit/grantkit-go/alfaview"
	"github.com/grantkit/grantkit-go/alfaview/alfaviewtest"
)

func TestFaultsWithoutFakekit(t *testing.T) {
	clock := alfaviewtest.NewManualClock(time.Date(2030, 3, 14, 13, 0, 0, 0, time.UTC))
	srv := alfaviewtest.NewServer(t, alfaviewtest.InMemory(), alfaviewtest.WithClock(clock))
	c, err := alfaview.NewClient(srv.APIKeyCredentials(), append(srv.Options(), alfaview.WithMaxRetries(0))...)
	require.NoError(t, err)
	call := func() error {
		_, err := c.PermissionGroups.List(t.Context())
		return err
	}

	srv.Inject(alfaviewtest.Fault{Status: http.StatusServiceUnavailable, RetryAfter: "1"})
	err = call()
	var apiErr *alfaview.Error
	require.True(t, errors.As(err, &apiErr), "want a *alfaview.Error, got %v", err)
	assert.Equal(t, http.StatusServiceUnavailable, apiErr.HTTPStatus)

	srv.Inject(alfaviewtest.Fault{Cut: alfaviewtest.CutMidBody})
	require.Error(t, call(), "the body was cut short")

	require.NoError(t, call(), "no faults left")
	var reqs []alfaviewtest.Request = srv.Requests()
	require.NotEmpty(t, reqs)
	assert.Equal(t, clock.Now(), reqs[0].Time, "stamped by the clock given with WithClock")
}
