package reach360test

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/grantkit/grantkit-go/internal/fakekit"
	"github.com/grantkit/grantkit-go/reach360"
)

// The Invitations API: pending invitations, which the fake keeps until
// they are deleted (no one accepts them here).

type invitation struct {
	seq int64
	reach360.Invitation
}

func (i *invitation) seqNo() int64 { return i.seq }
func (i *invitation) id() string   { return i.ID }

// invitationJSON is the invitation object of the Invitations API article.
type invitationJSON struct {
	ID        string   `json:"id"`
	Email     string   `json:"email"`
	FirstName string   `json:"firstName"`
	LastName  string   `json:"lastName"`
	Groups    []string `json:"groups"`
	URL       string   `json:"url"`
}

func (s *Server) invitationJSON(i *invitation) invitationJSON {
	groups := slices.Clone(i.Groups)
	if groups == nil {
		groups = []string{}
	}
	return invitationJSON{ID: i.ID, Email: i.Email, FirstName: i.FirstName, LastName: i.LastName,
		Groups: groups, URL: s.URL + "/invitations/" + url.PathEscape(i.ID)}
}

func (j invitationJSON) public() reach360.Invitation {
	return reach360.Invitation{ID: j.ID, Email: j.Email, FirstName: j.FirstName, LastName: j.LastName,
		Groups: j.Groups, URL: j.URL}
}

func invitationNotFound(id string) *apiError {
	return &apiError{http.StatusNotFound, "invitation_not_found", fmt.Sprintf("invitation %q does not exist", id)}
}

// invite records a pending invitation. The article names the two refusals,
// user_exists and invite_pending, but not their status: the fake answers
// 409, as for duplicate_name.
func (st *store) invite(p reach360.InvitationParams) (*invitation, *apiError) {
	if strings.TrimSpace(p.Email) == "" || !strings.Contains(p.Email, "@") {
		return nil, badRequest("email is required and must be an email address")
	}
	if slices.ContainsFunc(p.Groups, func(g string) bool { return strings.TrimSpace(g) == "" }) {
		return nil, badRequest("groups must be group names")
	}
	key := strings.ToLower(p.Email)
	for _, u := range st.users.items {
		if strings.EqualFold(u.Email, p.Email) {
			return nil, &apiError{http.StatusConflict, "user_exists", fmt.Sprintf("%s already has an account", p.Email)}
		}
	}
	if st.inviteByEmail[key] != nil {
		return nil, &apiError{http.StatusConflict, "invite_pending", fmt.Sprintf("%s already has a pending invitation", p.Email)}
	}
	seq := st.next()
	inv := &invitation{seq: seq, Invitation: reach360.Invitation{ID: fmt.Sprintf("inv-%d", seq), Email: p.Email,
		FirstName: p.FirstName, LastName: p.LastName, Groups: slices.Clone(p.Groups)}}
	st.invitations.add(inv)
	st.inviteByEmail[key] = inv
	return inv, nil
}

func (st *store) invitation(id string) (*invitation, *apiError) {
	if i := st.invitations.byID[id]; i != nil {
		return i, nil
	}
	return nil, invitationNotFound(id)
}

// AddInvitation seeds a pending invitation and returns it as the API shows
// it. It panics if the email is missing, has an account or is invited
// already.
func (s *Server) AddInvitation(p reach360.InvitationParams) reach360.Invitation {
	s.mu.Lock()
	defer s.mu.Unlock()
	inv, err := s.st.invite(p)
	if err != nil {
		panic(fmt.Sprintf("reach360test: AddInvitation(%q): %s", p.Email, err.Message))
	}
	return s.invitationJSON(inv).public()
}

// Invitation returns the pending invitation with the given id as the fake
// holds it; false if there is none.
func (s *Server) Invitation(id string) (reach360.Invitation, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	inv := s.st.invitations.byID[id]
	if inv == nil {
		return reach360.Invitation{}, false
	}
	return s.invitationJSON(inv).public(), true
}

// Invitations returns the pending invitations in list order, as the fake
// holds them.
func (s *Server) Invitations() []reach360.Invitation {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]reach360.Invitation, 0, len(s.st.invitations.items))
	for _, i := range s.st.invitations.items {
		out = append(out, s.invitationJSON(i).public())
	}
	return out
}

// createInvitation answers POST /invitations with 201 and the invitation
// wrapped as {"invitation": …}, the article's example answer.
func (s *Server) createInvitation(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Email     string   `json:"email"`
		FirstName string   `json:"firstName"`
		LastName  string   `json:"lastName"`
		Groups    []string `json:"groups"`
	}
	if err := fakekit.ReadJSON(r, &body); err != nil {
		writeError(w, badRequest("%s", err.Error()))
		return
	}
	s.do(w, http.StatusCreated, func() (any, *apiError) {
		inv, aerr := s.st.invite(reach360.InvitationParams{Email: body.Email, FirstName: body.FirstName,
			LastName: body.LastName, Groups: body.Groups})
		if aerr != nil {
			return nil, aerr
		}
		s.MarkApplied(OpInvitationsCreate)
		return map[string]invitationJSON{"invitation": s.invitationJSON(inv)}, nil
	})
}

func (s *Server) listInvitations(w http.ResponseWriter, r *http.Request) {
	lq, aerr := parseList(r, "")
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	s.do(w, http.StatusOK, func() (any, *apiError) {
		invs, next := s.st.invitations.page(lq.from, lq.limit, nil)
		out := make([]invitationJSON, len(invs))
		for i, inv := range invs {
			out[i] = s.invitationJSON(inv)
		}
		return map[string]any{"invitations": out, "nextUrl": s.nextURL(r, lq, next)}, nil
	})
}

// getInvitation answers with the bare invitation object, as GET /groups/{id}
// and GET /users/{id} answer theirs (the article shows no example).
func (s *Server) getInvitation(w http.ResponseWriter, r *http.Request) {
	s.do(w, http.StatusOK, func() (any, *apiError) {
		inv, aerr := s.st.invitation(r.PathValue("invitationId"))
		if aerr != nil {
			return nil, aerr
		}
		return s.invitationJSON(inv), nil
	})
}

func (s *Server) deleteInvitation(w http.ResponseWriter, r *http.Request) {
	s.do(w, http.StatusNoContent, func() (any, *apiError) {
		inv, aerr := s.st.invitation(r.PathValue("invitationId"))
		if aerr != nil {
			return nil, aerr
		}
		s.st.invitations.remove(inv)
		delete(s.st.inviteByEmail, strings.ToLower(inv.Email))
		s.MarkApplied(OpInvitationsDelete)
		return nil, nil
	})
}
