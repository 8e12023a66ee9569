package reach360test

import (
	"net/http"

	"github.com/grantkit/grantkit-go/internal/fakekit"
)

// do runs f under the state lock and answers with its outcome: the error,
// or status with f's body (none when the body is nil).
func (s *Server) do(w http.ResponseWriter, status int, f func() (any, *apiError)) {
	s.mu.Lock()
	body, aerr := f()
	s.mu.Unlock()
	switch {
	case aerr != nil:
		writeError(w, aerr)
	case body == nil:
		w.WriteHeader(status)
	default:
		fakekit.WriteJSON(w, status, body)
	}
}

// readName reads the {"name"} body of a create or rename.
func readName(r *http.Request) (string, *apiError) {
	var body struct {
		Name *string `json:"name"`
	}
	if err := fakekit.ReadJSON(r, &body); err != nil {
		return "", badRequest("%s", err.Error())
	}
	if body.Name == nil || *body.Name == "" {
		return "", badRequest("name is required")
	}
	return *body.Name, nil
}

func (s *Server) createGroup(w http.ResponseWriter, r *http.Request) {
	name, aerr := readName(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	s.do(w, http.StatusCreated, func() (any, *apiError) {
		g, aerr := s.st.addGroup(name)
		if aerr != nil {
			return nil, aerr
		}
		s.MarkApplied(OpGroupsCreate)
		return s.groupJSON(g), nil
	})
}

func (s *Server) listGroups(w http.ResponseWriter, r *http.Request) {
	lq, aerr := parseList(r, "name")
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	s.do(w, http.StatusOK, func() (any, *apiError) {
		if lq.filter != "" {
			// Names are unique: the filter matches one group or none.
			var groups []*group
			if g := s.st.groupByName[lq.filter]; g != nil && g.seq >= lq.from {
				groups = append(groups, g)
			}
			return s.groupsPage(r, lq, groups, 0), nil
		}
		groups, next := s.st.groups.page(lq.from, lq.limit, nil)
		return s.groupsPage(r, lq, groups, next), nil
	})
}

func (s *Server) getGroup(w http.ResponseWriter, r *http.Request) {
	s.do(w, http.StatusOK, func() (any, *apiError) {
		g, aerr := s.st.group(r.PathValue("groupId"))
		if aerr != nil {
			return nil, aerr
		}
		return s.groupJSON(g), nil
	})
}

func (s *Server) updateGroup(w http.ResponseWriter, r *http.Request) {
	name, aerr := readName(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	s.do(w, http.StatusNoContent, func() (any, *apiError) {
		changed, aerr := s.st.renameGroup(r.PathValue("groupId"), name)
		if changed {
			s.MarkApplied(OpGroupsUpdate)
		}
		return nil, aerr
	})
}

func (s *Server) deleteGroup(w http.ResponseWriter, r *http.Request) {
	s.do(w, http.StatusNoContent, func() (any, *apiError) {
		aerr := s.st.deleteGroup(r.PathValue("groupId"))
		if aerr == nil {
			s.MarkApplied(OpGroupsDelete)
		}
		return nil, aerr
	})
}

func (s *Server) listMembers(w http.ResponseWriter, r *http.Request) {
	s.listGroupUsers(w, r, "users", (*store).isMember)
}

func (s *Server) addMember(w http.ResponseWriter, r *http.Request) {
	s.do(w, http.StatusNoContent, func() (any, *apiError) {
		added, aerr := s.st.addMember(r.PathValue("groupId"), r.PathValue("userId"))
		if added {
			s.MarkApplied(OpGroupsAddMember)
		}
		return nil, aerr
	})
}

func (s *Server) removeMember(w http.ResponseWriter, r *http.Request) {
	s.do(w, http.StatusNoContent, func() (any, *apiError) {
		removed, aerr := s.st.removeMember(r.PathValue("groupId"), r.PathValue("userId"))
		if removed {
			s.MarkApplied(OpGroupsRemoveMember)
		}
		return nil, aerr
	})
}

func (s *Server) listUsers(w http.ResponseWriter, r *http.Request) {
	lq, aerr := parseList(r, "email")
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	s.do(w, http.StatusOK, func() (any, *apiError) {
		if lq.filter != "" {
			// Emails are unique: the filter matches one user or none.
			var users []*user
			if u := s.st.userByEmail[lq.filter]; u != nil && u.seq >= lq.from {
				users = append(users, u)
			}
			return s.usersPage(r, lq, users, 0), nil
		}
		users, next := s.st.users.page(lq.from, lq.limit, nil)
		return s.usersPage(r, lq, users, next), nil
	})
}

func (s *Server) getUser(w http.ResponseWriter, r *http.Request) {
	s.do(w, http.StatusOK, func() (any, *apiError) {
		u, aerr := s.st.user(r.PathValue("userId"))
		if aerr != nil {
			return nil, aerr
		}
		return s.userJSON(u), nil
	})
}

func (s *Server) deleteUser(w http.ResponseWriter, r *http.Request) {
	s.do(w, http.StatusNoContent, func() (any, *apiError) {
		aerr := s.st.deleteUser(r.PathValue("userId"))
		if aerr == nil {
			s.MarkApplied(OpUsersDelete)
		}
		return nil, aerr
	})
}

func (s *Server) userGroups(w http.ResponseWriter, r *http.Request) {
	s.listUserGroups(w, r, "", (*store).isMember)
}

func (s *Server) groupsPage(r *http.Request, lq listQuery, groups []*group, next int64) groupsPage {
	page := groupsPage{Groups: make([]groupJSON, len(groups)), NextURL: s.nextURL(r, lq, next)}
	for i, g := range groups {
		page.Groups[i] = s.groupJSON(g)
	}
	return page
}

func (s *Server) usersPage(r *http.Request, lq listQuery, users []*user, next int64) usersPage {
	page := usersPage{Users: make([]userJSON, len(users)), NextURL: s.nextURL(r, lq, next)}
	for i, u := range users {
		page.Users[i] = s.userJSON(u)
	}
	return page
}
