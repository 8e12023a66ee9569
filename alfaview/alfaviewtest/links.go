package alfaviewtest

import (
	"slices"
	"strings"
	"time"
)

type linkJSON struct {
	ID                string `json:"id"`
	RoomID            string `json:"roomId"`
	Description       string `json:"description,omitempty"`
	DisplayName       string `json:"displayName,omitempty"`
	Email             string `json:"email,omitempty"`
	Locale            string `json:"locale,omitempty"`
	PermissionGroupID string `json:"permissionGroupId"`
	ValidFrom         string `json:"validFrom,omitempty"`
	ValidUntil        string `json:"validUntil,omitempty"`
	CreatedBy         string `json:"createdBy"`
	CreatedAt         string `json:"createdAt"`
	JoinLink          string `json:"joinLink"`
	AccessKey         string `json:"accessKey"`
	Managed           bool   `json:"managed"`
	Origin            string `json:"origin,omitempty"`
	DialInAllowed     bool   `json:"dialInAllowed"`
	DialInCode        string `json:"dialInCode,omitempty"`
}

func wireTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}

func (l *link) json() linkJSON {
	return linkJSON{ID: l.id, RoomID: l.roomID, Description: l.description, DisplayName: l.displayName,
		Email: l.email, Locale: l.locale, PermissionGroupID: l.permissionGroupID,
		ValidFrom: wireTime(l.validFrom), ValidUntil: wireTime(l.validUntil), CreatedBy: l.createdBy,
		CreatedAt: wireTime(l.createdAt), JoinLink: l.joinLink(), AccessKey: l.accessKey, Origin: l.origin,
		DialInAllowed: l.dialInAllowed, DialInCode: l.dialInCode}
}

func linksJSON(links []*link) []linkJSON {
	out := make([]linkJSON, len(links))
	for i, l := range links {
		out[i] = l.json()
	}
	return out
}

// window parses a creation's validity bounds, as alfaview would reject
// them: not RFC 3339, or an end not after the start.
func window(from, until string) (time.Time, time.Time, string) {
	var f, u time.Time
	var err error
	if from != "" {
		if f, err = time.Parse(time.RFC3339, from); err != nil {
			return f, u, "validFrom is not an RFC 3339 time"
		}
	}
	if until != "" {
		if u, err = time.Parse(time.RFC3339, until); err != nil {
			return f, u, "validUntil is not an RFC 3339 time"
		}
	}
	if !f.IsZero() && !u.IsZero() && !u.After(f) {
		return f, u, "validUntil must be after validFrom"
	}
	return f.UTC(), u.UTC(), ""
}

// The creations and requests have the fields of alfaview-php-sdk v2.4.4's
// models. The fake keeps no room permissions, so skipRoomPermissionsUpdate
// changes nothing here, and it sends no email, so neither does timezone.
type groupLinkCreation struct {
	Description               string `json:"description"`
	ValidFrom                 string `json:"validFrom"`
	ValidUntil                string `json:"validUntil"`
	PermissionGroupID         string `json:"permissionGroupId"`
	SkipRoomPermissionsUpdate bool   `json:"skipRoomPermissionsUpdate"`
	AllowDialIn               bool   `json:"allowDialIn"`
}

// createGroupLinks checks every creation before creating any, so a bad one
// leaves the room as it was.
func (s *Server) createGroupLinks(c *call) {
	var req struct {
		RoomID    string              `json:"roomId"`
		Creations []groupLinkCreation `json:"groupLinkCreations"`
		Origin    string              `json:"origin"`
	}
	if !c.decode(&req) {
		return
	}
	links, task, code, problem := s.addGroupLinks(c, req.RoomID, req.Origin, req.Creations)
	if code != "" {
		c.fail(code, problem)
		return
	}
	s.MarkApplied("links.createGroupLinks")
	c.reply(struct {
		ReplyInfo    replyInfo    `json:"replyInfo"`
		TrackingInfo trackingInfo `json:"trackingInfo"`
		GroupLinks   []linkJSON   `json:"groupLinks"`
	}{ok(c.requestID), trackingInfo{task}, links})
}

func (s *Server) addGroupLinks(c *call, roomID, origin string, creations []groupLinkCreation) (out []linkJSON, task, code, problem string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.room(roomID) == nil {
		return nil, "", statusRoomNotFound, "room not found"
	}
	if len(creations) == 0 {
		return nil, "", statusInvalidArgument, "groupLinkCreations is empty"
	}
	links := make([]*link, len(creations))
	for i, cr := range creations {
		from, until, problem := window(cr.ValidFrom, cr.ValidUntil)
		if problem == "" && s.group(cr.PermissionGroupID) == nil {
			problem = "unknown permissionGroupId"
		}
		if problem != "" {
			return nil, "", statusInvalidArgument, problem
		}
		links[i] = s.newLink(c, roomID, origin, cr.PermissionGroupID, from, until, cr.AllowDialIn)
		links[i].description = cr.Description
	}
	s.groupLinks[roomID] = append(s.groupLinks[roomID], links...)
	return linksJSON(links), s.ids.UUID(), "", ""
}

type guestLinkCreation struct {
	Email                     string `json:"email"`
	DisplayName               string `json:"displayName"`
	ValidFrom                 string `json:"validFrom"`
	ValidUntil                string `json:"validUntil"`
	Locale                    string `json:"locale"`
	SendEmail                 bool   `json:"sendEmail"`
	PermissionGroupID         string `json:"permissionGroupId"`
	SkipRoomPermissionsUpdate bool   `json:"skipRoomPermissionsUpdate"`
	AllowDialIn               bool   `json:"allowDialIn"`
}

func (s *Server) createGuestLinks(c *call) {
	var req struct {
		RoomID    string              `json:"roomId"`
		Creations []guestLinkCreation `json:"guestLinkCreations"`
		Origin    string              `json:"origin"`
		Timezone  string              `json:"timezone"`
	}
	if !c.decode(&req) {
		return
	}
	links, task, code, problem := s.addGuestLinks(c, req.RoomID, req.Origin, req.Creations)
	if code != "" {
		c.fail(code, problem)
		return
	}
	s.MarkApplied("links.createGuestLinks")
	c.reply(struct {
		ReplyInfo    replyInfo    `json:"replyInfo"`
		TrackingInfo trackingInfo `json:"trackingInfo"`
		GuestLinks   []linkJSON   `json:"guestLinks"`
	}{ok(c.requestID), trackingInfo{task}, links})
}

func (s *Server) addGuestLinks(c *call, roomID, origin string, creations []guestLinkCreation) (out []linkJSON, task, code, problem string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.room(roomID) == nil {
		return nil, "", statusRoomNotFound, "room not found"
	}
	if len(creations) == 0 {
		return nil, "", statusInvalidArgument, "guestLinkCreations is empty"
	}
	links := make([]*link, len(creations))
	for i, cr := range creations {
		from, until, problem := window(cr.ValidFrom, cr.ValidUntil)
		switch {
		case problem != "":
		case !strings.Contains(cr.Email, "@"):
			problem = "email is not an email address"
		case s.group(cr.PermissionGroupID) == nil:
			problem = "unknown permissionGroupId"
		}
		if problem != "" {
			return nil, "", statusInvalidArgument, problem
		}
		// displayName is optional and locale a free string defaulting to
		// "en" (alfaview's create-guest-links example); the SDK's own test
		// sends "en-US".
		locale := cr.Locale
		if locale == "" {
			locale = "en"
		}
		l := s.newLink(c, roomID, origin, cr.PermissionGroupID, from, until, cr.AllowDialIn)
		l.displayName, l.email, l.locale, l.sendEmail = cr.DisplayName, cr.Email, locale, cr.SendEmail
		links[i] = l
	}
	s.guestLinks[roomID] = append(s.guestLinks[roomID], links...)
	return linksJSON(links), s.ids.UUID(), "", ""
}

// newLink builds a link with a fresh id and 32-character access key. s.mu
// is held.
func (s *Server) newLink(c *call, roomID, origin, groupID string, from, until time.Time, dialIn bool) *link {
	l := &link{id: s.ids.UUID(), roomID: roomID, origin: origin, permissionGroupID: groupID, validFrom: from, validUntil: until,
		createdBy: c.userID, createdAt: s.now(), accessKey: s.ids.Key(32), dialInAllowed: dialIn}
	if dialIn {
		l.dialInCode = s.ids.Digits(8)
	}
	return l
}

// listLinks answers the links of one room, or of every room (in room
// order) when roomId is empty.
func (s *Server) listLinks(c *call, byRoom map[string][]*link, field string) {
	var req struct {
		RoomID string `json:"roomId"`
	}
	if !c.decode(&req) {
		return
	}
	s.mu.Lock()
	var links []*link
	switch {
	case req.RoomID == "":
		for _, r := range s.rooms {
			links = append(links, byRoom[r.id]...)
		}
	case s.room(req.RoomID) == nil:
		s.mu.Unlock()
		c.fail(statusRoomNotFound, "room not found")
		return
	default:
		links = byRoom[req.RoomID]
	}
	out := linksJSON(links)
	s.mu.Unlock()
	c.reply(map[string]any{"replyInfo": ok(c.requestID), field: out})
}

func (s *Server) listGroupLinks(c *call) { s.listLinks(c, s.groupLinks, "groupLinks") }

func (s *Server) listGuestLinks(c *call) { s.listLinks(c, s.guestLinks, "guestLinks") }

func (s *Server) deleteLink(c *call) {
	var req struct {
		RoomID string `json:"roomId"`
		ID     string `json:"id"`
	}
	if !c.decode(&req) {
		return
	}
	task, code, problem := s.removeLink(req.RoomID, req.ID)
	if code != "" {
		c.fail(code, problem)
		return
	}
	s.MarkApplied("links.delete")
	c.reply(struct {
		ReplyInfo    replyInfo    `json:"replyInfo"`
		TrackingInfo trackingInfo `json:"trackingInfo"`
	}{ok(c.requestID), trackingInfo{task}})
}

func (s *Server) removeLink(roomID, id string) (task, code, problem string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.room(roomID) == nil {
		return "", statusRoomNotFound, "room not found"
	}
	for _, byRoom := range []map[string][]*link{s.groupLinks, s.guestLinks} {
		links := byRoom[roomID]
		if i := slices.IndexFunc(links, func(l *link) bool { return l.id == id }); i >= 0 {
			byRoom[roomID] = slices.Delete(links, i, i+1)
			return s.ids.UUID(), "", ""
		}
	}
	return "", statusNotFound, "link not found"
}
