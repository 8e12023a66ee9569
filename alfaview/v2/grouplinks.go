package alfaview

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"slices"
	"time"

	"github.com/grantkit/grantkit-go/internal/transport"
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
		return nil, errNilPage(groupLinks.list)
	}
	return nextPage(ctx, groupLinks.list, p.NextPageToken, p.next, opts)
}

var (
	opCreateGroupLinks = createOp("groupLinks.create")
	groupLinks         = &linkKind{
		segment:  "group-links",
		list:     op("groupLinks.list", http.MethodGet),
		listRoom: op("groupLinks.listForRoom", http.MethodGet),
		get:      op("groupLinks.get", http.MethodGet),
		update:   op("groupLinks.update", http.MethodPatch),
		erase:    deleteOp("groupLinks.delete"),
	}
)

// Create creates p.Links in room roomID and returns their ids in the order
// of p.Links. Get returns a link with its JoinLink.
//
// Create is not retried once the request may have reached alfaview: if the
// connection breaks after sending, the error is returned and the links may
// or may not exist; look for them with List before creating them again.
func (s *GroupLinksService) Create(ctx context.Context, roomID string, p *CreateGroupLinksParams, opts ...CallOption) ([]string, error) {
	v := check(opCreateGroupLinks).NotEmpty("roomID", roomID).Check(p != nil, "p", "must not be nil")
	if p != nil {
		v.Check(len(p.Links) > 0, "Links", "must hold at least one link")
		for i, l := range p.Links {
			l.check(v, indexed("Links", i)+".")
		}
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	return createLinks(ctx, s.c, &transport.Request{Op: opCreateGroupLinks, Path: []string{"v2", "rooms", roomID, "group-links"}, Body: p}, len(p.Links), opts)
}

func (l GroupLinkCreate) check(v *validate.Checker, field string) {
	v.NotEmpty(field+"Description", l.Description).NotEmpty(field+"PermissionGroupID", l.PermissionGroupID)
	checkWindow(v, field, l.ValidFrom, l.ValidUntil)
}

// Get returns the group link with id linkID; a missing one fails with
// ErrNotFound.
func (s *GroupLinksService) Get(ctx context.Context, linkID string, opts ...CallOption) (*GroupLink, error) {
	if err := check(groupLinks.get).NotEmpty("linkID", linkID).Err(); err != nil {
		return nil, err
	}
	return object[GroupLink](ctx, s.c, &transport.Request{Op: groupLinks.get, Path: []string{"v2", "group-links", linkID}}, opts)
}

// List returns every group link of the company, or of opts.RoomID,
// fetching pages as the loop needs them; opts may be nil. Breaking out of
// the loop sends no further requests. An error is yielded once, with a nil
// link, and ends the loop.
func (s *GroupLinksService) List(ctx context.Context, opts *ListLinksOptions, callOpts ...CallOption) iter.Seq2[*GroupLink, error] {
	return linkSeq[GroupLink](ctx, s.c, groupLinks, opts, callOpts)
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
	w, err := linkPage[GroupLink](ctx, s.c, groupLinks, q, token, opts)
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
	v := check(groupLinks.update).NotEmpty("linkID", linkID).Check(u != nil, "u", "must not be nil")
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
	return s.c.do(ctx, &transport.Request{Op: groupLinks.update, Path: []string{"v2", "group-links", linkID}, Body: u}, nil, opts)
}

// Delete deletes group link linkID of room roomID. A retry that finds it
// gone succeeds: the attempt whose answer was lost deleted it.
func (s *GroupLinksService) Delete(ctx context.Context, roomID, linkID string, opts ...CallOption) error {
	if err := check(groupLinks.erase).NotEmpty("roomID", roomID).NotEmpty("linkID", linkID).Err(); err != nil {
		return err
	}
	return s.c.do(ctx, &transport.Request{Op: groupLinks.erase, Path: []string{"v2", "rooms", roomID, "group-links", linkID}}, nil, opts)
}

// createLinks sends a links create and returns the new ids (model ID[]),
// which must be one per link asked for.
func createLinks(ctx context.Context, c *Client, r *transport.Request, want int, opts []CallOption) ([]string, error) {
	ids, err := list[struct {
		ID string `json:"id"`
	}](ctx, c, r, opts)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = id.ID
	}
	if len(out) != want || slices.Contains(out, "") {
		return out, &transport.RequestError{Vendor: vendor, Op: r.Op.Name, Method: r.Op.Method,
			Err: fmt.Errorf("%w: asked for %d links, the answer names %d ids %v", transport.ErrMalformedResponse, want, len(out), out)}
	}
	return out, nil
}

// checkWindowUpdate checks an update's new validity window when it sets
// both ends; with one end the other is the link's current one, which only
// alfaview knows.
func checkWindowUpdate(v *validate.Checker, from, until *time.Time) {
	if from != nil && until != nil {
		checkWindow(v, "", *from, *until)
	}
}
