package alfaview_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/alfaview"
	"github.com/grantkit/grantkit-go/internal/fakekit"
)

// Each call option on an alfaview call: a header reaches alfaview, a
// timeout ends the call, the response is captured, credential headers are
// refused, and a retry count does not make a create retryable.
func TestCallOptions(t *testing.T) {
	ctx := context.Background()
	t.Run("header reaches the server", func(t *testing.T) {
		env, room := seededRoom(t)
		_, err := env.c.Links.ListGroupLinks(ctx, room.ID, alfaview.WithHeader("X-Correlation-Id", "corr-1"))
		require.NoError(t, err)
		for _, err := range env.c.Rooms.List(ctx, &alfaview.ListRoomsOptions{Limit: 1}, alfaview.WithHeader("X-Correlation-Id", "corr-2")) {
			require.NoError(t, err)
		}
		var got []string
		for _, r := range env.srv.Requests() {
			got = append(got, r.Path+" "+r.Header.Get("X-Correlation-Id"))
		}
		assert.Equal(t, []string{pathListGroupLinks + " corr-1", pathListRooms + " corr-2", pathListRooms + " corr-2"}, got,
			"every page request of a list carries it")
	})
	t.Run("timeout ends the call", func(t *testing.T) {
		env, _ := seededRoom(t)
		env.srv.Inject(fakekit.Fault{Match: onPath(pathPermissionGroups), Latency: time.Minute, Times: -1})
		_, err := env.c.PermissionGroups.List(ctx, alfaview.WithRequestTimeout(10*time.Millisecond), alfaview.WithRequestMaxRetries(1))
		require.ErrorIs(t, err, context.DeadlineExceeded)
		assert.Equal(t, 2, env.srv.RequestCount(), "each attempt was bounded, then the call gave up")
	})
	t.Run("response captured", func(t *testing.T) {
		env, room := seededRoom(t)
		var resp *http.Response
		_, err := env.c.Links.ListGroupLinks(ctx, room.ID, alfaview.WithResponseInto(&resp))
		require.NoError(t, err)
		require.NotNil(t, resp)
		assert.Equal(t, http.StatusOK, resp.StatusCode)
		assert.Contains(t, resp.Header.Get("Content-Type"), "application/json")

		resp = nil
		_, err = env.c.Links.ListGroupLinks(ctx, "no-such-room", alfaview.WithResponseInto(&resp))
		require.ErrorIs(t, err, alfaview.ErrRoomNotFound)
		require.NotNil(t, resp, "a failed call's answer is captured too")
		assert.Equal(t, http.StatusOK, resp.StatusCode, "alfaview reports it in replyInfo")
	})
	t.Run("credential headers refused", func(t *testing.T) {
		env, room := seededRoom(t)
		for _, h := range []string{"Authorization", "Cookie", "Content-Type", "Host"} {
			_, err := env.c.Links.CreateGroupLinks(ctx, room.ID, []alfaview.GroupLinkCreation{{PermissionGroupID: env.pg}},
				alfaview.WithHeader(h, "x"))
			require.ErrorIs(t, err, alfaview.ErrInvalidParams, h)
			assert.ErrorContains(t, err, h)
		}
		assert.Equal(t, 0, env.srv.RequestCount())
	})
	t.Run("retries do not make a create retryable", func(t *testing.T) {
		env, room := seededRoom(t)
		env.srv.Inject(fakekit.Fault{Match: onPath(pathCreateGroupLinks), Status: 503, Times: -1})
		_, err := env.c.Links.CreateGroupLinks(ctx, room.ID, []alfaview.GroupLinkCreation{{PermissionGroupID: env.pg}},
			alfaview.WithRequestMaxRetries(5))
		var e *alfaview.Error
		require.ErrorAs(t, err, &e)
		assert.Equal(t, 1, e.Attempts)
		assert.Equal(t, 1, env.srv.RequestCount())
	})
}
