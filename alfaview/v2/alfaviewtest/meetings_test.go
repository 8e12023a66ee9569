package alfaviewtest_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/alfaview/v2/alfaviewtest"
)

func TestUsers(t *testing.T) {
	srv, c := newServer(t)
	r := c.want(http.StatusOK, http.MethodGet, "/v2/users", "")
	assert.Equal(t, []any{map[string]any{"id": srv.UserID(), "emailAddress": alfaviewtest.Username, "firstName": "Ada", "lastName": "Lovelace"}}, r.body)
	r = c.want(http.StatusOK, http.MethodGet, "/v2/users?emailAddress=nobody@example.com", "")
	assert.Equal(t, []any{}, r.body)

	invite := `{"user":{"emailAddress":"bob@example.com","firstName":"Bob","lastName":"Builder","locale":"de"},"permissions":` +
		`{"manageCompany":false,"roomAdmin":false,"roomCreate":true,"roomList":true,"userAdmin":false,"userList":false,"userShow":true}}`
	c.want(http.StatusNoContent, http.MethodPost, "/v2/users/invitation", invite)
	assertProblem(t, c.call(http.MethodPost, "/v2/users/invitation", invite), http.StatusConflict)
	invitations := srv.Invitations()
	require.Len(t, invitations, 1)
	assert.Equal(t, alfaviewtest.Invitation{UserID: invitations[0].UserID,
		User:        alfaviewtest.UserInformation{EmailAddress: "bob@example.com", FirstName: "Bob", LastName: "Builder", Locale: "de"},
		Permissions: alfaviewtest.UserPermissions{RoomCreate: true, RoomList: true, UserShow: true}}, invitations[0])
	r = c.want(http.StatusOK, http.MethodGet, "/v2/users?emailAddress=bob@example.com", "")
	assert.Equal(t, []any{map[string]any{"id": invitations[0].UserID, "emailAddress": "bob@example.com", "firstName": "Bob", "lastName": "Builder"}}, r.body)
	assert.Len(t, srv.Users(), 2)
	assert.Equal(t, 1, srv.AppliedCount(alfaviewtest.OpUsersInvite))

	r = c.call(http.MethodPost, "/v2/users/invitation", `{"user":{"emailAddress":"x","firstName":"X"},"permissions":{"manageCompany":true}}`)
	assertProblem(t, withoutValues(r), http.StatusUnprocessableEntity,
		detail("body.permissions", "expected required property roomAdmin to be present"),
		detail("body.permissions", "expected required property roomCreate to be present"),
		detail("body.permissions", "expected required property roomList to be present"),
		detail("body.permissions", "expected required property userAdmin to be present"),
		detail("body.permissions", "expected required property userList to be present"),
		detail("body.permissions", "expected required property userShow to be present"),
		detail("body.user.emailAddress", "expected string to be RFC 5322 email: mail: missing '@' or angle-addr"),
		detail("body.user", "expected required property lastName to be present"))
	assert.Panics(t, func() { srv.AddUser(alfaviewtest.User{EmailAddress: "BOB@example.com"}) })
}

func TestMeetings(t *testing.T) {
	start := time.Date(2030, 4, 1, 10, 0, 0, 0, time.UTC)
	clock := alfaviewtest.NewManualClock(start.Add(-time.Hour))
	srv, c := newServer(t, alfaviewtest.WithClock(clock))
	participant := srv.PermissionGroupID("Participant")
	body := `{"title":"Kickoff","start":"2030-04-01T12:00:00+02:00","end":"2030-04-01T11:00:00Z","timezone":"Europe/Berlin",` +
		`"earlyAccessMinutes":15,"roomFeatures":` + allFeatures + `,"waitingRoomEnabled":true,"subroomDisplayNames":["A","B"],` +
		`"groupLinks":[{"description":"all","dialInAllowed":false,"permissionGroupId":"` + participant + `"}],` +
		`"guestLinks":[{"dialInAllowed":false,"displayName":"Eve","emailAddress":"eve@example.com","locale":"en","permissionGroupId":"` + participant + `"}]}`
	id := c.id("/v2/meetings", body)

	room, ok := srv.Room(id)
	require.True(t, ok, "the meeting's id is its room's id")
	assert.Equal(t, alfaviewtest.RoomTypeMeeting, room.Type)
	assert.Equal(t, "Kickoff", room.DisplayName)
	assert.True(t, room.WaitingRoomEnabled)
	assert.Equal(t, alfaviewtest.FeatureEnabled, room.Features.AllowCopyRoomInfo)
	assert.Len(t, room.Subrooms, 2)
	groupLinks, guestLinks := srv.GroupLinks(id), srv.GuestLinks(id)
	require.Len(t, groupLinks, 1)
	require.Len(t, guestLinks, 1)

	m := c.want(http.StatusOK, http.MethodGet, "/v2/meetings/"+id, "").obj()
	assert.Equal(t, map[string]any{"id": id, "title": "Kickoff", "start": "2030-04-01T10:00:00Z", "end": "2030-04-01T11:00:00Z",
		"timezone": "Europe/Berlin", "earlyAccessMinutes": 15.0, "state": "scheduled", "canJoin": false,
		"canJoinAfter": "2030-04-01T09:45:00Z", "roomAvailable": true,
		"groupLinks": map[string]any{groupLinks[0].ID: groupLinks[0].JoinLink}, "guestLinks": []any{guestLinks[0].JoinURL},
		"createdAt": "2030-04-01T09:00:00Z", "createdBy": srv.UserID()}, m)

	state := func() (string, bool) {
		got, _ := srv.Meeting(id)
		return got.State, got.CanJoin
	}
	clock.Set(start.Add(-15 * time.Minute))
	s, canJoin := state()
	assert.Equal(t, []any{alfaviewtest.MeetingScheduled, true}, []any{s, canJoin}, "joinable in the early access time")
	clock.Set(start)
	s, _ = state()
	assert.Equal(t, alfaviewtest.MeetingOngoing, s)
	clock.Set(start.Add(time.Hour))
	got, _ := srv.Meeting(id)
	assert.Equal(t, alfaviewtest.MeetingEnded, got.State)
	assert.Nil(t, got.CanJoinAfter, "omitted once the meeting has ended")
	assert.False(t, got.RoomAvailable)
	clock.Set(start.Add(-time.Hour))

	other := c.id("/v2/meetings", `{"title":"Later","start":"2030-04-02T10:00:00Z","end":"2030-04-02T11:00:00Z","timezone":"UTC",`+
		`"roomFeatures":`+allFeatures+`,"waitingRoomEnabled":false,"groupLinks":[]}`)
	assert.Empty(t, srv.GroupLinks(other), "an empty groupLinks makes none")
	list := func(query string) []string {
		var out []string
		for _, m := range c.want(http.StatusOK, http.MethodGet, "/v2/meetings"+query, "").list() {
			out = append(out, m.(map[string]any)["id"].(string))
		}
		return out
	}
	assert.Equal(t, []string{id, other}, list(""))
	assert.Equal(t, []string{id}, list("?to=2030-04-02T10:00:00Z"))
	assert.Equal(t, []string{other}, list("?from=2030-04-01T11:00:00Z"))
	assert.Equal(t, []string{id}, list("?from=2030-04-01T10:30:00Z&to=2030-04-01T10:31:00Z"))
	assertProblem(t, c.call(http.MethodGet, "/v2/meetings?from=monday", ""), http.StatusUnprocessableEntity,
		map[string]any{"location": "query.from", "message": "invalid date/time for format 2006-01-02T15:04:05.999999999Z07:00", "value": "monday"})

	c.want(http.StatusNoContent, http.MethodPatch, "/v2/meetings/"+id, `{"title":"Kick-off","end":"2030-04-01T11:30:00Z","agenda":null}`)
	got, _ = srv.Meeting(id)
	assert.Equal(t, "Kick-off", got.Title)
	assert.Equal(t, start.Add(90*time.Minute), got.End)
	room, _ = srv.Room(id)
	assert.Equal(t, "Kick-off", room.DisplayName, "the room follows the title")
	c.want(http.StatusNoContent, http.MethodPatch, "/v2/meetings/"+id, `{"title":"Kick-off"}`)
	assert.Equal(t, 1, srv.AppliedCount(alfaviewtest.OpMeetingsUpdate))
	r := c.call(http.MethodPatch, "/v2/meetings/"+id, `{"start":"2030-04-01T12:00:00Z","earlyAccessMinutes":31,"timezone":"Nowhere"}`)
	assertProblem(t, withoutValues(r), http.StatusUnprocessableEntity, detail("body.earlyAccessMinutes", "expected number <= 30"))
	r = c.call(http.MethodPatch, "/v2/meetings/"+id, `{"start":"2030-04-01T12:00:00Z","timezone":"Nowhere"}`)
	assertProblem(t, withoutValues(r), http.StatusUnprocessableEntity, detail("body.timezone", "unknown time zone"), detail("body.end", "end must be after start"))

	r = c.call(http.MethodPost, "/v2/meetings/"+id+"/cancellation", `{"reason":"ill"}`)
	assertProblem(t, withoutValues(r), http.StatusUnprocessableEntity, detail("body", "expected required property sendNotification to be present"))
	c.want(http.StatusNoContent, http.MethodPost, "/v2/meetings/"+id+"/cancellation", `{"reason":"ill","sendNotification":true}`)
	got, _ = srv.Meeting(id)
	assert.Equal(t, alfaviewtest.MeetingCanceled, got.State)
	assert.Equal(t, clock.Now(), *got.CanceledAt)
	assert.False(t, got.CanJoin)
	assertProblem(t, c.call(http.MethodPost, "/v2/meetings/"+id+"/cancellation", `{"sendNotification":false}`), http.StatusConflict)
	assertProblem(t, c.call(http.MethodPatch, "/v2/meetings/"+id, `{"title":"x"}`), http.StatusConflict)
	assertProblem(t, c.call(http.MethodGet, "/v2/meetings/nope", ""), http.StatusNotFound)
	assert.Equal(t, 2, srv.AppliedCount(alfaviewtest.OpMeetingsCreate))
	assert.Equal(t, 1, srv.AppliedCount(alfaviewtest.OpMeetingsCancel))

	r = c.call(http.MethodPost, "/v2/meetings", `{"title":"x","start":"2030-04-01T12:00:00Z","end":"2030-04-01T12:00:00Z","timezone":"UTC","waitingRoomEnabled":false}`)
	assertProblem(t, withoutValues(r), http.StatusUnprocessableEntity, detail("body", "expected required property roomFeatures to be present"))
	assert.Len(t, srv.Meetings(), 2)
}

func TestReports(t *testing.T) {
	now := time.Date(2030, 6, 10, 12, 0, 0, 0, time.UTC)
	clock := alfaviewtest.NewManualClock(now)
	srv, c := newServer(t, alfaviewtest.WithClock(clock))
	room := c.room("Class")
	meeting := c.id("/v2/meetings", `{"title":"M","start":"2030-06-10T13:00:00Z","end":"2030-06-10T14:00:00Z","timezone":"UTC",`+
		`"roomFeatures":`+allFeatures+`,"waitingRoomEnabled":false}`)
	day := time.Date(2030, 6, 9, 0, 0, 0, 0, time.UTC)
	at := func(h, m int) time.Time { return day.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute) }
	srv.AddAttendance(room, "u1", alfaviewtest.Attendance{DisplayName: "One", From: at(9, 0), To: at(10, 0)})
	srv.AddAttendance(room, "u2", alfaviewtest.Attendance{DisplayName: "Two", From: at(9, 30), To: at(11, 0)})
	srv.AddAttendance(room, "u1", alfaviewtest.Attendance{DisplayName: "One again", From: at(12, 0), To: at(12, 30)})
	srv.AddAttendance(meeting, "u3", alfaviewtest.Attendance{DisplayName: "Three", From: at(9, 0), To: at(9, 10)})

	r := c.want(http.StatusOK, http.MethodGet, "/v2/rooms/"+room+"/attendances?from=2030-06-09T09:45:00Z&to=2030-06-09T12:10:00Z", "")
	assert.Equal(t, []any{
		map[string]any{"userId": "u1", "attendances": []any{
			map[string]any{"displayName": "One", "from": "2030-06-09T09:00:00Z", "to": "2030-06-09T10:00:00Z"},
			map[string]any{"displayName": "One again", "from": "2030-06-09T12:00:00Z", "to": "2030-06-09T12:30:00Z"}}},
		map[string]any{"userId": "u2", "attendances": []any{
			map[string]any{"displayName": "Two", "from": "2030-06-09T09:30:00Z", "to": "2030-06-09T11:00:00Z"}}},
	}, r.body)
	r = c.want(http.StatusOK, http.MethodGet, "/v2/rooms/"+room+"/attendances?from=2030-06-09T13:00:00Z&to=2030-06-09T14:00:00Z", "")
	assert.Equal(t, []any{}, r.body)

	r = c.want(http.StatusOK, http.MethodGet, "/v2/stats?from=2030-06-09T09:00:00Z&to=2030-06-09T13:00:00Z&stepDurationHours=3", "")
	stats := func(active, roomSecs, sessions, userSecs float64) map[string]any {
		return map[string]any{"activeCount": active, "roomOnlineSeconds": roomSecs, "sessionCount": sessions, "usersOnlineSeconds": userSecs}
	}
	assert.Equal(t, []any{
		map[string]any{"from": "2030-06-09T09:00:00Z", "to": "2030-06-09T12:00:00Z",
			"rooms": stats(1, 2*3600, 2, 3600+5400), "meetings": stats(1, 600, 1, 600)},
		map[string]any{"from": "2030-06-09T12:00:00Z", "to": "2030-06-09T13:00:00Z",
			"rooms": stats(1, 1800, 1, 1800), "meetings": stats(0, 0, 0, 0)},
	}, r.body, "the last period ends at to")

	for _, tc := range []struct {
		query string
		want  []map[string]any
	}{
		{"", []map[string]any{detail("query.stepDurationHours", "required query parameter is missing"),
			detail("query.from", "required query parameter is missing"), detail("query.to", "required query parameter is missing")}},
		{"?from=2030-06-09T10:00:00Z&to=2030-06-09T09:00:00Z&stepDurationHours=0", []map[string]any{
			detail("query.stepDurationHours", "expected number >= 1"), detail("query.to", "to must be after from")}},
		{"?from=2030-04-01T00:00:00Z&to=2030-06-09T09:00:00Z&stepDurationHours=24", []map[string]any{
			detail("query.from", "from can be at most 62 days in the past")}},
	} {
		assertProblem(t, withoutValues(c.call(http.MethodGet, "/v2/stats"+tc.query, "")), http.StatusUnprocessableEntity, tc.want...)
	}
	assertProblem(t, withoutValues(c.call(http.MethodGet, "/v2/rooms/"+room+"/attendances?to=x", "")), http.StatusUnprocessableEntity,
		detail("query.from", "required query parameter is missing"),
		detail("query.to", "invalid date/time for format 2006-01-02T15:04:05.999999999Z07:00"))
	assertProblem(t, c.call(http.MethodGet, "/v2/rooms/nope/attendances?from=2030-06-09T09:00:00Z&to=2030-06-09T10:00:00Z", ""), http.StatusNotFound)
}
