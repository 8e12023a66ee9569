// Package sharestest is an in-memory fake of the Bold Smart Lock shares API
// (v2) for tests and examples, in the manner of net/http/httptest.
//
//	srv := sharestest.NewServer(t)
//	org := srv.AddOrganization("Office")
//	lock := srv.AddDevice(org.ID, "Front door")
//	user := srv.AddUser("Ada", "Lovelace", "ada@example.com")
//	c, _ := shares.NewClient(shares.BearerToken(srv.Token()), shares.WithBaseURL(srv.URL))
//
// It serves the documented paths with the documented JSON, status codes and
// error bodies: shares with auto-incrementing ids and UUIDv4 tokens, the
// bare-array list, web keys and their rules, 401 for unknown or expired
// tokens, 403 when a token lacks the scope (writes need manage, reads
// read), 404 for unknown shares, and 400 with
// {"message":"Invalid input","code":"invalidInputErrorError",…} for bodies
// the API would reject. Its OAuth2 token endpoint rotates refresh tokens on
// every use and expires access tokens by the server's clock
// (WithClock). Fault injection, request recording and applied-write
// counts come from the embedded fakekit.Server; every write that changes
// state calls MarkApplied with the client's operation name
// ("shares.create", "shares.update", "shares.delete",
// "shares.createWebKey", "devices.remoteActivate", "oauth.token"). Remote
// activation (POST /v1/devices/{id}/remote-activation) needs the activate
// scope.
//
// Where the reference is silent the fake makes a choice, marked [inferred]
// in the doc comments.
package sharestest

import (
	"crypto/rand"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/grantkit/grantkit-go/internal/fakekit"
)

// The fake's OAuth2 client credentials, accepted by the token endpoint.
const (
	ClientID     = "sharestest-client"
	ClientSecret = "sharestest-client-secret"
)

// Scopes a token can carry. Share writes need ScopeManage, reads
// ScopeRead, remote activation ScopeActivate [inferred from the scope's
// name].
const (
	ScopeRead      = "read"
	ScopeManage    = "manage"
	ScopeActivate  = "activate"
	ScopeEvents    = "events"
	ScopeSettings  = "settings"
	ScopeAuthorize = "authorize"
)

// AllScopes returns every scope the API knows.
func AllScopes() []string {
	return []string{ScopeRead, ScopeManage, ScopeActivate, ScopeEvents, ScopeSettings, ScopeAuthorize}
}

// DefaultAccessTokenTTL is how long an access token from the token endpoint
// lives unless SetAccessTokenTTL changes it: Bold's documented default.
const DefaultAccessTokenTTL = 24 * time.Hour

// WebKeyBaseURL starts every web key URL the fake hands out; the real API
// answers with a URL on its own web-key host.
const WebKeyBaseURL = "https://webkey.sharestest.invalid/"

// Server is a running fake. The embedded fakekit.Server gives its URL,
// Client, Close, Requests, Inject and AppliedCount. It is safe for
// concurrent use.
type Server struct {
	*fakekit.Server

	mu    sync.Mutex
	clock fakekit.Clock
	// owner is the account every token acts for, the creator of shares.
	owner         Account
	orgs          map[int64]Organization
	devices       map[int64]Device
	deviceGroups  map[int64]DeviceGroup
	users         map[int64]User
	userGroups    map[int64]UserGroup
	shares        map[int64]*share
	tokens        map[string]*accessToken
	refreshTokens map[string][]string // refresh token → its scopes
	lastID        map[string]int64
	authCount     int
	accessTTL     time.Duration
	token         string
	readOnly      string
}

type accessToken struct {
	scopes []string
	// expiry is zero for API keys, which do not expire.
	expiry time.Time
	// session marks tokens from the token endpoint, which ExpireSessions
	// revokes.
	session bool
}

// NewServer starts a fake with one account, a full-scope API key (Token)
// and a read-only one (ReadOnlyToken), and no organizations, devices, users
// or shares. With tb it is closed when the test ends; with nil the caller
// must Close it. opts are InMemory for testing/synctest and
// WithClock to expire access tokens on a clock the test moves.
func NewServer(tb testing.TB, opts ...Option) *Server {
	s := &Server{
		owner:         Account{ID: 1, FirstName: "Sam", LastName: "Owner"},
		orgs:          map[int64]Organization{},
		devices:       map[int64]Device{},
		deviceGroups:  map[int64]DeviceGroup{},
		users:         map[int64]User{},
		userGroups:    map[int64]UserGroup{},
		shares:        map[int64]*share{},
		tokens:        map[string]*accessToken{},
		refreshTokens: map[string][]string{},
		lastID:        map[string]int64{"account": 1}, // the owner's
		accessTTL:     DefaultAccessTokenTTL,
	}
	s.token = s.addToken(AllScopes())
	s.readOnly = s.addToken([]string{ScopeRead})

	mux := http.NewServeMux()
	mux.HandleFunc("POST /v2/shares", s.authorized(ScopeManage, s.createShare))
	mux.HandleFunc("GET /v2/shares", s.authorized(ScopeRead, s.listShares))
	mux.HandleFunc("GET /v2/shares/{id}", s.authorized(ScopeRead, s.getShare))
	mux.HandleFunc("PUT /v2/shares/{id}", s.authorized(ScopeManage, s.updateShare))
	mux.HandleFunc("DELETE /v2/shares/{id}", s.authorized(ScopeManage, s.deleteShare))
	mux.HandleFunc("POST /v2/shares/{id}/web-key", s.authorized(ScopeManage, s.createWebKey))
	mux.HandleFunc("POST /v2/oauth/token", s.oauthToken)
	mux.HandleFunc("POST /v1/devices/{id}/remote-activation", s.authorized(ScopeActivate, s.remoteActivate))

	// Handlers reach the fakekit.Server only under s.mu, so assigning it
	// under the lock orders it before any request.
	s.mu.Lock()
	s.Server = fakekit.Start(mux, opts...)
	s.clock = s.Server.Clock()
	s.mu.Unlock()
	if tb != nil {
		tb.Cleanup(s.Close)
	}
	return s
}

// Token returns an API key with every scope; it never expires.
func (s *Server) Token() string { return s.token }

// ReadOnlyToken returns an API key with only the read scope: share writes
// made with it are answered 403.
func (s *Server) ReadOnlyToken() string { return s.readOnly }

// AddToken returns a new API key with the given scopes (none: every scope).
func (s *Server) AddToken(scopes ...string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(scopes) == 0 {
		scopes = AllScopes()
	}
	return s.addToken(scopes)
}

func (s *Server) addToken(scopes []string) string {
	t := newUUID()
	s.tokens[t] = &accessToken{scopes: scopes}
	return t
}

// AddRefreshToken returns a new refresh token for the fake's OAuth2 client
// (ClientID, ClientSecret) with the given scopes (none: every scope), as if
// the account had just authorized the application. It is good for one
// refresh: the answer carries its replacement.
func (s *Server) AddRefreshToken(scopes ...string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(scopes) == 0 {
		scopes = AllScopes()
	}
	t := newUUID()
	s.refreshTokens[t] = scopes
	return t
}

// SetAccessTokenTTL changes how long access tokens issued from now on live.
func (s *Server) SetAccessTokenTTL(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.accessTTL = d
}

// AuthCount reports how many refreshes the token endpoint granted.
func (s *Server) AuthCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.authCount
}

// ExpireSessions makes every access token the token endpoint issued invalid
// now, as if they had all expired; API keys keep working. Refresh tokens
// stay valid.
func (s *Server) ExpireSessions() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for v, t := range s.tokens {
		if t.session {
			delete(s.tokens, v)
		}
	}
}

// authorized wraps h with the bearer token check: 401 for a missing,
// unknown or expired token, 403 when it lacks scope.
func (s *Server) authorized(scope string, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		v, ok := fakekit.BearerToken(r)
		s.mu.Lock()
		t := s.tokens[v]
		valid := ok && t != nil && (t.expiry.IsZero() || s.clock.Now().Before(t.expiry))
		allowed := valid && hasScope(t.scopes, scope)
		s.mu.Unlock()
		switch {
		case !valid:
			apiReply(http.StatusUnauthorized, codeUnauthorized, "Invalid authentication token").write(w)
		case !allowed:
			apiReply(http.StatusForbidden, codeForbidden, "Insufficient rights").write(w)
		default:
			h(w, r)
		}
	}
}

func hasScope(scopes []string, want string) bool {
	for _, s := range scopes {
		if s == want {
			return true
		}
	}
	return false
}

// nextID returns the next id of a kind of object; each kind counts from 1.
// s.mu is held.
func (s *Server) nextID(kind string) int64 {
	s.lastID[kind]++
	return s.lastID[kind]
}

// newUUID returns a random (version 4) UUID.
func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // never fails: crypto/rand panics rather than return an error
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
