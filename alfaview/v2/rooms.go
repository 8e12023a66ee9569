package alfaview

import (
	"context"
	"iter"
	"net/http"
	"slices"
	"time"

	"github.com/grantkit/grantkit-go/internal/paging"
	"github.com/grantkit/grantkit-go/internal/transport"
	"github.com/grantkit/grantkit-go/internal/validate"
)

// RoomsService is the rooms part of the API (the official SDK's RoomsApi):
// rooms, their subrooms, permissions, features and language settings, the
// participants in a room, room types and languages. Reach it as
// Client.Rooms.
type RoomsService struct{ c *Client }

// RoomType says what a room is. alfaview may add types; unknown ones are
// kept as sent.
type RoomType string

// The room types of the model Room.
const (
	RoomTypeDepartment RoomType = "department"
	RoomTypeRoom       RoomType = "room"
	// RoomTypeMeeting is the room of a meeting; Rooms.Create cannot make
	// one (use Meetings.Create).
	RoomTypeMeeting RoomType = "meeting"
)

// Room is a room, a department (a room that holds rooms) or a meeting's
// room (model Room).
type Room struct {
	ID          string   `json:"id"`
	DisplayName string   `json:"displayName"`
	Type        RoomType `json:"type"`
	// ParentID is the room (department) this one belongs to, if any.
	ParentID string `json:"parentId,omitempty"`
	// Sort is the room's position in room lists.
	Sort int64 `json:"sort"`
	// Managed rooms cannot be edited or removed by a user.
	Managed   bool      `json:"managed"`
	CreatedAt time.Time `json:"createdAt"`
	// CreatedBy is the id of the user who created the room.
	CreatedBy string      `json:"createdBy"`
	Quotas    *RoomQuotas `json:"quotas,omitempty"`
	// Features is the room's feature configuration, every feature set.
	Features RoomFeatures `json:"features"`
	// DefaultPermissions apply to every non-guest user in the room, when set.
	DefaultPermissions   *Permissions             `json:"defaultPermissions,omitempty"`
	UserPermissions      []ParticipantPermissions `json:"userPermissions,omitempty"`
	GroupLinkPermissions []ParticipantPermissions `json:"groupLinkPermissions,omitempty"`
	GuestLinkPermissions []ParticipantPermissions `json:"guestLinkPermissions,omitempty"`
	Subrooms             []Subroom                `json:"subrooms,omitempty"`
	// WaitingRoomEnabled makes participants wait to be admitted by a
	// moderator; departments have no waiting room.
	WaitingRoomEnabled     bool   `json:"waitingRoomEnabled"`
	WaitingRoomWelcomeNote string `json:"waitingRoomWelcomeNote,omitempty"`
}

// RoomQuotas are how many people a room holds (models RoomQuotas and
// RoomQuotasEdit, which have the same fields). When sent, all three are.
type RoomQuotas struct {
	ActiveParticipants        int32 `json:"activeParticipants"`
	SpectatorOnlyParticipants int32 `json:"spectatorOnlyParticipants"`
	// MaxVideoTilesPerPage is rounded down by the alfaview client to the
	// next value it offers.
	MaxVideoTilesPerPage int32 `json:"maxVideoTilesPerPage"`
}

// RoomCreate is a new room (model RoomCreate). DisplayName and Type are
// required; WaitingRoomEnabled is always sent. Optional fields left zero
// are left out, so alfaview applies its defaults.
type RoomCreate struct {
	DisplayName string `json:"displayName"`
	// Type is RoomTypeRoom or RoomTypeDepartment.
	Type RoomType `json:"type"`
	// ParentID places the room in a department.
	ParentID string `json:"parentId,omitempty"`
	// WaitingRoomEnabled must be false for a department.
	WaitingRoomEnabled     bool        `json:"waitingRoomEnabled"`
	WaitingRoomWelcomeNote string      `json:"waitingRoomWelcomeNote,omitempty"`
	Quotas                 *RoomQuotas `json:"quotas,omitempty"`
	// Features sets some features; those left empty are FeatureDefault.
	Features           RoomFeatures             `json:"features,omitzero"`
	DefaultPermissions *Permissions             `json:"defaultPermissions,omitempty"`
	Permissions        []ParticipantPermissions `json:"permissions,omitzero"`
	// Subrooms are created with the room; nil leaves the choice to
	// alfaview, an empty slice sends [].
	Subrooms []SubroomEdit `json:"subrooms,omitzero"`
}

// RoomUpdate changes a room (model RoomUpdate). Nil fields stay as they
// are; Ptr makes the pointers. Nested values and lists replace the room's
// whole value: Permissions and Subrooms are the complete new lists (an
// empty non-nil slice removes every entry, nil leaves them), and Features
// the complete feature set, features left empty being sent as
// FeatureDefault (the model requires every feature here). To change single
// features use UpdateFeatures, single subrooms or permissions their own
// methods.
type RoomUpdate struct {
	DisplayName            *string                  `json:"displayName,omitempty"`
	WaitingRoomEnabled     *bool                    `json:"waitingRoomEnabled,omitempty"`
	WaitingRoomWelcomeNote *string                  `json:"waitingRoomWelcomeNote,omitempty"`
	Quotas                 *RoomQuotas              `json:"quotas,omitempty"`
	Features               *RoomFeatures            `json:"features,omitempty"`
	DefaultPermissions     *Permissions             `json:"defaultPermissions,omitempty"`
	Permissions            []ParticipantPermissions `json:"permissions,omitzero"`
	Subrooms               []SubroomListItem        `json:"subrooms,omitzero"`
}

// Page sizes of Rooms.List (GET /v2/rooms "limit": default 50, at most 50).
const (
	DefaultRoomsPageSize = 50
	MaxRoomsPageSize     = 50
)

// ListRoomsOptions filter and page Rooms.List; nil means every room, 50 a
// page.
type ListRoomsOptions struct {
	// Types keeps only rooms of these types (query roomTypes, sent as one
	// comma-separated value).
	Types []RoomType `url:"roomTypes,comma,omitempty"`
	// Limit is the page size, 1..MaxRoomsPageSize; 0 means the API's
	// default (DefaultRoomsPageSize).
	Limit int `url:"limit,omitempty"`
}

// RoomPage is one page of Rooms.List, for callers who page by hand.
type RoomPage struct {
	Rooms []*Room
	// NextPageToken fetches the following page (NextPage, or ListPage to
	// resume later); "" on the last page.
	NextPageToken string

	next func(ctx context.Context, token string, opts []CallOption) (*RoomPage, error)
}

// NextPage fetches the page after p with the same options. After the last
// page (NextPageToken == "") it returns ErrNoMorePages:
//
//	page, err := c.Rooms.ListPage(ctx, nil, "")
//	for ; err == nil; page, err = page.NextPage(ctx) {
//		use(page.Rooms)
//	}
//	if !errors.Is(err, alfaview.ErrNoMorePages) {
//		return err
//	}
func (p *RoomPage) NextPage(ctx context.Context, opts ...CallOption) (*RoomPage, error) {
	if p == nil {
		return nil, errNilPage(opListRooms)
	}
	return nextPage(ctx, opListRooms, p.NextPageToken, p.next, opts)
}

var (
	opListRooms  = op("rooms.list", http.MethodGet)
	opGetRoom    = op("rooms.get", http.MethodGet)
	opCreateRoom = createOp("rooms.create")
	opUpdateRoom = op("rooms.update", http.MethodPatch)
	opDeleteRoom = deleteOp("rooms.delete")
)

// List returns every room the credentials may see, fetching pages as the
// loop needs them; opts may be nil. Breaking out of the loop sends no
// further requests. An error is yielded once, with a nil room, and ends
// the loop.
func (s *RoomsService) List(ctx context.Context, opts *ListRoomsOptions, callOpts ...CallOption) iter.Seq2[*Room, error] {
	q, err := roomsQuery(opts)
	if err != nil {
		return paging.Err[*Room](err)
	}
	return paging.Cursor(ctx, func(ctx context.Context, token string) ([]*Room, string, error) {
		p, err := s.page(ctx, q, token, callOpts)
		if err != nil {
			return nil, "", err
		}
		return p.Rooms, p.NextPageToken, nil
	}, paging.Prefetch(s.c.prefetch))
}

// ListPage returns one page of rooms: the first when pageToken is "", else
// the page a previous RoomPage.NextPageToken named. opts may be nil; use the
// same options for every page of a walk.
func (s *RoomsService) ListPage(ctx context.Context, opts *ListRoomsOptions, pageToken string, callOpts ...CallOption) (*RoomPage, error) {
	q, err := roomsQuery(opts)
	if err != nil {
		return nil, err
	}
	return s.page(ctx, q, pageToken, callOpts)
}

func roomsQuery(opts *ListRoomsOptions) (ListRoomsOptions, error) {
	if opts == nil {
		return ListRoomsOptions{}, nil
	}
	v := check(opListRooms).Between("Limit", opts.Limit, 1, MaxRoomsPageSize, true)
	for i, t := range opts.Types {
		v.Check(slices.Contains(roomTypes, t), indexed("Types", i), "must be department, room or meeting")
	}
	return *opts, v.Err()
}

var roomTypes = []RoomType{RoomTypeDepartment, RoomTypeRoom, RoomTypeMeeting}

func (s *RoomsService) page(ctx context.Context, q ListRoomsOptions, token string, opts []CallOption) (*RoomPage, error) {
	query := struct {
		ListRoomsOptions
		PageToken string `url:"pageToken,omitempty"`
	}{q, token}
	w, err := fetchPage[Room](ctx, s.c, &transport.Request{Op: opListRooms, Path: []string{"v2", "rooms"}, Query: query}, token, opts)
	if err != nil {
		return nil, err
	}
	return &RoomPage{Rooms: w.Data, NextPageToken: w.NextPageToken,
		next: func(ctx context.Context, token string, opts []CallOption) (*RoomPage, error) {
			return s.page(ctx, q, token, opts)
		}}, nil
}

// Get returns the room with id roomID; a missing one fails with ErrNotFound.
func (s *RoomsService) Get(ctx context.Context, roomID string, opts ...CallOption) (*Room, error) {
	if err := check(opGetRoom).NotEmpty("roomID", roomID).Err(); err != nil {
		return nil, err
	}
	return object[Room](ctx, s.c, &transport.Request{Op: opGetRoom, Path: []string{"v2", "rooms", roomID}}, opts)
}

// Create creates a room and returns its id.
//
// Create is not retried once the request may have reached alfaview: if the
// connection breaks after sending, the error is returned and the room may
// or may not exist; look for it with List before creating it again.
func (s *RoomsService) Create(ctx context.Context, r *RoomCreate, opts ...CallOption) (string, error) {
	v := check(opCreateRoom).Check(r != nil, "r", "must not be nil")
	if r != nil {
		v.NotEmpty("DisplayName", r.DisplayName).
			Check(r.Type == RoomTypeRoom || r.Type == RoomTypeDepartment, "Type", "must be room or department").
			Check(!(r.Type == RoomTypeDepartment && r.WaitingRoomEnabled), "WaitingRoomEnabled", "must be false for a department: departments have no waiting room")
		checkQuotas(v, "Quotas", r.Quotas)
		r.Features.check(v, "Features")
		checkParticipantPermissions(v, "Permissions", r.Permissions)
	}
	if err := v.Err(); err != nil {
		return "", err
	}
	return s.c.create(ctx, &transport.Request{Op: opCreateRoom, Path: []string{"v2", "rooms"}, Body: r}, opts)
}

// Update changes the fields of room roomID that u sets.
func (s *RoomsService) Update(ctx context.Context, roomID string, u *RoomUpdate, opts ...CallOption) error {
	v := check(opUpdateRoom).NotEmpty("roomID", roomID).Check(u != nil, "u", "must not be nil")
	if u != nil {
		if u.DisplayName != nil {
			v.NotEmpty("DisplayName", *u.DisplayName)
		}
		checkQuotas(v, "Quotas", u.Quotas)
		if u.Features != nil {
			u.Features.check(v, "Features")
		}
		checkParticipantPermissions(v, "Permissions", u.Permissions)
	}
	if err := v.Err(); err != nil {
		return err
	}
	body := *u
	if u.Features != nil {
		f := u.Features.complete()
		body.Features = &f
	}
	return s.c.do(ctx, &transport.Request{Op: opUpdateRoom, Path: []string{"v2", "rooms", roomID}, Body: body}, nil, opts)
}

// Delete deletes room roomID. When an attempt's answer is lost and the
// retry finds the room gone, Delete succeeds: the earlier attempt deleted
// it. A room that was never there fails with ErrNotFound.
func (s *RoomsService) Delete(ctx context.Context, roomID string, opts ...CallOption) error {
	if err := check(opDeleteRoom).NotEmpty("roomID", roomID).Err(); err != nil {
		return err
	}
	return s.c.do(ctx, &transport.Request{Op: opDeleteRoom, Path: []string{"v2", "rooms", roomID}}, nil, opts)
}

func checkQuotas(v *validate.Checker, field string, q *RoomQuotas) {
	if q == nil {
		return
	}
	v.Check(q.ActiveParticipants >= 0, field+".ActiveParticipants", "must not be negative").
		Check(q.SpectatorOnlyParticipants >= 0, field+".SpectatorOnlyParticipants", "must not be negative").
		Check(q.MaxVideoTilesPerPage >= 0, field+".MaxVideoTilesPerPage", "must not be negative")
}
