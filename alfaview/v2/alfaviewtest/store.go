package alfaviewtest

import (
	"bytes"
	"encoding/json"
	"slices"
)

// roomRec is a stored room. Room holds what the API stores; the permission
// lists in it are filled in when the room is read.
type roomRec struct {
	Room
	seq          int64
	perms        []ParticipantPermissions // user permissions, in creation order
	lang         LanguageSettings
	participants map[string][]Participant // by subroom id; the room's own id for the main room
	attendances  []attendanceRec
}

type attendanceRec struct {
	userID string
	Attendance
}

type groupLinkRec struct {
	seq int64
	GroupLink
}

type guestLinkRec struct {
	seq int64
	GuestLink
}

// public copies the link, so that what the fake hands out shares no
// pointer with its store.
func (l *groupLinkRec) public() GroupLink {
	out := l.GroupLink
	out.ValidFrom, out.ValidUntil = utc(l.ValidFrom), utc(l.ValidUntil)
	return out
}

// public copies the link, like groupLinkRec.public.
func (l *guestLinkRec) public() GuestLink {
	out := l.GuestLink
	out.ValidFrom, out.ValidUntil = utc(l.ValidFrom), utc(l.ValidUntil)
	return out
}

// storedLink is what the two kinds of stored link share, so that the
// handlers that treat group and guest links alike are written once.
type storedLink interface {
	comparable
	linkID() string
	roomOf() string
	order() int64
	// answer is the link as the API answers it.
	answer() any
}

func (l *groupLinkRec) linkID() string { return l.ID }
func (l *groupLinkRec) roomOf() string { return l.RoomID }
func (l *groupLinkRec) order() int64   { return l.seq }
func (l *groupLinkRec) answer() any    { return l.public() }

func (l *guestLinkRec) linkID() string { return l.ID }
func (l *guestLinkRec) roomOf() string { return l.RoomID }
func (l *guestLinkRec) order() int64   { return l.seq }
func (l *guestLinkRec) answer() any    { return l.public() }

// findLink is the link with id in links, if there is one.
func findLink[L storedLink](links []L, id string) (L, bool) {
	i := slices.IndexFunc(links, func(l L) bool { return l.linkID() == id })
	if i < 0 {
		var none L
		return none, false
	}
	return links[i], true
}

// linksOf returns the links of room roomID, or of every room with "", in
// creation order, as public copies.
func linksOf[L storedLink, T any](links []L, roomID string, public func(L) T) []T {
	out := []T{}
	for _, l := range links {
		if roomID == "" || l.roomOf() == roomID {
			out = append(out, public(l))
		}
	}
	return out
}

// meetingRec is a stored meeting; the computed fields of Meeting are
// filled in when it is read.
type meetingRec struct {
	Meeting
}

// next returns the next sequence number; 0 is never one. s.mu is held.
func (s *Server) next() int64 {
	s.seq++
	return s.seq
}

func (s *Server) room(id string) *roomRec {
	i := slices.IndexFunc(s.rooms, func(r *roomRec) bool { return r.ID == id })
	if i < 0 {
		return nil
	}
	return s.rooms[i]
}

// findRoom is the room with id or a 404.
func (s *Server) findRoom(id string) (*roomRec, *problem) {
	if r := s.room(id); r != nil {
		return r, nil
	}
	return nil, notFound("room " + id)
}

func (s *Server) group(id string) *PermissionGroup {
	i := slices.IndexFunc(s.groups, func(g PermissionGroup) bool { return g.ID == id })
	if i < 0 {
		return nil
	}
	return &s.groups[i]
}

func (s *Server) user(id string) *User {
	i := slices.IndexFunc(s.users, func(u *User) bool { return u.ID == id })
	if i < 0 {
		return nil
	}
	return s.users[i]
}

func (s *Server) meeting(id string) *meetingRec {
	i := slices.IndexFunc(s.meetings, func(m *meetingRec) bool { return m.ID == id })
	if i < 0 {
		return nil
	}
	return s.meetings[i]
}

// newAccessKey returns 32 letters and digits, the shape of the JSON v1
// API's access keys (inferred to carry over). s.mu is held.
func (s *Server) newAccessKey() string { return s.ids.Key(32) }

// newDialInCode returns eight decimal digits (inferred). s.mu is held.
func (s *Server) newDialInCode() string { return s.ids.Digits(8) }

// joinLink is the join link format of the JSON v1 API's links (vendor note
// alfaview.md), which the v2 SDK does not spell out (inferred to carry
// over, for group and guest links alike).
func joinLink(roomID, accessKey string) string {
	return "https://app.alfaview.com/#/join/" + CompanyID + "/" + roomID + "/" + accessKey + "/v2"
}

// equalJSON reports whether a and b look the same on the wire, which is
// what a change is judged by.
func equalJSON(a, b any) bool {
	ja, errA := json.Marshal(a)
	jb, errB := json.Marshal(b)
	return errA == nil && errB == nil && bytes.Equal(ja, jb)
}
