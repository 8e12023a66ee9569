package alfaviewtest

import (
	"fmt"
	"slices"
	"time"
)

// renderMeeting is the meeting as the API shows it at the fake's time:
// canceled once cancelled, ended from its end, ongoing from its start,
// scheduled before; joinable from earlyAccessMinutes before the start while
// its room is available (inferred from model Meeting's field docs).
// s.mu is held.
func (s *Server) renderMeeting(m *meetingRec) Meeting {
	out := m.Meeting
	now := s.Clock().Now()
	switch {
	case m.CanceledAt != nil:
		out.State = MeetingCanceled
		at := *m.CanceledAt
		out.CanceledAt = &at
	case !now.Before(m.End):
		out.State = MeetingEnded
	case !now.Before(m.Start):
		out.State = MeetingOngoing
	default:
		out.State = MeetingScheduled
	}
	joinAfter := m.Start.Add(-time.Duration(m.EarlyAccessMinutes) * time.Minute)
	if out.State != MeetingEnded { // "Will be omitted if the meeting has ended."
		out.CanJoinAfter = &joinAfter
	}
	out.RoomAvailable = s.room(m.ID) != nil && out.State != MeetingCanceled && out.State != MeetingEnded
	out.CanJoin = out.RoomAvailable && !now.Before(joinAfter)
	out.GroupLinks = map[string]string{}
	for _, l := range s.groupLinks {
		if l.RoomID == m.ID {
			out.GroupLinks[l.ID] = l.JoinLink
		}
	}
	out.GuestLinks = []string{}
	for _, l := range s.guestLinks {
		if l.RoomID == m.ID {
			out.GuestLinks = append(out.GuestLinks, l.JoinURL)
		}
	}
	return out
}

type meetingCreateIn struct {
	Agenda                 *string        `json:"agenda"`
	EarlyAccessMinutes     *int           `json:"earlyAccessMinutes"`
	End                    time.Time      `json:"end"`
	GroupLinks             *[]groupLinkIn `json:"groupLinks"`
	GuestLinks             []guestLinkIn  `json:"guestLinks"`
	RoomFeatures           RoomFeatures   `json:"roomFeatures"`
	Start                  time.Time      `json:"start"`
	SubroomDisplayNames    []string       `json:"subroomDisplayNames"`
	Timezone               string         `json:"timezone"`
	Title                  string         `json:"title"`
	WaitingRoomEnabled     bool           `json:"waitingRoomEnabled"`
	WaitingRoomWelcomeNote *string        `json:"waitingRoomWelcomeNote"`
}

// defaultMeetingGroups are the permission groups of the group links a
// meeting gets when MeetingCreate has no groupLinks ("four default group
// links (moderator, participant, guest, spectator)"). Each link's
// description is its group's name (inferred).
var defaultMeetingGroups = []string{"Moderator", "Participant", "Guest", "Spectator"}

// createMeeting is POST /v2/meetings (MeetingCreate → 201 ID). The meeting
// gets a room of type meeting with the meeting's id, title, features,
// waiting room and subrooms, and its links. Beyond the schema: end after
// start, a known time zone, and the links' rules (422, inferred).
func (s *Server) createMeeting(c *call) (reply, *problem) {
	var in meetingCreateIn
	if p := c.decode(meetingCreateSchema, &in); p != nil {
		return fail(p)
	}
	errs := meetingRules(in.Start, in.End, &in.Timezone)
	groupLinks := deref(in.GroupLinks)
	if in.GroupLinks == nil {
		for _, name := range defaultMeetingGroups {
			groupLinks = append(groupLinks, groupLinkIn{Description: name, PermissionGroupID: s.groupID(name)})
		}
	}
	for i, l := range groupLinks {
		errs = append(errs, s.linkRules(fmt.Sprintf("body.groupLinks[%d]", i), l.PermissionGroupID, l.ValidFrom, l.ValidUntil)...)
	}
	for i, l := range in.GuestLinks {
		errs = append(errs, s.linkRules(fmt.Sprintf("body.guestLinks[%d]", i), l.PermissionGroupID, l.ValidFrom, l.ValidUntil)...)
	}
	if max := roomTypeLimits[RoomTypeMeeting].maxSubrooms; len(in.SubroomDisplayNames) > max {
		errs = append(errs, errorDetail{"body.subroomDisplayNames", fmt.Sprintf("expected array length <= %d", max), len(in.SubroomDisplayNames)})
	}
	if len(errs) > 0 {
		return fail(invalid(errs...))
	}
	r := s.newRoom(RoomTypeMeeting, in.Title, c.ses.userID)
	r.Features = in.RoomFeatures
	r.WaitingRoomEnabled = in.WaitingRoomEnabled
	r.WaitingRoomWelcomeNote = deref(in.WaitingRoomWelcomeNote)
	for _, name := range in.SubroomDisplayNames {
		s.addSubroom(r, name)
	}
	for _, l := range groupLinks {
		s.addGroupLink(r.ID, "", c.ses.userID, l)
	}
	for _, l := range in.GuestLinks {
		s.addGuestLink(r.ID, "", c.ses.userID, l)
	}
	s.meetings = append(s.meetings, &meetingRec{Meeting: Meeting{
		ID: r.ID, Title: in.Title, Agenda: deref(in.Agenda), Start: in.Start.UTC(), End: in.End.UTC(),
		Timezone: in.Timezone, EarlyAccessMinutes: deref(in.EarlyAccessMinutes), CreatedAt: s.now(), CreatedBy: c.ses.userID,
	}})
	s.MarkApplied(OpMeetingsCreate)
	return created(idJSON{r.ID})
}

func meetingRules(start, end time.Time, tz *string) []errorDetail {
	errs := timezoneRule("body.timezone", tz)
	if !end.After(start) {
		errs = append(errs, errorDetail{"body.end", "end must be after start", end.Format(time.RFC3339Nano)})
	}
	return errs
}

func (s *Server) groupID(name string) string {
	for _, g := range s.groups {
		if g.Name == name {
			return g.ID
		}
	}
	return ""
}

// ownMeeting is the path's meeting if the caller created it; the API has
// only "own" meetings (getOwnMeeting, listOwnMeetings), so another's is 404
// (inferred).
func (s *Server) ownMeeting(c *call) (*meetingRec, *problem) {
	id := c.r.PathValue("id")
	m := s.meeting(id)
	if m == nil || m.CreatedBy != c.ses.userID {
		return nil, notFound("meeting " + id)
	}
	return m, nil
}

// getMeeting is GET /v2/meetings/{id} → Meeting.
func (s *Server) getMeeting(c *call) (reply, *problem) {
	m, p := s.ownMeeting(c)
	if p != nil {
		return fail(p)
	}
	return ok(s.renderMeeting(m))
}

// listMeetings is GET /v2/meetings (from, to → Meeting[]): the caller's
// meetings that are scheduled to be ongoing at some time between from and
// to, by start time.
func (s *Server) listMeetings(c *call) (reply, *problem) {
	q := c.query()
	from, to := q.time("from", false), q.time("to", false)
	if p := q.problem(); p != nil {
		return fail(p)
	}
	var ms []*meetingRec
	for _, m := range s.meetings {
		if m.CreatedBy == c.ses.userID && (from == nil || m.End.After(*from)) && (to == nil || m.Start.Before(*to)) {
			ms = append(ms, m)
		}
	}
	slices.SortStableFunc(ms, func(a, b *meetingRec) int { return a.Start.Compare(b.Start) })
	out := make([]Meeting, len(ms))
	for i, m := range ms {
		out[i] = s.renderMeeting(m)
	}
	return ok(out)
}

type meetingUpdateIn struct {
	Agenda             *string    `json:"agenda"`
	EarlyAccessMinutes *int       `json:"earlyAccessMinutes"`
	End                *time.Time `json:"end"`
	Start              *time.Time `json:"start"`
	Timezone           *string    `json:"timezone"`
	Title              *string    `json:"title"`
}

// updateMeeting is PATCH /v2/meetings/{id} (MeetingUpdate → 204). A
// canceled meeting is 409 (inferred); a new title renames the meeting's
// room too.
func (s *Server) updateMeeting(c *call) (reply, *problem) {
	var in meetingUpdateIn
	if p := c.decode(meetingUpdateSchema, &in); p != nil {
		return fail(p)
	}
	m, p := s.ownMeeting(c)
	if p != nil {
		return fail(p)
	}
	if m.CanceledAt != nil {
		return fail(conflict("meeting %s is canceled", m.ID))
	}
	next := m.Meeting
	setIf(&next.Agenda, in.Agenda)
	setIf(&next.EarlyAccessMinutes, in.EarlyAccessMinutes)
	next.End, next.Start = deref(pick(&next.End, in.End)), deref(pick(&next.Start, in.Start))
	setIf(&next.Timezone, in.Timezone)
	setIf(&next.Title, in.Title)
	if errs := meetingRules(next.Start, next.End, in.Timezone); len(errs) > 0 {
		return fail(invalid(errs...))
	}
	if equalJSON(m.Meeting, next) {
		return done()
	}
	m.Meeting = next
	if r := s.room(m.ID); r != nil {
		r.DisplayName = next.Title
	}
	s.MarkApplied(OpMeetingsUpdate)
	return done()
}

// cancelMeeting is POST /v2/meetings/{id}/cancellation (MeetingCancellation
// → 204). Cancelling twice is 409 (inferred).
func (s *Server) cancelMeeting(c *call) (reply, *problem) {
	var in struct {
		Reason           *string `json:"reason"`
		SendNotification bool    `json:"sendNotification"`
	}
	if p := c.decode(meetingCancelSchema, &in); p != nil {
		return fail(p)
	}
	m, p := s.ownMeeting(c)
	if p != nil {
		return fail(p)
	}
	if m.CanceledAt != nil {
		return fail(conflict("meeting %s is canceled already", m.ID))
	}
	now := s.now()
	m.CanceledAt = &now
	s.MarkApplied(OpMeetingsCancel)
	return done()
}
