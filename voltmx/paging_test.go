package voltmx_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/voltmx"
	"github.com/grantkit/grantkit-go/voltmx/voltmxtest"
)

// Hand paging: ListPage, then NextPage until ErrNoMorePages, the same
// groups as List, and a saved NextPageToken resumes where it pointed.
func TestPagesByHand(t *testing.T) {
	srv, c := newFake(t)
	seedGroups(srv, 12)
	ctx := t.Context()
	opts := &voltmx.ListOptions{PageSize: 5}

	var ids []int64
	var tokens []string
	page, err := c.Groups.ListPage(ctx, 0, opts)
	for ; err == nil; page, err = page.NextPage(ctx) {
		assert.Equal(t, 12, page.Total)
		for _, g := range page.Groups {
			ids = append(ids, g.ID)
		}
		tokens = append(tokens, page.NextPageToken)
	}
	require.ErrorIs(t, err, voltmx.ErrNoMorePages)
	assert.Nil(t, page)
	assert.Len(t, ids, 12)
	assert.Equal(t, []string{"5", "10", ""}, tokens)

	resumed, err := c.Groups.ListPage(ctx, 0, &voltmx.ListOptions{PageSize: 5, PageToken: tokens[0]})
	require.NoError(t, err)
	assert.Equal(t, ids[5:10], groupIDs(resumed.Groups))
	assert.Equal(t, 10, resumed.Next)

	var rest []int64
	for g, err := range c.Groups.List(ctx, &voltmx.ListOptions{PageSize: 4, PageToken: tokens[1]}) {
		require.NoError(t, err)
		rest = append(rest, g.ID)
	}
	assert.Equal(t, ids[10:], rest, "List resumes at a token too")
}

func TestUserAndPermissionPagesByHand(t *testing.T) {
	srv, c := newFake(t)
	for i := range 4 {
		srv.AddUser(voltmxtest.User{UserName: fmt.Sprintf("user%d", i), Email: fmt.Sprintf("u%d@example.com", i)})
	}
	ctx := t.Context()
	users, err := c.Users.ListPage(ctx, 0, &voltmx.ListOptions{PageSize: 3})
	require.NoError(t, err)
	assert.Len(t, users.Users, 3)
	users, err = users.NextPage(ctx)
	require.NoError(t, err)
	assert.Len(t, users.Users, 2)
	assert.Empty(t, users.NextPageToken)
	_, err = users.NextPage(ctx)
	assert.ErrorIs(t, err, voltmx.ErrNoMorePages)

	n := 0
	perms, err := c.Permissions.ListPage(ctx, 0, &voltmx.ListOptions{PageSize: 7})
	for ; err == nil; perms, err = perms.NextPage(ctx) {
		n += len(perms.Permissions)
	}
	require.ErrorIs(t, err, voltmx.ErrNoMorePages)
	assert.Equal(t, 18, n)
}

// A catalogue longer than one page: Resolve finds names on every page.
func TestResolveSeesEveryPage(t *testing.T) {
	srv, c := newFake(t)
	for i := range 60 {
		srv.AddPermission(fmt.Sprintf("CUSTOM_%02d", i))
	}
	last := srv.PermissionID("CUSTOM_59")
	require.Greater(t, last, int64(voltmx.DefaultPageSize))
	ids, err := c.Permissions.Resolve(t.Context(), "CUSTOM_59", "DASHBOARD_ALL")
	require.NoError(t, err)
	assert.Equal(t, []int64{last, 1}, ids)
	assert.Equal(t, 2, srv.RequestCount(), "two pages of 50")

	perms, err := c.Permissions.List(t.Context())
	require.NoError(t, err)
	assert.Len(t, perms, 78)

	ids, err = voltmx.ResolvePermissions(perms, "custom_00", "ROLE_ADHOC_PUSH")
	require.NoError(t, err)
	assert.Equal(t, []int64{srv.PermissionID("CUSTOM_00"), srv.PermissionID("ADHOC_PUSH")}, ids)
	_, err = voltmx.ResolvePermissions(perms, "FLY")
	assert.ErrorIs(t, err, voltmx.ErrUnknownPermission)
	_, err = voltmx.ResolvePermissions(perms)
	assert.ErrorIs(t, err, voltmx.ErrInvalidParams)
}

func TestPageMisuse(t *testing.T) {
	srv, c := newFake(t)
	ctx := t.Context()
	var nilPage *voltmx.GroupPage
	_, err := nilPage.NextPage(ctx)
	assert.ErrorIs(t, err, voltmx.ErrInvalidParams)
	_, err = (&voltmx.UserPage{NextPageToken: "5"}).NextPage(ctx)
	assert.ErrorIs(t, err, voltmx.ErrInvalidParams, "a page the package did not return cannot fetch")
	assert.ErrorContains(t, err, "ListOptions.PageToken")
	_, err = (&voltmx.PermissionPage{}).NextPage(ctx)
	assert.ErrorIs(t, err, voltmx.ErrNoMorePages)

	for _, tc := range []struct {
		start int
		token string
		field string
	}{
		{0, "five", "PageToken"},
		{0, "-5", "PageToken"},
		{5, "10", "start"},
	} {
		_, err := c.Groups.ListPage(ctx, tc.start, &voltmx.ListOptions{PageToken: tc.token})
		require.ErrorIs(t, err, voltmx.ErrInvalidParams)
		assert.ErrorContains(t, err, tc.field)
		for _, err := range c.Users.List(ctx, &voltmx.ListOptions{PageToken: "x"}) {
			assert.ErrorIs(t, err, voltmx.ErrInvalidParams)
		}
	}
	assert.Zero(t, srv.RequestCount())
}

func groupIDs(gs []*voltmx.Group) []int64 {
	out := make([]int64, len(gs))
	for i, g := range gs {
		out[i] = g.ID
	}
	return out
}
