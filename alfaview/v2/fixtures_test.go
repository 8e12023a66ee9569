package alfaview_test

import (
	"time"

	alfaview "github.com/grantkit/grantkit-go/alfaview/v2"
)

// Answers in the official models' full shapes: every key of the model
// (sdkmodels_test.go checks it), with values that tell the fields apart,
// each with the Go value it must decode to.

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

const permissionsJSON = `{"admin":false,"chat":true,"join":true,"promote":false,"screen":true,"upload":false,"video":true,"vip":false,"voice":true}`

var permissionsGo = alfaview.Permissions{Chat: true, Join: true, Screen: true, Video: true, Voice: true}

const featuresJSON = `{"allowCopyRoomInfo":"enabled","blockWebclient":"disabled","centeredVideoGrid":"default",` +
	`"disableCameraOff":"disabled","disableJoinAndLeaveNotifications":"enabled","disableMiniWindow":"default",` +
	`"raiseHands":"enabled","shareContentOnlyToModerators":"disabled","showRaisedHandsOnlyToModerators":"default",` +
	`"sixteenByNineVideos":"enabled","sortVideoGridAlphabetically":"disabled"}`

var featuresGo = alfaview.RoomFeatures{
	AllowCopyRoomInfo: alfaview.FeatureEnabled, BlockWebclient: alfaview.FeatureDisabled, CenteredVideoGrid: alfaview.FeatureDefault,
	DisableCameraOff: alfaview.FeatureDisabled, DisableJoinAndLeaveNotifications: alfaview.FeatureEnabled, DisableMiniWindow: alfaview.FeatureDefault,
	RaiseHands: alfaview.FeatureEnabled, ShareContentOnlyToModerators: alfaview.FeatureDisabled, ShowRaisedHandsOnlyToModerators: alfaview.FeatureDefault,
	SixteenByNineVideos: alfaview.FeatureEnabled, SortVideoGridAlphabetically: alfaview.FeatureDisabled,
}

const quotasJSON = `{"activeParticipants":50,"maxVideoTilesPerPage":25,"spectatorOnlyParticipants":200}`

var quotasGo = alfaview.RoomQuotas{ActiveParticipants: 50, MaxVideoTilesPerPage: 25, SpectatorOnlyParticipants: 200}

const participantPermissionsJSON = `{"participantId":"01J0USER0000000000000002","permissions":` + permissionsJSON + `}`

var participantPermissionsGo = alfaview.ParticipantPermissions{ParticipantID: "01J0USER0000000000000002", Permissions: permissionsGo}

const subroomJSON = `{"displayName":"Group 1","id":"01J0SUB00000000000000001","sort":1}`

var subroomGo = alfaview.Subroom{DisplayName: "Group 1", ID: "01J0SUB00000000000000001", Sort: 1}

const roomJSON = `{"createdAt":"2026-02-01T09:00:00Z","createdBy":"01J0USER0000000000000001",` +
	`"defaultPermissions":` + permissionsJSON + `,"displayName":"Workshop","features":` + featuresJSON + `,` +
	`"groupLinkPermissions":[` + participantPermissionsJSON + `],"guestLinkPermissions":[` + participantPermissionsJSON + `],` +
	`"id":"4173dafb-5cde-4c85-95a3-20ebdd43698a","managed":true,"parentId":"01J0DEPT0000000000000001",` +
	`"quotas":` + quotasJSON + `,"sort":7,"subrooms":[` + subroomJSON + `],"type":"room",` +
	`"userPermissions":[` + participantPermissionsJSON + `],"waitingRoomEnabled":true,"waitingRoomWelcomeNote":"Welcome, please wait"}`

var roomGo = alfaview.Room{
	CreatedAt: at("2026-02-01T09:00:00Z"), CreatedBy: "01J0USER0000000000000001",
	DefaultPermissions: &permissionsGo, DisplayName: "Workshop", Features: featuresGo,
	GroupLinkPermissions: []alfaview.ParticipantPermissions{participantPermissionsGo},
	GuestLinkPermissions: []alfaview.ParticipantPermissions{participantPermissionsGo},
	ID:                   "4173dafb-5cde-4c85-95a3-20ebdd43698a", Managed: true, ParentID: "01J0DEPT0000000000000001",
	Quotas: &quotasGo, Sort: 7, Subrooms: []alfaview.Subroom{subroomGo}, Type: alfaview.RoomTypeRoom,
	UserPermissions:    []alfaview.ParticipantPermissions{participantPermissionsGo},
	WaitingRoomEnabled: true, WaitingRoomWelcomeNote: "Welcome, please wait",
}

const groupLinkJSON = `{"accessKey":"NcHef8FIc17a5jpiWy4fJ0cw2dCRpbFG","createdAt":"2026-02-02T08:00:00Z",` +
	`"createdBy":"01J0USER0000000000000001","description":"Table 1","dialInAllowed":true,"dialInCode":"12345678",` +
	`"id":"01J0GL0000000000000000001","joinLink":"https://app.alfaview.com/#/join/01EZYCFW9MJ10P15YJ63NZ8S47/4173dafb-5cde-4c85-95a3-20ebdd43698a/NcHef8FIc17a5jpiWy4fJ0cw2dCRpbFG/v2",` +
	`"origin":"booking tool","permissionGroupId":"01J0PG0000000000000000002","roomId":"4173dafb-5cde-4c85-95a3-20ebdd43698a",` +
	`"validFrom":"2030-03-14T13:00:00Z","validUntil":"2030-03-14T17:00:00Z"}`

var groupLinkGo = alfaview.GroupLink{
	AccessKey: "NcHef8FIc17a5jpiWy4fJ0cw2dCRpbFG", CreatedAt: at("2026-02-02T08:00:00Z"),
	CreatedBy: "01J0USER0000000000000001", Description: "Table 1", DialInAllowed: true, DialInCode: "12345678",
	ID:       "01J0GL0000000000000000001",
	JoinLink: "https://app.alfaview.com/#/join/01EZYCFW9MJ10P15YJ63NZ8S47/4173dafb-5cde-4c85-95a3-20ebdd43698a/NcHef8FIc17a5jpiWy4fJ0cw2dCRpbFG/v2",
	Origin:   "booking tool", PermissionGroupID: "01J0PG0000000000000000002", RoomID: "4173dafb-5cde-4c85-95a3-20ebdd43698a",
	ValidFrom: at("2030-03-14T13:00:00Z"), ValidUntil: at("2030-03-14T17:00:00Z"),
}

const guestLinkJSON = `{"accessKey":"13lyG9prT8zBD9po1kdnlqw3gkgzdoDW","createdAt":"2026-02-02T08:05:00Z",` +
	`"createdBy":"01J0USER0000000000000001","dialInAllowed":false,"dialInCode":"87654321","displayName":"Ada Lovelace",` +
	`"emailAddress":"ada@example.com","id":"01J0GU0000000000000000001","joinUrl":"https://app.alfaview.com/#/guest/13lyG9prT8zBD9po1kdnlqw3gkgzdoDW",` +
	`"locale":"en-US","origin":"api","permissionGroupId":"01J0PG0000000000000000003","roomId":"4173dafb-5cde-4c85-95a3-20ebdd43698a",` +
	`"validFrom":"2030-03-14T12:45:00Z","validUntil":"2030-03-14T18:00:00Z"}`

var guestLinkGo = alfaview.GuestLink{
	AccessKey: "13lyG9prT8zBD9po1kdnlqw3gkgzdoDW", CreatedAt: at("2026-02-02T08:05:00Z"),
	CreatedBy: "01J0USER0000000000000001", DialInCode: "87654321", DisplayName: "Ada Lovelace",
	EmailAddress: "ada@example.com", ID: "01J0GU0000000000000000001", JoinURL: "https://app.alfaview.com/#/guest/13lyG9prT8zBD9po1kdnlqw3gkgzdoDW",
	Locale: "en-US", Origin: "api", PermissionGroupID: "01J0PG0000000000000000003", RoomID: "4173dafb-5cde-4c85-95a3-20ebdd43698a",
	ValidFrom: at("2030-03-14T12:45:00Z"), ValidUntil: at("2030-03-14T18:00:00Z"),
}

const userPermissionsJSON = `{"manageCompany":false,"roomAdmin":true,"roomCreate":true,"roomList":true,"userAdmin":false,"userList":true,"userShow":false}`

var userPermissionsGo = alfaview.UserPermissions{RoomAdmin: true, RoomCreate: true, RoomList: true, UserList: true}

const tokenInfoJSON = `{"active":true,"expiresAt":"2026-02-03T10:00:00Z","permissions":` + userPermissionsJSON + `}`

var tokenInfoGo = alfaview.TokenInfo{Active: true, ExpiresAt: at("2026-02-03T10:00:00Z"), Permissions: userPermissionsGo}

// The launch URL has the shape of alfaview's support article on joining by
// group link, the guest's token in its query.
const guestAuthJSON = `{"accessToken":"Z3Vlc3QtdG9rZW4=","clientLaunchUrl":"` + launchURL + `",` +
	`"displayName":"Guest 7","participantId":"01J0GL0000000000000000001","tokenExpiresAt":"2030-03-14T14:00:00Z",` +
	`"validFrom":"2030-03-14T13:00:00Z","validUntil":"2030-03-14T17:00:00Z"}`

const launchURL = "alfaview://apis.alfaview.com:443?companyId=01EZYCFW9MJ10P15YJ63NZ8S47&roomId=4173dafb-5cde-4c85-95a3-20ebdd43698a&token=Z3Vlc3QtdG9rZW4="

var guestAuthGo = alfaview.GuestAuthInfo{
	AccessToken: "Z3Vlc3QtdG9rZW4=", ClientLaunchURL: launchURL, DisplayName: "Guest 7",
	ParticipantID: "01J0GL0000000000000000001", TokenExpiresAt: at("2030-03-14T14:00:00Z"),
	ValidFrom: at("2030-03-14T13:00:00Z"), ValidUntil: at("2030-03-14T17:00:00Z"),
}

const userJSON = `{"emailAddress":"grace@example.com","firstName":"Grace","id":"01J0USER0000000000000003","lastName":"Hopper","title":"Dr."}`

var userGo = alfaview.User{EmailAddress: "grace@example.com", FirstName: "Grace", ID: "01J0USER0000000000000003", LastName: "Hopper", Title: "Dr."}

const languageSettingsJSON = `{"defaultSpokenLanguage":"de","targetTranscriptionLanguages":["en","fr"],"transcriptionEnabled":true,"transcriptionType":"digital_interpreter"}`

var languageSettingsGo = alfaview.LanguageSettings{DefaultSpokenLanguage: "de", TargetTranscriptionLanguages: []string{"en", "fr"},
	TranscriptionEnabled: true, TranscriptionType: alfaview.TranscriptionDigitalInterpreter}

const languagesJSON = `{"transcription":["de","en"],"translation":[{"in":"de","out":["en","fr"]}]}`

var languagesGo = alfaview.Languages{Transcription: []string{"de", "en"},
	Translation: []alfaview.Translation{{In: "de", Out: []string{"en", "fr"}}}}

const participantJSON = `{"displayName":"Ada","inWaitingRoom":false,"isDialIn":true,"isGuest":true,"isSpectator":false,"onBreak":true,"userId":"01J0USER0000000000000004"}`

const subroomParticipantsJSON = `{"participants":[` + participantJSON + `],"subRoomId":"01J0SUB00000000000000001"}`

var subroomParticipantsGo = alfaview.SubroomParticipants{SubroomID: "01J0SUB00000000000000001", Participants: []alfaview.Participant{
	{DisplayName: "Ada", IsDialIn: true, IsGuest: true, OnBreak: true, UserID: "01J0USER0000000000000004"}}}

const roomTypeDataJSON = `{"maxActiveParticipants":100,"maxSpectatorOnlyParticipants":500,"maxSubRooms":30,"name":"room","total":20,"used":12}`

var roomTypeDataGo = alfaview.RoomTypeData{MaxActiveParticipants: 100, MaxSpectatorOnlyParticipants: 500, MaxSubrooms: 30,
	Name: "room", Total: 20, Used: 12}

const permissionGroupJSON = `{"id":"01J0PG0000000000000000002","name":"Participant","permissions":` + permissionsJSON + `}`

var permissionGroupGo = alfaview.PermissionGroup{ID: "01J0PG0000000000000000002", Name: "Participant", Permissions: permissionsGo}

const roomPermissionsJSON = `{"groupLinkPermissions":[` + participantPermissionsJSON + `],"guestLinkPermissions":[],"userPermissions":[` + participantPermissionsJSON + `]}`

var roomPermissionsGo = alfaview.RoomPermissions{
	GroupLinkPermissions: []alfaview.ParticipantPermissions{participantPermissionsGo},
	GuestLinkPermissions: []alfaview.ParticipantPermissions{},
	UserPermissions:      []alfaview.ParticipantPermissions{participantPermissionsGo},
}

const meetingJSON = `{"agenda":"1. Welcome","canJoin":true,"canJoinAfter":"2030-03-14T12:45:00Z","canceledAt":"2030-03-10T08:00:00Z",` +
	`"createdAt":"2030-03-01T08:00:00Z","createdBy":"01J0USER0000000000000001","earlyAccessMinutes":15,"end":"2030-03-14T15:00:00Z",` +
	`"groupLinks":{"moderator":"https://app.alfaview.com/#/join/m","participant":"https://app.alfaview.com/#/join/p"},` +
	`"guestLinks":["01J0GU0000000000000000001"],"id":"01J0MEET000000000000000001","roomAvailable":false,` +
	`"start":"2030-03-14T13:00:00Z","state":"canceled","timezone":"Europe/Berlin","title":"Kick-off"}`

var meetingGo = alfaview.Meeting{
	Agenda: "1. Welcome", CanJoin: true, CanJoinAfter: at("2030-03-14T12:45:00Z"), CanceledAt: at("2030-03-10T08:00:00Z"),
	CreatedAt: at("2030-03-01T08:00:00Z"), CreatedBy: "01J0USER0000000000000001", EarlyAccessMinutes: 15, End: at("2030-03-14T15:00:00Z"),
	GroupLinks: map[string]string{"moderator": "https://app.alfaview.com/#/join/m", "participant": "https://app.alfaview.com/#/join/p"},
	GuestLinks: []string{"01J0GU0000000000000000001"}, ID: "01J0MEET000000000000000001",
	Start: at("2030-03-14T13:00:00Z"), State: alfaview.MeetingCanceled, Timezone: "Europe/Berlin", Title: "Kick-off",
}

const userAttendancesJSON = `{"attendances":[{"displayName":"Ada","from":"2026-02-01T09:00:00Z","to":"2026-02-01T10:30:00Z"}],"userId":"01J0USER0000000000000004"}`

var userAttendancesGo = alfaview.UserAttendances{UserID: "01J0USER0000000000000004", Attendances: []alfaview.Attendance{
	{DisplayName: "Ada", From: at("2026-02-01T09:00:00Z"), To: at("2026-02-01T10:30:00Z")}}}

const statsPeriodJSON = `{"from":"2026-02-01T00:00:00Z","meetings":{"activeCount":1,"roomOnlineSeconds":3600,"sessionCount":4,"usersOnlineSeconds":9000},` +
	`"rooms":{"activeCount":3,"roomOnlineSeconds":7200,"sessionCount":12,"usersOnlineSeconds":30000},"to":"2026-02-02T00:00:00Z"}`

var statsPeriodGo = alfaview.StatsPeriod{From: at("2026-02-01T00:00:00Z"), To: at("2026-02-02T00:00:00Z"),
	Meetings: alfaview.Stats{ActiveCount: 1, RoomOnlineSeconds: 3600, SessionCount: 4, UsersOnlineSeconds: 9000},
	Rooms:    alfaview.Stats{ActiveCount: 3, RoomOnlineSeconds: 7200, SessionCount: 12, UsersOnlineSeconds: 30000}}

const problemJSON = `{"detail":"validation failed","errors":[{"location":"body.create[0].validUntil","message":"must be after validFrom","value":"2020-01-01T00:00:00Z"}],` +
	`"instance":"/v2/rooms/r1/group-links","status":422,"title":"Unprocessable Entity","type":"https://apis.alfaview.com/v2/docs/errors#validation"}`
