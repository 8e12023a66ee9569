package alfaview

import (
	"cmp"
	"context"
	"slices"
	"strings"
)

// PermissionGroupsService lists the company's permission groups (alfaview's
// businessLogicService). Reach it as Client.PermissionGroups.
type PermissionGroupsService struct{ c *Client }

// PermissionGroup is a set of permissions people in a room can be given,
// such as Moderator or Participant. Links name one by ID.
type PermissionGroup struct {
	ID   string
	Name string
	// Order is alfaview's display order, most privileged first.
	Order int
	// Permissions are the group's boolean flags by alfaview's name (voice,
	// video, screen, chat, chatBroadcast, promote, join …). Entries that
	// are not booleans are left out.
	Permissions map[string]bool
}

type permissionGroupWire struct {
	Name        string              `json:"name"`
	Order       int                 `json:"order"`
	Permissions map[string]wireFlag `json:"permissions"`
}

// wireFlag is one entry of a group's permissions: a boolean, or a value of
// another kind, which List leaves out. Decoding it copies nothing, where a
// json.RawMessage per entry would.
type wireFlag struct{ isBool, on bool }

func (f *wireFlag) UnmarshalJSON(b []byte) error {
	switch string(b) {
	case "true":
		*f = wireFlag{isBool: true, on: true}
	case "false":
		*f = wireFlag{isBool: true}
	default:
		*f = wireFlag{}
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
			if f.isBool {
				g.Permissions[k] = f.on
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
