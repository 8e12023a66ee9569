package alfaviewtest_test

// This file does not import internal/fakekit, as code outside this module
// cannot: the fake's own names (Fault, CutMode, Request, InMemory,
// WithClock, NewManualClock) must be enough to inject faults.

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/alfaview/v2/alfaviewtest"
)

const roomBody = `{"displayName":"r","type":"room","waitingRoomEnabled":false}`

func isCreateRoom(r *http.Request) bool {
	return r.Method == http.MethodPost && r.URL.Path == "/v2/rooms"
}

func TestFaults(t *testing.T) {
	srv, c := newServer(t)

	srv.Inject(alfaviewtest.Fault{Match: isCreateRoom, Status: http.StatusTooManyRequests, RetryAfter: "2"})
	r := c.call(http.MethodPost, "/v2/rooms", roomBody)
	assert.Equal(t, http.StatusTooManyRequests, r.status)
	assert.Equal(t, "2", r.header.Get("Retry-After"))
	assert.Empty(t, srv.Rooms(), "a fault without Apply keeps the write from the fake")
	assert.Zero(t, srv.AppliedCount(alfaviewtest.OpRoomsCreate))

	srv.Inject(alfaviewtest.Fault{Match: isCreateRoom, Cut: alfaviewtest.CutBeforeResponse, Apply: true})
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, srv.URL+"/v2/rooms", strings.NewReader(roomBody))
	require.NoError(t, err)
	req.Header.Set("Authorization", c.token)
	_, err = srv.Client().Do(req)
	require.Error(t, err, "the answer is lost")
	assert.Equal(t, 1, srv.AppliedCount(alfaviewtest.OpRoomsCreate), "but the room was made, once")
	require.Len(t, srv.Rooms(), 1)

	srv.Inject(alfaviewtest.Fault{Truncate: true})
	req, err = http.NewRequestWithContext(t.Context(), http.MethodGet, srv.URL+"/v2/rooms", nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", c.token)
	res, err := srv.Client().Do(req)
	require.NoError(t, err)
	_, err = io.ReadAll(res.Body)
	res.Body.Close()
	assert.ErrorIs(t, err, io.ErrUnexpectedEOF)

	c.want(http.StatusOK, http.MethodGet, "/v2/rooms", "")
	assert.Equal(t, 3, srv.FaultsServed())
	var reqs []alfaviewtest.Request = srv.Requests()
	assert.Equal(t, "/v2/auth/api-key", reqs[0].Path)
	assert.Equal(t, c.token, reqs[1].Header.Get("Authorization"))
}

// With InMemory the fake runs inside a synctest bubble, where injected
// latency passes in virtual time.
func TestInMemoryLatency(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		clock := alfaviewtest.NewManualClock(time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC))
		srv := alfaviewtest.NewServer(nil, alfaviewtest.InMemory(), alfaviewtest.WithClock(clock))
		defer srv.Close()
		c := &client{t: t, srv: srv}
		srv.Inject(alfaviewtest.Fault{Latency: time.Minute})
		began := time.Now()
		c.token = c.login()
		assert.Equal(t, time.Minute, time.Since(began), "virtual time")
		c.want(http.StatusOK, http.MethodGet, "/v2/permission-groups", "")
		assert.Equal(t, clock.Now(), srv.Requests()[0].Time, "stamped by the clock given with WithClock")
	})
}
