package reach360test

// Operation names for AppliedCount: every write the fake applies counts
// under the name of the reach360 operation that sends it. Each constant is
// "Op" and the operation's name with its parts capitalized.
const (
	// OpGroupsCreate counts a group created (Groups.Create).
	OpGroupsCreate = "groups.create"
	// OpGroupsUpdate counts a group renamed (Groups.Update).
	OpGroupsUpdate = "groups.update"
	// OpGroupsDelete counts a group deleted (Groups.Delete).
	OpGroupsDelete = "groups.delete"
	// OpGroupsAddMember counts a user added to a group (Groups.AddMember);
	// adding an existing member changes nothing and is not counted.
	OpGroupsAddMember = "groups.addMember"
	// OpGroupsRemoveMember counts a user removed from a group
	// (Groups.RemoveMember).
	OpGroupsRemoveMember = "groups.removeMember"
	// OpGroupsAddReporter counts a reporter added to a group
	// (Groups.AddReporter); adding one again is not counted.
	OpGroupsAddReporter = "groups.addReporter"
	// OpGroupsRemoveReporter counts a reporter removed from a group
	// (Groups.RemoveReporter); removing one who was not is not counted.
	OpGroupsRemoveReporter = "groups.removeReporter"
	// OpUsersDelete counts a user deleted (Users.Delete).
	OpUsersDelete = "users.delete"
	// OpInvitationsCreate counts an invitation created
	// (Invitations.Create).
	OpInvitationsCreate = "invitations.create"
	// OpInvitationsDelete counts an invitation deleted
	// (Invitations.Delete).
	OpInvitationsDelete = "invitations.delete"
)
