package reach360

import (
	"context"
	"encoding/json"
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
	// RoleManager is the role of Reach 360 managers, who manage the groups
	// assigned to them. The Users API article lists only the other four
	// roles; the value is inferred from the role's name in the Reach 360
	// user guide and the users' managingGroupsUrl [inferred].
	RoleManager = "manager"
)

// User is a person in the Reach 360 account.
type User struct {
	ID        string `json:"id"`
	Email     string `json:"email"`
	FirstName string `json:"firstName"`
	LastName  string `json:"lastName"`
	// Role is one of RoleLearner, RoleAuthor, RoleReporter, RoleAdmin (or
	// RoleManager).
	Role string `json:"role"`
	// LastActiveAt is the user's last activity; zero if the API sent none,
	// or sent something that is not an RFC 3339 time (LastActiveAtRaw then
	// holds it).
	LastActiveAt time.Time `json:"lastActiveAt"`
	// LastActiveAtRaw is lastActiveAt as the API sent it, "" when absent
	// or null. One user's unreadable time must not fail a whole page, so
	// it is kept here instead of failing the decode.
	LastActiveAtRaw string `json:"-"`
	// URL is the user's API address; GroupsURL lists the user's groups.
	URL              string `json:"url"`
	GroupsURL        string `json:"groupsUrl"`
	LearnerReportURL string `json:"learnerReportUrl"`
	FavoritesURL     string `json:"favoritesUrl"`
	// ReportingGroupsURL lists the groups a reporter reports on, and
	// ManagingGroupsURL the groups a manager manages; each is "" (null in
	// the API) for users without that role. Source: the user objects of
	// the Reporters and Reporting Groups API article.
	ReportingGroupsURL string `json:"reportingGroupsUrl"`
	ManagingGroupsURL  string `json:"managingGroupsUrl"`
	// Articulate360User reports whether the user is managed in Articulate 360.
	Articulate360User bool `json:"articulate360User"`
}

// UnmarshalJSON decodes a user, reading an empty, null or unreadable
// lastActiveAt (a string that is no RFC 3339 time, or not a string at all)
// as the zero time rather than failing the whole page; the text sent is
// kept in LastActiveAtRaw.
func (u *User) UnmarshalJSON(b []byte) error {
	type plain User
	var w struct {
		*plain
		LastActiveAt json.RawMessage `json:"lastActiveAt"`
	}
	w.plain = (*plain)(u)
	u.LastActiveAt, u.LastActiveAtRaw = time.Time{}, ""
	if err := transport.DecodeJSON(b, &w); err != nil {
		return err
	}
	raw := string(w.LastActiveAt)
	if raw == "" || raw == "null" {
		return nil
	}
	if err := transport.DecodeJSON(w.LastActiveAt, &u.LastActiveAtRaw); err != nil {
		u.LastActiveAtRaw = raw
		return nil
	}
	if t, err := time.Parse(time.RFC3339Nano, u.LastActiveAtRaw); err == nil {
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
	// PageToken resumes the list at the page a previous UserPage's
	// NextPageToken named; "" starts at the first page. The token carries
	// the page size and the filter, so Limit and Email are not sent with it.
	PageToken string `url:"-"`
}

// UsersService is the Users API, and the groups a user belongs to,
// reports on or manages: c.Users.
type UsersService struct{ c *Client }

var (
	opListUsers       = &transport.Operation{Name: "users.list", Method: http.MethodGet, Idempotent: true}
	opGetUser         = &transport.Operation{Name: "users.get", Method: http.MethodGet, Idempotent: true}
	opDeleteUser      = &transport.Operation{Name: "users.delete", Method: http.MethodDelete, Idempotent: true, AlreadyDone: userGone}
	opUserGroups      = &transport.Operation{Name: "users.groups", Method: http.MethodGet, Idempotent: true}
	opReportingGroups = &transport.Operation{Name: "users.reportingGroups", Method: http.MethodGet, Idempotent: true}
	opManagingGroups  = &transport.Operation{Name: "users.managingGroups", Method: http.MethodGet, Idempotent: true}
)

// List returns every user, fetching pages as the loop needs them; opts may
// be nil. Breaking out of the loop sends no further requests.
func (s *UsersService) List(ctx context.Context, opts *ListUsersOptions, callOpts ...CallOption) iter.Seq2[*User, error] {
	p, token, err := s.list(opts)
	if err != nil {
		return paging.Err[*User](err)
	}
	return p.seq(ctx, token, callOpts)
}

// ListPage returns one page of the user list: the first, or the one
// opts.PageToken names. opts may be nil. Follow it with UserPage.NextPage.
func (s *UsersService) ListPage(ctx context.Context, opts *ListUsersOptions, callOpts ...CallOption) (*UserPage, error) {
	p, token, err := s.list(opts)
	if err != nil {
		return nil, err
	}
	return userPage(ctx, p, token, callOpts)
}

func (s *UsersService) list(opts *ListUsersOptions) (pages[*User], string, error) {
	if opts == nil {
		opts = &ListUsersOptions{}
	}
	return listPages(s.c, check(opListUsers), &transport.Request{Op: opListUsers, Path: []string{"users"}, Query: *opts},
		opts.Limit, opts.PageToken, (*wirePage).users)
}

// Get returns the user with id userID; a missing one fails with
// ErrUserNotFound (and ErrNotFound).
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
// with ErrUserNotFound, unless it is a retry finding the user already
// removed (user_not_found, not just any 404) by an attempt whose answer
// was lost.
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
	p, token, err := s.groups(userID, opts)
	if err != nil {
		return paging.Err[*Group](err)
	}
	return p.seq(ctx, token, callOpts)
}

// GroupsPage returns one page of the groups a user belongs to: the first,
// or the one opts.PageToken names. Follow it with GroupPage.NextPage.
func (s *UsersService) GroupsPage(ctx context.Context, userID string, opts *ListOptions, callOpts ...CallOption) (*GroupPage, error) {
	p, token, err := s.groups(userID, opts)
	if err != nil {
		return nil, err
	}
	return groupPage(ctx, p, token, callOpts)
}

func (s *UsersService) groups(userID string, opts *ListOptions) (pages[*Group], string, error) {
	return subList(s.c, opUserGroups, opts, "userID", userID, (*wirePage).groups, "users", userID, "groups")
}

// ReportingGroups returns the groups a reporter reports on, fetching pages
// as the loop needs them; opts may be nil. A missing user yields
// ErrUserNotFound, a user who is not a reporter ErrInvalidUserRole.
//
// Source: the Reporters and Reporting Groups API article,
// GET /users/{userId}/reporting-groups.
func (s *UsersService) ReportingGroups(ctx context.Context, userID string, opts *ListOptions, callOpts ...CallOption) iter.Seq2[*Group, error] {
	p, token, err := s.reportingGroups(userID, opts)
	if err != nil {
		return paging.Err[*Group](err)
	}
	return p.seq(ctx, token, callOpts)
}

// ReportingGroupsPage returns one page of the groups a reporter reports
// on: the first, or the one opts.PageToken names. Follow it with
// GroupPage.NextPage.
func (s *UsersService) ReportingGroupsPage(ctx context.Context, userID string, opts *ListOptions, callOpts ...CallOption) (*GroupPage, error) {
	p, token, err := s.reportingGroups(userID, opts)
	if err != nil {
		return nil, err
	}
	return groupPage(ctx, p, token, callOpts)
}

func (s *UsersService) reportingGroups(userID string, opts *ListOptions) (pages[*Group], string, error) {
	return subList(s.c, opReportingGroups, opts, "userID", userID, (*wirePage).groups, "users", userID, "reporting-groups")
}

// ManagingGroups returns the groups a manager manages, fetching pages as
// the loop needs them; opts may be nil. A missing user yields
// ErrUserNotFound.
//
// The path, /users/{userId}/managing-groups, is the one a user's
// managingGroupsUrl names by the pattern of reportingGroupsUrl; no article
// documents the endpoint, and its answer is read like the reporting-groups
// list [inferred].
func (s *UsersService) ManagingGroups(ctx context.Context, userID string, opts *ListOptions, callOpts ...CallOption) iter.Seq2[*Group, error] {
	p, token, err := s.managingGroups(userID, opts)
	if err != nil {
		return paging.Err[*Group](err)
	}
	return p.seq(ctx, token, callOpts)
}

// ManagingGroupsPage returns one page of the groups a manager manages: the
// first, or the one opts.PageToken names. Follow it with GroupPage.NextPage.
func (s *UsersService) ManagingGroupsPage(ctx context.Context, userID string, opts *ListOptions, callOpts ...CallOption) (*GroupPage, error) {
	p, token, err := s.managingGroups(userID, opts)
	if err != nil {
		return nil, err
	}
	return groupPage(ctx, p, token, callOpts)
}

func (s *UsersService) managingGroups(userID string, opts *ListOptions) (pages[*Group], string, error) {
	return subList(s.c, opManagingGroups, opts, "userID", userID, (*wirePage).groups, "users", userID, "managing-groups")
}
