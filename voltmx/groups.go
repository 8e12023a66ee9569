package voltmx

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"strconv"
	"strings"

	"github.com/grantkit/grantkit-go/internal/paging"
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
		AlreadyDone: func(err error) bool { return documentedGone(err, ErrGroupNotFound) }}
)

// emptyObject is the body of the deletes. The Delete Group and Delete User
// pages give the request "Content-Type as application/json;charset=UTF-8"
// and no body fields (the id is in the path). A zero-byte body is not a
// JSON text, so a server that reads the declared entity would fail on it;
// {} is the smallest body that is what the header says, and carries
// nothing [inferred: the pages show no sample request].
var emptyObject = []byte("{}")

// GroupsService manages groups: collections of users that share permissions.
type GroupsService struct {
	c    *Client
	list *lister[*Group]
}

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
	if err := transport.DecodeJSON(b, &w); err != nil {
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

func (g *Group) listID() int64 { return g.ID }

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
	// AppIDs are the apps the group's app permissions apply to. The API
	// requires the field, so nil and empty both go as [] (no app
	// permissions); an empty or blank id in it is rejected (ErrInvalidParams)
	// rather than sent. The server accepts AppIDs and AllowAllApps only for a
	// group that has the ADHOC_PUSH permission and answers
	// ErrAdhocPushRequired otherwise (the client cannot check this without
	// knowing which id is ADHOC_PUSH).
	AppIDs []string `json:"selectedAppIds"`
}

// body is p as sent: the required selectedAppIds goes as [] when nil.
func (p *CreateGroupParams) body() *CreateGroupParams {
	if p.AppIDs != nil {
		return p
	}
	b := *p
	b.AppIDs = []string{}
	return &b
}

// UpdateGroupParams is the new state of a group. Modify replaces the whole
// group, so every field is sent as for a create; Group.UpdateParams gives the
// current state to start from.
type UpdateGroupParams CreateGroupParams

func (p *CreateGroupParams) check(v *validate.Checker) *validate.Checker {
	v.NotEmpty("GroupName", p.GroupName).
		NotEmpty("Email", p.Email).
		Check(len(p.PermissionIDs) > 0, "PermissionIDs", "must not be empty")
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

// writeResult is the answer of a create, modify or delete:
// {"id":"3","message":"Details added successfully"}.
type writeResult struct {
	ID      flexString `json:"id"`
	Message flexString `json:"message"`
}

// createdID reads the id a create answered. The pages show it as a
// numeric string ("3"); an answer without one, or with one that is not a
// number, is an error that quotes what the server sent, so the caller can
// look up what was created (by name) instead of creating it again.
func createdID(resp *transport.Response, out *writeResult, what string) (int64, error) {
	raw := strings.TrimSpace(string(out.ID))
	if raw == "" {
		return 0, malformed(resp, fmt.Errorf("%w: the %s was created, but the answer has no %s id", transport.ErrMalformedResponse, what, what))
	}
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		return 0, malformed(resp, fmt.Errorf("%w: the %s was created, but its id %s in the answer is not a number",
			transport.ErrMalformedResponse, what, quoteID(raw)))
	}
	return id, nil
}

// Create creates a group and returns its id.
//
// A create is not retried once it may have reached the server, so a failed
// call never creates the group twice. When the server answers 200 with an
// id that is not a number, the group exists: the error quotes that id.
func (s *GroupsService) Create(ctx context.Context, p *CreateGroupParams, opts ...CallOption) (int64, error) {
	v := validate.New(ErrInvalidParams, vendor, opGroupsCreate.Name)
	if p == nil {
		return 0, v.Check(false, "params", "must not be nil").Err()
	}
	if err := p.check(v).Err(); err != nil {
		return 0, err
	}
	var out writeResult
	resp, err := s.c.tc.Do(ctx, &transport.Request{Op: opGroupsCreate, Path: groupsPath(), Body: p.body()}, &out, opts...)
	if err != nil {
		return 0, err
	}
	return createdID(resp, &out, "group")
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
	req := &transport.Request{Op: opGroupsUpdate, Path: []string{"api", "v1", "accessmgmt", "group", itoa(id), "modify"},
		Body: (*CreateGroupParams)(p).body()}
	_, err := s.c.tc.Do(ctx, req, nil, opts...)
	return err
}

// Delete deletes the group. The server refuses to delete an active group
// (ErrActiveGroupDelete): deactivate it with Update first.
//
// Delete is retried after a lost answer or a 5xx. When a retry gets the
// server's documented answer for a missing group (the 400 "Invalid Group ID
// provided or No Group found with given ID"), Delete reports success: most
// likely the earlier attempt deleted it, and either way the group no longer
// exists. Only a first attempt that finds no group returns
// ErrGroupNotFound. A 404 is never taken for that answer: it is what a wrong
// context path or a proxy sends, and fails with ErrNotFound.
func (s *GroupsService) Delete(ctx context.Context, id int64, opts ...CallOption) error {
	if err := validate.New(ErrInvalidParams, vendor, opGroupsDelete.Name).Positive("id", id).Err(); err != nil {
		return err
	}
	_, err := s.c.tc.Do(ctx, &transport.Request{Op: opGroupsDelete, Path: groupsPath(itoa(id), "delete"), Body: emptyObject}, nil, opts...)
	return err
}

// GroupPage is one page of groups.
type GroupPage struct {
	// Total is how many groups the server has, -1 if it did not say.
	Total  int
	Groups []*Group
	// Next is the start of the following page, 0 when this page is the last.
	Next int
	// NextPageToken resumes the listing after this page (ListOptions.PageToken);
	// "" on the last page.
	NextPageToken string

	more func(ctx context.Context, opts []CallOption) (*GroupPage, error)
}

// NextPage fetches the page after p, with the same page size; after the
// last page it returns ErrNoMorePages:
//
//	page, err := c.Groups.ListPage(ctx, 0, nil)
//	for ; err == nil; page, err = page.NextPage(ctx) {
//		use(page.Groups)
//	}
//	if !errors.Is(err, voltmx.ErrNoMorePages) {
//		return err
//	}
//
// It is NextPage rather than Next because Next is the page's start field.
func (p *GroupPage) NextPage(ctx context.Context, opts ...CallOption) (*GroupPage, error) {
	if p == nil {
		return nil, nilPage(opGroupsList)
	}
	if err := pageEnded(opGroupsList, p.NextPageToken, p.more != nil); err != nil {
		return nil, err
	}
	return p.more(ctx, opts)
}

// List walks every group, fetching pages lazily: breaking out of the loop
// sends no further request. An error is yielded once and ends the walk.
// opts.PageToken, when set, starts the walk at that page.
func (s *GroupsService) List(ctx context.Context, opts *ListOptions, callOpts ...CallOption) iter.Seq2[*Group, error] {
	size, start, err := opts.walkStart(opGroupsList.Name, 0)
	if err != nil {
		return paging.Err[*Group](err)
	}
	return s.list.all(ctx, start, size, callOpts)
}

// ListPage returns the page of groups that starts at start (0 for the
// first), or at opts.PageToken, for callers who page by hand; follow it
// with NextPage.
func (s *GroupsService) ListPage(ctx context.Context, start int, opts *ListOptions, callOpts ...CallOption) (*GroupPage, error) {
	size, from, err := opts.walkStart(opGroupsList.Name, start)
	if err != nil {
		return nil, err
	}
	return s.page(ctx, offsetCursor{start: from}, size, callOpts)
}

func (s *GroupsService) page(ctx context.Context, cur offsetCursor, size int, callOpts []CallOption) (*GroupPage, error) {
	p, err := s.list.fetch(ctx, cur, size, callOpts)
	if err != nil {
		return nil, err
	}
	gp := &GroupPage{Total: p.total, Groups: p.items, Next: p.next.start, NextPageToken: pageToken(p.next.start)}
	if p.next.start != 0 {
		gp.more = func(ctx context.Context, opts []CallOption) (*GroupPage, error) {
			return s.page(ctx, p.next, size, opts)
		}
	}
	return gp, nil
}

func groupsPath(more ...string) []string {
	return append([]string{"api", "v1", "accessmgmt", "groups"}, more...)
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }
