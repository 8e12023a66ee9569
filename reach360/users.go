package reach360

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"time"

	"github.com/grantkit/grantkit-go/internal/paging"
	"github.com/grantkit/grantkit-go/internal/transport"
)

// The roles a User can have. New roles may appear; Role is a plain string.
const (
	RoleLearner  = "learner"
	RoleAuthor   = "author"
	RoleReporter = "reporter"
	RoleAdmin    = "admin"
)

// User is a person in the Reach 360 account.
type User struct {
	ID        string `json:"id"`
	Email     string `json:"email"`
	FirstName string `json:"firstName"`
	LastName  string `json:"lastName"`
	// Role is one of RoleLearner, RoleAuthor, RoleReporter, RoleAdmin.
	Role string `json:"role"`
	// LastActiveAt is the user's last activity; zero if the API sent none.
	LastActiveAt time.Time `json:"lastActiveAt"`
	// URL is the user's API address; GroupsURL lists the user's groups.
	URL              string `json:"url"`
	GroupsURL        string `json:"groupsUrl"`
	LearnerReportURL string `json:"learnerReportUrl"`
	FavoritesURL     string `json:"favoritesUrl"`
	// Articulate360User reports whether the user is managed in Articulate 360.
	Articulate360User bool `json:"articulate360User"`
}

// UnmarshalJSON decodes a user, reading an empty or null lastActiveAt (a
// user who was never active) as the zero time rather than failing the
// whole page.
func (u *User) UnmarshalJSON(b []byte) error {
	type plain User
	var w struct {
		*plain
		LastActiveAt *string `json:"lastActiveAt"`
	}
	w.plain = (*plain)(u)
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	u.LastActiveAt = time.Time{}
	if w.LastActiveAt != nil && *w.LastActiveAt != "" {
		t, err := time.Parse(time.RFC3339Nano, *w.LastActiveAt)
		if err != nil {
			return fmt.Errorf("user %q: lastActiveAt: %w", u.ID, err)
		}
		u.LastActiveAt = t
	}
	return nil
}

// ListUsersOptions page and filter the user list.
type ListUsersOptions struct {
	// Limit is the page size, 1..100; zero means the API's default of 50.
	Limit int `url:"limit,omitempty"`
	// Email, when set, returns only the user with this email address.
	Email string `url:"email,omitempty"`
}

// UsersService is the Users API: c.Users.
type UsersService struct{ c *Client }

var (
	opListUsers  = &transport.Operation{Name: "users.list", Method: http.MethodGet, Idempotent: true}
	opGetUser    = &transport.Operation{Name: "users.get", Method: http.MethodGet, Idempotent: true}
	opDeleteUser = &transport.Operation{Name: "users.delete", Method: http.MethodDelete, Idempotent: true, AlreadyDone: isGone}
	opUserGroups = &transport.Operation{Name: "users.groups", Method: http.MethodGet, Idempotent: true}
)

// List returns every user, fetching pages as the loop needs them; opts may
// be nil. Breaking out of the loop sends no further requests.
func (s *UsersService) List(ctx context.Context, opts *ListUsersOptions, callOpts ...CallOption) iter.Seq2[*User, error] {
	if opts == nil {
		opts = &ListUsersOptions{}
	}
	if err := checkLimit(check(opListUsers), opts.Limit).Err(); err != nil {
		return paging.Err[*User](err)
	}
	return walk(ctx, s.c, &transport.Request{Op: opListUsers, Path: []string{"users"}, Query: *opts}, s.fetchUsers, callOpts)
}

// Get returns the user with id userID; a missing one fails with ErrNotFound.
func (s *UsersService) Get(ctx context.Context, userID string, opts ...CallOption) (*User, error) {
	if err := check(opGetUser).NotEmpty("userID", userID).Err(); err != nil {
		return nil, err
	}
	var u User
	if _, err := s.c.tc.Do(ctx, &transport.Request{Op: opGetUser, Path: []string{"users", userID}}, &u, opts...); err != nil {
		return nil, err
	}
	return &u, nil
}

// Delete removes a user from the account's training; a missing one fails
// with ErrNotFound, unless it is a retry finding the user already removed by
// an attempt whose answer was lost.
func (s *UsersService) Delete(ctx context.Context, userID string, opts ...CallOption) error {
	if err := check(opDeleteUser).NotEmpty("userID", userID).Err(); err != nil {
		return err
	}
	_, err := s.c.tc.Do(ctx, &transport.Request{Op: opDeleteUser, Path: []string{"users", userID}}, nil, opts...)
	return err
}

// Groups returns the groups a user belongs to, fetching pages as the loop
// needs them; opts may be nil.
func (s *UsersService) Groups(ctx context.Context, userID string, opts *ListOptions, callOpts ...CallOption) iter.Seq2[*Group, error] {
	first, err := listRequest(opUserGroups, opts, "userID", userID, "users", userID, "groups")
	if err != nil {
		return paging.Err[*Group](err)
	}
	return walk(ctx, s.c, first, s.c.Groups.fetchGroups, callOpts)
}

// userPage is one page of a user list.
type userPage struct {
	Users   []*User `json:"users"`
	NextURL string  `json:"nextUrl"`
}

func (s *UsersService) fetchUsers(ctx context.Context, r *transport.Request, opts []CallOption) ([]*User, string, error) {
	var p userPage
	if _, err := s.c.tc.Do(ctx, r, &p, opts...); err != nil {
		return nil, "", err
	}
	return p.Users, p.NextURL, nil
}
