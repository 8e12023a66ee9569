// Package alfaviewtest is an in-memory fake of alfaview's JSON API v1 for
// tests and example programs, in the manner of net/http/httptest.
//
// The fake serves the operations package alfaview covers, at the same paths
// (with or without the /json/v1 prefix, so both srv.URL and
// srv.URL+"/json/v1" work as a base URL), with the documented JSON shapes:
//
//   - authenticationService/authenticate accepts the seeded API key
//     (ClientID, Secret, CompanyID), the seeded user (Username, Password)
//     and refreshTokenCredentials with the refresh token it issues on every
//     successful authentication, in the reply's refreshToken and in the
//     "auth" cookie (either comes back). Tokens expire DefaultTokenLifetime
//     (or what SetTokenLifetime set) after they are issued, by the server's
//     clock (WithClock), or at once with ExpireSessions; expiresAt is sent
//     as alfaview's gateway sends an int64, a decimal string of Unix seconds.
//   - businessLogicService/permissionGroups/list answers the seeded
//     Moderator, Participant and Spectator groups (with their ROLE_* in
//     permissions.role) and any AddPermissionGroup, as a map keyed by id.
//   - roomService/list, create and destroy keep rooms in insertion order and
//     page them by offset and limit.
//   - guestService.v2/createGroupLinks, createGuestLinks, listGroupLinks,
//     listGuestLinks and deleteLink keep links per room, with joinLinks
//     https://app.alfaview.com/#/join/<companyId>/<roomId>/<accessKey>/v2.
//
// Failures come in alfaview's two forms: an outdated or unknown access
// token answers HTTP 401 with a gRPC-gateway body (or HTTP 200 with
// replyInfo, see SetExpiredTokenForm); business errors (ROOM_NOT_FOUND,
// INVALID_ARGUMENT, AUTHENTICATION_ERROR …) answer HTTP 200 with
// replyInfo.statusCode; a body that is not JSON answers HTTP 400.
//
// Writes call MarkApplied with the SDK's operation names
// ("links.createGroupLinks", "links.createGuestLinks", "links.delete",
// "rooms.create", "rooms.destroy"; see the Op constants), and Server records
// requests and injects faults.
package alfaviewtest

//go:generate go run github.com/grantkit/grantkit-go/internal/cmd/reexport -kit -pkg alfaviewtest -sdk alfaview

import (
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/grantkit/grantkit-go/alfaview"
	"github.com/grantkit/grantkit-go/internal/fakekit"
)

// The credentials the fake accepts.
const (
	// ClientID, Secret and CompanyID are the seeded API key.
	ClientID = "fake-client-id"
	Secret   = "fake-api-key-secret"
	// CompanyID is the fake's only company, a ULID as alfaview uses.
	CompanyID = "01EZYCFW9MJ10P15YJ63NZ8S47"
	// Username and Password are the seeded user of CompanyID.
	Username = "ada@example.com"
	Password = "fake-password"
)

// DefaultTokenLifetime is how long issued access tokens stay valid unless
// SetTokenLifetime says otherwise.
const DefaultTokenLifetime = time.Hour

// ErrorForm is how the fake reports an outdated access token.
type ErrorForm int

const (
	// GatewayForm answers HTTP 401 with a gRPC-gateway body whose details
	// hold the ReplyInfo with TOKEN_OUTDATED (the default).
	GatewayForm ErrorForm = iota
	// ReplyInfoForm answers HTTP 200 with replyInfo.statusCode TOKEN_OUTDATED.
	ReplyInfoForm
)

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

	mu           sync.Mutex
	ids          *fakekit.IDs
	lifetime     time.Duration
	expiredForm  ErrorForm
	sessions     map[string]*session // by access token
	refresh      map[string]string   // refresh token → user id
	authCount    int
	refreshCount int
	userID       string
	groups       []*permissionGroup
	rooms        []*room
	groupLinks   map[string][]*link // by room id
	guestLinks   map[string][]*link
	routes       map[string]handler
}

type session struct {
	userID  string
	expires time.Time
	revoked bool
}

// NewServer starts a fake seeded with the credentials above and the
// Moderator (order 1), Participant (2) and Spectator (3) permission groups,
// and no rooms. With tb it closes itself when the test ends; with nil the
// caller must Close it. opts are WithClock and InMemory.
//
// Ids come from a generator seeded the same way in every fake, so a
// program that makes the same calls gets the same ids.
func NewServer(tb testing.TB, opts ...Option) *Server {
	s := &Server{
		ids:        fakekit.NewIDs("alfaview"),
		lifetime:   DefaultTokenLifetime,
		sessions:   make(map[string]*session),
		refresh:    make(map[string]string),
		groupLinks: make(map[string][]*link),
		guestLinks: make(map[string][]*link),
	}
	s.routes = map[string]handler{
		"businessLogicService/permissionGroups/list": s.listPermissionGroups,
		"roomService/list":                           s.listRooms,
		"roomService/create":                         s.createRoom,
		"roomService/destroy":                        s.destroyRoom,
		"guestService.v2/createGroupLinks":           s.createGroupLinks,
		"guestService.v2/createGuestLinks":           s.createGuestLinks,
		"guestService.v2/listGroupLinks":             s.listGroupLinks,
		"guestService.v2/listGuestLinks":             s.listGuestLinks,
		"guestService.v2/deleteLink":                 s.deleteLink,
	}
	s.userID = s.ids.UUID()
	s.addPermissionGroup("Moderator", 1, alfaview.RoleModerator, map[string]bool{
		"join": true, "voice": true, "video": true, "screen": true, "chat": true, "chatBroadcast": true, "promote": true})
	s.addPermissionGroup("Participant", 2, alfaview.RoleParticipant, map[string]bool{
		"join": true, "voice": true, "video": true, "screen": true, "chat": true, "chatBroadcast": false, "promote": false})
	s.addPermissionGroup("Spectator", 3, alfaview.RoleSpectator, map[string]bool{
		"join": true, "voice": false, "video": false, "screen": false, "chat": true, "chatBroadcast": false, "promote": false})
	s.start(tb, http.HandlerFunc(s.route), opts)
	return s
}

// APIKeyCredentials returns the API key the fake accepts.
func (s *Server) APIKeyCredentials() alfaview.APIKeyCredentials {
	return alfaview.APIKeyCredentials{ClientID: ClientID, Secret: Secret, CompanyID: CompanyID}
}

// PasswordCredentials returns the user the fake accepts.
func (s *Server) PasswordCredentials() alfaview.PasswordCredentials {
	return alfaview.PasswordCredentials{Username: Username, Password: Password, CompanyID: CompanyID}
}

// UserID is the id of the user every session belongs to (links' CreatedBy).
func (s *Server) UserID() string { return s.userID }

// AuthCount reports how many authentications succeeded, with credentials
// or with a refresh token.
func (s *Server) AuthCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.authCount
}

// RefreshCount reports how many of AuthCount used refreshTokenCredentials.
func (s *Server) RefreshCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.refreshCount
}

// ExpireSessions makes every access token issued so far outdated now, as if
// its lifetime had passed. Refresh tokens stay valid.
func (s *Server) ExpireSessions() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, ses := range s.sessions {
		ses.revoked = true
	}
}

// RevokeRefreshTokens makes every refresh token issued so far unknown, so
// the next refreshTokenCredentials authentication fails.
func (s *Server) RevokeRefreshTokens() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.refresh)
}

// SetTokenLifetime sets how long access tokens issued from now on stay valid.
func (s *Server) SetTokenLifetime(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.lifetime = d
}

// SetExpiredTokenForm chooses how an outdated token is reported.
func (s *Server) SetExpiredTokenForm(f ErrorForm) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expiredForm = f
}

// route dispatches on the path below the optional /json/v1 prefix. Every
// operation is a POST; anything else gets what a gRPC gateway answers.
func (s *Server) route(w http.ResponseWriter, r *http.Request) {
	path := strings.TrimPrefix(strings.TrimPrefix(r.URL.Path, "/json/v1"), "/")
	h, ok := s.routes[path]
	switch {
	case !ok && path != authenticatePath:
		writeGateway(w, http.StatusNotFound, codeNotFound, "", "", "Not Found")
	case r.Method != http.MethodPost:
		writeGateway(w, http.StatusMethodNotAllowed, codeUnimplemented, "", "", "Method Not Allowed")
	case path == authenticatePath:
		s.authenticate(w, r)
	default:
		s.authorized(w, r, h)
	}
}
