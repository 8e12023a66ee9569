package alfaviewtest

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Seeding is test setup: a seeding method panics on input that could not
// have come from the API, so a broken setup stops the test loudly.

// AddRoom stores a room as if it had been created, and returns it as the
// API shows it. An empty ID gets a fresh one, an empty Type is "room", a
// zero CreatedAt is now, an empty CreatedBy is UserID, and empty Features
// and Quotas get the defaults; subrooms without an ID get one. The
// permission lists are ignored: add user permissions with the API, links
// with AddGroupLink and AddGuestLink. It panics if the ID is taken, the
// type unknown or the parent missing.
func (s *Server) AddRoom(r Room) Room {
	s.mu.Lock()
	defer s.mu.Unlock()
	r.Type = cmp.Or(r.Type, RoomTypeRoom)
	if _, known := roomTypeLimits[r.Type]; !known {
		panic(fmt.Sprintf("alfaviewtest: AddRoom: unknown room type %q", r.Type))
	}
	if r.ID != "" && s.room(r.ID) != nil {
		panic(fmt.Sprintf("alfaviewtest: AddRoom: room %s exists", r.ID))
	}
	if r.ParentID != "" && s.room(r.ParentID) == nil {
		panic(fmt.Sprintf("alfaviewtest: AddRoom: parent room %s does not exist", r.ParentID))
	}
	rec := s.newRoom(r.Type, r.DisplayName, cmp.Or(r.CreatedBy, s.userID))
	rec.ID = cmp.Or(r.ID, rec.ID)
	if !r.CreatedAt.IsZero() {
		rec.CreatedAt = r.CreatedAt.UTC()
	}
	if r.Features != (RoomFeatures{}) {
		rec.Features = r.Features
		for _, p := range rec.Features.states() {
			*p = FeatureState(cmp.Or(string(*p), string(FeatureDefault)))
		}
	}
	if r.Quotas != (RoomQuotas{}) {
		rec.Quotas = r.Quotas
	}
	if r.DefaultPermissions != nil {
		p := *r.DefaultPermissions
		rec.DefaultPermissions = &p
	}
	rec.Managed, rec.ParentID = r.Managed, r.ParentID
	rec.WaitingRoomEnabled, rec.WaitingRoomWelcomeNote = r.WaitingRoomEnabled, r.WaitingRoomWelcomeNote
	for _, sub := range r.Subrooms {
		sub.ID = cmp.Or(sub.ID, s.ids.UUID())
		sub.Sort = len(rec.Subrooms)
		rec.Subrooms = append(rec.Subrooms, sub)
	}
	return s.render(rec)
}

// Room returns the room with id as the API shows it, and whether it exists.
func (s *Server) Room(id string) (Room, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if r := s.room(id); r != nil {
		return s.render(r), true
	}
	return Room{}, false
}

// Rooms returns every room in listing order, meeting rooms included.
func (s *Server) Rooms() []Room {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Room, len(s.rooms))
	for i, r := range s.rooms {
		out[i] = s.render(r)
	}
	return out
}

// LanguageSettings returns a room's language settings, and whether the
// room exists.
func (s *Server) LanguageSettings(roomID string) (LanguageSettings, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.room(roomID)
	if r == nil {
		return LanguageSettings{}, false
	}
	out := r.lang
	out.TargetTranscriptionLanguages = slices.Clone(r.lang.TargetTranscriptionLanguages)
	return out, true
}

// AddParticipant puts someone in a room, in the subroom subroomID or, with
// "", in the main room, for GET /v2/rooms/{id}/participants. It panics if
// the room or subroom does not exist.
func (s *Server) AddParticipant(roomID, subroomID string, p Participant) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.room(roomID)
	if r == nil {
		panic(fmt.Sprintf("alfaviewtest: AddParticipant: room %s does not exist", roomID))
	}
	if subroomID == "" {
		subroomID = r.ID
	} else if !slices.ContainsFunc(r.Subrooms, func(sub Subroom) bool { return sub.ID == subroomID }) {
		panic(fmt.Sprintf("alfaviewtest: AddParticipant: room %s has no subroom %s", roomID, subroomID))
	}
	r.participants[subroomID] = append(r.participants[subroomID], p)
}

// AddAttendance records that user userID was in a room from a.From to a.To,
// for the attendance and statistics reports. It panics if the room does
// not exist or a.To is not after a.From.
func (s *Server) AddAttendance(roomID, userID string, a Attendance) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.room(roomID)
	if r == nil {
		panic(fmt.Sprintf("alfaviewtest: AddAttendance: room %s does not exist", roomID))
	}
	if !a.To.After(a.From) {
		panic("alfaviewtest: AddAttendance: To must be after From")
	}
	a.From, a.To = a.From.UTC(), a.To.UTC()
	r.attendances = append(r.attendances, attendanceRec{userID: userID, Attendance: a})
}

// AddPermissionGroup adds a permission group and returns it with its id.
func (s *Server) AddPermissionGroup(name string, p Permissions) PermissionGroup {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addPermissionGroup(name, p)
}

// PermissionGroups returns the permission groups in listing order.
func (s *Server) PermissionGroups() []PermissionGroup {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.groups)
}

// PermissionGroupID returns the id of the permission group called name
// (case-insensitively), or "" if there is none.
func (s *Server) PermissionGroupID(name string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, g := range s.groups {
		if strings.EqualFold(g.Name, name) {
			return g.ID
		}
	}
	return ""
}

// AddGroupLink stores a group link in a room as if it had been created,
// and returns it. Description, DialInAllowed, PermissionGroupID, Origin,
// ValidFrom and ValidUntil are kept; the rest is filled in. It panics if
// the room or permission group does not exist.
func (s *Server) AddGroupLink(l GroupLink) GroupLink {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.mustLinkTarget("AddGroupLink", l.RoomID, l.PermissionGroupID)
	return s.addGroupLink(l.RoomID, l.Origin, s.userID, groupLinkIn{Description: l.Description, DialInAllowed: l.DialInAllowed,
		PermissionGroupID: l.PermissionGroupID, ValidFrom: l.ValidFrom, ValidUntil: l.ValidUntil}).public()
}

// AddGuestLink stores a guest link like AddGroupLink, keeping DisplayName,
// EmailAddress and Locale too.
func (s *Server) AddGuestLink(l GuestLink) GuestLink {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.mustLinkTarget("AddGuestLink", l.RoomID, l.PermissionGroupID)
	return s.addGuestLink(l.RoomID, l.Origin, s.userID, guestLinkIn{DisplayName: l.DisplayName, EmailAddress: l.EmailAddress,
		Locale: l.Locale, DialInAllowed: l.DialInAllowed, PermissionGroupID: l.PermissionGroupID,
		ValidFrom: l.ValidFrom, ValidUntil: l.ValidUntil}).public()
}

func (s *Server) mustLinkTarget(method, roomID, groupID string) {
	if s.room(roomID) == nil {
		panic(fmt.Sprintf("alfaviewtest: %s: room %s does not exist", method, roomID))
	}
	if s.group(groupID) == nil {
		panic(fmt.Sprintf("alfaviewtest: %s: permission group %s does not exist", method, groupID))
	}
}

// GroupLinks returns the group links of room roomID, or of every room with
// "", in creation order.
func (s *Server) GroupLinks(roomID string) []GroupLink {
	s.mu.Lock()
	defer s.mu.Unlock()
	return linksOf(s.groupLinks, roomID, (*groupLinkRec).public)
}

// GuestLinks returns the guest links of room roomID, or of every room with
// "", in creation order.
func (s *Server) GuestLinks(roomID string) []GuestLink {
	s.mu.Lock()
	defer s.mu.Unlock()
	return linksOf(s.guestLinks, roomID, (*guestLinkRec).public)
}

// AddUser adds a user to the company and returns it; an empty ID gets a
// fresh one. It panics if the ID or the email address is taken.
func (s *Server) AddUser(u User) User {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, o := range s.users {
		if (u.ID != "" && o.ID == u.ID) || strings.EqualFold(o.EmailAddress, u.EmailAddress) {
			panic(fmt.Sprintf("alfaviewtest: AddUser: user %s <%s> exists", o.ID, o.EmailAddress))
		}
	}
	u.ID = cmp.Or(u.ID, s.ids.UUID())
	s.users = append(s.users, &u)
	return u
}

// Users returns the company's users in listing order, the seeded user
// first.
func (s *Server) Users() []User {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]User, len(s.users))
	for i, u := range s.users {
		out[i] = *u
	}
	return out
}

// Invitations returns the accepted invitations in the order they came.
func (s *Server) Invitations() []Invitation {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.invitations)
}

// Meeting returns the meeting with id as its creator would see it now, and
// whether it exists.
func (s *Server) Meeting(id string) (Meeting, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if m := s.meeting(id); m != nil {
		return s.renderMeeting(m), true
	}
	return Meeting{}, false
}

// Meetings returns every meeting in creation order.
func (s *Server) Meetings() []Meeting {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Meeting, len(s.meetings))
	for i, m := range s.meetings {
		out[i] = s.renderMeeting(m)
	}
	return out
}
