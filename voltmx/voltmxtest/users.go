package voltmxtest

import (
	"net/http"

	"github.com/grantkit/grantkit-go/internal/fakekit"
)

// msgUserNotFound mirrors the groups sentence; the guide does not print the
// users one.
const msgUserNotFound = "Invalid user ID provided, or No user found with given ID"

func (s *Server) listUsers(w http.ResponseWriter, r *http.Request) {
	start, size, ok := pageParams(r)
	if !ok {
		writeMessage(w, http.StatusBadRequest, msgBadFormat)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	users := []map[string]any{}
	for _, id := range page(s.users, start, size) {
		users = append(users, s.userJSON(s.users[id]))
	}
	fakekit.WriteJSON(w, http.StatusOK, map[string]any{"total": len(s.users), "users": users})
}

func (s *Server) getUser(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	u, ok := s.users[pathID(r)]
	if !ok {
		writeMessage(w, http.StatusBadRequest, msgUserNotFound)
		return
	}
	fakekit.WriteJSON(w, http.StatusOK, s.userJSON(u))
}
