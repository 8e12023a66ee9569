package reach360

import (
	"context"
	"iter"
	"net/http"

	"github.com/grantkit/grantkit-go/internal/paging"
	"github.com/grantkit/grantkit-go/internal/transport"
	"github.com/grantkit/grantkit-go/internal/validate"
)

// Group is a Reach 360 group of users.
type Group struct {
	// ID identifies the group in the API.
	ID string `json:"id"`
	// Name is unique within the account.
	Name string `json:"name"`
	// URL is the group's API address; MembersURL lists its members.
	URL        string `json:"url"`
	MembersURL string `json:"membersUrl"`
	// ReportersURL and ManagersURL list the group's reporters and managers;
	// older responses leave them empty.
	ReportersURL string `json:"reportersUrl,omitempty"`
	ManagersURL  string `json:"managersUrl,omitempty"`
}

// CreateGroupParams are the fields of a new group.
type CreateGroupParams struct {
	// Name is required and must not be taken by another group.
	Name string `json:"name"`
}

// UpdateGroupParams are a group's new fields.
type UpdateGroupParams struct {
	// Name is required: the group's new name.
	Name string `json:"name"`
}

// ListOptions page a list.
type ListOptions struct {
	// Limit is the page size, 1..100; zero means the API's default of 50.
	Limit int `url:"limit,omitempty"`
}

// ListGroupsOptions page and filter the group list.
type ListGroupsOptions struct {
	// Limit is the page size, 1..100; zero means the API's default of 50.
	Limit int `url:"limit,omitempty"`
	// Name, when set, returns only the group with exactly this name.
	Name string `url:"name,omitempty"`
}

// GroupPage is one page of the group list, for callers who page by hand.
type GroupPage struct {
	Groups []*Group `json:"groups"`
	// NextURL is the server's link to the next page, "" on the last page.
	// Pass the page to GroupsService.NextPage rather than calling it.
	NextURL string `json:"nextUrl"`
}

// GroupsService is the Groups and Group Memberships API: c.Groups.
type GroupsService struct{ c *Client }

var (
	opCreateGroup  = &transport.Operation{Name: "groups.create", Method: http.MethodPost}
	opGetGroup     = &transport.Operation{Name: "groups.get", Method: http.MethodGet, Idempotent: true}
	opUpdateGroup  = &transport.Operation{Name: "groups.update", Method: http.MethodPut, Idempotent: true}
	opDeleteGroup  = &transport.Operation{Name: "groups.delete", Method: http.MethodDelete, Idempotent: true, AlreadyDone: isGone}
	opListGroups   = &transport.Operation{Name: "groups.list", Method: http.MethodGet, Idempotent: true}
	opListMembers  = &transport.Operation{Name: "groups.members", Method: http.MethodGet, Idempotent: true}
	opAddMember    = &transport.Operation{Name: "groups.add_member", Method: http.MethodPut, Idempotent: true}
	opRemoveMember = &transport.Operation{Name: "groups.remove_member", Method: http.MethodDelete, Idempotent: true}
)

func check(op *transport.Operation) *validate.Checker {
	return validate.New(ErrInvalidParams, vendor, op.Name)
}

func checkLimit(c *validate.Checker, limit int) *validate.Checker {
	return c.Between("Limit", limit, 1, 100, true)
}

// Create creates a group. A taken name fails with ErrDuplicateName.
//
// Create is not retried once the request may have reached the server: if
// the connection breaks after sending, the error is returned and the group
// may or may not exist; look it up with List and a Name filter.
func (s *GroupsService) Create(ctx context.Context, p CreateGroupParams, opts ...CallOption) (*Group, error) {
	if err := check(opCreateGroup).NotEmpty("Name", p.Name).Err(); err != nil {
		return nil, err
	}
	var g Group
	if _, err := s.c.tc.Do(ctx, &transport.Request{Op: opCreateGroup, Path: []string{"groups"}, Body: p}, &g, opts...); err != nil {
		return nil, err
	}
	return &g, nil
}

// Get returns the group with id groupID; a missing one fails with
// ErrGroupNotFound.
func (s *GroupsService) Get(ctx context.Context, groupID string, opts ...CallOption) (*Group, error) {
	if err := check(opGetGroup).NotEmpty("groupID", groupID).Err(); err != nil {
		return nil, err
	}
	var g Group
	if _, err := s.c.tc.Do(ctx, &transport.Request{Op: opGetGroup, Path: []string{"groups", groupID}}, &g, opts...); err != nil {
		return nil, err
	}
	return &g, nil
}

// Update renames a group. The built-in "Everyone" group fails with
// ErrReadOnlyGroup, a missing group with ErrGroupNotFound.
func (s *GroupsService) Update(ctx context.Context, groupID string, p UpdateGroupParams, opts ...CallOption) error {
	if err := check(opUpdateGroup).NotEmpty("groupID", groupID).NotEmpty("Name", p.Name).Err(); err != nil {
		return err
	}
	_, err := s.c.tc.Do(ctx, &transport.Request{Op: opUpdateGroup, Path: []string{"groups", groupID}, Body: p}, nil, opts...)
	return err
}

// Delete deletes a group (its members stay users of the account). The
// built-in "Everyone" group fails with ErrReadOnlyGroup, a missing group
// with ErrGroupNotFound. When an attempt's answer is lost and the retry
// finds the group gone, Delete succeeds: the earlier attempt deleted it.
func (s *GroupsService) Delete(ctx context.Context, groupID string, opts ...CallOption) error {
	if err := check(opDeleteGroup).NotEmpty("groupID", groupID).Err(); err != nil {
		return err
	}
	_, err := s.c.tc.Do(ctx, &transport.Request{Op: opDeleteGroup, Path: []string{"groups", groupID}}, nil, opts...)
	return err
}

// List returns every group, fetching pages as the loop needs them; opts may
// be nil. Breaking out of the loop sends no further requests. An error is
// yielded once, with a nil group, and ends the loop.
func (s *GroupsService) List(ctx context.Context, opts *ListGroupsOptions, callOpts ...CallOption) iter.Seq2[*Group, error] {
	first, err := s.firstPage(opts)
	if err != nil {
		return paging.Err[*Group](err)
	}
	return walk(ctx, s.c, first, s.fetchGroups, callOpts)
}

// ListPage returns the first page of the group list; opts may be nil.
// Follow it with NextPage.
func (s *GroupsService) ListPage(ctx context.Context, opts *ListGroupsOptions, callOpts ...CallOption) (*GroupPage, error) {
	first, err := s.firstPage(opts)
	if err != nil {
		return nil, err
	}
	return s.fetchPage(ctx, first, callOpts)
}

// NextPage returns the page after page, following its NextURL. After the
// last page (NextURL == "") it returns a nil page and ErrNoMorePages, so a
// loop can run until errors.Is(err, ErrNoMorePages):
//
//	page, err := c.Groups.ListPage(ctx, nil)
//	for ; err == nil; page, err = c.Groups.NextPage(ctx, page) {
//		use(page.Groups)
//	}
//	if !errors.Is(err, reach360.ErrNoMorePages) {
//		return err
//	}
func (s *GroupsService) NextPage(ctx context.Context, page *GroupPage, opts ...CallOption) (*GroupPage, error) {
	if err := check(opListGroups).Check(page != nil, "page", "must not be nil").Err(); err != nil {
		return nil, err
	}
	if page.NextURL == "" {
		return nil, ErrNoMorePages
	}
	return s.fetchPage(ctx, s.c.linkRequest(opListGroups, page.NextURL), opts)
}

func (s *GroupsService) firstPage(opts *ListGroupsOptions) (*transport.Request, error) {
	if opts == nil {
		opts = &ListGroupsOptions{}
	}
	if err := checkLimit(check(opListGroups), opts.Limit).Err(); err != nil {
		return nil, err
	}
	return &transport.Request{Op: opListGroups, Path: []string{"groups"}, Query: *opts}, nil
}

// fetchPage is the one place a group page is fetched, for List and for
// ListPage/NextPage alike.
func (s *GroupsService) fetchPage(ctx context.Context, r *transport.Request, opts []CallOption) (*GroupPage, error) {
	var p GroupPage
	if _, err := s.c.tc.Do(ctx, r, &p, opts...); err != nil {
		return nil, err
	}
	return &p, nil
}

func (s *GroupsService) fetchGroups(ctx context.Context, r *transport.Request, opts []CallOption) ([]*Group, string, error) {
	p, err := s.fetchPage(ctx, r, opts)
	if err != nil {
		return nil, "", err
	}
	return p.Groups, p.NextURL, nil
}

// Members returns the users in a group, fetching pages as the loop needs
// them; opts may be nil. Every user is a member of the built-in "Everyone"
// group. A missing group yields ErrGroupNotFound.
func (s *GroupsService) Members(ctx context.Context, groupID string, opts *ListOptions, callOpts ...CallOption) iter.Seq2[*User, error] {
	first, err := listRequest(opListMembers, opts, "groupID", groupID, "groups", groupID, "users")
	if err != nil {
		return paging.Err[*User](err)
	}
	return walk(ctx, s.c, first, s.c.Users.fetchUsers, callOpts)
}

// AddMember adds a user to a group; adding a member again changes nothing.
func (s *GroupsService) AddMember(ctx context.Context, groupID, userID string, opts ...CallOption) error {
	return s.membership(ctx, opAddMember, groupID, userID, opts)
}

// RemoveMember removes a user from a group; the user stays in the account.
func (s *GroupsService) RemoveMember(ctx context.Context, groupID, userID string, opts ...CallOption) error {
	return s.membership(ctx, opRemoveMember, groupID, userID, opts)
}

func (s *GroupsService) membership(ctx context.Context, op *transport.Operation, groupID, userID string, opts []CallOption) error {
	if err := check(op).NotEmpty("groupID", groupID).NotEmpty("userID", userID).Err(); err != nil {
		return err
	}
	_, err := s.c.tc.Do(ctx, &transport.Request{Op: op, Path: []string{"groups", groupID, "users", userID}}, nil, opts...)
	return err
}
