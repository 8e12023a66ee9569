package alfaview

import (
	"context"
	"net/http"
	"time"

	"github.com/grantkit/grantkit-go/internal/transport"
	"github.com/grantkit/grantkit-go/internal/validate"
)

// ReportsService reads attendances and usage statistics (the official SDK's
// ReportsApi). Reach it as Client.Reports.
type ReportsService struct{ c *Client }

// ListAttendancesOptions are the time period of Reports.ListAttendances;
// both ends are required.
type ListAttendancesOptions struct {
	From time.Time `url:"from"`
	To   time.Time `url:"to"`
}

// UserAttendances are one user's attendances of a room (model
// UserAttendances).
type UserAttendances struct {
	UserID      string       `json:"userId"`
	Attendances []Attendance `json:"attendances"`
}

// Attendance is one stay in a room (model Attendance).
type Attendance struct {
	// DisplayName is the name the user had in the room at the time.
	DisplayName string    `json:"displayName"`
	From        time.Time `json:"from"`
	To          time.Time `json:"to"`
}

// ListStatisticsOptions are the period and grouping of
// Reports.ListStatistics; all three are required.
type ListStatisticsOptions struct {
	// From may be at most 62 days in the past.
	From time.Time `url:"from"`
	To   time.Time `url:"to"`
	// StepDurationHours is the length of each period reported, at least 1.
	StepDurationHours int `url:"stepDurationHours"`
}

// StatsPeriod is the usage during one period (model StatsPeriod).
type StatsPeriod struct {
	From     time.Time `json:"from"`
	To       time.Time `json:"to"`
	Rooms    Stats     `json:"rooms"`
	Meetings Stats     `json:"meetings"`
}

// Stats are usage counts of rooms or meetings during a period (model Stats).
type Stats struct {
	// ActiveCount is how many had users in them.
	ActiveCount int64 `json:"activeCount"`
	// SessionCount counts sessions: one user's stay from join (or the
	// period's start) to leave (or its end).
	SessionCount int64 `json:"sessionCount"`
	// RoomOnlineSeconds adds up the time with at least one person connected.
	RoomOnlineSeconds int64 `json:"roomOnlineSeconds"`
	// UsersOnlineSeconds adds up the time every user was connected.
	UsersOnlineSeconds int64 `json:"usersOnlineSeconds"`
}

var (
	opListAttendances = op("reports.listAttendances", http.MethodGet)
	opListStatistics  = op("reports.listStatistics", http.MethodGet)
)

// ListAttendances returns who attended room roomID between opts.From and
// opts.To.
func (s *ReportsService) ListAttendances(ctx context.Context, roomID string, opts *ListAttendancesOptions, callOpts ...CallOption) ([]UserAttendances, error) {
	v := check(opListAttendances).NotEmpty("roomID", roomID).Check(opts != nil, "opts", "must not be nil: From and To are required")
	if opts != nil {
		checkPeriod(v, opts.From, opts.To)
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	return list[UserAttendances](ctx, s.c, &transport.Request{Op: opListAttendances, Path: []string{"v2", "rooms", roomID, "attendances"}, Query: *opts}, callOpts)
}

// ListStatistics returns the company's usage between opts.From and opts.To
// in periods of opts.StepDurationHours.
func (s *ReportsService) ListStatistics(ctx context.Context, opts *ListStatisticsOptions, callOpts ...CallOption) ([]StatsPeriod, error) {
	v := check(opListStatistics).Check(opts != nil, "opts", "must not be nil: From, To and StepDurationHours are required")
	if opts != nil {
		checkPeriod(v, opts.From, opts.To)
		v.Check(opts.StepDurationHours >= 1, "StepDurationHours", "must be at least 1")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	return list[StatsPeriod](ctx, s.c, &transport.Request{Op: opListStatistics, Path: []string{"v2", "stats"}, Query: *opts}, callOpts)
}

// checkPeriod checks a report's required period.
func checkPeriod(v *validate.Checker, from, to time.Time) {
	v.Check(!from.IsZero(), "From", "must be set").Check(!to.IsZero(), "To", "must be set")
	if !from.IsZero() && !to.IsZero() {
		v.Check(to.After(from), "To", "must be after From")
	}
}
