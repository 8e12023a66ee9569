package alfaview

import (
	"context"
	"net/http"

	"github.com/grantkit/grantkit-go/internal/transport"
)

// Subroom is a subroom of a room (model Subroom).
type Subroom struct {
	ID string `json:"id"`
	// DisplayName is empty when the alfaview client shows a generic,
	// numbered name ("Group 1").
	DisplayName string `json:"displayName,omitempty"`
	// Sort is the subroom's position in room lists.
	Sort int32 `json:"sort"`
}

// SubroomEdit is a subroom's name, for creating or renaming one and for
// RoomCreate.Subrooms (models SubroomEdit and SubroomCreateListItem, which
// have the same field). DisplayName is always sent: "" asks for a generic,
// numbered name.
type SubroomEdit struct {
	DisplayName string `json:"displayName"`
}

// SubroomListItem is one entry of RoomUpdate.Subrooms, the room's complete
// new subroom list (model SubroomEditListItem): an existing subroom by its
// ID, or a new one with ID "". Subrooms not in the list are deleted.
type SubroomListItem struct {
	ID          string `json:"id,omitempty"`
	DisplayName string `json:"displayName"`
}

var (
	opListSubrooms  = op("rooms.listSubrooms", http.MethodGet)
	opCreateSubroom = createOp("rooms.createSubroom")
	opUpdateSubroom = op("rooms.updateSubroom", http.MethodPatch)
	opDeleteSubroom = deleteOp("rooms.deleteSubroom")
)

// ListSubrooms returns the subrooms of room roomID.
func (s *RoomsService) ListSubrooms(ctx context.Context, roomID string, opts ...CallOption) ([]Subroom, error) {
	if err := check(opListSubrooms).NotEmpty("roomID", roomID).Err(); err != nil {
		return nil, err
	}
	return list[Subroom](ctx, s.c, &transport.Request{Op: opListSubrooms, Path: subroomsPath(roomID)}, opts)
}

// CreateSubroom creates a subroom in room roomID and returns its id. Like
// every create it is not retried once the request may have reached
// alfaview.
func (s *RoomsService) CreateSubroom(ctx context.Context, roomID string, e *SubroomEdit, opts ...CallOption) (string, error) {
	if err := check(opCreateSubroom).NotEmpty("roomID", roomID).Check(e != nil, "e", "must not be nil").Err(); err != nil {
		return "", err
	}
	return s.c.create(ctx, &transport.Request{Op: opCreateSubroom, Path: subroomsPath(roomID), Body: e}, opts)
}

// UpdateSubroom renames subroom subroomID of room roomID.
func (s *RoomsService) UpdateSubroom(ctx context.Context, roomID, subroomID string, e *SubroomEdit, opts ...CallOption) error {
	v := check(opUpdateSubroom).NotEmpty("roomID", roomID).NotEmpty("subroomID", subroomID).Check(e != nil, "e", "must not be nil")
	if err := v.Err(); err != nil {
		return err
	}
	return s.c.do(ctx, &transport.Request{Op: opUpdateSubroom, Path: append(subroomsPath(roomID), subroomID), Body: e}, nil, opts)
}

// DeleteSubroom deletes subroom subroomID of room roomID. A retry that
// finds it gone succeeds: the attempt whose answer was lost deleted it.
func (s *RoomsService) DeleteSubroom(ctx context.Context, roomID, subroomID string, opts ...CallOption) error {
	if err := check(opDeleteSubroom).NotEmpty("roomID", roomID).NotEmpty("subroomID", subroomID).Err(); err != nil {
		return err
	}
	return s.c.do(ctx, &transport.Request{Op: opDeleteSubroom, Path: append(subroomsPath(roomID), subroomID)}, nil, opts)
}

func subroomsPath(roomID string) []string { return []string{"v2", "rooms", roomID, "subrooms"} }
