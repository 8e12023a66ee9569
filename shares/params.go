package shares

import (
	"strconv"

	"github.com/grantkit/grantkit-go/internal/validate"
)

// Permissions are what the receiver may do beyond opening the lock.
type Permissions struct {
	Administrate   bool `json:"administrate"`
	RemoteActivate bool `json:"remoteActivate"` // open the lock from afar (through a gateway)
	AssignKeyfob   bool `json:"assignKeyfob"`
}

// Source is what is shared: set exactly one of DeviceID (a lock) and
// DeviceGroupID.
type Source struct {
	DeviceID      int64 `json:"deviceId,omitzero"`
	DeviceGroupID int64 `json:"deviceGroupId,omitzero"`
}

// Receiver is who gets access: set exactly one of UserID and UserGroupID.
type Receiver struct {
	UserID      int64 `json:"userId,omitzero"`
	UserGroupID int64 `json:"userGroupId,omitzero"`
}

// PersonalSettings are the receiver's settings for the share.
type PersonalSettings struct {
	Notifications bool `json:"notifications"`
}

// CreateShareParams describe a new share (the body of POST /v2/shares).
//
// Without dates the share is permanent; StartDate/StartTime and
// EndDate/EndTime make it temporary (a web key needs both dates). Schedule
// limits access to certain days and hours. The end must not be before the
// start.
type CreateShareParams struct {
	// OrganizationID is the organization the share belongs to (required).
	OrganizationID int64 `json:"organizationId"`

	StartDate Date       `json:"startDate,omitzero"`
	StartTime *TimeOfDay `json:"startTime,omitempty"`
	EndDate   Date       `json:"endDate,omitzero"`
	EndTime   *TimeOfDay `json:"endTime,omitempty"`

	Schedule    []ScheduleEntry `json:"schedule,omitempty"`
	Permissions Permissions     `json:"permissions"`
	Source      Source          `json:"source"`
	Receiver    Receiver        `json:"receiver"`
	// PersonalSettings nil leaves them to the API's defaults.
	PersonalSettings *PersonalSettings `json:"personalSettings,omitempty"`
}

// UpdateShareParams change a share (the body of PUT /v2/shares/{id}): the
// create body without OrganizationID, plus AutoRemoveAfter.
//
// The API reference shows the whole body and does not say what happens to
// fields a PUT leaves out; nil and zero fields are not sent. To replace a
// share completely, set every field. A nil Schedule is not sent, while an
// empty non-nil one is sent as [] (no schedule), the clearing form the
// reference's own update example uses. Leaving the dates out does not end
// a share's time limit: set MakePermanent for that.
type UpdateShareParams struct {
	// MakePermanent turns a temporary share into a permanent one: the body
	// carries startDate, startTime, endDate and endTime as JSON null. The
	// reference shows no clearing form for them (only [] for schedule);
	// null is the one a JSON API takes for "no value" [inferred]. It cannot
	// be combined with setting any of the four.
	MakePermanent bool `json:"-"`

	StartDate Date       `json:"startDate,omitzero"`
	StartTime *TimeOfDay `json:"startTime,omitempty"`
	EndDate   Date       `json:"endDate,omitzero"`
	EndTime   *TimeOfDay `json:"endTime,omitempty"`

	Schedule         []ScheduleEntry   `json:"schedule,omitzero"`
	Permissions      *Permissions      `json:"permissions,omitempty"`
	Source           *Source           `json:"source,omitempty"`
	Receiver         *Receiver         `json:"receiver,omitempty"`
	PersonalSettings *PersonalSettings `json:"personalSettings,omitempty"`
	// AutoRemoveAfter, when set, makes the API remove the share after a
	// week, month or year.
	AutoRemoveAfter AutoRemoveAfter `json:"autoRemoveAfter,omitempty"`
}

// ListSharesOptions filter List; nil or zero fields do not filter. The
// reference's GET /v2/shares documents one filter, externalId.
type ListSharesOptions struct {
	// ExternalID selects the shares with this external id.
	ExternalID string `url:"externalId,omitempty"`
	// DeviceID selects the shares of one lock. The reference names only
	// externalId among the filters; deviceId is inferred from the shape of
	// the other endpoints, and a server that does not know it may ignore
	// it, so check Source on the results when it matters.
	DeviceID int64 `url:"deviceId,omitempty"`
}

func (p *CreateShareParams) check(c *validate.Checker) {
	c.Positive("OrganizationID", p.OrganizationID)
	checkWindow(c, p.StartDate, p.StartTime, p.EndDate, p.EndTime)
	checkSchedule(c, p.Schedule)
	checkOne(c, "Source", "DeviceID", p.Source.DeviceID, "DeviceGroupID", p.Source.DeviceGroupID)
	checkOne(c, "Receiver", "UserID", p.Receiver.UserID, "UserGroupID", p.Receiver.UserGroupID)
}

func (p *UpdateShareParams) check(c *validate.Checker) {
	if p.MakePermanent {
		c.Check(p.StartDate.IsZero() && p.StartTime == nil && p.EndDate.IsZero() && p.EndTime == nil,
			"MakePermanent", "clears the dates and times: leave StartDate, StartTime, EndDate and EndTime unset")
	}
	checkWindow(c, p.StartDate, p.StartTime, p.EndDate, p.EndTime)
	checkSchedule(c, p.Schedule)
	if p.Source != nil {
		checkOne(c, "Source", "DeviceID", p.Source.DeviceID, "DeviceGroupID", p.Source.DeviceGroupID)
	}
	if p.Receiver != nil {
		checkOne(c, "Receiver", "UserID", p.Receiver.UserID, "UserGroupID", p.Receiver.UserGroupID)
	}
	if p.AutoRemoveAfter != "" {
		c.Check(p.AutoRemoveAfter.IsValid(), "AutoRemoveAfter", strconv.Quote(string(p.AutoRemoveAfter))+" is not WEEK, MONTH or YEAR")
	}
}

// checkOne checks that exactly one of two alternative ids is set, and that
// it is positive.
func checkOne(c *validate.Checker, field, aName string, a int64, bName string, b int64) {
	switch {
	case a == 0 && b == 0:
		c.Check(false, field, "must set one of "+aName+" and "+bName)
	case a != 0 && b != 0:
		c.Check(false, field, "must set only one of "+aName+" and "+bName)
	case a != 0:
		c.Positive(field+"."+aName, a)
	default:
		c.Positive(field+"."+bName, b)
	}
}

// checkWindow checks the dates and times and that the end is not before
// the start. Times are compared when they fall on the same day: equal
// dates, or no dates at all.
func checkWindow(c *validate.Checker, sd Date, st *TimeOfDay, ed Date, et *TimeOfDay) {
	startOK, endOK := checkDate(c, "StartDate", sd), checkDate(c, "EndDate", ed)
	timesOK := checkTime(c, "StartTime", st)
	timesOK = checkTime(c, "EndTime", et) && timesOK
	if !startOK || !endOK {
		return
	}
	if !sd.IsZero() && !ed.IsZero() && ed.Before(sd) {
		c.Check(false, "EndDate", "must not be before StartDate")
		return
	}
	if timesOK && st != nil && et != nil && sd == ed && et.Before(*st) {
		c.Check(false, "EndTime", "must not be before StartTime on the same day")
	}
}

func checkDate(c *validate.Checker, field string, d Date) bool {
	ok := d.IsZero() || d.IsValid()
	c.Check(ok, field, d.String()+" is not a valid date")
	return ok
}

func checkTime(c *validate.Checker, field string, t *TimeOfDay) bool {
	ok := t == nil || t.IsValid()
	if !ok {
		c.Check(false, field, t.String()+" is not a valid time of day (00:00:00 to 23:59:59)")
	}
	return ok
}

func checkSchedule(c *validate.Checker, s []ScheduleEntry) {
	for i, e := range s {
		f := "Schedule[" + strconv.Itoa(i) + "]"
		c.Check(e.DayOfWeek.IsValid(), f+".DayOfWeek", strconv.Quote(string(e.DayOfWeek))+" is not one of Monday to Sunday")
		c.Check(e.Recurrence.IsValid(), f+".Recurrence", strconv.Quote(string(e.Recurrence))+" is not Daily, Weekly or BiWeekly")
		if p := e.Period; p != nil {
			ok := checkTime(c, f+".Period.StartTime", &p.StartTime)
			ok = checkTime(c, f+".Period.EndTime", &p.EndTime) && ok
			if ok {
				c.Check(p.EndTime.After(p.StartTime), f+".Period.EndTime", "must be after StartTime")
			}
		}
	}
}

// permanentBody is what Update sends for MakePermanent: p with the dates
// and times as null. The outer fields win over the embedded ones of the
// same JSON name.
type permanentBody struct {
	*UpdateShareParams
	StartDate *Date      `json:"startDate"`
	StartTime *TimeOfDay `json:"startTime"`
	EndDate   *Date      `json:"endDate"`
	EndTime   *TimeOfDay `json:"endTime"`
}

func (p *UpdateShareParams) body() any {
	if p.MakePermanent {
		return permanentBody{UpdateShareParams: p}
	}
	return p
}
