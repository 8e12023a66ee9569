package alfaview

import (
	"context"
	"net/http"

	"github.com/grantkit/grantkit-go/internal/transport"
)

// SubroomParticipants are the people in one subroom right now (model
// SubroomParticipants).
type SubroomParticipants struct {
	SubroomID    string        `json:"subRoomId"`
	Participants []Participant `json:"participants"`
}

// Participant is someone in a room right now (model Participant).
type Participant struct {
	UserID      string `json:"userId"`
	DisplayName string `json:"displayName"`
	// InWaitingRoom: not yet admitted to the subroom.
	InWaitingRoom bool `json:"inWaitingRoom"`
	// IsDialIn: connected by phone.
	IsDialIn    bool `json:"isDialIn"`
	IsGuest     bool `json:"isGuest"`
	IsSpectator bool `json:"isSpectator"`
	OnBreak     bool `json:"onBreak"`
}

// RoomTypeData is a room type of the company's plan and how much of it is
// used (model RoomTypeData).
type RoomTypeData struct {
	Name string `json:"name"`
	// Total is how many rooms of the type the plan allows, Used how many
	// exist.
	Total                        int64 `json:"total"`
	Used                         int64 `json:"used"`
	MaxActiveParticipants        int32 `json:"maxActiveParticipants"`
	MaxSpectatorOnlyParticipants int32 `json:"maxSpectatorOnlyParticipants"`
	MaxSubrooms                  int32 `json:"maxSubRooms"`
}

var (
	opListParticipants = op("rooms.listParticipants", http.MethodGet)
	opListRoomTypes    = op("rooms.listTypes", http.MethodGet)
)

// ListParticipants returns who is in room roomID right now, by subroom.
func (s *RoomsService) ListParticipants(ctx context.Context, roomID string, opts ...CallOption) ([]SubroomParticipants, error) {
	if err := check(opListParticipants).NotEmpty("roomID", roomID).Err(); err != nil {
		return nil, err
	}
	return list[SubroomParticipants](ctx, s.c, &transport.Request{Op: opListParticipants, Path: []string{"v2", "rooms", roomID, "participants"}}, opts)
}

// ListTypes returns the room types of the company's plan (GET
// /v2/room-types).
func (s *RoomsService) ListTypes(ctx context.Context, opts ...CallOption) ([]RoomTypeData, error) {
	return list[RoomTypeData](ctx, s.c, &transport.Request{Op: opListRoomTypes, Path: []string{"v2", "room-types"}}, opts)
}
