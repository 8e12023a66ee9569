package alfaview_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	alfaview "github.com/grantkit/grantkit-go/alfaview/v2"
)

// wireCase is one operation of the official SDK's lib/Api: the request the
// method must send (method, path, query, body as the official model
// writes it) and an answer in the model's full shape with what the method
// must return for it.
type wireCase struct {
	name         string
	method, path string
	// query is the exact query; nil means none.
	query url.Values
	// model is the official request model body must match; body "" means
	// no body.
	model, body string
	// noAuth operations must not carry the Client's token.
	noAuth bool
	status int
	reply  string
	call   func(ctx context.Context, c *alfaview.Client) (any, error)
	want   any
}

var (
	t0 = at("2030-03-14T13:00:00Z")
	t1 = at("2030-03-14T17:00:00Z")
)

func wireCases() []wireCase {
	return []wireCase{
		// AuthenticationApi (the api-key and password logins: TestLoginBodies).
		{name: "Auth.AuthenticateGroupLink", method: "POST", path: "/v2/auth/group-link", noAuth: true,
			model:  "AuthenticateGroupLinkRequestBody",
			body:   `{"accessKey":"NcHef8FIc17a5jpiWy4fJ0cw2dCRpbFG","companyId":"01EZYCFW9MJ10P15YJ63NZ8S47","displayName":"Guest 7","externalId":"crm-4711","roomId":"r1"}`,
			status: 200, reply: guestAuthJSON, want: &guestAuthGo,
			call: func(ctx context.Context, c *alfaview.Client) (any, error) {
				return c.Auth.AuthenticateGroupLink(ctx, &alfaview.AuthenticateGroupLinkParams{AccessKey: "NcHef8FIc17a5jpiWy4fJ0cw2dCRpbFG",
					CompanyID: "01EZYCFW9MJ10P15YJ63NZ8S47", DisplayName: "Guest 7", ExternalID: "crm-4711", RoomID: "r1"})
			}},
		{name: "Auth.AuthenticateGuestLink", method: "POST", path: "/v2/auth/guest-link", noAuth: true,
			model:  "AuthenticateGuestLinkRequestBody",
			body:   `{"accessKey":"13lyG9prT8zBD9po1kdnlqw3gkgzdoDW","companyId":"01EZYCFW9MJ10P15YJ63NZ8S47","roomId":"r1"}`,
			status: 200, reply: guestAuthJSON, want: &guestAuthGo,
			call: func(ctx context.Context, c *alfaview.Client) (any, error) {
				return c.Auth.AuthenticateGuestLink(ctx, &alfaview.AuthenticateGuestLinkParams{AccessKey: "13lyG9prT8zBD9po1kdnlqw3gkgzdoDW",
					CompanyID: "01EZYCFW9MJ10P15YJ63NZ8S47", RoomID: "r1"})
			}},
		{name: "Auth.TokenInfo", method: "GET", path: "/v2/auth/token-info", status: 200, reply: tokenInfoJSON, want: &tokenInfoGo,
			call: func(ctx context.Context, c *alfaview.Client) (any, error) { return c.Auth.TokenInfo(ctx) }},

		// RoomsApi: rooms.
		{name: "Rooms.ListPage", method: "GET", path: "/v2/rooms",
			query:  url.Values{"roomTypes": {"department,room"}, "limit": {"20"}, "pageToken": {"tok-A"}},
			status: 200, reply: `{"data":[` + roomJSON + `],"nextPageToken":"tok-B"}`,
			want: roomPage{[]*alfaview.Room{&roomGo}, "tok-B"},
			call: func(ctx context.Context, c *alfaview.Client) (any, error) {
				p, err := c.Rooms.ListPage(ctx, &alfaview.ListRoomsOptions{
					Types: []alfaview.RoomType{alfaview.RoomTypeDepartment, alfaview.RoomTypeRoom}, Limit: 20}, "tok-A")
				return pageOf(p, err)
			}},
		{name: "Rooms.ListPage/defaults", method: "GET", path: "/v2/rooms",
			status: 200, reply: `{"data":[]}`, want: roomPage{[]*alfaview.Room{}, ""},
			call: func(ctx context.Context, c *alfaview.Client) (any, error) {
				p, err := c.Rooms.ListPage(ctx, nil, "")
				return pageOf(p, err)
			}},
		{name: "Rooms.Get", method: "GET", path: "/v2/rooms/4173dafb-5cde-4c85-95a3-20ebdd43698a", status: 200, reply: roomJSON, want: &roomGo,
			call: func(ctx context.Context, c *alfaview.Client) (any, error) {
				return c.Rooms.Get(ctx, "4173dafb-5cde-4c85-95a3-20ebdd43698a")
			}},
		{name: "Rooms.Create", method: "POST", path: "/v2/rooms", model: "RoomCreate",
			body: `{"defaultPermissions":` + permissionsJSON + `,"displayName":"Workshop","features":{"raiseHands":"enabled"},` +
				`"parentId":"dep-1","permissions":[` + participantPermissionsJSON + `],"quotas":` + quotasJSON + `,` +
				`"subrooms":[{"displayName":"Group A"},{"displayName":""}],"type":"room","waitingRoomEnabled":true,"waitingRoomWelcomeNote":"Hello"}`,
			status: 201, reply: `{"id":"r-new"}`, want: "r-new",
			call: func(ctx context.Context, c *alfaview.Client) (any, error) {
				return c.Rooms.Create(ctx, &alfaview.RoomCreate{DisplayName: "Workshop", Type: alfaview.RoomTypeRoom, ParentID: "dep-1",
					WaitingRoomEnabled: true, WaitingRoomWelcomeNote: "Hello", Quotas: &quotasGo,
					Features: alfaview.RoomFeatures{RaiseHands: alfaview.FeatureEnabled}, DefaultPermissions: &permissionsGo,
					Permissions: []alfaview.ParticipantPermissions{participantPermissionsGo},
					Subrooms:    []alfaview.SubroomEdit{{DisplayName: "Group A"}, {}}})
			}},
		{name: "Rooms.Create/required only", method: "POST", path: "/v2/rooms", model: "RoomCreate",
			body:   `{"displayName":"Lobby","type":"department","waitingRoomEnabled":false}`,
			status: 201, reply: `{"id":"d-new"}`, want: "d-new",
			call: func(ctx context.Context, c *alfaview.Client) (any, error) {
				return c.Rooms.Create(ctx, &alfaview.RoomCreate{DisplayName: "Lobby", Type: alfaview.RoomTypeDepartment})
			}},
		{name: "Rooms.Update", method: "PATCH", path: "/v2/rooms/r1", model: "RoomUpdate",
			body: `{"defaultPermissions":` + permissionsJSON + `,"displayName":"Renamed","features":` +
				`{"allowCopyRoomInfo":"default","blockWebclient":"default","centeredVideoGrid":"default","disableCameraOff":"enabled",` +
				`"disableJoinAndLeaveNotifications":"default","disableMiniWindow":"default","raiseHands":"default",` +
				`"shareContentOnlyToModerators":"default","showRaisedHandsOnlyToModerators":"default","sixteenByNineVideos":"default",` +
				`"sortVideoGridAlphabetically":"default"},"permissions":[],"quotas":` + quotasJSON + `,` +
				`"subrooms":[{"id":"s1","displayName":"Group 1"},{"displayName":"New group"}],"waitingRoomEnabled":false,"waitingRoomWelcomeNote":""}`,
			status: 204,
			call: func(ctx context.Context, c *alfaview.Client) (any, error) {
				return nil, c.Rooms.Update(ctx, "r1", &alfaview.RoomUpdate{DisplayName: alfaview.Ptr("Renamed"),
					WaitingRoomEnabled: alfaview.Ptr(false), WaitingRoomWelcomeNote: alfaview.Ptr(""), Quotas: &quotasGo,
					Features: &alfaview.RoomFeatures{DisableCameraOff: alfaview.FeatureEnabled}, DefaultPermissions: &permissionsGo,
					Permissions: []alfaview.ParticipantPermissions{},
					Subrooms:    []alfaview.SubroomListItem{{ID: "s1", DisplayName: "Group 1"}, {DisplayName: "New group"}}})
			}},
		{name: "Rooms.Update/one field", method: "PATCH", path: "/v2/rooms/r1", model: "RoomUpdate",
			body: `{"waitingRoomEnabled":false}`, status: 204,
			call: func(ctx context.Context, c *alfaview.Client) (any, error) {
				return nil, c.Rooms.Update(ctx, "r1", &alfaview.RoomUpdate{WaitingRoomEnabled: alfaview.Ptr(false)})
			}},
		{name: "Rooms.Delete", method: "DELETE", path: "/v2/rooms/r1", status: 204,
			call: func(ctx context.Context, c *alfaview.Client) (any, error) { return nil, c.Rooms.Delete(ctx, "r1") }},

		// RoomsApi: subrooms.
		{name: "Rooms.ListSubrooms", method: "GET", path: "/v2/rooms/r1/subrooms", status: 200, reply: `[` + subroomJSON + `]`,
			want: []alfaview.Subroom{subroomGo},
			call: func(ctx context.Context, c *alfaview.Client) (any, error) { return c.Rooms.ListSubrooms(ctx, "r1") }},
		{name: "Rooms.CreateSubroom", method: "POST", path: "/v2/rooms/r1/subrooms", model: "SubroomEdit",
			body: `{"displayName":"Breakout"}`, status: 201, reply: `{"id":"s-new"}`, want: "s-new",
			call: func(ctx context.Context, c *alfaview.Client) (any, error) {
				return c.Rooms.CreateSubroom(ctx, "r1", &alfaview.SubroomEdit{DisplayName: "Breakout"})
			}},
		{name: "Rooms.UpdateSubroom", method: "PATCH", path: "/v2/rooms/r1/subrooms/s1", model: "SubroomEdit",
			body: `{"displayName":""}`, status: 204,
			call: func(ctx context.Context, c *alfaview.Client) (any, error) {
				return nil, c.Rooms.UpdateSubroom(ctx, "r1", "s1", &alfaview.SubroomEdit{})
			}},
		{name: "Rooms.DeleteSubroom", method: "DELETE", path: "/v2/rooms/r1/subrooms/s1", status: 204,
			call: func(ctx context.Context, c *alfaview.Client) (any, error) {
				return nil, c.Rooms.DeleteSubroom(ctx, "r1", "s1")
			}},

		// RoomsApi: permissions.
		{name: "Rooms.ListPermissions", method: "GET", path: "/v2/rooms/r1/permissions", status: 200, reply: roomPermissionsJSON,
			want: &roomPermissionsGo,
			call: func(ctx context.Context, c *alfaview.Client) (any, error) { return c.Rooms.ListPermissions(ctx, "r1") }},
		{name: "Rooms.CreatePermissions", method: "POST", path: "/v2/rooms/r1/permissions", model: "ParticipantPermissions",
			body: participantPermissionsJSON, status: 204,
			call: func(ctx context.Context, c *alfaview.Client) (any, error) {
				p := participantPermissionsGo
				return nil, c.Rooms.CreatePermissions(ctx, "r1", &p)
			}},
		{name: "Rooms.UpdatePermissions", method: "PATCH", path: "/v2/rooms/r1/permissions/u1", model: "PermissionsEdit",
			body: `{"chat":false,"voice":true}`, status: 204,
			call: func(ctx context.Context, c *alfaview.Client) (any, error) {
				return nil, c.Rooms.UpdatePermissions(ctx, "r1", "u1", &alfaview.PermissionsEdit{Chat: alfaview.Ptr(false), Voice: alfaview.Ptr(true)})
			}},
		{name: "Rooms.DeletePermissions", method: "DELETE", path: "/v2/rooms/r1/permissions/u1", status: 204,
			call: func(ctx context.Context, c *alfaview.Client) (any, error) {
				return nil, c.Rooms.DeletePermissions(ctx, "r1", "u1")
			}},

		// RoomsApi: features.
		{name: "Rooms.GetFeatures", method: "GET", path: "/v2/rooms/r1/features", status: 200, reply: featuresJSON, want: &featuresGo,
			call: func(ctx context.Context, c *alfaview.Client) (any, error) { return c.Rooms.GetFeatures(ctx, "r1") }},
		{name: "Rooms.UpdateFeatures", method: "PATCH", path: "/v2/rooms/r1/features", model: "RoomFeaturesEdit",
			body: `{"raiseHands":"disabled","sixteenByNineVideos":"default"}`, status: 204,
			call: func(ctx context.Context, c *alfaview.Client) (any, error) {
				return nil, c.Rooms.UpdateFeatures(ctx, "r1", &alfaview.RoomFeatures{RaiseHands: alfaview.FeatureDisabled, SixteenByNineVideos: alfaview.FeatureDefault})
			}},
		{name: "Rooms.DeleteFeatures", method: "DELETE", path: "/v2/rooms/r1/features", status: 204,
			call: func(ctx context.Context, c *alfaview.Client) (any, error) {
				return nil, c.Rooms.DeleteFeatures(ctx, "r1")
			}},

		// RoomsApi: language settings and languages.
		{name: "Rooms.GetLanguageSettings", method: "GET", path: "/v2/rooms/r1/language-settings", status: 200, reply: languageSettingsJSON,
			want: &languageSettingsGo,
			call: func(ctx context.Context, c *alfaview.Client) (any, error) {
				return c.Rooms.GetLanguageSettings(ctx, "r1")
			}},
		{name: "Rooms.UpdateLanguageSettings", method: "PATCH", path: "/v2/rooms/r1/language-settings", model: "LanguageSettingsEdit",
			body: `{"defaultSpokenLanguage":"en","targetTranscriptionLanguages":[],"transcriptionEnabled":false,"transcriptionType":"simple_transcription"}`, status: 204,
			call: func(ctx context.Context, c *alfaview.Client) (any, error) {
				return nil, c.Rooms.UpdateLanguageSettings(ctx, "r1", &alfaview.LanguageSettingsEdit{DefaultSpokenLanguage: alfaview.Ptr("en"),
					TargetTranscriptionLanguages: []string{}, TranscriptionEnabled: alfaview.Ptr(false), TranscriptionType: alfaview.TranscriptionSimple})
			}},
		{name: "Rooms.ListLanguages", method: "GET", path: "/v2/languages", status: 200, reply: languagesJSON, want: &languagesGo,
			call: func(ctx context.Context, c *alfaview.Client) (any, error) { return c.Rooms.ListLanguages(ctx) }},

		// RoomsApi: participants, permission groups, room types.
		{name: "Rooms.ListParticipants", method: "GET", path: "/v2/rooms/r1/participants", status: 200, reply: `[` + subroomParticipantsJSON + `]`,
			want: []alfaview.SubroomParticipants{subroomParticipantsGo},
			call: func(ctx context.Context, c *alfaview.Client) (any, error) { return c.Rooms.ListParticipants(ctx, "r1") }},
		{name: "PermissionGroups.List", method: "GET", path: "/v2/permission-groups", status: 200, reply: `[` + permissionGroupJSON + `]`,
			want: []alfaview.PermissionGroup{permissionGroupGo},
			call: func(ctx context.Context, c *alfaview.Client) (any, error) { return c.PermissionGroups.List(ctx) }},
		{name: "Rooms.ListTypes", method: "GET", path: "/v2/room-types", status: 200, reply: `[` + roomTypeDataJSON + `]`,
			want: []alfaview.RoomTypeData{roomTypeDataGo},
			call: func(ctx context.Context, c *alfaview.Client) (any, error) { return c.Rooms.ListTypes(ctx) }},

		// GuestsApi: group links.
		{name: "GroupLinks.Create", method: "POST", path: "/v2/rooms/r1/group-links", model: "CreateGroupLinksRequestBody",
			body: `{"create":[{"description":"Table 1","dialInAllowed":true,"permissionGroupId":"pg-2","validFrom":"2030-03-14T13:00:00Z","validUntil":"2030-03-14T17:00:00Z"},` +
				`{"description":"Open","dialInAllowed":false,"permissionGroupId":"pg-2"}],"origin":"booking tool"}`,
			status: 201, reply: `[{"id":"l1"},{"id":"l2"}]`, want: []string{"l1", "l2"},
			call: func(ctx context.Context, c *alfaview.Client) (any, error) {
				return c.GroupLinks.Create(ctx, "r1", &alfaview.CreateGroupLinksParams{Origin: "booking tool", Links: []alfaview.GroupLinkCreate{
					{Description: "Table 1", PermissionGroupID: "pg-2", DialInAllowed: true, ValidFrom: t0, ValidUntil: t1},
					{Description: "Open", PermissionGroupID: "pg-2"}}})
			}},
		{name: "GroupLinks.Get", method: "GET", path: "/v2/group-links/l1", status: 200, reply: groupLinkJSON, want: &groupLinkGo,
			call: func(ctx context.Context, c *alfaview.Client) (any, error) { return c.GroupLinks.Get(ctx, "l1") }},
		{name: "GroupLinks.ListPage/company", method: "GET", path: "/v2/group-links", query: url.Values{"limit": {"500"}},
			status: 200, reply: `{"data":[` + groupLinkJSON + `],"nextPageToken":"n2"}`,
			want: groupLinkPage{[]*alfaview.GroupLink{&groupLinkGo}, "n2"},
			call: func(ctx context.Context, c *alfaview.Client) (any, error) {
				p, err := c.GroupLinks.ListPage(ctx, &alfaview.ListLinksOptions{Limit: 500}, "")
				return groupLinkPageOf(p, err)
			}},
		{name: "GroupLinks.ListPage/room", method: "GET", path: "/v2/rooms/r1/group-links", query: url.Values{"pageToken": {"n2"}},
			status: 200, reply: `{"data":[` + groupLinkJSON + `]}`,
			want: groupLinkPage{[]*alfaview.GroupLink{&groupLinkGo}, ""},
			call: func(ctx context.Context, c *alfaview.Client) (any, error) {
				p, err := c.GroupLinks.ListPage(ctx, &alfaview.ListLinksOptions{RoomID: "r1"}, "n2")
				return groupLinkPageOf(p, err)
			}},
		{name: "GroupLinks.Update", method: "PATCH", path: "/v2/group-links/l1", model: "GroupLinkUpdate",
			body: `{"description":"Table 2","dialInAllowed":false,"permissionGroupId":"pg-3","validFrom":"2030-03-14T13:00:00Z","validUntil":"2030-03-14T17:00:00Z"}`, status: 204,
			call: func(ctx context.Context, c *alfaview.Client) (any, error) {
				return nil, c.GroupLinks.Update(ctx, "l1", &alfaview.GroupLinkUpdate{Description: alfaview.Ptr("Table 2"),
					DialInAllowed: alfaview.Ptr(false), PermissionGroupID: alfaview.Ptr("pg-3"), ValidFrom: &t0, ValidUntil: &t1})
			}},
		{name: "GroupLinks.Update/one field", method: "PATCH", path: "/v2/group-links/l1", model: "GroupLinkUpdate",
			body: `{"validUntil":"2030-03-14T17:00:00Z"}`, status: 204,
			call: func(ctx context.Context, c *alfaview.Client) (any, error) {
				return nil, c.GroupLinks.Update(ctx, "l1", &alfaview.GroupLinkUpdate{ValidUntil: &t1})
			}},
		{name: "GroupLinks.Delete", method: "DELETE", path: "/v2/rooms/r1/group-links/l1", status: 204,
			call: func(ctx context.Context, c *alfaview.Client) (any, error) {
				return nil, c.GroupLinks.Delete(ctx, "r1", "l1")
			}},

		// GuestsApi: guest links.
		{name: "GuestLinks.Create", method: "POST", path: "/v2/rooms/r1/guest-links", model: "CreateGuestLinksRequestBody",
			body: `{"create":[{"dialInAllowed":true,"displayName":"Ada","emailAddress":"ada@example.com","locale":"en-US","permissionGroupId":"pg-3",` +
				`"sendEmail":true,"validFrom":"2030-03-14T13:00:00Z","validUntil":"2030-03-14T17:00:00Z"},` +
				`{"dialInAllowed":false,"displayName":"Grace","emailAddress":"grace@example.com","locale":"de","permissionGroupId":"pg-3","sendEmail":false}],` +
				`"origin":"booking tool","timezone":"Europe/Berlin"}`,
			status: 201, reply: `[{"id":"g1"},{"id":"g2"}]`, want: []string{"g1", "g2"},
			call: func(ctx context.Context, c *alfaview.Client) (any, error) {
				return c.GuestLinks.Create(ctx, "r1", &alfaview.CreateGuestLinksParams{Origin: "booking tool", Timezone: "Europe/Berlin",
					Links: []alfaview.GuestLinkCreate{
						{DisplayName: "Ada", EmailAddress: "ada@example.com", Locale: "en-US", PermissionGroupID: "pg-3", DialInAllowed: true,
							SendEmail: true, ValidFrom: t0, ValidUntil: t1},
						{DisplayName: "Grace", EmailAddress: "grace@example.com", Locale: "de", PermissionGroupID: "pg-3"}}})
			}},
		{name: "GuestLinks.Get", method: "GET", path: "/v2/guest-links/g1", status: 200, reply: guestLinkJSON, want: &guestLinkGo,
			call: func(ctx context.Context, c *alfaview.Client) (any, error) { return c.GuestLinks.Get(ctx, "g1") }},
		{name: "GuestLinks.ListPage/company", method: "GET", path: "/v2/guest-links", query: url.Values{"limit": {"1"}, "pageToken": {"x"}},
			status: 200, reply: `{"data":[` + guestLinkJSON + `],"nextPageToken":"y"}`,
			want: guestLinkPage{[]*alfaview.GuestLink{&guestLinkGo}, "y"},
			call: func(ctx context.Context, c *alfaview.Client) (any, error) {
				p, err := c.GuestLinks.ListPage(ctx, &alfaview.ListLinksOptions{Limit: 1}, "x")
				return guestLinkPageOf(p, err)
			}},
		{name: "GuestLinks.ListPage/room", method: "GET", path: "/v2/rooms/r1/guest-links",
			status: 200, reply: `{"data":[],"nextPageToken":""}`, want: guestLinkPage{[]*alfaview.GuestLink{}, ""},
			call: func(ctx context.Context, c *alfaview.Client) (any, error) {
				p, err := c.GuestLinks.ListPage(ctx, &alfaview.ListLinksOptions{RoomID: "r1"}, "")
				return guestLinkPageOf(p, err)
			}},
		{name: "GuestLinks.Update", method: "PATCH", path: "/v2/guest-links/g1", model: "GuestLinkUpdate",
			body: `{"dialInAllowed":true,"displayName":"Ada L.","emailAddress":"ada@example.org","locale":"en","permissionGroupId":"pg-2",` +
				`"sendEmail":true,"timezone":"UTC","validFrom":"2030-03-14T13:00:00Z","validUntil":"2030-03-14T17:00:00Z"}`, status: 204,
			call: func(ctx context.Context, c *alfaview.Client) (any, error) {
				return nil, c.GuestLinks.Update(ctx, "g1", &alfaview.GuestLinkUpdate{DisplayName: "Ada L.", SendEmail: true,
					DialInAllowed: alfaview.Ptr(true), EmailAddress: alfaview.Ptr("ada@example.org"), Locale: alfaview.Ptr("en"),
					PermissionGroupID: alfaview.Ptr("pg-2"), Timezone: alfaview.Ptr("UTC"), ValidFrom: &t0, ValidUntil: &t1})
			}},
		{name: "GuestLinks.Update/required only", method: "PATCH", path: "/v2/guest-links/g1", model: "GuestLinkUpdate",
			body: `{"displayName":"Ada","sendEmail":false}`, status: 204,
			call: func(ctx context.Context, c *alfaview.Client) (any, error) {
				return nil, c.GuestLinks.Update(ctx, "g1", &alfaview.GuestLinkUpdate{DisplayName: "Ada"})
			}},
		{name: "GuestLinks.Delete", method: "DELETE", path: "/v2/rooms/r1/guest-links/g1", status: 204,
			call: func(ctx context.Context, c *alfaview.Client) (any, error) {
				return nil, c.GuestLinks.Delete(ctx, "r1", "g1")
			}},

		// UsersApi.
		{name: "Users.List", method: "GET", path: "/v2/users", query: url.Values{"emailAddress": {"grace@example.com"}},
			status: 200, reply: `[` + userJSON + `]`, want: []alfaview.User{userGo},
			call: func(ctx context.Context, c *alfaview.Client) (any, error) {
				return c.Users.List(ctx, &alfaview.ListUsersOptions{EmailAddress: "grace@example.com"})
			}},
		{name: "Users.List/all", method: "GET", path: "/v2/users", status: 200, reply: `[]`, want: []alfaview.User{},
			call: func(ctx context.Context, c *alfaview.Client) (any, error) { return c.Users.List(ctx, nil) }},
		{name: "Users.Invite", method: "POST", path: "/v2/users/invitation", model: "UserInvitation",
			body:   `{"permissions":` + userPermissionsJSON + `,"user":{"emailAddress":"grace@example.com","firstName":"Grace","lastName":"Hopper","locale":"en-US","title":"Dr."}}`,
			status: 204,
			call: func(ctx context.Context, c *alfaview.Client) (any, error) {
				return nil, c.Users.Invite(ctx, &alfaview.UserInvitation{Permissions: userPermissionsGo, User: alfaview.UserInformation{
					EmailAddress: "grace@example.com", FirstName: "Grace", LastName: "Hopper", Locale: "en-US", Title: "Dr."}})
			}},

		// MeetingsApi.
		{name: "Meetings.Create", method: "POST", path: "/v2/meetings", model: "MeetingCreate",
			body: `{"agenda":"1. Welcome","earlyAccessMinutes":0,"end":"2030-03-14T17:00:00Z",` +
				`"groupLinks":[{"description":"Everyone","dialInAllowed":false,"permissionGroupId":"pg-2"}],` +
				`"guestLinks":[{"dialInAllowed":false,"displayName":"Ada","emailAddress":"ada@example.com","locale":"en","permissionGroupId":"pg-3","sendEmail":true}],` +
				`"roomFeatures":{"allowCopyRoomInfo":"default","blockWebclient":"enabled","centeredVideoGrid":"default","disableCameraOff":"default",` +
				`"disableJoinAndLeaveNotifications":"default","disableMiniWindow":"default","raiseHands":"default","shareContentOnlyToModerators":"default",` +
				`"showRaisedHandsOnlyToModerators":"default","sixteenByNineVideos":"default","sortVideoGridAlphabetically":"default"},` +
				`"start":"2030-03-14T13:00:00Z","subroomDisplayNames":["Team A","Team B"],"timezone":"Europe/Berlin","title":"Kick-off",` +
				`"waitingRoomEnabled":true,"waitingRoomWelcomeNote":"Soon"}`,
			status: 201, reply: `{"id":"m-new"}`, want: "m-new",
			call: func(ctx context.Context, c *alfaview.Client) (any, error) {
				return c.Meetings.Create(ctx, &alfaview.MeetingCreate{Title: "Kick-off", Agenda: "1. Welcome", Start: t0, End: t1,
					Timezone: "Europe/Berlin", EarlyAccessMinutes: alfaview.Ptr[int64](0), WaitingRoomEnabled: true, WaitingRoomWelcomeNote: "Soon",
					RoomFeatures:        alfaview.RoomFeatures{BlockWebclient: alfaview.FeatureEnabled},
					SubroomDisplayNames: []string{"Team A", "Team B"},
					GroupLinks:          []alfaview.GroupLinkCreate{{Description: "Everyone", PermissionGroupID: "pg-2"}},
					GuestLinks: []alfaview.GuestLinkCreate{{DisplayName: "Ada", EmailAddress: "ada@example.com", Locale: "en",
						PermissionGroupID: "pg-3", SendEmail: true}}})
			}},
		{name: "Meetings.Create/no links", method: "POST", path: "/v2/meetings", model: "MeetingCreate",
			body: `{"end":"2030-03-14T17:00:00Z","groupLinks":[],"roomFeatures":{"allowCopyRoomInfo":"default","blockWebclient":"default",` +
				`"centeredVideoGrid":"default","disableCameraOff":"default","disableJoinAndLeaveNotifications":"default","disableMiniWindow":"default",` +
				`"raiseHands":"default","shareContentOnlyToModerators":"default","showRaisedHandsOnlyToModerators":"default","sixteenByNineVideos":"default",` +
				`"sortVideoGridAlphabetically":"default"},"start":"2030-03-14T13:00:00Z","timezone":"UTC","title":"Quiet","waitingRoomEnabled":false}`,
			status: 201, reply: `{"id":"m-2"}`, want: "m-2",
			call: func(ctx context.Context, c *alfaview.Client) (any, error) {
				return c.Meetings.Create(ctx, &alfaview.MeetingCreate{Title: "Quiet", Start: t0, End: t1, Timezone: "UTC",
					GroupLinks: []alfaview.GroupLinkCreate{}})
			}},
		{name: "Meetings.Get", method: "GET", path: "/v2/meetings/m1", status: 200, reply: meetingJSON, want: &meetingGo,
			call: func(ctx context.Context, c *alfaview.Client) (any, error) { return c.Meetings.Get(ctx, "m1") }},
		{name: "Meetings.List", method: "GET", path: "/v2/meetings",
			query:  url.Values{"from": {"2030-03-14T13:00:00Z"}, "to": {"2030-03-14T17:00:00Z"}},
			status: 200, reply: `[` + meetingJSON + `]`, want: []alfaview.Meeting{meetingGo},
			call: func(ctx context.Context, c *alfaview.Client) (any, error) {
				return c.Meetings.List(ctx, &alfaview.ListMeetingsOptions{From: t0, To: t1})
			}},
		{name: "Meetings.List/open", method: "GET", path: "/v2/meetings", status: 200, reply: `[]`, want: []alfaview.Meeting{},
			call: func(ctx context.Context, c *alfaview.Client) (any, error) { return c.Meetings.List(ctx, nil) }},
		{name: "Meetings.Update", method: "PATCH", path: "/v2/meetings/m1", model: "MeetingUpdate",
			body: `{"agenda":"","earlyAccessMinutes":30,"end":"2030-03-14T17:00:00Z","start":"2030-03-14T13:00:00Z","timezone":"UTC","title":"Moved"}`, status: 204,
			call: func(ctx context.Context, c *alfaview.Client) (any, error) {
				return nil, c.Meetings.Update(ctx, "m1", &alfaview.MeetingUpdate{Agenda: alfaview.Ptr(""), EarlyAccessMinutes: alfaview.Ptr[int64](30),
					End: &t1, Start: &t0, Timezone: alfaview.Ptr("UTC"), Title: alfaview.Ptr("Moved")})
			}},
		{name: "Meetings.Cancel", method: "POST", path: "/v2/meetings/m1/cancellation", model: "MeetingCancellation",
			body: `{"reason":"Speaker ill","sendNotification":true}`, status: 204,
			call: func(ctx context.Context, c *alfaview.Client) (any, error) {
				return nil, c.Meetings.Cancel(ctx, "m1", &alfaview.MeetingCancellation{Reason: "Speaker ill", SendNotification: true})
			}},
		{name: "Meetings.Cancel/quietly", method: "POST", path: "/v2/meetings/m1/cancellation", model: "MeetingCancellation",
			body: `{"sendNotification":false}`, status: 204,
			call: func(ctx context.Context, c *alfaview.Client) (any, error) {
				return nil, c.Meetings.Cancel(ctx, "m1", &alfaview.MeetingCancellation{})
			}},

		// ReportsApi.
		{name: "Reports.ListAttendances", method: "GET", path: "/v2/rooms/r1/attendances",
			query:  url.Values{"from": {"2030-03-14T13:00:00Z"}, "to": {"2030-03-14T17:00:00Z"}},
			status: 200, reply: `[` + userAttendancesJSON + `]`, want: []alfaview.UserAttendances{userAttendancesGo},
			call: func(ctx context.Context, c *alfaview.Client) (any, error) {
				return c.Reports.ListAttendances(ctx, "r1", &alfaview.ListAttendancesOptions{From: t0, To: t1})
			}},
		{name: "Reports.ListStatistics", method: "GET", path: "/v2/stats",
			query:  url.Values{"from": {"2030-03-14T13:00:00Z"}, "to": {"2030-03-14T17:00:00Z"}, "stepDurationHours": {"24"}},
			status: 200, reply: `[` + statsPeriodJSON + `]`, want: []alfaview.StatsPeriod{statsPeriodGo},
			call: func(ctx context.Context, c *alfaview.Client) (any, error) {
				return c.Reports.ListStatistics(ctx, &alfaview.ListStatisticsOptions{From: t0, To: t1, StepDurationHours: 24})
			}},
	}
}

// The pages without their unexported fetch function, for comparing.
type (
	roomPage struct {
		Rooms []*alfaview.Room
		Next  string
	}
	groupLinkPage struct {
		GroupLinks []*alfaview.GroupLink
		Next       string
	}
	guestLinkPage struct {
		GuestLinks []*alfaview.GuestLink
		Next       string
	}
)

func pageOf(p *alfaview.RoomPage, err error) (any, error) {
	if err != nil {
		return nil, err
	}
	return roomPage{p.Rooms, p.NextPageToken}, nil
}

func groupLinkPageOf(p *alfaview.GroupLinkPage, err error) (any, error) {
	if err != nil {
		return nil, err
	}
	return groupLinkPage{p.GroupLinks, p.NextPageToken}, nil
}

func guestLinkPageOf(p *alfaview.GuestLinkPage, err error) (any, error) {
	if err != nil {
		return nil, err
	}
	return guestLinkPage{p.GuestLinks, p.NextPageToken}, nil
}

// TestWire sends every operation once and checks the request field for
// field against the official model and the decoded answer.
func TestWire(t *testing.T) {
	for _, tc := range wireCases() {
		t.Run(tc.name, func(t *testing.T) {
			if tc.body != "" {
				assert.Empty(t, checkShape(tc.model, tc.body, false), "the golden body is not the official model")
			}
			m := newMock(t)
			m.on(tc.method, tc.path, func(r *http.Request, body string) {
				want := tc.query
				if want == nil {
					want = url.Values{}
				}
				assert.Equal(t, want, r.URL.Query(), "query")
				assert.Equal(t, "application/json", r.Header.Get("Accept"))
				if tc.noAuth {
					assert.Empty(t, r.Header.Get("Authorization"))
				} else {
					assert.Equal(t, "token-1", r.Header.Get("Authorization"), "the token as the header's whole value")
				}
				if tc.body == "" {
					assert.Empty(t, body)
					assert.Empty(t, r.Header.Get("Content-Type"))
					return
				}
				assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
				assert.JSONEq(t, tc.body, body)
			}, reply(tc.status, tc.reply))
			c := m.client(apiKey)
			got, err := tc.call(context.Background(), c)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
			assert.Equal(t, 1, m.calls(tc.method, tc.path))
			if tc.noAuth {
				assert.Zero(t, m.logins(), "a guest authentication needs no login")
			}
		})
	}
}

// TestWireCoversTheSDK fails when an operation of the official SDK's
// lib/Api has no row in wireCases (the logins have TestLoginBodies).
func TestWireCoversTheSDK(t *testing.T) {
	sdk := []string{
		"POST /v2/auth/api-key", "POST /v2/auth/group-link", "POST /v2/auth/guest-link", "POST /v2/auth/password", "GET /v2/auth/token-info",
		"POST /v2/rooms/{roomId}/group-links", "POST /v2/rooms/{roomId}/guest-links", "DELETE /v2/rooms/{roomId}/group-links/{id}",
		"DELETE /v2/rooms/{roomId}/guest-links/{id}", "GET /v2/group-links/{id}", "GET /v2/guest-links/{id}", "GET /v2/group-links",
		"GET /v2/rooms/{roomId}/group-links", "GET /v2/guest-links", "GET /v2/rooms/{roomId}/guest-links", "PATCH /v2/group-links/{id}",
		"PATCH /v2/guest-links/{id}",
		"POST /v2/meetings/{id}/cancellation", "POST /v2/meetings", "GET /v2/meetings/{id}", "GET /v2/meetings", "PATCH /v2/meetings/{id}",
		"GET /v2/rooms/{roomId}/attendances", "GET /v2/stats",
		"POST /v2/rooms/{roomId}/permissions", "POST /v2/rooms", "POST /v2/rooms/{roomId}/subrooms", "DELETE /v2/rooms/{roomId}/permissions/{userId}",
		"DELETE /v2/rooms/{id}", "DELETE /v2/rooms/{roomId}/features", "DELETE /v2/rooms/{roomId}/subrooms/{subroomId}",
		"GET /v2/rooms/{roomId}/language-settings", "GET /v2/rooms/{id}", "GET /v2/rooms/{roomId}/features", "GET /v2/languages",
		"GET /v2/rooms/{id}/participants", "GET /v2/permission-groups", "GET /v2/rooms/{roomId}/permissions", "GET /v2/room-types",
		"GET /v2/rooms", "GET /v2/rooms/{roomId}/subrooms", "PATCH /v2/rooms/{roomId}/language-settings",
		"PATCH /v2/rooms/{roomId}/permissions/{userId}", "PATCH /v2/rooms/{id}", "PATCH /v2/rooms/{roomId}/features",
		"PATCH /v2/rooms/{roomId}/subrooms/{subroomId}",
		"POST /v2/users/invitation", "GET /v2/users",
	}
	require.Len(t, sdk, 48, "the operations of lib/Api/*.php at the SDK's newest commit")
	covered := map[string]bool{"POST /v2/auth/api-key": true, "POST /v2/auth/password": true}
	ids := map[string]string{"r1": "{roomId}", "4173dafb-5cde-4c85-95a3-20ebdd43698a": "{id}", "s1": "{subroomId}", "u1": "{userId}",
		"l1": "{id}", "g1": "{id}", "m1": "{id}"}
	for _, tc := range wireCases() {
		covered[tc.method+" "+template(tc.path, ids)] = true
	}
	for _, op := range sdk {
		assert.True(t, covered[op], "no wire row for %s", op)
	}
}

// template turns a concrete path back into the SDK's resource path:
// the id after "rooms" is {roomId} when more segments follow, else {id}.
func template(path string, ids map[string]string) string {
	segs := splitPath(path)
	for i, s := range segs {
		name, ok := ids[s]
		if !ok {
			continue
		}
		switch {
		case i > 0 && segs[i-1] == "rooms" && i < len(segs)-1 && segs[i+1] != "participants":
			name = "{roomId}"
		case i > 0 && segs[i-1] == "rooms":
			name = "{id}"
		}
		segs[i] = name
	}
	out := ""
	for _, s := range segs {
		out += "/" + s
	}
	return out
}

func splitPath(p string) []string {
	var segs []string
	cur := ""
	for _, r := range p[1:] {
		if r == '/' {
			segs = append(segs, cur)
			cur = ""
			continue
		}
		cur += string(r)
	}
	return append(segs, cur)
}

// TestLoginBodies checks the two logins (models APICredentials and
// PasswordCredentials) and that the token they answer is what later
// requests carry.
func TestLoginBodies(t *testing.T) {
	for _, tc := range []struct {
		name, model, path, want string
		creds                   alfaview.Credentials
	}{
		{"api key", "APICredentials", "/v2/auth/api-key", `{"clientId":"key-alias","companyId":"01EZYCFW9MJ10P15YJ63NZ8S47","key":"k3y-s3cr3t-value"}`, apiKey},
		{"api key pointer", "APICredentials", "/v2/auth/api-key", `{"clientId":"key-alias","companyId":"01EZYCFW9MJ10P15YJ63NZ8S47","key":"k3y-s3cr3t-value"}`, &apiKey},
		{"password", "PasswordCredentials", "/v2/auth/password", `{"password":"pa55word","username":"ada@example.com"}`,
			alfaview.PasswordCredentials{Username: "ada@example.com", Password: "pa55word"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Empty(t, checkShape(tc.model, tc.want, true))
			m := newMock(t)
			m.on("GET", "/v2/permission-groups", func(r *http.Request, _ string) {
				assert.Equal(t, "token-1", r.Header.Get("Authorization"))
			}, reply(200, `[]`))
			_, err := m.client(tc.creds).PermissionGroups.List(context.Background())
			require.NoError(t, err)
			require.Equal(t, 1, m.logins())
			assert.JSONEq(t, tc.want, m.loginBody[0])
			assert.Equal(t, 1, m.calls("POST", tc.path))
		})
	}
}

// Times go out in RFC 3339 as given; sub-second digits only when set.
func TestTimesOnTheWire(t *testing.T) {
	m := newMock(t)
	var got string
	m.on("PATCH", "/v2/group-links/l1", func(_ *http.Request, body string) { got = body }, reply(204, ""))
	berlin := time.FixedZone("CET", 3600)
	from := time.Date(2030, 3, 14, 14, 0, 0, 0, berlin)
	until := time.Date(2030, 3, 14, 17, 0, 0, 500_000_000, time.UTC)
	require.NoError(t, m.client(apiKey).GroupLinks.Update(context.Background(), "l1",
		&alfaview.GroupLinkUpdate{ValidFrom: &from, ValidUntil: &until}))
	assert.JSONEq(t, `{"validFrom":"2030-03-14T14:00:00+01:00","validUntil":"2030-03-14T17:00:00.5Z"}`, got)
}
