package alfaview_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/alfaview"
	"github.com/grantkit/grantkit-go/alfaview/alfaviewtest"
	"github.com/grantkit/grantkit-go/internal/fakekit"
	"github.com/grantkit/grantkit-go/internal/transport"
)

// fakeEnv is a fake with one room and a client already holding a token,
// so counts are of the operation under test only.
type fakeEnv struct {
	srv *alfaviewtest.Server
	c   *alfaview.Client
	pg  string
}

func seededRoom(t *testing.T) (*fakeEnv, alfaview.Room) {
	t.Helper()
	srv, c := newFake(t)
	room := srv.AddRoom(alfaview.Room{DisplayName: "Lab"})
	_, err := c.PermissionGroups.List(context.Background())
	require.NoError(t, err)
	srv.ResetRequests()
	return &fakeEnv{srv: srv, c: c, pg: participant(t, srv)}, room
}

func TestCreateNotRetriedAfter503(t *testing.T) {
	env, room := seededRoom(t)
	env.srv.Inject(fakekit.Fault{Match: onPath(pathCreateGroupLinks), Status: 503, Body: `{"code":14,"message":"unavailable"}`})
	_, err := env.c.Links.CreateGroupLinks(context.Background(), room.ID, []alfaview.GroupLinkCreation{{PermissionGroupID: env.pg}})
	var e *alfaview.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 503, e.HTTPStatus)
	assert.Equal(t, "unavailable", e.StatusMessage)
	assert.Equal(t, 1, e.Attempts)
	assert.Equal(t, 1, env.srv.RequestCount())
	assert.Equal(t, 0, env.srv.AppliedCount(alfaviewtest.OpLinksCreateGroupLinks))
}

func TestCreateNotRetriedAfterCutConnection(t *testing.T) {
	env, room := seededRoom(t)
	env.srv.Inject(fakekit.Fault{Match: onPath(pathCreateGroupLinks), Cut: fakekit.CutBeforeResponse, Apply: true})
	_, err := env.c.Links.CreateGroupLinks(context.Background(), room.ID, []alfaview.GroupLinkCreation{{PermissionGroupID: env.pg}})
	var re *transport.RequestError
	require.ErrorAs(t, err, &re)
	assert.Equal(t, 1, re.Attempts)
	assert.Equal(t, 1, env.srv.RequestCount())
	assert.Equal(t, 1, env.srv.AppliedCount(alfaviewtest.OpLinksCreateGroupLinks), "applied once, its answer lost, never sent again")
}

func TestCreateRoomNotRetriedAfterCutBody(t *testing.T) {
	env, _ := seededRoom(t)
	env.srv.Inject(fakekit.Fault{Match: onPath(pathCreateRoom), Truncate: true})
	_, err := env.c.Rooms.Create(context.Background(), alfaview.RoomCreation{DisplayName: "x"})
	require.Error(t, err)
	assert.Equal(t, 1, env.srv.RequestCount())
	assert.Equal(t, 1, env.srv.AppliedCount(alfaviewtest.OpRoomsCreate))
}

func TestCreateRetriedAfter429(t *testing.T) {
	env, room := seededRoom(t)
	env.srv.Inject(fakekit.Fault{Match: onPath(pathCreateGuestLinks), Status: 429, RetryAfter: "1"})
	start := time.Now()
	links, err := env.c.Links.CreateGuestLinks(context.Background(), room.ID, []alfaview.GuestLinkCreation{
		{Email: "ada@example.com", DisplayName: "Ada", PermissionGroupID: env.pg}})
	require.NoError(t, err)
	assert.Len(t, links, 1)
	assert.Less(t, time.Since(start), time.Second, "Retry-After is capped by MaxRetryAfter")
	assert.Equal(t, 2, env.srv.RequestCount())
	assert.Equal(t, 1, env.srv.AppliedCount(alfaviewtest.OpLinksCreateGuestLinks))
}

func TestReadRetried(t *testing.T) {
	env, room := seededRoom(t)
	env.srv.Inject(fakekit.Fault{Match: onPath(pathListGroupLinks), Status: 503})
	env.srv.Inject(fakekit.Fault{Match: onPath(pathListGroupLinks), Cut: fakekit.CutBeforeResponse})
	_, err := env.c.Links.ListGroupLinks(context.Background(), room.ID)
	require.NoError(t, err)
	assert.Equal(t, 3, env.srv.RequestCount())
}

func TestReadGivesUpWithLastAnswer(t *testing.T) {
	env, _ := seededRoom(t)
	env.srv.Inject(fakekit.Fault{Match: onPath(pathPermissionGroups), Times: -1, Status: 500, Body: `{"code":13,"message":"internal","details":[{"statusCode":"INTERNAL_ERROR","statusMessage":"boom"}]}`})
	_, err := env.c.PermissionGroups.List(context.Background())
	var e *alfaview.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "INTERNAL_ERROR", e.StatusCode)
	assert.Equal(t, 4, e.Attempts)
	assert.Equal(t, 4, env.srv.RequestCount())
}

// A delete whose first answer was lost is retried; the retry finds the link
// gone, which is what was asked for.
func TestDeleteRetriedAfterLostAnswer(t *testing.T) {
	env, room := seededRoom(t)
	links, err := env.c.Links.CreateGroupLinks(context.Background(), room.ID, []alfaview.GroupLinkCreation{{PermissionGroupID: env.pg}})
	require.NoError(t, err)
	env.srv.Inject(fakekit.Fault{Match: onPath(pathDeleteLink), Cut: fakekit.CutBeforeResponse, Apply: true})
	require.NoError(t, env.c.Links.Delete(context.Background(), room.ID, links[0].ID))
	assert.Equal(t, 1, env.srv.AppliedCount(alfaviewtest.OpLinksDelete))

	// A retried delete cannot tell "deleted by the lost attempt" from "never
	// existed"; the link is gone either way.
	env.srv.Inject(fakekit.Fault{Match: onPath(pathDeleteLink), Status: 503})
	require.NoError(t, env.c.Links.Delete(context.Background(), room.ID, "never-existed"))
	// A missing room is not what the delete asked for: still an error.
	env.srv.Inject(fakekit.Fault{Match: onPath(pathDeleteLink), Status: 503})
	require.ErrorIs(t, env.c.Links.Delete(context.Background(), "no-such-room", "l"), alfaview.ErrRoomNotFound)
}

func TestDestroyRetriedAfterLostAnswer(t *testing.T) {
	env, room := seededRoom(t)
	env.srv.Inject(fakekit.Fault{Match: onPath(pathDestroyRoom), Status: 502, Apply: true})
	require.NoError(t, env.c.Rooms.Delete(context.Background(), room.ID))
	assert.Equal(t, 1, env.srv.AppliedCount(alfaviewtest.OpRoomsDestroy))
	assert.Equal(t, 2, env.srv.RequestCount())
}

func TestCancelledContext(t *testing.T) {
	env, room := seededRoom(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := env.c.Links.CreateGroupLinks(ctx, room.ID, []alfaview.GroupLinkCreation{{PermissionGroupID: env.pg}})
	require.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, 0, env.srv.RequestCount())

	for _, err := range env.c.Rooms.List(ctx, nil) {
		require.ErrorIs(t, err, context.Canceled)
	}
}

func TestDeadlineDuringLatency(t *testing.T) {
	env, _ := seededRoom(t)
	env.srv.Inject(fakekit.Fault{Match: onPath(pathPermissionGroups), Latency: time.Second})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	_, err := env.c.PermissionGroups.List(ctx)
	require.ErrorIs(t, err, context.DeadlineExceeded)
}

func TestNilContext(t *testing.T) {
	env, _ := seededRoom(t)
	var ctx context.Context // a nil context must be an error, not a panic
	_, err := env.c.PermissionGroups.List(ctx)
	require.Error(t, err)
	assert.Equal(t, 0, env.srv.RequestCount())
}

func TestOversizedReply(t *testing.T) {
	srv := newFakeOnly(t)
	c := newClient(t, srv, srv.APIKeyCredentials(), alfaview.WithMaxResponseBytes(1<<10))
	srv.Inject(fakekit.Fault{Match: onPath(pathListRooms), Oversize: 4 << 10})
	for _, err := range c.Rooms.List(context.Background(), nil) {
		require.ErrorIs(t, err, transport.ErrResponseTooLarge)
	}
}

func TestMalformedReply(t *testing.T) {
	srv := newFakeOnly(t)
	c := newClient(t, srv, srv.APIKeyCredentials())
	srv.Inject(fakekit.Fault{Match: onPath(pathListRooms), Status: 200, Body: `{"rooms":["not","a","map"]}`})
	for _, err := range c.Rooms.List(context.Background(), nil) {
		require.ErrorIs(t, err, transport.ErrMalformedResponse)
		var e *alfaview.Error
		assert.False(t, errors.As(err, &e))
	}
}
