package alfaview

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/grantkit/grantkit-go/internal/validate"
)

// LinksService creates, lists and deletes a room's group and guest links
// (alfaview's guestService.v2). Reach it as Client.Links.
type LinksService struct{ c *Client }

// GroupLinkCreation describes one group link to create: a join link that
// may be shared with any number of people.
type GroupLinkCreation struct {
	// Description is the link's title, shown to the room's managers but not
	// to the people who join with it.
	Description string
	// ValidFrom and ValidUntil bound when the link can be used; the zero
	// time leaves a bound out. Only ValidFrom gives an open end, neither
	// makes the link valid forever. Sent in whole seconds, UTC.
	ValidFrom, ValidUntil time.Time
	// PermissionGroupID is the permission group joiners get (see
	// PermissionGroupsService.List); required.
	PermissionGroupID string
	// AllowDialIn lets people join by phone with the link's dial-in code.
	AllowDialIn bool
	// SkipRoomPermissionsUpdate is the creation's
	// skipRoomPermissionsUpdate (alfaview-php-sdk v2.4.4,
	// GuestServiceV2GroupLinkCreation). alfaview does not say what it
	// skips; its create-guest-links example says to leave it false, as the
	// zero value does (it is then not sent).
	SkipRoomPermissionsUpdate bool
}

// GroupLink is a group link as alfaview stores it.
type GroupLink struct {
	ID                string
	RoomID            string
	Description       string
	PermissionGroupID string
	// ValidFrom and ValidUntil are zero when the link has no such bound.
	ValidFrom, ValidUntil time.Time
	// CreatedBy is the id of the user (or API key) that created the link.
	CreatedBy string
	CreatedAt time.Time
	// JoinLink is the URL to share:
	// https://app.alfaview.com/#/join/<companyId>/<roomId>/<accessKey>/v2.
	JoinLink string
	// AccessKey is the link's secret part; whoever has it can join.
	AccessKey string
	// Managed links are maintained by an integration, not by hand.
	Managed bool
	// Origin names what created the link, as alfaview records it.
	Origin string
	// DialInAllowed says whether the link admits callers by phone, with
	// DialInCode.
	DialInAllowed bool
	DialInCode    string
}

// GuestLinkCreation describes one guest link to create: a personal join
// link for one named guest.
type GuestLinkCreation struct {
	// Email is the guest's address (required); alfaview mails the link
	// there when SendEmail is set.
	Email string
	// DisplayName is the name the guest appears under in the room;
	// optional (alfaview's create-guest-links example), but not blank.
	DisplayName string
	// ValidFrom and ValidUntil bound when the link can be used, as for
	// GroupLinkCreation.
	ValidFrom, ValidUntil time.Time
	// Locale is the language of the invitation email as a language tag:
	// alfaview documents "de" and "en" (its default when Locale is empty),
	// and its own SDK sends "en-US". Only the shape is checked (letters,
	// then subtags of letters and digits joined by "-" or "_"), so that
	// alfaview decides which languages it has.
	Locale string
	// SendEmail makes alfaview send the invitation to Email.
	SendEmail bool
	// PermissionGroupID is the permission group the guest gets; required.
	PermissionGroupID string
	// AllowDialIn lets the guest join by phone with the link's dial-in code.
	AllowDialIn bool
	// SkipRoomPermissionsUpdate is as for GroupLinkCreation; alfaview's
	// example says to leave it false when creating guest links.
	SkipRoomPermissionsUpdate bool
}

// GuestLink is a guest link as alfaview stores it; the fields it shares
// with GroupLink mean the same.
type GuestLink struct {
	ID                    string
	RoomID                string
	DisplayName           string
	Email                 string
	Locale                string
	PermissionGroupID     string
	ValidFrom, ValidUntil time.Time
	CreatedBy             string
	CreatedAt             time.Time
	// JoinLink is the guest's personal URL, in the format of GroupLink.JoinLink.
	JoinLink      string
	AccessKey     string
	Managed       bool
	Origin        string
	DialInAllowed bool
	DialInCode    string
}

// The creation bodies follow alfaview-php-sdk v2.4.4's
// GuestServiceV2GroupLinkCreation and GuestServiceV2GuestLinkCreation.
type groupLinkCreationWire struct {
	Description               string   `json:"description"`
	ValidFrom                 wireTime `json:"validFrom,omitzero"`
	ValidUntil                wireTime `json:"validUntil,omitzero"`
	PermissionGroupID         string   `json:"permissionGroupId"`
	SkipRoomPermissionsUpdate bool     `json:"skipRoomPermissionsUpdate,omitempty"`
	AllowDialIn               bool     `json:"allowDialIn,omitempty"`
}

type guestLinkCreationWire struct {
	Email                     string   `json:"email"`
	DisplayName               string   `json:"displayName,omitempty"`
	ValidFrom                 wireTime `json:"validFrom,omitzero"`
	ValidUntil                wireTime `json:"validUntil,omitzero"`
	Locale                    string   `json:"locale,omitempty"`
	SendEmail                 bool     `json:"sendEmail,omitempty"`
	PermissionGroupID         string   `json:"permissionGroupId"`
	SkipRoomPermissionsUpdate bool     `json:"skipRoomPermissionsUpdate,omitempty"`
	AllowDialIn               bool     `json:"allowDialIn,omitempty"`
}

// The request bodies (GuestServiceV2CreateGroupLinksRequest and
// ...CreateGuestLinksRequest): origin and timezone come from WithOrigin and
// WithTimezone.
type createGroupLinksRequest struct {
	RoomID    string                  `json:"roomId"`
	Creations []groupLinkCreationWire `json:"groupLinkCreations"`
	Origin    string                  `json:"origin,omitempty"`
}

type createGuestLinksRequest struct {
	RoomID    string                  `json:"roomId"`
	Creations []guestLinkCreationWire `json:"guestLinkCreations"`
	Origin    string                  `json:"origin,omitempty"`
	Timezone  string                  `json:"timezone,omitempty"`
}

// linkWire is a group or a guest link as alfaview sends it.
type linkWire struct {
	ID                string   `json:"id"`
	RoomID            string   `json:"roomId"`
	Description       string   `json:"description"`
	DisplayName       string   `json:"displayName"`
	Email             string   `json:"email"`
	Locale            string   `json:"locale"`
	PermissionGroupID string   `json:"permissionGroupId"`
	ValidFrom         wireTime `json:"validFrom"`
	ValidUntil        wireTime `json:"validUntil"`
	CreatedBy         string   `json:"createdBy"`
	CreatedAt         wireTime `json:"createdAt"`
	JoinLink          string   `json:"joinLink"`
	AccessKey         string   `json:"accessKey"`
	Managed           bool     `json:"managed"`
	Origin            string   `json:"origin"`
	DialInAllowed     bool     `json:"dialInAllowed"`
	DialInCode        string   `json:"dialInCode"`
}

func (w *linkWire) groupLink() GroupLink {
	return GroupLink{
		ID: w.ID, RoomID: w.RoomID, Description: w.Description, PermissionGroupID: w.PermissionGroupID,
		ValidFrom: w.ValidFrom.Time, ValidUntil: w.ValidUntil.Time, CreatedBy: w.CreatedBy, CreatedAt: w.CreatedAt.Time,
		JoinLink: w.JoinLink, AccessKey: w.AccessKey, Managed: w.Managed, Origin: w.Origin,
		DialInAllowed: w.DialInAllowed, DialInCode: w.DialInCode,
	}
}

func (w *linkWire) guestLink() GuestLink {
	return GuestLink{
		ID: w.ID, RoomID: w.RoomID, DisplayName: w.DisplayName, Email: w.Email, Locale: w.Locale,
		PermissionGroupID: w.PermissionGroupID, ValidFrom: w.ValidFrom.Time, ValidUntil: w.ValidUntil.Time,
		CreatedBy: w.CreatedBy, CreatedAt: w.CreatedAt.Time, JoinLink: w.JoinLink, AccessKey: w.AccessKey,
		Managed: w.Managed, Origin: w.Origin, DialInAllowed: w.DialInAllowed, DialInCode: w.DialInCode,
	}
}

type groupLinksReply struct {
	GroupLinks []linkWire `json:"groupLinks"`
}

func (r *groupLinksReply) links() []GroupLink {
	out := make([]GroupLink, len(r.GroupLinks))
	for i := range r.GroupLinks {
		out[i] = r.GroupLinks[i].groupLink()
	}
	return out
}

type guestLinksReply struct {
	GuestLinks []linkWire `json:"guestLinks"`
}

func (r *guestLinksReply) links() []GuestLink {
	out := make([]GuestLink, len(r.GuestLinks))
	for i := range r.GuestLinks {
		out[i] = r.GuestLinks[i].guestLink()
	}
	return out
}

// checkWindow compares the bounds as they will be sent (whole seconds), so
// a window that passes is never empty on the wire.
func checkWindow(v *validate.Checker, field string, from, until time.Time) {
	if !from.IsZero() && !until.IsZero() {
		v.Check(onWire(until).After(onWire(from)), field+".ValidUntil", "must be after ValidFrom")
	}
}

// CreateGroupLinks creates one group link per element of links in room
// roomID and returns them in the same order, each with its JoinLink.
//
// roomID, at least one link and each link's PermissionGroupID are
// required, and ValidUntil must be after ValidFrom when both are set;
// otherwise the error matches ErrInvalidParams and nothing is sent. A
// missing room gives ErrRoomNotFound. The call is not idempotent: it is
// never sent again once it may have reached alfaview.
//
// When alfaview creates only some of the links (PARTIAL_ERROR), the links
// it created are returned together with a *PartialError (matching
// ErrPartial) that holds them too: they exist, so create only the others
// again.
func (s *LinksService) CreateGroupLinks(ctx context.Context, roomID string, links []GroupLinkCreation, opts ...CallOption) ([]GroupLink, error) {
	v := validate.New(ErrInvalidParams, vendor, opCreateGroupLinks.Name).
		NotEmpty("roomID", roomID).
		Check(len(links) > 0, "links", "must hold at least one link")
	wire := make([]groupLinkCreationWire, len(links))
	for i, l := range links {
		f := fmt.Sprintf("links[%d]", i)
		v.NotEmpty(f+".PermissionGroupID", l.PermissionGroupID)
		checkWindow(v, f, l.ValidFrom, l.ValidUntil)
		wire[i] = groupLinkCreationWire{
			Description: l.Description, ValidFrom: wireTime{l.ValidFrom}, ValidUntil: wireTime{l.ValidUntil},
			PermissionGroupID: l.PermissionGroupID, SkipRoomPermissionsUpdate: l.SkipRoomPermissionsUpdate,
			AllowDialIn: l.AllowDialIn,
		}
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	body := createGroupLinksRequest{RoomID: roomID, Creations: wire, Origin: s.c.cfg.origin}
	var reply groupLinksReply
	if err := s.c.call(ctx, &opCreateGroupLinks, []string{"guestService.v2", "createGroupLinks"}, body, &reply, opts); err != nil {
		var pe *PartialError
		if errors.As(err, &pe) {
			return pe.GroupLinks, err
		}
		return nil, err
	}
	return reply.links(), nil
}

// ListGroupLinks returns the group links of room roomID, or of the whole
// company when roomID is empty. A roomID of only spaces is an error
// matching ErrInvalidParams, and nothing is sent.
func (s *LinksService) ListGroupLinks(ctx context.Context, roomID string, opts ...CallOption) ([]GroupLink, error) {
	if err := checkRoomFilter(opListGroupLinks.Name, roomID); err != nil {
		return nil, err
	}
	var reply groupLinksReply
	if err := s.c.call(ctx, &opListGroupLinks, []string{"guestService.v2", "listGroupLinks"}, roomFilter{roomID}, &reply, opts); err != nil {
		return nil, err
	}
	return reply.links(), nil
}

// CreateGuestLinks creates one personal guest link per element of links in
// room roomID and returns them in the same order.
//
// roomID, at least one link, and each link's Email (a plain address such
// as ada@example.com) and PermissionGroupID are required; DisplayName may
// be empty but not blank, Locale must be empty or shaped like a language
// tag, and ValidUntil must be after ValidFrom when both are set. Otherwise
// the error matches ErrInvalidParams and nothing is sent. Like
// CreateGroupLinks it is never sent again once it may have reached
// alfaview, and a PARTIAL_ERROR returns the links created with a
// *PartialError.
func (s *LinksService) CreateGuestLinks(ctx context.Context, roomID string, links []GuestLinkCreation, opts ...CallOption) ([]GuestLink, error) {
	v := validate.New(ErrInvalidParams, vendor, opCreateGuestLinks.Name).
		NotEmpty("roomID", roomID).
		Check(len(links) > 0, "links", "must hold at least one link")
	wire := make([]guestLinkCreationWire, len(links))
	for i, l := range links {
		f := fmt.Sprintf("links[%d]", i)
		v.Email(f+".Email", l.Email).
			Check(l.DisplayName == "" || strings.TrimSpace(l.DisplayName) != "", f+".DisplayName", "must not be blank (leave it empty for none)")
		if l.Locale != "" {
			v.LanguageTag(f+".Locale", l.Locale)
		}
		v.NotEmpty(f+".PermissionGroupID", l.PermissionGroupID)
		checkWindow(v, f, l.ValidFrom, l.ValidUntil)
		wire[i] = guestLinkCreationWire{
			Email: l.Email, DisplayName: l.DisplayName, ValidFrom: wireTime{l.ValidFrom}, ValidUntil: wireTime{l.ValidUntil},
			Locale: l.Locale, SendEmail: l.SendEmail, PermissionGroupID: l.PermissionGroupID,
			SkipRoomPermissionsUpdate: l.SkipRoomPermissionsUpdate, AllowDialIn: l.AllowDialIn,
		}
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	body := createGuestLinksRequest{RoomID: roomID, Creations: wire, Origin: s.c.cfg.origin, Timezone: s.c.cfg.zoneName()}
	var reply guestLinksReply
	if err := s.c.call(ctx, &opCreateGuestLinks, []string{"guestService.v2", "createGuestLinks"}, body, &reply, opts); err != nil {
		var pe *PartialError
		if errors.As(err, &pe) {
			return pe.GuestLinks, err
		}
		return nil, err
	}
	return reply.links(), nil
}

// ListGuestLinks returns the guest links of room roomID, or of the whole
// company when roomID is empty. A roomID of only spaces is an error
// matching ErrInvalidParams, and nothing is sent.
func (s *LinksService) ListGuestLinks(ctx context.Context, roomID string, opts ...CallOption) ([]GuestLink, error) {
	if err := checkRoomFilter(opListGuestLinks.Name, roomID); err != nil {
		return nil, err
	}
	var reply guestLinksReply
	if err := s.c.call(ctx, &opListGuestLinks, []string{"guestService.v2", "listGuestLinks"}, roomFilter{roomID}, &reply, opts); err != nil {
		return nil, err
	}
	return reply.links(), nil
}

type roomFilter struct {
	RoomID string `json:"roomId,omitempty"`
}

// checkRoomFilter lets an empty roomID through, since it asks for the whole
// company, but not a blank one: alfaview would take it for a room id and
// answer ROOM_NOT_FOUND, after a login, for what is a caller's mistake.
func checkRoomFilter(op, roomID string) error {
	return validate.New(ErrInvalidParams, vendor, op).
		Check(roomID == "" || strings.TrimSpace(roomID) != "", "roomID", "must not be blank (leave it empty for the whole company)").Err()
}

// Delete deletes the group or guest link linkID of room roomID; both are
// required. A link that does not exist gives ErrNotFound, unless the delete
// had to be retried: an earlier attempt may then have deleted it and lost
// its answer, and since the link is gone either way Delete returns nil.
func (s *LinksService) Delete(ctx context.Context, roomID, linkID string, opts ...CallOption) error {
	if err := validate.New(ErrInvalidParams, vendor, opDeleteLink.Name).
		NotEmpty("roomID", roomID).NotEmpty("linkID", linkID).Err(); err != nil {
		return err
	}
	body := struct {
		RoomID string `json:"roomId"`
		ID     string `json:"id"`
	}{roomID, linkID}
	return s.c.call(ctx, &opDeleteLink, []string{"guestService.v2", "deleteLink"}, body, nil, opts)
}
