package alfaview_test

import (
	"context"
	"net"
	"net/http"
	"os"
	"syscall"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	alfaview "github.com/grantkit/grantkit-go/alfaview/v2"
)

// cut is a connection reset after the request went out: the server may
// have acted on it.
func cut(*http.Request) (*http.Response, error) {
	return nil, &net.OpError{Op: "read", Net: "tcp", Err: os.NewSyscallError("read", syscall.ECONNRESET)}
}

// refused is a failed dial: the request never left.
func refused(*http.Request) (*http.Response, error) {
	return nil, &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}
}

// The creates and the cancellation, each as a call and the path it sends to.
func nonIdempotentCalls() []struct {
	name, method, path, reply string
	call                      func(ctx context.Context, c *alfaview.Client, opts ...alfaview.CallOption) error
} {
	link := alfaview.GroupLinkCreate{Description: "x", PermissionGroupID: "pg"}
	guest := alfaview.GuestLinkCreate{DisplayName: "Ada", EmailAddress: "ada@example.com", Locale: "en", PermissionGroupID: "pg"}
	return []struct {
		name, method, path, reply string
		call                      func(ctx context.Context, c *alfaview.Client, opts ...alfaview.CallOption) error
	}{
		{"Rooms.Create", "POST", "/v2/rooms", `{"id":"r"}`, func(ctx context.Context, c *alfaview.Client, opts ...alfaview.CallOption) error {
			_, err := c.Rooms.Create(ctx, &alfaview.RoomCreate{DisplayName: "x", Type: alfaview.RoomTypeRoom}, opts...)
			return err
		}},
		{"Rooms.CreateSubroom", "POST", "/v2/rooms/r1/subrooms", `{"id":"s"}`, func(ctx context.Context, c *alfaview.Client, opts ...alfaview.CallOption) error {
			_, err := c.Rooms.CreateSubroom(ctx, "r1", &alfaview.SubroomEdit{}, opts...)
			return err
		}},
		{"Rooms.CreatePermissions", "POST", "/v2/rooms/r1/permissions", ``, func(ctx context.Context, c *alfaview.Client, opts ...alfaview.CallOption) error {
			return c.Rooms.CreatePermissions(ctx, "r1", &alfaview.ParticipantPermissions{ParticipantID: "u1"}, opts...)
		}},
		{"GroupLinks.Create", "POST", "/v2/rooms/r1/group-links", `[{"id":"l"}]`, func(ctx context.Context, c *alfaview.Client, opts ...alfaview.CallOption) error {
			_, err := c.GroupLinks.Create(ctx, "r1", &alfaview.CreateGroupLinksParams{Links: []alfaview.GroupLinkCreate{link}}, opts...)
			return err
		}},
		{"GuestLinks.Create", "POST", "/v2/rooms/r1/guest-links", `[{"id":"g"}]`, func(ctx context.Context, c *alfaview.Client, opts ...alfaview.CallOption) error {
			_, err := c.GuestLinks.Create(ctx, "r1", &alfaview.CreateGuestLinksParams{Links: []alfaview.GuestLinkCreate{guest}}, opts...)
			return err
		}},
		{"Meetings.Create", "POST", "/v2/meetings", `{"id":"m"}`, func(ctx context.Context, c *alfaview.Client, opts ...alfaview.CallOption) error {
			_, err := c.Meetings.Create(ctx, &alfaview.MeetingCreate{Title: "t", Start: t0, End: t1, Timezone: "UTC"}, opts...)
			return err
		}},
		{"Meetings.Cancel", "POST", "/v2/meetings/m1/cancellation", ``, func(ctx context.Context, c *alfaview.Client, opts ...alfaview.CallOption) error {
			return c.Meetings.Cancel(ctx, "m1", &alfaview.MeetingCancellation{SendNotification: true}, opts...)
		}},
		{"Users.Invite", "POST", "/v2/users/invitation", ``, func(ctx context.Context, c *alfaview.Client, opts ...alfaview.CallOption) error {
			return c.Users.Invite(ctx, &alfaview.UserInvitation{User: alfaview.UserInformation{EmailAddress: "a@example.com", FirstName: "A", LastName: "B"}}, opts...)
		}},
	}
}

// A create that may have reached alfaview is never sent again, whatever
// the failure and whatever WithRequestMaxRetries says.
func TestCreatesAreNotReplayed(t *testing.T) {
	for _, tc := range nonIdempotentCalls() {
		for _, fail := range []struct {
			name string
			r    httpmock.Responder
		}{
			{"cut connection", cut},
			{"503", reply(503, `{"title":"Service Unavailable","status":503}`)},
			{"500", reply(500, `{"title":"Internal Server Error","status":500}`)},
		} {
			t.Run(tc.name+"/"+fail.name, func(t *testing.T) {
				m := newMock(t)
				m.on(tc.method, tc.path, nil, fail.r, reply(201, tc.reply))
				err := tc.call(context.Background(), m.client(apiKey), alfaview.WithRequestMaxRetries(5))
				require.Error(t, err)
				assert.Equal(t, 1, m.calls(tc.method, tc.path))
			})
		}
	}
}

// A failed dial and a 429 mean the server did not act: those are retried.
func TestCreatesAreRetriedWhenNotReceived(t *testing.T) {
	for _, tc := range nonIdempotentCalls() {
		for _, fail := range []struct {
			name string
			r    httpmock.Responder
		}{
			{"dial refused", refused},
			{"429", reply(429, `{"title":"Too Many Requests","status":429}`)},
		} {
			t.Run(tc.name+"/"+fail.name, func(t *testing.T) {
				m := newMock(t)
				status := 201
				if tc.reply == "" {
					status = 204
				}
				m.on(tc.method, tc.path, nil, fail.r, reply(status, tc.reply))
				require.NoError(t, tc.call(context.Background(), m.client(apiKey)))
				assert.Equal(t, 2, m.calls(tc.method, tc.path))
			})
		}
	}
}

func TestReadsUpdatesAndDeletesAreRetried(t *testing.T) {
	for _, tc := range []struct {
		name, method, path string
		call               func(c *alfaview.Client) error
	}{
		{"get", "GET", "/v2/rooms/r1", func(c *alfaview.Client) error { _, err := c.Rooms.Get(context.Background(), "r1"); return err }},
		{"patch", "PATCH", "/v2/rooms/r1", func(c *alfaview.Client) error {
			return c.Rooms.Update(context.Background(), "r1", &alfaview.RoomUpdate{DisplayName: alfaview.Ptr("y")})
		}},
		{"delete", "DELETE", "/v2/rooms/r1/features", func(c *alfaview.Client) error { return c.Rooms.DeleteFeatures(context.Background(), "r1") }},
	} {
		for _, fail := range []struct {
			name string
			r    httpmock.Responder
		}{{"cut connection", cut}, {"503", reply(503, ``)}, {"500", reply(500, ``)}} {
			t.Run(tc.name+"/"+fail.name, func(t *testing.T) {
				m := newMock(t)
				m.on(tc.method, tc.path, nil, fail.r, reply(200, roomJSON))
				require.NoError(t, tc.call(m.client(apiKey)))
				assert.Equal(t, 2, m.calls(tc.method, tc.path))
			})
		}
	}
}

func TestRetriesGiveUpWithTheLastAnswer(t *testing.T) {
	m := newMock(t)
	m.on("GET", "/v2/rooms/r1", nil, reply(503, `{"title":"Service Unavailable","status":503,"detail":"maintenance"}`))
	_, err := m.client(apiKey).Rooms.Get(context.Background(), "r1")
	var e *alfaview.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 4, e.Attempts)
	assert.Equal(t, "maintenance", e.Detail)
	assert.Equal(t, 4, m.calls("GET", "/v2/rooms/r1"))
}

// A retried delete that finds its target gone succeeds: the attempt whose
// answer was lost deleted it. A first attempt's 404 is an error.
func TestRetriedDeleteOfAGoneTargetSucceeds(t *testing.T) {
	gone := reply(404, `{"title":"Not Found","status":404}`)
	for _, tc := range []struct {
		name, path string
		call       func(c *alfaview.Client) error
	}{
		{"Rooms.Delete", "/v2/rooms/r1", func(c *alfaview.Client) error { return c.Rooms.Delete(context.Background(), "r1") }},
		{"Rooms.DeleteSubroom", "/v2/rooms/r1/subrooms/s1", func(c *alfaview.Client) error {
			return c.Rooms.DeleteSubroom(context.Background(), "r1", "s1")
		}},
		{"Rooms.DeletePermissions", "/v2/rooms/r1/permissions/u1", func(c *alfaview.Client) error {
			return c.Rooms.DeletePermissions(context.Background(), "r1", "u1")
		}},
		{"GroupLinks.Delete", "/v2/rooms/r1/group-links/l1", func(c *alfaview.Client) error {
			return c.GroupLinks.Delete(context.Background(), "r1", "l1")
		}},
		{"GuestLinks.Delete", "/v2/rooms/r1/guest-links/g1", func(c *alfaview.Client) error {
			return c.GuestLinks.Delete(context.Background(), "r1", "g1")
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := newMock(t)
			m.on("DELETE", tc.path, nil, cut, gone)
			require.NoError(t, tc.call(m.client(apiKey)))
			assert.Equal(t, 2, m.calls("DELETE", tc.path))

			m = newMock(t)
			m.on("DELETE", tc.path, nil, gone)
			assert.ErrorIs(t, tc.call(m.client(apiKey)), alfaview.ErrNotFound)
		})
	}
}
