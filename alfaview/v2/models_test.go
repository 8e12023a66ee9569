package alfaview_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

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
				// The guest's token is a credential: it marshals masked.
				want = strings.Replace(want, `"Z3Vlc3QtdG9rZW4="`, `"[REDACTED]"`, 1)
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
