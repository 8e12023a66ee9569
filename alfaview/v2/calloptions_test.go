package alfaview_test

import (
	"context"
	"net/http"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	alfaview "github.com/grantkit/grantkit-go/alfaview/v2"
	"github.com/grantkit/grantkit-go/alfaview/v2/alfaviewtest"
)

// WithRequestTimeout bounds each attempt of one call, shorter than the
// client's own WithTimeout, and d <= 0 lifts the client's bound for that call.
func TestWithRequestTimeoutEndsACall(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := alfaviewtest.NewServer(t, alfaviewtest.InMemory(), alfaviewtest.WithClock(alfaviewtest.NewManualClock(epoch)))
		room := srv.AddRoom(alfaviewtest.Room{DisplayName: "Workshop"})
		c := fakeClient(t, srv, srv.APIKeyCredentials(), alfaview.WithMaxRetries(0), alfaview.WithTimeout(time.Minute))
		_, err := c.Auth.TokenInfo(t.Context()) // log in before the latency starts
		require.NoError(t, err)

		slow := func(r *http.Request) bool { return r.Method == http.MethodGet && r.URL.Path == "/v2/rooms/"+room.ID }
		srv.Inject(alfaviewtest.Fault{Latency: 10 * time.Second, Match: slow})
		start := time.Now()
		_, err = c.Rooms.Get(t.Context(), room.ID, alfaview.WithRequestTimeout(2*time.Second))
		require.ErrorIs(t, err, context.DeadlineExceeded)
		assert.Equal(t, 2*time.Second, time.Since(start), "the call's bound, not the client's minute")

		srv.Inject(alfaviewtest.Fault{Latency: 10 * time.Second, Match: slow})
		start = time.Now()
		got, err := c.Rooms.Get(t.Context(), room.ID)
		require.NoError(t, err, "without the option the client's minute lets it finish")
		assert.Equal(t, room.ID, got.ID)
		assert.Equal(t, 10*time.Second, time.Since(start))
	})
}
