package alfaview_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/alfaview"
	"github.com/grantkit/grantkit-go/alfaview/alfaviewtest"
)

func TestPermissionGroupsSortedWithIDs(t *testing.T) {
	srv, c := newFake(t)
	srv.AddPermissionGroup("Presenter", 2, map[string]bool{"screen": true})
	srv.AddPermissionGroup("Admin", 0, nil)
	groups, err := c.PermissionGroups.List(context.Background())
	require.NoError(t, err)
	var names []string
	for _, g := range groups {
		names = append(names, fmt.Sprintf("%d %s", g.Order, g.Name))
		assert.Equal(t, srv.PermissionGroupID(g.Name), g.ID)
	}
	assert.Equal(t, []string{"0 Admin", "1 Moderator", "2 Participant", "2 Presenter", "3 Spectator"}, names)
	assert.Equal(t, []alfaview.Role{"", alfaview.RoleModerator, alfaview.RoleParticipant, "", alfaview.RoleSpectator},
		[]alfaview.Role{groups[0].Role, groups[1].Role, groups[2].Role, groups[3].Role, groups[4].Role})
	assert.Equal(t, map[string]bool{"join": true, "voice": false, "video": false, "screen": false, "chat": true,
		"chatBroadcast": false, "promote": false}, groups[4].Permissions)

	_, ok := alfaview.FindPermissionGroup(groups, "nobody")
	assert.False(t, ok)
	g, ok := alfaview.FindPermissionGroup(groups, "spectator")
	assert.True(t, ok)
	assert.Equal(t, "Spectator", g.Name)
}

func TestPermissionGroupsTolerateRoleAndTies(t *testing.T) {
	m := newMock(t)
	m.on("businessLogicService/permissionGroups/list", 200, `{"permissionGroups":{
		"b":{"name":"Same","order":1,"permissions":{"role":"ROLE_MODERATOR","voice":true}},
		"a":{"name":"Same","order":1},
		"c":{"name":"Early","order":1}}}`, nil)
	groups, err := m.client(seedCreds).PermissionGroups.List(context.Background())
	require.NoError(t, err)
	require.Len(t, groups, 3)
	assert.Equal(t, []string{"c", "a", "b"}, []string{groups[0].ID, groups[1].ID, groups[2].ID})
	assert.Equal(t, map[string]bool{"voice": true}, groups[2].Permissions)
	assert.Equal(t, alfaview.RoleModerator, groups[2].Role)
}

func TestRoomsListPagesInServerOrder(t *testing.T) {
	srv, c := newFake(t)
	// Ids in descending order: a Go map (or sorting) would reverse them.
	var want []string
	for i := 7; i > 0; i-- {
		r := srv.AddRoom(alfaview.Room{ID: fmt.Sprintf("00000000-0000-4000-8000-00000000000%d", i), DisplayName: fmt.Sprint("room ", i)})
		want = append(want, r.ID)
	}
	var got []string
	for r, err := range c.Rooms.List(context.Background(), &alfaview.ListRoomsOptions{Limit: 3}) {
		require.NoError(t, err)
		got = append(got, r.ID)
		assert.Equal(t, alfaview.RoomTypeRoom, r.Type)
		assert.Equal(t, alfaview.RoomModeNormal, r.Mode)
	}
	assert.Equal(t, want, got)
	assert.Equal(t, 3, sent(srv, pathListRooms), "pages of 3, 3 and 1")

	offsets := []int{}
	for _, r := range srv.Requests() {
		if r.Path == pathListRooms {
			var b struct{ Limit, Offset int }
			require.NoError(t, json.Unmarshal(r.Body, &b))
			assert.Equal(t, 3, b.Limit)
			offsets = append(offsets, b.Offset)
		}
	}
	assert.Equal(t, []int{0, 3, 6}, offsets)
}

func TestRoomsListExactPagesEndOnEmptyPage(t *testing.T) {
	srv, c := newFake(t)
	for i := range 4 {
		srv.AddRoom(alfaview.Room{DisplayName: fmt.Sprint(i)})
	}
	n := 0
	for _, err := range c.Rooms.List(context.Background(), &alfaview.ListRoomsOptions{Limit: 2}) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 4, n)
	assert.Equal(t, 3, sent(srv, pathListRooms))
}

func TestRoomsListStopsEarly(t *testing.T) {
	srv, c := newFake(t)
	for i := range 10 {
		srv.AddRoom(alfaview.Room{DisplayName: fmt.Sprint(i)})
	}
	n := 0
	for _, err := range c.Rooms.List(context.Background(), &alfaview.ListRoomsOptions{Limit: 2}) {
		require.NoError(t, err)
		if n++; n == 3 {
			break
		}
	}
	assert.Equal(t, 2, sent(srv, pathListRooms), "the third room is on the second page; no third page is fetched")
}

func TestRoomsListLazyAndFiltered(t *testing.T) {
	srv, c := newFake(t)
	dept := srv.AddRoom(alfaview.Room{DisplayName: "Dept", Type: alfaview.RoomTypeDepartment})
	a := srv.AddRoom(alfaview.Room{DisplayName: "A", ParentID: dept.ID})
	srv.AddRoom(alfaview.Room{DisplayName: "B"})
	seq := c.Rooms.List(context.Background(), &alfaview.ListRoomsOptions{FilterRoomTypes: []alfaview.RoomType{alfaview.RoomTypeDepartment}})
	assert.Equal(t, 0, srv.RequestCount(), "nothing is sent before the loop starts")
	var got []*alfaview.Room
	for r, err := range seq {
		require.NoError(t, err)
		got = append(got, r)
	}
	require.Len(t, got, 1)
	assert.Equal(t, dept.ID, got[0].ID)

	got = nil
	for r, err := range c.Rooms.List(context.Background(), &alfaview.ListRoomsOptions{FilterRoomIDs: []string{a.ID}}) {
		require.NoError(t, err)
		got = append(got, r)
	}
	require.Len(t, got, 1)
	assert.Equal(t, &alfaview.Room{ID: a.ID, DisplayName: "A", Mode: alfaview.RoomModeNormal, Type: alfaview.RoomTypeRoom,
		ParentID: dept.ID, CreatedAt: a.CreatedAt, CreatedBy: srv.UserID()}, got[0])
}

func TestRoomsListPage(t *testing.T) {
	srv, c := newFake(t)
	for i := range 5 {
		srv.AddRoom(alfaview.Room{DisplayName: fmt.Sprint(i)})
	}
	page, err := c.Rooms.ListPage(context.Background(), 4, &alfaview.ListRoomsOptions{Limit: 2})
	require.NoError(t, err)
	require.Len(t, page, 1)
	assert.Equal(t, "4", page[0].DisplayName)
	_, err = c.Rooms.ListPage(context.Background(), -1, nil)
	require.ErrorIs(t, err, alfaview.ErrInvalidParams)
}

func TestRoomsListValidation(t *testing.T) {
	srv, c := newFake(t)
	for _, limit := range []int{-1, alfaview.MaxRoomsPageSize + 1} {
		n := 0
		for r, err := range c.Rooms.List(context.Background(), &alfaview.ListRoomsOptions{Limit: limit}) {
			n++
			assert.Nil(t, r)
			require.ErrorIs(t, err, alfaview.ErrInvalidParams)
			assert.ErrorContains(t, err, "Limit")
		}
		assert.Equal(t, 1, n)
	}
	assert.Equal(t, 0, srv.RequestCount())
}

func TestRoomsCreateAndDestroy(t *testing.T) {
	srv, c := newFake(t)
	ctx := context.Background()
	dept := srv.AddRoom(alfaview.Room{DisplayName: "Dept", Type: alfaview.RoomTypeDepartment})
	r, err := c.Rooms.Create(ctx, alfaview.RoomCreation{DisplayName: "Exam hall", Mode: alfaview.RoomModeExam, ParentID: dept.ID})
	require.NoError(t, err)
	assert.NotEmpty(t, r.ID)
	assert.Equal(t, "Exam hall", r.DisplayName)
	assert.Equal(t, alfaview.RoomModeExam, r.Mode)
	assert.Equal(t, alfaview.RoomTypeRoom, r.Type)
	assert.Equal(t, dept.ID, r.ParentID)
	assert.False(t, r.CreatedAt.IsZero())
	stored, ok := srv.Room(r.ID)
	require.True(t, ok)
	assert.Equal(t, *r, stored)
	assert.Equal(t, 1, srv.AppliedCount(alfaviewtest.OpRoomsCreate))

	_, err = c.Rooms.Create(ctx, alfaview.RoomCreation{DisplayName: "Orphan", ParentID: "no-such-dept"})
	require.ErrorIs(t, err, alfaview.ErrRoomNotFound)
	_, err = c.Rooms.Create(ctx, alfaview.RoomCreation{})
	require.ErrorIs(t, err, alfaview.ErrInvalidParams)
	require.ErrorContains(t, err, "DisplayName")

	require.NoError(t, c.Rooms.Delete(ctx, r.ID))
	_, ok = srv.Room(r.ID)
	assert.False(t, ok)
	require.ErrorIs(t, c.Rooms.Delete(ctx, r.ID), alfaview.ErrRoomNotFound)
	require.ErrorIs(t, c.Rooms.Delete(ctx, ""), alfaview.ErrInvalidParams)
	assert.Equal(t, 1, srv.AppliedCount(alfaviewtest.OpRoomsDestroy))
}
