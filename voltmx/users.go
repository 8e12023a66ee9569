package voltmx

import (
	"context"
	"encoding/json"
	"iter"
	"net/http"

	"github.com/grantkit/grantkit-go/internal/transport"
	"github.com/grantkit/grantkit-go/internal/validate"
)

var (
	opUsersList = &transport.Operation{Name: "users.list", Method: http.MethodGet, Idempotent: true}
	opUsersGet  = &transport.Operation{Name: "users.get", Method: http.MethodGet, Idempotent: true}
)

// UsersService reads the users of the Engagement Services console.
type UsersService struct{ c *Client }

// User is an Engagement Services (console) user.
type User struct {
	ID          int64  `json:"id"`
	UserName    string `json:"userName"`
	DisplayName string `json:"displayName"`
	Email       string `json:"email"`
	MobileNo    string `json:"mobileNo"`
	// Active is the user's activeFlag.
	Active bool `json:"activeFlag"`
	// PermissionIDs are the permissions given to the user directly, besides
	// those of its groups.
	PermissionIDs []int64 `json:"selectedPermissionIds"`
	GroupIDs      []int64 `json:"selectedGroupIds"`
	CreatedBy     string  `json:"createdBy"`
	CreatedDate   Date    `json:"createdDate"`
	// LastModifiedBy and LastModifiedDate are empty until the first modify.
	LastModifiedBy   string `json:"lastModifiedBy"`
	LastModifiedDate Date   `json:"lastModifiedDate"`
}

// UnmarshalJSON accepts ids as numbers or strings and booleans as true or
// "true", as the server sends them.
func (u *User) UnmarshalJSON(b []byte) error {
	var w struct {
		ID               flexInt    `json:"id"`
		UserName         flexString `json:"userName"`
		DisplayName      flexString `json:"displayName"`
		Email            flexString `json:"email"`
		MobileNo         flexString `json:"mobileNo"`
		ActiveFlag       flexBool   `json:"activeFlag"`
		PermissionIDs    flexInts   `json:"selectedPermissionIds"`
		GroupIDs         flexInts   `json:"selectedGroupIds"`
		CreatedBy        flexString `json:"createdBy"`
		CreatedDate      Date       `json:"createdDate"`
		LastModifiedBy   flexString `json:"lastModifiedBy"`
		LastModifiedDate Date       `json:"lastModifiedDate"`
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*u = User{
		ID:               int64(w.ID),
		UserName:         string(w.UserName),
		DisplayName:      string(w.DisplayName),
		Email:            string(w.Email),
		MobileNo:         string(w.MobileNo),
		Active:           bool(w.ActiveFlag),
		PermissionIDs:    w.PermissionIDs.int64s(),
		GroupIDs:         w.GroupIDs.int64s(),
		CreatedBy:        string(w.CreatedBy),
		CreatedDate:      w.CreatedDate,
		LastModifiedBy:   string(w.LastModifiedBy),
		LastModifiedDate: w.LastModifiedDate,
	}
	return nil
}

func (u *User) resolveDates(c *Client) {
	u.CreatedDate.resolve(c.location)
	u.LastModifiedDate.resolve(c.location)
}

// UserPage is one page of users.
type UserPage struct {
	// Total is how many users the server has, -1 if it did not say.
	Total int
	Users []*User
	// Next is the start of the following page, 0 when this page is the last.
	Next int
}

// Get returns the user with the given id; ErrUserNotFound if there is none.
func (s *UsersService) Get(ctx context.Context, id int64, opts ...CallOption) (*User, error) {
	if err := validate.New(ErrInvalidParams, vendor, opUsersGet.Name).Positive("id", id).Err(); err != nil {
		return nil, err
	}
	var u User
	if _, err := s.c.tc.Do(ctx, &transport.Request{Op: opUsersGet, Path: usersPath(itoa(id))}, &u, opts...); err != nil {
		return nil, err
	}
	u.resolveDates(s.c)
	return &u, nil
}

// List walks every user, fetching pages lazily: breaking out of the loop
// sends no further request. An error is yielded once and ends the walk.
func (s *UsersService) List(ctx context.Context, opts *ListOptions, callOpts ...CallOption) iter.Seq2[*User, error] {
	return listAll[User](ctx, s.c, opUsersList, usersPath(), opts, callOpts)
}

// ListPage returns the page of users that starts at start (0 for the
// first), for callers who page by hand.
func (s *UsersService) ListPage(ctx context.Context, start int, opts *ListOptions, callOpts ...CallOption) (*UserPage, error) {
	users, total, next, err := listPage[User](ctx, s.c, opUsersList, usersPath(), start, opts, callOpts)
	if err != nil {
		return nil, err
	}
	return &UserPage{Total: total, Users: users, Next: next}, nil
}

func usersPath(more ...string) []string {
	return append([]string{"api", "v1", "accessmgmt", "users"}, more...)
}
