package voltmx

import (
	"cmp"
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/grantkit/grantkit-go/internal/transport"
	"github.com/grantkit/grantkit-go/internal/validate"
)

var opPermissionsList = &transport.Operation{Name: "permissions.list", Method: http.MethodGet, Idempotent: true}

// PermissionAdhocPush is the permission a group needs before it may be given
// app permissions (CreateGroupParams.AppIDs or AllowAllApps).
const PermissionAdhocPush = "ADHOC_PUSH"

// PermissionsService reads the server's permission catalogue.
type PermissionsService struct{ c *Client }

// Permission is one right a user or group can be given, such as
// "CAMPAIGNS_EXECUTE".
type Permission struct {
	ID   int64
	Name string
}

// List returns every permission the server knows, sorted by ID.
func (s *PermissionsService) List(ctx context.Context, opts ...CallOption) ([]Permission, error) {
	var out struct {
		Permissions map[string]flexString `json:"permissions"`
	}
	resp, err := s.c.tc.Do(ctx, &transport.Request{Op: opPermissionsList, Path: []string{"api", "v1", "accessmgmt", "permissions"}}, &out, opts...)
	if err != nil {
		return nil, err
	}
	perms := make([]Permission, 0, len(out.Permissions))
	for k, name := range out.Permissions {
		id, err := strconv.ParseInt(strings.TrimSpace(k), 10, 64)
		if err != nil {
			return nil, &transport.RequestError{Vendor: vendor, Op: resp.Op, Method: resp.Method, Path: resp.Path,
				Attempts: resp.Attempts, StatusCode: resp.StatusCode,
				Err: fmt.Errorf("%w: permission id %q is not a number", transport.ErrMalformedResponse, transport.Snippet([]byte(k), 40))}
		}
		perms = append(perms, Permission{ID: id, Name: string(name)})
	}
	slices.SortFunc(perms, func(a, b Permission) int { return cmp.Compare(a.ID, b.ID) })
	return perms, nil
}

// Resolve returns the ids of the named permissions, in the order given, with
// one List call. Names match case-insensitively and with or without the
// "ROLE_" prefix newer servers add ("ADHOC_PUSH" finds "ROLE_ADHOC_PUSH").
// A name the server does not know fails the whole call with
// ErrUnknownPermission, naming it. No names, or an empty one, fail with
// ErrInvalidParams before anything is sent.
func (s *PermissionsService) Resolve(ctx context.Context, names ...string) ([]int64, error) {
	// Checked before the List call, so that a caller's mistake costs no
	// login and no catalogue download, and says which name is wrong.
	v := validate.New(ErrInvalidParams, vendor, "permissions.resolve").
		Check(len(names) > 0, "names", "must name at least one permission")
	for i, n := range names {
		v.NotEmpty("names["+strconv.Itoa(i)+"]", n)
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	perms, err := s.List(ctx)
	if err != nil {
		return nil, err
	}
	byName := make(map[string]int64, len(perms))
	for _, p := range perms {
		byName[permKey(p.Name)] = p.ID
	}
	ids := make([]int64, 0, len(names))
	var unknown []string
	for _, n := range names {
		id, ok := byName[permKey(n)]
		if !ok {
			unknown = append(unknown, strconv.Quote(n))
			continue
		}
		ids = append(ids, id)
	}
	if len(unknown) > 0 {
		return nil, fmt.Errorf("%w: %s (the server has %d permissions)", ErrUnknownPermission, strings.Join(unknown, ", "), len(perms))
	}
	return ids, nil
}

func permKey(name string) string {
	k := strings.ToUpper(strings.TrimSpace(name))
	return strings.TrimPrefix(k, "ROLE_")
}
