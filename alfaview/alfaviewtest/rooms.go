package alfaviewtest

import (
	"bytes"
	"encoding/json"
	"slices"
	"time"
)

type permissionGroupJSON struct {
	Name        string         `json:"name"`
	Order       int            `json:"order"`
	Permissions map[string]any `json:"permissions"`
}

// listPermissionGroups answers a map keyed by id, as alfaview does; Go
// encodes it in key order, which is not the groups' order. The role rides
// in the permissions object, as in alfaview-php-sdk v2.4.4's
// CommonPermissions.
func (s *Server) listPermissionGroups(c *call) {
	s.mu.Lock()
	groups := make(map[string]permissionGroupJSON, len(s.groups))
	for _, g := range s.groups {
		perms := make(map[string]any, len(g.perms)+1)
		for k, v := range g.perms {
			perms[k] = v
		}
		if g.role != "" {
			perms["role"] = g.role
		}
		groups[g.id] = permissionGroupJSON{Name: g.name, Order: g.order, Permissions: perms}
	}
	s.mu.Unlock()
	c.reply(struct {
		ReplyInfo        replyInfo                      `json:"replyInfo"`
		PermissionGroups map[string]permissionGroupJSON `json:"permissionGroups"`
	}{ok(c.requestID), groups})
}

type roomJSON struct {
	DisplayName string `json:"displayName"`
	Mode        string `json:"mode"`
	Type        string `json:"type"`
	ParentID    string `json:"parentId,omitempty"`
	CreatedAt   string `json:"createdAt"`
	CreatedBy   string `json:"createdBy"`
	Managed     bool   `json:"managed"`
}

func (r *room) json() roomJSON {
	return roomJSON{DisplayName: r.displayName, Mode: r.mode, Type: r.typ, ParentID: r.parentID,
		CreatedAt: r.createdAt.Format(time.RFC3339), CreatedBy: r.createdBy, Managed: r.managed}
}

// maxRoomsLimit is the largest page the fake serves; a larger limit is a
// RANGE_ERROR rather than a silently shorter page.
const maxRoomsLimit = 1000

func (s *Server) listRooms(c *call) {
	var req struct {
		Limit           int      `json:"limit"`
		Offset          int      `json:"offset"`
		FilterRoomIDs   []string `json:"filterRoomIds"`
		FilterRoomTypes []string `json:"filterRoomTypes"`
	}
	if !c.decode(&req) {
		return
	}
	if req.Limit < 0 || req.Limit > maxRoomsLimit || req.Offset < 0 {
		c.fail(statusRangeError, "limit must be 0 to 1000 and offset not negative")
		return
	}
	s.mu.Lock()
	var match []*room
	for _, r := range s.rooms {
		if (len(req.FilterRoomIDs) == 0 || slices.Contains(req.FilterRoomIDs, r.id)) &&
			(len(req.FilterRoomTypes) == 0 || slices.Contains(req.FilterRoomTypes, r.typ)) {
			match = append(match, r)
		}
	}
	page := match[min(req.Offset, len(match)):]
	if req.Limit > 0 {
		page = page[:min(req.Limit, len(page))]
	}
	// The rooms object is written by hand: alfaview's keys come in the
	// rooms' order, which a Go map would not keep.
	var rooms bytes.Buffer
	rooms.WriteByte('{')
	for i, r := range page {
		if i > 0 {
			rooms.WriteByte(',')
		}
		key, _ := json.Marshal(r.id)
		val, _ := json.Marshal(r.json())
		rooms.Write(key)
		rooms.WriteByte(':')
		rooms.Write(val)
	}
	rooms.WriteByte('}')
	s.mu.Unlock()
	c.reply(struct {
		ReplyInfo replyInfo       `json:"replyInfo"`
		Rooms     json.RawMessage `json:"rooms"`
	}{ok(c.requestID), rooms.Bytes()})
}

func (s *Server) createRoom(c *call) {
	var req struct {
		Room struct {
			DisplayName string `json:"displayName"`
			Mode        string `json:"mode"`
			Type        string `json:"type"`
			ParentID    string `json:"parentId"`
		} `json:"room"`
		SkipDefaultSubrooms bool `json:"skipDefaultSubrooms"`
	}
	if !c.decode(&req) {
		return
	}
	if req.Room.DisplayName == "" {
		c.fail(statusInvalidArgument, "room.displayName is required")
		return
	}
	s.mu.Lock()
	if req.Room.ParentID != "" && s.room(req.Room.ParentID) == nil {
		s.mu.Unlock()
		c.fail(statusRoomNotFound, "parent room not found")
		return
	}
	r := s.newRoom(req.Room.DisplayName, req.Room.Mode, req.Room.Type, req.Room.ParentID)
	r.createdBy = c.userID
	s.rooms = append(s.rooms, r)
	s.mu.Unlock()
	s.MarkApplied("rooms.create")
	c.reply(struct {
		ReplyInfo replyInfo `json:"replyInfo"`
		RoomID    string    `json:"roomId"`
		Room      roomJSON  `json:"room"`
	}{ok(c.requestID), r.id, r.json()})
}

func (s *Server) destroyRoom(c *call) {
	var req struct {
		RoomID string `json:"roomId"`
	}
	if !c.decode(&req) {
		return
	}
	s.mu.Lock()
	i := slices.IndexFunc(s.rooms, func(r *room) bool { return r.id == req.RoomID })
	if i < 0 {
		s.mu.Unlock()
		c.fail(statusRoomNotFound, "room not found")
		return
	}
	s.rooms = slices.Delete(s.rooms, i, i+1)
	delete(s.groupLinks, req.RoomID)
	delete(s.guestLinks, req.RoomID)
	s.mu.Unlock()
	s.MarkApplied("rooms.destroy")
	c.reply(struct {
		ReplyInfo replyInfo `json:"replyInfo"`
	}{ok(c.requestID)})
}
