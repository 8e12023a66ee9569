package voltmx

import (
	"context"
	"iter"
	"net/http"
	"strconv"
	"strings"
	"unicode"

	"github.com/grantkit/grantkit-go/internal/paging"
	"github.com/grantkit/grantkit-go/internal/transport"
	"github.com/grantkit/grantkit-go/internal/validate"
)

// The users pages of the API guide's "REST API User" section: Create User
// (POST /users), Get User Details by ID (GET /users/{id}), Get All Users
// (GET /users?start=&pageSize=), Modify User (POST /users/{id}/modify) and
// Delete User (POST /users/{id}/delete), e.g.
// https://opensource.hcltechsw.com/volt-mx-docs/docs/documentation/Foundry/engagement_api_guide/Content/REST_API_User/Create_User.html
var (
	opUsersCreate = &transport.Operation{Name: "users.create", Method: http.MethodPost}
	opUsersList   = &transport.Operation{Name: "users.list", Method: http.MethodGet, Idempotent: true}
	opUsersGet    = &transport.Operation{Name: "users.get", Method: http.MethodGet, Idempotent: true}
	// Modify and delete are POSTs, but replaying them leaves the user as
	// one call would: they may be retried like reads.
	opUsersUpdate = &transport.Operation{Name: "users.update", Method: http.MethodPost, Idempotent: true}
	opUsersDelete = &transport.Operation{Name: "users.delete", Method: http.MethodPost, Idempotent: true,
		AlreadyDone: func(err error) bool { return documentedGone(err, ErrUserNotFound) }}
)

// UsersService manages the users of the Engagement Services console.
type UsersService struct {
	c    *Client
	list *lister[*User]
}

// User is an Engagement Services (console) user.
type User struct {
	ID          int64  `json:"id"`
	UserName    string `json:"userName"`
	DisplayName string `json:"displayName"`
	Email       string `json:"email"`
	MobileNo    string `json:"mobileNo"`
	// Active is the user's activeFlag. An active user cannot be deleted.
	Active bool `json:"activeFlag"`
	// PermissionIDs are the permissions given to the user directly, besides
	// those of its groups.
	PermissionIDs []int64 `json:"selectedPermissionIds"`
	GroupIDs      []int64 `json:"selectedGroupIds"`
	// AllowAllApps grants the user's app permissions on every app.
	AllowAllApps bool `json:"allowAllApps"`
	// AppIDs are the apps the user's app permissions apply to. Get User
	// Details types selectedAppIds "string" where groups send an array:
	// both decode, a string as a comma-separated list [inferred].
	AppIDs      []string `json:"selectedAppIds"`
	CreatedBy   string   `json:"createdBy"`
	CreatedDate Date     `json:"createdDate"`
	// LastModifiedBy and LastModifiedDate are empty until the first modify.
	LastModifiedBy   string `json:"lastModifiedBy"`
	LastModifiedDate Date   `json:"lastModifiedDate"`
}

// UnmarshalJSON accepts ids as numbers or strings and booleans as true or
// "true", as the server sends them.
func (u *User) UnmarshalJSON(b []byte) error {
	var w struct {
		ID               flexInt     `json:"id"`
		UserName         flexString  `json:"userName"`
		DisplayName      flexString  `json:"displayName"`
		Email            flexString  `json:"email"`
		MobileNo         flexString  `json:"mobileNo"`
		ActiveFlag       flexBool    `json:"activeFlag"`
		PermissionIDs    flexInts    `json:"selectedPermissionIds"`
		GroupIDs         flexInts    `json:"selectedGroupIds"`
		AllowAllApps     flexBool    `json:"allowAllApps"`
		AppIDs           flexStrings `json:"selectedAppIds"`
		CreatedBy        flexString  `json:"createdBy"`
		CreatedDate      Date        `json:"createdDate"`
		LastModifiedBy   flexString  `json:"lastModifiedBy"`
		LastModifiedDate Date        `json:"lastModifiedDate"`
	}
	if err := transport.DecodeJSON(b, &w); err != nil {
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
		AllowAllApps:     bool(w.AllowAllApps),
		AppIDs:           w.AppIDs.strings(),
		CreatedBy:        string(w.CreatedBy),
		CreatedDate:      w.CreatedDate,
		LastModifiedBy:   string(w.LastModifiedBy),
		LastModifiedDate: w.LastModifiedDate,
	}
	return nil
}

func (u *User) listID() int64 { return u.ID }

func (u *User) resolveDates(c *Client) {
	u.CreatedDate.resolve(c.location)
	u.LastModifiedDate.resolve(c.location)
}

// UpdateParams returns the user's current state as modify parameters, for
// a read-modify-write: the server replaces every field on modify. The
// password cannot be read back, and Modify User requires one: set Password
// before calling Update.
func (u *User) UpdateParams() *UpdateUserParams {
	active := u.Active
	return &UpdateUserParams{
		UserName:      u.UserName,
		Email:         u.Email,
		DisplayName:   u.DisplayName,
		Active:        &active,
		MobileNo:      u.MobileNo,
		PermissionIDs: append([]int64{}, u.PermissionIDs...),
		GroupIDs:      append([]int64{}, u.GroupIDs...),
	}
}

// CreateUserParams describes a new console user: the fields of the Create
// User page (the v10 page adds the four subscriptions). The JSON names are
// the API's. Printed (fmt, slog) or marshalled with encoding/json, it shows
// Password as [REDACTED]; only the request carries it.
type CreateUserParams struct {
	// UserName is required, unique, and cannot be changed later.
	UserName string `json:"userName"`
	// Email is required and unique.
	Email string `json:"email"`
	// Password is required and must not contain white space (the page:
	// "alphanumeric (no spaces)"; its own sample "VoltMX@123" shows that
	// other printable characters are allowed).
	Password string `json:"password"`
	// DisplayName is required.
	DisplayName string `json:"displayName"`
	// Active sets activeFlag; nil leaves it to the server.
	Active *bool `json:"activeFlag,omitempty"`
	// MobileNo is the mobile number, e.g. "+911235551234" (the page types
	// it long, its sample sends a string with a "+").
	MobileNo string `json:"mobileNo,omitempty"`
	// PermissionIDs are required and must not be empty; see
	// PermissionsService.Resolve to turn names into ids.
	PermissionIDs []int64 `json:"selectedPermissionIds"`
	// GroupIDs are the groups the user joins.
	GroupIDs []int64 `json:"selectedGroupIds,omitempty"`
	// AllowAllApps grants the user's app permissions on every app.
	AllowAllApps bool `json:"allowAllApps,omitempty"`
	// AppIDs are the apps the user's app permissions apply to.
	AppIDs []string `json:"selectedAppIds,omitempty"`
	// The notification subscriptions of the v10 page; nil leaves each to
	// the server.
	EmailSubscription    *bool `json:"emailSubscription,omitempty"`
	SMSSubscription      *bool `json:"smsSubscription,omitempty"`
	VoiceSubscription    *bool `json:"voiceSubscription,omitempty"`
	WhatsAppSubscription *bool `json:"whatsappSubscription,omitempty"`
}

// UpdateUserParams is the new state of a user: the fields of the Modify User
// page. Modify replaces the user's state, so every field is sent (nil
// GroupIDs as []: no groups); User.UpdateParams gives the current state to
// start from. Printed or marshalled, it shows Password as [REDACTED].
type UpdateUserParams struct {
	// UserName is required and must be the user's current name: the server
	// refuses a change (ErrUserNameChanged).
	UserName string `json:"userName"`
	// Email is required.
	Email string `json:"email"`
	// Password is required by Modify User, and must not contain white
	// space.
	Password string `json:"password"`
	// DisplayName is required.
	DisplayName string `json:"displayName"`
	// Active sets activeFlag; nil leaves it to the server.
	Active   *bool  `json:"activeFlag,omitempty"`
	MobileNo string `json:"mobileNo"`
	// PermissionIDs are required and must not be empty.
	PermissionIDs []int64 `json:"selectedPermissionIds"`
	GroupIDs      []int64 `json:"selectedGroupIds"`
}

// userFields are the fields both user bodies require.
type userFields struct {
	userName, email, password, displayName string
	permissionIDs, groupIDs                []int64
}

func (f userFields) check(v *validate.Checker) *validate.Checker {
	v.NotEmpty("UserName", f.userName).
		NotEmpty("Email", f.email).
		NotEmpty("Password", f.password).
		Check(!strings.ContainsFunc(f.password, unicode.IsSpace), "Password", "must not contain white space").
		NotEmpty("DisplayName", f.displayName).
		Check(len(f.permissionIDs) > 0, "PermissionIDs", "must not be empty")
	for i, id := range f.permissionIDs {
		v.Positive("PermissionIDs["+strconv.Itoa(i)+"]", id)
	}
	for i, id := range f.groupIDs {
		v.Positive("GroupIDs["+strconv.Itoa(i)+"]", id)
	}
	return v
}

func (p *CreateUserParams) check(v *validate.Checker) *validate.Checker {
	userFields{p.UserName, p.Email, p.Password, p.DisplayName, p.PermissionIDs, p.GroupIDs}.check(v)
	for i, id := range p.AppIDs {
		v.NotEmpty("AppIDs["+strconv.Itoa(i)+"]", id)
	}
	return v
}

func (p *UpdateUserParams) check(v *validate.Checker) *validate.Checker {
	return userFields{p.UserName, p.Email, p.Password, p.DisplayName, p.PermissionIDs, p.GroupIDs}.check(v)
}

// Create creates a console user and returns its id. The server answers
// ErrUserExists when the user name or email is taken.
//
// A create is not retried once it may have reached the server, so a failed
// call never creates the user twice. When the server answers 200 with an
// id that is not a number, the user exists: the error quotes that id.
func (s *UsersService) Create(ctx context.Context, p *CreateUserParams, opts ...CallOption) (int64, error) {
	v := validate.New(ErrInvalidParams, vendor, opUsersCreate.Name)
	if p == nil {
		return 0, v.Check(false, "params", "must not be nil").Err()
	}
	if err := p.check(v).Err(); err != nil {
		return 0, err
	}
	var out writeResult
	req := &transport.Request{Op: opUsersCreate, Path: usersPath(), Body: p.wire(), Secrets: []string{p.Password}}
	resp, err := s.c.tc.Do(ctx, req, &out, opts...)
	if err != nil {
		return 0, err
	}
	return createdID(resp, &out, "user")
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

// Update replaces the user's state with p (the API's "modify"). The server
// answers ErrUserNotFound for a missing user, ErrUserNameChanged when
// p.UserName is not the user's name, ErrEmailRequired and
// ErrDisplayNameRequired. Update is retried after a lost answer or a 5xx:
// replaying it leaves the user as one call would.
func (s *UsersService) Update(ctx context.Context, id int64, p *UpdateUserParams, opts ...CallOption) error {
	v := validate.New(ErrInvalidParams, vendor, opUsersUpdate.Name).Positive("id", id)
	if p == nil {
		return v.Check(false, "params", "must not be nil").Err()
	}
	if err := p.check(v).Err(); err != nil {
		return err
	}
	req := &transport.Request{Op: opUsersUpdate, Path: usersPath(itoa(id), "modify"), Body: p.wire(), Secrets: []string{p.Password}}
	_, err := s.c.tc.Do(ctx, req, nil, opts...)
	return err
}

// Delete deletes the user. The server refuses to delete an active user
// (ErrActiveUserDelete): deactivate it with Update first.
//
// Delete is retried after a lost answer or a 5xx. When a retry gets the
// server's documented answer for a missing user (the 400 "Invalid user ID
// provided or no user found with provided ID"), Delete reports success: the
// user no longer exists. Only a first attempt that finds no user returns
// ErrUserNotFound; a 404 (a wrong context path, a proxy) is never taken for
// that answer and fails with ErrNotFound.
func (s *UsersService) Delete(ctx context.Context, id int64, opts ...CallOption) error {
	if err := validate.New(ErrInvalidParams, vendor, opUsersDelete.Name).Positive("id", id).Err(); err != nil {
		return err
	}
	_, err := s.c.tc.Do(ctx, &transport.Request{Op: opUsersDelete, Path: usersPath(itoa(id), "delete"), Body: emptyObject}, nil, opts...)
	return err
}

// UserPage is one page of users.
type UserPage struct {
	// Total is how many users the server has, -1 if it did not say.
	Total int
	Users []*User
	// Next is the start of the following page, 0 when this page is the last.
	Next int
	// NextPageToken resumes the listing after this page (ListOptions.PageToken);
	// "" on the last page.
	NextPageToken string

	more func(ctx context.Context, opts []CallOption) (*UserPage, error)
}

// NextPage fetches the page after p, with the same page size; after the
// last page it returns ErrNoMorePages. See GroupPage.NextPage.
func (p *UserPage) NextPage(ctx context.Context, opts ...CallOption) (*UserPage, error) {
	if p == nil {
		return nil, nilPage(opUsersList)
	}
	if err := pageEnded(opUsersList, p.NextPageToken, p.more != nil); err != nil {
		return nil, err
	}
	return p.more(ctx, opts)
}

// List walks every user, fetching pages lazily: breaking out of the loop
// sends no further request. An error is yielded once and ends the walk.
// opts.PageToken, when set, starts the walk at that page.
func (s *UsersService) List(ctx context.Context, opts *ListOptions, callOpts ...CallOption) iter.Seq2[*User, error] {
	size, start, err := opts.walkStart(opUsersList.Name, 0)
	if err != nil {
		return paging.Err[*User](err)
	}
	return s.list.all(ctx, start, size, callOpts)
}

// ListPage returns the page of users that starts at start (0 for the
// first), or at opts.PageToken, for callers who page by hand; follow it
// with NextPage.
func (s *UsersService) ListPage(ctx context.Context, start int, opts *ListOptions, callOpts ...CallOption) (*UserPage, error) {
	size, from, err := opts.walkStart(opUsersList.Name, start)
	if err != nil {
		return nil, err
	}
	return s.page(ctx, offsetCursor{start: from}, size, callOpts)
}

func (s *UsersService) page(ctx context.Context, cur offsetCursor, size int, callOpts []CallOption) (*UserPage, error) {
	p, err := s.list.fetch(ctx, cur, size, callOpts)
	if err != nil {
		return nil, err
	}
	up := &UserPage{Total: p.total, Users: p.items, Next: p.next.start, NextPageToken: pageToken(p.next.start)}
	if p.next.start != 0 {
		up.more = func(ctx context.Context, opts []CallOption) (*UserPage, error) {
			return s.page(ctx, p.next, size, opts)
		}
	}
	return up, nil
}

func usersPath(more ...string) []string {
	return append([]string{"api", "v1", "accessmgmt", "users"}, more...)
}
