package alfaview_test

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/alfaview"
	"github.com/grantkit/grantkit-go/alfaview/alfaviewtest"
	"github.com/grantkit/grantkit-go/internal/validate"
)

var joinLinkFormat = regexp.MustCompile(`^https://app\.alfaview\.com/#/join/` + alfaviewtest.CompanyID + `/([0-9a-f-]{36})/([A-Za-z0-9]{32})/v2$`)

func TestGroupLinksLifecycle(t *testing.T) {
	srv, c := newFake(t)
	ctx := context.Background()
	room := srv.AddRoom(alfaview.Room{DisplayName: "Workshop"})
	groups, err := c.PermissionGroups.List(ctx)
	require.NoError(t, err)
	moderator, ok := alfaview.FindPermissionGroup(groups, "MODERATOR")
	require.True(t, ok)
	pg := participant(t, srv)

	from := time.Date(2030, 5, 4, 9, 0, 0, 0, time.UTC)
	links, err := c.Links.CreateGroupLinks(ctx, room.ID, []alfaview.GroupLinkCreation{
		{Description: "attendees", ValidFrom: from, ValidUntil: from.Add(3 * time.Hour), PermissionGroupID: pg},
		{Description: "hosts", ValidFrom: from, PermissionGroupID: moderator.ID, AllowDialIn: true},
		{Description: "forever", PermissionGroupID: pg},
	})
	require.NoError(t, err)
	require.Len(t, links, 3)
	assert.Equal(t, []string{"attendees", "hosts", "forever"}, []string{links[0].Description, links[1].Description, links[2].Description})
	for _, l := range links {
		m := joinLinkFormat.FindStringSubmatch(l.JoinLink)
		require.NotNil(t, m, l.JoinLink)
		assert.Equal(t, room.ID, m[1])
		assert.Equal(t, l.AccessKey, m[2])
		assert.Equal(t, room.ID, l.RoomID)
		assert.NotEmpty(t, l.ID)
		assert.Equal(t, srv.UserID(), l.CreatedBy)
		assert.False(t, l.CreatedAt.IsZero())
	}
	assert.Equal(t, from, links[0].ValidFrom)
	assert.Equal(t, from.Add(3*time.Hour), links[0].ValidUntil)
	assert.True(t, links[1].ValidUntil.IsZero(), "open end")
	assert.True(t, links[2].ValidFrom.IsZero() && links[2].ValidUntil.IsZero())
	assert.True(t, links[1].DialInAllowed)
	assert.Len(t, links[1].DialInCode, 8)
	assert.Equal(t, moderator.ID, links[1].PermissionGroupID)
	assert.Equal(t, 1, srv.AppliedCount(alfaviewtest.OpLinksCreateGroupLinks))
	assert.Equal(t, links, srv.GroupLinks(room.ID))

	listed, err := c.Links.ListGroupLinks(ctx, room.ID)
	require.NoError(t, err)
	assert.Equal(t, links, listed)

	require.NoError(t, c.Links.Delete(ctx, room.ID, links[1].ID))
	listed, err = c.Links.ListGroupLinks(ctx, room.ID)
	require.NoError(t, err)
	assert.Equal(t, []alfaview.GroupLink{links[0], links[2]}, listed)

	err = c.Links.Delete(ctx, room.ID, links[1].ID)
	require.ErrorIs(t, err, alfaview.ErrNotFound, "deleting twice on purpose is reported")
	assert.NotErrorIs(t, err, alfaview.ErrRoomNotFound)
	assert.Equal(t, 1, srv.AppliedCount(alfaviewtest.OpLinksDelete))
}

func TestListLinksOfTheCompany(t *testing.T) {
	srv, c := newFake(t)
	ctx := context.Background()
	pg := participant(t, srv)
	a := srv.AddRoom(alfaview.Room{DisplayName: "A"})
	b := srv.AddRoom(alfaview.Room{DisplayName: "B"})
	for _, r := range []alfaview.Room{a, b} {
		_, err := c.Links.CreateGroupLinks(ctx, r.ID, []alfaview.GroupLinkCreation{{Description: r.DisplayName, PermissionGroupID: pg}})
		require.NoError(t, err)
	}
	all, err := c.Links.ListGroupLinks(ctx, "")
	require.NoError(t, err)
	require.Len(t, all, 2)
	assert.Equal(t, []string{a.ID, b.ID}, []string{all[0].RoomID, all[1].RoomID})

	_, err = c.Links.ListGroupLinks(ctx, "no-such-room")
	require.ErrorIs(t, err, alfaview.ErrRoomNotFound)
}

func TestGuestLinksLifecycle(t *testing.T) {
	srv, c := newFake(t)
	ctx := context.Background()
	room := srv.AddRoom(alfaview.Room{DisplayName: "Interview"})
	pg := participant(t, srv)
	until := time.Date(2030, 1, 2, 18, 0, 0, 0, time.UTC)
	links, err := c.Links.CreateGuestLinks(ctx, room.ID, []alfaview.GuestLinkCreation{
		{Email: "ada@example.com", DisplayName: "Ada", Locale: "en", ValidUntil: until, PermissionGroupID: pg, SendEmail: true},
		{Email: "bo@example.de", DisplayName: "Bo", Locale: "de", PermissionGroupID: pg},
	})
	require.NoError(t, err)
	require.Len(t, links, 2)
	assert.Equal(t, "Ada", links[0].DisplayName)
	assert.Equal(t, "ada@example.com", links[0].Email)
	assert.Equal(t, "en", links[0].Locale)
	assert.Equal(t, until, links[0].ValidUntil)
	assert.Equal(t, "de", links[1].Locale)
	assert.Regexp(t, joinLinkFormat, links[0].JoinLink)
	assert.Equal(t, 1, srv.AppliedCount(alfaviewtest.OpLinksCreateGuestLinks))

	listed, err := c.Links.ListGuestLinks(ctx, room.ID)
	require.NoError(t, err)
	assert.Equal(t, links, listed)
	assert.Equal(t, links, srv.GuestLinks(room.ID))

	require.NoError(t, c.Links.Delete(ctx, room.ID, links[0].ID))
	listed, err = c.Links.ListGuestLinks(ctx, "")
	require.NoError(t, err)
	assert.Equal(t, links[1:], listed)
}

func TestCreateLinksServerErrors(t *testing.T) {
	srv, c := newFake(t)
	ctx := context.Background()
	room := srv.AddRoom(alfaview.Room{DisplayName: "Lab"})

	_, err := c.Links.CreateGroupLinks(ctx, "no-such-room", []alfaview.GroupLinkCreation{{PermissionGroupID: participant(t, srv)}})
	require.ErrorIs(t, err, alfaview.ErrRoomNotFound)
	require.ErrorIs(t, err, alfaview.ErrNotFound)

	_, err = c.Links.CreateGroupLinks(ctx, room.ID, []alfaview.GroupLinkCreation{{PermissionGroupID: "no-such-group"}})
	require.ErrorIs(t, err, alfaview.ErrInvalidArgument)
	var e *alfaview.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 200, e.HTTPStatus)
	assert.Equal(t, "INVALID_ARGUMENT", e.StatusCode)
	assert.NotEmpty(t, e.RequestID)

	_, err = c.Links.CreateGuestLinks(ctx, "no-such-room", []alfaview.GuestLinkCreation{{Email: "a@b.example", DisplayName: "A", PermissionGroupID: "x"}})
	require.ErrorIs(t, err, alfaview.ErrRoomNotFound)
	assert.Zero(t, srv.AppliedCount(alfaviewtest.OpLinksCreateGroupLinks)+srv.AppliedCount(alfaviewtest.OpLinksCreateGuestLinks))

	err = c.Links.Delete(ctx, "no-such-room", "l1")
	require.ErrorIs(t, err, alfaview.ErrRoomNotFound)
}

// Bad parameters are refused before anything is sent, naming every bad field.
func TestLinksValidation(t *testing.T) {
	srv, c := newFake(t)
	ctx := context.Background()
	t0 := time.Date(2030, 1, 1, 10, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name   string
		call   func() error
		fields []string
	}{
		{"group: no room, no links", func() error {
			_, err := c.Links.CreateGroupLinks(ctx, " ", nil)
			return err
		}, []string{"roomID", "links"}},
		{"group: missing group, backwards window", func() error {
			_, err := c.Links.CreateGroupLinks(ctx, "r", []alfaview.GroupLinkCreation{
				{PermissionGroupID: "pg"},
				{ValidFrom: t0, ValidUntil: t0.Add(-time.Hour)},
			})
			return err
		}, []string{"links[1].PermissionGroupID", "links[1].ValidUntil"}},
		{"group: empty window", func() error {
			_, err := c.Links.CreateGroupLinks(ctx, "r", []alfaview.GroupLinkCreation{
				{PermissionGroupID: "pg", ValidFrom: t0, ValidUntil: t0.Add(500 * time.Millisecond)}, // the same second on the wire
			})
			return err
		}, []string{"links[0].ValidUntil"}},
		{"guest: every field", func() error {
			_, err := c.Links.CreateGuestLinks(ctx, "r", []alfaview.GuestLinkCreation{
				{Email: "Ada <ada@example.com>", DisplayName: " ", Locale: "en US", ValidFrom: t0, ValidUntil: t0},
			})
			return err
		}, []string{"links[0].Email", "links[0].DisplayName", "links[0].Locale", "links[0].PermissionGroupID", "links[0].ValidUntil"}},
		{"guest: no room, no links", func() error {
			_, err := c.Links.CreateGuestLinks(ctx, "", []alfaview.GuestLinkCreation{})
			return err
		}, []string{"roomID", "links"}},
		{"guest: address without domain dot", func() error {
			_, err := c.Links.CreateGuestLinks(ctx, "r", []alfaview.GuestLinkCreation{{Email: "ada@localhost", DisplayName: "A", PermissionGroupID: "pg"}})
			return err
		}, []string{"links[0].Email"}},
		{"delete", func() error { return c.Links.Delete(ctx, "", "") }, []string{"roomID", "linkID"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.call()
			require.ErrorIs(t, err, alfaview.ErrInvalidParams)
			var ve *validate.Error
			require.ErrorAs(t, err, &ve)
			var fields []string
			for _, p := range ve.Problems {
				fields = append(fields, p.Field)
			}
			assert.Equal(t, tc.fields, fields)
			assert.Equal(t, 0, srv.RequestCount(), "nothing sent, not even authenticate")
		})
	}
	for _, ok := range []string{"ada@example.com", "a.b+c@sub.example.co.uk"} {
		assert.False(t, strings.Contains(validationOf(c, ok), "Email"), ok)
	}
}

func validationOf(c *alfaview.Client, email string) string {
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // a valid call stops at the cancelled context, before sending
	_, err := c.Links.CreateGuestLinks(ctx, "r", []alfaview.GuestLinkCreation{{Email: email, DisplayName: "A", PermissionGroupID: "pg"}})
	return err.Error()
}

// Against the fake: the official optional fields and the free-form
// locale work end to end, and the origin is recorded on the links.
func TestLinksOptionalFieldsThroughTheFake(t *testing.T) {
	srv := alfaviewtest.NewServer(t)
	c := newClient(t, srv, srv.APIKeyCredentials(), alfaview.WithOrigin("invite-bot"))
	ctx := context.Background()
	room := srv.AddRoom(alfaview.Room{DisplayName: "Lab"})
	pg := participant(t, srv)
	guests, err := c.Links.CreateGuestLinks(ctx, room.ID, []alfaview.GuestLinkCreation{
		{Email: "ada@example.com", PermissionGroupID: pg, Locale: "en-US", AllowDialIn: true, SkipRoomPermissionsUpdate: true},
		{Email: "bo@example.com", PermissionGroupID: pg},
	})
	require.NoError(t, err)
	require.Len(t, guests, 2)
	assert.Empty(t, guests[0].DisplayName)
	assert.Equal(t, "en-US", guests[0].Locale)
	assert.Equal(t, "en", guests[1].Locale, "alfaview's default")
	assert.True(t, guests[0].DialInAllowed)
	assert.Equal(t, "invite-bot", guests[0].Origin)
	groups, err := c.Links.CreateGroupLinks(ctx, room.ID, []alfaview.GroupLinkCreation{{PermissionGroupID: pg, SkipRoomPermissionsUpdate: true}})
	require.NoError(t, err)
	assert.Equal(t, "invite-bot", groups[0].Origin)
	assert.Equal(t, groups, srv.GroupLinks(room.ID))
	assert.Equal(t, guests, srv.GuestLinks(room.ID))
}
