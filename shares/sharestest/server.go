// Package sharestest is an in-memory fake of the Bold Smart Lock shares API
// (v2) for tests and examples, in the manner of net/http/httptest.
//
//	srv := sharestest.NewServer(t)
//	org := srv.AddOrganization("Office")
//	lock := srv.AddDevice(org.ID, "Front door")
//	user := srv.AddUser("Ada", "Lovelace", "ada@example.com")
//	c, _ := shares.NewClient(srv.Token(), srv.Options()...)
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
// counts come with Server's methods; every write that changes
// state calls MarkApplied with the client's operation name
// ("shares.create", "shares.update", "shares.delete",
// "shares.createWebKey", "devices.remoteActivate", "oauth.token"). Remote
// activation (POST /v1/devices/{id}/remote-activation) needs the activate
// scope.
//
// Where the reference is silent the fake makes a choice, marked [inferred]
// in the doc comments.
package sharestest

//go:generate go run github.com/grantkit/grantkit-go/internal/cmd/reexport -kit -pkg sharestest -sdk shares

import (
	"crypto/rand"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/grantkit/grantkit-go/internal/fakekit"
	"github.com/grantkit/grantkit-go/shares"
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

// DefaultTokenLifetime is how long an access token from the token endpoint
// lives unless SetTokenLifetime changes it: Bold's documented default.
const DefaultTokenLifetime = 24 * time.Hour

// DefaultAccessTokenTTL is DefaultTokenLifetime.
//
// Deprecated: use DefaultTokenLifetime.
const DefaultAccessTokenTTL = DefaultTokenLifetime

// WebKeyBaseURL starts every web key URL the fake hands out; the real API
// answers with a URL on its own web-key host.
const WebKeyBaseURL = "https://webkey.sharestest.invalid/"

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
		accessTTL:     DefaultTokenLifetime,
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
	s.start(tb, mux, opts)
	s.clock = s.Server.Clock()
	s.mu.Unlock()
	return s
}

// Token returns an API key with every scope; it never expires.
func (s *Server) Token() shares.BearerToken { return shares.BearerToken(s.token) }

// ReadOnlyToken returns an API key with only the read scope: share writes
// made with it are answered 403.
func (s *Server) ReadOnlyToken() shares.BearerToken { return shares.BearerToken(s.readOnly) }

// AddToken returns a new API key with the given scopes (none: every scope).
func (s *Server) AddToken(scopes ...string) shares.BearerToken {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(scopes) == 0 {
		scopes = AllScopes()
	}
	return shares.BearerToken(s.addToken(scopes))
}

// OAuth2 returns OAuth2 credentials the fake's token endpoint accepts: its
// ClientID and ClientSecret and a new refresh token (see AddRefreshToken)
// with the given scopes (none: every scope). Set OnRefresh to keep the
// rotated refresh tokens.
func (s *Server) OAuth2(scopes ...string) *shares.OAuth2 {
	return &shares.OAuth2{ClientID: ClientID, ClientSecret: ClientSecret, RefreshToken: s.AddRefreshToken(scopes...)}
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

// SetTokenLifetime changes how long access tokens issued from now on live.
func (s *Server) SetTokenLifetime(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.accessTTL = d
}

// SetAccessTokenTTL is SetTokenLifetime.
//
// Deprecated: use SetTokenLifetime, the name every session fake uses.
func (s *Server) SetAccessTokenTTL(d time.Duration) { s.SetTokenLifetime(d) }

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
