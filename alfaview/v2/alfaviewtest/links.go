package alfaviewtest

import (
	"fmt"
	"slices"
	"time"
)

type groupLinkIn struct {
	Description       string     `json:"description"`
	DialInAllowed     bool       `json:"dialInAllowed"`
	PermissionGroupID string     `json:"permissionGroupId"`
	ValidFrom         *time.Time `json:"validFrom"`
	ValidUntil        *time.Time `json:"validUntil"`
}

type guestLinkIn struct {
	DialInAllowed     bool       `json:"dialInAllowed"`
	DisplayName       string     `json:"displayName"`
	EmailAddress      string     `json:"emailAddress"`
	Locale            string     `json:"locale"`
	PermissionGroupID string     `json:"permissionGroupId"`
	SendEmail         bool       `json:"sendEmail"`
	ValidFrom         *time.Time `json:"validFrom"`
	ValidUntil        *time.Time `json:"validUntil"`
}

// linkRules checks what the schema cannot in a link at loc: a permission
// group that exists and a validUntil after validFrom (both 422, inferred).
func (s *Server) linkRules(loc, groupID string, from, until *time.Time) []errorDetail {
	var errs []errorDetail
	if s.group(groupID) == nil {
		errs = append(errs, errorDetail{loc + ".permissionGroupId", "unknown permission group", groupID})
	}
	if from != nil && until != nil && !until.After(*from) {
		errs = append(errs, errorDetail{loc + ".validUntil", "validUntil must be after validFrom", until.Format(time.RFC3339Nano)})
	}
	return errs
}

// timezoneRule checks a time zone as the SDK describes it ("'UTC', 'Local'
// or a TZ identifier from the IANA time zone database", which is what Go's
// time.LoadLocation accepts).
func timezoneRule(loc string, tz *string) []errorDetail {
	if tz == nil {
		return nil
	}
	if _, err := time.LoadLocation(*tz); err != nil || *tz == "" {
		return []errorDetail{{loc, "unknown time zone", *tz}}
	}
	return nil
}

func utc(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

// addGroupLink stores a group link. s.mu is held.
func (s *Server) addGroupLink(roomID, origin, createdBy string, in groupLinkIn) *groupLinkRec {
	l := &groupLinkRec{seq: s.next(), GroupLink: GroupLink{
		ID: s.ids.UUID(), RoomID: roomID, Description: in.Description, PermissionGroupID: in.PermissionGroupID,
		DialInAllowed: in.DialInAllowed, AccessKey: s.newAccessKey(), Origin: origin,
		ValidFrom: utc(in.ValidFrom), ValidUntil: utc(in.ValidUntil), CreatedAt: s.now(), CreatedBy: createdBy,
	}}
	l.JoinLink = joinLink(roomID, l.AccessKey)
	if l.DialInAllowed {
		l.DialInCode = s.newDialInCode()
	}
	s.groupLinks = append(s.groupLinks, l)
	return l
}

// addGuestLink stores a guest link. s.mu is held.
func (s *Server) addGuestLink(roomID, origin, createdBy string, in guestLinkIn) *guestLinkRec {
	l := &guestLinkRec{seq: s.next(), GuestLink: GuestLink{
		ID: s.ids.UUID(), RoomID: roomID, DisplayName: in.DisplayName, EmailAddress: in.EmailAddress,
		Locale: in.Locale, PermissionGroupID: in.PermissionGroupID, DialInAllowed: in.DialInAllowed,
		AccessKey: s.newAccessKey(), Origin: origin, ValidFrom: utc(in.ValidFrom), ValidUntil: utc(in.ValidUntil),
		CreatedAt: s.now(), CreatedBy: createdBy,
	}}
	l.JoinURL = joinLink(roomID, l.AccessKey)
	if l.DialInAllowed {
		l.DialInCode = s.newDialInCode()
	}
	s.guestLinks = append(s.guestLinks, l)
	return l
}

// createGroupLinks is POST /v2/rooms/{roomId}/group-links
// (CreateGroupLinksRequestBody → 201 ID[], in request order). Every link is
// checked before any is made, so a bad one leaves the room as it was.
func (s *Server) createGroupLinks(c *call) (reply, *problem) {
	var in struct {
		Create []groupLinkIn `json:"create"`
		Origin *string       `json:"origin"`
	}
	if p := c.decode(createGroupLinksSchema, &in); p != nil {
		return fail(p)
	}
	r, p := s.managedRoom(c)
	if p != nil {
		return fail(p)
	}
	var errs []errorDetail
	for i, l := range in.Create {
		errs = append(errs, s.linkRules(fmt.Sprintf("body.create[%d]", i), l.PermissionGroupID, l.ValidFrom, l.ValidUntil)...)
	}
	if len(errs) > 0 {
		return fail(invalid(errs...))
	}
	ids := make([]idJSON, len(in.Create))
	for i, l := range in.Create {
		ids[i] = idJSON{s.addGroupLink(r.ID, deref(in.Origin), c.ses.userID, l).ID}
	}
	s.MarkApplied(OpGroupLinksCreate)
	return created(ids)
}

// createGuestLinks is POST /v2/rooms/{roomId}/guest-links
// (CreateGuestLinksRequestBody → 201 ID[], in request order).
func (s *Server) createGuestLinks(c *call) (reply, *problem) {
	var in struct {
		Create   []guestLinkIn `json:"create"`
		Origin   *string       `json:"origin"`
		Timezone *string       `json:"timezone"`
	}
	if p := c.decode(createGuestLinksSchema, &in); p != nil {
		return fail(p)
	}
	r, p := s.managedRoom(c)
	if p != nil {
		return fail(p)
	}
	errs := timezoneRule("body.timezone", in.Timezone)
	for i, l := range in.Create {
		errs = append(errs, s.linkRules(fmt.Sprintf("body.create[%d]", i), l.PermissionGroupID, l.ValidFrom, l.ValidUntil)...)
	}
	if len(errs) > 0 {
		return fail(invalid(errs...))
	}
	ids := make([]idJSON, len(in.Create))
	for i, l := range in.Create {
		ids[i] = idJSON{s.addGuestLink(r.ID, deref(in.Origin), c.ses.userID, l).ID}
	}
	s.MarkApplied(OpGuestLinksCreate)
	return created(ids)
}

// listGroupLinks is GET /v2/group-links and GET
// /v2/rooms/{roomId}/group-links (pageToken, limit →
// PaginatedBodyListGroupLink).
func (s *Server) listGroupLinks(c *call) (reply, *problem) {
	return listLinks(c, s.groupLinks, "group-links")
}

// listGuestLinks is GET /v2/guest-links and GET
// /v2/rooms/{roomId}/guest-links (→ PaginatedBodyListGuestLink).
func (s *Server) listGuestLinks(c *call) (reply, *problem) {
	return listLinks(c, s.guestLinks, "guest-links")
}

// listLinks answers a link list, in creation order: a room's when the path
// names one, else the company's (lib/Api: limit 100 by default, at most
// 500). A room that does not exist has no links: "Returns an empty array
// if the room does not exist" (the SDK's listGroupLinksForRoom and
// listGuestLinksForRoom).
func listLinks[L storedLink](c *call, links []L, list string) (reply, *problem) {
	roomID := c.r.PathValue("roomId")
	q := c.query()
	limit := q.limit(100, 500)
	scope := list + "|" + roomID
	from := q.pageToken(scope)
	if p := q.problem(); p != nil {
		return fail(p)
	}
	return ok(pageOf(links, func(l L) int64 { return l.order() }, from, limit,
		func(l L) bool { return roomID == "" || l.roomOf() == roomID },
		scope, func(l L) any { return l.answer() }))
}

// getGroupLink is GET /v2/group-links/{id} → GroupLink.
func (s *Server) getGroupLink(c *call) (reply, *problem) {
	return getLink(c, s.groupLinks, "group link")
}

// getGuestLink is GET /v2/guest-links/{id} → GuestLink.
func (s *Server) getGuestLink(c *call) (reply, *problem) {
	return getLink(c, s.guestLinks, "guest link")
}

func getLink[L storedLink](c *call, links []L, kind string) (reply, *problem) {
	id := c.r.PathValue("id")
	l, found := findLink(links, id)
	if !found {
		return fail(notFound(kind + " " + id))
	}
	return ok(l.answer())
}

// linkRoom is the room of a link about to change.
func (s *Server) linkRoom(c *call, roomID string) *problem {
	r, p := s.findRoom(roomID)
	if p != nil {
		return p
	}
	return c.canManage(r)
}

type groupLinkUpdateIn struct {
	Description       *string    `json:"description"`
	DialInAllowed     *bool      `json:"dialInAllowed"`
	PermissionGroupID *string    `json:"permissionGroupId"`
	ValidFrom         *time.Time `json:"validFrom"`
	ValidUntil        *time.Time `json:"validUntil"`
}

// updateGroupLink is PATCH /v2/group-links/{id} (GroupLinkUpdate → 204).
// Fields left out or null stay. Allowing dial-in gives the link a code;
// disallowing it clears the code (inferred).
func (s *Server) updateGroupLink(c *call) (reply, *problem) {
	var in groupLinkUpdateIn
	if p := c.decode(groupLinkUpdateSchema, &in); p != nil {
		return fail(p)
	}
	id := c.r.PathValue("id")
	l, found := findLink(s.groupLinks, id)
	if !found {
		return fail(notFound("group link " + id))
	}
	if p := s.linkRoom(c, l.RoomID); p != nil {
		return fail(p)
	}
	next := l.GroupLink
	setIf(&next.Description, in.Description)
	setIf(&next.PermissionGroupID, in.PermissionGroupID)
	next.ValidFrom, next.ValidUntil = pick(next.ValidFrom, in.ValidFrom), pick(next.ValidUntil, in.ValidUntil)
	next.DialInAllowed, next.DialInCode = s.dialIn(next.DialInAllowed, next.DialInCode, in.DialInAllowed)
	if errs := s.linkRules("body", next.PermissionGroupID, next.ValidFrom, next.ValidUntil); len(errs) > 0 {
		return fail(invalid(errs...))
	}
	if !equalJSON(l.GroupLink, next) {
		l.GroupLink = next
		s.MarkApplied(OpGroupLinksUpdate)
	}
	return done()
}

type guestLinkUpdateIn struct {
	DialInAllowed     *bool      `json:"dialInAllowed"`
	DisplayName       string     `json:"displayName"`
	EmailAddress      *string    `json:"emailAddress"`
	Locale            *string    `json:"locale"`
	PermissionGroupID *string    `json:"permissionGroupId"`
	SendEmail         bool       `json:"sendEmail"`
	Timezone          *string    `json:"timezone"`
	ValidFrom         *time.Time `json:"validFrom"`
	ValidUntil        *time.Time `json:"validUntil"`
}

// updateGuestLink is PATCH /v2/guest-links/{id} (GuestLinkUpdate → 204).
// displayName and sendEmail are required there, the rest stays when left
// out.
func (s *Server) updateGuestLink(c *call) (reply, *problem) {
	var in guestLinkUpdateIn
	if p := c.decode(guestLinkUpdateSchema, &in); p != nil {
		return fail(p)
	}
	id := c.r.PathValue("id")
	l, found := findLink(s.guestLinks, id)
	if !found {
		return fail(notFound("guest link " + id))
	}
	if p := s.linkRoom(c, l.RoomID); p != nil {
		return fail(p)
	}
	next := l.GuestLink
	next.DisplayName = in.DisplayName
	setIf(&next.EmailAddress, in.EmailAddress)
	setIf(&next.Locale, in.Locale)
	setIf(&next.PermissionGroupID, in.PermissionGroupID)
	next.ValidFrom, next.ValidUntil = pick(next.ValidFrom, in.ValidFrom), pick(next.ValidUntil, in.ValidUntil)
	next.DialInAllowed, next.DialInCode = s.dialIn(next.DialInAllowed, next.DialInCode, in.DialInAllowed)
	errs := append(timezoneRule("body.timezone", in.Timezone), s.linkRules("body", next.PermissionGroupID, next.ValidFrom, next.ValidUntil)...)
	if len(errs) > 0 {
		return fail(invalid(errs...))
	}
	if !equalJSON(l.GuestLink, next) {
		l.GuestLink = next
		s.MarkApplied(OpGuestLinksUpdate)
	}
	return done()
}

func pick(old, v *time.Time) *time.Time {
	if v == nil {
		return old
	}
	return utc(v)
}

// dialIn applies a change of dialInAllowed to a link's code. s.mu is held.
func (s *Server) dialIn(allowed bool, code string, change *bool) (bool, string) {
	switch {
	case change == nil || *change == allowed:
		return allowed, code
	case *change:
		return true, s.newDialInCode()
	}
	return false, ""
}

// deleteGroupLink is DELETE /v2/rooms/{roomId}/group-links/{id} → 204.
func (s *Server) deleteGroupLink(c *call) (reply, *problem) {
	var p *problem
	if s.groupLinks, p = removeLink(s, c, s.groupLinks, "group link"); p != nil {
		return fail(p)
	}
	s.MarkApplied(OpGroupLinksDelete)
	return done()
}

// deleteGuestLink is DELETE /v2/rooms/{roomId}/guest-links/{id} → 204.
func (s *Server) deleteGuestLink(c *call) (reply, *problem) {
	var p *problem
	if s.guestLinks, p = removeLink(s, c, s.guestLinks, "guest link"); p != nil {
		return fail(p)
	}
	s.MarkApplied(OpGuestLinksDelete)
	return done()
}

// removeLink returns links without the one the path names; a link of
// another room is 404, as a missing one. s.mu is held.
func removeLink[L storedLink](s *Server, c *call, links []L, kind string) ([]L, *problem) {
	r, p := s.managedRoom(c)
	if p != nil {
		return links, p
	}
	id := c.r.PathValue("id")
	l, found := findLink(links, id)
	if !found || l.roomOf() != r.ID {
		return links, notFound(kind + " " + id + " in room " + r.ID)
	}
	return slices.DeleteFunc(links, func(x L) bool { return x == l }), nil
}
