package voltmxtest

import (
	"context"
	"net/http"
	"strings"

	"github.com/grantkit/grantkit-go/internal/fakekit"
)

type userKey struct{}

// authed runs h for requests that carry valid credentials in any of the
// three modes, and answers 401 otherwise.
func (s *Server) authed(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		user, ok := s.authenticate(r)
		if !ok {
			writeMessage(w, http.StatusUnauthorized, "Unauthorized request")
			return
		}
		h(w, r.WithContext(context.WithValue(r.Context(), userKey{}, user)))
	}
}

func (s *Server) authenticate(r *http.Request) (string, bool) {
	if u, p, ok := r.BasicAuth(); ok {
		return u, u == Username && p == Password
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	for _, h := range []string{"X-VoltMX-Authorization", "X-Kony-Authorization"} {
		if tok := r.Header.Get(h); tok != "" {
			sess, ok := s.claims[tok]
			return sess.user, ok && now.Before(sess.expiry)
		}
	}
	if tok := r.Header.Get("AccessToken"); tok != "" {
		sess, ok := s.pairs[tok]
		return sess.user, ok && now.Before(sess.expiry) && r.Header.Get("AccessSecret") == sess.secret
	}
	return "", false
}

// requestUser is the console user a request authenticated as.
func requestUser(r *http.Request) string {
	u, _ := r.Context().Value(userKey{}).(string)
	return u
}

// login is the Foundry identity service's claims-token login. It accepts the
// documented JSON body and, as the guide allows, a form.
func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	var in struct {
		UserID   string `json:"userid"`
		Password string `json:"password"`
		Provider string `json:"provider"`
		Domain   string `json:"domain"`
	}
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
		if err := r.ParseForm(); err != nil {
			writeMessage(w, http.StatusBadRequest, "Invalid request payload")
			return
		}
		in.UserID, in.Password = r.PostForm.Get("userid"), r.PostForm.Get("password")
	} else if err := fakekit.ReadJSON(r, &in); err != nil {
		writeMessage(w, http.StatusBadRequest, "Invalid request payload")
		return
	}
	if in.UserID == "" || in.Password == "" {
		writeMessage(w, http.StatusBadRequest, "userid and password are required")
		return
	}
	if in.UserID != Username || in.Password != Password {
		writeMessage(w, http.StatusUnauthorized, "Invalid credentials")
		return
	}
	s.mu.Lock()
	tok := randomToken()
	exp := s.now().Add(s.lifetime)
	s.claims[tok] = session{user: in.UserID, expiry: exp}
	s.authCount++
	s.mu.Unlock()
	fakekit.WriteJSON(w, http.StatusOK, map[string]any{
		"profile":       map[string]string{"userid": in.UserID, "email": "admin@example.com"},
		"refresh_token": randomToken(),
		"claims_token":  map[string]any{"value": tok, "exp": exp.UnixMilli()},
	})
}

// accessToken trades Basic credentials for an AccessToken/AccessSecret pair.
func (s *Server) accessToken(w http.ResponseWriter, r *http.Request) {
	u, p, ok := r.BasicAuth()
	if !ok || u != Username || p != Password {
		writeMessage(w, http.StatusUnauthorized, "Unauthorized request")
		return
	}
	s.mu.Lock()
	tok, secret := randomToken(), randomToken()
	s.pairs[tok] = session{user: u, secret: secret, expiry: s.now().Add(s.lifetime)}
	s.authCount++
	s.mu.Unlock()
	fakekit.WriteJSON(w, http.StatusOK, map[string]string{"AccessToken": tok, "AccessSecret": secret})
}

func writeMessage(w http.ResponseWriter, status int, msg string) {
	fakekit.WriteJSON(w, status, map[string]string{"message": msg})
}
