package reach360

import (
	"context"
	"fmt"
	"iter"

	"github.com/grantkit/grantkit-go/internal/paging"
	"github.com/grantkit/grantkit-go/internal/transport"
	"github.com/grantkit/grantkit-go/internal/validate"
)

// wirePage is every list answer: the items under the list's key and the
// link to the next page, null on the last. Reporters come as "reporters"
// (Reporters and Reporting Groups API); managers as "managers", by the same
// pattern [inferred]; every other user list as "users".
type wirePage struct {
	Groups      []*Group      `json:"groups"`
	Users       []*User       `json:"users"`
	Reporters   []*User       `json:"reporters"`
	Managers    []*User       `json:"managers"`
	Invitations []*Invitation `json:"invitations"`
	NextURL     string        `json:"nextUrl"`
}

func (w *wirePage) groups() []*Group { return w.Groups }

// users takes whichever key the answer used.
func (w *wirePage) users() []*User {
	return append(append(w.Users, w.Reporters...), w.Managers...)
}

func (w *wirePage) invitations() []*Invitation { return w.Invitations }

// pages is one list: where its first page is and how to read its items. A
// page after the first is the server's nextUrl link (a page token), which
// carries the limit and the filters.
type pages[T any] struct {
	c     *Client
	first *transport.Request
	items func(*wirePage) []T
}

// listPages checks a list's options (Limit, and PageToken, which must be a
// link this client may follow) on top of what v already found, and returns
// the list with the page to start at ("" for the first).
func listPages[T any](c *Client, v *validate.Checker, first *transport.Request, limit int, token string,
	items func(*wirePage) []T) (pages[T], string, error) {
	checkLimit(v, limit)
	if token != "" {
		_, ok := c.resolveLink(token)
		v.Check(ok, "PageToken", "is not a page token of this client: pass a NextPageToken it returned")
	}
	if err := v.Err(); err != nil {
		return pages[T]{}, "", err
	}
	return pages[T]{c: c, first: first, items: items}, token, nil
}

// subList is a list under one group or user (idField names the id in
// errors): members, reporters, managers, a user's groups.
func subList[T any](c *Client, op *transport.Operation, opts *ListOptions, idField, id string,
	items func(*wirePage) []T, path ...string) (pages[T], string, error) {
	if opts == nil {
		opts = &ListOptions{}
	}
	return listPages(c, check(op).NotEmpty(idField, id), &transport.Request{Op: op, Path: path, Query: *opts},
		opts.Limit, opts.PageToken, items)
}

// get fetches the page token names ("" for the first).
func (p pages[T]) get(ctx context.Context, token string, opts []CallOption) ([]T, string, error) {
	r := p.first
	if token != "" {
		r = p.c.linkRequest(p.first.Op, token)
	}
	var w wirePage
	if _, err := p.c.tc.Do(ctx, r, &w, opts...); err != nil {
		return nil, "", err
	}
	if token != "" && w.NextURL == token {
		// A loop over NextPage would fetch this page forever.
		return nil, "", &transport.RequestError{Vendor: vendor, Op: r.Op.Name, Method: r.Op.Method,
			Err: fmt.Errorf("%w: the page's nextUrl is the link that fetched it", paging.ErrCursorLoop)}
	}
	return p.items(&w), w.NextURL, nil
}

// seq walks the list from the page token names, lazily; opts apply to
// every page request.
func (p pages[T]) seq(ctx context.Context, token string, opts []CallOption) iter.Seq2[T, error] {
	return paging.Cursor(ctx, func(ctx context.Context, next string) ([]T, string, error) {
		if next == "" {
			next = token
		}
		return p.get(ctx, next, opts)
	}, paging.Prefetch(p.c.prefetch))
}

// nextOf is every page type's NextPage: the page its token names, from the list
// that returned it.
func nextOf[T, P any](ctx context.Context, p *pages[T], token string, opts []CallOption,
	page func(context.Context, pages[T], string, []CallOption) (*P, error)) (*P, error) {
	if token == "" {
		return nil, ErrNoMorePages
	}
	if p == nil {
		return nil, check(&transport.Operation{Name: "page.next"}).
			Check(false, "page", "was not returned by this package: pass its NextPageToken as the list options' PageToken").Err()
	}
	return page(ctx, *p, token, opts)
}

func errNilPage() error {
	return check(&transport.Operation{Name: "page.next"}).Check(false, "page", "must not be nil").Err()
}

// GroupPage is one page of a group list, for callers who page by hand:
// Groups.ListPage, Users.GroupsPage, Users.ReportingGroupsPage and
// Users.ManagingGroupsPage return one.
type GroupPage struct {
	Groups []*Group `json:"groups"`
	// NextPageToken names the following page: NextPage fetches it, and a list's
	// options take it as PageToken to resume later. It is "" on the last
	// page. It is the server's nextUrl link; treat it as opaque.
	NextPageToken string `json:"-"`
	// NextURL is NextPageToken under its older name: the same value.
	//
	// Deprecated: use NextPageToken, the field every page type of the SDK
	// has.
	NextURL string `json:"nextUrl"`

	pages *pages[*Group]
}

// NextPage returns the page after p. After the last page (NextPageToken == "")
// it returns a nil page and ErrNoMorePages, so a loop can run until
// errors.Is(err, ErrNoMorePages):
//
//	page, err := c.Groups.ListPage(ctx, nil)
//	for ; err == nil; page, err = page.NextPage(ctx) {
//		use(page.Groups)
//	}
//	if !errors.Is(err, reach360.ErrNoMorePages) {
//		return err
//	}
//
// opts apply to this page's request only.
func (p *GroupPage) NextPage(ctx context.Context, opts ...CallOption) (*GroupPage, error) {
	if p == nil {
		return nil, errNilPage()
	}
	return nextOf(ctx, p.pages, p.NextPageToken, opts, groupPage)
}

func groupPage(ctx context.Context, p pages[*Group], token string, opts []CallOption) (*GroupPage, error) {
	items, next, err := p.get(ctx, token, opts)
	if err != nil {
		return nil, err
	}
	return &GroupPage{Groups: items, NextPageToken: next, NextURL: next, pages: &p}, nil
}

// UserPage is one page of a user list, for callers who page by hand:
// Users.ListPage, Groups.MembersPage, Groups.ReportersPage and
// Groups.ManagersPage return one.
type UserPage struct {
	Users []*User
	// NextPageToken names the following page: NextPage fetches it, and a list's
	// options take it as PageToken to resume later. It is "" on the last
	// page; treat it as opaque.
	NextPageToken string

	pages *pages[*User]
}

// NextPage returns the page after p, or a nil page and ErrNoMorePages after the
// last one, as GroupPage.NextPage does.
func (p *UserPage) NextPage(ctx context.Context, opts ...CallOption) (*UserPage, error) {
	if p == nil {
		return nil, errNilPage()
	}
	return nextOf(ctx, p.pages, p.NextPageToken, opts, userPage)
}

func userPage(ctx context.Context, p pages[*User], token string, opts []CallOption) (*UserPage, error) {
	items, next, err := p.get(ctx, token, opts)
	if err != nil {
		return nil, err
	}
	return &UserPage{Users: items, NextPageToken: next, pages: &p}, nil
}

// InvitationPage is one page of the pending invitations, for callers who
// page by hand: Invitations.ListPage returns one.
type InvitationPage struct {
	Invitations []*Invitation
	// NextPageToken names the following page: NextPage fetches it, and
	// ListOptions take it as PageToken to resume later. It is "" on the
	// last page; treat it as opaque.
	NextPageToken string

	pages *pages[*Invitation]
}

// NextPage returns the page after p, or a nil page and ErrNoMorePages after the
// last one, as GroupPage.NextPage does.
func (p *InvitationPage) NextPage(ctx context.Context, opts ...CallOption) (*InvitationPage, error) {
	if p == nil {
		return nil, errNilPage()
	}
	return nextOf(ctx, p.pages, p.NextPageToken, opts, invitationPage)
}

func invitationPage(ctx context.Context, p pages[*Invitation], token string, opts []CallOption) (*InvitationPage, error) {
	items, next, err := p.get(ctx, token, opts)
	if err != nil {
		return nil, err
	}
	return &InvitationPage{Invitations: items, NextPageToken: next, pages: &p}, nil
}
