package voltmx

import (
	"cmp"
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/grantkit/grantkit-go/internal/transport"
	"github.com/grantkit/grantkit-go/internal/validate"
)

var opPermissionsList = &transport.Operation{Name: "permissions.list", Method: http.MethodGet, Idempotent: true}

// PermissionAdhocPush is the permission a group needs before it may be given
// app permissions (CreateGroupParams.AppIDs or AllowAllApps).
const PermissionAdhocPush = "ADHOC_PUSH"

// PermissionsService reads the server's permission catalogue.
type PermissionsService struct {
	c    *Client
	list *lister[Permission]
}

// Permission is one right a user or group can be given, such as
// "CAMPAIGNS_EXECUTE".
type Permission struct {
	ID   int64
	Name string
}

// permissionsLister reads "Get All Permissions by Pagination":
// GET /api/v1/accessmgmt/permissions?start=0&pageSize=10 answers
// {"total":15,"permissions":{"1":"DASHBOARD_ALL",...}}, a map of id to name
// (https://docs.kony.com/konylibrary/messaging/engagement_api_guide/Content/REST_API_Misc/Get_All_Permission_By_pagination.htm).
// A map has no order, so a page's items are sorted by id, and a null name
// is counted as sent but dropped.
func permissionsLister(c *Client) *lister[Permission] {
	return &lister[Permission]{c: c, op: opPermissionsList, path: []string{"api", "v1", "accessmgmt", "permissions"},
		decode: func(resp *transport.Response, b *pageBody) ([]Permission, int, int64, error) {
			perms := make([]Permission, 0, len(b.Permissions))
			for k, name := range b.Permissions {
				id, err := strconv.ParseInt(strings.TrimSpace(k), 10, 64)
				if err != nil {
					return nil, 0, 0, malformed(resp, fmt.Errorf("%w: permission id %s is not a number", transport.ErrMalformedResponse, quoteID(k)))
				}
				if name != nil {
					perms = append(perms, Permission{ID: id, Name: string(*name)})
				}
			}
			slices.SortFunc(perms, func(a, b Permission) int { return cmp.Compare(a.ID, b.ID) })
			var first int64
			if len(perms) > 0 {
				first = perms[0].ID
			}
			return perms, len(b.Permissions), first, nil
		}}
}

// List returns every permission the server knows, sorted by ID, walking
// every page of the catalogue.
func (s *PermissionsService) List(ctx context.Context, opts ...CallOption) ([]Permission, error) {
	var perms []Permission
	seen := make(map[int64]bool)
	for p, err := range s.list.all(ctx, 0, DefaultPageSize, opts) {
		if err != nil {
			return nil, err
		}
		// A permission added between two pages shifts the later ones: the
		// same one may come twice.
		if !seen[p.ID] {
			seen[p.ID] = true
			perms = append(perms, p)
		}
	}
	slices.SortFunc(perms, func(a, b Permission) int { return cmp.Compare(a.ID, b.ID) })
	return perms, nil
}

// PermissionPage is one page of the permission catalogue.
type PermissionPage struct {
	// Total is how many permissions the server has, -1 if it did not say.
	Total int
	// Permissions are the page's permissions, sorted by ID.
	Permissions []Permission
	// Next is the start of the following page, 0 when this page is the last.
	Next int
	// NextPageToken resumes the listing after this page (ListOptions.PageToken);
	// "" on the last page.
	NextPageToken string

	more func(ctx context.Context, opts []CallOption) (*PermissionPage, error)
}

// NextPage fetches the page after p, with the same page size; after the
// last page it returns ErrNoMorePages. See GroupPage.NextPage.
func (p *PermissionPage) NextPage(ctx context.Context, opts ...CallOption) (*PermissionPage, error) {
	if p == nil {
		return nil, nilPage(opPermissionsList)
	}
	if err := pageEnded(opPermissionsList, p.NextPageToken, p.more != nil); err != nil {
		return nil, err
	}
	return p.more(ctx, opts)
}

// ListPage returns the page of the catalogue that starts at start (0 for
// the first), or at opts.PageToken, for callers who page by hand; follow
// it with NextPage. List reads them all.
func (s *PermissionsService) ListPage(ctx context.Context, start int, opts *ListOptions, callOpts ...CallOption) (*PermissionPage, error) {
	size, from, err := opts.walkStart(opPermissionsList.Name, start)
	if err != nil {
		return nil, err
	}
	return s.page(ctx, offsetCursor{start: from}, size, callOpts)
}

func (s *PermissionsService) page(ctx context.Context, cur offsetCursor, size int, callOpts []CallOption) (*PermissionPage, error) {
	p, err := s.list.fetch(ctx, cur, size, callOpts)
	if err != nil {
		return nil, err
	}
	pp := &PermissionPage{Total: p.total, Permissions: p.items, Next: p.next.start, NextPageToken: pageToken(p.next.start)}
	if p.next.start != 0 {
		pp.more = func(ctx context.Context, opts []CallOption) (*PermissionPage, error) {
			return s.page(ctx, p.next, size, opts)
		}
	}
	return pp, nil
}

// Resolve returns the ids of the named permissions, in the order given,
// reading the catalogue with List; see ResolvePermissions for how names
// match. No names, or an empty one, fail with ErrInvalidParams before
// anything is sent.
//
// Resolve takes no call options, since its names are variadic: to send
// the catalogue requests with some, call List with them and resolve the
// names with ResolvePermissions.
func (s *PermissionsService) Resolve(ctx context.Context, names ...string) ([]int64, error) {
	// Checked before the List call, so that a caller's mistake costs no
	// login and no catalogue download, and says which name is wrong.
	if err := checkNames("permissions.resolve", names); err != nil {
		return nil, err
	}
	perms, err := s.List(ctx)
	if err != nil {
		return nil, err
	}
	return ResolvePermissions(perms, names...)
}

// ResolvePermissions returns the ids of the named permissions among perms
// (PermissionsService.List's answer), in the order given. Names match
// case-insensitively and with or without the "ROLE_" prefix newer servers
// add ("ADHOC_PUSH" finds "ROLE_ADHOC_PUSH"). A name perms does not hold
// fails the whole call with ErrUnknownPermission, naming it; no names, or
// an empty one, fail with ErrInvalidParams.
func ResolvePermissions(perms []Permission, names ...string) ([]int64, error) {
	if err := checkNames("permissions.resolve", names); err != nil {
		return nil, err
	}
	byName := make(map[string]int64, len(perms))
	for _, p := range perms {
		byName[permKey(p.Name)] = p.ID
	}
	ids := make([]int64, 0, len(names))
	var unknown []string
	for _, n := range names {
		id, ok := byName[permKey(n)]
		if !ok {
			unknown = append(unknown, strconv.Quote(n))
			continue
		}
		ids = append(ids, id)
	}
	if len(unknown) > 0 {
		return nil, fmt.Errorf("%w: %s (the server has %d permissions)", ErrUnknownPermission, strings.Join(unknown, ", "), len(perms))
	}
	return ids, nil
}

func checkNames(op string, names []string) error {
	v := validate.New(ErrInvalidParams, vendor, op).
		Check(len(names) > 0, "names", "must name at least one permission")
	for i, n := range names {
		v.NotEmpty("names["+strconv.Itoa(i)+"]", n)
	}
	return v.Err()
}

func permKey(name string) string {
	k := strings.ToUpper(strings.TrimSpace(name))
	return strings.TrimPrefix(k, "ROLE_")
}
