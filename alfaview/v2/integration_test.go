package alfaview_test

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	alfaview "github.com/grantkit/grantkit-go/alfaview/v2"
	"github.com/grantkit/grantkit-go/alfaview/v2/alfaviewtest"
)

// The tests in this file drive every method of the client against the fake
// (alfaviewtest), which was written from the official SDK independently of
// the client: a request the fake's schema refuses, or an answer the client
// cannot decode, fails here even when each side passes its own tests.

// epoch is the fakes' time in these tests, so that times in answers are
// known.
var epoch = time.Date(2030, 3, 14, 9, 0, 0, 0, time.UTC)

// newFake starts a fake on a manual clock reading epoch and returns it with
// a client logged in by API key.
func newFake(t *testing.T, opts ...alfaview.Option) (*alfaviewtest.Server, *alfaviewtest.ManualClock, *alfaview.Client) {
	t.Helper()
	clock := alfaviewtest.NewManualClock(epoch)
	srv := alfaviewtest.NewServer(t, alfaviewtest.WithClock(clock))
	return srv, clock, fakeClient(t, srv, srv.APIKeyCredentials(), opts...)
}

func fakeClient(t *testing.T, srv *alfaviewtest.Server, creds alfaview.Credentials, opts ...alfaview.Option) *alfaview.Client {
	t.Helper()
	c, err := alfaview.NewClient(creds, append(srv.Options(), opts...)...)
	require.NoError(t, err)
	return c
}

// all drains seq and fails t on an error.
func all[T any](t *testing.T, seq iter.Seq2[*T, error]) []T {
	t.Helper()
	var out []T
	for v, err := range seq {
		require.NoError(t, err)
		out = append(out, *v)
	}
	return out
}

// apiError returns the *alfaview.Error in err.
func apiError(t *testing.T, err error) *alfaview.Error {
	t.Helper()
	var e *alfaview.Error
	require.ErrorAs(t, err, &e)
	return e
}

// requestsTo counts the recorded requests of method path.
func requestsTo(srv *alfaviewtest.Server, method, path string) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Method == method && r.Path == path {
			n++
		}
	}
	return n
}

func displayNames(rooms []alfaview.Room) []string {
	out := make([]string, len(rooms))
	for i, r := range rooms {
		out[i] = r.DisplayName
	}
	return out
}

func TestRoomLifecycle(t *testing.T) {
	srv, _, c := newFake(t)
	ctx := t.Context()

	dept, err := c.Rooms.Create(ctx, &alfaview.RoomCreate{DisplayName: "Training", Type: alfaview.RoomTypeDepartment})
	require.NoError(t, err)
	id, err := c.Rooms.Create(ctx, &alfaview.RoomCreate{
		DisplayName:            "Workshop",
		Type:                   alfaview.RoomTypeRoom,
		ParentID:               dept,
		WaitingRoomEnabled:     true,
		WaitingRoomWelcomeNote: "Welcome, please wait",
		Quotas:                 &alfaview.RoomQuotas{ActiveParticipants: 20, SpectatorOnlyParticipants: 100, MaxVideoTilesPerPage: 9},
		Features:               alfaview.RoomFeatures{RaiseHands: alfaview.FeatureEnabled, BlockWebclient: alfaview.FeatureDisabled},
		DefaultPermissions:     &alfaview.Permissions{Chat: true, Join: true},
		Permissions:            []alfaview.ParticipantPermissions{{ParticipantID: srv.UserID(), Permissions: alfaview.Permissions{Admin: true, Join: true}}},
		Subrooms:               []alfaview.SubroomEdit{{DisplayName: "Group A"}, {}},
	})
	require.NoError(t, err)
	assert.Equal(t, 2, srv.AppliedCount(alfaviewtest.OpRoomsCreate), "the department and the room")

	room, err := c.Rooms.Get(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, id, room.ID)
	assert.Equal(t, "Workshop", room.DisplayName)
	assert.Equal(t, alfaview.RoomTypeRoom, room.Type)
	assert.Equal(t, dept, room.ParentID)
	assert.Equal(t, epoch, room.CreatedAt)
	assert.Equal(t, srv.UserID(), room.CreatedBy)
	assert.True(t, room.WaitingRoomEnabled)
	assert.Equal(t, "Welcome, please wait", room.WaitingRoomWelcomeNote)
	assert.Equal(t, &alfaview.RoomQuotas{ActiveParticipants: 20, SpectatorOnlyParticipants: 100, MaxVideoTilesPerPage: 9}, room.Quotas)
	assert.Equal(t, alfaview.FeatureEnabled, room.Features.RaiseHands)
	assert.Equal(t, alfaview.FeatureDisabled, room.Features.BlockWebclient)
	assert.Equal(t, alfaview.FeatureDefault, room.Features.SixteenByNineVideos, "features not set are the default")
	assert.Equal(t, &alfaview.Permissions{Chat: true, Join: true}, room.DefaultPermissions)
	assert.Equal(t, []alfaview.ParticipantPermissions{{ParticipantID: srv.UserID(), Permissions: alfaview.Permissions{Admin: true, Join: true}}}, room.UserPermissions)
	require.Len(t, room.Subrooms, 2)
	assert.Equal(t, "Group A", room.Subrooms[0].DisplayName)
	assert.Empty(t, room.Subrooms[1].DisplayName, "a generic, numbered name")
	assert.Equal(t, []int32{0, 1}, []int32{room.Subrooms[0].Sort, room.Subrooms[1].Sort})

	require.NoError(t, c.Rooms.Update(ctx, id, &alfaview.RoomUpdate{
		DisplayName:        alfaview.Ptr("Workshop (full day)"),
		WaitingRoomEnabled: alfaview.Ptr(false),
		Features:           &alfaview.RoomFeatures{SixteenByNineVideos: alfaview.FeatureEnabled},
		Subrooms:           []alfaview.SubroomListItem{{ID: room.Subrooms[1].ID, DisplayName: "Group B"}, {DisplayName: "Group C"}},
		Permissions:        []alfaview.ParticipantPermissions{},
	}))
	assert.Equal(t, 1, srv.AppliedCount(alfaviewtest.OpRoomsUpdate))
	room, err = c.Rooms.Get(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, "Workshop (full day)", room.DisplayName)
	assert.False(t, room.WaitingRoomEnabled)
	assert.Equal(t, "Welcome, please wait", room.WaitingRoomWelcomeNote, "a field the update left nil stays")
	assert.Equal(t, alfaview.FeatureEnabled, room.Features.SixteenByNineVideos)
	assert.Equal(t, alfaview.FeatureDefault, room.Features.RaiseHands, "Features replaces the whole set")
	assert.Empty(t, room.UserPermissions, "an empty Permissions list removes every entry")
	require.Len(t, room.Subrooms, 2, "Subrooms is the complete new list")
	assert.Equal(t, "Group B", room.Subrooms[0].DisplayName)
	assert.Equal(t, "Group C", room.Subrooms[1].DisplayName)

	// An update that changes nothing is accepted and applies nothing.
	require.NoError(t, c.Rooms.Update(ctx, id, &alfaview.RoomUpdate{}))
	assert.Equal(t, 1, srv.AppliedCount(alfaviewtest.OpRoomsUpdate))

	err = c.Rooms.Delete(ctx, dept)
	assert.ErrorIs(t, err, alfaview.ErrConflict, "a department that still holds a room")
	require.NoError(t, c.Rooms.Delete(ctx, id))
	require.NoError(t, c.Rooms.Delete(ctx, dept))
	assert.Equal(t, 2, srv.AppliedCount(alfaviewtest.OpRoomsDelete))
	assert.Empty(t, srv.Rooms())

	_, err = c.Rooms.Get(ctx, id)
	assert.ErrorIs(t, err, alfaview.ErrNotFound)
	err = c.Rooms.Delete(ctx, id)
	assert.ErrorIs(t, err, alfaview.ErrNotFound, "a room that was never there on the first attempt is not found")
	err = c.Rooms.Update(ctx, id, &alfaview.RoomUpdate{DisplayName: alfaview.Ptr("x")})
	assert.ErrorIs(t, err, alfaview.ErrNotFound)
}

func TestRoomsListPages(t *testing.T) {
	srv, _, c := newFake(t)
	ctx := t.Context()
	var want []string
	for i := range 5 {
		want = append(want, srv.AddRoom(alfaviewtest.Room{DisplayName: fmt.Sprintf("Room %d", i+1)}).DisplayName)
	}
	dept := srv.AddRoom(alfaviewtest.Room{DisplayName: "Department", Type: alfaviewtest.RoomTypeDepartment})
	srv.ResetRequests()

	got := all(t, c.Rooms.List(ctx, &alfaview.ListRoomsOptions{Types: []alfaview.RoomType{alfaview.RoomTypeRoom}, Limit: 2}))
	assert.Equal(t, want, displayNames(got))
	assert.Equal(t, 1+3, srv.RequestCount(), "the login and pages of 2, 2 and 1")
	for _, r := range srv.Requests()[1:] {
		assert.Contains(t, r.RawQuery, "roomTypes=room")
		assert.Contains(t, r.RawQuery, "limit=2")
	}

	got = all(t, c.Rooms.List(ctx, &alfaview.ListRoomsOptions{Types: []alfaview.RoomType{alfaview.RoomTypeDepartment, alfaview.RoomTypeMeeting}}))
	assert.Equal(t, []string{dept.DisplayName}, displayNames(got), "a comma-separated filter")
	assert.Len(t, all(t, c.Rooms.List(ctx, nil)), 6)

	// Breaking out of the loop sends no further page request.
	srv.ResetRequests()
	for _, err := range c.Rooms.List(ctx, &alfaview.ListRoomsOptions{Limit: 1}) {
		require.NoError(t, err)
		break
	}
	assert.Equal(t, 1, srv.RequestCount())

	// By hand, resuming from a saved token.
	page, err := c.Rooms.ListPage(ctx, &alfaview.ListRoomsOptions{Limit: 4}, "")
	require.NoError(t, err)
	assert.Len(t, page.Rooms, 4)
	require.NotEmpty(t, page.NextPageToken)
	resumed, err := c.Rooms.ListPage(ctx, &alfaview.ListRoomsOptions{Limit: 4}, page.NextPageToken)
	require.NoError(t, err)
	next, err := page.NextPage(ctx)
	require.NoError(t, err)
	assert.Equal(t, resumed.Rooms, next.Rooms)
	assert.Len(t, next.Rooms, 2)
	assert.Empty(t, next.NextPageToken)
	_, err = next.NextPage(ctx)
	assert.ErrorIs(t, err, alfaview.ErrNoMorePages)

	// A token is tied to its filter: the fake refuses it for another one.
	_, err = c.Rooms.ListPage(ctx, &alfaview.ListRoomsOptions{Types: []alfaview.RoomType{alfaview.RoomTypeRoom}}, page.NextPageToken)
	assert.ErrorIs(t, err, alfaview.ErrInvalidArgument)
	assert.Equal(t, "query.pageToken", apiError(t, err).Details[0].Location)
}

func TestSubrooms(t *testing.T) {
	srv, _, c := newFake(t)
	ctx := t.Context()
	room := srv.AddRoom(alfaviewtest.Room{DisplayName: "Workshop"})

	subs, err := c.Rooms.ListSubrooms(ctx, room.ID)
	require.NoError(t, err)
	assert.Empty(t, subs)

	a, err := c.Rooms.CreateSubroom(ctx, room.ID, &alfaview.SubroomEdit{DisplayName: "Group A"})
	require.NoError(t, err)
	b, err := c.Rooms.CreateSubroom(ctx, room.ID, &alfaview.SubroomEdit{})
	require.NoError(t, err)
	assert.Equal(t, 2, srv.AppliedCount(alfaviewtest.OpRoomsCreateSubroom))

	require.NoError(t, c.Rooms.UpdateSubroom(ctx, room.ID, b, &alfaview.SubroomEdit{DisplayName: "Group B"}))
	assert.Equal(t, 1, srv.AppliedCount(alfaviewtest.OpRoomsUpdateSubroom))
	subs, err = c.Rooms.ListSubrooms(ctx, room.ID)
	require.NoError(t, err)
	assert.Equal(t, []alfaview.Subroom{{ID: a, DisplayName: "Group A", Sort: 0}, {ID: b, DisplayName: "Group B", Sort: 1}}, subs)

	require.NoError(t, c.Rooms.DeleteSubroom(ctx, room.ID, a))
	assert.Equal(t, 1, srv.AppliedCount(alfaviewtest.OpRoomsDeleteSubroom))
	subs, err = c.Rooms.ListSubrooms(ctx, room.ID)
	require.NoError(t, err)
	assert.Len(t, subs, 1)

	err = c.Rooms.DeleteSubroom(ctx, room.ID, a)
	assert.ErrorIs(t, err, alfaview.ErrNotFound)
	err = c.Rooms.UpdateSubroom(ctx, room.ID, a, &alfaview.SubroomEdit{DisplayName: "x"})
	assert.ErrorIs(t, err, alfaview.ErrNotFound)
	_, err = c.Rooms.ListSubrooms(ctx, "no-such-room")
	assert.ErrorIs(t, err, alfaview.ErrNotFound)
}

func TestRoomPermissions(t *testing.T) {
	srv, _, c := newFake(t)
	ctx := t.Context()
	room := srv.AddRoom(alfaviewtest.Room{DisplayName: "Workshop"})
	grace := srv.AddUser(alfaviewtest.User{EmailAddress: "grace@example.com", FirstName: "Grace", LastName: "Hopper"})
	pg := srv.PermissionGroupID("Participant")
	links, err := c.GroupLinks.Create(ctx, room.ID, &alfaview.CreateGroupLinksParams{Links: []alfaview.GroupLinkCreate{{Description: "Team", PermissionGroupID: pg}}})
	require.NoError(t, err)

	require.NoError(t, c.Rooms.CreatePermissions(ctx, room.ID, &alfaview.ParticipantPermissions{
		ParticipantID: grace.ID, Permissions: alfaview.Permissions{Join: true, Chat: true}}))
	assert.Equal(t, 1, srv.AppliedCount(alfaviewtest.OpRoomsCreatePermissions))
	err = c.Rooms.CreatePermissions(ctx, room.ID, &alfaview.ParticipantPermissions{ParticipantID: grace.ID})
	assert.ErrorIs(t, err, alfaview.ErrConflict, "the user has permissions in the room already")
	err = c.Rooms.CreatePermissions(ctx, room.ID, &alfaview.ParticipantPermissions{ParticipantID: "nobody"})
	assert.ErrorIs(t, err, alfaview.ErrInvalidArgument)

	require.NoError(t, c.Rooms.UpdatePermissions(ctx, room.ID, grace.ID, &alfaview.PermissionsEdit{Chat: alfaview.Ptr(false), Screen: alfaview.Ptr(true)}))
	assert.Equal(t, 1, srv.AppliedCount(alfaviewtest.OpRoomsUpdatePermissions))
	perms, err := c.Rooms.ListPermissions(ctx, room.ID)
	require.NoError(t, err)
	assert.Equal(t, []alfaview.ParticipantPermissions{{ParticipantID: grace.ID, Permissions: alfaview.Permissions{Join: true, Screen: true}}},
		perms.UserPermissions, "the flags the edit left nil stay")
	require.Len(t, perms.GroupLinkPermissions, 1)
	assert.Equal(t, links[0], perms.GroupLinkPermissions[0].ParticipantID)
	assert.Empty(t, perms.GuestLinkPermissions)

	require.NoError(t, c.Rooms.DeletePermissions(ctx, room.ID, grace.ID))
	assert.Equal(t, 1, srv.AppliedCount(alfaviewtest.OpRoomsDeletePermissions))
	perms, err = c.Rooms.ListPermissions(ctx, room.ID)
	require.NoError(t, err)
	assert.Empty(t, perms.UserPermissions)
	err = c.Rooms.DeletePermissions(ctx, room.ID, grace.ID)
	assert.ErrorIs(t, err, alfaview.ErrNotFound)
	err = c.Rooms.UpdatePermissions(ctx, room.ID, grace.ID, &alfaview.PermissionsEdit{Join: alfaview.Ptr(true)})
	assert.ErrorIs(t, err, alfaview.ErrNotFound)
}

func TestRoomFeatures(t *testing.T) {
	srv, _, c := newFake(t)
	ctx := t.Context()
	room := srv.AddRoom(alfaviewtest.Room{DisplayName: "Workshop"})

	f, err := c.Rooms.GetFeatures(ctx, room.ID)
	require.NoError(t, err)
	assert.Equal(t, alfaview.FeatureDefault, f.RaiseHands)

	require.NoError(t, c.Rooms.UpdateFeatures(ctx, room.ID, &alfaview.RoomFeatures{RaiseHands: alfaview.FeatureDisabled, DisableMiniWindow: alfaview.FeatureEnabled}))
	require.NoError(t, c.Rooms.UpdateFeatures(ctx, room.ID, &alfaview.RoomFeatures{BlockWebclient: alfaview.FeatureEnabled}))
	assert.Equal(t, 2, srv.AppliedCount(alfaviewtest.OpRoomsUpdateFeatures))
	f, err = c.Rooms.GetFeatures(ctx, room.ID)
	require.NoError(t, err)
	assert.Equal(t, alfaview.FeatureDisabled, f.RaiseHands, "features an edit leaves empty stay")
	assert.Equal(t, alfaview.FeatureEnabled, f.DisableMiniWindow)
	assert.Equal(t, alfaview.FeatureEnabled, f.BlockWebclient)
	assert.Equal(t, alfaview.FeatureDefault, f.SortVideoGridAlphabetically)

	require.NoError(t, c.Rooms.DeleteFeatures(ctx, room.ID))
	assert.Equal(t, 1, srv.AppliedCount(alfaviewtest.OpRoomsDeleteFeatures))
	f, err = c.Rooms.GetFeatures(ctx, room.ID)
	require.NoError(t, err)
	assert.Equal(t, alfaview.FeatureDefault, f.RaiseHands)
	assert.Equal(t, alfaview.FeatureDefault, f.BlockWebclient)

	_, err = c.Rooms.GetFeatures(ctx, "no-such-room")
	assert.ErrorIs(t, err, alfaview.ErrNotFound)
}

func TestLanguageSettings(t *testing.T) {
	srv, _, c := newFake(t)
	ctx := t.Context()
	room := srv.AddRoom(alfaviewtest.Room{DisplayName: "Workshop"})

	langs, err := c.Rooms.ListLanguages(ctx)
	require.NoError(t, err)
	require.NotEmpty(t, langs.Transcription)
	require.NotEmpty(t, langs.Translation)
	assert.NotContains(t, langs.Translation[0].Out, langs.Translation[0].In)

	ls, err := c.Rooms.GetLanguageSettings(ctx, room.ID)
	require.NoError(t, err)
	assert.False(t, ls.TranscriptionEnabled)
	assert.Equal(t, alfaview.TranscriptionSimple, ls.TranscriptionType)

	require.NoError(t, c.Rooms.UpdateLanguageSettings(ctx, room.ID, &alfaview.LanguageSettingsEdit{
		DefaultSpokenLanguage:        alfaview.Ptr(langs.Transcription[0]),
		TargetTranscriptionLanguages: langs.Translation[0].Out[:2],
		TranscriptionEnabled:         alfaview.Ptr(true),
		TranscriptionType:            alfaview.TranscriptionDigitalInterpreter,
	}))
	assert.Equal(t, 1, srv.AppliedCount(alfaviewtest.OpRoomsUpdateLanguageSettings))
	ls, err = c.Rooms.GetLanguageSettings(ctx, room.ID)
	require.NoError(t, err)
	assert.Equal(t, &alfaview.LanguageSettings{
		DefaultSpokenLanguage:        langs.Transcription[0],
		TargetTranscriptionLanguages: langs.Translation[0].Out[:2],
		TranscriptionEnabled:         true,
		TranscriptionType:            alfaview.TranscriptionDigitalInterpreter,
	}, ls)

	// An empty list clears the languages; the rest stays.
	require.NoError(t, c.Rooms.UpdateLanguageSettings(ctx, room.ID, &alfaview.LanguageSettingsEdit{TargetTranscriptionLanguages: []string{}}))
	ls, err = c.Rooms.GetLanguageSettings(ctx, room.ID)
	require.NoError(t, err)
	assert.Empty(t, ls.TargetTranscriptionLanguages)
	assert.True(t, ls.TranscriptionEnabled)
}

func TestParticipantsAndRoomTypes(t *testing.T) {
	srv, _, c := newFake(t)
	ctx := t.Context()
	room := srv.AddRoom(alfaviewtest.Room{DisplayName: "Workshop", Subrooms: []alfaviewtest.Subroom{{DisplayName: "Group A"}}})
	srv.AddParticipant(room.ID, "", alfaviewtest.Participant{UserID: srv.UserID(), DisplayName: "Ada"})
	srv.AddParticipant(room.ID, room.Subrooms[0].ID, alfaviewtest.Participant{UserID: "guest-1", DisplayName: "Visitor", IsGuest: true, InWaitingRoom: true})

	ps, err := c.Rooms.ListParticipants(ctx, room.ID)
	require.NoError(t, err)
	assert.Equal(t, []alfaview.SubroomParticipants{
		{SubroomID: room.ID, Participants: []alfaview.Participant{{UserID: srv.UserID(), DisplayName: "Ada"}}},
		{SubroomID: room.Subrooms[0].ID, Participants: []alfaview.Participant{{UserID: "guest-1", DisplayName: "Visitor", IsGuest: true, InWaitingRoom: true}}},
	}, ps)

	types, err := c.Rooms.ListTypes(ctx)
	require.NoError(t, err)
	byName := map[string]alfaview.RoomTypeData{}
	for _, rt := range types {
		byName[rt.Name] = rt
	}
	require.Contains(t, byName, "room")
	assert.Equal(t, int64(1), byName["room"].Used)
	assert.Positive(t, byName["room"].Total)
	assert.Positive(t, byName["room"].MaxSubrooms)

	groups, err := c.PermissionGroups.List(ctx)
	require.NoError(t, err)
	var names []string
	for _, g := range groups {
		names = append(names, g.Name)
		assert.Equal(t, srv.PermissionGroupID(g.Name), g.ID)
	}
	assert.Equal(t, []string{"Moderator", "Participant", "Guest", "Spectator"}, names)
	assert.True(t, groups[0].Permissions.Promote)
}

func TestGroupLinkLifecycle(t *testing.T) {
	srv, _, c := newFake(t)
	ctx := t.Context()
	room := srv.AddRoom(alfaviewtest.Room{DisplayName: "Workshop"})
	other := srv.AddRoom(alfaviewtest.Room{DisplayName: "Other"})
	participant, moderator := srv.PermissionGroupID("Participant"), srv.PermissionGroupID("Moderator")
	from := epoch.Add(time.Hour)

	ids, err := c.GroupLinks.Create(ctx, room.ID, &alfaview.CreateGroupLinksParams{
		Origin: "booking tool",
		Links: []alfaview.GroupLinkCreate{
			{Description: "Team", PermissionGroupID: participant, DialInAllowed: true, ValidFrom: from, ValidUntil: from.Add(2 * time.Hour)},
			{Description: "Hosts", PermissionGroupID: moderator},
		},
	})
	require.NoError(t, err)
	require.Len(t, ids, 2)
	assert.Equal(t, 1, srv.AppliedCount(alfaviewtest.OpGroupLinksCreate), "one create for both links")
	_, err = c.GroupLinks.Create(ctx, other.ID, &alfaview.CreateGroupLinksParams{Links: []alfaview.GroupLinkCreate{{Description: "Elsewhere", PermissionGroupID: participant}}})
	require.NoError(t, err)

	team, err := c.GroupLinks.Get(ctx, ids[0])
	require.NoError(t, err)
	assert.Equal(t, ids[0], team.ID)
	assert.Equal(t, room.ID, team.RoomID)
	assert.Equal(t, "Team", team.Description)
	assert.Equal(t, participant, team.PermissionGroupID)
	assert.True(t, team.DialInAllowed)
	assert.NotEmpty(t, team.DialInCode)
	assert.Equal(t, "booking tool", team.Origin)
	assert.Equal(t, from, team.ValidFrom)
	assert.Equal(t, from.Add(2*time.Hour), team.ValidUntil)
	assert.Equal(t, epoch, team.CreatedAt)
	assert.Equal(t, srv.UserID(), team.CreatedBy)
	assert.Equal(t, "https://app.alfaview.com/#/join/"+alfaviewtest.CompanyID+"/"+room.ID+"/"+team.AccessKey+"/v2", team.JoinLink)
	hosts, err := c.GroupLinks.Get(ctx, ids[1])
	require.NoError(t, err)
	assert.Equal(t, "Hosts", hosts.Description, "ids come back in request order")
	assert.True(t, hosts.ValidFrom.IsZero() && hosts.ValidUntil.IsZero(), "a link without bounds")
	assert.Empty(t, hosts.DialInCode)

	inRoom := all(t, c.GroupLinks.List(ctx, &alfaview.ListLinksOptions{RoomID: room.ID, Limit: 1}))
	assert.Equal(t, []alfaview.GroupLink{*team, *hosts}, inRoom)
	assert.Len(t, all(t, c.GroupLinks.List(ctx, nil)), 3, "every room's links")
	page, err := c.GroupLinks.ListPage(ctx, &alfaview.ListLinksOptions{Limit: 2}, "")
	require.NoError(t, err)
	assert.Len(t, page.GroupLinks, 2)
	page, err = page.NextPage(ctx)
	require.NoError(t, err)
	assert.Len(t, page.GroupLinks, 1)
	_, err = page.NextPage(ctx)
	assert.ErrorIs(t, err, alfaview.ErrNoMorePages)
	page, err = c.GroupLinks.ListPage(ctx, &alfaview.ListLinksOptions{RoomID: "no-such-room"}, "")
	require.NoError(t, err, "a room that does not exist has no links (the SDK's listGroupLinksForRoom)")
	assert.Empty(t, page.GroupLinks)
	assert.Empty(t, all(t, c.GuestLinks.List(ctx, &alfaview.ListLinksOptions{RoomID: "no-such-room"})))

	until := from.Add(4 * time.Hour)
	require.NoError(t, c.GroupLinks.Update(ctx, team.ID, &alfaview.GroupLinkUpdate{
		Description: alfaview.Ptr("Team (extended)"), DialInAllowed: alfaview.Ptr(false), ValidUntil: &until}))
	assert.Equal(t, 1, srv.AppliedCount(alfaviewtest.OpGroupLinksUpdate))
	got, err := c.GroupLinks.Get(ctx, team.ID)
	require.NoError(t, err)
	assert.Equal(t, "Team (extended)", got.Description)
	assert.False(t, got.DialInAllowed)
	assert.Equal(t, from, got.ValidFrom, "a bound the update left nil stays")
	assert.Equal(t, until, got.ValidUntil)
	assert.Equal(t, team.AccessKey, got.AccessKey)

	require.NoError(t, c.GroupLinks.Delete(ctx, room.ID, team.ID))
	assert.Equal(t, 1, srv.AppliedCount(alfaviewtest.OpGroupLinksDelete))
	_, err = c.GroupLinks.Get(ctx, team.ID)
	assert.ErrorIs(t, err, alfaview.ErrNotFound)
	err = c.GroupLinks.Delete(ctx, room.ID, team.ID)
	assert.ErrorIs(t, err, alfaview.ErrNotFound)
	err = c.GroupLinks.Delete(ctx, other.ID, hosts.ID)
	assert.ErrorIs(t, err, alfaview.ErrNotFound, "a link of another room")
	err = c.GroupLinks.Update(ctx, team.ID, &alfaview.GroupLinkUpdate{Description: alfaview.Ptr("x")})
	assert.ErrorIs(t, err, alfaview.ErrNotFound)
}

func TestGuestLinkLifecycle(t *testing.T) {
	srv, _, c := newFake(t)
	ctx := t.Context()
	room := srv.AddRoom(alfaviewtest.Room{DisplayName: "Workshop"})
	guest, participant := srv.PermissionGroupID("Guest"), srv.PermissionGroupID("Participant")
	from := epoch.Add(time.Hour)

	ids, err := c.GuestLinks.Create(ctx, room.ID, &alfaview.CreateGuestLinksParams{
		Origin:   "booking tool",
		Timezone: "Europe/Berlin",
		Links: []alfaview.GuestLinkCreate{
			{DisplayName: "Ada Lovelace", EmailAddress: "ada@example.com", Locale: "en", PermissionGroupID: guest,
				ValidFrom: from, ValidUntil: from.Add(time.Hour)},
			{DisplayName: "Grace Hopper", EmailAddress: "grace@example.com", Locale: "de-DE", PermissionGroupID: participant,
				DialInAllowed: true, SendEmail: true},
		},
	})
	require.NoError(t, err)
	require.Len(t, ids, 2)
	assert.Equal(t, 1, srv.AppliedCount(alfaviewtest.OpGuestLinksCreate))

	ada, err := c.GuestLinks.Get(ctx, ids[0])
	require.NoError(t, err)
	assert.Equal(t, alfaview.GuestLink{
		ID: ids[0], RoomID: room.ID, DisplayName: "Ada Lovelace", EmailAddress: "ada@example.com", Locale: "en",
		PermissionGroupID: guest, AccessKey: ada.AccessKey, Origin: "booking tool",
		JoinURL:   "https://app.alfaview.com/#/join/" + alfaviewtest.CompanyID + "/" + room.ID + "/" + ada.AccessKey + "/v2",
		ValidFrom: from, ValidUntil: from.Add(time.Hour), CreatedAt: epoch, CreatedBy: srv.UserID(),
	}, *ada)
	grace, err := c.GuestLinks.Get(ctx, ids[1])
	require.NoError(t, err)
	assert.Equal(t, "Grace Hopper", grace.DisplayName)
	assert.True(t, grace.DialInAllowed)
	assert.NotEmpty(t, grace.DialInCode)

	assert.Equal(t, []alfaview.GuestLink{*ada, *grace}, all(t, c.GuestLinks.List(ctx, &alfaview.ListLinksOptions{RoomID: room.ID})))
	page, err := c.GuestLinks.ListPage(ctx, &alfaview.ListLinksOptions{Limit: 1}, "")
	require.NoError(t, err)
	assert.Equal(t, []*alfaview.GuestLink{ada}, page.GuestLinks)
	page, err = page.NextPage(ctx)
	require.NoError(t, err)
	assert.Equal(t, []*alfaview.GuestLink{grace}, page.GuestLinks)
	_, err = page.NextPage(ctx)
	assert.ErrorIs(t, err, alfaview.ErrNoMorePages)

	require.NoError(t, c.GuestLinks.Update(ctx, ada.ID, &alfaview.GuestLinkUpdate{
		DisplayName: "Ada King", EmailAddress: alfaview.Ptr("ada.king@example.com"), Locale: alfaview.Ptr("en-GB"),
		PermissionGroupID: &participant, Timezone: alfaview.Ptr("UTC")}))
	assert.Equal(t, 1, srv.AppliedCount(alfaviewtest.OpGuestLinksUpdate))
	got, err := c.GuestLinks.Get(ctx, ada.ID)
	require.NoError(t, err)
	assert.Equal(t, "Ada King", got.DisplayName)
	assert.Equal(t, "ada.king@example.com", got.EmailAddress)
	assert.Equal(t, "en-GB", got.Locale)
	assert.Equal(t, participant, got.PermissionGroupID)
	assert.Equal(t, from, got.ValidFrom, "bounds the update left nil stay")
	assert.Equal(t, from.Add(time.Hour), got.ValidUntil)

	err = c.GuestLinks.Update(ctx, ada.ID, &alfaview.GuestLinkUpdate{DisplayName: "Ada", Timezone: alfaview.Ptr("Mars/Olympus")})
	assert.ErrorIs(t, err, alfaview.ErrInvalidArgument)
	assert.Equal(t, "body.timezone", apiError(t, err).Details[0].Location)

	require.NoError(t, c.GuestLinks.Delete(ctx, room.ID, ada.ID))
	assert.Equal(t, 1, srv.AppliedCount(alfaviewtest.OpGuestLinksDelete))
	assert.Len(t, srv.GuestLinks(room.ID), 1)
	err = c.GuestLinks.Delete(ctx, room.ID, ada.ID)
	assert.ErrorIs(t, err, alfaview.ErrNotFound)
	_, err = c.GuestLinks.Get(ctx, ada.ID)
	assert.ErrorIs(t, err, alfaview.ErrNotFound)
}

func TestGuestAuthentication(t *testing.T) {
	srv, clock, c := newFake(t)
	ctx := t.Context()
	room := srv.AddRoom(alfaviewtest.Room{DisplayName: "Workshop"})
	guest := srv.PermissionGroupID("Guest")
	ids, err := c.GroupLinks.Create(ctx, room.ID, &alfaview.CreateGroupLinksParams{Links: []alfaview.GroupLinkCreate{
		{Description: "Open", PermissionGroupID: guest},
		{Description: "Later", PermissionGroupID: guest, ValidFrom: epoch.Add(time.Hour), ValidUntil: epoch.Add(2 * time.Hour)},
	}})
	require.NoError(t, err)
	open, err := c.GroupLinks.Get(ctx, ids[0])
	require.NoError(t, err)
	later, err := c.GroupLinks.Get(ctx, ids[1])
	require.NoError(t, err)
	guestIDs, err := c.GuestLinks.Create(ctx, room.ID, &alfaview.CreateGuestLinksParams{Links: []alfaview.GuestLinkCreate{
		{DisplayName: "Ada Lovelace", EmailAddress: "ada@example.com", Locale: "en", PermissionGroupID: guest}}})
	require.NoError(t, err)
	personal, err := c.GuestLinks.Get(ctx, guestIDs[0])
	require.NoError(t, err)
	logins := srv.AuthCount()

	info, err := c.Auth.AuthenticateGroupLink(ctx, &alfaview.AuthenticateGroupLinkParams{
		AccessKey: open.AccessKey, CompanyID: alfaviewtest.CompanyID, DisplayName: "Visitor", RoomID: room.ID, ExternalID: "crm-4711"})
	require.NoError(t, err)
	assert.NotEmpty(t, string(info.AccessToken))
	assert.Equal(t, "Visitor", info.DisplayName)
	assert.Equal(t, open.ID, info.ParticipantID)
	assert.Equal(t, "alfaview://apis.alfaview.com:443?companyId="+alfaviewtest.CompanyID+"&roomId="+room.ID+
		"&token="+url.QueryEscape(string(info.AccessToken)), string(info.ClientLaunchURL))
	assert.Equal(t, "alfaview://apis.alfaview.com:443?companyId=xxxxx&roomId=xxxxx&token=xxxxx", fmt.Sprint(info.ClientLaunchURL),
		"the launch URL holds the guest's token: it prints masked")
	assert.Equal(t, epoch.Add(alfaviewtest.DefaultTokenLifetime), info.TokenExpiresAt)
	assert.Equal(t, logins, srv.AuthCount(), "a guest login is not the client's")
	for _, r := range srv.Requests() {
		if r.Path == "/v2/auth/group-link" {
			assert.Empty(t, r.Header.Get("Authorization"), "it carries none of the client's credentials")
		}
	}

	// The guest's token drives a client of its own, which may read its
	// token's details and nothing else.
	gc := fakeClient(t, srv, info.AccessToken)
	ti, err := gc.Auth.TokenInfo(ctx)
	require.NoError(t, err)
	assert.True(t, ti.Active)
	_, err = gc.Rooms.Get(ctx, room.ID)
	assert.ErrorIs(t, err, alfaview.ErrForbidden)

	// Outside the link's validity the answer holds no token.
	info, err = c.Auth.AuthenticateGroupLink(ctx, &alfaview.AuthenticateGroupLinkParams{
		AccessKey: later.AccessKey, CompanyID: alfaviewtest.CompanyID, DisplayName: "Early bird", RoomID: room.ID})
	require.NoError(t, err)
	assert.Empty(t, string(info.AccessToken))
	assert.True(t, info.TokenExpiresAt.IsZero())
	assert.Equal(t, later.ValidFrom, info.ValidFrom)
	assert.Equal(t, later.ValidUntil, info.ValidUntil)
	clock.Advance(90 * time.Minute)
	info, err = c.Auth.AuthenticateGroupLink(ctx, &alfaview.AuthenticateGroupLinkParams{
		AccessKey: later.AccessKey, CompanyID: alfaviewtest.CompanyID, DisplayName: "On time", RoomID: room.ID})
	require.NoError(t, err)
	assert.NotEmpty(t, string(info.AccessToken))

	gi, err := c.Auth.AuthenticateGuestLink(ctx, &alfaview.AuthenticateGuestLinkParams{
		AccessKey: personal.AccessKey, CompanyID: alfaviewtest.CompanyID, RoomID: room.ID})
	require.NoError(t, err)
	assert.Equal(t, "Ada Lovelace", gi.DisplayName, "the name stored with the link")
	assert.Equal(t, personal.ID, gi.ParticipantID)
	assert.NotEmpty(t, string(gi.AccessToken))
	gi, err = c.Auth.AuthenticateGuestLink(ctx, &alfaview.AuthenticateGuestLinkParams{
		AccessKey: personal.AccessKey, CompanyID: alfaviewtest.CompanyID, RoomID: room.ID, DisplayName: "Ada"})
	require.NoError(t, err)
	assert.Equal(t, "Ada", gi.DisplayName)

	_, err = c.Auth.AuthenticateGuestLink(ctx, &alfaview.AuthenticateGuestLinkParams{
		AccessKey: "wrong-access-key-0000000000000000", CompanyID: alfaviewtest.CompanyID, RoomID: room.ID})
	assert.ErrorIs(t, err, alfaview.ErrNotFound)
	assert.NotContains(t, err.Error(), "wrong-access-key", "the access key the request carried is masked")
}

func TestTokenInfo(t *testing.T) {
	srv, clock, c := newFake(t)
	ti, err := c.Auth.TokenInfo(t.Context())
	require.NoError(t, err)
	assert.Equal(t, &alfaview.TokenInfo{Active: true, ExpiresAt: epoch.Add(time.Hour), Permissions: alfaview.UserPermissions{
		ManageCompany: true, RoomAdmin: true, RoomCreate: true, RoomList: true, UserAdmin: true, UserList: true, UserShow: true}}, ti)

	srv.SetPermissions(alfaviewtest.UserPermissions{RoomList: true})
	clock.Advance(time.Minute)
	pc := fakeClient(t, srv, srv.PasswordCredentials())
	ti, err = pc.Auth.TokenInfo(t.Context())
	require.NoError(t, err)
	assert.Equal(t, alfaview.UserPermissions{RoomList: true}, ti.Permissions)
	assert.Equal(t, epoch.Add(time.Minute+time.Hour), ti.ExpiresAt)
	_, err = pc.Rooms.Create(t.Context(), &alfaview.RoomCreate{DisplayName: "Lobby", Type: alfaview.RoomTypeRoom})
	assert.ErrorIs(t, err, alfaview.ErrForbidden, "roomCreate is missing")
	assert.Contains(t, err.Error(), "roomCreate")
}

func TestUsers(t *testing.T) {
	srv, _, c := newFake(t)
	ctx := t.Context()
	users, err := c.Users.List(ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, []alfaview.User{{ID: srv.UserID(), EmailAddress: alfaviewtest.Username, FirstName: "Ada", LastName: "Lovelace"}}, users)

	require.NoError(t, c.Users.Invite(ctx, &alfaview.UserInvitation{
		User:        alfaview.UserInformation{EmailAddress: "grace@example.com", FirstName: "Grace", LastName: "Hopper", Title: "Rear Admiral", Locale: "en"},
		Permissions: alfaview.UserPermissions{RoomList: true, RoomCreate: true},
	}))
	assert.Equal(t, 1, srv.AppliedCount(alfaviewtest.OpUsersInvite))
	inv := srv.Invitations()
	require.Len(t, inv, 1)
	assert.Equal(t, alfaviewtest.UserPermissions{RoomList: true, RoomCreate: true}, inv[0].Permissions)
	assert.Equal(t, "en", inv[0].User.Locale)

	users, err = c.Users.List(ctx, &alfaview.ListUsersOptions{EmailAddress: "grace@example.com"})
	require.NoError(t, err)
	require.Len(t, users, 1)
	assert.Equal(t, alfaview.User{ID: inv[0].UserID, EmailAddress: "grace@example.com", FirstName: "Grace", LastName: "Hopper", Title: "Rear Admiral"}, users[0])
	users, err = c.Users.List(ctx, &alfaview.ListUsersOptions{EmailAddress: "nobody@example.com"})
	require.NoError(t, err)
	assert.Empty(t, users)

	err = c.Users.Invite(ctx, &alfaview.UserInvitation{User: alfaview.UserInformation{EmailAddress: "grace@example.com", FirstName: "G", LastName: "H"}})
	assert.ErrorIs(t, err, alfaview.ErrConflict)
	assert.Equal(t, 1, srv.AppliedCount(alfaviewtest.OpUsersInvite))
}

func TestMeetingLifecycle(t *testing.T) {
	srv, clock, c := newFake(t)
	ctx := t.Context()
	participant := srv.PermissionGroupID("Participant")
	start := epoch.Add(24 * time.Hour)

	id, err := c.Meetings.Create(ctx, &alfaview.MeetingCreate{
		Title:                  "Kick-off",
		Agenda:                 "Plans for the year",
		Start:                  start,
		End:                    start.Add(2 * time.Hour),
		Timezone:               "Europe/Berlin",
		EarlyAccessMinutes:     alfaview.Ptr[int64](15),
		WaitingRoomEnabled:     true,
		WaitingRoomWelcomeNote: "Starting soon",
		RoomFeatures:           alfaview.RoomFeatures{RaiseHands: alfaview.FeatureEnabled},
		SubroomDisplayNames:    []string{"Breakout"},
		GroupLinks:             []alfaview.GroupLinkCreate{{Description: "Team", PermissionGroupID: participant}},
		GuestLinks:             []alfaview.GuestLinkCreate{{DisplayName: "Ada Lovelace", EmailAddress: "ada@example.com", Locale: "en", PermissionGroupID: participant}},
	})
	require.NoError(t, err)
	assert.Equal(t, 1, srv.AppliedCount(alfaviewtest.OpMeetingsCreate))

	m, err := c.Meetings.Get(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, id, m.ID)
	assert.Equal(t, "Kick-off", m.Title)
	assert.Equal(t, "Plans for the year", m.Agenda)
	assert.Equal(t, start, m.Start)
	assert.Equal(t, start.Add(2*time.Hour), m.End)
	assert.Equal(t, "Europe/Berlin", m.Timezone)
	assert.Equal(t, int64(15), m.EarlyAccessMinutes)
	assert.Equal(t, alfaview.MeetingScheduled, m.State)
	assert.False(t, m.CanJoin)
	assert.Equal(t, start.Add(-15*time.Minute), m.CanJoinAfter)
	assert.True(t, m.CanceledAt.IsZero())
	assert.True(t, m.RoomAvailable)
	assert.Len(t, m.GroupLinks, 1)
	assert.Len(t, m.GuestLinks, 1)
	assert.Equal(t, epoch, m.CreatedAt)
	assert.Equal(t, srv.UserID(), m.CreatedBy)

	// The meeting's id is its room's.
	room, err := c.Rooms.Get(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, alfaview.RoomTypeMeeting, room.Type)
	assert.Equal(t, alfaview.FeatureEnabled, room.Features.RaiseHands)
	assert.Equal(t, alfaview.FeatureDefault, room.Features.BlockWebclient)
	require.Len(t, room.Subrooms, 1)
	links := all(t, c.GroupLinks.List(ctx, &alfaview.ListLinksOptions{RoomID: id}))
	require.Len(t, links, 1)
	assert.Equal(t, links[0].JoinLink, m.GroupLinks[links[0].ID])

	// Without GroupLinks alfaview makes four; an empty list makes none.
	def, err := c.Meetings.Create(ctx, &alfaview.MeetingCreate{Title: "Defaults", Start: start, End: start.Add(time.Hour), Timezone: "UTC"})
	require.NoError(t, err)
	assert.Len(t, srv.GroupLinks(def), 4)
	none, err := c.Meetings.Create(ctx, &alfaview.MeetingCreate{Title: "Bare", Start: start.Add(48 * time.Hour), End: start.Add(49 * time.Hour),
		Timezone: "UTC", GroupLinks: []alfaview.GroupLinkCreate{}})
	require.NoError(t, err)
	assert.Empty(t, srv.GroupLinks(none))

	ms, err := c.Meetings.List(ctx, nil)
	require.NoError(t, err)
	assert.Len(t, ms, 3)
	ms, err = c.Meetings.List(ctx, &alfaview.ListMeetingsOptions{From: start.Add(47 * time.Hour)})
	require.NoError(t, err)
	require.Len(t, ms, 1)
	assert.Equal(t, none, ms[0].ID)
	ms, err = c.Meetings.List(ctx, &alfaview.ListMeetingsOptions{From: start, To: start.Add(time.Minute)})
	require.NoError(t, err)
	assert.Len(t, ms, 2)

	later := start.Add(time.Hour)
	require.NoError(t, c.Meetings.Update(ctx, id, &alfaview.MeetingUpdate{Title: alfaview.Ptr("Kick-off 2030"), Start: &later, End: alfaview.Ptr(later.Add(time.Hour))}))
	assert.Equal(t, 1, srv.AppliedCount(alfaviewtest.OpMeetingsUpdate))
	m, err = c.Meetings.Get(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, "Kick-off 2030", m.Title)
	assert.Equal(t, later, m.Start)
	assert.Equal(t, "Plans for the year", m.Agenda)
	err = c.Meetings.Update(ctx, id, &alfaview.MeetingUpdate{End: &start})
	assert.ErrorIs(t, err, alfaview.ErrInvalidArgument, "an end before the start the meeting has")

	clock.Advance(24*time.Hour + 50*time.Minute)
	m, err = c.Meetings.Get(ctx, id)
	require.NoError(t, err)
	assert.True(t, m.CanJoin, "within the early access")

	require.NoError(t, c.Meetings.Cancel(ctx, id, &alfaview.MeetingCancellation{Reason: "Moved", SendNotification: true}))
	assert.Equal(t, 1, srv.AppliedCount(alfaviewtest.OpMeetingsCancel))
	m, err = c.Meetings.Get(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, alfaview.MeetingCanceled, m.State)
	assert.Equal(t, clock.Now(), m.CanceledAt)
	assert.False(t, m.CanJoin)
	err = c.Meetings.Cancel(ctx, id, &alfaview.MeetingCancellation{})
	assert.ErrorIs(t, err, alfaview.ErrConflict)
	err = c.Meetings.Update(ctx, id, &alfaview.MeetingUpdate{Title: alfaview.Ptr("x")})
	assert.ErrorIs(t, err, alfaview.ErrConflict)
	_, err = c.Meetings.Get(ctx, "no-such-meeting")
	assert.ErrorIs(t, err, alfaview.ErrNotFound)
}

func TestReports(t *testing.T) {
	srv, _, c := newFake(t)
	ctx := t.Context()
	room := srv.AddRoom(alfaviewtest.Room{DisplayName: "Workshop"})
	day := epoch.Add(-24 * time.Hour)
	srv.AddAttendance(room.ID, srv.UserID(), alfaviewtest.Attendance{DisplayName: "Ada", From: day, To: day.Add(time.Hour)})
	srv.AddAttendance(room.ID, "user-2", alfaviewtest.Attendance{DisplayName: "Grace", From: day.Add(30 * time.Minute), To: day.Add(2 * time.Hour)})
	srv.AddAttendance(room.ID, srv.UserID(), alfaviewtest.Attendance{DisplayName: "Ada L.", From: day.Add(3 * time.Hour), To: day.Add(4 * time.Hour)})

	atts, err := c.Reports.ListAttendances(ctx, room.ID, &alfaview.ListAttendancesOptions{From: day, To: day.Add(5 * time.Hour)})
	require.NoError(t, err)
	assert.Equal(t, []alfaview.UserAttendances{
		{UserID: srv.UserID(), Attendances: []alfaview.Attendance{
			{DisplayName: "Ada", From: day, To: day.Add(time.Hour)},
			{DisplayName: "Ada L.", From: day.Add(3 * time.Hour), To: day.Add(4 * time.Hour)}}},
		{UserID: "user-2", Attendances: []alfaview.Attendance{{DisplayName: "Grace", From: day.Add(30 * time.Minute), To: day.Add(2 * time.Hour)}}},
	}, atts)
	atts, err = c.Reports.ListAttendances(ctx, room.ID, &alfaview.ListAttendancesOptions{From: day.Add(5 * time.Hour), To: day.Add(6 * time.Hour)})
	require.NoError(t, err)
	assert.Empty(t, atts)
	_, err = c.Reports.ListAttendances(ctx, "no-such-room", &alfaview.ListAttendancesOptions{From: day, To: epoch})
	assert.ErrorIs(t, err, alfaview.ErrNotFound)

	stats, err := c.Reports.ListStatistics(ctx, &alfaview.ListStatisticsOptions{From: day, To: day.Add(4 * time.Hour), StepDurationHours: 2})
	require.NoError(t, err)
	require.Len(t, stats, 2)
	assert.Equal(t, alfaview.StatsPeriod{From: day, To: day.Add(2 * time.Hour),
		Rooms: alfaview.Stats{ActiveCount: 1, SessionCount: 2, RoomOnlineSeconds: 2 * 3600, UsersOnlineSeconds: 3600 + 5400}}, stats[0])
	assert.Equal(t, alfaview.Stats{ActiveCount: 1, SessionCount: 1, RoomOnlineSeconds: 3600, UsersOnlineSeconds: 3600}, stats[1].Rooms)

	_, err = c.Reports.ListStatistics(ctx, &alfaview.ListStatisticsOptions{From: epoch.AddDate(0, -3, 0), To: epoch, StepDurationHours: 24})
	assert.ErrorIs(t, err, alfaview.ErrInvalidArgument, "more than 62 days back, by alfaview's clock")
	assert.Equal(t, "query.from", apiError(t, err).Details[0].Location)
}

// A request the fake refuses is an *Error holding its problem details.
func TestProblemDetailsFromTheFake(t *testing.T) {
	srv, _, c := newFake(t)
	ctx := t.Context()
	room := srv.AddRoom(alfaviewtest.Room{DisplayName: "Workshop"})

	_, err := c.GroupLinks.Create(ctx, room.ID, &alfaview.CreateGroupLinksParams{Links: []alfaview.GroupLinkCreate{
		{Description: "Team", PermissionGroupID: srv.PermissionGroupID("Participant")},
		{Description: "Nobody's", PermissionGroupID: "no-such-group"},
	}})
	require.ErrorIs(t, err, alfaview.ErrInvalidArgument)
	e := apiError(t, err)
	assert.Equal(t, http.StatusUnprocessableEntity, e.StatusCode)
	assert.Equal(t, "about:blank", e.Type)
	assert.Equal(t, "Unprocessable Entity", e.Title)
	assert.Equal(t, "validation failed", e.Detail)
	assert.Equal(t, []alfaview.ErrorDetail{{Location: "body.create[1].permissionGroupId", Message: "unknown permission group", Value: "no-such-group"}}, e.Details)
	assert.Equal(t, "groupLinks.create", e.Op)
	assert.Equal(t, "POST", e.Method)
	assert.Equal(t, "/v2/rooms/"+room.ID+"/group-links", e.Path)
	assert.Equal(t, 1, e.Attempts)
	assert.Contains(t, err.Error(), "body.create[1].permissionGroupId: unknown permission group")
	assert.Empty(t, srv.GroupLinks(room.ID), "no link of a refused create was made")
	assert.Zero(t, srv.AppliedCount(alfaviewtest.OpGroupLinksCreate))

	_, err = c.Rooms.Get(ctx, "no-such-room")
	e = apiError(t, err)
	assert.Equal(t, http.StatusNotFound, e.StatusCode)
	assert.Equal(t, "Not Found", e.Title)
	assert.Equal(t, "room no-such-room not found", e.Detail)
	assert.NotErrorIs(t, err, alfaview.ErrInvalidArgument)

	// Unknown paths get Go's plain-text 404, which is no problem details.
	_, err = c.Rooms.Get(ctx, "room/with/slashes")
	e = apiError(t, err)
	assert.Equal(t, http.StatusNotFound, e.StatusCode)

	wrong := fakeClient(t, srv, alfaview.APIKeyCredentials{ClientID: alfaviewtest.ClientID, Key: "wrong-key-0123456789", CompanyID: alfaviewtest.CompanyID})
	_, err = wrong.PermissionGroups.List(ctx)
	assert.ErrorIs(t, err, alfaview.ErrUnauthorized)
	assert.Equal(t, "auth.apiKey", apiError(t, err).Op, "the login failed, not the call")
	assert.NotContains(t, err.Error(), "wrong-key-0123456789")
}

// A login refused with a 422 that echoes the password shows it masked: the
// login request names its secrets.
func TestLoginEchoIsMasked(t *testing.T) {
	for _, tc := range []struct {
		name   string
		creds  func(*alfaviewtest.Server) alfaview.Credentials
		path   string
		secret string
	}{
		{"password", func(s *alfaviewtest.Server) alfaview.Credentials { return s.PasswordCredentials() }, "/v2/auth/password", alfaviewtest.Password},
		{"API key", func(s *alfaviewtest.Server) alfaview.Credentials { return s.APIKeyCredentials() }, "/v2/auth/api-key", alfaviewtest.Key},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := alfaviewtest.NewServer(t)
			c := fakeClient(t, srv, tc.creds(srv))
			field := strings.TrimPrefix(tc.path, "/v2/auth/")
			srv.Inject(alfaviewtest.Fault{
				Match:       func(r *http.Request) bool { return r.URL.Path == tc.path },
				Status:      http.StatusUnprocessableEntity,
				ContentType: "application/problem+json",
				Body: `{"title":"Unprocessable Entity","status":422,"detail":"validation failed: ` + tc.secret + `",` +
					`"errors":[{"location":"body.` + field + `","message":"expected ` + tc.secret + ` to be stronger","value":"` + tc.secret + `"}]}`,
			})
			_, err := c.Rooms.ListTypes(t.Context())
			require.ErrorIs(t, err, alfaview.ErrInvalidArgument)
			e := apiError(t, err)
			assert.Equal(t, "[REDACTED]", e.Details[0].Value)
			for _, s := range []string{err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", e.Details), e.Detail} {
				assert.NotContains(t, s, tc.secret)
			}
			assert.Equal(t, 1, srv.FaultsServed())
		})
	}
}

// A token that expires on alfaview's clock before the client expects is
// refused with 401: the client logs in once more and replays the call,
// a create included, which is then applied once.
func TestExpiredTokenLogsInOnceAndReplays(t *testing.T) {
	srv, clock, c := newFake(t)
	ctx := t.Context()
	_, err := c.PermissionGroups.List(ctx)
	require.NoError(t, err)
	require.Equal(t, 1, srv.AuthCount())

	clock.Advance(alfaviewtest.DefaultTokenLifetime + time.Minute)
	id, err := c.Rooms.Create(ctx, &alfaview.RoomCreate{DisplayName: "Lobby", Type: alfaview.RoomTypeRoom})
	require.NoError(t, err)
	assert.NotEmpty(t, id)
	assert.Equal(t, 2, srv.AuthCount())
	assert.Equal(t, 2, requestsTo(srv, http.MethodPost, "/v2/rooms"), "refused once, replayed once")
	assert.Equal(t, 1, srv.AppliedCount(alfaviewtest.OpRoomsCreate))

	srv.ExpireSessions()
	for _, err := range c.Rooms.List(ctx, nil) {
		require.NoError(t, err)
	}
	assert.Equal(t, 3, srv.AuthCount())

	// A token refused again right after the new login is the caller's
	// problem: one login per refusal, no loop.
	srv.SetTokenLifetime(0)
	srv.ExpireSessions()
	_, err = c.Rooms.Get(ctx, id)
	assert.ErrorIs(t, err, alfaview.ErrUnauthorized)
	assert.Equal(t, 4, srv.AuthCount())
	assert.Equal(t, 2, requestsTo(srv, http.MethodGet, "/v2/rooms/"+id))
}

// The client's token cache renews a token before its hour is up, so a
// token that expires on schedule is never refused.
func TestTokenRenewedOnSchedule(t *testing.T) {
	now := epoch
	srv, clock, c := newFake(t, alfaview.WithClock(func() time.Time { return now }))
	ctx := t.Context()
	_, err := c.Rooms.ListTypes(ctx)
	require.NoError(t, err)
	now = now.Add(59 * time.Minute)
	clock.Set(now)
	_, err = c.Rooms.ListTypes(ctx)
	require.NoError(t, err)
	assert.Equal(t, 2, srv.AuthCount(), "renewed shortly before the hour ends")
	assert.Equal(t, 2, requestsTo(srv, http.MethodGet, "/v2/room-types"), "no call was refused")
}

// TestFaults injects faults at the fake and checks what the client does
// with each, in virtual time (the fake runs in memory inside a synctest
// bubble, so backoffs and Retry-After waits take no real time).
func TestFaults(t *testing.T) {
	type setup struct {
		srv  *alfaviewtest.Server
		c    *alfaview.Client
		room alfaviewtest.Room
		// link is a group link of room, for the update and delete.
		link alfaviewtest.GroupLink
		pg   string
	}
	createLink := func(ctx context.Context, s setup) error {
		_, err := s.c.GroupLinks.Create(ctx, s.room.ID, &alfaview.CreateGroupLinksParams{
			Links: []alfaview.GroupLinkCreate{{Description: "Team", PermissionGroupID: s.pg}}})
		return err
	}
	createMeeting := func(ctx context.Context, s setup) error {
		_, err := s.c.Meetings.Create(ctx, &alfaview.MeetingCreate{Title: "Kick-off", Start: epoch.Add(time.Hour),
			End: epoch.Add(2 * time.Hour), Timezone: "UTC", GroupLinks: []alfaview.GroupLinkCreate{}})
		return err
	}
	getRoom := func(ctx context.Context, s setup) error {
		_, err := s.c.Rooms.Get(ctx, s.room.ID)
		return err
	}
	updateLink := func(ctx context.Context, s setup) error {
		return s.c.GroupLinks.Update(ctx, s.link.ID, &alfaview.GroupLinkUpdate{Description: alfaview.Ptr("Renamed")})
	}
	deleteLink := func(ctx context.Context, s setup) error { return s.c.GroupLinks.Delete(ctx, s.room.ID, s.link.ID) }
	cancelMeeting := func(ctx context.Context, s setup) error {
		id, err := s.c.Meetings.Create(ctx, &alfaview.MeetingCreate{Title: "Doomed", Start: epoch.Add(time.Hour),
			End: epoch.Add(2 * time.Hour), Timezone: "UTC", GroupLinks: []alfaview.GroupLinkCreate{}})
		if err != nil {
			return err
		}
		s.srv.ResetRequests()
		return s.c.Meetings.Cancel(ctx, id, &alfaview.MeetingCancellation{SendNotification: true})
	}
	cut := alfaviewtest.Fault{Cut: alfaviewtest.CutBeforeResponse, Apply: true}
	// at names the requests a fault matches: method, and a path prefix
	// with the setup's ids filled in.
	at := func(method, pattern string) func(setup) (string, string) {
		return func(s setup) (string, string) {
			return method, strings.NewReplacer("{room}", s.room.ID, "{link}", s.link.ID).Replace(pattern)
		}
	}

	for _, tc := range []struct {
		name         string
		at           func(s setup) (string, string)
		call         func(ctx context.Context, s setup) error
		fault        alfaviewtest.Fault
		op           string // the fake's op name for the write, "" for a read
		wantErr      error
		lost         bool // no usable answer: a *RequestError
		wantStatus   int  // of the *alfaview.Error, when the call fails with one
		wantRequests int
		wantApplied  int
		wait         time.Duration
	}{
		{name: "429 on a create is retried after Retry-After",
			at: at(http.MethodPost, "/v2/rooms/{room}/group-links"), call: createLink,
			fault: alfaviewtest.Fault{Status: http.StatusTooManyRequests, RetryAfter: "3", Body: `{"title":"Too Many Requests","status":429}`},
			op:    alfaviewtest.OpGroupLinksCreate, wantRequests: 2, wantApplied: 1, wait: 3 * time.Second},
		{name: "persistent 429 ends with ErrRateLimited",
			at: at(http.MethodPost, "/v2/meetings"), call: createMeeting,
			fault: alfaviewtest.Fault{Status: http.StatusTooManyRequests, RetryAfter: "1", Times: -1},
			op:    alfaviewtest.OpMeetingsCreate, wantErr: alfaview.ErrRateLimited, wantStatus: 429,
			wantRequests: alfaview.DefaultRetryPolicy().MaxRetries + 1, wait: time.Duration(alfaview.DefaultRetryPolicy().MaxRetries) * time.Second},
		{name: "503 on a read is retried",
			at: at(http.MethodGet, "/v2/rooms/{room}"), call: getRoom,
			fault:        alfaviewtest.Fault{Status: http.StatusServiceUnavailable},
			wantRequests: 2},
		{name: "503 on a create is reported, not retried",
			at: at(http.MethodPost, "/v2/rooms/{room}/group-links"), call: createLink,
			fault: alfaviewtest.Fault{Status: http.StatusServiceUnavailable, Body: `{"title":"Service Unavailable","status":503,"detail":"maintenance"}`},
			op:    alfaviewtest.OpGroupLinksCreate, wantStatus: 503, wantRequests: 1},
		{name: "a create whose answer is cut is not replayed",
			at: at(http.MethodPost, "/v2/rooms/{room}/group-links"), call: createLink, fault: cut,
			op: alfaviewtest.OpGroupLinksCreate, lost: true, wantRequests: 1, wantApplied: 1},
		{name: "a meeting create whose answer is cut is not replayed",
			at: at(http.MethodPost, "/v2/meetings"), call: createMeeting, fault: cut,
			op: alfaviewtest.OpMeetingsCreate, lost: true, wantRequests: 1, wantApplied: 1},
		{name: "a cancellation whose answer is cut is not replayed",
			at: at(http.MethodPost, "/v2/meetings/"), call: cancelMeeting, fault: cut,
			op: alfaviewtest.OpMeetingsCancel, lost: true, wantRequests: 1, wantApplied: 1},
		{name: "a read whose answer is cut is retried",
			at: at(http.MethodGet, "/v2/rooms/{room}"), call: getRoom, fault: alfaviewtest.Fault{Cut: alfaviewtest.CutMidBody},
			wantRequests: 2},
		{name: "an update whose answer is cut is retried and applied once",
			at: at(http.MethodPatch, "/v2/group-links/{link}"), call: updateLink, fault: cut,
			op: alfaviewtest.OpGroupLinksUpdate, wantRequests: 2, wantApplied: 1},
		{name: "a retried delete that finds the link gone succeeds",
			at: at(http.MethodDelete, "/v2/rooms/{room}/group-links/{link}"), call: deleteLink, fault: cut,
			op: alfaviewtest.OpGroupLinksDelete, wantRequests: 2, wantApplied: 1},
		{name: "a delete after a 503 succeeds",
			at: at(http.MethodDelete, "/v2/rooms/{room}/group-links/{link}"), call: deleteLink,
			fault: alfaviewtest.Fault{Status: http.StatusServiceUnavailable, RetryAfter: "1"},
			op:    alfaviewtest.OpGroupLinksDelete, wantRequests: 2, wantApplied: 1, wait: time.Second},
	} {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				srv := alfaviewtest.NewServer(t, alfaviewtest.InMemory(), alfaviewtest.WithClock(alfaviewtest.NewManualClock(epoch)))
				s := setup{srv: srv, c: fakeClient(t, srv, srv.APIKeyCredentials()), pg: srv.PermissionGroupID("Participant")}
				s.room = srv.AddRoom(alfaviewtest.Room{DisplayName: "Workshop"})
				s.link = srv.AddGroupLink(alfaviewtest.GroupLink{RoomID: s.room.ID, Description: "Team", PermissionGroupID: s.pg})
				_, err := s.c.Auth.TokenInfo(t.Context())
				require.NoError(t, err)
				srv.ResetRequests()
				method, prefix := tc.at(s)
				f := tc.fault
				f.Match = func(r *http.Request) bool { return r.Method == method && strings.HasPrefix(r.URL.Path, prefix) }
				srv.Inject(f)

				began := time.Now()
				err = tc.call(t.Context(), s)
				took := time.Since(began)
				synctest.Wait()

				switch {
				case tc.wantStatus != 0:
					assert.Equal(t, tc.wantStatus, apiError(t, err).StatusCode)
				case tc.lost:
					var re *alfaview.RequestError
					assert.ErrorAs(t, err, &re, "no usable answer arrived")
				default:
					assert.NoError(t, err)
				}
				if tc.wantErr != nil {
					assert.ErrorIs(t, err, tc.wantErr)
				}
				n := 0
				for _, r := range srv.Requests() {
					if r.Method == method && strings.HasPrefix(r.Path, prefix) {
						n++
					}
				}
				assert.Equal(t, tc.wantRequests, n, "requests")
				if tc.op != "" {
					assert.Equal(t, tc.wantApplied, srv.AppliedCount(tc.op), "applied")
				}
				assert.Equal(t, 1, srv.AuthCount(), "no fault needs another login")
				if tc.wait > 0 {
					assert.Equal(t, tc.wait, took, "virtual time waited")
				} else {
					assert.LessOrEqual(t, took, alfaview.DefaultRetryPolicy().MinBackoff)
				}
			})
		})
	}
}
