package reach360

import (
	"context"
	"iter"
	"net/http"
	"strconv"

	"github.com/grantkit/grantkit-go/internal/paging"
	"github.com/grantkit/grantkit-go/internal/transport"
)

// Invitation is a pending invitation to the account: the invitee gets an
// email, and shows on the admins' Pending tab until they accept. Source:
// the Invitations API article's invitation object.
type Invitation struct {
	// ID identifies the invitation in the API.
	ID string `json:"id"`
	// Email is the invitee's address.
	Email     string `json:"email"`
	FirstName string `json:"firstName"`
	LastName  string `json:"lastName"`
	// Groups are the names of the groups the invitee joins on accepting.
	Groups []string `json:"groups"`
	// URL is the invitation's API address. The create answer in the
	// article shows none, so it may be "" there.
	URL string `json:"url"`
}

// UnmarshalJSON reads an invitation bare or wrapped: the create answer
// wraps it as {"invitation": {...}} (Invitations API article); the answer
// of GET /invitations/{id} is not shown, so both forms are read there too
// [inferred].
func (inv *Invitation) UnmarshalJSON(b []byte) error {
	type plain Invitation
	var w struct {
		plain
		Invitation *plain `json:"invitation"`
	}
	if err := transport.DecodeJSON(b, &w); err != nil {
		return err
	}
	if w.Invitation != nil {
		*inv = Invitation(*w.Invitation)
		return nil
	}
	*inv = Invitation(w.plain)
	return nil
}

// InvitationParams are the fields of a new invitation (POST /invitations).
type InvitationParams struct {
	// Email is required: the address the invitation is sent to.
	Email string `json:"email"`
	// FirstName and LastName are optional.
	FirstName string `json:"firstName,omitempty"`
	LastName  string `json:"lastName,omitempty"`
	// Groups are the names (not ids) of the groups the invitee joins on
	// accepting; groups that do not exist then are created.
	Groups []string `json:"groups,omitempty"`
}

// InvitationsService is the Invitations API: c.Invitations.
type InvitationsService struct{ c *Client }

var (
	opCreateInvitation = &transport.Operation{Name: "invitations.create", Method: http.MethodPost}
	opListInvitations  = &transport.Operation{Name: "invitations.list", Method: http.MethodGet, Idempotent: true}
	opGetInvitation    = &transport.Operation{Name: "invitations.get", Method: http.MethodGet, Idempotent: true}
	opDeleteInvitation = &transport.Operation{Name: "invitations.delete", Method: http.MethodDelete, Idempotent: true, AlreadyDone: invitationGone}
)

// Create invites p.Email to the account, which sends the invitee an email.
// An address that already has an account fails with ErrUserExists, one
// with a pending invitation with ErrInvitePending.
//
// Create is not retried once the request may have reached the server (a
// replay would send a second email or meet invite_pending): if the
// connection breaks after sending, the error is returned and the
// invitation may or may not exist; look for it with List.
func (s *InvitationsService) Create(ctx context.Context, p InvitationParams, opts ...CallOption) (*Invitation, error) {
	v := check(opCreateInvitation).Email("Email", p.Email)
	for i, g := range p.Groups {
		v.NotEmpty("Groups["+strconv.Itoa(i)+"]", g)
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	var inv Invitation
	if _, err := s.c.tc.Do(ctx, &transport.Request{Op: opCreateInvitation, Path: []string{"invitations"}, Body: p}, &inv, opts...); err != nil {
		return nil, err
	}
	return &inv, nil
}

// List returns every pending invitation, fetching pages as the loop needs
// them; opts may be nil. The article does not show the list's answer; it
// is read as {"invitations": [...], "nextUrl"}, the shape of every other
// list [inferred].
func (s *InvitationsService) List(ctx context.Context, opts *ListOptions, callOpts ...CallOption) iter.Seq2[*Invitation, error] {
	p, token, err := s.list(opts)
	if err != nil {
		return paging.Err[*Invitation](err)
	}
	return p.seq(ctx, token, callOpts)
}

// ListPage returns one page of the pending invitations: the first, or the
// one opts.PageToken names. Follow it with InvitationPage.NextPage.
func (s *InvitationsService) ListPage(ctx context.Context, opts *ListOptions, callOpts ...CallOption) (*InvitationPage, error) {
	p, token, err := s.list(opts)
	if err != nil {
		return nil, err
	}
	return invitationPage(ctx, p, token, callOpts)
}

func (s *InvitationsService) list(opts *ListOptions) (pages[*Invitation], string, error) {
	if opts == nil {
		opts = &ListOptions{}
	}
	return listPages(s.c, check(opListInvitations), &transport.Request{Op: opListInvitations, Path: []string{"invitations"}, Query: *opts},
		opts.Limit, opts.PageToken, (*wirePage).invitations)
}

// Get returns the pending invitation with id invitationID; a missing one
// (accepted, deleted or never made) fails with ErrNotFound.
func (s *InvitationsService) Get(ctx context.Context, invitationID string, opts ...CallOption) (*Invitation, error) {
	if err := check(opGetInvitation).NotEmpty("invitationID", invitationID).Err(); err != nil {
		return nil, err
	}
	var inv Invitation
	if _, err := s.c.tc.Do(ctx, &transport.Request{Op: opGetInvitation, Path: []string{"invitations", invitationID}}, &inv, opts...); err != nil {
		return nil, err
	}
	return &inv, nil
}

// Delete deletes a pending invitation: the link in the invitee's email no
// longer works. A missing one fails with ErrNotFound, unless it is a retry
// finding the invitation already deleted by an attempt whose answer was
// lost.
func (s *InvitationsService) Delete(ctx context.Context, invitationID string, opts ...CallOption) error {
	if err := check(opDeleteInvitation).NotEmpty("invitationID", invitationID).Err(); err != nil {
		return err
	}
	_, err := s.c.tc.Do(ctx, &transport.Request{Op: opDeleteInvitation, Path: []string{"invitations", invitationID}}, nil, opts...)
	return err
}
