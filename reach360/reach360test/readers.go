package reach360test

import "github.com/grantkit/grantkit-go/reach360"

// Group returns the group with the given id as the fake holds it (not
// through the API); false if there is none.
func (s *Server) Group(id string) (reach360.Group, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	g := s.st.groups.byID[id]
	if g == nil {
		return reach360.Group{}, false
	}
	return s.groupJSON(g).public(), true
}

// User returns the user with the given id as the fake holds it; false if
// there is none.
func (s *Server) User(id string) (reach360.User, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.st.users.byID[id]
	if u == nil {
		return reach360.User{}, false
	}
	return s.userJSON(u).public(), true
}
