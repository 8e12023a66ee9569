// Package voltmxtest is an in-memory fake of the Volt MX Engagement Services
// access-management API, for testing code that uses package voltmx (and
// voltmx itself), like net/http/httptest.
//
// The fake serves the documented routes under the default context path
// "/vpns": groups and users (create, list with start/pageSize, get, modify,
// delete) and permissions (the 18 permissions of an Engagement Services
// server, ADHOC_PUSH among them, paged with start/pageSize as "Get All
// Permissions by Pagination" documents). It answers with the documented
// bodies and 400 sentences ("Group name is required", "Delete is not allowed
// on active group", "User already exists with this user ID", the ADHOC_PUSH
// rule, ...), returns the id of a created group or user as a string ("3")
// as the real server does, and writes dates the way the server does
// ("06/15/2016 02:00:18 PM IST", India time). Its POSTs require the
// documented Content-Type application/json (415 otherwise).
//
// All three authentication modes are accepted on every API route:
//
//   - HTTP Basic with Username and Password;
//   - a claims token in X-VoltMX-Authorization (or X-Kony-Authorization),
//     obtained by POSTing {"userid","password"} to LoginPath on the same
//     server (a real deployment has the identity service on its own host);
//   - AccessToken and AccessSecret headers, obtained from
//     GET /vpns/api/v1/oauth/accesstoken with HTTP Basic.
//
// Issued tokens live DefaultTokenLifetime by the server's clock (WithClock)
// unless ExpireSessions ends them all at once; AuthCount counts the logins
// and token fetches that succeeded. Everything fakekit offers (fault
// injection, request records, applied-write counts) is a method of Server;
// writes are counted as OpGroupsCreate, OpGroupsUpdate, OpGroupsDelete,
// OpUsersCreate, OpUsersUpdate and OpUsersDelete.
package voltmxtest

//go:generate go run github.com/grantkit/grantkit-go/internal/cmd/reexport -kit -pkg voltmxtest -sdk voltmx

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/grantkit/grantkit-go/internal/fakekit"
	"github.com/grantkit/grantkit-go/voltmx"
)

// The fake's credentials and fixed paths.
const (
	// Username and Password are the one console user every auth mode accepts.
	Username = "admin"
	Password = "fake-admin-password"
	// ContextPath is where the fake serves the API.
	ContextPath = "/vpns"
	// LoginPath is the claims-token login endpoint, at the root of the
	// fake's URL as on a Foundry identity server.
	LoginPath = "/authService/accounts/login"
	// DefaultTokenLifetime is how long an issued claims token or OAuth
	// pair is accepted unless SetTokenLifetime says otherwise.
	DefaultTokenLifetime = time.Hour
	// TokenLifetime is DefaultTokenLifetime.
	//
	// Deprecated: use DefaultTokenLifetime, the name every session fake uses.
	TokenLifetime = DefaultTokenLifetime
)

// ServerZone is the zone the fake writes dates in: India Standard Time,
// abbreviated "IST" as in the API guide's samples.
var ServerZone = time.FixedZone("IST", 5*3600+30*60)

// Server is a running fake. It is safe for concurrent use.
type Server struct {
	// URL is the fake's base URL, such as "http://127.0.0.1:38211", without
	// a trailing slash. Options already carries it.
	URL string
	// Server is the engine under the fake, exported for grantkit-go's own
	// test suites, which drive every fake's faults alike through it. Tests
	// outside this module cannot name its type and need not: each of its
	// methods is also a method of Server, documented there.
	Server *fakekit.Server

	mu          sync.Mutex
	clock       fakekit.Clock
	groups      map[int64]*Group
	nextGroupID int64
	users       map[int64]*User
	nextUserID  int64
	perms       []permission
	claims      map[string]session
	pairs       map[string]session
	authCount   int
	lifetime    time.Duration
}

// session is an issued claims token or OAuth pair.
type session struct {
	user   string
	secret string // OAuth pairs only
	expiry time.Time
}

// NewServer starts a fake with the 18 permissions and the console user
// Username (id 1). With tb it is closed when the test ends; with a nil tb
// (example programs) the caller must call Close. opts are InMemory and
// WithClock.
func NewServer(tb testing.TB, opts ...Option) *Server {
	s := &Server{
		groups:   make(map[int64]*Group),
		users:    make(map[int64]*User),
		perms:    defaultPermissions(),
		claims:   make(map[string]session),
		pairs:    make(map[string]session),
		lifetime: DefaultTokenLifetime,
	}
	s.start(tb, s.routes(), opts)
	s.clock = s.Server.Clock()
	s.AddUser(User{UserName: Username, DisplayName: "Administrator", Email: "admin@example.com", Active: true})
	return s
}

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST "+LoginPath, s.login)
	api := ContextPath + "/api/v1"
	mux.HandleFunc("GET "+api+"/oauth/accesstoken", s.accessToken)
	mgmt := api + "/accessmgmt"
	mux.HandleFunc("GET "+mgmt+"/permissions", s.authed(s.listPermissions))
	mux.HandleFunc("POST "+mgmt+"/groups", s.authed(jsonOnly(s.createGroup)))
	mux.HandleFunc("GET "+mgmt+"/groups", s.authed(s.listGroups))
	mux.HandleFunc("GET "+mgmt+"/groups/{id}", s.authed(s.getGroup))
	mux.HandleFunc("POST "+mgmt+"/group/{id}/modify", s.authed(jsonOnly(s.modifyGroup)))
	mux.HandleFunc("POST "+mgmt+"/groups/{id}/delete", s.authed(jsonOnly(s.deleteGroup)))
	mux.HandleFunc("POST "+mgmt+"/users", s.authed(jsonOnly(s.createUser)))
	mux.HandleFunc("GET "+mgmt+"/users", s.authed(s.listUsers))
	mux.HandleFunc("GET "+mgmt+"/users/{id}", s.authed(s.getUser))
	mux.HandleFunc("POST "+mgmt+"/users/{id}/modify", s.authed(jsonOnly(s.modifyUser)))
	mux.HandleFunc("POST "+mgmt+"/users/{id}/delete", s.authed(jsonOnly(s.deleteUser)))
	return mux
}

// BasicAuth returns credentials the fake accepts.
func (s *Server) BasicAuth() voltmx.BasicAuth {
	return voltmx.BasicAuth{Username: Username, Password: Password}
}

// ClaimsLogin returns credentials that log in at the fake's LoginPath.
func (s *Server) ClaimsLogin() voltmx.ClaimsLogin {
	return voltmx.ClaimsLogin{LoginURL: s.LoginURL(), UserID: Username, Password: Password}
}

// OAuthPair returns credentials the fake's access-token endpoint accepts.
func (s *Server) OAuthPair() voltmx.OAuthPair {
	return voltmx.OAuthPair{Username: Username, Password: Password}
}

// LoginURL is the fake's claims-token login endpoint.
func (s *Server) LoginURL() string { return s.URL + LoginPath }

// AuthCount reports how many logins and access-token fetches succeeded.
func (s *Server) AuthCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.authCount
}

// ExpireSessions makes every claims token and OAuth pair issued so far
// invalid, as a server restart or an idle timeout would. Basic credentials
// keep working.
func (s *Server) ExpireSessions() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.claims)
	clear(s.pairs)
}

// SetTokenLifetime changes how long tokens issued from now on are accepted.
func (s *Server) SetTokenLifetime(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.lifetime = d
}

func (s *Server) now() time.Time { return s.clock.Now() }

func randomToken() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
