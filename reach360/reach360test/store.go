package reach360test

import (
	"cmp"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/grantkit/grantkit-go/reach360"
)

// store is the fake's state. Server.mu guards it.
type store struct {
	seq         int64
	groups      table[*group]
	groupByName map[string]*group
	users       table[*user]
	userByEmail map[string]*user
	// members maps a group id to its members' ids. "Everyone" has no entry:
	// its membership is implicit.
	members map[string]map[string]bool
	// reporting and managing map a user id to the ids of the groups the
	// user reports on or manages ("everyone" included for reporters).
	reporting, managing map[string]map[string]bool
	invitations         table[*invitation]
	inviteByEmail       map[string]*invitation
}

type group struct {
	seq      int64
	ID, Name string
	everyone bool
}

type user struct {
	seq int64
	reach360.User
}

func (g *group) seqNo() int64 { return g.seq }
func (g *group) id() string   { return g.ID }
func (u *user) seqNo() int64  { return u.seq }
func (u *user) id() string    { return u.ID }

func newStore() *store {
	st := &store{
		groups:        newTable[*group](),
		groupByName:   map[string]*group{},
		users:         newTable[*user](),
		userByEmail:   map[string]*user{},
		members:       map[string]map[string]bool{},
		reporting:     map[string]map[string]bool{},
		managing:      map[string]map[string]bool{},
		invitations:   newTable[*invitation](),
		inviteByEmail: map[string]*invitation{},
	}
	everyone := &group{seq: st.next(), ID: EveryoneID, Name: EveryoneName, everyone: true}
	st.groups.add(everyone)
	st.groupByName[everyone.Name] = everyone
	return st
}

// next returns the next position in creation order, the order of every
// list.
func (st *store) next() int64 {
	st.seq++
	return st.seq
}

// apiError is an error answer: status and the documented code.
type apiError struct {
	Status  int
	Code    string
	Message string
}

var errUnauthorized = &apiError{http.StatusUnauthorized, "unauthorized", "missing or invalid API key"}

func badRequest(format string, args ...any) *apiError {
	return &apiError{http.StatusBadRequest, "invalid_request", fmt.Sprintf(format, args...)}
}

func groupNotFound(id string) *apiError {
	return &apiError{http.StatusNotFound, "group_not_found", fmt.Sprintf("group %q does not exist", id)}
}

func userNotFound(id string) *apiError {
	return &apiError{http.StatusNotFound, "user_not_found", fmt.Sprintf("user %q does not exist", id)}
}

func readOnly(g *group) *apiError {
	return &apiError{http.StatusForbidden, "read_only_group", fmt.Sprintf("group %q cannot be changed", g.Name)}
}

func duplicateName(name string) *apiError {
	return &apiError{http.StatusConflict, "duplicate_name", fmt.Sprintf("a group named %q already exists", name)}
}

func (st *store) group(id string) (*group, *apiError) {
	if g := st.groups.byID[id]; g != nil {
		return g, nil
	}
	return nil, groupNotFound(id)
}

func (st *store) user(id string) (*user, *apiError) {
	if u := st.users.byID[id]; u != nil {
		return u, nil
	}
	return nil, userNotFound(id)
}

func (st *store) addGroup(name string) (*group, *apiError) {
	if strings.TrimSpace(name) == "" {
		return nil, badRequest("name is required")
	}
	if st.groupByName[name] != nil {
		return nil, duplicateName(name)
	}
	seq := st.next()
	g := &group{seq: seq, ID: fmt.Sprintf("grp-%d", seq), Name: name}
	st.groups.add(g)
	st.groupByName[name] = g
	return g, nil
}

// renameGroup reports whether the name changed.
func (st *store) renameGroup(id, name string) (bool, *apiError) {
	g, err := st.group(id)
	if err != nil {
		return false, err
	}
	if g.everyone {
		return false, readOnly(g)
	}
	if g.Name == name {
		return false, nil
	}
	if st.groupByName[name] != nil {
		return false, duplicateName(name)
	}
	delete(st.groupByName, g.Name)
	g.Name = name
	st.groupByName[name] = g
	return true, nil
}

func (st *store) deleteGroup(id string) *apiError {
	g, err := st.group(id)
	if err != nil {
		return err
	}
	if g.everyone {
		return readOnly(g)
	}
	st.groups.remove(g)
	delete(st.groupByName, g.Name)
	delete(st.members, g.ID)
	for _, m := range []map[string]map[string]bool{st.reporting, st.managing} {
		for _, groups := range m {
			delete(groups, g.ID)
		}
	}
	return nil
}

func (st *store) addUser(u reach360.User) (*user, error) {
	if u.ID == "" {
		u.ID = fmt.Sprintf("usr-%d", st.seq+1)
		for n := 2; st.users.byID[u.ID] != nil; n++ {
			u.ID = fmt.Sprintf("usr-%d-%d", st.seq+1, n)
		}
	}
	if st.users.byID[u.ID] != nil {
		return nil, fmt.Errorf("user id %q is taken", u.ID)
	}
	if u.Email != "" && st.userByEmail[u.Email] != nil {
		return nil, fmt.Errorf("email %q is taken", u.Email)
	}
	if u.Role == "" {
		u.Role = reach360.RoleLearner
	}
	stored := &user{seq: st.next(), User: u}
	st.users.add(stored)
	if u.Email != "" {
		st.userByEmail[u.Email] = stored
	}
	return stored, nil
}

func (st *store) deleteUser(id string) *apiError {
	u, err := st.user(id)
	if err != nil {
		return err
	}
	st.users.remove(u)
	delete(st.userByEmail, u.Email)
	for _, m := range st.members {
		delete(m, u.ID)
	}
	delete(st.reporting, u.ID)
	delete(st.managing, u.ID)
	return nil
}

// isMember reports whether u is a member of g; every user is one of
// "Everyone".
func (st *store) isMember(u *user, g *group) bool {
	return g.everyone || st.members[g.ID][u.ID]
}

// membership looks up both ends of a membership change; "Everyone" cannot
// be changed.
func (st *store) membership(groupID, userID string) (*group, *user, *apiError) {
	g, err := st.group(groupID)
	if err != nil {
		return nil, nil, err
	}
	u, err := st.user(userID)
	if err != nil {
		return nil, nil, err
	}
	if g.everyone {
		return nil, nil, readOnly(g)
	}
	return g, u, nil
}

// addMember reports whether the user was not a member before.
func (st *store) addMember(groupID, userID string) (bool, *apiError) {
	g, u, err := st.membership(groupID, userID)
	if err != nil {
		return false, err
	}
	m := st.members[g.ID]
	if m == nil {
		m = map[string]bool{}
		st.members[g.ID] = m
	}
	if m[u.ID] {
		return false, nil
	}
	m[u.ID] = true
	return true, nil
}

// removeMember reports whether the user was a member.
func (st *store) removeMember(groupID, userID string) (bool, *apiError) {
	g, u, err := st.membership(groupID, userID)
	if err != nil {
		return false, err
	}
	if !st.members[g.ID][u.ID] {
		return false, nil
	}
	delete(st.members[g.ID], u.ID)
	return true, nil
}

type entry interface {
	seqNo() int64
	id() string
}

// table keeps entries in creation order (ascending seq) with an index by
// id. A page starts with a binary search for its position, so walking a
// list of n entries costs O(n) however many pages it takes, and deleting
// between pages neither skips nor repeats an entry.
type table[T entry] struct {
	items []T
	byID  map[string]T
}

func newTable[T entry]() table[T] { return table[T]{byID: map[string]T{}} }

func (t *table[T]) add(v T) {
	t.items = append(t.items, v)
	t.byID[v.id()] = v
}

func (t *table[T]) remove(v T) {
	if i, ok := t.find(v.seqNo()); ok {
		t.items = slices.Delete(t.items, i, i+1)
	}
	delete(t.byID, v.id())
}

func (t *table[T]) find(seq int64) (int, bool) {
	return slices.BinarySearchFunc(t.items, seq, func(v T, s int64) int { return cmp.Compare(v.seqNo(), s) })
}

// page returns up to limit entries at or after position from that keep
// accepts (nil keeps all), and the position of the first entry of the next
// page, or 0 when there is none.
func (t *table[T]) page(from int64, limit int, keep func(T) bool) ([]T, int64) {
	i, _ := t.find(from)
	out := make([]T, 0, min(limit, len(t.items)-i))
	for ; i < len(t.items); i++ {
		v := t.items[i]
		if keep != nil && !keep(v) {
			continue
		}
		if len(out) == limit {
			return out, v.seqNo()
		}
		out = append(out, v)
	}
	return out, 0
}
