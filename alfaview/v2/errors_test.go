package alfaview_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	alfaview "github.com/grantkit/grantkit-go/alfaview/v2"
	"github.com/grantkit/grantkit-go/internal/transport"
)

func TestProblemDetails(t *testing.T) {
	assert.Empty(t, checkShape("ErrorModel", problemJSON, true))
	m := newMock(t)
	m.on("POST", "/v2/rooms/r1/group-links", nil, reply(422, problemJSON))
	_, err := m.client(apiKey).GroupLinks.Create(context.Background(), "r1", &alfaview.CreateGroupLinksParams{
		Links: []alfaview.GroupLinkCreate{{Description: "x", PermissionGroupID: "pg"}}})
	var e *alfaview.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, &alfaview.Error{
		StatusCode: 422, Type: "https://apis.alfaview.com/v2/docs/errors#validation", Title: "Unprocessable Entity",
		Detail: "validation failed", Instance: "/v2/rooms/r1/group-links",
		Details: []alfaview.ErrorDetail{{Location: "body.create[0].validUntil", Message: "must be after validFrom", Value: "2020-01-01T00:00:00Z"}},
		Op:      "groupLinks.create", Method: "POST", Path: "/v2/rooms/r1/group-links", Attempts: 1,
	}, e)
	assert.Equal(t, "alfaview: groupLinks.create (POST /v2/rooms/r1/group-links): 422 Unprocessable Entity: validation failed"+
		" (body.create[0].validUntil: must be after validFrom)", err.Error())
	assert.ErrorIs(t, err, alfaview.ErrInvalidArgument)
	assert.NotErrorIs(t, err, alfaview.ErrNotFound)
}

func TestErrorSentinelsByStatus(t *testing.T) {
	for status, want := range map[int]error{
		400: alfaview.ErrInvalidArgument, 401: alfaview.ErrUnauthorized, 403: alfaview.ErrForbidden, 404: alfaview.ErrNotFound,
		409: alfaview.ErrConflict, 422: alfaview.ErrInvalidArgument, 429: alfaview.ErrRateLimited,
	} {
		err := alfaview.CheckResponse(&transport.Response{StatusCode: status, Body: []byte(`{"title":"x","status":1}`), Op: "op"})
		assert.ErrorIs(t, err, want, "status %d", status)
		for _, other := range []error{alfaview.ErrInvalidArgument, alfaview.ErrUnauthorized, alfaview.ErrForbidden,
			alfaview.ErrNotFound, alfaview.ErrConflict, alfaview.ErrRateLimited, alfaview.ErrInvalidParams} {
			if other != want {
				assert.NotErrorIs(t, err, other, "status %d", status)
			}
		}
	}
	// The common sentinels are the engine's one value each.
	assert.Same(t, transport.ErrNotFound, alfaview.ErrNotFound)
}

func TestErrorBodies(t *testing.T) {
	for _, tc := range []struct {
		name   string
		status int
		body   string
		want   alfaview.Error
		text   string
	}{
		{"problem without type", 404, `{"title":"Not Found","status":404,"detail":"room r1 not found"}`,
			alfaview.Error{StatusCode: 404, Type: "about:blank", Title: "Not Found", Detail: "room r1 not found"},
			"alfaview: op: 404 Not Found: room r1 not found"},
		{"details only", 400, `{"errors":[{"location":"query.limit","message":"must be <= 50"},{"message":"and more"}]}`,
			alfaview.Error{StatusCode: 400, Type: "about:blank", Details: []alfaview.ErrorDetail{
				{Location: "query.limit", Message: "must be <= 50"}, {Message: "and more"}}},
			"alfaview: op: 400: (query.limit: must be <= 50; and more)"},
		{"proxy page", 502, "<html>\n<body>Bad Gateway</body></html>",
			alfaview.Error{StatusCode: 502, Title: "Bad Gateway", Detail: "<html> <body>Bad Gateway</body></html>"},
			"alfaview: op: 502 Bad Gateway: <html> <body>Bad Gateway</body></html>"},
		{"empty", 503, ``, alfaview.Error{StatusCode: 503, Title: "Service Unavailable"},
			"alfaview: op: 503 Service Unavailable"},
		{"forged details", 422, `{"title":"Unprocessable Entity","errors":[{"location":"body.x\u001b[2J","message":"bad\nlevel=ERROR msg=forged","value":"v"}]}`,
			alfaview.Error{StatusCode: 422, Type: "about:blank", Title: "Unprocessable Entity", Details: []alfaview.ErrorDetail{
				{Location: "body.x[2J", Message: "bad level=ERROR msg=forged", Value: "v"}}},
			"alfaview: op: 422 Unprocessable Entity: (body.x[2J: bad level=ERROR msg=forged)"},
		{"forged log line", 409, `{"title":"Conflict\u001b[31m","detail":"taken\nlevel=ERROR msg=forged"}`,
			alfaview.Error{StatusCode: 409, Type: "about:blank", Title: "Conflict[31m", Detail: "taken level=ERROR msg=forged"},
			"alfaview: op: 409 Conflict[31m: taken level=ERROR msg=forged"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := alfaview.CheckResponse(&transport.Response{StatusCode: tc.status, Body: []byte(tc.body), Op: "op"})
			var e *alfaview.Error
			require.ErrorAs(t, err, &e)
			tc.want.Op = "op"
			assert.Equal(t, &tc.want, e)
			assert.Equal(t, tc.text, err.Error())
		})
	}
	assert.NoError(t, alfaview.CheckResponse(&transport.Response{StatusCode: 204}))
}

// An echo of the token in a failed answer is masked before it reaches the
// error.
func TestEchoedTokenIsMasked(t *testing.T) {
	m := newMock(t)
	m.loginReply = func(int, string) (int, string) { return 200, `{"accessToken":"dG9rZW4tc2VjcmV0LXZhbHVl"}` }
	m.on("GET", "/v2/rooms/r1", nil, reply(400, `{"title":"Bad Request","detail":"bad header Authorization: dG9rZW4tc2VjcmV0LXZhbHVl"}`))
	_, err := m.client(apiKey).Rooms.Get(context.Background(), "r1")
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "dG9rZW4tc2VjcmV0LXZhbHVl")
	assert.Contains(t, err.Error(), "[REDACTED]")
}

func TestNullAnswerIsAnError(t *testing.T) {
	m := newMock(t)
	m.on("GET", "/v2/rooms/r1", nil, reply(200, `null`))
	m.on("POST", "/v2/rooms", nil, reply(201, `{}`))
	c := m.client(apiKey)
	room, err := c.Rooms.Get(context.Background(), "r1")
	assert.Nil(t, room)
	assert.ErrorIs(t, err, alfaview.ErrEmptyResponse)
	id, err := c.Rooms.Create(context.Background(), &alfaview.RoomCreate{DisplayName: "x", Type: alfaview.RoomTypeRoom})
	assert.Empty(t, id)
	assert.ErrorIs(t, err, alfaview.ErrMalformedResponse, "a create answer without an id")
}

// The ids of created links come back one per link; an answer that does
// not fit is an error that still hands over the ids it did name.
func TestCreateLinksAnswerMustFit(t *testing.T) {
	m := newMock(t)
	m.on("POST", "/v2/rooms/r1/group-links", nil, reply(201, `[{"id":"l1"}]`))
	ids, err := m.client(apiKey).GroupLinks.Create(context.Background(), "r1", &alfaview.CreateGroupLinksParams{
		Links: []alfaview.GroupLinkCreate{{Description: "a", PermissionGroupID: "pg"}, {Description: "b", PermissionGroupID: "pg"}}})
	assert.ErrorIs(t, err, alfaview.ErrMalformedResponse)
	assert.Equal(t, []string{"l1"}, ids)
}

func TestRequestErrorForCancelledContext(t *testing.T) {
	m := newMock(t)
	m.on("POST", "/v2/meetings", nil, reply(201, `{"id":"m"}`))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := m.client(apiKey).Meetings.Create(ctx, &alfaview.MeetingCreate{Title: "t", Start: t0, End: t1, Timezone: "UTC"})
	assert.ErrorIs(t, err, context.Canceled)
	var re *alfaview.RequestError
	assert.True(t, errors.As(err, &re))
	assert.Zero(t, m.calls("POST", "/v2/meetings"))
	assert.Zero(t, m.logins())
}

func TestCallOptions(t *testing.T) {
	m := newMock(t)
	m.on("GET", "/v2/rooms/r1", func(r *http.Request, _ string) {
		assert.Equal(t, "trace-7", r.Header.Get("X-Trace-Id"))
	}, func(*http.Request) (*http.Response, error) {
		resp := jsonResponse(200, roomJSON)
		resp.Header.Set("X-Request-Id", "req-42")
		return resp, nil
	})
	var resp *http.Response
	_, err := m.client(apiKey).Rooms.Get(context.Background(), "r1",
		alfaview.WithHeader("X-Trace-Id", "trace-7"), alfaview.WithResponseInto(&resp))
	require.NoError(t, err)
	require.NotNil(t, resp)
	assert.Equal(t, "req-42", resp.Header.Get("X-Request-Id"))

	_, err = m.client(apiKey).Rooms.Get(context.Background(), "r1", alfaview.WithHeader("Authorization", "stolen"))
	assert.ErrorIs(t, err, alfaview.ErrInvalidParams)
	assert.Equal(t, 1, m.calls("GET", "/v2/rooms/r1"))
}

// Every page request of a list carries the call options.
func TestCallOptionsReachEveryPage(t *testing.T) {
	m := newMock(t)
	n := 0
	m.on("GET", "/v2/guest-links", func(r *http.Request, _ string) {
		n++
		assert.Equal(t, "walk-1", r.Header.Get("X-Trace-Id"), "page %d", n)
	}, reply(200, `{"data":[`+guestLinkJSON+`],"nextPageToken":"p2"}`), reply(200, `{"data":[`+guestLinkJSON+`]}`))
	count := 0
	for l, err := range m.client(apiKey).GuestLinks.List(context.Background(), nil, alfaview.WithHeader("X-Trace-Id", "walk-1")) {
		require.NoError(t, err)
		assert.Equal(t, guestLinkGo.ID, l.ID)
		count++
	}
	assert.Equal(t, 2, count)
	assert.Equal(t, 2, n)
}
