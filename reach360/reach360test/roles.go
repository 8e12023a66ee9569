package reach360test

import (
	"fmt"
	"net/http"

	"github.com/grantkit/grantkit-go/reach360"
)

// Reporters and managers: the Reporters and Reporting Groups API, and the
// managers lists the groups' managersUrl and the users' managingGroupsUrl
// name. Managers are assigned outside the API (the Articulate 360 Teams
// dashboard), so the fake has AddManager to seed them and no route to
// change them.

func invalidUserRole(u *user, want string) *apiError {
	return &apiError{http.StatusBadRequest, "invalid_user_role",
		fmt.Sprintf("user %q is a %s, not a %s", u.ID, u.Role, want)}
}

// assignment looks up both ends of a reporter or manager assignment; the
// user must have the role.
func (st *store) assignment(groupID, userID, role string) (*group, *user, *apiError) {
	g, err := st.group(groupID)
	if err != nil {
		return nil, nil, err
	}
	u, err := st.user(userID)
	if err != nil {
		return nil, nil, err
	}
	if u.Role != role {
		return nil, nil, invalidUserRole(u, role)
	}
	return g, u, nil
}

// assign adds (or with on false removes) groupID in m[userID] and reports
// whether that changed anything.
func assign(m map[string]map[string]bool, userID, groupID string, on bool) bool {
	groups := m[userID]
	if groups[groupID] == on {
		return false
	}
	if on {
		if groups == nil {
			groups = map[string]bool{}
			m[userID] = groups
		}
		groups[groupID] = true
	} else {
		delete(groups, groupID)
	}
	return true
}

// reportsOn reports whether u sees g's report data: a reporter of g, or of
// "Everyone", which the article's reporters list includes for every group.
func (st *store) reportsOn(u *user, g *group) bool {
	return u.Role == reach360.RoleReporter && (st.reporting[u.ID][g.ID] || st.reporting[u.ID][EveryoneID])
}

func (st *store) manages(u *user, g *group) bool {
	return u.Role == reach360.RoleManager && st.managing[u.ID][g.ID]
}

// AddReporter seeds a reporter of a group, as Groups.AddReporter would. It
// panics if the group or user is missing or the user's Role is not
// reach360.RoleReporter.
func (s *Server) AddReporter(groupID, userID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	g, u, err := s.st.assignment(groupID, userID, reach360.RoleReporter)
	if err != nil {
		panic(fmt.Sprintf("reach360test: AddReporter(%q, %q): %s", groupID, userID, err.Message))
	}
	assign(s.st.reporting, u.ID, g.ID, true)
}

// AddManager seeds a manager of a group; there is no API call for it. It
// panics if the group or user is missing, the user's Role is not
// reach360.RoleManager, or the group is "Everyone" (no manager can be
// assigned to it, says the Reach 360 user guide).
func (s *Server) AddManager(groupID, userID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	g, u, err := s.st.assignment(groupID, userID, reach360.RoleManager)
	if err == nil && g.everyone {
		err = readOnly(g)
	}
	if err != nil {
		panic(fmt.Sprintf("reach360test: AddManager(%q, %q): %s", groupID, userID, err.Message))
	}
	assign(s.st.managing, u.ID, g.ID, true)
}

// ReporterIDs returns the ids of the users who report on a group, in list
// order, as the reporters list answers (reporters of "Everyone" included);
// nil for a missing group.
func (s *Server) ReporterIDs(groupID string) []string {
	return s.userIDs(groupID, (*store).reportsOn)
}

// ManagerIDs returns the ids of a group's managers in list order; nil for a
// missing group.
func (s *Server) ManagerIDs(groupID string) []string {
	return s.userIDs(groupID, (*store).manages)
}

// listGroupUsers answers a list of a group's users, those keep accepts:
// its members as the Group Memberships article shows them ({"users",
// "nextUrl"}), or its reporters or managers under key with the groupUrl
// the Reporters article's answer carries.
func (s *Server) listGroupUsers(w http.ResponseWriter, r *http.Request, key string, keep func(*store, *user, *group) bool) {
	lq, aerr := parseList(r, "")
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	s.do(w, http.StatusOK, func() (any, *apiError) {
		g, aerr := s.st.group(r.PathValue("groupId"))
		if aerr != nil {
			return nil, aerr
		}
		users, next := s.st.users.page(lq.from, lq.limit, func(u *user) bool { return keep(s.st, u, g) })
		page := s.usersPage(r, lq, users, next)
		if key == "users" {
			return page, nil
		}
		return map[string]any{"groupUrl": s.groupJSON(g).URL, key: page.Users, "nextUrl": page.NextURL}, nil
	})
}

func (s *Server) listReporters(w http.ResponseWriter, r *http.Request) {
	s.listGroupUsers(w, r, "reporters", (*store).reportsOn)
}

func (s *Server) listManagers(w http.ResponseWriter, r *http.Request) {
	s.listGroupUsers(w, r, "managers", (*store).manages)
}

// setReporter answers PUT (on) and DELETE (off) of
// /groups/{groupId}/reporters/{userId}: 204, counted when it changed
// something.
func (s *Server) setReporter(on bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.do(w, http.StatusNoContent, func() (any, *apiError) {
			g, u, aerr := s.st.assignment(r.PathValue("groupId"), r.PathValue("userId"), reach360.RoleReporter)
			if aerr != nil {
				return nil, aerr
			}
			switch {
			case !assign(s.st.reporting, u.ID, g.ID, on):
			case on:
				s.MarkApplied(OpGroupsAddReporter)
			default:
				s.MarkApplied(OpGroupsRemoveReporter)
			}
			return nil, nil
		})
	}
}

// listUserGroups answers a list of a user's groups, those keep accepts:
// the groups the user belongs to as the Group Memberships article shows
// them ({"groups", "nextUrl"}; role ""), or a reporter's reporting groups
// or a manager's managing groups, the groups assigned to them ("Everyone"
// as itself), with the userUrl the Reporters article's answer carries. A
// user without the role gets invalid_user_role.
func (s *Server) listUserGroups(w http.ResponseWriter, r *http.Request, role string, keep func(*store, *user, *group) bool) {
	lq, aerr := parseList(r, "")
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	s.do(w, http.StatusOK, func() (any, *apiError) {
		u, aerr := s.st.user(r.PathValue("userId"))
		if aerr != nil {
			return nil, aerr
		}
		if role != "" && u.Role != role {
			return nil, invalidUserRole(u, role)
		}
		groups, next := s.st.groups.page(lq.from, lq.limit, func(g *group) bool { return keep(s.st, u, g) })
		page := s.groupsPage(r, lq, groups, next)
		if role == "" {
			return page, nil
		}
		return map[string]any{"userUrl": s.userJSON(u).URL, "groups": page.Groups, "nextUrl": page.NextURL}, nil
	})
}

func (s *Server) reportingGroups(w http.ResponseWriter, r *http.Request) {
	s.listUserGroups(w, r, reach360.RoleReporter, func(st *store, u *user, g *group) bool { return st.reporting[u.ID][g.ID] })
}

func (s *Server) managingGroups(w http.ResponseWriter, r *http.Request) {
	s.listUserGroups(w, r, reach360.RoleManager, func(st *store, u *user, g *group) bool { return st.managing[u.ID][g.ID] })
}
