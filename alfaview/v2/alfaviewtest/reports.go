package alfaviewtest

import (
	"slices"
	"time"
)

// reportPeriod reads the from and to every report requires; to not after
// from is 422 (inferred).
func reportPeriod(q *query) (from, to time.Time, ok bool) {
	f, t := q.time("from", true), q.time("to", true)
	if f != nil && t != nil && !t.After(*f) {
		q.add("to", "to must be after from", t.Format(time.RFC3339Nano))
	}
	if f == nil || t == nil || len(q.errs) > 0 {
		return time.Time{}, time.Time{}, false
	}
	return *f, *t, true
}

// overlap is the part of [a, b) inside [from, to), and whether there is one.
func overlap(a, b, from, to time.Time) (time.Time, time.Time, bool) {
	start, end := later(a, from), earlier(b, to)
	return start, end, start.Before(end)
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// userAttendancesJSON is model UserAttendances.
type userAttendancesJSON struct {
	Attendances []Attendance `json:"attendances"`
	UserID      string       `json:"userId"`
}

// listAttendances is GET /v2/rooms/{roomId}/attendances (from, to →
// UserAttendances[]): the room's seeded attendances that overlap the
// period, grouped by user in the order they were added, not clipped.
func (s *Server) listAttendances(c *call) (reply, *problem) {
	q := c.query()
	from, to, valid := reportPeriod(q)
	if !valid {
		return fail(q.problem())
	}
	r, p := s.findRoom(c.r.PathValue("roomId"))
	if p != nil {
		return fail(p)
	}
	out := []userAttendancesJSON{}
	for _, a := range r.attendances {
		if _, _, in := overlap(a.From, a.To, from, to); !in {
			continue
		}
		i := slices.IndexFunc(out, func(u userAttendancesJSON) bool { return u.UserID == a.userID })
		if i < 0 {
			out = append(out, userAttendancesJSON{UserID: a.userID})
			i = len(out) - 1
		}
		out[i].Attendances = append(out[i].Attendances, a.Attendance)
	}
	return ok(out)
}

// statsJSON is model Stats.
type statsJSON struct {
	ActiveCount        int64 `json:"activeCount"`
	RoomOnlineSeconds  int64 `json:"roomOnlineSeconds"`
	SessionCount       int64 `json:"sessionCount"`
	UsersOnlineSeconds int64 `json:"usersOnlineSeconds"`
}

// statsPeriodJSON is model StatsPeriod.
type statsPeriodJSON struct {
	From     time.Time `json:"from"`
	Meetings statsJSON `json:"meetings"`
	Rooms    statsJSON `json:"rooms"`
	To       time.Time `json:"to"`
}

// statsHorizon is how far back statistics reach: "The earliest start time
// can be exactly 62 days in the past."
const statsHorizon = 62 * 24 * time.Hour

// listStats is GET /v2/stats (from, to, stepDurationHours → StatsPeriod[]):
// one period per step from from (the last one ends at to), each with the
// statistics of meeting rooms and of the other rooms, worked out from the
// seeded attendances as model Stats defines them. A from earlier than 62
// days ago is 422 (the limit is documented, the status inferred).
func (s *Server) listStats(c *call) (reply, *problem) {
	q := c.query()
	step := q.int("stepDurationHours", true, 0, bound(1), nil)
	from, to, valid := reportPeriod(q)
	if valid && from.Before(s.Clock().Now().Add(-statsHorizon)) {
		q.add("from", "from can be at most 62 days in the past", from.Format(time.RFC3339Nano))
	}
	if p := q.problem(); p != nil {
		return fail(p)
	}
	out := []statsPeriodJSON{}
	for start := from; start.Before(to); start = start.Add(time.Duration(step) * time.Hour) {
		end := earlier(start.Add(time.Duration(step)*time.Hour), to)
		out = append(out, statsPeriodJSON{From: start, To: end,
			Meetings: s.stats(start, end, true), Rooms: s.stats(start, end, false)})
	}
	return ok(out)
}

// stats sums the attendances in [from, to) of meeting rooms or of the
// others: sessions and their seconds, rooms with anyone in them, and the
// seconds each room had at least one person in it. s.mu is held.
func (s *Server) stats(from, to time.Time, meetings bool) statsJSON {
	var st statsJSON
	for _, r := range s.rooms {
		if (r.Type == RoomTypeMeeting) != meetings {
			continue
		}
		var spans [][2]time.Time
		for _, a := range r.attendances {
			if start, end, in := overlap(a.From, a.To, from, to); in {
				st.SessionCount++
				st.UsersOnlineSeconds += int64(end.Sub(start) / time.Second)
				spans = append(spans, [2]time.Time{start, end})
			}
		}
		if len(spans) == 0 {
			continue
		}
		st.ActiveCount++
		slices.SortFunc(spans, func(a, b [2]time.Time) int { return a[0].Compare(b[0]) })
		cur := spans[0]
		for _, sp := range spans[1:] {
			if sp[0].After(cur[1]) {
				st.RoomOnlineSeconds += int64(cur[1].Sub(cur[0]) / time.Second)
				cur = sp
			} else {
				cur[1] = later(cur[1], sp[1])
			}
		}
		st.RoomOnlineSeconds += int64(cur[1].Sub(cur[0]) / time.Second)
	}
	return st
}
