package alfaviewtest

import "github.com/grantkit/grantkit-go/alfaview"

// PermissionGroups returns every permission group in the order they were
// added, the seeded Moderator, Participant and Spectator first, as the fake
// holds them (not through the API).
func (s *Server) PermissionGroups() []alfaview.PermissionGroup {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]alfaview.PermissionGroup, len(s.groups))
	for i, g := range s.groups {
		out[i] = g.public()
	}
	return out
}
