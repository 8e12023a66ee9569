package alfaview_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"testing/synctest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/alfaview"
	"github.com/grantkit/grantkit-go/alfaview/alfaviewtest"
)

func roomNames(rooms []*alfaview.Room) []string {
	out := make([]string, len(rooms))
	for i, r := range rooms {
		out[i] = r.DisplayName
	}
	return out
}

// Page and Next walk the rooms a page at a time; NextPageToken resumes a
// listing, in Page or List, with the same options.
func TestRoomPages(t *testing.T) {
	srv, c := newFake(t)
	for i := range 5 {
		srv.AddRoom(alfaview.Room{DisplayName: fmt.Sprint("room ", i)})
	}
	ctx := context.Background()
	opts := &alfaview.ListRoomsOptions{Limit: 2}
	var pages [][]string
	var tokens []string
	p, err := c.Rooms.Page(ctx, opts)
	for ; err == nil; p, err = p.NextPage(ctx) {
		pages = append(pages, roomNames(p.Rooms))
		tokens = append(tokens, p.NextPageToken)
	}
	require.ErrorIs(t, err, alfaview.ErrNoMorePages)
	assert.Nil(t, p)
	assert.Equal(t, [][]string{{"room 0", "room 1"}, {"room 2", "room 3"}, {"room 4"}}, pages)
	assert.NotEmpty(t, tokens[0])
	assert.NotEmpty(t, tokens[1])
	assert.Empty(t, tokens[2], "the short page is the last")
	assert.Equal(t, 3, sent(srv, pathListRooms), "Next after the last page sends nothing")

	resumed, err := c.Rooms.Page(ctx, &alfaview.ListRoomsOptions{Limit: 2, PageToken: tokens[0]})
	require.NoError(t, err)
	assert.Equal(t, []string{"room 2", "room 3"}, roomNames(resumed.Rooms))
	var rest []string
	for r, err := range c.Rooms.List(ctx, &alfaview.ListRoomsOptions{Limit: 2, PageToken: tokens[1]}) {
		require.NoError(t, err)
		rest = append(rest, r.DisplayName)
	}
	assert.Equal(t, []string{"room 4"}, rest)

	// A listing whose size is a multiple of the limit ends on an empty page.
	srv.AddRoom(alfaview.Room{DisplayName: "room 5"})
	p, err = c.Rooms.Page(ctx, &alfaview.ListRoomsOptions{Limit: 3})
	require.NoError(t, err)
	p, err = p.NextPage(ctx)
	require.NoError(t, err)
	assert.Len(t, p.Rooms, 3)
	p, err = p.NextPage(ctx)
	require.NoError(t, err)
	assert.Empty(t, p.Rooms)
	assert.Empty(t, p.NextPageToken)
}

func TestRoomPageMisuse(t *testing.T) {
	srv, c := newFake(t)
	ctx := context.Background()
	for _, token := range []string{"x", "-2", "+2", "02", " 2"} {
		_, err := c.Rooms.Page(ctx, &alfaview.ListRoomsOptions{PageToken: token})
		require.ErrorIs(t, err, alfaview.ErrInvalidParams, token)
		assert.ErrorContains(t, err, "PageToken")
		for _, err := range c.Rooms.List(ctx, &alfaview.ListRoomsOptions{PageToken: token}) {
			require.ErrorIs(t, err, alfaview.ErrInvalidParams)
		}
	}
	_, err := c.Rooms.ListPage(ctx, 0, &alfaview.ListRoomsOptions{PageToken: "2"})
	require.ErrorIs(t, err, alfaview.ErrInvalidParams, "ListPage takes an offset, not a token")
	assert.ErrorContains(t, err, "PageToken")

	var nilPage *alfaview.RoomPage
	_, err = nilPage.NextPage(ctx)
	require.ErrorIs(t, err, alfaview.ErrNoMorePages)
	_, err = (&alfaview.RoomPage{NextPageToken: "2"}).NextPage(ctx)
	require.ErrorIs(t, err, alfaview.ErrInvalidParams, "a page the caller built cannot fetch; its token can")
	assert.Equal(t, 0, srv.RequestCount())
}

// Delete is the common name; Destroy, deprecated, still works.
func TestRoomsDeleteAndDestroy(t *testing.T) {
	srv, c := newFake(t)
	ctx := context.Background()
	a := srv.AddRoom(alfaview.Room{DisplayName: "A"})
	b := srv.AddRoom(alfaview.Room{DisplayName: "B"})
	require.NoError(t, c.Rooms.Delete(ctx, a.ID))
	require.NoError(t, c.Rooms.Destroy(ctx, b.ID))
	assert.Empty(t, srv.Rooms())
	err := c.Rooms.Delete(ctx, a.ID)
	require.ErrorIs(t, err, alfaview.ErrRoomNotFound)
	assert.True(t, errors.Is(err, alfaview.ErrNotFound))
	assert.Equal(t, 2, srv.AppliedCount(alfaviewtest.OpRoomsDestroy))
}

// WithPrefetch asks for the next page while the loop works on the
// current one: by the time the loop body runs for the first room, the
// second page has been requested, and without it it has not.
func TestRoomsListPrefetch(t *testing.T) {
	for prefetch, want := range map[bool]int{false: 1, true: 2} {
		synctest.Test(t, func(t *testing.T) {
			srv := alfaviewtest.NewServer(t, alfaviewtest.InMemory())
			for i := range 5 {
				srv.AddRoom(alfaview.Room{DisplayName: fmt.Sprint("room ", i)})
			}
			c := newClient(t, srv, srv.APIKeyCredentials(), alfaview.WithPrefetch(prefetch))
			for _, err := range c.Rooms.List(t.Context(), &alfaview.ListRoomsOptions{Limit: 2}) {
				require.NoError(t, err)
				synctest.Wait() // the page ahead, if any, has been answered
				assert.Equal(t, want, sent(srv, pathListRooms), "prefetch %v", prefetch)
				break
			}
		})
	}
}
