package alfaviewtest

// The operation names the fake passes to MarkApplied when a write changes
// its state, for Server.AppliedCount. A create counts once per request,
// however many links it makes; an update counts only when it changed
// something; a delete counts when it removed something.
const (
	OpRoomsCreate            = "rooms.create"
	OpRoomsUpdate            = "rooms.update"
	OpRoomsDelete            = "rooms.delete"
	OpSubroomsCreate         = "subrooms.create"
	OpSubroomsUpdate         = "subrooms.update"
	OpSubroomsDelete         = "subrooms.delete"
	OpPermissionsCreate      = "permissions.create"
	OpPermissionsUpdate      = "permissions.update"
	OpPermissionsDelete      = "permissions.delete"
	OpFeaturesUpdate         = "features.update"
	OpFeaturesDelete         = "features.delete"
	OpLanguageSettingsUpdate = "languageSettings.update"
	OpGroupLinksCreate       = "groupLinks.create"
	OpGroupLinksUpdate       = "groupLinks.update"
	OpGroupLinksDelete       = "groupLinks.delete"
	OpGuestLinksCreate       = "guestLinks.create"
	OpGuestLinksUpdate       = "guestLinks.update"
	OpGuestLinksDelete       = "guestLinks.delete"
	OpUsersInvite            = "users.invite"
	OpMeetingsCreate         = "meetings.create"
	OpMeetingsUpdate         = "meetings.update"
	OpMeetingsCancel         = "meetings.cancel"
)
