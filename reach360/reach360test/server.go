// Package reach360test is an in-memory fake of the Articulate Reach 360 API
// for tests and example programs, like net/http/httptest for a server.
//
//	srv := reach360test.NewServer(t)
//	c, err := reach360.NewClient(srv.APIKey(), srv.Options()...)
//
// It serves the documented routes with their JSON field names, status codes
// and error codes: groups (create, list with nextUrl pages and a name filter,
// get, rename, delete), group memberships, users, invitations (create, list,
// get, delete), reporters (a group's reporters, adding and removing one, a
// reporter's reporting groups) and managers (a group's managers, a
// manager's managing groups; managers are seeded with AddManager, as the
// API cannot assign them). It holds the built-in read-only "Everyone"
// group, of which every user is implicitly a member; renaming, deleting it
// or changing its members fails with read_only_group.
//
// Requests without "Authorization: Bearer <srv.APIKey()>" get 401; an
// API-Version header other than a known version gets 400
// invalid_api_version (without the header the server assumes 2023-04-04,
// as the real one does). Every other answer carries the version it was
// processed with in its API-Version header, as the Introduction article
// says the real API's do.
//
// Reach 360 does not publish its general error body. The fake answers every
// error as {"code":"…","message":"…"}, the shape its endpoint-specific codes
// are documented in. Statuses the documentation leaves open are chosen as
// follows: 409 duplicate_name, user_exists and invite_pending, 404
// group_not_found, user_not_found and invitation_not_found, 403
// read_only_group, 400 invalid_user_role (a user without the role for a
// reporter or manager call) and invalid_request for bad bodies, limits and
// cursors, 401 unauthorized.
//
// Every write that changes state counts under the SDK's name for its
// operation, one of the Op constants (OpGroupsCreate, OpInvitationsCreate,
// …), for AppliedCount. Writes that change nothing (adding an existing
// member) are not counted.
//
// Server also records requests (Requests, RequestCount), injects faults
// (Inject with a Fault: error statuses, Retry-After, cut connections,
// latency) and counts connections.
package reach360test

//go:generate go run github.com/grantkit/grantkit-go/internal/cmd/reexport -kit -pkg reach360test -sdk reach360

import (
	"fmt"
	"net/http"
	"sync"
	"testing"

	"github.com/grantkit/grantkit-go/internal/fakekit"
	"github.com/grantkit/grantkit-go/reach360"
)

// APIKey is the key every fake accepts; see Server.APIKey.
const APIKey reach360.APIKey = "r360-fake-key"

// EveryoneName is the name of the built-in group every user belongs to.
const EveryoneName = "Everyone"

// EveryoneID is the id of the built-in "Everyone" group.
const EveryoneID = "everyone"

// apiVersions are the API-Version values the fake accepts.
var apiVersions = map[string]bool{reach360.DefaultAPIVersion: true}

// Server is a running fake. Its methods are safe for concurrent use.
type Server struct {
	// URL is the fake's base URL, such as "http://127.0.0.1:38211", without
	// a trailing slash. Options already carries it.
	URL string
	// Server is the engine under the fake, exported for grantkit-go's own
	// test suites, which drive every fake's faults alike through it. Tests
	// outside this module cannot name its type and need not: each of its
	// methods is also a method of Server, documented there.
	Server *fakekit.Server

	mu sync.Mutex
	st *store
}

// NewServer starts a fake holding only the "Everyone" group. With a non-nil
// tb it is closed when the test ends; otherwise (programs) call Close.
// opts are InMemory and WithClock.
func NewServer(tb testing.TB, opts ...Option) *Server {
	s := &Server{st: newStore()}
	s.start(tb, s.routes(), opts)
	return s
}

// APIKey returns the key the fake accepts.
func (s *Server) APIKey() reach360.APIKey { return APIKey }

// AddGroup seeds a group named name and returns it. It panics if the name
// is empty or taken: seeding is test setup, and a broken setup should stop
// the test loudly.
func (s *Server) AddGroup(name string) reach360.Group {
	s.mu.Lock()
	defer s.mu.Unlock()
	g, err := s.st.addGroup(name)
	if err != nil {
		panic(fmt.Sprintf("reach360test: AddGroup(%q): %s", name, err.Message))
	}
	return s.groupJSON(g).public()
}

// AddUser seeds a user and returns it as the API shows it. An empty ID is
// assigned; an empty Role becomes "learner"; the URL fields are filled in.
// It panics if the ID or the email is already taken.
func (s *Server) AddUser(u reach360.User) reach360.User {
	s.mu.Lock()
	defer s.mu.Unlock()
	stored, err := s.st.addUser(u)
	if err != nil {
		panic(fmt.Sprintf("reach360test: AddUser(%q): %s", u.Email, err))
	}
	return s.userJSON(stored).public()
}

// AddMember seeds a membership. It panics if the group or user is missing
// or the group is "Everyone".
func (s *Server) AddMember(groupID, userID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.st.addMember(groupID, userID); err != nil {
		panic(fmt.Sprintf("reach360test: AddMember(%q, %q): %s", groupID, userID, err.Message))
	}
}

// Groups returns every group in list order, "Everyone" first, as the fake
// holds them (not through the API), for checking what a client changed.
func (s *Server) Groups() []reach360.Group {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]reach360.Group, 0, len(s.st.groups.items))
	for _, g := range s.st.groups.items {
		out = append(out, s.groupJSON(g).public())
	}
	return out
}

// Users returns every user in list order, as the fake holds them.
func (s *Server) Users() []reach360.User {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]reach360.User, 0, len(s.st.users.items))
	for _, u := range s.st.users.items {
		out = append(out, s.userJSON(u).public())
	}
	return out
}

// MemberIDs returns the ids of a group's members in list order; nil for a
// missing group.
func (s *Server) MemberIDs(groupID string) []string {
	return s.userIDs(groupID, (*store).isMember)
}

// userIDs returns the ids of the users keep accepts for the group, in list
// order; nil for a missing group.
func (s *Server) userIDs(groupID string, keep func(*store, *user, *group) bool) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	g := s.st.groups.byID[groupID]
	if g == nil {
		return nil
	}
	ids := []string{}
	for _, u := range s.st.users.items {
		if keep(s.st, u, g) {
			ids = append(ids, u.ID)
		}
	}
	return ids
}

// routes is the fake's handler: credentials and version first, then the
// documented endpoints.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /groups", s.createGroup)
	mux.HandleFunc("GET /groups", s.listGroups)
	mux.HandleFunc("GET /groups/{groupId}", s.getGroup)
	mux.HandleFunc("PUT /groups/{groupId}", s.updateGroup)
	mux.HandleFunc("DELETE /groups/{groupId}", s.deleteGroup)
	mux.HandleFunc("GET /groups/{groupId}/users", s.listMembers)
	mux.HandleFunc("PUT /groups/{groupId}/users/{userId}", s.addMember)
	mux.HandleFunc("DELETE /groups/{groupId}/users/{userId}", s.removeMember)
	mux.HandleFunc("GET /users", s.listUsers)
	mux.HandleFunc("GET /users/{userId}", s.getUser)
	mux.HandleFunc("DELETE /users/{userId}", s.deleteUser)
	mux.HandleFunc("GET /users/{userId}/groups", s.userGroups)
	mux.HandleFunc("GET /groups/{groupId}/reporters", s.listReporters)
	mux.HandleFunc("PUT /groups/{groupId}/reporters/{userId}", s.setReporter(true))
	mux.HandleFunc("DELETE /groups/{groupId}/reporters/{userId}", s.setReporter(false))
	mux.HandleFunc("GET /users/{userId}/reporting-groups", s.reportingGroups)
	mux.HandleFunc("GET /groups/{groupId}/managers", s.listManagers)
	mux.HandleFunc("GET /users/{userId}/managing-groups", s.managingGroups)
	mux.HandleFunc("POST /invitations", s.createInvitation)
	mux.HandleFunc("GET /invitations", s.listInvitations)
	mux.HandleFunc("GET /invitations/{invitationId}", s.getInvitation)
	mux.HandleFunc("DELETE /invitations/{invitationId}", s.deleteInvitation)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if key, ok := fakekit.BearerToken(r); !ok || key != string(APIKey) {
			writeError(w, errUnauthorized)
			return
		}
		if v := r.Header.Get("API-Version"); v != "" && !apiVersions[v] {
			writeError(w, &apiError{http.StatusBadRequest, "invalid_api_version",
				fmt.Sprintf("API version %q is not supported", v)})
			return
		}
		v := r.Header.Get("API-Version")
		if v == "" {
			v = reach360.DefaultAPIVersion
		}
		w.Header().Set("API-Version", v)
		mux.ServeHTTP(w, r)
	})
}
