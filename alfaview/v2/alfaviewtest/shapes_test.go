package alfaviewtest_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/alfaview/v2/alfaviewtest"
)

// The golden shapes, one per model of alfatraining/alfaview-php-sdk at its
// newest commit (docs/Model/<name>.md, lib/Model/<name>.php $attributeMap),
// written in the skeleton form of shape(): every property the model lists,
// with its type.
var (
	gPermissions = `{"admin":"bool","chat":"bool","join":"bool","promote":"bool","screen":"bool","upload":"bool","video":"bool","vip":"bool","voice":"bool"}`
	gFeatures    = `{"allowCopyRoomInfo":"string","blockWebclient":"string","centeredVideoGrid":"string","disableCameraOff":"string",` +
		`"disableJoinAndLeaveNotifications":"string","disableMiniWindow":"string","raiseHands":"string",` +
		`"shareContentOnlyToModerators":"string","showRaisedHandsOnlyToModerators":"string","sixteenByNineVideos":"string",` +
		`"sortVideoGridAlphabetically":"string"}`
	gParticipantPermissions = `{"participantId":"uuid","permissions":` + gPermissions + `}`
	gRoom                   = `{"createdAt":"date-time","createdBy":"uuid","defaultPermissions":` + gPermissions + `,"displayName":"string",` +
		`"features":` + gFeatures + `,"groupLinkPermissions":[` + gParticipantPermissions + `],` +
		`"guestLinkPermissions":[` + gParticipantPermissions + `],"id":"uuid","managed":"bool","parentId":"uuid",` +
		`"quotas":{"activeParticipants":"number","maxVideoTilesPerPage":"number","spectatorOnlyParticipants":"number"},` +
		`"sort":"number","subrooms":[{"displayName":"string","id":"uuid","sort":"number"}],"type":"string",` +
		`"userPermissions":[` + gParticipantPermissions + `],"waitingRoomEnabled":"bool","waitingRoomWelcomeNote":"string"}`
	gSubroom     = `{"displayName":"string","id":"uuid","sort":"number"}`
	gGroupLink   = `{"accessKey":"string","createdAt":"date-time","createdBy":"uuid","description":"string","dialInAllowed":"bool","dialInCode":"string","id":"uuid","joinLink":"string","origin":"string","permissionGroupId":"uuid","roomId":"uuid","validFrom":"date-time","validUntil":"date-time"}`
	gGuestLink   = `{"accessKey":"string","createdAt":"date-time","createdBy":"uuid","dialInAllowed":"bool","dialInCode":"string","displayName":"string","emailAddress":"string","id":"uuid","joinUrl":"string","locale":"string","origin":"string","permissionGroupId":"uuid","roomId":"uuid","validFrom":"date-time","validUntil":"date-time"}`
	gUserPerms   = `{"manageCompany":"bool","roomAdmin":"bool","roomCreate":"bool","roomList":"bool","userAdmin":"bool","userList":"bool","userShow":"bool"}`
	gTokenInfo   = `{"active":"bool","expiresAt":"date-time","permissions":` + gUserPerms + `}`
	gGuestAuth   = `{"accessToken":"string","clientLaunchUrl":"string","displayName":"string","participantId":"uuid","tokenExpiresAt":"date-time","validFrom":"date-time","validUntil":"date-time"}`
	gUser        = `{"emailAddress":"string","firstName":"string","id":"uuid","lastName":"string","title":"string"}`
	gGroup       = `{"id":"uuid","name":"string","permissions":` + gPermissions + `}`
	gRoomType    = `{"maxActiveParticipants":"number","maxSpectatorOnlyParticipants":"number","maxSubRooms":"number","name":"string","total":"number","used":"number"}`
	gLanguages   = `{"transcription":["string"],"translation":[{"in":"string","out":["string"]}]}`
	gLangSetting = `{"defaultSpokenLanguage":"string","targetTranscriptionLanguages":["string"],"transcriptionEnabled":"bool","transcriptionType":"string"}`
	gSubroomPpl  = `{"participants":[{"displayName":"string","inWaitingRoom":"bool","isDialIn":"bool","isGuest":"bool","isSpectator":"bool","onBreak":"bool","userId":"uuid"}],"subRoomId":"uuid"}`
	gAttendances = `{"attendances":[{"displayName":"string","from":"date-time","to":"date-time"}],"userId":"uuid"}`
	gStats       = `{"activeCount":"number","roomOnlineSeconds":"number","sessionCount":"number","usersOnlineSeconds":"number"}`
	gStatsPeriod = `{"from":"date-time","meetings":` + gStats + `,"rooms":` + gStats + `,"to":"date-time"}`
	gRoomPerms   = `{"groupLinkPermissions":[` + gParticipantPermissions + `],"guestLinkPermissions":[` + gParticipantPermissions + `],"userPermissions":[` + gParticipantPermissions + `]}`
	// Meeting without groupLinks, whose keys are ids: checked apart.
	gMeeting = `{"agenda":"string","canJoin":"bool","canJoinAfter":"date-time","createdAt":"date-time","createdBy":"uuid",` +
		`"earlyAccessMinutes":"number","end":"date-time","guestLinks":["string"],"id":"uuid","roomAvailable":"bool",` +
		`"start":"date-time","state":"string","timezone":"string","title":"string"}`
)

const (
	allPermissions = `{"admin":true,"chat":true,"join":true,"promote":true,"screen":true,"upload":true,"video":true,"vip":true,"voice":true}`
	allFeatures    = `{"allowCopyRoomInfo":"enabled","blockWebclient":"disabled","centeredVideoGrid":"default","disableCameraOff":"default",` +
		`"disableJoinAndLeaveNotifications":"default","disableMiniWindow":"default","raiseHands":"enabled",` +
		`"shareContentOnlyToModerators":"default","showRaisedHandsOnlyToModerators":"default","sixteenByNineVideos":"default",` +
		`"sortVideoGridAlphabetically":"default"}`
)

// TestSuccessShapes fills every kind of state through the API and checks
// that each read answers its model's full shape.
func TestSuccessShapes(t *testing.T) {
	start := time.Date(2030, 5, 6, 9, 0, 0, 0, time.UTC)
	clock := alfaviewtest.NewManualClock(start)
	srv, c := newServer(t, alfaviewtest.WithClock(clock))
	moderator := srv.PermissionGroupID("Moderator")
	bob := srv.AddUser(alfaviewtest.User{EmailAddress: "bob@example.com", FirstName: "Bob", LastName: "Builder", Title: "Dr."})

	dept := c.id("/v2/rooms", `{"displayName":"Sales","type":"department","waitingRoomEnabled":false}`)
	room := c.id("/v2/rooms", `{"defaultPermissions":`+allPermissions+`,"displayName":"Weekly","features":{"raiseHands":"enabled"},`+
		`"parentId":"`+dept+`","permissions":[{"participantId":"`+bob.ID+`","permissions":`+allPermissions+`}],`+
		`"quotas":{"activeParticipants":20,"maxVideoTilesPerPage":9,"spectatorOnlyParticipants":5},`+
		`"subrooms":[{"displayName":"Breakout"}],"type":"room","waitingRoomEnabled":true,"waitingRoomWelcomeNote":"Hi"}`)
	validity := `"validFrom":"2030-05-06T08:00:00Z","validUntil":"2030-05-07T08:00:00+02:00"`
	groupIDs := c.want(http.StatusCreated, http.MethodPost, "/v2/rooms/"+room+"/group-links",
		`{"create":[{"description":"Team","dialInAllowed":true,"permissionGroupId":"`+moderator+`",`+validity+`}],"origin":"test"}`)
	assertShape(t, `[{"id":"uuid"}]`, groupIDs.body)
	guestIDs := c.want(http.StatusCreated, http.MethodPost, "/v2/rooms/"+room+"/guest-links",
		`{"create":[{"dialInAllowed":false,"displayName":"Eve","emailAddress":"eve@example.com","locale":"en","permissionGroupId":"`+
			moderator+`","sendEmail":true,`+validity+`}],"origin":"test","timezone":"Europe/Berlin"}`)
	assertShape(t, `[{"id":"uuid"}]`, guestIDs.body)
	c.want(http.StatusNoContent, http.MethodPatch, "/v2/rooms/"+room+"/language-settings",
		`{"defaultSpokenLanguage":"de","targetTranscriptionLanguages":["en"],"transcriptionEnabled":true,"transcriptionType":"digital_interpreter"}`)
	srv.AddParticipant(room, "", alfaviewtest.Participant{DisplayName: "Ada", UserID: srv.UserID()})
	srv.AddAttendance(room, srv.UserID(), alfaviewtest.Attendance{DisplayName: "Ada", From: start.Add(-2 * time.Hour), To: start.Add(-time.Hour)})
	meeting := c.id("/v2/meetings", `{"agenda":"Plan","earlyAccessMinutes":10,"end":"2030-05-06T11:00:00Z",`+
		`"guestLinks":[{"dialInAllowed":false,"displayName":"Vic","emailAddress":"vic@example.com","locale":"de","permissionGroupId":"`+moderator+`"}],`+
		`"roomFeatures":`+allFeatures+`,"start":"2030-05-06T10:00:00Z","timezone":"Europe/Berlin","title":"Kickoff","waitingRoomEnabled":false}`)

	for _, tc := range []struct{ path, golden string }{
		{"/v2/auth/token-info", gTokenInfo},
		{"/v2/rooms/" + room, gRoom},
		{"/v2/rooms?roomTypes=room", `{"data":[` + gRoom + `]}`},
		{"/v2/rooms/" + room + "/subrooms", `[` + gSubroom + `]`},
		{"/v2/rooms/" + room + "/permissions", gRoomPerms},
		{"/v2/rooms/" + room + "/features", gFeatures},
		{"/v2/rooms/" + room + "/language-settings", gLangSetting},
		{"/v2/languages", gLanguages},
		{"/v2/rooms/" + room + "/participants", `[` + gSubroomPpl + `]`},
		{"/v2/permission-groups", `[` + gGroup + `]`},
		{"/v2/room-types", `[` + gRoomType + `]`},
		{"/v2/group-links", `{"data":[` + gGroupLink + `]}`},
		{"/v2/rooms/" + room + "/group-links?limit=500", `{"data":[` + gGroupLink + `]}`},
		{"/v2/guest-links?limit=1", `{"data":[` + gGuestLink + `],"nextPageToken":"string"}`},
		{"/v2/rooms/" + room + "/guest-links", `{"data":[` + gGuestLink + `]}`},
		{"/v2/group-links/" + groupIDs.list()[0].(map[string]any)["id"].(string), gGroupLink},
		{"/v2/guest-links/" + guestIDs.list()[0].(map[string]any)["id"].(string), gGuestLink},
		{"/v2/users?emailAddress=BOB@example.com", `[` + gUser + `]`},
		{"/v2/rooms/" + room + "/attendances?from=2030-05-06T00:00:00Z&to=2030-05-07T00:00:00Z", `[` + gAttendances + `]`},
		{"/v2/stats?from=2030-05-06T00:00:00Z&to=2030-05-06T12:00:00Z&stepDurationHours=24", `[` + gStatsPeriod + `]`},
	} {
		r := c.want(http.StatusOK, http.MethodGet, tc.path, "")
		assert.Equal(t, "application/json", r.header.Get("Content-Type"), tc.path)
		assertShape(t, tc.golden, r.body)
	}

	for _, path := range []string{"/v2/meetings/" + meeting, "/v2/meetings?from=2030-05-06T00:00:00Z"} {
		r := c.want(http.StatusOK, http.MethodGet, path, "")
		m, ok := r.body.(map[string]any)
		if !ok {
			require.Len(t, r.list(), 1, path)
			m = r.list()[0].(map[string]any)
		}
		links := m["groupLinks"].(map[string]any)
		assert.Len(t, links, 4, "the four default group links")
		for id, link := range links {
			assert.Regexp(t, uuidRE, id)
			assert.Regexp(t, `^https://app\.alfaview\.com/#/join/`+alfaviewtest.CompanyID+`/`+meeting+`/[A-Za-z0-9]{32}/v2$`, link)
		}
		delete(m, "groupLinks")
		assertShape(t, gMeeting, m)
	}

	key := srv.GroupLinks(room)[0].AccessKey
	r := c.as("").want(http.StatusOK, http.MethodPost, "/v2/auth/group-link",
		`{"accessKey":"`+key+`","companyId":"`+alfaviewtest.CompanyID+`","displayName":"Zoe","externalId":"x","roomId":"`+room+`"}`)
	assertShape(t, gGuestAuth, r.body)
	guestKey := srv.GuestLinks(room)[0].AccessKey
	r = c.as("").want(http.StatusOK, http.MethodPost, "/v2/auth/guest-link",
		`{"accessKey":"`+guestKey+`","companyId":"`+alfaviewtest.CompanyID+`","roomId":"`+room+`"}`)
	assertShape(t, gGuestAuth, r.body)
	assert.Equal(t, "Eve", r.obj()["displayName"], "the link's name when none is given")
}
