package alfaviewtest_test

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/alfaview/v2/alfaviewtest"
)

func TestRoomLifecycle(t *testing.T) {
	clock := alfaviewtest.NewManualClock(time.Date(2030, 2, 3, 4, 5, 6, 0, time.UTC))
	srv, c := newServer(t, alfaviewtest.WithClock(clock))

	id := c.room("Weekly")
	r := c.want(http.StatusOK, http.MethodGet, "/v2/rooms/"+id, "")
	room := r.obj()
	assert.Equal(t, map[string]any{"createdAt": "2030-02-03T04:05:06Z", "createdBy": srv.UserID(), "displayName": "Weekly",
		"features": room["features"], "groupLinkPermissions": []any{}, "guestLinkPermissions": []any{}, "id": id,
		"managed": false, "quotas": map[string]any{"activeParticipants": 50.0, "maxVideoTilesPerPage": 25.0, "spectatorOnlyParticipants": 0.0},
		"sort": 0.0, "subrooms": []any{}, "type": "room", "userPermissions": []any{}, "waitingRoomEnabled": false}, room,
		"optional fields that were not set are left out")
	for _, state := range room["features"].(map[string]any) {
		assert.Equal(t, "default", state, "RoomCreate: 'default' when no state is given")
	}

	c.want(http.StatusNoContent, http.MethodPatch, "/v2/rooms/"+id, `{"displayName":"Daily","waitingRoomEnabled":true,`+
		`"subrooms":[{"displayName":"A"},{"displayName":"B"}],"quotas":{"activeParticipants":10,"maxVideoTilesPerPage":4,"spectatorOnlyParticipants":2}}`)
	got, _ := srv.Room(id)
	assert.Equal(t, "Daily", got.DisplayName)
	assert.True(t, got.WaitingRoomEnabled)
	assert.Equal(t, alfaviewtest.RoomQuotas{ActiveParticipants: 10, MaxVideoTilesPerPage: 4, SpectatorOnlyParticipants: 2}, got.Quotas)
	require.Len(t, got.Subrooms, 2)
	a, b := got.Subrooms[0], got.Subrooms[1]
	assert.Equal(t, 1, srv.AppliedCount(alfaviewtest.OpRoomsUpdate))

	c.want(http.StatusNoContent, http.MethodPatch, "/v2/rooms/"+id, `{"displayName":"Daily","waitingRoomWelcomeNote":null}`)
	assert.Equal(t, 1, srv.AppliedCount(alfaviewtest.OpRoomsUpdate), "an update that changes nothing is not counted")

	c.want(http.StatusNoContent, http.MethodPatch, "/v2/rooms/"+id, `{"subrooms":[{"id":"`+b.ID+`","displayName":"B2"},{}]}`)
	got, _ = srv.Room(id)
	require.Len(t, got.Subrooms, 2, "subrooms not in the list are deleted, ones without an id are created")
	assert.Equal(t, alfaviewtest.Subroom{ID: b.ID, DisplayName: "B2", Sort: 0}, got.Subrooms[0])
	assert.NotEqual(t, a.ID, got.Subrooms[1].ID)

	r = c.call(http.MethodPatch, "/v2/rooms/"+id, `{"subrooms":[{"id":"`+a.ID+`"}],"type":"department","quotas":{"activeParticipants":251,"maxVideoTilesPerPage":1,"spectatorOnlyParticipants":0}}`)
	assertProblem(t, withoutValues(r), http.StatusUnprocessableEntity, detail("body.type", "unexpected property"))
	r = c.call(http.MethodPatch, "/v2/rooms/"+id, `{"subrooms":[{"id":"`+a.ID+`"}],"quotas":{"activeParticipants":251,"maxVideoTilesPerPage":1,"spectatorOnlyParticipants":0}}`)
	assertProblem(t, withoutValues(r), http.StatusUnprocessableEntity,
		detail("body.quotas.activeParticipants", "expected number <= 250"), detail("body.subrooms[0].id", "unknown subroom"))
	r = c.call(http.MethodPatch, "/v2/rooms/"+id, `{"features":{"raiseHands":"enabled"}}`)
	assert.Equal(t, http.StatusUnprocessableEntity, r.status, "RoomUpdate's features is a whole RoomFeatures")

	c.want(http.StatusNoContent, http.MethodDelete, "/v2/rooms/"+id, "")
	assertProblem(t, c.call(http.MethodGet, "/v2/rooms/"+id, ""), http.StatusNotFound)
	assertProblem(t, c.call(http.MethodDelete, "/v2/rooms/"+id, ""), http.StatusNotFound)
	assertProblem(t, c.call(http.MethodPatch, "/v2/rooms/"+id, `{"displayName":"x"}`), http.StatusNotFound)
	assert.Equal(t, 1, srv.AppliedCount(alfaviewtest.OpRoomsDelete))
	assert.Equal(t, 1, srv.AppliedCount(alfaviewtest.OpRoomsCreate))
}

func TestRoomCreateRules(t *testing.T) {
	srv, c := newServer(t)
	r := c.call(http.MethodPost, "/v2/rooms", `{"displayName":"x","type":"meeting","mode":"normal","createDefaultSubrooms":true}`)
	assertProblem(t, withoutValues(r), http.StatusUnprocessableEntity,
		detail("body.type", `expected value to be one of "department, room"`),
		detail("body", "expected required property waitingRoomEnabled to be present"),
		detail("body.createDefaultSubrooms", "unexpected property"),
		detail("body.mode", "unexpected property"))

	r = c.call(http.MethodPost, "/v2/rooms", `{"displayName":"x","type":"room","waitingRoomEnabled":false,`+
		`"quotas":{"activeParticipants":-1,"maxVideoTilesPerPage":1.5},"defaultPermissions":{"join":"yes"}}`)
	assertProblem(t, withoutValues(r), http.StatusUnprocessableEntity,
		detail("body.defaultPermissions", "expected required property admin to be present"),
		detail("body.defaultPermissions", "expected required property chat to be present"),
		detail("body.defaultPermissions.join", "expected boolean"),
		detail("body.defaultPermissions", "expected required property promote to be present"),
		detail("body.defaultPermissions", "expected required property screen to be present"),
		detail("body.defaultPermissions", "expected required property upload to be present"),
		detail("body.defaultPermissions", "expected required property video to be present"),
		detail("body.defaultPermissions", "expected required property vip to be present"),
		detail("body.defaultPermissions", "expected required property voice to be present"),
		detail("body.quotas.activeParticipants", "expected number >= 0"),
		detail("body.quotas.maxVideoTilesPerPage", "expected integer"),
		detail("body.quotas", "expected required property spectatorOnlyParticipants to be present"))

	dept := c.id("/v2/rooms", `{"displayName":"Dept","type":"department","waitingRoomEnabled":false}`)
	room := c.room("Room")
	r = c.call(http.MethodPost, "/v2/rooms", `{"displayName":"x","type":"department","waitingRoomEnabled":true,"parentId":"`+room+`",`+
		`"permissions":[{"participantId":"nobody","permissions":`+allPermissions+`}]}`)
	assertProblem(t, withoutValues(r), http.StatusUnprocessableEntity,
		detail("body.parentId", "the parent room must be a department"),
		detail("body.waitingRoomEnabled", "rooms of the type 'department' cannot have a waiting room"),
		detail("body.permissions[0].participantId", "unknown user"))
	r = c.call(http.MethodPost, "/v2/rooms", `{"displayName":"x","type":"room","waitingRoomEnabled":false,"parentId":"missing"}`)
	assertProblem(t, r, http.StatusUnprocessableEntity, map[string]any{"location": "body.parentId", "message": "parent room not found", "value": "missing"})

	child := c.id("/v2/rooms", `{"displayName":"Child","type":"room","waitingRoomEnabled":false,"parentId":"`+dept+`","parentId":"`+dept+`"}`)
	got, _ := srv.Room(child)
	assert.Equal(t, dept, got.ParentID)
	assertProblem(t, c.call(http.MethodDelete, "/v2/rooms/"+dept, ""), http.StatusConflict)
	c.want(http.StatusNoContent, http.MethodDelete, "/v2/rooms/"+child, "")
	c.want(http.StatusNoContent, http.MethodDelete, "/v2/rooms/"+dept, "")
	assert.Equal(t, 3, srv.AppliedCount(alfaviewtest.OpRoomsCreate), "rejected creates are not applied")
}

func TestRoomPaging(t *testing.T) {
	srv, c := newServer(t)
	var ids []string
	for i := range 120 {
		typ := "room"
		if i%10 == 0 {
			typ = "department"
		}
		ids = append(ids, c.id("/v2/rooms", fmt.Sprintf(`{"displayName":"r%d","type":%q,"waitingRoomEnabled":false}`, i, typ)))
	}
	walk := func(query string) (pages []int, seen []string) {
		token := ""
		for {
			q := query
			if token != "" {
				q += "&pageToken=" + url.QueryEscape(token)
			}
			r := c.want(http.StatusOK, http.MethodGet, "/v2/rooms?"+q, "")
			data := r.obj()["data"].([]any)
			pages = append(pages, len(data))
			for _, d := range data {
				seen = append(seen, d.(map[string]any)["id"].(string))
			}
			next, has := r.obj()["nextPageToken"]
			if !has {
				return pages, seen
			}
			token = next.(string)
			require.NotEmpty(t, token)
		}
	}
	pages, seen := walk("")
	assert.Equal(t, []int{50, 50, 20}, pages, "default and maximum limit 50 (lib/Api listRooms)")
	assert.Equal(t, ids, seen)
	pages, _ = walk("limit=0")
	assert.Equal(t, []int{50, 50, 20}, pages, "0 is the default")
	pages, seen = walk("limit=7&roomTypes=department")
	assert.Equal(t, []int{7, 5}, pages)
	assert.Len(t, seen, 12)
	pages, _ = walk("roomTypes=department,room&limit=50")
	assert.Equal(t, []int{50, 50, 20}, pages)

	r := c.want(http.StatusOK, http.MethodGet, "/v2/rooms?roomTypes=room&roomTypes=department", "")
	assert.Len(t, r.obj()["data"], 50, "only the first roomTypes counts, as in Huma; a client must join the values")
	r = c.want(http.StatusOK, http.MethodGet, "/v2/rooms?roomTypes=department&roomTypes=room", "")
	assert.Len(t, r.obj()["data"], 12)

	r = c.want(http.StatusOK, http.MethodGet, "/v2/rooms?limit=50", "")
	token := r.obj()["nextPageToken"].(string)
	c.want(http.StatusNoContent, http.MethodDelete, "/v2/rooms/"+ids[50], "")
	r = c.want(http.StatusOK, http.MethodGet, "/v2/rooms?pageToken="+url.QueryEscape(token), "")
	assert.Equal(t, ids[51], r.obj()["data"].([]any)[0].(map[string]any)["id"], "a deleted room is neither skipped past nor repeated")

	for _, tc := range []struct {
		query string
		want  map[string]any
	}{
		{"limit=51", map[string]any{"location": "query.limit", "message": "expected number <= 50", "value": 51.0}},
		{"limit=-1", map[string]any{"location": "query.limit", "message": "expected number >= 0", "value": -1.0}},
		{"limit=ten", map[string]any{"location": "query.limit", "message": "invalid integer", "value": "ten"}},
		{"roomTypes=room,office", map[string]any{"location": "query.roomTypes[1]", "message": `expected value to be one of "department, room, meeting"`, "value": "office"}},
		{"pageToken=garbage", map[string]any{"location": "query.pageToken", "message": "invalid page token for this list and filter", "value": "garbage"}},
		{"roomTypes=room&pageToken=" + url.QueryEscape(token), map[string]any{"location": "query.pageToken", "message": "invalid page token for this list and filter", "value": token}},
	} {
		assertProblem(t, c.call(http.MethodGet, "/v2/rooms?"+tc.query, ""), http.StatusUnprocessableEntity, tc.want)
	}
	_ = srv
}

func TestSubrooms(t *testing.T) {
	srv, c := newServer(t)
	room := c.room("Main")
	first := c.id("/v2/rooms/"+room+"/subrooms", `{"displayName":"One"}`)
	second := c.id("/v2/rooms/"+room+"/subrooms", `{}`)
	r := c.want(http.StatusOK, http.MethodGet, "/v2/rooms/"+room+"/subrooms", "")
	assert.Equal(t, []any{map[string]any{"id": first, "displayName": "One", "sort": 0.0}, map[string]any{"id": second, "sort": 1.0}}, r.body,
		"an empty display name is left out (model Subroom: optional)")

	c.want(http.StatusNoContent, http.MethodPatch, "/v2/rooms/"+room+"/subrooms/"+second, `{"displayName":"Two"}`)
	c.want(http.StatusNoContent, http.MethodPatch, "/v2/rooms/"+room+"/subrooms/"+second, `{"displayName":"Two"}`)
	c.want(http.StatusNoContent, http.MethodDelete, "/v2/rooms/"+room+"/subrooms/"+first, "")
	got, _ := srv.Room(room)
	assert.Equal(t, []alfaviewtest.Subroom{{ID: second, DisplayName: "Two", Sort: 1}}, got.Subrooms)
	assert.Equal(t, 2, srv.AppliedCount(alfaviewtest.OpRoomsCreateSubroom))
	assert.Equal(t, 1, srv.AppliedCount(alfaviewtest.OpRoomsUpdateSubroom))
	assert.Equal(t, 1, srv.AppliedCount(alfaviewtest.OpRoomsDeleteSubroom))

	assertProblem(t, c.call(http.MethodDelete, "/v2/rooms/"+room+"/subrooms/"+first, ""), http.StatusNotFound)
	assertProblem(t, c.call(http.MethodPatch, "/v2/rooms/"+room+"/subrooms/nope", `{}`), http.StatusNotFound)
	assertProblem(t, c.call(http.MethodGet, "/v2/rooms/nope/subrooms", ""), http.StatusNotFound)
	assertProblem(t, c.call(http.MethodPost, "/v2/rooms/nope/subrooms", `{}`), http.StatusNotFound)
	r = c.call(http.MethodPost, "/v2/rooms/"+room+"/subrooms", `{"displayName":3}`)
	assertProblem(t, r, http.StatusUnprocessableEntity, map[string]any{"location": "body.displayName", "message": "expected string", "value": 3.0})

	for range 49 {
		c.id("/v2/rooms/"+room+"/subrooms", `{}`)
	}
	assertProblem(t, c.call(http.MethodPost, "/v2/rooms/"+room+"/subrooms", `{}`), http.StatusUnprocessableEntity)
}

func TestRoomPermissions(t *testing.T) {
	srv, c := newServer(t)
	room := c.room("Main")
	bob := srv.AddUser(alfaviewtest.User{EmailAddress: "bob@example.com", FirstName: "Bob", LastName: "B"})
	spectator := srv.PermissionGroupID("Spectator")
	link := srv.AddGroupLink(alfaviewtest.GroupLink{RoomID: room, PermissionGroupID: spectator, Description: "watchers"})

	body := `{"participantId":"` + bob.ID + `","permissions":` + allPermissions + `}`
	c.want(http.StatusNoContent, http.MethodPost, "/v2/rooms/"+room+"/permissions", body)
	assertProblem(t, c.call(http.MethodPost, "/v2/rooms/"+room+"/permissions", body), http.StatusConflict)
	r := c.call(http.MethodPost, "/v2/rooms/"+room+"/permissions", `{"participantId":"ghost","permissions":`+allPermissions+`}`)
	assertProblem(t, r, http.StatusUnprocessableEntity, map[string]any{"location": "body.participantId", "message": "unknown user", "value": "ghost"})

	c.want(http.StatusNoContent, http.MethodPatch, "/v2/rooms/"+room+"/permissions/"+bob.ID, `{"admin":false,"vip":null}`)
	r = c.want(http.StatusOK, http.MethodGet, "/v2/rooms/"+room+"/permissions", "")
	assert.Equal(t, map[string]any{
		"userPermissions": []any{map[string]any{"participantId": bob.ID, "permissions": map[string]any{"admin": false, "chat": true,
			"join": true, "promote": true, "screen": true, "upload": true, "video": true, "vip": true, "voice": true}}},
		"groupLinkPermissions": []any{map[string]any{"participantId": link.ID, "permissions": map[string]any{"admin": false, "chat": true,
			"join": true, "promote": false, "screen": false, "upload": false, "video": false, "vip": false, "voice": false}}},
		"guestLinkPermissions": []any{},
	}, r.body)
	got, _ := srv.Room(room)
	assert.Len(t, got.UserPermissions, 1, "a room shows the same permissions")
	assert.Len(t, got.GroupLinkPermissions, 1)

	c.want(http.StatusNoContent, http.MethodDelete, "/v2/rooms/"+room+"/permissions/"+bob.ID, "")
	assertProblem(t, c.call(http.MethodDelete, "/v2/rooms/"+room+"/permissions/"+bob.ID, ""), http.StatusNotFound)
	assertProblem(t, c.call(http.MethodPatch, "/v2/rooms/"+room+"/permissions/"+bob.ID, `{}`), http.StatusNotFound)
	for op, n := range map[string]int{alfaviewtest.OpRoomsCreatePermissions: 1, alfaviewtest.OpRoomsUpdatePermissions: 1, alfaviewtest.OpRoomsDeletePermissions: 1} {
		assert.Equal(t, n, srv.AppliedCount(op), op)
	}
}

func TestFeaturesAndLanguages(t *testing.T) {
	srv, c := newServer(t)
	room := c.room("Main")
	c.want(http.StatusNoContent, http.MethodPatch, "/v2/rooms/"+room+"/features", `{"raiseHands":"enabled","blockWebclient":null}`)
	r := c.want(http.StatusOK, http.MethodGet, "/v2/rooms/"+room+"/features", "")
	assert.Equal(t, "enabled", r.obj()["raiseHands"])
	assert.Equal(t, "default", r.obj()["blockWebclient"])
	r = c.call(http.MethodPatch, "/v2/rooms/"+room+"/features", `{"raiseHands":"on"}`)
	assertProblem(t, r, http.StatusUnprocessableEntity, map[string]any{"location": "body.raiseHands",
		"message": `expected value to be one of "enabled, disabled, default"`, "value": "on"})
	c.want(http.StatusNoContent, http.MethodDelete, "/v2/rooms/"+room+"/features", "")
	c.want(http.StatusNoContent, http.MethodDelete, "/v2/rooms/"+room+"/features", "")
	r = c.want(http.StatusOK, http.MethodGet, "/v2/rooms/"+room+"/features", "")
	assert.Equal(t, "default", r.obj()["raiseHands"])
	assert.Equal(t, 1, srv.AppliedCount(alfaviewtest.OpRoomsUpdateFeatures))
	assert.Equal(t, 1, srv.AppliedCount(alfaviewtest.OpRoomsDeleteFeatures), "resetting defaults changes nothing")

	r = c.want(http.StatusOK, http.MethodGet, "/v2/rooms/"+room+"/language-settings", "")
	assert.Equal(t, map[string]any{"transcriptionEnabled": false, "transcriptionType": "simple_transcription"}, r.body)
	r = c.call(http.MethodPatch, "/v2/rooms/"+room+"/language-settings", `{"defaultSpokenLanguage":"klingon","targetTranscriptionLanguages":["en","xx"],"transcriptionType":"magic"}`)
	assertProblem(t, withoutValues(r), http.StatusUnprocessableEntity,
		detail("body.transcriptionType", `expected value to be one of "simple_transcription, digital_interpreter"`))
	r = c.call(http.MethodPatch, "/v2/rooms/"+room+"/language-settings", `{"defaultSpokenLanguage":"klingon","targetTranscriptionLanguages":["en","xx"]}`)
	assertProblem(t, withoutValues(r), http.StatusUnprocessableEntity,
		detail("body.defaultSpokenLanguage", `expected value to be one of "de, en, es, fr, it"`),
		detail("body.targetTranscriptionLanguages[1]", `expected value to be one of "de, en, es, fr, it"`))
	c.want(http.StatusNoContent, http.MethodPatch, "/v2/rooms/"+room+"/language-settings", `{"transcriptionEnabled":true,"targetTranscriptionLanguages":["fr"]}`)
	got, _ := srv.LanguageSettings(room)
	assert.Equal(t, alfaviewtest.LanguageSettings{TranscriptionEnabled: true, TargetTranscriptionLanguages: []string{"fr"},
		TranscriptionType: alfaviewtest.TranscriptionSimple}, got)
	assert.Equal(t, 1, srv.AppliedCount(alfaviewtest.OpRoomsUpdateLanguageSettings))

	r = c.want(http.StatusOK, http.MethodGet, "/v2/languages", "")
	assert.Equal(t, []any{"de", "en", "es", "fr", "it"}, r.obj()["transcription"])
	assert.Equal(t, map[string]any{"in": "de", "out": []any{"en", "es", "fr", "it"}}, r.obj()["translation"].([]any)[0])
}

func TestParticipantsAndCatalog(t *testing.T) {
	srv, c := newServer(t)
	room := c.room("Main")
	sub := c.id("/v2/rooms/"+room+"/subrooms", `{"displayName":"Side"}`)
	srv.AddParticipant(room, sub, alfaviewtest.Participant{DisplayName: "Guest", UserID: "g1", IsGuest: true})
	r := c.want(http.StatusOK, http.MethodGet, "/v2/rooms/"+room+"/participants", "")
	assert.Equal(t, []any{
		map[string]any{"subRoomId": room, "participants": []any{}},
		map[string]any{"subRoomId": sub, "participants": []any{map[string]any{"displayName": "Guest", "inWaitingRoom": false,
			"isDialIn": false, "isGuest": true, "isSpectator": false, "onBreak": false, "userId": "g1"}}},
	}, r.body)
	assertProblem(t, c.call(http.MethodGet, "/v2/rooms/nope/participants", ""), http.StatusNotFound)

	r = c.want(http.StatusOK, http.MethodGet, "/v2/permission-groups", "")
	var names []string
	for _, g := range r.list() {
		names = append(names, g.(map[string]any)["name"].(string))
	}
	assert.Equal(t, []string{"Moderator", "Participant", "Guest", "Spectator"}, names)
	custom := srv.AddPermissionGroup("Auditor", alfaviewtest.Permissions{Join: true})
	assert.Equal(t, custom.ID, srv.PermissionGroupID("auditor"))
	assert.Len(t, srv.PermissionGroups(), 5)

	r = c.want(http.StatusOK, http.MethodGet, "/v2/room-types", "")
	used := map[string]any{}
	for _, rt := range r.list() {
		used[rt.(map[string]any)["name"].(string)] = rt.(map[string]any)["used"]
	}
	assert.Equal(t, map[string]any{"department": 0.0, "room": 1.0, "meeting": 0.0}, used)
}
