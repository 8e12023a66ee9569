// Package alfaviewtest is an in-memory fake of alfaview's REST API v2 for
// tests and example programs, in the manner of net/http/httptest.
//
//	srv := alfaviewtest.NewServer(t)
//	c, err := alfaview.NewClient(srv.APIKeyCredentials(), srv.Options()...)
//
// srv.URL is the host root; every path starts with /v2/. PasswordCredentials
// logs in as the seeded user instead, and AccessToken issues a token for a
// client built with an alfaview.AccessToken.
//
// The fake serves the 48 operations of the official PHP SDK
// (alfatraining/alfaview-php-sdk, lib/Api at its newest commit) at their
// paths, with the JSON of its models:
//
//   - Authentication: POST /v2/auth/api-key accepts ClientID, Key and
//     CompanyID; POST /v2/auth/password accepts Username and Password; both
//     answer {accessToken}, a base64 string that every other call must send
//     as the whole value of the Authorization header, as the official
//     client does (no "Bearer"). Tokens expire DefaultTokenLifetime (or what
//     SetTokenLifetime set) after they are issued, by the server's clock
//     (WithClock), or at once with ExpireSessions; an expired, unknown or
//     missing token is 401. GET /v2/auth/token-info reports a token's
//     expiry and permissions. POST /v2/auth/group-link and
//     /v2/auth/guest-link log a guest in with a link's access key.
//   - Rooms (type department, room or meeting) with subrooms, user
//     permissions, features, language settings and participants; the
//     permission groups Moderator, Participant, Guest and Spectator; room
//     types; transcription languages.
//   - Group and guest links per room, with join links
//     https://app.alfaview.com/#/join/<companyId>/<roomId>/<accessKey>/v2.
//   - Users and invitations; meetings (create, get, list, update, cancel),
//     each with a room of type meeting whose id is the meeting's; reports
//     (attendances, statistics) worked out from seeded attendances.
//
// Lists of rooms and links come in pages of {data, nextPageToken}, with an
// opaque token and limit bounds from lib/Api (rooms: default and maximum
// 50; links: default 100, maximum 500); the last page has no
// nextPageToken.
//
// Errors are RFC 9457 problem details (model ErrorModel), as the API's
// server framework, Huma, writes them: 400 for a body that is not JSON, 401
// for a bad login or token, 403 for a guest token or a missing permission,
// 404 for an unknown id, 409 for a conflicting write, 415 for a body that
// is not JSON by its Content-Type, 422 for a request that breaks the
// model's schema or rules, with one {location, message, value} per problem.
// The SDK names no error statuses; each choice above is inferred, and the
// doc of the method or handler says which rule it follows. Unknown paths
// and methods get Go's plain-text 404 and 405.
//
// Writes call MarkApplied with the Op… constants, and Server records
// requests and injects faults (see Fault).
package alfaviewtest

//go:generate go run github.com/grantkit/grantkit-go/internal/cmd/reexport -kit -pkg alfaviewtest -sdk alfaview/v2

import (
	"sync"
	"testing"
	"time"

	// The fake checks time zones as the API does, with time.LoadLocation;
	// the embedded database makes that work on machines without one.
	_ "time/tzdata"

	alfaview "github.com/grantkit/grantkit-go/alfaview/v2"
	"github.com/grantkit/grantkit-go/internal/fakekit"
)

// The credentials the fake accepts.
const (
	// ClientID, Key and CompanyID are the seeded API key (model
	// APICredentials).
	ClientID = "fake-client-id"
	Key      = "fake-api-key"
	// CompanyID is the fake's only company, a ULID as alfaview uses.
	CompanyID = "01JM5Q2V7X8A9B0C1D2E3F4G5H"
	// Username and Password are the seeded user (model PasswordCredentials).
	Username = "ada@example.com"
	Password = "fake-password"
)

// DefaultTokenLifetime is how long access tokens stay valid unless
// SetTokenLifetime says otherwise: one hour, as the SDK's API description
// says.
const DefaultTokenLifetime = time.Hour

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

	mu       sync.Mutex
	ids      *fakekit.IDs
	seq      int64
	lifetime time.Duration
	perms    UserPermissions
	sessions map[string]*session // by access token
	logins   int

	userID      string
	users       []*User
	invitations []Invitation
	groups      []PermissionGroup
	rooms       []*roomRec
	groupLinks  []*groupLinkRec
	guestLinks  []*guestLinkRec
	meetings    []*meetingRec
}

// NewServer starts a fake holding the seeded user (Username, id UserID),
// the permission groups Moderator, Participant, Guest and Spectator, and no
// rooms. With a non-nil tb it is closed when the test ends; otherwise
// (programs) call Close. opts are InMemory and WithClock.
//
// Ids come from a generator seeded the same way in every fake, so a program
// that makes the same calls gets the same ids.
func NewServer(tb testing.TB, opts ...Option) *Server {
	s := &Server{
		ids:      fakekit.NewIDs("alfaview/v2"),
		lifetime: DefaultTokenLifetime,
		perms:    allPermissions,
		sessions: make(map[string]*session),
	}
	s.userID = s.ids.UUID()
	s.users = []*User{{ID: s.userID, EmailAddress: Username, FirstName: "Ada", LastName: "Lovelace"}}
	s.seedPermissionGroups()
	s.start(tb, s.routes(), opts)
	return s
}

// UserID is the id of the seeded user, whom API-key and password logins
// act as: the createdBy of what they create.
func (s *Server) UserID() string { return s.userID }

// AuthCount reports how many API-key and password logins succeeded, for
// checking that a client caches its token. Guest logins and AccessToken do
// not count.
func (s *Server) AuthCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.logins
}

// LoginCount is AuthCount.
//
// Deprecated: use AuthCount, the name every session fake uses.
func (s *Server) LoginCount() int { return s.AuthCount() }

// AccessToken returns a new access token of the seeded user, as a login
// would issue it but without counting one, for testing a client built with
// an alfaview.AccessToken. It expires like any other token.
func (s *Server) AccessToken() alfaview.AccessToken {
	s.mu.Lock()
	defer s.mu.Unlock()
	token, _ := s.issue(&session{userID: s.userID, perms: s.perms})
	return alfaview.AccessToken(token)
}

// SetTokenLifetime sets how long access tokens issued from now on stay
// valid.
func (s *Server) SetTokenLifetime(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.lifetime = d
}

// ExpireSessions makes every access token issued so far expire now, as if
// its lifetime had passed; guests' tokens too.
func (s *Server) ExpireSessions() {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.Clock().Now()
	for _, ses := range s.sessions {
		if ses.expires.After(now) {
			ses.expires = now
		}
	}
}

// ExpireTokens is ExpireSessions.
//
// Deprecated: use ExpireSessions, the name every session fake uses.
func (s *Server) ExpireTokens() { s.ExpireSessions() }

// SetPermissions sets the company-wide permissions of API-key and password
// logins from now on (every permission by default); tokens already issued
// keep theirs. A call that needs a permission the token lacks is 403.
func (s *Server) SetPermissions(p UserPermissions) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.perms = p
}
