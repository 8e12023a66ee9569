package voltmxtest

import (
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Group is a group as the fake stores it.
type Group struct {
	ID            int64
	Name          string
	Email         string
	Description   string
	Active        bool
	AllowAllApps  bool
	UserIDs       []int64
	PermissionIDs []int64
	AppIDs        []string
	CreatedBy     string
	CreatedAt     time.Time
	// ModifiedBy and ModifiedAt are zero until the first modify.
	ModifiedBy string
	ModifiedAt time.Time
}

// User is a console user as the fake stores it. Its groups are those whose
// UserIDs hold its ID. The fake keeps no password: it checks that create
// and modify send one.
type User struct {
	ID            int64
	UserName      string
	DisplayName   string
	Email         string
	MobileNo      string
	Active        bool
	PermissionIDs []int64
	AllowAllApps  bool
	AppIDs        []string
	CreatedBy     string
	CreatedAt     time.Time
	// ModifiedBy and ModifiedAt are zero until the first modify.
	ModifiedBy string
	ModifiedAt time.Time
}

type permission struct {
	id   int64
	name string
}

// permissionNames are the 18 permissions of an Engagement Services server,
// numbered from 1 as the guide's "Get All Permissions" sample numbers them.
var permissionNames = []string{
	"DASHBOARD_ALL", "APPLICATIONS_ALL", "DEVICES_ALL", "CAMPAIGNS_ALL",
	"CAMPAIGNS_EXECUTE", "CAMPAIGNS_TERMINATE", "EVENTS_ALL", "EVENTS_PUBLISH",
	"USERS_ALL", "SEGMENTS_ALL", "CONFIGURATIONS", "TEMPLATES_ALL",
	"LOGGING_ALL", "ADMIN_ACCESS", "ADHOC_PUSH", "ADHOC_EMAIL", "ADHOC_SMS",
	"ADHOC_PASS",
}

func defaultPermissions() []permission {
	out := make([]permission, len(permissionNames))
	for i, n := range permissionNames {
		out[i] = permission{id: int64(i + 1), name: n}
	}
	return out
}

// PermissionID returns the id of the named permission, 0 if there is none.
func (s *Server) PermissionID(name string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, p := range s.perms {
		if strings.EqualFold(p.name, name) {
			return p.id
		}
	}
	return 0
}

// AddPermission adds a permission named name to the catalogue and returns
// its id, the next free one.
func (s *Server) AddPermission(name string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := int64(len(s.perms) + 1)
	s.perms = append(s.perms, permission{id: id, name: name})
	return id
}

// AddGroup stores g as it is, without the API's checks, and returns it with
// its id (the next free one if g.ID is 0) and, if unset, creation stamp.
// It does not count as an applied write.
func (s *Server) AddGroup(g Group) Group {
	s.mu.Lock()
	defer s.mu.Unlock()
	if g.ID == 0 {
		g.ID = s.nextGroupID + 1
	}
	s.nextGroupID = max(s.nextGroupID, g.ID)
	if g.CreatedBy == "" {
		g.CreatedBy = Username
	}
	if g.CreatedAt.IsZero() {
		g.CreatedAt = s.now()
	}
	c := g.clone()
	s.groups[g.ID] = &c
	return g.clone()
}

// Group returns the stored group with the given id.
func (s *Server) Group(id int64) (Group, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	g, ok := s.groups[id]
	if !ok {
		return Group{}, false
	}
	return g.clone(), true
}

// Groups returns every stored group, by id.
func (s *Server) Groups() []Group {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Group, 0, len(s.groups))
	for _, id := range slices.Sorted(maps.Keys(s.groups)) {
		out = append(out, s.groups[id].clone())
	}
	return out
}

// AddUser stores u and returns it with its id (the next free one if u.ID is
// 0) and, if unset, creation stamp.
func (s *Server) AddUser(u User) User {
	s.mu.Lock()
	defer s.mu.Unlock()
	if u.ID == 0 {
		u.ID = s.nextUserID + 1
	}
	s.nextUserID = max(s.nextUserID, u.ID)
	if u.CreatedBy == "" {
		u.CreatedBy = Username
	}
	if u.CreatedAt.IsZero() {
		u.CreatedAt = s.now()
	}
	c := u.clone()
	s.users[u.ID] = &c
	return u.clone()
}

func (u *User) clone() User {
	c := *u
	c.PermissionIDs = slices.Clone(u.PermissionIDs)
	c.AppIDs = slices.Clone(u.AppIDs)
	return c
}

func (g *Group) clone() Group {
	c := *g
	c.UserIDs = slices.Clone(g.UserIDs)
	c.PermissionIDs = slices.Clone(g.PermissionIDs)
	c.AppIDs = slices.Clone(g.AppIDs)
	return c
}

// formatDate writes t as the server does: "06/15/2016 02:00:18 PM IST".
func formatDate(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.In(ServerZone).Format("01/02/2006 03:04:05 PM MST")
}

// groupJSON renders g as the API does. s.mu is held.
func (s *Server) groupJSON(g *Group) map[string]any {
	var modifiedBy any
	if g.ModifiedBy != "" {
		modifiedBy = g.ModifiedBy
	}
	return map[string]any{
		"id":                    g.ID,
		"groupName":             g.Name,
		"email":                 g.Email,
		"groupDescription":      g.Description,
		"activeFlag":            g.Active,
		"allowAllApps":          g.AllowAllApps,
		"selectedUserIds":       nonNil(g.UserIDs),
		"selectedPermissionIds": nonNil(g.PermissionIDs),
		"selectedAppIds":        nonNil(g.AppIDs),
		"createdBy":             g.CreatedBy,
		"createdDate":           formatDate(g.CreatedAt),
		"lastModifiedBy":        modifiedBy,
		"lastModifiedDate":      formatDate(g.ModifiedAt),
	}
}

// userJSON renders u as the API does. s.mu is held.
func (s *Server) userJSON(u *User) map[string]any {
	var groups []int64
	for _, id := range slices.Sorted(maps.Keys(s.groups)) {
		if slices.Contains(s.groups[id].UserIDs, u.ID) {
			groups = append(groups, id)
		}
	}
	var modifiedBy any
	if u.ModifiedBy != "" {
		modifiedBy = u.ModifiedBy
	}
	return map[string]any{
		"id":                    u.ID,
		"userName":              u.UserName,
		"displayName":           u.DisplayName,
		"email":                 u.Email,
		"mobileNo":              u.MobileNo,
		"activeFlag":            u.Active,
		"selectedPermissionIds": nonNil(u.PermissionIDs),
		"selectedGroupIds":      nonNil(groups),
		"allowAllApps":          u.AllowAllApps,
		"selectedAppIds":        nonNil(u.AppIDs),
		"createdBy":             u.CreatedBy,
		"createdDate":           formatDate(u.CreatedAt),
		"lastModifiedBy":        modifiedBy,
		"lastModifiedDate":      formatDate(u.ModifiedAt),
	}
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// page returns the ids of one page of a map, by id.
func page[V any](m map[int64]V, start, size int) []int64 {
	ids := slices.Sorted(maps.Keys(m))
	if start >= len(ids) {
		return nil
	}
	return ids[start:min(start+size, len(ids))]
}

func permissionsJSON(ps []permission) map[string]string {
	out := make(map[string]string, len(ps))
	for _, p := range ps {
		out[strconv.FormatInt(p.id, 10)] = p.name
	}
	return out
}
