package alfaviewtest

import (
	"slices"
)

// roomPermissionsJSON is model RoomPermissions.
type roomPermissionsJSON struct {
	GroupLinkPermissions []ParticipantPermissions `json:"groupLinkPermissions"`
	GuestLinkPermissions []ParticipantPermissions `json:"guestLinkPermissions"`
	UserPermissions      []ParticipantPermissions `json:"userPermissions"`
}

// roomPermissions lists the room's user permissions as stored and each
// link's permissions as its permission group grants them (inferred: a
// link's rights are its group's). s.mu is held.
func (s *Server) roomPermissions(r *roomRec) roomPermissionsJSON {
	out := roomPermissionsJSON{
		GroupLinkPermissions: []ParticipantPermissions{},
		GuestLinkPermissions: []ParticipantPermissions{},
		UserPermissions:      append([]ParticipantPermissions{}, r.perms...),
	}
	linkPerms := func(id, groupID string) ParticipantPermissions {
		pp := ParticipantPermissions{ParticipantID: id}
		if g := s.group(groupID); g != nil {
			pp.Permissions = g.Permissions
		}
		return pp
	}
	for _, l := range s.groupLinks {
		if l.RoomID == r.ID {
			out.GroupLinkPermissions = append(out.GroupLinkPermissions, linkPerms(l.ID, l.PermissionGroupID))
		}
	}
	for _, l := range s.guestLinks {
		if l.RoomID == r.ID {
			out.GuestLinkPermissions = append(out.GuestLinkPermissions, linkPerms(l.ID, l.PermissionGroupID))
		}
	}
	return out
}

// listPermissions is GET /v2/rooms/{roomId}/permissions → RoomPermissions.
func (s *Server) listPermissions(c *call) (reply, *problem) {
	r, p := s.findRoom(c.r.PathValue("roomId"))
	if p != nil {
		return fail(p)
	}
	return ok(s.roomPermissions(r))
}

// managedRoom finds the path's room for a change.
func (s *Server) managedRoom(c *call) (*roomRec, *problem) {
	r, p := s.findRoom(c.r.PathValue("roomId"))
	if p != nil {
		return nil, p
	}
	if p := c.canManage(r); p != nil {
		return nil, p
	}
	return r, nil
}

// createPermissions is POST /v2/rooms/{roomId}/permissions
// (ParticipantPermissions → 204) for a user of the company ("Creates
// permissions for a user applied in a room"). An unknown user is 422, a
// user who has permissions in the room already is 409 (both inferred).
func (s *Server) createPermissions(c *call) (reply, *problem) {
	var in ParticipantPermissions
	if p := c.decode(participantPermissionsSchema, &in); p != nil {
		return fail(p)
	}
	r, p := s.managedRoom(c)
	if p != nil {
		return fail(p)
	}
	if s.user(in.ParticipantID) == nil {
		return fail(invalidAt("body.participantId", "unknown user", in.ParticipantID))
	}
	if slices.ContainsFunc(r.perms, func(pp ParticipantPermissions) bool { return pp.ParticipantID == in.ParticipantID }) {
		return fail(conflict("user %s has permissions in room %s already", in.ParticipantID, r.ID))
	}
	r.perms = append(r.perms, in)
	s.MarkApplied(OpRoomsCreatePermissions)
	return done()
}

// userPermissions finds the path's room and user's permissions in it.
func (s *Server) userPermissions(c *call) (*roomRec, int, *problem) {
	r, p := s.managedRoom(c)
	if p != nil {
		return nil, 0, p
	}
	id := c.r.PathValue("userId")
	i := slices.IndexFunc(r.perms, func(pp ParticipantPermissions) bool { return pp.ParticipantID == id })
	if i < 0 {
		return nil, 0, notFound("permissions of user " + id + " in room " + r.ID)
	}
	return r, i, nil
}

type permissionsEditIn struct {
	Admin, Chat, Join, Promote, Screen, Upload, Video, VIP, Voice *bool
}

// updatePermissions is PATCH /v2/rooms/{roomId}/permissions/{userId}
// (PermissionsEdit → 204): the permissions given change, the others stay.
func (s *Server) updatePermissions(c *call) (reply, *problem) {
	var in permissionsEditIn
	if p := c.decode(permissionsEditSchema, &in); p != nil {
		return fail(p)
	}
	r, i, p := s.userPermissions(c)
	if p != nil {
		return fail(p)
	}
	perm := &r.perms[i].Permissions
	before := *perm
	setIf(&perm.Admin, in.Admin)
	setIf(&perm.Chat, in.Chat)
	setIf(&perm.Join, in.Join)
	setIf(&perm.Promote, in.Promote)
	setIf(&perm.Screen, in.Screen)
	setIf(&perm.Upload, in.Upload)
	setIf(&perm.Video, in.Video)
	setIf(&perm.VIP, in.VIP)
	setIf(&perm.Voice, in.Voice)
	if *perm != before {
		s.MarkApplied(OpRoomsUpdatePermissions)
	}
	return done()
}

// deletePermissions is DELETE /v2/rooms/{roomId}/permissions/{userId} →
// 204.
func (s *Server) deletePermissions(c *call) (reply, *problem) {
	r, i, p := s.userPermissions(c)
	if p != nil {
		return fail(p)
	}
	r.perms = slices.Delete(r.perms, i, i+1)
	s.MarkApplied(OpRoomsDeletePermissions)
	return done()
}

// getFeatures is GET /v2/rooms/{roomId}/features → RoomFeatures.
func (s *Server) getFeatures(c *call) (reply, *problem) {
	r, p := s.findRoom(c.r.PathValue("roomId"))
	if p != nil {
		return fail(p)
	}
	return ok(r.Features)
}

// updateFeatures is PATCH /v2/rooms/{roomId}/features (RoomFeaturesEdit →
// 204).
func (s *Server) updateFeatures(c *call) (reply, *problem) {
	var in map[string]*string
	if p := c.decode(roomFeaturesEditSchema, &in); p != nil {
		return fail(p)
	}
	r, p := s.managedRoom(c)
	if p != nil {
		return fail(p)
	}
	before := r.Features
	r.Features.apply(in)
	if r.Features != before {
		s.MarkApplied(OpRoomsUpdateFeatures)
	}
	return done()
}

// deleteFeatures is DELETE /v2/rooms/{roomId}/features → 204: every feature
// goes back to "default" (inferred from the name).
func (s *Server) deleteFeatures(c *call) (reply, *problem) {
	r, p := s.managedRoom(c)
	if p != nil {
		return fail(p)
	}
	if r.Features != defaultFeatures() {
		r.Features = defaultFeatures()
		s.MarkApplied(OpRoomsDeleteFeatures)
	}
	return done()
}

// getLanguageSettings is GET /v2/rooms/{roomId}/language-settings →
// LanguageSettings. A new room has transcription off, of type
// simple_transcription, with no languages set (inferred).
func (s *Server) getLanguageSettings(c *call) (reply, *problem) {
	r, p := s.findRoom(c.r.PathValue("roomId"))
	if p != nil {
		return fail(p)
	}
	out := r.lang
	out.TargetTranscriptionLanguages = slices.Clone(r.lang.TargetTranscriptionLanguages)
	return ok(out)
}

type languageSettingsEditIn struct {
	DefaultSpokenLanguage        *string   `json:"defaultSpokenLanguage"`
	TargetTranscriptionLanguages *[]string `json:"targetTranscriptionLanguages"`
	TranscriptionEnabled         *bool     `json:"transcriptionEnabled"`
	TranscriptionType            *string   `json:"transcriptionType"`
}

// updateLanguageSettings is PATCH /v2/rooms/{roomId}/language-settings
// (LanguageSettingsEdit → 204). A language that GET /v2/languages does not
// list for transcription is 422 (inferred).
func (s *Server) updateLanguageSettings(c *call) (reply, *problem) {
	var in languageSettingsEditIn
	if p := c.decode(languageSettingsEditSchema, &in); p != nil {
		return fail(p)
	}
	r, p := s.managedRoom(c)
	if p != nil {
		return fail(p)
	}
	var q query
	if in.DefaultSpokenLanguage != nil && !slices.Contains(transcriptionLanguages, *in.DefaultSpokenLanguage) {
		q.errs = append(q.errs, errorDetail{"body.defaultSpokenLanguage", oneOf(transcriptionLanguages), *in.DefaultSpokenLanguage})
	}
	if in.TargetTranscriptionLanguages != nil {
		for i, l := range *in.TargetTranscriptionLanguages {
			if !slices.Contains(transcriptionLanguages, l) {
				q.errs = append(q.errs, errorDetail{"body.targetTranscriptionLanguages[" + itoa(i) + "]", oneOf(transcriptionLanguages), l})
			}
		}
	}
	if p := q.problem(); p != nil {
		return fail(p)
	}
	before := r.lang
	before.TargetTranscriptionLanguages = slices.Clone(r.lang.TargetTranscriptionLanguages)
	setIf(&r.lang.DefaultSpokenLanguage, in.DefaultSpokenLanguage)
	if in.TargetTranscriptionLanguages != nil {
		r.lang.TargetTranscriptionLanguages = slices.Clone(*in.TargetTranscriptionLanguages)
	}
	setIf(&r.lang.TranscriptionEnabled, in.TranscriptionEnabled)
	setIf(&r.lang.TranscriptionType, in.TranscriptionType)
	if before.DefaultSpokenLanguage != r.lang.DefaultSpokenLanguage || before.TranscriptionEnabled != r.lang.TranscriptionEnabled ||
		before.TranscriptionType != r.lang.TranscriptionType ||
		!slices.Equal(before.TargetTranscriptionLanguages, r.lang.TargetTranscriptionLanguages) {
		s.MarkApplied(OpRoomsUpdateLanguageSettings)
	}
	return done()
}

// subroomParticipantsJSON is model SubroomParticipants.
type subroomParticipantsJSON struct {
	Participants []Participant `json:"participants"`
	SubRoomID    string        `json:"subRoomId"`
}

// listParticipants is GET /v2/rooms/{id}/participants →
// SubroomParticipants[]: the main room first (its subRoomId is the room's
// id, inferred), then each subroom, each with whoever AddParticipant put
// there.
func (s *Server) listParticipants(c *call) (reply, *problem) {
	r, p := s.findRoom(c.r.PathValue("id"))
	if p != nil {
		return fail(p)
	}
	ids := []string{r.ID}
	for _, sub := range r.Subrooms {
		ids = append(ids, sub.ID)
	}
	out := make([]subroomParticipantsJSON, len(ids))
	for i, id := range ids {
		out[i] = subroomParticipantsJSON{SubRoomID: id, Participants: append([]Participant{}, r.participants[id]...)}
	}
	return ok(out)
}
