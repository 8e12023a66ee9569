package shares_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/grantkit/grantkit-go/internal/fakekit"
	"github.com/grantkit/grantkit-go/shares"
	"github.com/grantkit/grantkit-go/shares/sharestest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The answers of apidoc.boldsmartlock.com/POST_v1_devices_x_remote-activation.html:
// the schema filled in, and the example's firmware 400. A 200 only says the
// server took the call; errorCode says whether the lock activated.
func TestRemoteActivateAgainstTheReference(t *testing.T) {
	tests := []struct {
		name   string
		status int
		body   string
		is     []error
		isNot  []error
		code   string
	}{
		{name: "activated", status: 200, body: `{"deviceId": 14, "errorCode": "OK", "errorMessage": "OK", "activationTime": 30}`},
		{name: "server ok, lock not", status: 200,
			body: `{"deviceId": 14, "errorCode": "gatewayNotFoundError", "errorMessage": "Gateway not reachable", "activationTime": 0}`,
			is:   []error{shares.ErrActivationFailed}, isNot: []error{shares.ErrInvalidInput, shares.ErrNotFound}, code: "gatewayNotFoundError"},
		{name: "firmware outdated", status: 400, body: firmwareBody,
			is: []error{shares.ErrDeviceFirmwareOutdated}, isNot: []error{shares.ErrActivationFailed}, code: "DeviceFirmwareOutdated"},
		{name: "no such device or gateway", status: 404, body: `{"message": "Device/Gateway not found"}`,
			is: []error{shares.ErrNotFound}, isNot: []error{shares.ErrActivationFailed}},
		{name: "insufficient rights", status: 403, body: `{"message": "Insufficient rights"}`, is: []error{shares.ErrForbidden}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, seen := mockV1(t, tt.status, tt.body)
			err := c.Devices.RemoteActivate(context.Background(), 14)
			require.Len(t, *seen, 1)
			r := (*seen)[0]
			assert.Equal(t, "POST", r.method)
			assert.Equal(t, "/v1/devices/14/remote-activation", r.path)
			assert.Empty(t, r.body, "the reference's request has no body")
			assert.Equal(t, "Bearer tok", r.header.Get("Authorization"))
			if tt.is == nil && tt.isNot == nil {
				require.NoError(t, err)
				return
			}
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
			assert.Equal(t, tt.code, e.Code)
			assert.Equal(t, "devices.remoteActivate", e.Op)
		})
	}
}

// mockV1 is mockAPI for the v1 device endpoints.
func mockV1(t *testing.T, status int, body string) (*shares.Client, *[]captured) {
	t.Helper()
	return mockPaths(t, `/v1/`, shares.BearerToken("tok"), status, body)
}

func TestRemoteActivateAgainstTheFake(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	require.NoError(t, f.c.Devices.RemoteActivate(ctx, f.lock.ID))
	assert.Equal(t, 1, f.srv.AppliedCount(sharestest.OpDevicesRemoteActivate))

	err := f.c.Devices.RemoteActivate(ctx, 999)
	assert.ErrorIs(t, err, shares.ErrNotFound)

	// The activate scope is needed.
	ro := newClient(t, f.srv, shares.BearerToken(f.srv.AddToken(sharestest.ScopeRead, sharestest.ScopeManage)))
	assert.ErrorIs(t, ro.Devices.RemoteActivate(ctx, f.lock.ID), shares.ErrForbidden)
	assert.Equal(t, 1, f.srv.AppliedCount(sharestest.OpDevicesRemoteActivate))
}

// Opening a door twice is not what the caller asked for: once the request
// may have reached the API it is not replayed.
func TestRemoteActivateIsNotReplayed(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.srv.Inject(fakekit.Fault{Cut: fakekit.CutBeforeResponse, Apply: true})
	require.Error(t, f.c.Devices.RemoteActivate(ctx, f.lock.ID))
	assert.Equal(t, 1, apiRequests(f.srv, "POST", "/v1/devices/1/remote-activation"))
	assert.Equal(t, 1, f.srv.AppliedCount(sharestest.OpDevicesRemoteActivate))

	f.srv.Inject(fakekit.Fault{Status: http.StatusServiceUnavailable})
	require.Error(t, f.c.Devices.RemoteActivate(ctx, f.lock.ID))
	assert.Equal(t, 2, apiRequests(f.srv, "POST", "/v1/devices/1/remote-activation"), "a 503 may come after the door opened")

	// A 429 says the server did not act: that one is retried.
	f.srv.Inject(fakekit.Fault{Status: http.StatusTooManyRequests, RetryAfter: "0"})
	require.NoError(t, f.c.Devices.RemoteActivate(ctx, f.lock.ID, shares.WithRequestMaxRetries(5)))
	assert.Equal(t, 4, apiRequests(f.srv, "POST", "/v1/devices/1/remote-activation"))
}

func TestRemoteActivateRefusesABadID(t *testing.T) {
	f := newFixture(t)
	for _, id := range []int64{0, -3} {
		err := f.c.Devices.RemoteActivate(context.Background(), id)
		require.ErrorIs(t, err, shares.ErrInvalidParams)
		assert.Contains(t, err.Error(), "deviceID")
	}
	assert.Zero(t, f.srv.RequestCount())
}
