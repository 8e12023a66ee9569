package alfaviewtest

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"strings"
	"time"
)

// access says who may call a route.
type access int

const (
	public     access = iota // no token (the logins)
	anyToken                 // any token, expired ones too (token-info)
	anyUser                  // a valid API-key or password token
	roomList                 // … with permission roomList
	roomCreate               // … with permission roomCreate
	userList                 // … with permission userList
	userAdmin                // … with permission userAdmin
)

// routes lists the SDK's operations (lib/Api/*Api.php, $resourcePath and
// method of each).
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	for _, rt := range []struct {
		pattern string
		access  access
		h       handler
	}{
		// AuthenticationApi
		{"POST /v2/auth/api-key", public, s.loginAPIKey},
		{"POST /v2/auth/password", public, s.loginPassword},
		{"POST /v2/auth/group-link", public, s.loginGroupLink},
		{"POST /v2/auth/guest-link", public, s.loginGuestLink},
		{"GET /v2/auth/token-info", anyToken, s.tokenInfo},
		// RoomsApi
		{"GET /v2/rooms", roomList, s.listRooms},
		{"POST /v2/rooms", roomCreate, s.createRoom},
		{"GET /v2/rooms/{id}", roomList, s.getRoom},
		{"PATCH /v2/rooms/{id}", anyUser, s.updateRoom},
		{"DELETE /v2/rooms/{id}", anyUser, s.deleteRoom},
		{"GET /v2/rooms/{roomId}/subrooms", roomList, s.listSubrooms},
		{"POST /v2/rooms/{roomId}/subrooms", anyUser, s.createSubroom},
		{"PATCH /v2/rooms/{roomId}/subrooms/{subroomId}", anyUser, s.updateSubroom},
		{"DELETE /v2/rooms/{roomId}/subrooms/{subroomId}", anyUser, s.deleteSubroom},
		{"GET /v2/rooms/{roomId}/permissions", roomList, s.listPermissions},
		{"POST /v2/rooms/{roomId}/permissions", anyUser, s.createPermissions},
		{"PATCH /v2/rooms/{roomId}/permissions/{userId}", anyUser, s.updatePermissions},
		{"DELETE /v2/rooms/{roomId}/permissions/{userId}", anyUser, s.deletePermissions},
		{"GET /v2/rooms/{roomId}/features", roomList, s.getFeatures},
		{"PATCH /v2/rooms/{roomId}/features", anyUser, s.updateFeatures},
		{"DELETE /v2/rooms/{roomId}/features", anyUser, s.deleteFeatures},
		{"GET /v2/rooms/{roomId}/language-settings", roomList, s.getLanguageSettings},
		{"PATCH /v2/rooms/{roomId}/language-settings", anyUser, s.updateLanguageSettings},
		{"GET /v2/languages", anyUser, s.listLanguages},
		{"GET /v2/rooms/{id}/participants", roomList, s.listParticipants},
		{"GET /v2/permission-groups", anyUser, s.listPermissionGroups},
		{"GET /v2/room-types", anyUser, s.listRoomTypes},
		// GuestsApi
		{"POST /v2/rooms/{roomId}/group-links", anyUser, s.createGroupLinks},
		{"POST /v2/rooms/{roomId}/guest-links", anyUser, s.createGuestLinks},
		{"GET /v2/group-links", roomList, s.listGroupLinks},
		{"GET /v2/rooms/{roomId}/group-links", roomList, s.listGroupLinks},
		{"GET /v2/guest-links", roomList, s.listGuestLinks},
		{"GET /v2/rooms/{roomId}/guest-links", roomList, s.listGuestLinks},
		{"GET /v2/group-links/{id}", roomList, s.getGroupLink},
		{"GET /v2/guest-links/{id}", roomList, s.getGuestLink},
		{"PATCH /v2/group-links/{id}", anyUser, s.updateGroupLink},
		{"PATCH /v2/guest-links/{id}", anyUser, s.updateGuestLink},
		{"DELETE /v2/rooms/{roomId}/group-links/{id}", anyUser, s.deleteGroupLink},
		{"DELETE /v2/rooms/{roomId}/guest-links/{id}", anyUser, s.deleteGuestLink},
		// UsersApi
		{"GET /v2/users", userList, s.listUsers},
		{"POST /v2/users/invitation", userAdmin, s.inviteUser},
		// MeetingsApi
		{"POST /v2/meetings", anyUser, s.createMeeting},
		{"GET /v2/meetings", anyUser, s.listMeetings},
		{"GET /v2/meetings/{id}", anyUser, s.getMeeting},
		{"PATCH /v2/meetings/{id}", anyUser, s.updateMeeting},
		{"POST /v2/meetings/{id}/cancellation", anyUser, s.cancelMeeting},
		// ReportsApi
		{"GET /v2/rooms/{roomId}/attendances", roomList, s.listAttendances},
		{"GET /v2/stats", roomList, s.listStats},
	} {
		mux.Handle(rt.pattern, s.serve(rt.access, rt.h))
	}
	return mux
}

// handler answers one operation. It runs with s.mu held and returns what to
// send, which serve writes after unlocking, so a client that reads slowly
// never holds up the fake.
type handler func(c *call) (reply, *problem)

// reply is a successful answer; a nil body sends none.
type reply struct {
	status int
	body   any
}

func ok(body any) (reply, *problem)      { return reply{http.StatusOK, body}, nil }
func created(body any) (reply, *problem) { return reply{http.StatusCreated, body}, nil }

// done answers an operation the SDK declares without a result ("void"):
// 204, as Huma answers a handler with no body (inferred).
func done() (reply, *problem) { return reply{status: http.StatusNoContent}, nil }

func fail(p *problem) (reply, *problem) { return reply{}, p }

// call is one request as a handler sees it.
type call struct {
	s   *Server
	r   *http.Request
	ses *session // nil on public routes
}

func (s *Server) serve(a access, h handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rep, p := s.run(a, h, r)
		switch {
		case p != nil:
			writeProblem(w, p)
		case rep.body == nil:
			w.WriteHeader(rep.status)
		default:
			writeJSON(w, rep.status, rep.body)
		}
	})
}

func (s *Server) run(a access, h handler, r *http.Request) (reply, *problem) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := &call{s: s, r: r}
	if a != public {
		ses, p := s.authenticate(r, a == anyToken)
		if p != nil {
			return fail(p)
		}
		if p := ses.allows(a); p != nil {
			return fail(p)
		}
		c.ses = ses
	}
	return h(c)
}

// now is the fake's clock in UTC, in the whole seconds the API shows.
func (s *Server) now() time.Time {
	return s.Clock().Now().UTC().Truncate(time.Second)
}

// decode reads the JSON body into v after checking it against sc, as Huma
// does: no body is 400 "request body is required", a Content-Type that is
// not JSON is 415, JSON that does not parse is 400, and a body that breaks
// the schema is 422 with every problem found.
func (c *call) decode(sc *schema, v any) *problem {
	body, _ := io.ReadAll(c.r.Body) // fakekit already holds the body in memory
	if len(body) == 0 {
		return newProblem(http.StatusBadRequest, "request body is required")
	}
	if ct := c.r.Header.Get("Content-Type"); ct != "" && !isJSON(ct) {
		p := newProblem(http.StatusUnsupportedMediaType, "validation failed")
		p.Errors = []errorDetail{{Location: "body", Message: "unknown content type: " + ct, Value: string(body)}}
		return p
	}
	if err := json.Unmarshal(body, new(any)); err != nil {
		p := newProblem(http.StatusBadRequest, "validation failed")
		p.Errors = []errorDetail{{Location: "body", Message: err.Error(), Value: string(body)}}
		return p
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var parsed any
	_ = dec.Decode(&parsed) // it parsed above
	var errs []errorDetail
	validate("body", parsed, sc, &errs)
	if len(errs) > 0 {
		return invalid(errs...)
	}
	if err := json.Unmarshal(body, v); err != nil {
		return invalidAt("body", err.Error(), string(body))
	}
	return nil
}

func isJSON(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	return err == nil && (mt == "application/json" || strings.HasSuffix(mt, "+json"))
}
