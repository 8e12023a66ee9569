package alfaview

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"strconv"
	"time"

	"github.com/grantkit/grantkit-go/internal/paging"
	"github.com/grantkit/grantkit-go/internal/validate"
)

// RoomsService lists, creates and deletes rooms (alfaview's roomService).
// Reach it as Client.Rooms.
type RoomsService struct{ c *Client }

// RoomType says what a room is; alfaview may add types, and unknown ones
// are kept as sent.
type RoomType string

// The room types alfaview documents.
const (
	RoomTypeRoom       RoomType = "ROOM_TYPE_ROOM"
	RoomTypeDepartment RoomType = "ROOM_TYPE_DEPARTMENT"
	RoomTypeMeeting    RoomType = "ROOM_TYPE_MEETING"
)

// RoomMode is how a room runs; unknown modes are kept as sent.
type RoomMode string

// The room modes alfaview documents.
const (
	RoomModeNormal    RoomMode = "ROOM_MODE_NORMAL"
	RoomModeSpectator RoomMode = "ROOM_MODE_SPECTATOR"
	RoomModeExam      RoomMode = "ROOM_MODE_EXAM"
)

// Room is an alfaview room (or department, or meeting).
type Room struct {
	ID          string
	DisplayName string
	Mode        RoomMode
	Type        RoomType
	// ParentID is the department the room belongs to, if any.
	ParentID  string
	CreatedAt time.Time
	CreatedBy string
	// Managed rooms are maintained by an integration, not by hand.
	Managed bool
}

type roomWire struct {
	DisplayName string   `json:"displayName,omitempty"`
	Mode        RoomMode `json:"mode,omitempty"`
	Type        RoomType `json:"type,omitempty"`
	ParentID    string   `json:"parentId,omitempty"`
	CreatedAt   wireTime `json:"createdAt,omitzero"`
	CreatedBy   string   `json:"createdBy,omitempty"`
	Managed     bool     `json:"managed,omitempty"`
}

func (w *roomWire) room(id string) *Room {
	return &Room{ID: id, DisplayName: w.DisplayName, Mode: w.Mode, Type: w.Type, ParentID: w.ParentID,
		CreatedAt: w.CreatedAt.Time, CreatedBy: w.CreatedBy, Managed: w.Managed}
}

// Page sizes for Rooms.List.
const (
	// DefaultRoomsPageSize is the page size when ListRoomsOptions.Limit is 0.
	DefaultRoomsPageSize = 100
	// MaxRoomsPageSize is the largest page size List accepts (alfaview's own
	// PHP SDK asks for 1000 at a time).
	MaxRoomsPageSize = 1000
)

// ListRoomsOptions narrow and page Rooms.List; nil means all rooms.
type ListRoomsOptions struct {
	// Limit is how many rooms one request asks for, 1 to MaxRoomsPageSize;
	// 0 means DefaultRoomsPageSize. It changes how many requests List
	// sends, not how many rooms it yields.
	Limit int
	// FilterRoomIDs keeps only these rooms; an empty or blank id is
	// rejected (ErrInvalidParams) rather than sent.
	FilterRoomIDs []string
	// FilterRoomTypes keeps only rooms of these types.
	FilterRoomTypes []RoomType
	// PageToken resumes a listing at the page a RoomPage's NextPageToken
	// names; give it with the Limit and filters of that listing. Empty
	// starts at the first room. List and Page honour it; ListPage, which
	// takes an offset instead, refuses it.
	PageToken string
}

type listRoomsRequest struct {
	Limit           int        `json:"limit"`
	Offset          int        `json:"offset"`
	FilterRoomIDs   []string   `json:"filterRoomIds,omitempty"`
	FilterRoomTypes []RoomType `json:"filterRoomTypes,omitempty"`
}

// List yields every room matching opts, in the order alfaview sends them,
// fetching pages of opts.Limit rooms (offset and limit) as the loop needs
// them and stopping after a short page. Breaking out of the loop sends no
// further request. An error (ErrInvalidParams for a Limit out of range, a
// blank FilterRoomIDs entry or a PageToken that is not one, before any
// request) is yielded once and ends the loop; so is ErrPageLoop when
// alfaview answers the next offset with the rooms it has just sent, which
// a server that ignores offset would do forever.
func (s *RoomsService) List(ctx context.Context, opts *ListRoomsOptions, callOpts ...CallOption) iter.Seq2[*Room, error] {
	req, start, err := listRooms(opts)
	if err != nil {
		return paging.Err[*Room](err)
	}
	return paging.OffsetKeyed(ctx, req.Limit, roomKey, func(ctx context.Context, offset, limit int) ([]*Room, int, error) {
		rooms, err := s.page(ctx, req, start+offset, callOpts)
		return rooms, -1, err
	}, paging.Prefetch(s.c.cfg.prefetch))
}

// ListPage returns the one page of rooms that starts at offset, for callers
// who page by hand: the next page starts at offset+len(rooms), and a page
// shorter than the limit is the last. The offset comes before the options,
// as in voltmx's ListPage. Page does the same with a RoomPage that fetches
// its successor itself.
func (s *RoomsService) ListPage(ctx context.Context, offset int, opts *ListRoomsOptions, callOpts ...CallOption) ([]*Room, error) {
	req, _, err := listRooms(opts)
	if err == nil {
		err = validate.New(ErrInvalidParams, vendor, opListRooms.Name).
			Check(offset >= 0, "offset", "must not be negative").
			Check(opts == nil || opts.PageToken == "", "PageToken", "is for Page and List; ListPage takes the offset").Err()
	}
	if err != nil {
		return nil, err
	}
	return s.page(ctx, req, offset, callOpts)
}

// RoomPage is one page of rooms, for callers who page by hand (see
// RoomsService.Page).
type RoomPage struct {
	Rooms []*Room
	// NextPageToken names the following page, for NextPage or, in a later
	// run, ListRoomsOptions.PageToken; "" on the last page. It is opaque:
	// its form may change.
	NextPageToken string

	s   *RoomsService
	req listRoomsRequest // Offset is this page's
}

// Page returns one page of opts.Limit rooms matching opts: the first, or
// the one opts.PageToken names. Page through the rest with its NextPage:
//
//	for p, err := c.Rooms.Page(ctx, opts); ; p, err = p.NextPage(ctx) {
//		if errors.Is(err, alfaview.ErrNoMorePages) {
//			break
//		}
//		if err != nil {
//			return err
//		}
//		use(p.Rooms)
//	}
//
// Parameters are checked as for List.
func (s *RoomsService) Page(ctx context.Context, opts *ListRoomsOptions, callOpts ...CallOption) (*RoomPage, error) {
	req, start, err := listRooms(opts)
	if err != nil {
		return nil, err
	}
	return s.roomPage(ctx, req, start, callOpts)
}

// NextPage fetches the page after p with p's options; opts apply to its
// request. After the last page (NextPageToken "") it returns nil and
// ErrNoMorePages. A page that repeats p (alfaview ignored the offset) is
// an error matching ErrPageLoop.
func (p *RoomPage) NextPage(ctx context.Context, opts ...CallOption) (*RoomPage, error) {
	if p == nil || p.NextPageToken == "" {
		return nil, ErrNoMorePages
	}
	if p.s == nil {
		return nil, validate.New(ErrInvalidParams, vendor, opListRooms.Name).
			Check(false, "RoomPage", "was not returned by RoomsService.Page; pass NextPageToken as ListRoomsOptions.PageToken").Err()
	}
	next, err := p.s.roomPage(ctx, p.req, p.req.Offset+len(p.Rooms), opts)
	if err != nil {
		return nil, err
	}
	if err := paging.RepeatedPage(p.Rooms, next.Rooms, roomKey); err != nil {
		return nil, err
	}
	return next, nil
}

func (s *RoomsService) roomPage(ctx context.Context, req listRoomsRequest, offset int, opts []CallOption) (*RoomPage, error) {
	rooms, err := s.page(ctx, req, offset, opts)
	if err != nil {
		return nil, err
	}
	req.Offset = offset
	p := &RoomPage{Rooms: rooms, s: s, req: req}
	if len(rooms) > 0 && len(rooms) >= req.Limit {
		p.NextPageToken = strconv.Itoa(offset + len(rooms))
	}
	return p, nil
}

func roomKey(r *Room) string { return r.ID }

// listRooms checks opts and returns the request they make and the offset
// their PageToken names.
func listRooms(opts *ListRoomsOptions) (listRoomsRequest, int, error) {
	var o ListRoomsOptions
	if opts != nil {
		o = *opts
	}
	v := validate.New(ErrInvalidParams, vendor, opListRooms.Name).
		Between("Limit", o.Limit, 1, MaxRoomsPageSize, true)
	for i, id := range o.FilterRoomIDs {
		v.NotEmpty(fmt.Sprintf("FilterRoomIDs[%d]", i), id)
	}
	start := 0
	if o.PageToken != "" {
		n, err := strconv.Atoi(o.PageToken)
		v.Check(err == nil && n >= 0 && strconv.Itoa(n) == o.PageToken, "PageToken", "is not a RoomPage.NextPageToken")
		start = n
	}
	if err := v.Err(); err != nil {
		return listRoomsRequest{}, 0, err
	}
	if o.Limit == 0 {
		o.Limit = DefaultRoomsPageSize
	}
	return listRoomsRequest{Limit: o.Limit, FilterRoomIDs: o.FilterRoomIDs, FilterRoomTypes: o.FilterRoomTypes}, start, nil
}

func (s *RoomsService) page(ctx context.Context, req listRoomsRequest, offset int, opts []CallOption) ([]*Room, error) {
	req.Offset = offset
	var reply struct {
		Rooms orderedRooms `json:"rooms"`
	}
	if err := s.c.call(ctx, &opListRooms, []string{"roomService", "list"}, req, &reply, opts); err != nil {
		return nil, err
	}
	return reply.Rooms, nil
}

// orderedRooms decodes alfaview's rooms object (room id → room) keeping the
// order of its keys, which a Go map would lose: offset paging is only
// stable in the server's order.
type orderedRooms []*Room

func (r *orderedRooms) UnmarshalJSON(b []byte) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if tok == nil {
		*r = nil
		return nil
	}
	if tok != json.Delim('{') {
		return fmt.Errorf("rooms must be an object of room id to room, not %v", tok)
	}
	var rooms orderedRooms
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		id, ok := tok.(string)
		if !ok {
			return errors.New("rooms: object key is not a string")
		}
		var w roomWire
		if err := dec.Decode(&w); err != nil {
			return fmt.Errorf("rooms[%q]: %w", id, err)
		}
		rooms = append(rooms, w.room(id))
	}
	if _, err := dec.Token(); err != nil {
		return err
	}
	*r = rooms
	return nil
}

// RoomCreation describes a room to create.
type RoomCreation struct {
	// DisplayName is the room's name; required.
	DisplayName string
	// Type defaults to alfaview's default (a plain room) when empty.
	Type RoomType
	// Mode defaults to alfaview's default (normal) when empty.
	Mode RoomMode
	// ParentID puts the room into a department.
	ParentID string
	// SkipDefaultSubrooms asks alfaview not to create the sub-rooms a new
	// room otherwise gets.
	SkipDefaultSubrooms bool
}

// Create creates a room and returns it with its ID. DisplayName is required
// (else ErrInvalidParams, nothing sent). Create is never sent twice once it
// may have reached alfaview.
func (s *RoomsService) Create(ctx context.Context, r RoomCreation, opts ...CallOption) (*Room, error) {
	if err := validate.New(ErrInvalidParams, vendor, opCreateRoom.Name).
		NotEmpty("DisplayName", r.DisplayName).Err(); err != nil {
		return nil, err
	}
	body := struct {
		Room                roomWire `json:"room"`
		SkipDefaultSubrooms bool     `json:"skipDefaultSubrooms,omitempty"`
	}{roomWire{DisplayName: r.DisplayName, Type: r.Type, Mode: r.Mode, ParentID: r.ParentID}, r.SkipDefaultSubrooms}
	var reply struct {
		RoomID string   `json:"roomId"`
		Room   roomWire `json:"room"`
	}
	if err := s.c.call(ctx, &opCreateRoom, []string{"roomService", "create"}, body, &reply, opts); err != nil {
		return nil, err
	}
	return reply.Room.room(reply.RoomID), nil
}

// Delete deletes room roomID (required), with alfaview's roomService/destroy.
// A room that does not exist gives ErrRoomNotFound, unless the call had to
// be retried: an earlier attempt may then have deleted it and lost its
// answer, and since the room is gone either way Delete returns nil.
func (s *RoomsService) Delete(ctx context.Context, roomID string, opts ...CallOption) error {
	if err := validate.New(ErrInvalidParams, vendor, opDestroyRoom.Name).
		NotEmpty("roomID", roomID).Err(); err != nil {
		return err
	}
	body := struct {
		RoomID string `json:"roomId"`
	}{roomID}
	return s.c.call(ctx, &opDestroyRoom, []string{"roomService", "destroy"}, body, nil, opts)
}

// Destroy deletes room roomID, as Delete does.
//
// Deprecated: use Delete, the name every grantkit-go package gives it.
func (s *RoomsService) Destroy(ctx context.Context, roomID string, opts ...CallOption) error {
	return s.Delete(ctx, roomID, opts...)
}
