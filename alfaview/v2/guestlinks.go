package alfaview

import (
	"context"
	"iter"
	"net/http"
	"time"

	"github.com/grantkit/grantkit-go/internal/validate"
)

// GuestLinksService manages guest links: one personal link per guest (the
// guest-link half of the official SDK's GuestsApi). Reach it as
// Client.GuestLinks.
type GuestLinksService struct{ c *Client }

// GuestLink is a guest link (model GuestLink).
type GuestLink struct {
	ID     string `json:"id"`
	RoomID string `json:"roomId"`
	// DisplayName is the guest's name in the room.
	DisplayName  string `json:"displayName,omitempty"`
	EmailAddress string `json:"emailAddress"`
	// Locale is the guest's language, e.g. for the invitation email.
	Locale string `json:"locale"`
	// PermissionGroupID is the permission group the guest joins with.
	PermissionGroupID string `json:"permissionGroupId"`
	DialInAllowed     bool   `json:"dialInAllowed"`
	// DialInCode authenticates the guest when dialling in.
	DialInCode string `json:"dialInCode"`
	// AccessKey is what Auth.AuthenticateGuestLink takes.
	AccessKey string `json:"accessKey"`
	// JoinURL is the page of the alfaview web app the guest joins from.
	JoinURL string `json:"joinUrl"`
	// Origin says who created the link or why.
	Origin string `json:"origin"`
	// ValidFrom and ValidUntil bound when the link works; zero when open.
	ValidFrom  time.Time `json:"validFrom,omitzero"`
	ValidUntil time.Time `json:"validUntil,omitzero"`
	CreatedAt  time.Time `json:"createdAt"`
	CreatedBy  string    `json:"createdBy"`
}

// GuestLinkCreate is a new guest link (model GuestLinkCreate). DisplayName,
// EmailAddress, Locale and PermissionGroupID are required; DialInAllowed
// and SendEmail are always sent, so no email goes out unless SendEmail
// asks for it. A zero ValidFrom or ValidUntil is left out.
type GuestLinkCreate struct {
	DisplayName  string `json:"displayName"`
	EmailAddress string `json:"emailAddress"`
	// Locale is a language tag such as "de" or "en-US".
	Locale            string `json:"locale"`
	PermissionGroupID string `json:"permissionGroupId"`
	DialInAllowed     bool   `json:"dialInAllowed"`
	// SendEmail mails the link to EmailAddress.
	SendEmail  bool      `json:"sendEmail"`
	ValidFrom  time.Time `json:"validFrom,omitzero"`
	ValidUntil time.Time `json:"validUntil,omitzero"`
}

// CreateGuestLinksParams are the guest links to create in one call (model
// CreateGuestLinksRequestBody).
type CreateGuestLinksParams struct {
	// Links are the links to create, at least one (JSON "create").
	Links []GuestLinkCreate `json:"create"`
	// Origin says who creates them or why ("booking tool"), optional.
	Origin string `json:"origin,omitempty"`
	// Timezone is the time zone of the invitation emails: "UTC", "Local"
	// or an IANA name; alfaview's default is Europe/Berlin.
	Timezone string `json:"timezone,omitempty"`
}

// GuestLinkUpdate changes a guest link (model GuestLinkUpdate). The model
// requires DisplayName and SendEmail in every update, so both are always
// sent: pass the link's current DisplayName to keep it. Nil fields stay as
// they are; as with GroupLinkUpdate, a bound once set cannot be removed.
type GuestLinkUpdate struct {
	DisplayName string `json:"displayName"`
	// SendEmail mails the updated link to the guest.
	SendEmail         bool       `json:"sendEmail"`
	EmailAddress      *string    `json:"emailAddress,omitempty"`
	Locale            *string    `json:"locale,omitempty"`
	PermissionGroupID *string    `json:"permissionGroupId,omitempty"`
	DialInAllowed     *bool      `json:"dialInAllowed,omitempty"`
	ValidFrom         *time.Time `json:"validFrom,omitempty"`
	ValidUntil        *time.Time `json:"validUntil,omitempty"`
	// Timezone is the time zone of the email SendEmail sends.
	Timezone *string `json:"timezone,omitempty"`
}

// GuestLinkPage is one page of GuestLinks.List, for callers who page by hand.
type GuestLinkPage struct {
	GuestLinks []*GuestLink
	// NextPageToken fetches the following page (NextPage, or ListPage to
	// resume later); "" on the last page.
	NextPageToken string

	next func(ctx context.Context, token string, opts []CallOption) (*GuestLinkPage, error)
}

// NextPage fetches the page after p with the same options; after the last page
// it returns ErrNoMorePages (see RoomPage.NextPage for the loop).
func (p *GuestLinkPage) NextPage(ctx context.Context, opts ...CallOption) (*GuestLinkPage, error) {
	if p == nil {
		return nil, errNilPage(guestLinks.opList)
	}
	return nextPage(ctx, guestLinks.opList, p.NextPageToken, p.next, opts)
}

// guestLinks are the guest-link operations.
var guestLinks = &linkKind[GuestLink]{
	segment:    "guest-links",
	opCreate:   createOp("guestLinks.create"),
	opList:     op("guestLinks.list", http.MethodGet),
	opListRoom: op("guestLinks.listForRoom", http.MethodGet),
	opGet:      op("guestLinks.get", http.MethodGet),
	opUpdate:   op("guestLinks.update", http.MethodPatch),
	opDelete:   deleteOp("guestLinks.delete"),
}

// Create creates p.Links in room roomID and returns their ids in the order
// of p.Links. Get returns a link with its JoinURL.
//
// Create is not retried once the request may have reached alfaview: if the
// connection breaks after sending, the error is returned and the links may
// or may not exist (and their emails may have gone out); look for them
// with List before creating them again.
func (s *GuestLinksService) Create(ctx context.Context, roomID string, p *CreateGuestLinksParams, opts ...CallOption) ([]string, error) {
	v := check(guestLinks.opCreate).NotEmpty("roomID", roomID).Check(p != nil, "p", "must not be nil")
	if p != nil {
		checkLinks(v, p.Links)
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	return guestLinks.create(ctx, s.c, roomID, p, len(p.Links), opts)
}

func (l GuestLinkCreate) check(v *validate.Checker, field string) {
	v.NotEmpty(field+"DisplayName", l.DisplayName).
		Email(field+"EmailAddress", l.EmailAddress).
		LanguageTag(field+"Locale", l.Locale).
		NotEmpty(field+"PermissionGroupID", l.PermissionGroupID)
	checkWindow(v, field, l.ValidFrom, l.ValidUntil)
}

// Get returns the guest link with id linkID; a missing one fails with
// ErrNotFound.
func (s *GuestLinksService) Get(ctx context.Context, linkID string, opts ...CallOption) (*GuestLink, error) {
	return guestLinks.get(ctx, s.c, linkID, opts)
}

// List returns every guest link of the company, or of opts.RoomID,
// fetching pages as the loop needs them; opts may be nil. Breaking out of
// the loop sends no further requests. An error is yielded once, with a nil
// link, and ends the loop.
func (s *GuestLinksService) List(ctx context.Context, opts *ListLinksOptions, callOpts ...CallOption) iter.Seq2[*GuestLink, error] {
	return guestLinks.seq(ctx, s.c, opts, callOpts)
}

// ListPage returns one page of guest links: the first when pageToken is
// "", else the page a previous GuestLinkPage.NextPageToken named. Use the
// same opts for every page of a walk.
func (s *GuestLinksService) ListPage(ctx context.Context, opts *ListLinksOptions, pageToken string, callOpts ...CallOption) (*GuestLinkPage, error) {
	q, err := guestLinks.query(opts)
	if err != nil {
		return nil, err
	}
	return s.page(ctx, q, pageToken, callOpts)
}

func (s *GuestLinksService) page(ctx context.Context, q ListLinksOptions, token string, opts []CallOption) (*GuestLinkPage, error) {
	w, err := guestLinks.page(ctx, s.c, q, token, opts)
	if err != nil {
		return nil, err
	}
	return &GuestLinkPage{GuestLinks: w.Data, NextPageToken: w.NextPageToken,
		next: func(ctx context.Context, token string, opts []CallOption) (*GuestLinkPage, error) {
			return s.page(ctx, q, token, opts)
		}}, nil
}

// Update changes guest link linkID as u says.
func (s *GuestLinksService) Update(ctx context.Context, linkID string, u *GuestLinkUpdate, opts ...CallOption) error {
	v := check(guestLinks.opUpdate).NotEmpty("linkID", linkID).Check(u != nil, "u", "must not be nil")
	if u != nil {
		v.NotEmpty("DisplayName", u.DisplayName)
		if u.EmailAddress != nil {
			v.Email("EmailAddress", *u.EmailAddress)
		}
		if u.Locale != nil {
			v.LanguageTag("Locale", *u.Locale)
		}
		if u.PermissionGroupID != nil {
			v.NotEmpty("PermissionGroupID", *u.PermissionGroupID)
		}
		checkWindowUpdate(v, u.ValidFrom, u.ValidUntil)
	}
	if err := v.Err(); err != nil {
		return err
	}
	return guestLinks.update(ctx, s.c, linkID, u, opts)
}

// Delete deletes guest link linkID of room roomID. A retry that finds it
// gone succeeds: the attempt whose answer was lost deleted it.
func (s *GuestLinksService) Delete(ctx context.Context, roomID, linkID string, opts ...CallOption) error {
	return guestLinks.delete(ctx, s.c, roomID, linkID, opts)
}
