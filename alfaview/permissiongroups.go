package alfaview

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/grantkit/grantkit-go/internal/transport"
)

// PermissionGroupsService lists the company's permission groups (alfaview's
// businessLogicService). Reach it as Client.PermissionGroups.
type PermissionGroupsService struct{ c *Client }

// Role is the role a permission group gives (alfaview-php-sdk v2.4.4,
// CommonRole). alfaview may add roles; unknown ones are kept as sent.
type Role string

// The roles alfaview's SDK lists.
const (
	RoleCustom      Role = "ROLE_CUSTOM"
	RoleNoAccess    Role = "ROLE_NO_ACCESS"
	RoleGuest       Role = "ROLE_GUEST"
	RoleSpectator   Role = "ROLE_SPECTATOR"
	RoleParticipant Role = "ROLE_PARTICIPANT"
	RoleModerator   Role = "ROLE_MODERATOR"
	RoleAdmin       Role = "ROLE_ADMIN"
)

// PermissionGroup is a set of permissions people in a room can be given,
// such as Moderator or Participant. Links name one by ID.
type PermissionGroup struct {
	ID   string
	Name string
	// Order is alfaview's display order, most privileged first.
	Order int
	// Role is the group's role, from its permissions' "role" entry
	// (CommonPermissions.role); empty when alfaview sent none.
	Role Role
	// Permissions are the group's boolean flags by alfaview's name (voice,
	// video, screen, chat, chatBroadcast, promote, join …). Entries that
	// are not booleans (role among them) are left out.
	Permissions map[string]bool
}

type permissionGroupWire struct {
	Name        string              `json:"name"`
	Order       int                 `json:"order"`
	Permissions map[string]wireFlag `json:"permissions"`
}

// wireFlag is one entry of a group's permissions: a boolean, a string (the
// role), or a value of another kind, which List leaves out. Decoding it
// copies nothing but strings, where a json.RawMessage per entry would.
type wireFlag struct {
	isBool, on bool
	str        string
}

func (f *wireFlag) UnmarshalJSON(b []byte) error {
	*f = wireFlag{}
	switch {
	case string(b) == "true":
		*f = wireFlag{isBool: true, on: true}
	case string(b) == "false":
		*f = wireFlag{isBool: true}
	case len(b) > 0 && b[0] == '"':
		return transport.DecodeJSON(b, &f.str)
	}
	return nil
}

// List returns every permission group of the company, sorted by Order (then
// Name, then ID), each with its ID.
func (s *PermissionGroupsService) List(ctx context.Context, opts ...CallOption) ([]PermissionGroup, error) {
	var reply struct {
		PermissionGroups map[string]permissionGroupWire `json:"permissionGroups"`
	}
	if err := s.c.call(ctx, &opListPermissionGroups, []string{"businessLogicService", "permissionGroups", "list"}, struct{}{}, &reply, opts); err != nil {
		return nil, err
	}
	return permissionGroups(reply.PermissionGroups), nil
}

// permissionGroups turns alfaview's map keyed by id into a slice in a
// stable order: a map has none, and callers show groups in alfaview's order.
func permissionGroups(m map[string]permissionGroupWire) []PermissionGroup {
	out := make([]PermissionGroup, 0, len(m))
	for id, w := range m {
		g := PermissionGroup{ID: id, Name: w.Name, Order: w.Order, Permissions: make(map[string]bool, len(w.Permissions))}
		for k, f := range w.Permissions {
			switch {
			case f.isBool:
				g.Permissions[k] = f.on
			case k == "role":
				g.Role = Role(f.str)
			}
		}
		out = append(out, g)
	}
	slices.SortFunc(out, func(a, b PermissionGroup) int {
		return cmp.Or(cmp.Compare(a.Order, b.Order), cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	})
	return out
}

// FindPermissionGroup returns the first group in groups whose Name is name,
// compared case-insensitively, and whether there was one.
func FindPermissionGroup(groups []PermissionGroup, name string) (PermissionGroup, bool) {
	for _, g := range groups {
		if strings.EqualFold(g.Name, name) {
			return g, true
		}
	}
	return PermissionGroup{}, false
}
