package alfaview_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	alfaview "github.com/grantkit/grantkit-go/alfaview/v2"
	"github.com/grantkit/grantkit-go/internal/paging"
)

// pages answers GET path with the pages in order, each named by the
// pageToken that asks for it ("" for the first), and records the queries.
func pages(t *testing.T, m *mock, path string, byToken map[string]string) *[]string {
	var tokens []string
	m.mt.RegisterResponder("GET", base+path, func(r *http.Request) (*http.Response, error) {
		tok := r.URL.Query().Get("pageToken")
		tokens = append(tokens, tok)
		body, ok := byToken[tok]
		if !ok {
			t.Errorf("unexpected pageToken %q", tok)
			return jsonResponse(400, `{"title":"Bad Request"}`), nil
		}
		return jsonResponse(200, body), nil
	})
	return &tokens
}

func roomsPage(next string, ids ...string) string {
	s := `{"data":[`
	for i, id := range ids {
		if i > 0 {
			s += ","
		}
		s += `{"id":"` + id + `","displayName":"` + id + `","type":"room"}`
	}
	return s + `],"nextPageToken":"` + next + `"}`
}

func TestRoomsListFollowsNextPageToken(t *testing.T) {
	m := newMock(t)
	tokens := pages(t, m, "/v2/rooms", map[string]string{
		"": roomsPage("p2", "a", "b"), "p2": roomsPage("p3", "c"), "p3": roomsPage("", "d"),
	})
	var ids []string
	for r, err := range m.client(apiKey).Rooms.List(context.Background(), &alfaview.ListRoomsOptions{Limit: 2}) {
		require.NoError(t, err)
		ids = append(ids, r.ID)
	}
	assert.Equal(t, []string{"a", "b", "c", "d"}, ids)
	assert.Equal(t, []string{"", "p2", "p3"}, *tokens)
}

func TestListIsLazy(t *testing.T) {
	m := newMock(t)
	tokens := pages(t, m, "/v2/group-links", map[string]string{
		"": `{"data":[` + groupLinkJSON + `,` + groupLinkJSON + `],"nextPageToken":"p2"}`,
	})
	seq := m.client(apiKey).GroupLinks.List(context.Background(), nil)
	assert.Empty(t, *tokens, "nothing is sent before the loop runs")
	for _, err := range seq {
		require.NoError(t, err)
		break
	}
	assert.Equal(t, []string{""}, *tokens, "no request after the caller breaks")
	assert.Zero(t, m.calls("GET", "/v2/rooms"))
}

func TestListPageAndNext(t *testing.T) {
	m := newMock(t)
	tokens := pages(t, m, "/v2/rooms", map[string]string{"": roomsPage("p2", "a"), "p2": roomsPage("", "b")})
	c := m.client(apiKey)
	var ids []string
	page, err := c.Rooms.ListPage(context.Background(), &alfaview.ListRoomsOptions{Types: []alfaview.RoomType{alfaview.RoomTypeRoom}}, "")
	for ; err == nil; page, err = page.NextPage(context.Background()) {
		for _, r := range page.Rooms {
			ids = append(ids, r.ID)
		}
	}
	require.ErrorIs(t, err, alfaview.ErrNoMorePages)
	assert.Same(t, paging.ErrNoMorePages, alfaview.ErrNoMorePages)
	assert.Nil(t, page)
	assert.Equal(t, []string{"a", "b"}, ids)
	assert.Equal(t, []string{"", "p2"}, *tokens)

	// A saved token resumes the walk.
	page, err = c.Rooms.ListPage(context.Background(), nil, "p2")
	require.NoError(t, err)
	assert.Equal(t, "b", page.Rooms[0].ID)
}

// Next keeps the list's options: the filter and page size of the first
// page go with every page.
func TestNextKeepsTheOptions(t *testing.T) {
	m := newMock(t)
	var queries []string
	m.on("GET", "/v2/rooms/r1/guest-links", func(r *http.Request, _ string) {
		q := r.URL.Query()
		queries = append(queries, q.Get("limit")+"/"+q.Get("pageToken"))
	}, reply(200, `{"data":[`+guestLinkJSON+`],"nextPageToken":"p2"}`), reply(200, `{"data":[`+guestLinkJSON+`]}`))
	page, err := m.client(apiKey).GuestLinks.ListPage(context.Background(), &alfaview.ListLinksOptions{RoomID: "r1", Limit: 1}, "")
	require.NoError(t, err)
	page, err = page.NextPage(context.Background())
	require.NoError(t, err)
	assert.Empty(t, page.NextPageToken)
	_, err = page.NextPage(context.Background())
	assert.ErrorIs(t, err, alfaview.ErrNoMorePages)
	assert.Equal(t, []string{"1/", "1/p2"}, queries)
}

// A server that names the same page as the next one would be walked
// forever: the walk ends with an error instead.
func TestPageTokenLoopEnds(t *testing.T) {
	m := newMock(t)
	pages(t, m, "/v2/guest-links", map[string]string{
		"": `{"data":[` + guestLinkJSON + `],"nextPageToken":"same"}`, "same": `{"data":[` + guestLinkJSON + `],"nextPageToken":"same"}`,
	})
	n := 0
	var last error
	for _, err := range m.client(apiKey).GuestLinks.List(context.Background(), nil) {
		if err != nil {
			last = err
			break
		}
		n++
	}
	assert.ErrorIs(t, last, paging.ErrCursorLoop)
	assert.Equal(t, 1, n)

	page, err := m.client(apiKey).GuestLinks.ListPage(context.Background(), nil, "same")
	assert.Nil(t, page)
	assert.ErrorIs(t, err, paging.ErrCursorLoop)
}

func TestListErrorEndsTheLoop(t *testing.T) {
	m := newMock(t)
	m.on("GET", "/v2/rooms", nil, reply(200, roomsPage("p2", "a")), reply(403, `{"title":"Forbidden","status":403}`))
	var errs []error
	n := 0
	for r, err := range m.client(apiKey).Rooms.List(context.Background(), nil) {
		if err != nil {
			assert.Nil(t, r)
			errs = append(errs, err)
			continue
		}
		n++
	}
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], alfaview.ErrForbidden)
	assert.Equal(t, 1, n)
}

// A page the caller built has no list to go back to.
func TestNextOfAForeignPage(t *testing.T) {
	_, err := (&alfaview.RoomPage{NextPageToken: "x"}).NextPage(context.Background())
	assert.ErrorIs(t, err, alfaview.ErrInvalidParams)
	var nilPage *alfaview.GroupLinkPage
	_, err = nilPage.NextPage(context.Background())
	assert.ErrorIs(t, err, alfaview.ErrInvalidParams)
	_, err = (&alfaview.GuestLinkPage{}).NextPage(context.Background())
	assert.True(t, errors.Is(err, alfaview.ErrNoMorePages))
}
