package alfaview_test

import (
	"encoding/json"
	"iter"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	alfaview "github.com/grantkit/grantkit-go/alfaview/v2"
)

// TestDecodeOfficialShapes feeds the decoder each answer model in its full
// official shape and checks three things: the fixture has exactly the
// model's keys, it decodes to the expected Go value (values that differ
// per field catch swapped tags), and encoding that value gives the fixture
// back (so no key is dropped or renamed on the way).
func TestDecodeOfficialShapes(t *testing.T) {
	for _, tc := range []struct {
		model, doc string
		want       any
	}{
		{"Room", roomJSON, roomGo},
		{"RoomFeatures", featuresJSON, featuresGo},
		{"RoomQuotas", quotasJSON, quotasGo},
		{"Permissions", permissionsJSON, permissionsGo},
		{"ParticipantPermissions", participantPermissionsJSON, participantPermissionsGo},
		{"RoomPermissions", roomPermissionsJSON, roomPermissionsGo},
		{"Subroom", subroomJSON, subroomGo},
		{"PermissionGroup", permissionGroupJSON, permissionGroupGo},
		{"GroupLink", groupLinkJSON, groupLinkGo},
		{"GuestLink", guestLinkJSON, guestLinkGo},
		{"GroupLinkAuthenticationInfo", guestAuthJSON, guestAuthGo},
		{"GuestLinkAuthenticationInfo", guestAuthJSON, guestAuthGo},
		{"TokenInfo", tokenInfoJSON, tokenInfoGo},
		{"TokenUserPermissions", userPermissionsJSON, userPermissionsGo},
		{"User", userJSON, userGo},
		{"LanguageSettings", languageSettingsJSON, languageSettingsGo},
		{"Languages", languagesJSON, languagesGo},
		{"SubroomParticipants", subroomParticipantsJSON, subroomParticipantsGo},
		{"RoomTypeData", roomTypeDataJSON, roomTypeDataGo},
		{"Meeting", meetingJSON, meetingGo},
		{"UserAttendances", userAttendancesJSON, userAttendancesGo},
		{"StatsPeriod", statsPeriodJSON, statsPeriodGo},
	} {
		t.Run(tc.model, func(t *testing.T) {
			assert.Empty(t, checkShape(tc.model, tc.doc, true), "the fixture is not the model's full shape")
			got := reflect.New(reflect.TypeOf(tc.want))
			require.NoError(t, json.Unmarshal([]byte(tc.doc), got.Interface()))
			assert.Equal(t, tc.want, got.Elem().Interface())
			again, err := json.Marshal(got.Interface())
			require.NoError(t, err)
			want := tc.doc
			if strings.HasSuffix(tc.model, "AuthenticationInfo") {
				// The guest's token is a credential: it marshals masked, in
				// the launch URL too.
				want = strings.Replace(want, `"Z3Vlc3QtdG9rZW4="`, `"[REDACTED]"`, 1)
				want = strings.Replace(want, launchURL, "alfaview://apis.alfaview.com:443?companyId=xxxxx&roomId=xxxxx&token=xxxxx", 1)
			}
			assert.JSONEq(t, want, string(again))
		})
	}
}

// The optional keys of an answer may be absent or null; the required ones
// carry the object.
func TestDecodeSparseShapes(t *testing.T) {
	var r alfaview.Room
	require.NoError(t, json.Unmarshal([]byte(`{"createdAt":"2026-02-01T09:00:00Z","createdBy":"u","displayName":"Lobby",
		"features":`+featuresJSON+`,"id":"r1","managed":false,"sort":0,"type":"department","waitingRoomEnabled":false,
		"subrooms":null,"userPermissions":null,"quotas":null,"defaultPermissions":null}`), &r))
	assert.Equal(t, alfaview.Room{CreatedAt: at("2026-02-01T09:00:00Z"), CreatedBy: "u", DisplayName: "Lobby",
		Features: featuresGo, ID: "r1", Type: alfaview.RoomTypeDepartment}, r)

	var g alfaview.GroupLink
	require.NoError(t, json.Unmarshal([]byte(`{"id":"l1","validFrom":null}`), &g))
	assert.True(t, g.ValidFrom.IsZero())
	assert.True(t, g.ValidUntil.IsZero())

	var a alfaview.GuestAuthInfo
	require.NoError(t, json.Unmarshal([]byte(`{"displayName":"Guest","validFrom":"2030-03-14T13:00:00Z","validUntil":"2030-03-14T17:00:00Z"}`), &a))
	assert.Empty(t, a.AccessToken, "no token outside the link's validity")
	assert.True(t, a.TokenExpiresAt.IsZero())
}

// Values alfaview may add later decode as sent.
func TestDecodeUnknownEnumValues(t *testing.T) {
	var r alfaview.Room
	require.NoError(t, json.Unmarshal([]byte(`{"type":"webinar","features":{"raiseHands":"locked"}}`), &r))
	assert.Equal(t, alfaview.RoomType("webinar"), r.Type)
	assert.Equal(t, alfaview.FeatureState("locked"), r.Features.RaiseHands)
	var m alfaview.Meeting
	require.NoError(t, json.Unmarshal([]byte(`{"state":"archived"}`), &m))
	assert.Equal(t, alfaview.MeetingState("archived"), m.State)
}

// An update sends only the fields it sets and never null, which alfaview
// would read as "unchanged" anyway (see GroupLinkUpdate).
func TestUpdatesSendNoNull(t *testing.T) {
	until := at("2030-03-14T17:00:00Z")
	for _, tc := range []struct {
		update any
		want   string
	}{
		{alfaview.GroupLinkUpdate{}, `{}`},
		{alfaview.GroupLinkUpdate{ValidUntil: &until}, `{"validUntil":"2030-03-14T17:00:00Z"}`},
		{alfaview.GroupLinkUpdate{DialInAllowed: alfaview.Ptr(false), Description: alfaview.Ptr("")}, `{"description":"","dialInAllowed":false}`},
		{alfaview.GuestLinkUpdate{DisplayName: "Ada"}, `{"displayName":"Ada","sendEmail":false}`},
		{alfaview.RoomUpdate{}, `{}`},
		{alfaview.MeetingUpdate{}, `{}`},
		{alfaview.LanguageSettingsEdit{}, `{}`},
		{alfaview.PermissionsEdit{}, `{}`},
		{alfaview.RoomFeatures{}, `{}`},
	} {
		b, err := json.Marshal(tc.update)
		require.NoError(t, err)
		assert.JSONEq(t, tc.want, string(b), "%T", tc.update)
		assert.NotContains(t, string(b), "null", "%T", tc.update)
	}
}

// The SDK marks every list nullable, and a Go server sends a nil slice as
// null: each list, nested or the whole answer, decodes null as empty.
func TestListsDecodeNull(t *testing.T) {
	m := newMock(t)
	for _, p := range []string{
		"/v2/rooms/r1/subrooms", "/v2/permission-groups", "/v2/room-types", "/v2/rooms/r1/participants",
		"/v2/users", "/v2/meetings", "/v2/rooms/r1/attendances", "/v2/stats",
	} {
		m.on("GET", p, nil, reply(200, `null`))
	}
	m.on("GET", "/v2/rooms", nil, reply(200, `{"data":null}`))
	m.on("GET", "/v2/group-links", nil, reply(200, `{"data":null,"nextPageToken":""}`))
	m.on("GET", "/v2/guest-links", nil, reply(200, `{"data":null}`))
	m.on("GET", "/v2/rooms/r1/permissions", nil, reply(200, `{"userPermissions":null,"groupLinkPermissions":null,"guestLinkPermissions":null}`))
	m.on("GET", "/v2/languages", nil, reply(200, `{"transcription":null,"translation":[{"in":"de","out":null}]}`))
	m.on("GET", "/v2/rooms/r1/language-settings", nil, reply(200, `{"targetTranscriptionLanguages":null,"transcriptionEnabled":false,"transcriptionType":"simple_transcription"}`))
	m.on("GET", "/v2/meetings/m1", nil, reply(200, `{"id":"m1","guestLinks":null,"groupLinks":null}`))
	c := m.client(apiKey)
	ctx := t.Context()
	from, to := epoch, epoch.Add(time.Hour)

	lists := map[string]func() (int, error){
		"Rooms.ListSubrooms":     func() (int, error) { v, err := c.Rooms.ListSubrooms(ctx, "r1"); return len(v), err },
		"PermissionGroups.List":  func() (int, error) { v, err := c.PermissionGroups.List(ctx); return len(v), err },
		"Rooms.ListTypes":        func() (int, error) { v, err := c.Rooms.ListTypes(ctx); return len(v), err },
		"Rooms.ListParticipants": func() (int, error) { v, err := c.Rooms.ListParticipants(ctx, "r1"); return len(v), err },
		"Users.List":             func() (int, error) { v, err := c.Users.List(ctx, nil); return len(v), err },
		"Meetings.List":          func() (int, error) { v, err := c.Meetings.List(ctx, nil); return len(v), err },
		"Reports.ListAttendances": func() (int, error) {
			v, err := c.Reports.ListAttendances(ctx, "r1", &alfaview.ListAttendancesOptions{From: from, To: to})
			return len(v), err
		},
		"Reports.ListStatistics": func() (int, error) {
			v, err := c.Reports.ListStatistics(ctx, &alfaview.ListStatisticsOptions{From: from, To: to, StepDurationHours: 1})
			return len(v), err
		},
		"Rooms.List":      func() (int, error) { return count(c.Rooms.List(ctx, nil)) },
		"GroupLinks.List": func() (int, error) { return count(c.GroupLinks.List(ctx, nil)) },
		"GuestLinks.List": func() (int, error) { return count(c.GuestLinks.List(ctx, nil)) },
		"Rooms.ListPermissions": func() (int, error) {
			p, err := c.Rooms.ListPermissions(ctx, "r1")
			if err != nil {
				return 0, err
			}
			return len(p.UserPermissions) + len(p.GroupLinkPermissions) + len(p.GuestLinkPermissions), nil
		},
		"Rooms.ListLanguages": func() (int, error) {
			l, err := c.Rooms.ListLanguages(ctx)
			if err != nil {
				return 0, err
			}
			return len(l.Transcription) + len(l.Translation[0].Out), nil
		},
		"Rooms.GetLanguageSettings": func() (int, error) {
			l, err := c.Rooms.GetLanguageSettings(ctx, "r1")
			if err != nil {
				return 0, err
			}
			return len(l.TargetTranscriptionLanguages), nil
		},
		"Meetings.Get": func() (int, error) {
			mt, err := c.Meetings.Get(ctx, "m1")
			if err != nil {
				return 0, err
			}
			return len(mt.GroupLinks) + len(mt.GuestLinks), nil
		},
	}
	for _, name := range slices.Sorted(maps.Keys(lists)) {
		n, err := lists[name]()
		assert.NoError(t, err, "%s: a null list is an empty one", name)
		assert.Zero(t, n, name)
	}
}

func count[T any](seq iter.Seq2[T, error]) (int, error) {
	n := 0
	for _, err := range seq {
		if err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}
