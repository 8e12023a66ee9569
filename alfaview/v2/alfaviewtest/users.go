package alfaviewtest

import (
	"strings"
)

// listUsers is GET /v2/users (emailAddress → User[]): every user of the
// company, or the one with that address (compared case-insensitively,
// inferred).
func (s *Server) listUsers(c *call) (reply, *problem) {
	email := c.r.URL.Query().Get("emailAddress")
	out := []User{}
	for _, u := range s.users {
		if email == "" || strings.EqualFold(u.EmailAddress, email) {
			out = append(out, *u)
		}
	}
	return ok(out)
}

// inviteUser is POST /v2/users/invitation (UserInvitation → 204). The
// invited user joins the company's users at once; an address that a user
// has already is 409 (both inferred).
func (s *Server) inviteUser(c *call) (reply, *problem) {
	var in Invitation
	if p := c.decode(userInvitationSchema, &in); p != nil {
		return fail(p)
	}
	for _, u := range s.users {
		if strings.EqualFold(u.EmailAddress, in.User.EmailAddress) {
			return fail(conflict("a user with the email address %s exists", in.User.EmailAddress))
		}
	}
	u := &User{ID: s.ids.UUID(), EmailAddress: in.User.EmailAddress, FirstName: in.User.FirstName,
		LastName: in.User.LastName, Title: in.User.Title}
	s.users = append(s.users, u)
	in.UserID = u.ID
	s.invitations = append(s.invitations, in)
	s.MarkApplied(OpUsersInvite)
	return done()
}
