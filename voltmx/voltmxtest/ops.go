package voltmxtest

// Operation names for AppliedCount: every write the fake applies counts
// under the name of the voltmx operation that sends it. Each constant is
// "Op" and the operation's name with its parts capitalized.
const (
	// OpGroupsCreate counts a group created (Groups.Create).
	OpGroupsCreate = "groups.create"
	// OpGroupsUpdate counts a group modified (Groups.Update).
	OpGroupsUpdate = "groups.update"
	// OpGroupsDelete counts a group deleted (Groups.Delete).
	OpGroupsDelete = "groups.delete"
	// OpUsersCreate counts a user created (Users.Create).
	OpUsersCreate = "users.create"
	// OpUsersUpdate counts a user modified (Users.Update).
	OpUsersUpdate = "users.update"
	// OpUsersDelete counts a user deleted (Users.Delete).
	OpUsersDelete = "users.delete"
)
