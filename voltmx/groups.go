package voltmx

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"strconv"

	"github.com/grantkit/grantkit-go/internal/transport"
	"github.com/grantkit/grantkit-go/internal/validate"
)

var (
	opGroupsCreate = &transport.Operation{Name: "groups.create", Method: http.MethodPost}
	opGroupsGet    = &transport.Operation{Name: "groups.get", Method: http.MethodGet, Idempotent: true}
	opGroupsList   = &transport.Operation{Name: "groups.list", Method: http.MethodGet, Idempotent: true}
	// Modify and delete are POSTs, but replaying them leaves the group as
	// one call would: they may be retried like reads.
	opGroupsUpdate = &transport.Operation{Name: "groups.update", Method: http.MethodPost, Idempotent: true}
	opGroupsDelete = &transport.Operation{Name: "groups.delete", Method: http.MethodPost, Idempotent: true,
		AlreadyDone: func(err error) bool { return errors.Is(err, ErrGroupNotFound) }}
)

// GroupsService manages groups: collections of users that share permissions.
type GroupsService struct{ c *Client }

// Group is an Engagement Services group.
type Group struct {
	ID               int64  `json:"id"`
	GroupName        string `json:"groupName"`
	Email            string `json:"email"`
	GroupDescription string `json:"groupDescription"`
	// Active is the group's activeFlag. An active group cannot be deleted.
	Active bool `json:"activeFlag"`
	// AllowAllApps grants the group's app permissions on every app.
	AllowAllApps  bool     `json:"allowAllApps"`
	UserIDs       []int64  `json:"selectedUserIds"`
	PermissionIDs []int64  `json:"selectedPermissionIds"`
	AppIDs        []string `json:"selectedAppIds"`
	CreatedBy     string   `json:"createdBy"`
	CreatedDate   Date     `json:"createdDate"`
	// LastModifiedBy and LastModifiedDate are empty until the first modify.
	LastModifiedBy   string `json:"lastModifiedBy"`
	LastModifiedDate Date   `json:"lastModifiedDate"`
}

// UnmarshalJSON accepts ids as numbers or strings and booleans as true or
// "true", as the server sends them.
func (g *Group) UnmarshalJSON(b []byte) error {
	var w struct {
		ID               flexInt     `json:"id"`
		GroupName        flexString  `json:"groupName"`
		Email            flexString  `json:"email"`
		GroupDescription flexString  `json:"groupDescription"`
		ActiveFlag       flexBool    `json:"activeFlag"`
		AllowAllApps     flexBool    `json:"allowAllApps"`
		UserIDs          flexInts    `json:"selectedUserIds"`
		PermissionIDs    flexInts    `json:"selectedPermissionIds"`
		AppIDs           flexStrings `json:"selectedAppIds"`
		CreatedBy        flexString  `json:"createdBy"`
		CreatedDate      Date        `json:"createdDate"`
		LastModifiedBy   flexString  `json:"lastModifiedBy"`
		LastModifiedDate Date        `json:"lastModifiedDate"`
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*g = Group{
		ID:               int64(w.ID),
		GroupName:        string(w.GroupName),
		Email:            string(w.Email),
		GroupDescription: string(w.GroupDescription),
		Active:           bool(w.ActiveFlag),
		AllowAllApps:     bool(w.AllowAllApps),
		UserIDs:          w.UserIDs.int64s(),
		PermissionIDs:    w.PermissionIDs.int64s(),
		AppIDs:           w.AppIDs.strings(),
		CreatedBy:        string(w.CreatedBy),
		CreatedDate:      w.CreatedDate,
		LastModifiedBy:   string(w.LastModifiedBy),
		LastModifiedDate: w.LastModifiedDate,
	}
	return nil
}

func (g *Group) resolveDates(c *Client) {
	g.CreatedDate.resolve(c.location)
	g.LastModifiedDate.resolve(c.location)
}

// UpdateParams returns the group's current state as modify parameters, for a
// read-modify-write: the server replaces every field on modify.
func (g *Group) UpdateParams() *UpdateGroupParams {
	active := g.Active
	return &UpdateGroupParams{
		GroupName:        g.GroupName,
		Email:            g.Email,
		GroupDescription: g.GroupDescription,
		Active:           &active,
		UserIDs:          append([]int64{}, g.UserIDs...),
		PermissionIDs:    append([]int64{}, g.PermissionIDs...),
		AllowAllApps:     g.AllowAllApps,
		AppIDs:           append([]string{}, g.AppIDs...),
	}
}

// CreateGroupParams describes a new group. The JSON names are the API's.
type CreateGroupParams struct {
	// GroupName is required and unique on the server.
	GroupName string `json:"groupName"`
	// Email is required.
	Email            string `json:"email"`
	GroupDescription string `json:"groupDescription,omitempty"`
	// Active sets activeFlag; nil leaves it to the server (inactive).
	Active *bool `json:"activeFlag,omitempty"`
	// UserIDs are the group's members; nil sends none.
	UserIDs []int64 `json:"selectedUserIds,omitzero"`
	// PermissionIDs are required and must not be empty; see
	// PermissionsService.Resolve to turn names into ids.
	PermissionIDs []int64 `json:"selectedPermissionIds"`
	// AllowAllApps grants the app permissions on every app.
	AllowAllApps bool `json:"allowAllApps"`
	// AppIDs is required by the API, but may be empty: use []string{} for a
	// group without app permissions; an empty or blank id in it is rejected
	// (ErrInvalidParams) rather than sent. The server accepts AppIDs and
	// AllowAllApps only for a group that has the ADHOC_PUSH permission and
	// answers ErrAdhocPushRequired otherwise (the client cannot check this
	// without knowing which id is ADHOC_PUSH).
	AppIDs []string `json:"selectedAppIds"`
}

// UpdateGroupParams is the new state of a group. Modify replaces the whole
// group, so every field is sent as for a create; Group.UpdateParams gives the
// current state to start from.
type UpdateGroupParams CreateGroupParams

func (p *CreateGroupParams) check(v *validate.Checker) *validate.Checker {
	v.NotEmpty("GroupName", p.GroupName).
		NotEmpty("Email", p.Email).
		Check(len(p.PermissionIDs) > 0, "PermissionIDs", "must not be empty").
		Check(p.AppIDs != nil, "AppIDs", "is required (use []string{} for none)")
	for i, id := range p.PermissionIDs {
		v.Positive("PermissionIDs["+strconv.Itoa(i)+"]", id)
	}
	for i, id := range p.UserIDs {
		v.Positive("UserIDs["+strconv.Itoa(i)+"]", id)
	}
	for i, id := range p.AppIDs {
		v.NotEmpty("AppIDs["+strconv.Itoa(i)+"]", id)
	}
	return v
}

type writeResult struct {
	ID      flexInt    `json:"id"`
	Message flexString `json:"message"`
}

// Create creates a group and returns its id.
//
// A create is not retried once it may have reached the server, so a failed
// call never creates the group twice.
func (s *GroupsService) Create(ctx context.Context, p *CreateGroupParams, opts ...CallOption) (int64, error) {
	v := validate.New(ErrInvalidParams, vendor, opGroupsCreate.Name)
	if p == nil {
		return 0, v.Check(false, "params", "must not be nil").Err()
	}
	if err := p.check(v).Err(); err != nil {
		return 0, err
	}
	var out writeResult
	resp, err := s.c.tc.Do(ctx, &transport.Request{Op: opGroupsCreate, Path: groupsPath(), Body: p}, &out, opts...)
	if err != nil {
		return 0, err
	}
	if out.ID <= 0 {
		return 0, &transport.RequestError{Vendor: vendor, Op: resp.Op, Method: resp.Method, Path: resp.Path,
			Attempts: resp.Attempts, StatusCode: resp.StatusCode,
			Err: fmt.Errorf("%w: no group id in the answer", transport.ErrMalformedResponse)}
	}
	return int64(out.ID), nil
}

// Get returns the group with the given id; ErrGroupNotFound if there is none.
func (s *GroupsService) Get(ctx context.Context, id int64, opts ...CallOption) (*Group, error) {
	if err := validate.New(ErrInvalidParams, vendor, opGroupsGet.Name).Positive("id", id).Err(); err != nil {
		return nil, err
	}
	var g Group
	if _, err := s.c.tc.Do(ctx, &transport.Request{Op: opGroupsGet, Path: groupsPath(itoa(id))}, &g, opts...); err != nil {
		return nil, err
	}
	g.resolveDates(s.c)
	return &g, nil
}

// Update replaces the group's state with p (the API's "modify").
func (s *GroupsService) Update(ctx context.Context, id int64, p *UpdateGroupParams, opts ...CallOption) error {
	v := validate.New(ErrInvalidParams, vendor, opGroupsUpdate.Name).Positive("id", id)
	if p == nil {
		return v.Check(false, "params", "must not be nil").Err()
	}
	if err := (*CreateGroupParams)(p).check(v).Err(); err != nil {
		return err
	}
	// The guide writes this one path with a singular "group".
	req := &transport.Request{Op: opGroupsUpdate, Path: []string{"api", "v1", "accessmgmt", "group", itoa(id), "modify"}, Body: p}
	_, err := s.c.tc.Do(ctx, req, nil, opts...)
	return err
}

// Delete deletes the group. The server refuses to delete an active group
// (ErrActiveGroupDelete): deactivate it with Update first.
//
// Delete is retried after a lost answer or a 5xx. When a retry finds the
// group gone, Delete reports success: most likely the earlier attempt deleted
// it, and either way the group no longer exists. Only a first attempt that
// finds no group returns ErrGroupNotFound.
func (s *GroupsService) Delete(ctx context.Context, id int64, opts ...CallOption) error {
	if err := validate.New(ErrInvalidParams, vendor, opGroupsDelete.Name).Positive("id", id).Err(); err != nil {
		return err
	}
	_, err := s.c.tc.Do(ctx, &transport.Request{Op: opGroupsDelete, Path: groupsPath(itoa(id), "delete")}, nil, opts...)
	return err
}

// ListOptions control a list walk.
type ListOptions struct {
	// PageSize is how many items each request asks for: 1 to MaxPageSize,
	// 0 means DefaultPageSize.
	PageSize int
}

// DefaultPageSize and MaxPageSize bound ListOptions.PageSize. The API
// documents no maximum; MaxPageSize keeps one answer a reasonable size.
const (
	DefaultPageSize = 50
	MaxPageSize     = 500
)

func (o *ListOptions) pageSize(op string) (int, error) {
	if o == nil || o.PageSize == 0 {
		return DefaultPageSize, nil
	}
	return o.PageSize, validate.New(ErrInvalidParams, vendor, op).Between("PageSize", o.PageSize, 1, MaxPageSize, true).Err()
}

// GroupPage is one page of groups.
type GroupPage struct {
	// Total is how many groups the server has, -1 if it did not say.
	Total  int
	Groups []*Group
	// Next is the start of the following page, 0 when this page is the last.
	Next int
}

// List walks every group, fetching pages lazily: breaking out of the loop
// sends no further request. An error is yielded once and ends the walk.
func (s *GroupsService) List(ctx context.Context, opts *ListOptions, callOpts ...CallOption) iter.Seq2[*Group, error] {
	return listAll[Group](ctx, s.c, opGroupsList, groupsPath(), opts, callOpts)
}

// ListPage returns the page of groups that starts at start (0 for the
// first), for callers who page by hand.
func (s *GroupsService) ListPage(ctx context.Context, start int, opts *ListOptions, callOpts ...CallOption) (*GroupPage, error) {
	groups, total, next, err := listPage[Group](ctx, s.c, opGroupsList, groupsPath(), start, opts, callOpts)
	if err != nil {
		return nil, err
	}
	return &GroupPage{Total: total, Groups: groups, Next: next}, nil
}

func groupsPath(more ...string) []string {
	return append([]string{"api", "v1", "accessmgmt", "groups"}, more...)
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }
