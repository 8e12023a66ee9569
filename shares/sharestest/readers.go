package sharestest

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	"github.com/grantkit/grantkit-go/shares"
)

// Share returns the share with the given id as Shares.Get would show it,
// read from the fake's state rather than through the API; false if there
// is none.
func (s *Server) Share(id int64) (shares.Share, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sh := s.shares[id]
	if sh == nil {
		return shares.Share{}, false
	}
	return s.public(sh), true
}

// Shares returns every share by id, as Share shows each.
func (s *Server) Shares() []shares.Share {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]shares.Share, 0, len(s.shares))
	for _, id := range slices.Sorted(maps.Keys(s.shares)) {
		out = append(out, s.public(s.shares[id]))
	}
	return out
}

// public decodes sh's wire form as the client does, so a reader shows
// exactly what a Get would. s.mu is held.
func (s *Server) public(sh *share) shares.Share {
	b, err := json.Marshal(s.view(sh))
	if err != nil {
		panic(fmt.Sprintf("sharestest: encoding share %d: %v", sh.id, err))
	}
	var out shares.Share
	if err := json.Unmarshal(b, &out); err != nil {
		panic(fmt.Sprintf("sharestest: share %d does not decode as shares.Share: %v", sh.id, err))
	}
	return out
}
