package alfaviewtest

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
)

// defaultQuotas are a new room's quotas when RoomCreate has none: 50 active
// and no spectator-only participants, the default the SDK's README names;
// 25 video tiles per page is inferred.
var defaultQuotas = RoomQuotas{ActiveParticipants: 50, MaxVideoTilesPerPage: 25, SpectatorOnlyParticipants: 0}

// defaultFeatures has every feature at "default", which RoomCreate assumes
// "if no state is specified for a feature".
func defaultFeatures() RoomFeatures {
	var f RoomFeatures
	for _, p := range f.states() {
		*p = FeatureDefault
	}
	return f
}

// states lists f's fields in the order of featureNames.
func (f *RoomFeatures) states() []*FeatureState {
	return []*FeatureState{&f.AllowCopyRoomInfo, &f.BlockWebclient, &f.CenteredVideoGrid, &f.DisableCameraOff,
		&f.DisableJoinAndLeaveNotifications, &f.DisableMiniWindow, &f.RaiseHands, &f.ShareContentOnlyToModerators,
		&f.ShowRaisedHandsOnlyToModerators, &f.SixteenByNineVideos, &f.SortVideoGridAlphabetically}
}

// apply sets the features that edit names (model RoomFeaturesEdit: absent
// or null leaves a feature as it is).
func (f *RoomFeatures) apply(edit map[string]*string) {
	for i, p := range f.states() {
		if v := edit[featureNames[i]]; v != nil {
			*p = FeatureState(*v)
		}
	}
}

// render is the room as the API shows it, sharing nothing with the store.
// s.mu is held.
func (s *Server) render(r *roomRec) Room {
	out := r.Room
	if r.DefaultPermissions != nil {
		p := *r.DefaultPermissions
		out.DefaultPermissions = &p
	}
	out.Subrooms = append([]Subroom{}, r.Subrooms...)
	perms := s.roomPermissions(r)
	out.UserPermissions, out.GroupLinkPermissions, out.GuestLinkPermissions = perms.UserPermissions, perms.GroupLinkPermissions, perms.GuestLinkPermissions
	return out
}

type idJSON struct {
	ID string `json:"id"`
}

// listRooms is GET /v2/rooms (roomTypes, pageToken, limit →
// PaginatedBodyListRoom), rooms in creation order.
func (s *Server) listRooms(c *call) (reply, *problem) {
	q := c.query()
	types := q.list("roomTypes", RoomTypeDepartment, RoomTypeRoom, RoomTypeMeeting)
	limit := q.limit(50, 50)
	scope := "rooms|" + strings.Join(types, ",")
	from := q.pageToken(scope)
	if p := q.problem(); p != nil {
		return fail(p)
	}
	return ok(pageOf(s.rooms, func(r *roomRec) int64 { return r.seq }, from, limit,
		func(r *roomRec) bool { return len(types) == 0 || slices.Contains(types, r.Type) },
		scope, func(r *roomRec) any { return s.render(r) }))
}

// getRoom is GET /v2/rooms/{id} → Room.
func (s *Server) getRoom(c *call) (reply, *problem) {
	r, p := s.findRoom(c.r.PathValue("id"))
	if p != nil {
		return fail(p)
	}
	return ok(s.render(r))
}

type roomCreateIn struct {
	DefaultPermissions *Permissions              `json:"defaultPermissions"`
	DisplayName        string                    `json:"displayName"`
	Features           map[string]*string        `json:"features"`
	ParentID           *string                   `json:"parentId"`
	Permissions        *[]ParticipantPermissions `json:"permissions"`
	Quotas             *RoomQuotas               `json:"quotas"`
	Subrooms           []struct {
		DisplayName *string `json:"displayName"`
	} `json:"subrooms"`
	Type                   string  `json:"type"`
	WaitingRoomEnabled     bool    `json:"waitingRoomEnabled"`
	WaitingRoomWelcomeNote *string `json:"waitingRoomWelcomeNote"`
}

// createRoom is POST /v2/rooms (RoomCreate → 201 ID). Beyond the schema it
// checks, with 422 (inferred): a parent that exists and is a department,
// no waiting room in a department (model Room), quotas and subrooms within
// the room type's maximums (model RoomTypeData), permissions of known
// users.
func (s *Server) createRoom(c *call) (reply, *problem) {
	var in roomCreateIn
	if p := c.decode(roomCreateSchema, &in); p != nil {
		return fail(p)
	}
	var errs []errorDetail
	parentID := deref(in.ParentID)
	if parentID != "" {
		switch parent := s.room(parentID); {
		case parent == nil:
			errs = append(errs, errorDetail{"body.parentId", "parent room not found", parentID})
		case parent.Type != RoomTypeDepartment:
			errs = append(errs, errorDetail{"body.parentId", "the parent room must be a department", parentID})
		}
	}
	quotas := defaultQuotas
	if in.Quotas != nil {
		quotas = *in.Quotas
	}
	errs = append(errs, s.roomRules(in.Type, &in.WaitingRoomEnabled, in.Quotas, len(in.Subrooms), in.Permissions)...)
	if len(errs) > 0 {
		return fail(invalid(errs...))
	}
	r := s.newRoom(in.Type, in.DisplayName, c.ses.userID)
	r.ParentID = parentID
	r.DefaultPermissions = in.DefaultPermissions
	r.Features.apply(in.Features)
	r.Quotas = quotas
	r.WaitingRoomEnabled = in.WaitingRoomEnabled
	r.WaitingRoomWelcomeNote = deref(in.WaitingRoomWelcomeNote)
	for _, sub := range in.Subrooms {
		s.addSubroom(r, deref(sub.DisplayName))
	}
	if in.Permissions != nil {
		r.perms = *in.Permissions
	}
	s.MarkApplied(OpRoomsCreate)
	return created(idJSON{r.ID})
}

// newRoom stores a room with the defaults the API applies. s.mu is held.
func (s *Server) newRoom(typ, displayName, createdBy string) *roomRec {
	r := &roomRec{
		Room: Room{ID: s.ids.UUID(), DisplayName: displayName, Type: typ, CreatedAt: s.now(), CreatedBy: createdBy,
			Features: defaultFeatures(), Quotas: defaultQuotas, Sort: len(s.rooms)},
		seq:          s.next(),
		lang:         LanguageSettings{TranscriptionType: TranscriptionSimple},
		participants: map[string][]Participant{},
	}
	s.rooms = append(s.rooms, r)
	return r
}

func (s *Server) addSubroom(r *roomRec, displayName string) string {
	id := s.ids.UUID()
	r.Subrooms = append(r.Subrooms, Subroom{ID: id, DisplayName: displayName, Sort: len(r.Subrooms)})
	return id
}

// roomRules checks what the schema cannot for a room of type typ; nil
// arguments were not in the request.
func (s *Server) roomRules(typ string, waiting *bool, quotas *RoomQuotas, subrooms int, perms *[]ParticipantPermissions) []errorDetail {
	var errs []errorDetail
	if typ == RoomTypeDepartment && waiting != nil && *waiting {
		errs = append(errs, errorDetail{"body.waitingRoomEnabled", "rooms of the type 'department' cannot have a waiting room", true})
	}
	limits := roomTypeLimits[typ]
	if quotas != nil {
		if quotas.ActiveParticipants > limits.maxActive {
			errs = append(errs, errorDetail{"body.quotas.activeParticipants", fmt.Sprintf("expected number <= %d", limits.maxActive), quotas.ActiveParticipants})
		}
		if quotas.SpectatorOnlyParticipants > limits.maxSpectator {
			errs = append(errs, errorDetail{"body.quotas.spectatorOnlyParticipants", fmt.Sprintf("expected number <= %d", limits.maxSpectator), quotas.SpectatorOnlyParticipants})
		}
	}
	if subrooms > limits.maxSubrooms {
		errs = append(errs, errorDetail{"body.subrooms", fmt.Sprintf("expected array length <= %d", limits.maxSubrooms), subrooms})
	}
	if perms != nil {
		seen := map[string]bool{}
		for i, p := range *perms {
			loc := fmt.Sprintf("body.permissions[%d].participantId", i)
			switch {
			case s.user(p.ParticipantID) == nil:
				errs = append(errs, errorDetail{loc, "unknown user", p.ParticipantID})
			case seen[p.ParticipantID]:
				errs = append(errs, errorDetail{loc, "duplicate participant", p.ParticipantID})
			}
			seen[p.ParticipantID] = true
		}
	}
	return errs
}

type subroomItemIn struct {
	DisplayName *string `json:"displayName"`
	ID          *string `json:"id"`
}

type roomUpdateIn struct {
	DefaultPermissions     *Permissions              `json:"defaultPermissions"`
	DisplayName            *string                   `json:"displayName"`
	Features               *RoomFeatures             `json:"features"`
	Permissions            *[]ParticipantPermissions `json:"permissions"`
	Quotas                 *RoomQuotas               `json:"quotas"`
	Subrooms               *[]subroomItemIn          `json:"subrooms"`
	WaitingRoomEnabled     *bool                     `json:"waitingRoomEnabled"`
	WaitingRoomWelcomeNote *string                   `json:"waitingRoomWelcomeNote"`
}

// updateRoom is PATCH /v2/rooms/{id} (RoomUpdate → 204). Fields left out
// (or null) stay; nested objects and lists are replaced whole, as the SDK
// says: permissions and subrooms not in their list are deleted, subrooms
// without an id are created, an id the room does not have is 422.
func (s *Server) updateRoom(c *call) (reply, *problem) {
	var in roomUpdateIn
	if p := c.decode(roomUpdateSchema, &in); p != nil {
		return fail(p)
	}
	r, p := s.findRoom(c.r.PathValue("id"))
	if p != nil {
		return fail(p)
	}
	if p := c.canManage(r); p != nil {
		return fail(p)
	}
	subrooms := -1
	if in.Subrooms != nil {
		subrooms = len(*in.Subrooms)
	}
	errs := s.roomRules(r.Type, in.WaitingRoomEnabled, in.Quotas, subrooms, in.Permissions)
	if in.Subrooms != nil {
		errs = append(errs, subroomIDRules(r, *in.Subrooms)...)
	}
	if len(errs) > 0 {
		return fail(invalid(errs...))
	}
	before := s.render(r)
	if in.DefaultPermissions != nil {
		r.DefaultPermissions = in.DefaultPermissions
	}
	setIf(&r.DisplayName, in.DisplayName)
	setIf(&r.Features, in.Features)
	setIf(&r.perms, in.Permissions)
	setIf(&r.Quotas, in.Quotas)
	setIf(&r.WaitingRoomEnabled, in.WaitingRoomEnabled)
	setIf(&r.WaitingRoomWelcomeNote, in.WaitingRoomWelcomeNote)
	if in.Subrooms != nil {
		s.replaceSubrooms(r, *in.Subrooms)
	}
	if !reflect.DeepEqual(before, s.render(r)) {
		s.MarkApplied(OpRoomsUpdate)
	}
	return done()
}

func subroomIDRules(r *roomRec, items []subroomItemIn) []errorDetail {
	var errs []errorDetail
	seen := map[string]bool{}
	for i, it := range items {
		id := deref(it.ID)
		if id == "" {
			continue
		}
		loc := fmt.Sprintf("body.subrooms[%d].id", i)
		switch {
		case !slices.ContainsFunc(r.Subrooms, func(sub Subroom) bool { return sub.ID == id }):
			errs = append(errs, errorDetail{loc, "unknown subroom", id})
		case seen[id]:
			errs = append(errs, errorDetail{loc, "duplicate subroom", id})
		}
		seen[id] = true
	}
	return errs
}

// replaceSubrooms makes items the room's subrooms, in their order; the
// participants of a removed subroom leave with it. s.mu is held.
func (s *Server) replaceSubrooms(r *roomRec, items []subroomItemIn) {
	old := r.Subrooms
	r.Subrooms = nil
	for _, it := range items {
		id := deref(it.ID)
		if id == "" {
			s.addSubroom(r, deref(it.DisplayName))
			continue
		}
		i := slices.IndexFunc(old, func(sub Subroom) bool { return sub.ID == id })
		sub := old[i]
		setIf(&sub.DisplayName, it.DisplayName)
		sub.Sort = len(r.Subrooms)
		r.Subrooms = append(r.Subrooms, sub)
	}
	for _, sub := range old {
		if !slices.ContainsFunc(r.Subrooms, func(kept Subroom) bool { return kept.ID == sub.ID }) {
			delete(r.participants, sub.ID)
		}
	}
}

// deleteRoom is DELETE /v2/rooms/{id} → 204, with the room's links. A
// department that still holds rooms is 409 (inferred). A meeting whose room
// is deleted stays, with roomAvailable false.
func (s *Server) deleteRoom(c *call) (reply, *problem) {
	r, p := s.findRoom(c.r.PathValue("id"))
	if p != nil {
		return fail(p)
	}
	if p := c.canManage(r); p != nil {
		return fail(p)
	}
	if slices.ContainsFunc(s.rooms, func(child *roomRec) bool { return child.ParentID == r.ID }) {
		return fail(conflict("room %s still holds rooms", r.ID))
	}
	s.rooms = slices.DeleteFunc(s.rooms, func(x *roomRec) bool { return x == r })
	s.groupLinks = slices.DeleteFunc(s.groupLinks, func(l *groupLinkRec) bool { return l.RoomID == r.ID })
	s.guestLinks = slices.DeleteFunc(s.guestLinks, func(l *guestLinkRec) bool { return l.RoomID == r.ID })
	s.MarkApplied(OpRoomsDelete)
	return done()
}

// listSubrooms is GET /v2/rooms/{roomId}/subrooms → Subroom[].
func (s *Server) listSubrooms(c *call) (reply, *problem) {
	r, p := s.findRoom(c.r.PathValue("roomId"))
	if p != nil {
		return fail(p)
	}
	return ok(append([]Subroom{}, r.Subrooms...))
}

type subroomEditIn struct {
	DisplayName *string `json:"displayName"`
}

// createSubroom is POST /v2/rooms/{roomId}/subrooms (SubroomEdit → 201
// ID). A room at its type's maximum of subrooms is 422 (inferred).
func (s *Server) createSubroom(c *call) (reply, *problem) {
	var in subroomEditIn
	if p := c.decode(subroomEditSchema, &in); p != nil {
		return fail(p)
	}
	r, p := s.findRoom(c.r.PathValue("roomId"))
	if p != nil {
		return fail(p)
	}
	if p := c.canManage(r); p != nil {
		return fail(p)
	}
	if max := roomTypeLimits[r.Type].maxSubrooms; len(r.Subrooms) >= max {
		return fail(invalidAt("body", fmt.Sprintf("room %s already has the %d subrooms its type allows", r.ID, max), nil))
	}
	id := s.addSubroom(r, deref(in.DisplayName))
	s.MarkApplied(OpRoomsCreateSubroom)
	return created(idJSON{id})
}

// subroom finds the path's room and subroom, for a change.
func (s *Server) subroom(c *call) (*roomRec, int, *problem) {
	r, p := s.findRoom(c.r.PathValue("roomId"))
	if p != nil {
		return nil, 0, p
	}
	if p := c.canManage(r); p != nil {
		return nil, 0, p
	}
	id := c.r.PathValue("subroomId")
	i := slices.IndexFunc(r.Subrooms, func(sub Subroom) bool { return sub.ID == id })
	if i < 0 {
		return nil, 0, notFound("subroom " + id)
	}
	return r, i, nil
}

// updateSubroom is PATCH /v2/rooms/{roomId}/subrooms/{subroomId}
// (SubroomEdit → 204).
func (s *Server) updateSubroom(c *call) (reply, *problem) {
	var in subroomEditIn
	if p := c.decode(subroomEditSchema, &in); p != nil {
		return fail(p)
	}
	r, i, p := s.subroom(c)
	if p != nil {
		return fail(p)
	}
	if in.DisplayName != nil && *in.DisplayName != r.Subrooms[i].DisplayName {
		r.Subrooms[i].DisplayName = *in.DisplayName
		s.MarkApplied(OpRoomsUpdateSubroom)
	}
	return done()
}

// deleteSubroom is DELETE /v2/rooms/{roomId}/subrooms/{subroomId} → 204.
func (s *Server) deleteSubroom(c *call) (reply, *problem) {
	r, i, p := s.subroom(c)
	if p != nil {
		return fail(p)
	}
	delete(r.participants, r.Subrooms[i].ID)
	r.Subrooms = slices.Delete(r.Subrooms, i, i+1)
	s.MarkApplied(OpRoomsDeleteSubroom)
	return done()
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// setIf sets *dst to *v when v is not nil.
func setIf[T any](dst *T, v *T) {
	if v != nil {
		*dst = *v
	}
}
