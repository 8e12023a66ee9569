package voltmx

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/grantkit/grantkit-go/internal/transport"
)

// The server is written in Java and its JSON is loose: the same field comes
// as 3 or "3", true or "true", depending on the endpoint and version (create
// answers {"id":"3"}, the guide's own sample request sends
// "activeFlag":"true"). These types accept both forms when decoding; the
// client always encodes real numbers and booleans.

// flexInt is an integer sent as a JSON number or a numeric string.
type flexInt int64

func (n *flexInt) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if string(b) == "null" {
		return nil
	}
	s := string(b)
	if len(b) > 0 && b[0] == '"' {
		if err := transport.DecodeJSON(b, &s); err != nil {
			return err
		}
		s = strings.TrimSpace(s)
		if s == "" {
			*n = 0
			return nil
		}
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return fmt.Errorf("voltmx: %s is not an integer", transport.Snippet(b, 40))
	}
	*n = flexInt(v)
	return nil
}

// flexInts is a list of flexInt.
type flexInts []flexInt

func (l flexInts) int64s() []int64 {
	if l == nil {
		return nil
	}
	out := make([]int64, len(l))
	for i, v := range l {
		out[i] = int64(v)
	}
	return out
}

// flexBool is a boolean sent as true/false or as a string such as "true".
type flexBool bool

func (v *flexBool) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch string(b) {
	case "null":
		return nil
	case "true", "1":
		*v = true
		return nil
	case "false", "0":
		*v = false
		return nil
	}
	var s string
	if err := transport.DecodeJSON(b, &s); err != nil {
		return fmt.Errorf("voltmx: %s is not a boolean", transport.Snippet(b, 40))
	}
	s = strings.TrimSpace(s)
	if s == "" {
		*v = false
		return nil
	}
	p, err := strconv.ParseBool(s)
	if err != nil {
		return fmt.Errorf("voltmx: %q is not a boolean", transport.Snippet([]byte(s), 40))
	}
	*v = flexBool(p)
	return nil
}

// flexString is text sent as a JSON string or, for ids, a number.
type flexString string

func (v *flexString) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if string(b) == "null" {
		return nil
	}
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := transport.DecodeJSON(b, &s); err != nil {
			return err
		}
		*v = flexString(s)
		return nil
	}
	var num json.Number
	if err := transport.DecodeJSON(b, &num); err != nil {
		return fmt.Errorf("voltmx: %s is not a string", transport.Snippet(b, 40))
	}
	*v = flexString(num)
	return nil
}

// flexStrings is a list of flexString, or one string holding a
// comma-separated list: Get User Details types selectedAppIds "string"
// where the groups pages send an array [inferred: the page shows no
// value].
type flexStrings []flexString

func (l *flexStrings) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || b[0] != '"' {
		var items []flexString
		if err := transport.DecodeJSON(b, &items); err != nil {
			return err
		}
		*l = items
		return nil
	}
	var s string
	if err := transport.DecodeJSON(b, &s); err != nil {
		return err
	}
	items := flexStrings{}
	for part := range strings.SplitSeq(s, ",") {
		if part = strings.TrimSpace(part); part != "" {
			items = append(items, flexString(part))
		}
	}
	*l = items
	return nil
}

func (l flexStrings) strings() []string {
	if l == nil {
		return nil
	}
	out := make([]string, len(l))
	for i, v := range l {
		out[i] = string(v)
	}
	return out
}

// Date is a timestamp as the server writes it, e.g.
// "06/15/2016 02:00:18 PM IST": month/day/year, a 12-hour clock and a zone
// abbreviation.
//
// Raw always keeps the server's text. Time is the instant, filled only when
// it is certain: the zone is UTC, GMT or a numeric offset ("+05:30"), or the
// value is RFC 3339 or epoch milliseconds. Zone abbreviations are ambiguous
// (IST is India, Israel or Ireland; CST is the US or China), so for them Time
// stays zero unless the client was given the server's zone with
// WithServerLocation and the abbreviation matches that zone at that date.
type Date struct {
	Raw  string
	Time time.Time
}

// dateLayout is the guide's format without its zone.
const dateLayout = "01/02/2006 03:04:05 PM"

// UnmarshalJSON accepts the server's text form, RFC 3339 and epoch
// milliseconds; a value it cannot read is kept in Raw with a zero Time.
func (d *Date) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if string(b) == "null" {
		*d = Date{}
		return nil
	}
	if len(b) > 0 && b[0] != '"' {
		var ms json.Number
		if err := transport.DecodeJSON(b, &ms); err != nil {
			return fmt.Errorf("voltmx: %s is not a date", transport.Snippet(b, 40))
		}
		*d = Date{Raw: ms.String()}
		if v, err := ms.Int64(); err == nil {
			d.Time = epoch(v)
		}
		return nil
	}
	var s string
	if err := transport.DecodeJSON(b, &s); err != nil {
		return err
	}
	*d = Date{Raw: s, Time: parseDate(s, nil)}
	return nil
}

// MarshalJSON writes Raw back, as the server sent it.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.Raw == "" {
		return []byte("null"), nil
	}
	return json.Marshal(d.Raw)
}

// String returns Raw.
func (d Date) String() string { return d.Raw }

// resolve fills Time from Raw in the server's zone when decoding alone could not.
func (d *Date) resolve(loc *time.Location) {
	if d.Time.IsZero() && d.Raw != "" && loc != nil {
		d.Time = parseDate(d.Raw, loc)
	}
}

// parseDate reads raw, returning the zero Time unless the instant is certain
// (see Date). loc, when not nil, is the server's zone.
func parseDate(raw string, loc *time.Location) time.Time {
	s := strings.TrimSpace(raw)
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t
	}
	wall, zone := s, ""
	if i := strings.LastIndexByte(s, ' '); i > 0 && !strings.EqualFold(s[i+1:], "AM") && !strings.EqualFold(s[i+1:], "PM") {
		wall, zone = strings.TrimSpace(s[:i]), s[i+1:]
	}
	w, err := time.Parse(dateLayout, wall)
	if err != nil {
		return time.Time{}
	}
	if off, ok := zoneOffset(zone); ok {
		return time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), 0, time.FixedZone(zone, off))
	}
	if loc == nil {
		return time.Time{}
	}
	t := time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), 0, loc)
	if abbr, _ := t.Zone(); zone != "" && !strings.EqualFold(abbr, zone) {
		// The server's text names another zone than the one it was said
		// to use: better no instant than a wrong one.
		return time.Time{}
	}
	return t
}

// zoneOffset returns the offset of an unambiguous zone: UTC, GMT, Z, or a
// numeric offset with or without a UTC/GMT prefix ("+05:30", "GMT+0530").
func zoneOffset(zone string) (int, bool) {
	z := strings.ToUpper(zone)
	for _, p := range []string{"UTC", "GMT"} {
		z = strings.TrimPrefix(z, p)
	}
	if z == "" || z == "Z" {
		return 0, zone != ""
	}
	if len(z) < 2 || (z[0] != '+' && z[0] != '-') {
		return 0, false
	}
	digits := strings.ReplaceAll(z[1:], ":", "")
	var h, m int
	var err error
	switch len(digits) {
	case 1, 2:
		h, err = strconv.Atoi(digits)
	case 4:
		if h, err = strconv.Atoi(digits[:2]); err == nil {
			m, err = strconv.Atoi(digits[2:])
		}
	default:
		return 0, false
	}
	if err != nil || h > 14 || m > 59 {
		return 0, false
	}
	off := h*3600 + m*60
	if z[0] == '-' {
		off = -off
	}
	return off, true
}

// epoch converts a server timestamp to a Time. The guide documents
// milliseconds; values too small to be milliseconds of this era are taken as
// seconds, which some identity services send. Zero or less is "unknown".
func epoch(v int64) time.Time {
	switch {
	case v <= 0:
		return time.Time{}
	case v < 100_000_000_000: // before 1973 in ms, after 5000 AD in s
		return time.Unix(v, 0)
	}
	return time.UnixMilli(v)
}
