package sharestest

import (
	"cmp"
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/grantkit/grantkit-go/internal/fakekit"
)

// reply is a handler's answer, worked out under s.mu and written after it
// is released.
type reply struct {
	status int
	body   any
}

func (rp reply) write(w http.ResponseWriter) {
	fakekit.WriteJSON(w, rp.status, rp.body)
}

func badInput() reply {
	return apiReply(http.StatusBadRequest, codeInvalidInput, "Invalid input")
}

func apiReply(status int, code, message string) reply {
	return reply{status, apiError{Message: message, Code: code, ErrorMessage: message, ErrorCode: code}}
}

func shareNotFound() reply {
	return apiReply(http.StatusNotFound, codeNotFound, "share not found")
}

// shareBody is the body of POST and PUT /v2/shares. Pointers tell a field
// left out (or null) from one sent; the dates and times also tell null
// (cleared) from left out.
type shareBody struct {
	OrganizationID   *int64            `json:"organizationId"`
	StartDate        optString         `json:"startDate"`
	StartTime        optString         `json:"startTime"`
	EndDate          optString         `json:"endDate"`
	EndTime          optString         `json:"endTime"`
	Schedule         *[]scheduleEntry  `json:"schedule"`
	Permissions      *permissions      `json:"permissions"`
	Source           *sourceBody       `json:"source"`
	Receiver         *receiverBody     `json:"receiver"`
	PersonalSettings *personalSettings `json:"personalSettings"`
	AutoRemoveAfter  *string           `json:"autoRemoveAfter"`
}

// optString is a string field that may be left out, null or set.
type optString struct {
	sent  bool
	value *string
}

// UnmarshalJSON runs for null too, which is what tells it from absent.
func (o *optString) UnmarshalJSON(b []byte) error {
	o.sent = true
	return json.Unmarshal(b, &o.value)
}

type sourceBody struct {
	DeviceID      *int64 `json:"deviceId"`
	DeviceGroupID *int64 `json:"deviceGroupId"`
}

type receiverBody struct {
	UserID      *int64 `json:"userId"`
	UserGroupID *int64 `json:"userGroupId"`
}

type shareRef struct {
	ShareID int64  `json:"shareId"`
	Token   string `json:"token"`
}

func (s *Server) createShare(w http.ResponseWriter, r *http.Request) {
	var b shareBody
	if fakekit.ReadJSON(r, &b) != nil {
		badInput().write(w)
		return
	}
	s.mu.Lock()
	rp := s.doCreate(&b)
	s.mu.Unlock()
	rp.write(w)
}

func (s *Server) doCreate(b *shareBody) reply {
	// autoRemoveAfter belongs to updates only.
	if b.OrganizationID == nil || b.Source == nil || b.Receiver == nil || b.AutoRemoveAfter != nil {
		return badInput()
	}
	if _, ok := s.orgs[*b.OrganizationID]; !ok {
		return badInput()
	}
	sh := &share{orgID: *b.OrganizationID}
	if !s.apply(sh, b) {
		return badInput()
	}
	sh.id = s.nextID("share")
	sh.token = newUUID()
	s.shares[sh.id] = sh
	s.Server.MarkApplied(OpSharesCreate)
	return reply{http.StatusOK, shareRef{ShareID: sh.id, Token: sh.token}}
}

func (s *Server) updateShare(w http.ResponseWriter, r *http.Request) {
	id, ok := shareID(r)
	var b shareBody
	if !ok || fakekit.ReadJSON(r, &b) != nil {
		badInput().write(w)
		return
	}
	s.mu.Lock()
	rp := s.doUpdate(id, &b)
	s.mu.Unlock()
	rp.write(w)
}

// doUpdate changes the fields b sends and keeps the others [inferred: the
// reference does not say]. organizationId, the create-only field, is
// ignored.
func (s *Server) doUpdate(id int64, b *shareBody) reply {
	sh := s.shares[id]
	if sh == nil {
		return shareNotFound()
	}
	next := *sh
	if !s.apply(&next, b) {
		return badInput()
	}
	if a := b.AutoRemoveAfter; a != nil {
		if *a != "WEEK" && *a != "MONTH" && *a != "YEAR" {
			return badInput()
		}
		next.autoRemoveAfter = *a
	}
	*sh = next
	s.Server.MarkApplied(OpSharesUpdate)
	return reply{http.StatusOK, shareRef{ShareID: sh.id, Token: sh.token}}
}

// apply checks the fields b sends and sets them on sh, reporting false
// (leaving sh as it was) for anything the API rejects. s.mu is held.
func (s *Server) apply(sh *share, b *shareBody) bool {
	next := *sh
	for _, f := range []struct {
		in   optString
		out  *string
		size int
		lay  string
	}{
		{b.StartDate, &next.startDate, len(time.DateOnly), time.DateOnly},
		{b.EndDate, &next.endDate, len(time.DateOnly), time.DateOnly},
		{b.StartTime, &next.startTime, len(time.TimeOnly), time.TimeOnly},
		{b.EndTime, &next.endTime, len(time.TimeOnly), time.TimeOnly},
	} {
		switch {
		case !f.in.sent:
			continue
		case f.in.value == nil:
			// null clears the field [inferred: the reference shows no
			// clearing form for dates]: a temporary share becomes
			// permanent.
			*f.out = ""
			continue
		}
		v := *f.in.value
		if _, err := time.Parse(f.lay, v); err != nil || len(v) != f.size {
			return false
		}
		*f.out = v
	}
	if b.Schedule != nil {
		for _, e := range *b.Schedule {
			if !validEntry(e) {
				return false
			}
		}
		next.schedule = slices.Clone(*b.Schedule)
	}
	if b.Permissions != nil {
		next.permissions = *b.Permissions
	}
	if src := b.Source; src != nil {
		switch {
		case src.DeviceID != nil && src.DeviceGroupID == nil:
			d, ok := s.devices[*src.DeviceID]
			if !ok || d.OrganizationID != next.orgID {
				return false
			}
			next.deviceID, next.deviceGroupID = d.ID, 0
		case src.DeviceGroupID != nil && src.DeviceID == nil:
			g, ok := s.deviceGroups[*src.DeviceGroupID]
			if !ok || g.OrganizationID != next.orgID {
				return false
			}
			next.deviceID, next.deviceGroupID = 0, g.ID
		default:
			return false
		}
	}
	if rcv := b.Receiver; rcv != nil {
		switch {
		case rcv.UserID != nil && rcv.UserGroupID == nil:
			if _, ok := s.users[*rcv.UserID]; !ok {
				return false
			}
			next.userID, next.userGroupID = *rcv.UserID, 0
		case rcv.UserGroupID != nil && rcv.UserID == nil:
			if _, ok := s.userGroups[*rcv.UserGroupID]; !ok {
				return false
			}
			next.userID, next.userGroupID = 0, *rcv.UserGroupID
		default:
			return false
		}
	}
	if b.PersonalSettings != nil {
		ps := *b.PersonalSettings
		next.personalSettings = &ps
	}
	// The fixed-width forms compare correctly as text.
	if next.startDate != "" && next.endDate != "" && next.endDate < next.startDate {
		return false
	}
	if next.startDate == next.endDate && next.startTime != "" && next.endTime != "" && next.endTime < next.startTime {
		return false
	}
	*sh = next
	return true
}

func validEntry(e scheduleEntry) bool {
	switch e.DayOfWeek {
	case "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday":
	default:
		return false
	}
	switch e.Recurrence {
	case "Daily", "Weekly", "BiWeekly":
	default:
		return false
	}
	if p := e.Period; p != nil {
		for _, t := range []string{p.StartTime, p.EndTime} {
			if _, err := time.Parse(time.TimeOnly, t); err != nil || len(t) != len(time.TimeOnly) {
				return false
			}
		}
		return p.EndTime > p.StartTime
	}
	return true
}

// listShares answers with a bare array, filtered by externalId and
// deviceId [inferred: the reference names externalId; its 404 "device not
// found" suggests the device filter]. An unknown device is a 404.
func (s *Server) listShares(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var deviceID int64
	if v := q.Get("deviceId"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			badInput().write(w)
			return
		}
		deviceID = id
	}
	s.mu.Lock()
	rp := s.doList(q.Get("externalId"), deviceID)
	s.mu.Unlock()
	rp.write(w)
}

func (s *Server) doList(externalID string, deviceID int64) reply {
	if _, ok := s.devices[deviceID]; deviceID != 0 && !ok {
		return apiReply(http.StatusNotFound, codeNotFound, "Device not found")
	}
	out := []shareView{}
	for _, sh := range s.shares {
		if (externalID == "" || sh.externalID == externalID) && (deviceID == 0 || sh.deviceID == deviceID) {
			out = append(out, s.view(sh))
		}
	}
	slices.SortFunc(out, func(a, b shareView) int { return cmp.Compare(a.ID, b.ID) })
	return reply{http.StatusOK, out}
}

func (s *Server) getShare(w http.ResponseWriter, r *http.Request) {
	id, ok := shareID(r)
	if !ok {
		badInput().write(w)
		return
	}
	s.mu.Lock()
	rp := shareNotFound()
	if sh := s.shares[id]; sh != nil {
		rp = reply{http.StatusOK, s.view(sh)}
	}
	s.mu.Unlock()
	rp.write(w)
}

// deleteShare answers 204 [inferred: the reference shows no delete page].
func (s *Server) deleteShare(w http.ResponseWriter, r *http.Request) {
	id, ok := shareID(r)
	if !ok {
		badInput().write(w)
		return
	}
	s.mu.Lock()
	rp := shareNotFound()
	if s.shares[id] != nil {
		delete(s.shares, id)
		s.Server.MarkApplied(OpSharesDelete)
		rp = reply{http.StatusNoContent, nil}
	}
	s.mu.Unlock()
	rp.write(w)
}

// createWebKey answers with the key's URL as a bare JSON string, or with
// one of the documented 400 messages (code invalidInputErrorError
// [inferred]).
func (s *Server) createWebKey(w http.ResponseWriter, r *http.Request) {
	id, ok := shareID(r)
	if !ok {
		badInput().write(w)
		return
	}
	s.mu.Lock()
	rp := s.doCreateWebKey(id)
	s.mu.Unlock()
	rp.write(w)
}

func (s *Server) doCreateWebKey(id int64) reply {
	sh := s.shares[id]
	switch {
	case sh == nil:
		return shareNotFound()
	case sh.userGroupID != 0:
		return apiReply(http.StatusBadRequest, codeInvalidInput, "Web key not allowed for user groups")
	case sh.startDate == "" || sh.endDate == "":
		return apiReply(http.StatusBadRequest, codeInvalidInput, "Web key requires temporary access")
	case sh.webKey != "":
		return apiReply(http.StatusBadRequest, codeInvalidInput, "Web key already exists")
	}
	sh.webKey = WebKeyBaseURL + newUUID()
	s.Server.MarkApplied(OpSharesCreateWebKey)
	return reply{http.StatusOK, sh.webKey}
}

// shareID reads the {id} path segment.
func shareID(r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	return id, err == nil
}
