package shares

import "time"

// Weekday is a day of the week, spelled as the API spells it ("Monday").
type Weekday string

// The days a ScheduleEntry can name.
const (
	Monday    Weekday = "Monday"
	Tuesday   Weekday = "Tuesday"
	Wednesday Weekday = "Wednesday"
	Thursday  Weekday = "Thursday"
	Friday    Weekday = "Friday"
	Saturday  Weekday = "Saturday"
	Sunday    Weekday = "Sunday"
)

// WeekdayOf converts a time.Weekday.
func WeekdayOf(d time.Weekday) Weekday {
	return Weekday(d.String())
}

// IsValid reports whether d is one of Monday to Sunday.
func (d Weekday) IsValid() bool {
	switch d {
	case Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday:
		return true
	}
	return false
}

// Recurrence says how often a ScheduleEntry repeats.
type Recurrence string

// The recurrences the API knows.
const (
	Daily    Recurrence = "Daily"
	Weekly   Recurrence = "Weekly"
	BiWeekly Recurrence = "BiWeekly" // every other week
)

// IsValid reports whether r is Daily, Weekly or BiWeekly.
func (r Recurrence) IsValid() bool {
	return r == Daily || r == Weekly || r == BiWeekly
}

// AutoRemoveAfter says when the API removes a share by itself (Update only).
type AutoRemoveAfter string

// The auto-removal periods the API knows.
const (
	AutoRemoveWeek  AutoRemoveAfter = "WEEK"
	AutoRemoveMonth AutoRemoveAfter = "MONTH"
	AutoRemoveYear  AutoRemoveAfter = "YEAR"
)

// IsValid reports whether a is one of the constants above.
func (a AutoRemoveAfter) IsValid() bool {
	return a == AutoRemoveWeek || a == AutoRemoveMonth || a == AutoRemoveYear
}

// ScheduleEntry grants access on one day of the week, all day or within
// Period.
type ScheduleEntry struct {
	DayOfWeek Weekday `json:"dayOfWeek"`
	// Period limits access to part of the day; nil means the whole day.
	Period     *Period    `json:"period,omitempty"`
	Recurrence Recurrence `json:"recurrence"`
}

// Period is a part of a day; EndTime must be after StartTime.
type Period struct {
	StartTime TimeOfDay `json:"startTime"`
	EndTime   TimeOfDay `json:"endTime"`
}
