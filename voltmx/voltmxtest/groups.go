package voltmxtest

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/grantkit/grantkit-go/internal/fakekit"
)

// The documented 400 sentences.
const (
	msgGroupNameRequired = "Group name is required"
	msgEmailRequired     = "Email is required"
	msgGroupNotFound     = "Invalid group ID provided, or No group found with given ID"
	msgDeleteNotFound    = "Invalid Group ID provided or No Group found with given ID"
	msgActiveDelete      = "Delete is not allowed on active group"
	msgAdhocPush         = "Application permissions can be enabled only for the group who has ADHOC_PUSH permission"
	msgPayload           = "Invalid request payload. Error occurred at property "
	msgBadFormat         = "Invalid request format"
	// msgNameTaken is not in the guide, which only says names are unique.
	msgNameTaken = "Group name already exists"
)

// groupInput is a create or modify body, read as leniently as the Java
// server does: numbers may come as strings and booleans as "true".
type groupInput struct {
	name, email, description string
	active, allowAllApps     bool
	userIDs, permissionIDs   []int64
	appIDs                   []string
	hasPermissions, hasApps  bool
}

// readGroup decodes a group body; on failure it returns the 400 message.
func readGroup(r *http.Request) (groupInput, string) {
	var in groupInput
	b, ok := readBody(r)
	if !ok {
		return in, msgPayload + "body"
	}
	switch {
	case !b.str("groupName", &in.name):
		return in, msgPayload + "groupName"
	case !b.str("email", &in.email):
		return in, msgPayload + "email"
	case !b.str("groupDescription", &in.description):
		return in, msgPayload + "groupDescription"
	case !b.boolean("activeFlag", &in.active):
		return in, msgPayload + "activeFlag"
	case !b.boolean("allowAllApps", &in.allowAllApps):
		return in, msgPayload + "allowAllApps"
	}
	if _, ok := b.ids("selectedUserIds", &in.userIDs); !ok {
		return in, msgPayload + "selectedUserIds"
	}
	if in.hasPermissions, ok = b.ids("selectedPermissionIds", &in.permissionIDs); !ok {
		return in, msgPayload + "selectedPermissionIds"
	}
	if in.hasApps, ok = b.strs("selectedAppIds", &in.appIDs); !ok {
		return in, msgPayload + "selectedAppIds"
	}
	return in, ""
}

// checkGroup applies the server's rules to a decoded body, in the order the
// guide lists its 400 answers. self is the id of the group being modified,
// 0 for a create. s.mu is held.
func (s *Server) checkGroup(in groupInput, self int64) string {
	switch {
	case strings.TrimSpace(in.name) == "":
		return msgGroupNameRequired
	case strings.TrimSpace(in.email) == "":
		return msgEmailRequired
	case !in.hasPermissions || len(in.permissionIDs) == 0:
		return msgPayload + "selectedPermissionIds"
	case !in.hasApps:
		return msgPayload + "selectedAppIds"
	}
	adhoc := false
	for _, id := range in.permissionIDs {
		i := slices.IndexFunc(s.perms, func(p permission) bool { return p.id == id })
		if i < 0 {
			return msgPayload + "selectedPermissionIds"
		}
		adhoc = adhoc || s.perms[i].name == "ADHOC_PUSH"
	}
	for _, id := range in.userIDs {
		if _, ok := s.users[id]; !ok {
			return msgPayload + "selectedUserIds"
		}
	}
	if (in.allowAllApps || len(in.appIDs) > 0) && !adhoc {
		return msgAdhocPush
	}
	for id, g := range s.groups {
		if id != self && strings.EqualFold(g.Name, strings.TrimSpace(in.name)) {
			return msgNameTaken
		}
	}
	return ""
}

func (in groupInput) apply(g *Group) {
	g.Name = strings.TrimSpace(in.name)
	g.Email = in.email
	g.Description = in.description
	g.Active = in.active
	g.AllowAllApps = in.allowAllApps
	g.UserIDs = slices.Clone(in.userIDs)
	g.PermissionIDs = slices.Clone(in.permissionIDs)
	g.AppIDs = slices.Clone(in.appIDs)
}

func (s *Server) createGroup(w http.ResponseWriter, r *http.Request) {
	in, msg := readGroup(r)
	var id int64
	s.mu.Lock()
	if msg == "" {
		msg = s.checkGroup(in, 0)
	}
	if msg == "" {
		s.nextGroupID++
		g := &Group{ID: s.nextGroupID, CreatedBy: requestUser(r), CreatedAt: s.now()}
		in.apply(g)
		s.groups[g.ID] = g
		id = g.ID
		s.MarkApplied(OpGroupsCreate)
	}
	s.mu.Unlock()
	s.answerWrite(w, msg, id, "Details added successfully")
}

func (s *Server) listGroups(w http.ResponseWriter, r *http.Request) {
	start, size, ok := pageParams(r)
	if !ok {
		writeMessage(w, http.StatusBadRequest, msgBadFormat)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	groups := []map[string]any{}
	for _, id := range page(s.groups, start, size) {
		groups = append(groups, s.groupJSON(s.groups[id]))
	}
	fakekit.WriteJSON(w, http.StatusOK, map[string]any{"total": len(s.groups), "groups": groups})
}

func (s *Server) getGroup(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	g, ok := s.groups[pathID(r)]
	if !ok {
		writeMessage(w, http.StatusBadRequest, msgGroupNotFound)
		return
	}
	fakekit.WriteJSON(w, http.StatusOK, s.groupJSON(g))
}

func (s *Server) modifyGroup(w http.ResponseWriter, r *http.Request) {
	id := pathID(r)
	in, msg := readGroup(r)
	s.mu.Lock()
	g, ok := s.groups[id]
	switch {
	case !ok:
		msg = msgGroupNotFound
	case msg == "":
		msg = s.checkGroup(in, id)
	}
	if msg == "" {
		in.apply(g)
		g.ModifiedBy, g.ModifiedAt = requestUser(r), s.now()
		s.MarkApplied(OpGroupsUpdate)
	}
	s.mu.Unlock()
	s.answerWrite(w, msg, id, "Details updated successfully")
}

func (s *Server) deleteGroup(w http.ResponseWriter, r *http.Request) {
	if !emptyOrJSON(r) {
		writeMessage(w, http.StatusBadRequest, msgPayload+"body")
		return
	}
	id := pathID(r)
	s.mu.Lock()
	g, ok := s.groups[id]
	msg := ""
	switch {
	case !ok:
		msg = msgDeleteNotFound
	case g.Active:
		msg = msgActiveDelete
	default:
		delete(s.groups, id)
		s.MarkApplied(OpGroupsDelete)
	}
	s.mu.Unlock()
	s.answerWrite(w, msg, id, "Group Deleted successfully")
}

// answerWrite answers a create, modify or delete of a group or user, once
// s.mu is released: with the 400 sentence msg when there is one, else 200
// with the {"id","message"} of the write pages, the id as a string as the
// real server sends it.
func (s *Server) answerWrite(w http.ResponseWriter, msg string, id int64, message string) {
	if msg != "" {
		writeMessage(w, http.StatusBadRequest, msg)
		return
	}
	fakekit.WriteJSON(w, http.StatusOK, map[string]string{"id": strconv.FormatInt(id, 10), "message": message})
}

// listPermissions is "Get All Permissions by Pagination": a page of the
// catalogue for start and pageSize, {"total":15,"permissions":{"1":...}}.
// Without either parameter it answers the whole catalogue, as the older
// "Get All Permissions" page does.
func (s *Server) listPermissions(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	perms := s.perms
	if q := r.URL.Query(); q.Has("start") || q.Has("pageSize") {
		start, size, ok := pageParams(r)
		if !ok {
			writeMessage(w, http.StatusBadRequest, msgBadFormat)
			return
		}
		perms = perms[min(start, len(perms)):min(start+size, len(perms))]
	}
	fakekit.WriteJSON(w, http.StatusOK, map[string]any{"total": len(s.perms), "permissions": permissionsJSON(perms)})
}

// pathID is the {id} of the route, 0 (never a valid id) if not a number.
func pathID(r *http.Request) int64 {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0
	}
	return id
}

// pageParams reads start and pageSize; the guide's samples use 0 and 10.
func pageParams(r *http.Request) (start, size int, ok bool) {
	start, size = 0, 10
	q := r.URL.Query()
	var err error
	if v := q.Get("start"); v != "" {
		if start, err = strconv.Atoi(v); err != nil || start < 0 {
			return 0, 0, false
		}
	}
	if v := q.Get("pageSize"); v != "" {
		if size, err = strconv.Atoi(v); err != nil || size <= 0 {
			return 0, 0, false
		}
	}
	return start, size, true
}
