package voltmxtest

import (
	"net/http"
	"slices"
	"strings"
	"unicode"

	"github.com/grantkit/grantkit-go/internal/fakekit"
)

// The users pages' 400 sentences, verbatim: Get User Details and Delete
// User spell the missing user one way, Modify User another.
const (
	msgUserNotFound       = "Invalid user ID provided or no user found with provided ID"
	msgModifyUserNotFound = "Invalid User ID provided or No User found with given ID"
	msgUserExists         = "User already exists with this user ID"
	msgDisplayNameMissing = "Display Name is required"
	msgUserNameChanged    = "Invalid 'userName' provided. 'userName' should not be modified"
	msgActiveUserDelete   = "Delete is not allowed on active users"
)

// userInput is a create or modify body.
type userInput struct {
	userName, email, password, displayName, mobileNo string
	active, allowAllApps                             bool
	permissionIDs, groupIDs                          []int64
	appIDs                                           []string
	hasPermissions                                   bool
}

// readUser decodes a user body; on failure it returns the 400 message.
func readUser(r *http.Request) (userInput, string) {
	var in userInput
	b, ok := readBody(r)
	if !ok {
		return in, msgPayload + "body"
	}
	for name, dst := range map[string]*string{"userName": &in.userName, "email": &in.email, "password": &in.password,
		"displayName": &in.displayName, "mobileNo": &in.mobileNo} {
		if !b.str(name, dst) {
			return in, msgPayload + name
		}
	}
	for name, dst := range map[string]*bool{"activeFlag": &in.active, "allowAllApps": &in.allowAllApps} {
		if !b.boolean(name, dst) {
			return in, msgPayload + name
		}
	}
	if in.hasPermissions, ok = b.ids("selectedPermissionIds", &in.permissionIDs); !ok {
		return in, msgPayload + "selectedPermissionIds"
	}
	if _, ok := b.ids("selectedGroupIds", &in.groupIDs); !ok {
		return in, msgPayload + "selectedGroupIds"
	}
	if _, ok := b.strs("selectedAppIds", &in.appIDs); !ok {
		return in, msgPayload + "selectedAppIds"
	}
	return in, ""
}

// checkUser applies the server's rules to a decoded body. Where a page
// names no sentence for a missing field (userName, password, permissions)
// the fake answers the documented "Invalid request payload" form. self is
// the id of the user being modified, 0 for a create. s.mu is held.
func (s *Server) checkUser(in userInput, self int64) string {
	switch {
	case strings.TrimSpace(in.userName) == "":
		return msgPayload + "userName"
	case strings.TrimSpace(in.email) == "":
		return msgEmailRequired
	case in.password == "" || strings.ContainsFunc(in.password, unicode.IsSpace):
		return msgPayload + "password"
	case strings.TrimSpace(in.displayName) == "":
		return msgDisplayNameMissing
	case !in.hasPermissions || len(in.permissionIDs) == 0:
		return msgPayload + "selectedPermissionIds"
	}
	for _, id := range in.permissionIDs {
		if !slices.ContainsFunc(s.perms, func(p permission) bool { return p.id == id }) {
			return msgPayload + "selectedPermissionIds"
		}
	}
	for _, id := range in.groupIDs {
		if _, ok := s.groups[id]; !ok {
			return msgPayload + "selectedGroupIds"
		}
	}
	for id, u := range s.users {
		if id != self && (strings.EqualFold(u.UserName, strings.TrimSpace(in.userName)) || strings.EqualFold(u.Email, in.email)) {
			return msgUserExists
		}
	}
	return ""
}

// apply stores in on u and makes u a member of exactly in's groups. s.mu is
// held.
func (s *Server) applyUser(in userInput, u *User) {
	u.UserName = strings.TrimSpace(in.userName)
	u.Email = in.email
	u.DisplayName = in.displayName
	u.MobileNo = in.mobileNo
	u.Active = in.active
	u.PermissionIDs = slices.Clone(in.permissionIDs)
	u.AllowAllApps = in.allowAllApps
	u.AppIDs = slices.Clone(in.appIDs)
	for id, g := range s.groups {
		member := slices.Contains(in.groupIDs, id)
		i := slices.Index(g.UserIDs, u.ID)
		switch {
		case member && i < 0:
			g.UserIDs = append(g.UserIDs, u.ID)
		case !member && i >= 0:
			g.UserIDs = slices.Delete(g.UserIDs, i, i+1)
		}
	}
}

func (s *Server) createUser(w http.ResponseWriter, r *http.Request) {
	in, msg := readUser(r)
	var id int64
	s.mu.Lock()
	if msg == "" {
		msg = s.checkUser(in, 0)
	}
	if msg == "" {
		s.nextUserID++
		u := &User{ID: s.nextUserID, CreatedBy: requestUser(r), CreatedAt: s.now()}
		s.applyUser(in, u)
		s.users[u.ID] = u
		id = u.ID
		s.MarkApplied(OpUsersCreate)
	}
	s.mu.Unlock()
	s.answerWrite(w, msg, id, "Details added successfully")
}

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

func (s *Server) modifyUser(w http.ResponseWriter, r *http.Request) {
	id := pathID(r)
	in, msg := readUser(r)
	s.mu.Lock()
	u, ok := s.users[id]
	switch {
	case !ok:
		msg = msgModifyUserNotFound
	case msg != "":
	case !strings.EqualFold(strings.TrimSpace(in.userName), u.UserName) && strings.TrimSpace(in.userName) != "":
		msg = msgUserNameChanged
	default:
		msg = s.checkUser(in, id)
	}
	if msg == "" {
		s.applyUser(in, u)
		u.ModifiedBy, u.ModifiedAt = requestUser(r), s.now()
		s.MarkApplied(OpUsersUpdate)
	}
	s.mu.Unlock()
	s.answerWrite(w, msg, id, "Details updated successfully")
}

func (s *Server) deleteUser(w http.ResponseWriter, r *http.Request) {
	if !emptyOrJSON(r) {
		writeMessage(w, http.StatusBadRequest, msgPayload+"body")
		return
	}
	id := pathID(r)
	s.mu.Lock()
	u, ok := s.users[id]
	msg := ""
	switch {
	case !ok:
		msg = msgUserNotFound
	case u.Active:
		msg = msgActiveUserDelete
	default:
		delete(s.users, id)
		for _, g := range s.groups {
			g.UserIDs = slices.DeleteFunc(g.UserIDs, func(m int64) bool { return m == id })
		}
		s.MarkApplied(OpUsersDelete)
	}
	s.mu.Unlock()
	// The page's sample, trailing space included.
	s.answerWrite(w, msg, id, "User deleted successfully ")
}
