package alfaview

import (
	"context"
	"net/http"
	"time"

	"github.com/grantkit/grantkit-go/internal/transport"
	"github.com/grantkit/grantkit-go/internal/validate"
)

// MeetingsService schedules, reads, changes and cancels the meetings of the
// user the credentials belong to (the official SDK's MeetingsApi). Reach it
// as Client.Meetings.
type MeetingsService struct{ c *Client }

// MeetingState is where a meeting is in its life. alfaview may add states;
// unknown ones are kept as sent.
type MeetingState string

// The meeting states of the model Meeting.
const (
	MeetingScheduled MeetingState = "scheduled"
	MeetingOngoing   MeetingState = "ongoing"
	MeetingEnded     MeetingState = "ended"
	MeetingCanceled  MeetingState = "canceled"
)

// Meeting is a scheduled meeting (model Meeting). Its ID is also the id of
// its room, for the Rooms and link methods.
type Meeting struct {
	ID     string    `json:"id"`
	Title  string    `json:"title"`
	Agenda string    `json:"agenda,omitempty"`
	Start  time.Time `json:"start"`
	End    time.Time `json:"end"`
	// Timezone is the meeting's time zone, e.g. "Europe/Berlin".
	Timezone string       `json:"timezone"`
	State    MeetingState `json:"state"`
	// EarlyAccessMinutes is how long before Start the room opens.
	EarlyAccessMinutes int64 `json:"earlyAccessMinutes,omitempty"`
	CanJoin            bool  `json:"canJoin"`
	// CanJoinAfter is when joining becomes possible; zero once the meeting
	// has ended.
	CanJoinAfter time.Time `json:"canJoinAfter,omitzero"`
	// CanceledAt is when the meeting was cancelled; zero if it was not.
	CanceledAt time.Time `json:"canceledAt,omitzero"`
	// RoomAvailable says whether the meeting's room is available now.
	RoomAvailable bool `json:"roomAvailable"`
	// GroupLinks are the meeting's group links, as the API maps them
	// (model Meeting: an object of strings; the SDK does not say what its
	// keys are).
	GroupLinks map[string]string `json:"groupLinks,omitempty"`
	// GuestLinks are the meeting's guest links (model Meeting: strings).
	GuestLinks []string  `json:"guestLinks,omitempty"`
	CreatedAt  time.Time `json:"createdAt"`
	CreatedBy  string    `json:"createdBy"`
}

// MeetingCreate is a new meeting (model MeetingCreate). Title, Start, End
// and Timezone are required, End after Start; WaitingRoomEnabled is always
// sent.
type MeetingCreate struct {
	Title string `json:"title"`
	// Agenda is plain text: HTML is not allowed.
	Agenda string    `json:"agenda,omitempty"`
	Start  time.Time `json:"start"`
	End    time.Time `json:"end"`
	// Timezone is the meeting's time zone, e.g. "Europe/Berlin".
	Timezone string `json:"timezone"`
	// EarlyAccessMinutes opens the room up to 30 minutes before Start; nil
	// leaves it to alfaview.
	EarlyAccessMinutes     *int64 `json:"earlyAccessMinutes,omitempty"`
	WaitingRoomEnabled     bool   `json:"waitingRoomEnabled"`
	WaitingRoomWelcomeNote string `json:"waitingRoomWelcomeNote,omitempty"`
	// RoomFeatures configures the meeting's room. The model requires every
	// feature, so those left empty are sent as FeatureDefault.
	RoomFeatures RoomFeatures `json:"roomFeatures"`
	// SubroomDisplayNames names the subrooms of the meeting's room.
	SubroomDisplayNames []string `json:"subroomDisplayNames,omitzero"`
	// GroupLinks are created with the meeting. nil leaves them out, and
	// alfaview creates four (moderator, participant, guest, spectator); an
	// empty non-nil slice creates none.
	GroupLinks []GroupLinkCreate `json:"groupLinks,omitzero"`
	// GuestLinks are created with the meeting.
	GuestLinks []GuestLinkCreate `json:"guestLinks,omitzero"`
}

// MeetingUpdate changes a meeting (model MeetingUpdate); nil fields stay
// as they are.
type MeetingUpdate struct {
	Title              *string    `json:"title,omitempty"`
	Agenda             *string    `json:"agenda,omitempty"`
	Start              *time.Time `json:"start,omitempty"`
	End                *time.Time `json:"end,omitempty"`
	Timezone           *string    `json:"timezone,omitempty"`
	EarlyAccessMinutes *int64     `json:"earlyAccessMinutes,omitempty"`
}

// MeetingCancellation says why a meeting is cancelled and whether to tell
// everyone (model MeetingCancellation).
type MeetingCancellation struct {
	// Reason is plain text: HTML is not allowed.
	Reason string `json:"reason,omitempty"`
	// SendNotification mails the creator and every invitee; always sent.
	SendNotification bool `json:"sendNotification"`
}

// ListMeetingsOptions narrow Meetings.List to meetings scheduled to be
// running at some point between From and To; zero ends are open.
type ListMeetingsOptions struct {
	From time.Time `url:"from,omitempty"`
	To   time.Time `url:"to,omitempty"`
}

// MaxEarlyAccessMinutes is the longest early access a meeting may have.
const MaxEarlyAccessMinutes = 30

var (
	opCreateMeeting = createOp("meetings.create")
	opGetMeeting    = op("meetings.get", http.MethodGet)
	opListMeetings  = op("meetings.list", http.MethodGet)
	opUpdateMeeting = op("meetings.update", http.MethodPatch)
	// Cancelling may mail everyone: a replay could mail them twice.
	opCancelMeeting = &transport.Operation{Name: "meetings.cancel", Method: http.MethodPost}
)

// Create schedules a meeting and returns its id.
//
// Create is not retried once the request may have reached alfaview: if the
// connection breaks after sending, the error is returned and the meeting
// may or may not exist; look for it with List before creating it again.
func (s *MeetingsService) Create(ctx context.Context, m *MeetingCreate, opts ...CallOption) (string, error) {
	v := check(opCreateMeeting).Check(m != nil, "m", "must not be nil")
	if m != nil {
		v.NotEmpty("Title", m.Title).
			Check(!m.Start.IsZero(), "Start", "must be set").
			Check(!m.End.IsZero(), "End", "must be set").
			NotEmpty("Timezone", m.Timezone)
		if !m.Start.IsZero() && !m.End.IsZero() {
			v.Check(m.End.After(m.Start), "End", "must be after Start")
		}
		checkEarlyAccess(v, m.EarlyAccessMinutes)
		m.RoomFeatures.check(v, "RoomFeatures")
		checkEach(v, "GroupLinks", m.GroupLinks)
		checkEach(v, "GuestLinks", m.GuestLinks)
	}
	if err := v.Err(); err != nil {
		return "", err
	}
	body := *m
	body.RoomFeatures = m.RoomFeatures.complete()
	return s.c.create(ctx, &transport.Request{Op: opCreateMeeting, Path: []string{"v2", "meetings"}, Body: body}, opts)
}

// Get returns meeting meetingID, which the credentials' user created; any
// other fails with ErrNotFound.
func (s *MeetingsService) Get(ctx context.Context, meetingID string, opts ...CallOption) (*Meeting, error) {
	if err := check(opGetMeeting).NotEmpty("meetingID", meetingID).Err(); err != nil {
		return nil, err
	}
	return object[Meeting](ctx, s.c, &transport.Request{Op: opGetMeeting, Path: []string{"v2", "meetings", meetingID}}, opts)
}

// List returns the meetings the credentials' user created; opts may be nil.
func (s *MeetingsService) List(ctx context.Context, opts *ListMeetingsOptions, callOpts ...CallOption) ([]Meeting, error) {
	var q ListMeetingsOptions
	if opts != nil {
		q = *opts
	}
	v := check(opListMeetings)
	if !q.From.IsZero() && !q.To.IsZero() {
		v.Check(!q.To.Before(q.From), "To", "must not be before From")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	return list[Meeting](ctx, s.c, &transport.Request{Op: opListMeetings, Path: []string{"v2", "meetings"}, Query: q}, callOpts)
}

// Update changes the fields of meeting meetingID that u sets.
func (s *MeetingsService) Update(ctx context.Context, meetingID string, u *MeetingUpdate, opts ...CallOption) error {
	v := check(opUpdateMeeting).NotEmpty("meetingID", meetingID).Check(u != nil, "u", "must not be nil")
	if u != nil {
		if u.Title != nil {
			v.NotEmpty("Title", *u.Title)
		}
		if u.Timezone != nil {
			v.NotEmpty("Timezone", *u.Timezone)
		}
		if u.Start != nil && u.End != nil {
			v.Check(u.End.After(*u.Start), "End", "must be after Start")
		}
		checkEarlyAccess(v, u.EarlyAccessMinutes)
	}
	if err := v.Err(); err != nil {
		return err
	}
	return s.c.do(ctx, &transport.Request{Op: opUpdateMeeting, Path: []string{"v2", "meetings", meetingID}, Body: u}, nil, opts)
}

// Cancel cancels meeting meetingID. It is not retried once the request may
// have reached alfaview, so no notification goes out twice.
func (s *MeetingsService) Cancel(ctx context.Context, meetingID string, c *MeetingCancellation, opts ...CallOption) error {
	if err := check(opCancelMeeting).NotEmpty("meetingID", meetingID).Check(c != nil, "c", "must not be nil").Err(); err != nil {
		return err
	}
	return s.c.do(ctx, &transport.Request{Op: opCancelMeeting, Path: []string{"v2", "meetings", meetingID, "cancellation"}, Body: c}, nil, opts)
}

func checkEarlyAccess(v *validate.Checker, minutes *int64) {
	if minutes != nil {
		v.Check(*minutes >= 0 && *minutes <= MaxEarlyAccessMinutes, "EarlyAccessMinutes", "must be between 0 and 30")
	}
}
