package alfaviewtest

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/grantkit/grantkit-go/alfaview"
)

type permissionGroup struct {
	id    string
	name  string
	order int
	role  string
	perms map[string]bool
}

func (g *permissionGroup) public() alfaview.PermissionGroup {
	return alfaview.PermissionGroup{ID: g.id, Name: g.name, Order: g.order, Role: alfaview.Role(g.role), Permissions: maps.Clone(g.perms)}
}

type room struct {
	id          string
	displayName string
	mode        string
	typ         string
	parentID    string
	createdAt   time.Time
	createdBy   string
	managed     bool
}

func (r *room) public() alfaview.Room {
	return alfaview.Room{ID: r.id, DisplayName: r.displayName, Mode: alfaview.RoomMode(r.mode), Type: alfaview.RoomType(r.typ),
		ParentID: r.parentID, CreatedAt: r.createdAt, CreatedBy: r.createdBy, Managed: r.managed}
}

// link is a group link (description set) or a guest link (displayName,
// email, locale set).
type link struct {
	id, roomID                 string
	description                string
	displayName, email, locale string
	sendEmail                  bool
	permissionGroupID          string
	validFrom, validUntil      time.Time
	createdBy                  string
	createdAt                  time.Time
	accessKey                  string
	origin                     string
	dialInAllowed              bool
	dialInCode                 string
}

// joinLink is the documented format.
func (l *link) joinLink() string {
	return "https://app.alfaview.com/#/join/" + CompanyID + "/" + l.roomID + "/" + l.accessKey + "/v2"
}

func (l *link) groupLink() alfaview.GroupLink {
	return alfaview.GroupLink{ID: l.id, RoomID: l.roomID, Description: l.description, PermissionGroupID: l.permissionGroupID,
		ValidFrom: l.validFrom, ValidUntil: l.validUntil, CreatedBy: l.createdBy, CreatedAt: l.createdAt,
		JoinLink: l.joinLink(), AccessKey: l.accessKey, Origin: l.origin, DialInAllowed: l.dialInAllowed, DialInCode: l.dialInCode}
}

func (l *link) guestLink() alfaview.GuestLink {
	return alfaview.GuestLink{ID: l.id, RoomID: l.roomID, DisplayName: l.displayName, Email: l.email, Locale: l.locale,
		PermissionGroupID: l.permissionGroupID, ValidFrom: l.validFrom, ValidUntil: l.validUntil,
		CreatedBy: l.createdBy, CreatedAt: l.createdAt, JoinLink: l.joinLink(), AccessKey: l.accessKey,
		Origin: l.origin, DialInAllowed: l.dialInAllowed, DialInCode: l.dialInCode}
}

// AddPermissionGroup seeds a permission group and returns it with its id.
// It has no role; the seeded groups have theirs.
func (s *Server) AddPermissionGroup(name string, order int, permissions map[string]bool) alfaview.PermissionGroup {
	return s.addPermissionGroup(name, order, "", permissions)
}

func (s *Server) addPermissionGroup(name string, order int, role alfaview.Role, permissions map[string]bool) alfaview.PermissionGroup {
	s.mu.Lock()
	defer s.mu.Unlock()
	g := &permissionGroup{id: s.ids.UUID(), name: name, order: order, role: string(role), perms: maps.Clone(permissions)}
	s.groups = append(s.groups, g)
	return g.public()
}

// PermissionGroupID returns the id of the permission group called name
// (case-insensitive), or "" if there is none.
func (s *Server) PermissionGroupID(name string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, g := range s.groups {
		if strings.EqualFold(g.name, name) {
			return g.id
		}
	}
	return ""
}

// AddRoom seeds a room and returns it as the fake stores it: an empty ID
// gets a fresh UUID, an empty Type ROOM_TYPE_ROOM, an empty Mode
// ROOM_MODE_NORMAL, a zero CreatedAt the clock's now and an empty
// CreatedBy the fake's user. Rooms are listed in the order they were added.
// It panics if a room with r.ID exists.
func (s *Server) AddRoom(r alfaview.Room) alfaview.Room {
	s.mu.Lock()
	defer s.mu.Unlock()
	if r.ID != "" && s.room(r.ID) != nil {
		panic(fmt.Sprintf("alfaviewtest: AddRoom: room %s exists", r.ID))
	}
	rm := s.newRoom(r.DisplayName, string(r.Mode), string(r.Type), r.ParentID)
	if r.ID != "" {
		rm.id = r.ID
	}
	if !r.CreatedAt.IsZero() {
		rm.createdAt = r.CreatedAt.UTC()
	}
	if r.CreatedBy != "" {
		rm.createdBy = r.CreatedBy
	}
	rm.managed = r.Managed
	s.rooms = append(s.rooms, rm)
	return rm.public()
}

// newRoom builds a room with the defaults alfaview applies. s.mu is held.
func (s *Server) newRoom(displayName, mode, typ, parentID string) *room {
	if mode == "" {
		mode = string(alfaview.RoomModeNormal)
	}
	if typ == "" {
		typ = string(alfaview.RoomTypeRoom)
	}
	return &room{id: s.ids.UUID(), displayName: displayName, mode: mode, typ: typ, parentID: parentID,
		createdAt: s.now(), createdBy: s.userID}
}

// Room returns the room with id, if it exists.
func (s *Server) Room(id string) (alfaview.Room, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if r := s.room(id); r != nil {
		return r.public(), true
	}
	return alfaview.Room{}, false
}

// Rooms returns every room in listing order.
func (s *Server) Rooms() []alfaview.Room {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]alfaview.Room, len(s.rooms))
	for i, r := range s.rooms {
		out[i] = r.public()
	}
	return out
}

// GroupLinks returns the group links of room roomID in creation order.
func (s *Server) GroupLinks(roomID string) []alfaview.GroupLink {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]alfaview.GroupLink, 0, len(s.groupLinks[roomID]))
	for _, l := range s.groupLinks[roomID] {
		out = append(out, l.groupLink())
	}
	return out
}

// GuestLinks returns the guest links of room roomID in creation order.
func (s *Server) GuestLinks(roomID string) []alfaview.GuestLink {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]alfaview.GuestLink, 0, len(s.guestLinks[roomID]))
	for _, l := range s.guestLinks[roomID] {
		out = append(out, l.guestLink())
	}
	return out
}

// room returns the room with id or nil. s.mu is held.
func (s *Server) room(id string) *room {
	i := slices.IndexFunc(s.rooms, func(r *room) bool { return r.id == id })
	if i < 0 {
		return nil
	}
	return s.rooms[i]
}

// group returns the permission group with id or nil. s.mu is held.
func (s *Server) group(id string) *permissionGroup {
	i := slices.IndexFunc(s.groups, func(g *permissionGroup) bool { return g.id == id })
	if i < 0 {
		return nil
	}
	return s.groups[i]
}

// now is the fake's clock in UTC, in the whole seconds alfaview stores.
func (s *Server) now() time.Time {
	return s.Clock().Now().UTC().Truncate(time.Second)
}
