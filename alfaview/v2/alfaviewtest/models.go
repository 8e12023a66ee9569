package alfaviewtest

import "time"

// The types below are the JSON the fake sends, spelled out from the
// official PHP SDK's models (alfatraining/alfaview-php-sdk, lib/Model/*.php:
// $attributeMap for the names, listInvalidProperties for what is required)
// rather than borrowed from package alfaview/v2, so that a misreading in
// the client is not mirrored here. They double as what the fake's seeding
// methods take and its readers return. Times are UTC.

// Permissions are a participant's rights in a room (model Permissions).
type Permissions struct {
	Admin   bool `json:"admin"`
	Chat    bool `json:"chat"`
	Join    bool `json:"join"`
	Promote bool `json:"promote"`
	Screen  bool `json:"screen"`
	Upload  bool `json:"upload"`
	Video   bool `json:"video"`
	VIP     bool `json:"vip"`
	Voice   bool `json:"voice"`
}

// ParticipantPermissions are the permissions of one user, group link or
// guest link in a room (model ParticipantPermissions).
type ParticipantPermissions struct {
	ParticipantID string      `json:"participantId"`
	Permissions   Permissions `json:"permissions"`
}

// FeatureState is the state of one room feature.
type FeatureState string

// The states a room feature can be in (model RoomFeatures' enums).
const (
	FeatureEnabled  FeatureState = "enabled"
	FeatureDisabled FeatureState = "disabled"
	FeatureDefault  FeatureState = "default"
)

// RoomFeatures is a room's feature configuration (model RoomFeatures).
// The fake stores an empty state as FeatureDefault.
type RoomFeatures struct {
	AllowCopyRoomInfo                FeatureState `json:"allowCopyRoomInfo"`
	BlockWebclient                   FeatureState `json:"blockWebclient"`
	CenteredVideoGrid                FeatureState `json:"centeredVideoGrid"`
	DisableCameraOff                 FeatureState `json:"disableCameraOff"`
	DisableJoinAndLeaveNotifications FeatureState `json:"disableJoinAndLeaveNotifications"`
	DisableMiniWindow                FeatureState `json:"disableMiniWindow"`
	RaiseHands                       FeatureState `json:"raiseHands"`
	ShareContentOnlyToModerators     FeatureState `json:"shareContentOnlyToModerators"`
	ShowRaisedHandsOnlyToModerators  FeatureState `json:"showRaisedHandsOnlyToModerators"`
	SixteenByNineVideos              FeatureState `json:"sixteenByNineVideos"`
	SortVideoGridAlphabetically      FeatureState `json:"sortVideoGridAlphabetically"`
}

// RoomQuotas are a room's participant limits (model RoomQuotas).
type RoomQuotas struct {
	ActiveParticipants        int `json:"activeParticipants"`
	MaxVideoTilesPerPage      int `json:"maxVideoTilesPerPage"`
	SpectatorOnlyParticipants int `json:"spectatorOnlyParticipants"`
}

// Subroom is a subroom of a room (model Subroom).
type Subroom struct {
	DisplayName string `json:"displayName,omitempty"`
	ID          string `json:"id"`
	Sort        int    `json:"sort"`
}

// Room types (model Room's type enum). RoomCreate accepts only the first two;
// meeting rooms come from creating a meeting.
const (
	RoomTypeDepartment = "department"
	RoomTypeRoom       = "room"
	RoomTypeMeeting    = "meeting"
)

// Room is a room as GET /v2/rooms/{id} answers it (model Room). The three
// permission lists are derived when the room is read: UserPermissions from
// the room's permissions endpoints, the link lists from each link's
// permission group.
type Room struct {
	CreatedAt              time.Time                `json:"createdAt"`
	CreatedBy              string                   `json:"createdBy"`
	DefaultPermissions     *Permissions             `json:"defaultPermissions,omitempty"`
	DisplayName            string                   `json:"displayName"`
	Features               RoomFeatures             `json:"features"`
	GroupLinkPermissions   []ParticipantPermissions `json:"groupLinkPermissions"`
	GuestLinkPermissions   []ParticipantPermissions `json:"guestLinkPermissions"`
	ID                     string                   `json:"id"`
	Managed                bool                     `json:"managed"`
	ParentID               string                   `json:"parentId,omitempty"`
	Quotas                 RoomQuotas               `json:"quotas"`
	Sort                   int                      `json:"sort"`
	Subrooms               []Subroom                `json:"subrooms"`
	Type                   string                   `json:"type"`
	UserPermissions        []ParticipantPermissions `json:"userPermissions"`
	WaitingRoomEnabled     bool                     `json:"waitingRoomEnabled"`
	WaitingRoomWelcomeNote string                   `json:"waitingRoomWelcomeNote,omitempty"`
}

// PermissionGroup is a named set of permissions that links refer to
// (model PermissionGroup).
type PermissionGroup struct {
	ID          string      `json:"id"`
	Name        string      `json:"name"`
	Permissions Permissions `json:"permissions"`
}

// GroupLink is a join link shared by a group (model GroupLink).
type GroupLink struct {
	AccessKey         string     `json:"accessKey"`
	CreatedAt         time.Time  `json:"createdAt"`
	CreatedBy         string     `json:"createdBy"`
	Description       string     `json:"description"`
	DialInAllowed     bool       `json:"dialInAllowed"`
	DialInCode        string     `json:"dialInCode"`
	ID                string     `json:"id"`
	JoinLink          string     `json:"joinLink"`
	Origin            string     `json:"origin"`
	PermissionGroupID string     `json:"permissionGroupId"`
	RoomID            string     `json:"roomId"`
	ValidFrom         *time.Time `json:"validFrom,omitempty"`
	ValidUntil        *time.Time `json:"validUntil,omitempty"`
}

// GuestLink is a personal join link of one guest (model GuestLink). Its
// link is JoinURL; it has no description.
type GuestLink struct {
	AccessKey         string     `json:"accessKey"`
	CreatedAt         time.Time  `json:"createdAt"`
	CreatedBy         string     `json:"createdBy"`
	DialInAllowed     bool       `json:"dialInAllowed"`
	DialInCode        string     `json:"dialInCode"`
	DisplayName       string     `json:"displayName,omitempty"`
	EmailAddress      string     `json:"emailAddress"`
	ID                string     `json:"id"`
	JoinURL           string     `json:"joinUrl"`
	Locale            string     `json:"locale"`
	Origin            string     `json:"origin"`
	PermissionGroupID string     `json:"permissionGroupId"`
	RoomID            string     `json:"roomId"`
	ValidFrom         *time.Time `json:"validFrom,omitempty"`
	ValidUntil        *time.Time `json:"validUntil,omitempty"`
}

// User is a user of the company (model User).
type User struct {
	EmailAddress string `json:"emailAddress"`
	FirstName    string `json:"firstName"`
	ID           string `json:"id"`
	LastName     string `json:"lastName"`
	Title        string `json:"title,omitempty"`
}

// UserPermissions are a user's company-wide rights (models UserPermissions,
// InviteUserPermissions and TokenUserPermissions, which have the same
// fields). ManageCompany implies UserAdmin, RoomAdmin and UserShow;
// RoomAdmin implies RoomList and RoomCreate; UserAdmin implies UserList, as
// model UserPermissions documents, and the fake's checks follow that.
type UserPermissions struct {
	ManageCompany bool `json:"manageCompany"`
	RoomAdmin     bool `json:"roomAdmin"`
	RoomCreate    bool `json:"roomCreate"`
	RoomList      bool `json:"roomList"`
	UserAdmin     bool `json:"userAdmin"`
	UserList      bool `json:"userList"`
	UserShow      bool `json:"userShow"`
}

// allPermissions grants every company-wide right.
var allPermissions = UserPermissions{ManageCompany: true, RoomAdmin: true, RoomCreate: true, RoomList: true,
	UserAdmin: true, UserList: true, UserShow: true}

// UserInformation is the invited user in an invitation (model
// UserInformation).
type UserInformation struct {
	EmailAddress string `json:"emailAddress"`
	FirstName    string `json:"firstName"`
	LastName     string `json:"lastName"`
	Locale       string `json:"locale,omitempty"`
	Title        string `json:"title,omitempty"`
}

// Invitation is an accepted POST /v2/users/invitation (model
// UserInvitation), with the id of the user it added.
type Invitation struct {
	Permissions UserPermissions `json:"permissions"`
	User        UserInformation `json:"user"`
	UserID      string          `json:"-"`
}

// Meeting states (model Meeting's state enum).
const (
	MeetingScheduled = "scheduled"
	MeetingOngoing   = "ongoing"
	MeetingEnded     = "ended"
	MeetingCanceled  = "canceled"
)

// Meeting is a meeting as GET /v2/meetings/{id} answers it (model Meeting).
// State, CanJoin, CanJoinAfter and RoomAvailable are worked out from the
// fake's clock when the meeting is read.
//
// Inferred: the SDK types groupLinks as a string-to-string map without
// saying what the keys are; the fake maps each group link's id to its join
// link, and lists the guest links' join URLs in GuestLinks.
type Meeting struct {
	Agenda             string            `json:"agenda,omitempty"`
	CanJoin            bool              `json:"canJoin"`
	CanJoinAfter       *time.Time        `json:"canJoinAfter,omitempty"`
	CanceledAt         *time.Time        `json:"canceledAt,omitempty"`
	CreatedAt          time.Time         `json:"createdAt"`
	CreatedBy          string            `json:"createdBy"`
	EarlyAccessMinutes int               `json:"earlyAccessMinutes"`
	End                time.Time         `json:"end"`
	GroupLinks         map[string]string `json:"groupLinks"`
	GuestLinks         []string          `json:"guestLinks"`
	ID                 string            `json:"id"`
	RoomAvailable      bool              `json:"roomAvailable"`
	Start              time.Time         `json:"start"`
	State              string            `json:"state"`
	Timezone           string            `json:"timezone"`
	Title              string            `json:"title"`
}

// Participant is someone currently in a room (model Participant).
type Participant struct {
	DisplayName   string `json:"displayName"`
	InWaitingRoom bool   `json:"inWaitingRoom"`
	IsDialIn      bool   `json:"isDialIn"`
	IsGuest       bool   `json:"isGuest"`
	IsSpectator   bool   `json:"isSpectator"`
	OnBreak       bool   `json:"onBreak"`
	UserID        string `json:"userId"`
}

// Attendance is one stay of a user in a room (model Attendance).
type Attendance struct {
	DisplayName string    `json:"displayName"`
	From        time.Time `json:"from"`
	To          time.Time `json:"to"`
}

// Transcription types (model LanguageSettings' transcriptionType enum).
const (
	TranscriptionSimple             = "simple_transcription"
	TranscriptionDigitalInterpreter = "digital_interpreter"
)

// LanguageSettings are a room's transcription settings (model
// LanguageSettings).
type LanguageSettings struct {
	DefaultSpokenLanguage        string   `json:"defaultSpokenLanguage,omitempty"`
	TargetTranscriptionLanguages []string `json:"targetTranscriptionLanguages,omitempty"`
	TranscriptionEnabled         bool     `json:"transcriptionEnabled"`
	TranscriptionType            string   `json:"transcriptionType"`
}
