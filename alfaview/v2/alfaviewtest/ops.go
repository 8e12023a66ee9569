package alfaviewtest

// The operation names the fake passes to MarkApplied when a write changes
// its state, for Server.AppliedCount. They are the operation names of
// package alfaview/v2 (service.method), so a count reads like the client's
// errors. A create counts once per request, however many links it makes;
// an update counts only when it changed something; a delete counts when it
// removed something.
const (
	OpRoomsCreate                 = "rooms.create"
	OpRoomsUpdate                 = "rooms.update"
	OpRoomsDelete                 = "rooms.delete"
	OpRoomsCreateSubroom          = "rooms.createSubroom"
	OpRoomsUpdateSubroom          = "rooms.updateSubroom"
	OpRoomsDeleteSubroom          = "rooms.deleteSubroom"
	OpRoomsCreatePermissions      = "rooms.createPermissions"
	OpRoomsUpdatePermissions      = "rooms.updatePermissions"
	OpRoomsDeletePermissions      = "rooms.deletePermissions"
	OpRoomsUpdateFeatures         = "rooms.updateFeatures"
	OpRoomsDeleteFeatures         = "rooms.deleteFeatures"
	OpRoomsUpdateLanguageSettings = "rooms.updateLanguageSettings"
	OpGroupLinksCreate            = "groupLinks.create"
	OpGroupLinksUpdate            = "groupLinks.update"
	OpGroupLinksDelete            = "groupLinks.delete"
	OpGuestLinksCreate            = "guestLinks.create"
	OpGuestLinksUpdate            = "guestLinks.update"
	OpGuestLinksDelete            = "guestLinks.delete"
	OpUsersInvite                 = "users.invite"
	OpMeetingsCreate              = "meetings.create"
	OpMeetingsUpdate              = "meetings.update"
	OpMeetingsCancel              = "meetings.cancel"
)
