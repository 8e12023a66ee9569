// Package viviottest is an in-memory fake of Viviot.Api's access-template
// endpoints, for testing code that uses package viviot, in the manner of
// net/http/httptest.
//
// The fake speaks the service's wire format: ServiceStack's
// POST /auth/credentials login (a bearer token, ss-id/ss-pid session
// cookies or an ss-tok JWT cookie, see SetAuthMode), 401 without a live session, 403 "Invalid Role" for users
// without an access-template role, 400 with per-field errors for invalid
// templates, the {data, responseStatus} envelopes, Guids as 32 hex digits
// and enums as integers. Faults (error statuses, Retry-After, cut
// connections, latency) are Server's methods.
//
//	srv := viviottest.NewServer(t)
//	door := srv.AddThing(viviottest.Thing{Name: "Front door"})
//	c, _ := viviot.NewClient(srv.Credentials(), srv.Options()...)
package viviottest

//go:generate go run github.com/grantkit/grantkit-go/internal/cmd/reexport -kit -pkg viviottest -sdk viviot

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/grantkit/grantkit-go/internal/fakekit"
	"github.com/grantkit/grantkit-go/viviot"
)

// The user every fake starts with; Credentials returns it as viviot.Credentials.
const (
	AdminUserName = "admin@4spaces.test"
	AdminPassword = "fake-admin-password"
)

// Roles the fake knows. Admin, TenantAdmin and AccessTemplateAdmin may do
// everything with access templates; AccessAdmin may only list them, as the
// metadata pages grant it GetAccessTemplates but not GetAccessTemplate.
const (
	RoleAdmin               = "Admin"
	RoleTenantAdmin         = "TenantAdmin"
	RoleAccessTemplateAdmin = "AccessTemplateAdmin"
	RoleAccessAdmin         = "AccessAdmin"
)

// DefaultTokenLifetime is how long a session lives unless SetTokenLifetime
// says otherwise.
const DefaultTokenLifetime = time.Hour

// DefaultTokenTTL is DefaultTokenLifetime.
//
// Deprecated: use DefaultTokenLifetime, the name every session fake uses.
const DefaultTokenTTL = DefaultTokenLifetime

// AuthMode says how the fake's login hands out the session.
type AuthMode int

const (
	// AuthBearer returns a JWT as bearerToken (and sets session cookies
	// too, as ServiceStack does).
	AuthBearer AuthMode = iota
	// AuthCookies returns no bearerToken: only the ss-id/ss-pid cookies
	// carry the session.
	AuthCookies
	// AuthTokenCookie answers as ServiceStack v6 and later do by default
	// with JWTs: no bearerToken and no ss-id/ss-pid, only the JWT in an
	// ss-tok cookie and its refresh token in ss-reftok.
	AuthTokenCookie
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

	mu        sync.Mutex
	mode      AuthMode
	ttl       time.Duration
	logins    int
	nextUser  int
	users     map[string]*User   // by lower-case user name
	tokens    map[string]session // by bearer token
	sessions  map[string]session // by ss-pid or ss-id
	orgs      []*Organization
	things    map[viviot.GUID]Thing
	templates []*AccessTemplate
	root      viviot.GUID
}

type session struct {
	user    string
	expires time.Time
}

// NewServer starts a fake with a root organization and the Admin user
// AdminUserName. With a non-nil tb it is closed when the test ends;
// otherwise the caller must Close it. opts are WithClock and InMemory.
func NewServer(tb testing.TB, opts ...Option) *Server {
	s := &Server{
		ttl:      DefaultTokenLifetime,
		users:    map[string]*User{},
		tokens:   map[string]session{},
		sessions: map[string]session{},
		things:   map[viviot.GUID]Thing{},
	}
	s.root = s.AddOrganization(Organization{Name: "4spaces", Type: viviot.OrganizationTypeAdmin}).ID
	s.AddUser(User{UserName: AdminUserName, Password: AdminPassword, Roles: []string{RoleAdmin}})
	s.start(tb, s.routes(), opts)
	return s
}

// Credentials returns the login of the Admin user the fake starts with.
func (s *Server) Credentials() viviot.Credentials {
	return viviot.Credentials{UserName: AdminUserName, Password: AdminPassword}
}

// SetAuthMode changes how later logins hand out the session.
func (s *Server) SetAuthMode(m AuthMode) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.mode = m
}

// SetTokenLifetime changes how long sessions from later logins live, by
// the server's clock.
func (s *Server) SetTokenLifetime(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ttl = d
}

// SetTokenTTL is SetTokenLifetime.
//
// Deprecated: use SetTokenLifetime, the name every session fake uses.
func (s *Server) SetTokenTTL(d time.Duration) { s.SetTokenLifetime(d) }

// AuthCount reports how many logins succeeded.
func (s *Server) AuthCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.logins
}

// ExpireSessions ends every session and bearer token issued so far: the
// next request carrying one is answered 401.
func (s *Server) ExpireSessions() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.tokens)
	clear(s.sessions)
}

// Token returns a new bearer token of the Admin user the fake starts with,
// as IssueToken(AdminUserName) does.
func (s *Server) Token() viviot.BearerToken {
	return viviot.BearerToken(s.IssueToken(AdminUserName))
}

// IssueToken returns a bearer token for userName as a login would, without
// counting a login, for testing viviot.BearerToken. It panics if the user
// does not exist.
func (s *Server) IssueToken(userName string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.users[strings.ToLower(userName)]
	if u == nil {
		panic("viviottest: IssueToken: no user " + strconv.Quote(userName))
	}
	now := s.Clock().Now()
	return s.issueToken(u, now, now.Add(s.ttl))
}

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /auth/credentials", s.handleLogin)
	templates := []string{RoleAdmin, RoleTenantAdmin, RoleAccessTemplateAdmin}
	list := append(templates[:len(templates):len(templates)], RoleAccessAdmin)
	mux.HandleFunc("POST /access/template", s.api(templates, s.createTemplate))
	mux.HandleFunc("PUT /access/template", s.api(templates, s.updateTemplate))
	mux.HandleFunc("DELETE /access/template", s.api(templates, s.deleteTemplate))
	mux.HandleFunc("GET /access/template", s.api(templates, s.getTemplate))
	mux.HandleFunc("GET /access/templates", s.api(list, s.listTemplates))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprintf(w, "Handler for Request not found (404):\n\n  Request.HttpMethod: %s\n  Request.PathInfo: %s\n", r.Method, r.URL.Path)
	})
	return mux
}

// api wraps an access-template handler with the service's request
// filters, in ServiceStack's order: authentication (401), then roles
// (403); validation happens in the handler.
func (s *Server) api(roles []string, h func(*http.Request, *User) (any, *apiError)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		u, e := s.authorize(r, roles)
		if e == nil {
			var out any
			out, e = h(r, u)
			if e == nil {
				fakekit.WriteJSON(w, http.StatusOK, out)
				return
			}
		}
		e.write(w)
	}
}

func (s *Server) authorize(r *http.Request, roles []string) (*User, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.Clock().Now()
	var sess session
	tok, ok := fakekit.BearerToken(r)
	if !ok {
		// ServiceStack's JWT provider reads the ss-tok cookie when no
		// bearer token came.
		if c, err := r.Cookie("ss-tok"); err == nil {
			tok, ok = c.Value, true
		}
	}
	if ok {
		found := false
		if sess, found = s.tokens[tok]; !found {
			return nil, newError(http.StatusUnauthorized, "TokenException", "Invalid token")
		}
		if !now.Before(sess.expires) {
			return nil, newError(http.StatusUnauthorized, "TokenException", "Token has expired")
		}
	} else {
		found := false
		if sess, found = s.cookieSession(r); !found || !now.Before(sess.expires) {
			return nil, newError(http.StatusUnauthorized, "Unauthorized", "Not Authenticated")
		}
	}
	u := s.users[sess.user]
	if u == nil {
		return nil, newError(http.StatusUnauthorized, "Unauthorized", "Not Authenticated")
	}
	for _, have := range u.Roles {
		for _, want := range roles {
			if have == want {
				return u.clone(), nil
			}
		}
	}
	return nil, newError(http.StatusForbidden, "Forbidden", "Invalid Role")
}

// cookieSession finds the session as ServiceStack does: under ss-pid when
// ss-opt=perm says the session is permanent, else under ss-id.
func (s *Server) cookieSession(r *http.Request) (session, bool) {
	name := "ss-id"
	if c, err := r.Cookie("ss-opt"); err == nil && c.Value == "perm" {
		name = "ss-pid"
	}
	c, err := r.Cookie(name)
	if err != nil {
		return session{}, false
	}
	sess, ok := s.sessions[c.Value]
	return sess, ok
}

type loginRequest struct {
	UserName   string `json:"userName"`
	Password   string `json:"password"`
	RememberMe bool   `json:"rememberMe"`
}

type loginResponse struct {
	UserID       string   `json:"userId"`
	SessionID    string   `json:"sessionId,omitempty"`
	UserName     string   `json:"userName"`
	DisplayName  string   `json:"displayName"`
	BearerToken  string   `json:"bearerToken,omitempty"`
	RefreshToken string   `json:"refreshToken,omitempty"`
	Roles        []string `json:"roles"`
}

func (s *Server) handleLogin(w http.ResponseWriter, r *http.Request) {
	var in loginRequest
	if err := fakekit.ReadJSON(r, &in); err != nil {
		newError(http.StatusBadRequest, "SerializationException", err.Error()).write(w)
		return
	}
	var fields []wireFieldError
	if strings.TrimSpace(in.UserName) == "" {
		fields = append(fields, fieldError("NotEmpty", "UserName", "'User Name' must not be empty."))
	}
	if in.Password == "" {
		fields = append(fields, fieldError("NotEmpty", "Password", "'Password' must not be empty."))
	}
	if len(fields) > 0 {
		validationError(fields).write(w)
		return
	}

	s.mu.Lock()
	u := s.users[strings.ToLower(in.UserName)]
	if u == nil || u.Password != in.Password {
		s.mu.Unlock()
		newError(http.StatusUnauthorized, "Unauthorized", "Invalid UserName or Password").write(w)
		return
	}
	s.logins++
	now := s.Clock().Now()
	exp := now.Add(s.ttl)
	sid, pid := randomID(), randomID()
	key := strings.ToLower(u.UserName)
	out := loginResponse{UserID: u.ID, UserName: u.UserName, DisplayName: u.UserName, Roles: u.Roles}
	opt := "temp"
	if in.RememberMe {
		opt = "perm"
		s.sessions[pid] = session{user: key, expires: exp}
		out.SessionID = pid
	} else {
		s.sessions[sid] = session{user: key, expires: exp}
		out.SessionID = sid
	}
	cookies := []*http.Cookie{
		{Name: "ss-id", Value: sid, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode},
		{Name: "ss-pid", Value: pid, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode, Expires: now.AddDate(20, 0, 0)},
		{Name: "ss-opt", Value: opt, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode, Expires: now.AddDate(20, 0, 0)},
	}
	switch s.mode {
	case AuthBearer:
		out.BearerToken = s.issueToken(u, now, exp)
		out.RefreshToken = randomID()
	case AuthTokenCookie:
		// The JWT replaces the server-side session.
		delete(s.sessions, out.SessionID)
		out.SessionID = ""
		cookies = []*http.Cookie{
			{Name: "ss-tok", Value: s.issueToken(u, now, exp), Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode, Expires: exp},
			{Name: "ss-reftok", Value: randomID(), Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode, Expires: now.AddDate(1, 0, 0)},
		}
	}
	s.mu.Unlock()

	for _, c := range cookies {
		http.SetCookie(w, c)
	}
	fakekit.WriteJSON(w, http.StatusOK, out)
}

// issueToken makes a JWT-shaped token whose payload carries exp, as
// ServiceStack's JWT provider does. s.mu is held.
func (s *Server) issueToken(u *User, now, exp time.Time) string {
	enc := base64.RawURLEncoding
	payload, _ := json.Marshal(map[string]any{
		"sub":   u.ID,
		"name":  u.UserName,
		"roles": u.Roles,
		"iat":   now.Unix(),
		"exp":   exp.Unix(),
		"jti":   randomID(),
	})
	sig := make([]byte, 32)
	_, _ = rand.Read(sig)
	tok := enc.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`)) + "." + enc.EncodeToString(payload) + "." + enc.EncodeToString(sig)
	s.tokens[tok] = session{user: strings.ToLower(u.UserName), expires: exp}
	return tok
}

func randomID() string {
	b := make([]byte, 15)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
