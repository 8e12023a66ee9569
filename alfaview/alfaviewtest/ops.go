package alfaviewtest

// Operation names for AppliedCount: every write the fake applies counts
// under the name of the alfaview operation that sends it. Each constant is
// "Op" and the operation's name with its parts capitalized.
const (
	// OpRoomsCreate counts a room created (Rooms.Create).
	OpRoomsCreate = "rooms.create"
	// OpRoomsDestroy counts a room deleted (Rooms.Delete, which sends
	// roomService/destroy).
	OpRoomsDestroy = "rooms.destroy"
	// OpLinksCreateGroupLinks counts one Links.CreateGroupLinks call that
	// created links, however many.
	OpLinksCreateGroupLinks = "links.createGroupLinks"
	// OpLinksCreateGuestLinks counts one Links.CreateGuestLinks call that
	// created links, however many.
	OpLinksCreateGuestLinks = "links.createGuestLinks"
	// OpLinksDelete counts a join link deleted (Links.Delete).
	OpLinksDelete = "links.delete"
)
