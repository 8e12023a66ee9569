package alfaview

import (
	"context"
	"iter"
	"net/http"
	"time"

	"github.com/grantkit/grantkit-go/internal/validate"
)

// GroupLinksService manages group links: one link that any number of
// guests join a room with (the group-link half of the official SDK's
// GuestsApi). Reach it as Client.GroupLinks.
type GroupLinksService struct{ c *Client }

// GroupLink is a group link (model GroupLink).
type GroupLink struct {
	ID          string `json:"id"`
	RoomID      string `json:"roomId"`
	Description string `json:"description"`
	// PermissionGroupID is the permission group guests join with.
	PermissionGroupID string `json:"permissionGroupId"`
	DialInAllowed     bool   `json:"dialInAllowed"`
	// DialInCode authenticates callers who dial in.
	DialInCode string `json:"dialInCode"`
	// AccessKey is what Auth.AuthenticateGroupLink takes.
	AccessKey string `json:"accessKey"`
	// JoinLink is the link to hand out.
	JoinLink string `json:"joinLink"`
	// Origin says who created the link or why.
	Origin string `json:"origin"`
	// ValidFrom and ValidUntil bound when the link works; zero when open.
	ValidFrom  time.Time `json:"validFrom,omitzero"`
	ValidUntil time.Time `json:"validUntil,omitzero"`
	CreatedAt  time.Time `json:"createdAt"`
	CreatedBy  string    `json:"createdBy"`
}

// GroupLinkCreate is a new group link (model GroupLinkCreate). Description
// and PermissionGroupID are required; DialInAllowed is always sent. A zero
// ValidFrom or ValidUntil is left out: the link is valid from now, or
// until deleted.
type GroupLinkCreate struct {
	Description       string    `json:"description"`
	PermissionGroupID string    `json:"permissionGroupId"`
	DialInAllowed     bool      `json:"dialInAllowed"`
	ValidFrom         time.Time `json:"validFrom,omitzero"`
	ValidUntil        time.Time `json:"validUntil,omitzero"`
}

// CreateGroupLinksParams are the group links to create in one call (model
// CreateGroupLinksRequestBody).
type CreateGroupLinksParams struct {
	// Links are the links to create, at least one (JSON "create").
	Links []GroupLinkCreate `json:"create"`
	// Origin says who creates them or why ("booking tool"), optional.
	Origin string `json:"origin,omitempty"`
}

// GroupLinkUpdate changes a group link (model GroupLinkUpdate); nil fields
// stay as they are.
//
// A bound once set cannot be removed: to open a link's end, set a
// ValidUntil far ahead, or delete the link and create it anew. The SDK
// marks these fields nullable, but a null is read as "unchanged" (inferred:
// the API's server, Huma, marks a Go pointer field nullable and decodes
// null and an absent field alike; GuestLinkUpdate's ValidUntil, declared
// otherwise, is not nullable), so the Client sends none.
type GroupLinkUpdate struct {
	Description       *string    `json:"description,omitempty"`
	PermissionGroupID *string    `json:"permissionGroupId,omitempty"`
	DialInAllowed     *bool      `json:"dialInAllowed,omitempty"`
	ValidFrom         *time.Time `json:"validFrom,omitempty"`
	ValidUntil        *time.Time `json:"validUntil,omitempty"`
}

// GroupLinkPage is one page of GroupLinks.List, for callers who page by hand.
type GroupLinkPage struct {
	GroupLinks []*GroupLink
	// NextPageToken fetches the following page (NextPage, or ListPage to
	// resume later); "" on the last page.
	NextPageToken string

	next func(ctx context.Context, token string, opts []CallOption) (*GroupLinkPage, error)
}

// NextPage fetches the page after p with the same options; after the last page
// it returns ErrNoMorePages (see RoomPage.NextPage for the loop).
func (p *GroupLinkPage) NextPage(ctx context.Context, opts ...CallOption) (*GroupLinkPage, error) {
	if p == nil {
		return nil, errNilPage(groupLinks.opList)
	}
	return nextPage(ctx, groupLinks.opList, p.NextPageToken, p.next, opts)
}

// groupLinks are the group-link operations.
var groupLinks = &linkKind[GroupLink]{
	segment:    "group-links",
	opCreate:   createOp("groupLinks.create"),
	opList:     op("groupLinks.list", http.MethodGet),
	opListRoom: op("groupLinks.listForRoom", http.MethodGet),
	opGet:      op("groupLinks.get", http.MethodGet),
	opUpdate:   op("groupLinks.update", http.MethodPatch),
	opDelete:   deleteOp("groupLinks.delete"),
}

// Create creates p.Links in room roomID and returns their ids in the order
// of p.Links. Get returns a link with its JoinLink.
//
// Create is not retried once the request may have reached alfaview: if the
// connection breaks after sending, the error is returned and the links may
// or may not exist; look for them with List before creating them again.
func (s *GroupLinksService) Create(ctx context.Context, roomID string, p *CreateGroupLinksParams, opts ...CallOption) ([]string, error) {
	v := check(groupLinks.opCreate).NotEmpty("roomID", roomID).Check(p != nil, "p", "must not be nil")
	if p != nil {
		checkLinks(v, p.Links)
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	return groupLinks.create(ctx, s.c, roomID, p, len(p.Links), opts)
}

func (l GroupLinkCreate) check(v *validate.Checker, field string) {
	v.NotEmpty(field+"Description", l.Description).NotEmpty(field+"PermissionGroupID", l.PermissionGroupID)
	checkWindow(v, field, l.ValidFrom, l.ValidUntil)
}

// Get returns the group link with id linkID; a missing one fails with
// ErrNotFound.
func (s *GroupLinksService) Get(ctx context.Context, linkID string, opts ...CallOption) (*GroupLink, error) {
	return groupLinks.get(ctx, s.c, linkID, opts)
}

// List returns every group link of the company, or of opts.RoomID,
// fetching pages as the loop needs them; opts may be nil. Breaking out of
// the loop sends no further requests. An error is yielded once, with a nil
// link, and ends the loop.
func (s *GroupLinksService) List(ctx context.Context, opts *ListLinksOptions, callOpts ...CallOption) iter.Seq2[*GroupLink, error] {
	return groupLinks.seq(ctx, s.c, opts, callOpts)
}

// ListPage returns one page of group links: the first when pageToken is
// "", else the page a previous GroupLinkPage.NextPageToken named. Use the
// same opts for every page of a walk.
func (s *GroupLinksService) ListPage(ctx context.Context, opts *ListLinksOptions, pageToken string, callOpts ...CallOption) (*GroupLinkPage, error) {
	q, err := groupLinks.query(opts)
	if err != nil {
		return nil, err
	}
	return s.page(ctx, q, pageToken, callOpts)
}

func (s *GroupLinksService) page(ctx context.Context, q ListLinksOptions, token string, opts []CallOption) (*GroupLinkPage, error) {
	w, err := groupLinks.page(ctx, s.c, q, token, opts)
	if err != nil {
		return nil, err
	}
	return &GroupLinkPage{GroupLinks: w.Data, NextPageToken: w.NextPageToken,
		next: func(ctx context.Context, token string, opts []CallOption) (*GroupLinkPage, error) {
			return s.page(ctx, q, token, opts)
		}}, nil
}

// Update changes the fields of group link linkID that u sets.
func (s *GroupLinksService) Update(ctx context.Context, linkID string, u *GroupLinkUpdate, opts ...CallOption) error {
	v := check(groupLinks.opUpdate).NotEmpty("linkID", linkID).Check(u != nil, "u", "must not be nil")
	if u != nil {
		if u.Description != nil {
			v.NotEmpty("Description", *u.Description)
		}
		if u.PermissionGroupID != nil {
			v.NotEmpty("PermissionGroupID", *u.PermissionGroupID)
		}
		checkWindowUpdate(v, u.ValidFrom, u.ValidUntil)
	}
	if err := v.Err(); err != nil {
		return err
	}
	return groupLinks.update(ctx, s.c, linkID, u, opts)
}

// Delete deletes group link linkID of room roomID. A retry that finds it
// gone succeeds: the attempt whose answer was lost deleted it.
func (s *GroupLinksService) Delete(ctx context.Context, roomID, linkID string, opts ...CallOption) error {
	return groupLinks.delete(ctx, s.c, roomID, linkID, opts)
}
