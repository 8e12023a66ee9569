package alfaview

import (
	"context"
	"net/http"

	"github.com/grantkit/grantkit-go/internal/transport"
)

// UsersService lists the company's users and invites new ones (the official
// SDK's UsersApi). Reach it as Client.Users.
type UsersService struct{ c *Client }

// User is a user of the company (model User).
type User struct {
	ID           string `json:"id"`
	EmailAddress string `json:"emailAddress"`
	FirstName    string `json:"firstName"`
	LastName     string `json:"lastName"`
	Title        string `json:"title,omitempty"`
}

// ListUsersOptions filter Users.List; nil lists everyone.
type ListUsersOptions struct {
	// EmailAddress keeps only the user with this address.
	EmailAddress string `url:"emailAddress,omitempty"`
}

// UserInvitation invites someone to the company (model UserInvitation).
type UserInvitation struct {
	User UserInformation `json:"user"`
	// Permissions are the new user's company permissions, every flag sent.
	Permissions UserPermissions `json:"permissions"`
}

// UserInformation describes an invited user (model UserInformation).
// EmailAddress, FirstName and LastName are required.
type UserInformation struct {
	EmailAddress string `json:"emailAddress"`
	FirstName    string `json:"firstName"`
	LastName     string `json:"lastName"`
	// Locale is the user's language, such as "de" or "en-US".
	Locale string `json:"locale,omitempty"`
	Title  string `json:"title,omitempty"`
}

// UserPermissions are a user's company-wide permissions (models
// UserPermissions, InviteUserPermissions, TokenUserPermissions and
// UserPermissionsCreate, which have the same fields).
type UserPermissions struct {
	// ManageCompany lets them manage company settings; implies UserAdmin,
	// RoomAdmin and UserShow.
	ManageCompany bool `json:"manageCompany"`
	// RoomAdmin lets them create, change and delete any room; implies
	// RoomList and RoomCreate.
	RoomAdmin  bool `json:"roomAdmin"`
	RoomCreate bool `json:"roomCreate"`
	RoomList   bool `json:"roomList"`
	// UserAdmin lets them manage other users; implies UserList.
	UserAdmin bool `json:"userAdmin"`
	UserList  bool `json:"userList"`
	// UserShow lets them see the names of all users in rooms they can
	// access.
	UserShow bool `json:"userShow"`
}

var (
	opListUsers  = op("users.list", http.MethodGet)
	opInviteUser = createOp("users.invite")
)

// List returns the company's users; opts may be nil.
func (s *UsersService) List(ctx context.Context, opts *ListUsersOptions, callOpts ...CallOption) ([]User, error) {
	var q ListUsersOptions
	if opts != nil {
		q = *opts
	}
	return list[User](ctx, s.c, &transport.Request{Op: opListUsers, Path: []string{"v2", "users"}, Query: q}, callOpts)
}

// Invite invites a user to the company. Like every create it is not
// retried once the request may have reached alfaview, so no one gets two
// invitations.
func (s *UsersService) Invite(ctx context.Context, inv *UserInvitation, opts ...CallOption) error {
	v := check(opInviteUser).Check(inv != nil, "inv", "must not be nil")
	if inv != nil {
		u := inv.User
		v.Email("User.EmailAddress", u.EmailAddress).
			NotEmpty("User.FirstName", u.FirstName).
			NotEmpty("User.LastName", u.LastName)
		if u.Locale != "" {
			v.LanguageTag("User.Locale", u.Locale)
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	return s.c.do(ctx, &transport.Request{Op: opInviteUser, Path: []string{"v2", "users", "invitation"}, Body: inv}, nil, opts)
}
