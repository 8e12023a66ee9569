package shares

import (
	"cmp"
	"errors"
	"fmt"
	"time"

	"github.com/grantkit/grantkit-go/internal/transport"
)

// Date is a calendar date without a time zone, as the API sends share
// start and end dates ("2022-06-23"): the lock applies it in its own local
// time, so it is not a time.Time with a zone made up for the purpose.
//
// The zero Date means "no date" and is left out of request bodies.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the date of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{Year: y, Month: m, Day: d}
}

// ParseDate parses "YYYY-MM-DD" (ISO 8601, as the API writes it).
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil || len(s) != len(time.DateOnly) {
		return Date{}, fmt.Errorf("shares: date %q is not a valid YYYY-MM-DD date", s)
	}
	d := DateOf(t)
	if !d.IsValid() {
		return Date{}, fmt.Errorf("shares: date %q is out of range", s)
	}
	return d, nil
}

// String returns the date as "YYYY-MM-DD".
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// IsZero reports whether d is the zero Date (no date).
func (d Date) IsZero() bool { return d == Date{} }

// IsValid reports whether d is a real calendar date in years 1 to 9999.
func (d Date) IsValid() bool {
	if d.Year < 1 || d.Year > 9999 {
		return false
	}
	return DateOf(d.In(time.UTC)) == d
}

// In returns midnight at the start of d in loc.
func (d Date) In(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// Compare returns -1, 0 or +1 as d is before, equal to or after o.
func (d Date) Compare(o Date) int {
	return cmp.Or(cmp.Compare(d.Year, o.Year), cmp.Compare(d.Month, o.Month), cmp.Compare(d.Day, o.Day))
}

// Before reports whether d is before o.
func (d Date) Before(o Date) bool { return d.Compare(o) < 0 }

// After reports whether d is after o.
func (d Date) After(o Date) bool { return d.Compare(o) > 0 }

// MarshalJSON writes "YYYY-MM-DD", or null for the zero Date.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	if !d.IsValid() {
		return nil, fmt.Errorf("shares: %s is not a valid date", d)
	}
	return []byte(`"` + d.String() + `"`), nil
}

// UnmarshalJSON reads "YYYY-MM-DD"; null leaves d unchanged.
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	var s string
	if err := transport.DecodeJSON(b, &s); err != nil {
		return errors.New("shares: a date must be a JSON string")
	}
	v, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// TimeOfDay is a wall-clock time without a date or zone, as the API sends
// share and schedule times ("13:53:02"). Its zero value is midnight, a real
// time, so optional times are *TimeOfDay.
type TimeOfDay struct {
	Hour   int // 0 to 23
	Minute int // 0 to 59
	Second int // 0 to 59
}

// TimeOfDayOf returns the wall-clock time of t in t's location, to the
// second.
func TimeOfDayOf(t time.Time) TimeOfDay {
	return TimeOfDay{Hour: t.Hour(), Minute: t.Minute(), Second: t.Second()}
}

// ParseTimeOfDay parses "HH:MM:SS". It also accepts "HH:MM" and
// "HH:MM:SS.fraction" (the fraction is dropped), which servers built on
// Java's LocalTime write for times with zero seconds or with nanoseconds.
func ParseTimeOfDay(s string) (TimeOfDay, error) {
	bad := func() (TimeOfDay, error) {
		return TimeOfDay{}, fmt.Errorf("shares: time %q is not a valid HH:MM:SS time of day", s)
	}
	var t TimeOfDay
	var ok bool
	if t.Hour, ok = twoDigits(s, 0); !ok || len(s) < 5 || s[2] != ':' {
		return bad()
	}
	if t.Minute, ok = twoDigits(s, 3); !ok {
		return bad()
	}
	if len(s) > 5 {
		if s[5] != ':' {
			return bad()
		}
		if t.Second, ok = twoDigits(s, 6); !ok {
			return bad()
		}
		if len(s) > 8 && !isFraction(s[8:]) {
			return bad()
		}
	}
	if !t.IsValid() {
		return bad()
	}
	return t, nil
}

func twoDigits(s string, i int) (int, bool) {
	if len(s) < i+2 || !isDigit(s[i]) || !isDigit(s[i+1]) {
		return 0, false
	}
	return int(s[i]-'0')*10 + int(s[i+1]-'0'), true
}

func isFraction(s string) bool {
	if len(s) < 2 || len(s) > 10 || s[0] != '.' {
		return false
	}
	for i := 1; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// String returns the time as "HH:MM:SS".
func (t TimeOfDay) String() string {
	return fmt.Sprintf("%02d:%02d:%02d", t.Hour, t.Minute, t.Second)
}

// IsValid reports whether every field is in range (00:00:00 to 23:59:59).
func (t TimeOfDay) IsValid() bool {
	return t.Hour >= 0 && t.Hour <= 23 && t.Minute >= 0 && t.Minute <= 59 && t.Second >= 0 && t.Second <= 59
}

// Compare returns -1, 0 or +1 as t is before, equal to or after o.
func (t TimeOfDay) Compare(o TimeOfDay) int {
	return cmp.Or(cmp.Compare(t.Hour, o.Hour), cmp.Compare(t.Minute, o.Minute), cmp.Compare(t.Second, o.Second))
}

// Before reports whether t is earlier in the day than o.
func (t TimeOfDay) Before(o TimeOfDay) bool { return t.Compare(o) < 0 }

// After reports whether t is later in the day than o.
func (t TimeOfDay) After(o TimeOfDay) bool { return t.Compare(o) > 0 }

// MarshalJSON writes "HH:MM:SS".
func (t TimeOfDay) MarshalJSON() ([]byte, error) {
	if !t.IsValid() {
		return nil, fmt.Errorf("shares: %s is not a valid time of day", t)
	}
	return []byte(`"` + t.String() + `"`), nil
}

// UnmarshalJSON reads what ParseTimeOfDay accepts; null leaves t unchanged.
func (t *TimeOfDay) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	var s string
	if err := transport.DecodeJSON(b, &s); err != nil {
		return errors.New("shares: a time of day must be a JSON string")
	}
	v, err := ParseTimeOfDay(s)
	if err != nil {
		return err
	}
	*t = v
	return nil
}
