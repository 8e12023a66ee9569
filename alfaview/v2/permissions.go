package alfaview

import (
	"context"
	"net/http"

	"github.com/grantkit/grantkit-go/internal/transport"
	"github.com/grantkit/grantkit-go/internal/validate"
)

// Permissions are what someone may do in a room (model Permissions). When
// sent, every flag is: false denies.
type Permissions struct {
	// Admin lets them edit or delete the room, change its settings and
	// features and manage its guests.
	Admin   bool `json:"admin"`
	Chat    bool `json:"chat"`
	Join    bool `json:"join"`
	Promote bool `json:"promote"`
	Screen  bool `json:"screen"`
	Upload  bool `json:"upload"`
	Video   bool `json:"video"`
	VIP     bool `json:"vip"`
	Voice   bool `json:"voice"`
}

// PermissionsEdit changes some of someone's permissions in a room (model
// PermissionsEdit); nil flags stay as they are.
type PermissionsEdit struct {
	Admin   *bool `json:"admin,omitempty"`
	Chat    *bool `json:"chat,omitempty"`
	Join    *bool `json:"join,omitempty"`
	Promote *bool `json:"promote,omitempty"`
	Screen  *bool `json:"screen,omitempty"`
	Upload  *bool `json:"upload,omitempty"`
	Video   *bool `json:"video,omitempty"`
	VIP     *bool `json:"vip,omitempty"`
	Voice   *bool `json:"voice,omitempty"`
}

// ParticipantPermissions are the permissions of one user, group link or
// guest link in a room (model ParticipantPermissions).
type ParticipantPermissions struct {
	// ParticipantID is the user's, group link's or guest link's id.
	ParticipantID string      `json:"participantId"`
	Permissions   Permissions `json:"permissions"`
}

// RoomPermissions are the permissions set in a room (model
// RoomPermissions).
type RoomPermissions struct {
	UserPermissions      []ParticipantPermissions `json:"userPermissions"`
	GroupLinkPermissions []ParticipantPermissions `json:"groupLinkPermissions"`
	GuestLinkPermissions []ParticipantPermissions `json:"guestLinkPermissions"`
}

var (
	opListPermissions  = op("rooms.listPermissions", http.MethodGet)
	opCreatePermission = createOp("rooms.createPermissions")
	opUpdatePermission = op("rooms.updatePermissions", http.MethodPatch)
	opDeletePermission = deleteOp("rooms.deletePermissions")
)

// ListPermissions returns the permissions set in room roomID.
func (s *RoomsService) ListPermissions(ctx context.Context, roomID string, opts ...CallOption) (*RoomPermissions, error) {
	if err := check(opListPermissions).NotEmpty("roomID", roomID).Err(); err != nil {
		return nil, err
	}
	return object[RoomPermissions](ctx, s.c, &transport.Request{Op: opListPermissions, Path: permissionsPath(roomID)}, opts)
}

// CreatePermissions gives p.ParticipantID (a user) permissions p.Permissions
// in room roomID. Like every create it is not retried once the request may
// have reached alfaview.
func (s *RoomsService) CreatePermissions(ctx context.Context, roomID string, p *ParticipantPermissions, opts ...CallOption) error {
	v := check(opCreatePermission).NotEmpty("roomID", roomID).Check(p != nil, "p", "must not be nil")
	if p != nil {
		v.NotEmpty("ParticipantID", p.ParticipantID)
	}
	if err := v.Err(); err != nil {
		return err
	}
	return s.c.do(ctx, &transport.Request{Op: opCreatePermission, Path: permissionsPath(roomID), Body: p}, nil, opts)
}

// UpdatePermissions changes the permissions e sets of user userID in room
// roomID.
func (s *RoomsService) UpdatePermissions(ctx context.Context, roomID, userID string, e *PermissionsEdit, opts ...CallOption) error {
	v := check(opUpdatePermission).NotEmpty("roomID", roomID).NotEmpty("userID", userID).Check(e != nil, "e", "must not be nil")
	if err := v.Err(); err != nil {
		return err
	}
	return s.c.do(ctx, &transport.Request{Op: opUpdatePermission, Path: append(permissionsPath(roomID), userID), Body: e}, nil, opts)
}

// DeletePermissions removes the permissions of user userID in room roomID.
// A retry that finds them gone succeeds: the attempt whose answer was lost
// removed them.
func (s *RoomsService) DeletePermissions(ctx context.Context, roomID, userID string, opts ...CallOption) error {
	if err := check(opDeletePermission).NotEmpty("roomID", roomID).NotEmpty("userID", userID).Err(); err != nil {
		return err
	}
	return s.c.do(ctx, &transport.Request{Op: opDeletePermission, Path: append(permissionsPath(roomID), userID)}, nil, opts)
}

func permissionsPath(roomID string) []string { return []string{"v2", "rooms", roomID, "permissions"} }

func checkParticipantPermissions(v *validate.Checker, field string, ps []ParticipantPermissions) {
	for i, p := range ps {
		v.NotEmpty(indexed(field, i)+".ParticipantID", p.ParticipantID)
	}
}

// PermissionGroupsService lists permission groups (GET
// /v2/permission-groups, in the official SDK's RoomsApi). Reach it as
// Client.PermissionGroups.
type PermissionGroupsService struct{ c *Client }

// PermissionGroup is a named set of permissions, such as Moderator or
// Participant, that links refer to by ID (model PermissionGroup).
type PermissionGroup struct {
	ID          string      `json:"id"`
	Name        string      `json:"name"`
	Permissions Permissions `json:"permissions"`
}

var opListPermissionGroups = op("permissionGroups.list", http.MethodGet)

// List returns the permission groups, in alfaview's order.
func (s *PermissionGroupsService) List(ctx context.Context, opts ...CallOption) ([]PermissionGroup, error) {
	return list[PermissionGroup](ctx, s.c, &transport.Request{Op: opListPermissionGroups, Path: []string{"v2", "permission-groups"}}, opts)
}
