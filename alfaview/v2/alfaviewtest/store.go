package alfaviewtest

import (
	"bytes"
	"encoding/json"
	"fmt"
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

// newUUID returns a version 4 UUID from the fake's seeded generator, the
// form of the SDK's example ids. s.mu is held (or the server is not
// serving yet).
func (s *Server) newUUID() string {
	var b [16]byte
	for i := range 2 {
		v := s.ids.Uint64()
		for j := range 8 {
			b[i*8+j] = byte(v >> (8 * j))
		}
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

const keyAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

// newAccessKey returns 32 characters of keyAlphabet, the shape of the JSON
// v1 API's access keys (inferred to carry over). s.mu is held.
func (s *Server) newAccessKey() string {
	b := make([]byte, 32)
	for i := range b {
		b[i] = keyAlphabet[s.ids.IntN(len(keyAlphabet))]
	}
	return string(b)
}

// newDialInCode returns eight decimal digits (inferred). s.mu is held.
func (s *Server) newDialInCode() string {
	b := make([]byte, 8)
	for i := range b {
		b[i] = byte('0' + s.ids.IntN(10))
	}
	return string(b)
}

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
