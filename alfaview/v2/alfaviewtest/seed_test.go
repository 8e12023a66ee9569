package alfaviewtest_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/alfaview/v2/alfaviewtest"
)

func TestSeeding(t *testing.T) {
	clock := alfaviewtest.NewManualClock(time.Date(2030, 7, 1, 0, 0, 0, 0, time.UTC))
	srv, c := newServer(t, alfaviewtest.WithClock(clock))
	other := alfaviewtest.NewServer(t)
	assert.Equal(t, srv.UserID(), other.UserID(), "ids come from the same seeded generator")
	assert.Equal(t, srv.PermissionGroupID("Guest"), other.PermissionGroupID("guest"))
	assert.Regexp(t, uuidRE, srv.PermissionGroupID("Spectator"))
	assert.Empty(t, srv.PermissionGroupID("nobody"))
	assert.Empty(t, srv.Rooms())
	_, found := srv.Room("nope")
	assert.False(t, found)
	_, found = srv.Meeting("nope")
	assert.False(t, found)
	_, found = srv.LanguageSettings("nope")
	assert.False(t, found)

	perms := alfaviewtest.Permissions{Join: true}
	room := srv.AddRoom(alfaviewtest.Room{DisplayName: "Seeded", DefaultPermissions: &perms,
		Features: alfaviewtest.RoomFeatures{RaiseHands: alfaviewtest.FeatureEnabled}, Subrooms: []alfaviewtest.Subroom{{DisplayName: "S"}}})
	perms.Admin = true
	assert.Equal(t, alfaviewtest.RoomTypeRoom, room.Type)
	assert.Equal(t, clock.Now(), room.CreatedAt)
	assert.Equal(t, srv.UserID(), room.CreatedBy)
	assert.Equal(t, alfaviewtest.FeatureEnabled, room.Features.RaiseHands)
	assert.Equal(t, alfaviewtest.FeatureDefault, room.Features.BlockWebclient, "features left empty are default")
	assert.Equal(t, 50, room.Quotas.ActiveParticipants)
	require.Len(t, room.Subrooms, 1)
	assert.Regexp(t, uuidRE, room.Subrooms[0].ID)
	got := c.want(http.StatusOK, http.MethodGet, "/v2/rooms/"+room.ID, "").obj()
	assert.Equal(t, false, got["defaultPermissions"].(map[string]any)["admin"], "the fake keeps its own copy")
	assert.Equal(t, []alfaviewtest.Room{room}, srv.Rooms())

	assert.Panics(t, func() { srv.AddRoom(alfaviewtest.Room{ID: room.ID}) })
	assert.Panics(t, func() { srv.AddRoom(alfaviewtest.Room{Type: "office"}) })
	assert.Panics(t, func() { srv.AddRoom(alfaviewtest.Room{ParentID: "missing"}) })
	assert.Panics(t, func() { srv.AddParticipant("missing", "", alfaviewtest.Participant{}) })
	assert.Panics(t, func() { srv.AddParticipant(room.ID, "missing", alfaviewtest.Participant{}) })
	assert.Panics(t, func() { srv.AddAttendance(room.ID, "u", alfaviewtest.Attendance{From: clock.Now(), To: clock.Now()}) })
	assert.Panics(t, func() { srv.AddGroupLink(alfaviewtest.GroupLink{RoomID: room.ID, PermissionGroupID: "missing"}) })
	assert.Panics(t, func() { srv.AddGuestLink(alfaviewtest.GuestLink{RoomID: "missing"}) })

	until := clock.Now().Add(time.Hour)
	link := srv.AddGroupLink(alfaviewtest.GroupLink{RoomID: room.ID, PermissionGroupID: srv.PermissionGroupID("Guest"), ValidUntil: &until})
	*link.ValidUntil = clock.Now()
	assert.Equal(t, until, *srv.GroupLinks(room.ID)[0].ValidUntil, "what the fake hands out shares nothing with it")
	assert.Equal(t, srv.GroupLinks(""), srv.GroupLinks(room.ID))
	assert.Empty(t, srv.GroupLinks("other"))
}

func TestNewServerWithoutTB(t *testing.T) {
	srv := alfaviewtest.NewServer(nil)
	c := &client{t: t, srv: srv}
	c.login()
	srv.Close()
	srv.Close()
}
