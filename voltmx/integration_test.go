package voltmx_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/internal/fakekit"
	"github.com/grantkit/grantkit-go/internal/validate"
	"github.com/grantkit/grantkit-go/voltmx"
	"github.com/grantkit/grantkit-go/voltmx/voltmxtest"
)

func TestGroupLifecycle(t *testing.T) {
	for _, mode := range []string{"basic", "claims", "oauth"} {
		t.Run(mode, func(t *testing.T) {
			srv := voltmxtest.NewServer(t)
			auth := map[string]voltmx.Auth{"basic": srv.BasicAuth(), "claims": srv.ClaimsLogin(), "oauth": srv.OAuthPair()}[mode]
			c := newClientFor(t, srv, auth, voltmx.WithServerLocation(voltmxtest.ServerZone))
			ctx := t.Context()
			member := srv.AddUser(voltmxtest.User{UserName: "ops", Email: "ops@example.com", Active: true})

			p := validGroup("Engagement Services Dev")
			p.GroupDescription = "dev group"
			p.Active = ptr(true)
			p.UserIDs = []int64{member.ID}
			before := time.Now().Add(-time.Second)
			id, err := c.Groups.Create(ctx, p)
			require.NoError(t, err)
			assert.Equal(t, 1, srv.AppliedCount("groups.create"))

			g, err := c.Groups.Get(ctx, id)
			require.NoError(t, err)
			assert.Equal(t, id, g.ID)
			assert.Equal(t, "Engagement Services Dev", g.GroupName)
			assert.Equal(t, "group@example.com", g.Email)
			assert.Equal(t, "dev group", g.GroupDescription)
			assert.True(t, g.Active)
			assert.True(t, g.AllowAllApps)
			assert.Equal(t, []int64{member.ID}, g.UserIDs)
			assert.Equal(t, []int64{1, 15}, g.PermissionIDs)
			assert.Equal(t, []string{"SampleAppforDemo"}, g.AppIDs)
			assert.Equal(t, voltmxtest.Username, g.CreatedBy)
			assert.True(t, strings.HasSuffix(g.CreatedDate.Raw, " IST"), g.CreatedDate.Raw)
			assert.WithinRange(t, g.CreatedDate.Time, before, time.Now().Add(time.Second))
			assert.Empty(t, g.LastModifiedBy)
			assert.True(t, g.LastModifiedDate.Time.IsZero())

			u, err := c.Users.Get(ctx, member.ID)
			require.NoError(t, err)
			assert.Equal(t, []int64{id}, u.GroupIDs)

			err = c.Groups.Delete(ctx, id)
			require.ErrorIs(t, err, voltmx.ErrActiveGroupDelete)
			assert.Zero(t, srv.AppliedCount("groups.delete"))

			up := g.UpdateParams()
			up.Active = ptr(false)
			up.GroupDescription = "retired"
			require.NoError(t, c.Groups.Update(ctx, id, up))
			g, err = c.Groups.Get(ctx, id)
			require.NoError(t, err)
			assert.False(t, g.Active)
			assert.Equal(t, "retired", g.GroupDescription)
			assert.Equal(t, voltmxtest.Username, g.LastModifiedBy)
			assert.False(t, g.LastModifiedDate.Time.IsZero())

			require.NoError(t, c.Groups.Delete(ctx, id))
			assert.Equal(t, 1, srv.AppliedCount("groups.delete"))
			_, err = c.Groups.Get(ctx, id)
			assert.ErrorIs(t, err, voltmx.ErrGroupNotFound)
			err = c.Groups.Delete(ctx, id)
			assert.ErrorIs(t, err, voltmx.ErrGroupNotFound, "a first attempt that finds nothing is an error")
			err = c.Groups.Update(ctx, id, up)
			assert.ErrorIs(t, err, voltmx.ErrGroupNotFound)
		})
	}
}

func TestCreateAfterSeeding(t *testing.T) {
	srv, c := newFake(t)
	srv.AddGroup(voltmxtest.Group{Name: "one", Email: "e@x", PermissionIDs: []int64{1}})
	srv.AddGroup(voltmxtest.Group{Name: "two", Email: "e@x", PermissionIDs: []int64{1}})
	id, err := c.Groups.Create(t.Context(), validGroup("three"))
	require.NoError(t, err)
	assert.Equal(t, int64(3), id, "the fake answers the id as the string \"3\"")
	g, ok := srv.Group(3)
	require.True(t, ok)
	assert.Equal(t, "three", g.Name)
}

func TestAdhocPushRule(t *testing.T) {
	srv, c := newFake(t)
	ctx := t.Context()
	p := validGroup("no push")
	p.PermissionIDs = []int64{1, 2}
	_, err := c.Groups.Create(ctx, p)
	require.ErrorIs(t, err, voltmx.ErrAdhocPushRequired)
	var e *voltmx.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, http.StatusBadRequest, e.StatusCode)

	p.AppIDs, p.AllowAllApps = []string{}, true
	_, err = c.Groups.Create(ctx, p)
	require.ErrorIs(t, err, voltmx.ErrAdhocPushRequired, "AllowAllApps alone needs ADHOC_PUSH too")
	assert.Zero(t, srv.AppliedCount("groups.create"))

	p.AllowAllApps = false
	_, err = c.Groups.Create(ctx, p)
	require.NoError(t, err, "no app permissions, no ADHOC_PUSH needed")
}

func TestServerSidePayloadErrors(t *testing.T) {
	_, c := newFake(t)
	ctx := t.Context()
	p := validGroup("bad perms")
	p.PermissionIDs = []int64{1, 99}
	_, err := c.Groups.Create(ctx, p)
	require.ErrorIs(t, err, voltmx.ErrInvalidPayload)
	assert.Contains(t, err.Error(), "selectedPermissionIds")

	_, err = c.Groups.Create(ctx, validGroup("dup"))
	require.NoError(t, err)
	_, err = c.Groups.Create(ctx, validGroup("DUP"))
	var e *voltmx.Error
	require.ErrorAs(t, err, &e, "names are unique")
	assert.Equal(t, http.StatusBadRequest, e.StatusCode)
}

func TestPermissionsAgainstFake(t *testing.T) {
	srv, c := newFake(t)
	perms, err := c.Permissions.List(t.Context())
	require.NoError(t, err)
	require.Len(t, perms, 18)
	for i, p := range perms {
		assert.Equal(t, int64(i+1), p.ID)
	}
	assert.Contains(t, perms, voltmx.Permission{ID: srv.PermissionID("ADHOC_PUSH"), Name: voltmx.PermissionAdhocPush})

	ids, err := c.Permissions.Resolve(t.Context(), "campaigns_all", "ROLE_ADHOC_PUSH", "DASHBOARD_ALL")
	require.NoError(t, err)
	assert.Equal(t, []int64{srv.PermissionID("CAMPAIGNS_ALL"), srv.PermissionID("ADHOC_PUSH"), 1}, ids)

	_, err = c.Permissions.Resolve(t.Context(), "DASHBOARD_ALL", "FLY", "SWIM")
	require.ErrorIs(t, err, voltmx.ErrUnknownPermission)
	assert.Contains(t, err.Error(), `"FLY", "SWIM"`)
}

func TestUsersAgainstFake(t *testing.T) {
	srv, c := newFake(t)
	for i := range 6 {
		srv.AddUser(voltmxtest.User{UserName: fmt.Sprintf("user%d", i), DisplayName: "U", Email: "u@example.com",
			MobileNo: "+91", Active: i%2 == 0, PermissionIDs: []int64{2}})
	}
	var names []string
	for u, err := range c.Users.List(t.Context(), &voltmx.ListOptions{PageSize: 4}) {
		require.NoError(t, err)
		names = append(names, u.UserName)
	}
	assert.Equal(t, []string{"admin", "user0", "user1", "user2", "user3", "user4", "user5"}, names)

	u, err := c.Users.Get(t.Context(), 3)
	require.NoError(t, err)
	assert.Equal(t, "user1", u.UserName)
	assert.False(t, u.Active)
	assert.Equal(t, []int64{2}, u.PermissionIDs)
	assert.Equal(t, "+91", u.MobileNo)
	assert.NotEmpty(t, u.CreatedDate.Raw)

	_, err = c.Users.Get(t.Context(), 404)
	assert.ErrorIs(t, err, voltmx.ErrUserNotFound)

	page, err := c.Users.ListPage(t.Context(), 4, &voltmx.ListOptions{PageSize: 4})
	require.NoError(t, err)
	assert.Equal(t, 7, page.Total)
	assert.Len(t, page.Users, 3)
	assert.Zero(t, page.Next)
}

func seedGroups(srv *voltmxtest.Server, n int) {
	for i := range n {
		srv.AddGroup(voltmxtest.Group{Name: fmt.Sprintf("group %02d", i), Email: "g@example.com", PermissionIDs: []int64{1}})
	}
}

func TestGroupsListPages(t *testing.T) {
	srv, c := newFake(t)
	seedGroups(srv, 23)
	var ids []int64
	for g, err := range c.Groups.List(t.Context(), &voltmx.ListOptions{PageSize: 5}) {
		require.NoError(t, err)
		ids = append(ids, g.ID)
	}
	require.Len(t, ids, 23)
	for i, id := range ids {
		assert.Equal(t, int64(i+1), id)
	}
	var starts []string
	for _, r := range srv.Requests() {
		starts = append(starts, r.RawQuery)
	}
	assert.Equal(t, []string{"pageSize=5&start=0", "pageSize=5&start=5", "pageSize=5&start=10", "pageSize=5&start=15", "pageSize=5&start=20"}, starts)

	page, err := c.Groups.ListPage(t.Context(), 10, &voltmx.ListOptions{PageSize: 10})
	require.NoError(t, err)
	assert.Equal(t, 23, page.Total)
	assert.Len(t, page.Groups, 10)
	assert.Equal(t, 20, page.Next)
	page, err = c.Groups.ListPage(t.Context(), page.Next, &voltmx.ListOptions{PageSize: 10})
	require.NoError(t, err)
	assert.Len(t, page.Groups, 3)
	assert.Zero(t, page.Next)
}

func TestGroupsListStopsEarly(t *testing.T) {
	srv, c := newFake(t)
	seedGroups(srv, 30)
	n := 0
	for _, err := range c.Groups.List(t.Context(), &voltmx.ListOptions{PageSize: 5}) {
		require.NoError(t, err)
		if n++; n == 7 {
			break
		}
	}
	assert.Equal(t, 2, srv.RequestCount(), "pages are fetched only as needed")
}

func TestGroupsListEmpty(t *testing.T) {
	srv, c := newFake(t)
	for range c.Groups.List(t.Context(), nil) {
		t.Fatal("no groups expected")
	}
	assert.Equal(t, 1, srv.RequestCount())
}

func TestInvalidParamsSendNothing(t *testing.T) {
	srv, c := newFake(t)
	ctx := t.Context()
	cases := []struct {
		name   string
		call   func() error
		fields []string
	}{
		{"create nil", func() error { _, err := c.Groups.Create(ctx, nil); return err }, []string{"params"}},
		{"create empty", func() error { _, err := c.Groups.Create(ctx, &voltmx.CreateGroupParams{GroupName: "  "}); return err },
			[]string{"GroupName", "Email", "PermissionIDs"}},
		{"create bad ids", func() error {
			p := validGroup("g")
			p.PermissionIDs, p.UserIDs = []int64{1, 0}, []int64{-3}
			_, err := c.Groups.Create(ctx, p)
			return err
		}, []string{"PermissionIDs[1]", "UserIDs[0]"}},
		{"get zero", func() error { _, err := c.Groups.Get(ctx, 0); return err }, []string{"id"}},
		{"update", func() error { return c.Groups.Update(ctx, -1, nil) }, []string{"id", "params"}},
		{"update empty", func() error { return c.Groups.Update(ctx, 1, &voltmx.UpdateGroupParams{}) },
			[]string{"GroupName", "Email", "PermissionIDs"}},
		{"delete", func() error { return c.Groups.Delete(ctx, 0) }, []string{"id"}},
		{"user get", func() error { _, err := c.Users.Get(ctx, 0); return err }, []string{"id"}},
		{"list page size", func() error {
			for _, err := range c.Groups.List(ctx, &voltmx.ListOptions{PageSize: voltmx.MaxPageSize + 1}) {
				return err
			}
			return nil
		}, []string{"PageSize"}},
		{"users list page size", func() error {
			for _, err := range c.Users.List(ctx, &voltmx.ListOptions{PageSize: -1}) {
				return err
			}
			return nil
		}, []string{"PageSize"}},
		{"list page start", func() error { _, err := c.Groups.ListPage(ctx, -1, nil); return err }, []string{"start"}},
		{"user create nil", func() error { _, err := c.Users.Create(ctx, nil); return err }, []string{"params"}},
		{"user create empty", func() error { _, err := c.Users.Create(ctx, &voltmx.CreateUserParams{}); return err },
			[]string{"UserName", "Email", "Password", "DisplayName", "PermissionIDs"}},
		{"user create bad", func() error {
			_, err := c.Users.Create(ctx, &voltmx.CreateUserParams{UserName: "u", Email: "e", Password: "two words", DisplayName: "d",
				PermissionIDs: []int64{0}, GroupIDs: []int64{-1}, AppIDs: []string{" "}})
			return err
		}, []string{"Password", "PermissionIDs[0]", "GroupIDs[0]", "AppIDs[0]"}},
		{"user update", func() error { return c.Users.Update(ctx, 0, nil) }, []string{"id", "params"}},
		{"user update empty", func() error { return c.Users.Update(ctx, 1, &voltmx.UpdateUserParams{}) },
			[]string{"UserName", "Email", "Password", "DisplayName", "PermissionIDs"}},
		{"user delete", func() error { return c.Users.Delete(ctx, -4) }, []string{"id"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.call()
			require.ErrorIs(t, err, voltmx.ErrInvalidParams)
			var ve *validate.Error
			require.ErrorAs(t, err, &ve)
			var fields []string
			for _, p := range ve.Problems {
				fields = append(fields, p.Field)
			}
			assert.Equal(t, tc.fields, fields)
			for _, f := range tc.fields {
				assert.Contains(t, err.Error(), f)
			}
		})
	}
	assert.Zero(t, srv.RequestCount())
}

func TestCreateRetriedAfter429(t *testing.T) {
	srv, c := newFake(t)
	srv.Inject(fakekit.Fault{Status: http.StatusTooManyRequests, RetryAfter: "1", Body: `{"message":"slow down"}`})
	start := time.Now()
	id, err := c.Groups.Create(t.Context(), validGroup("after 429"))
	require.NoError(t, err)
	assert.Positive(t, id)
	assert.Less(t, time.Since(start), 900*time.Millisecond, "Retry-After is capped by MaxRetryAfter")
	assert.Equal(t, 2, srv.RequestCount())
	assert.Equal(t, 1, srv.AppliedCount("groups.create"))
}

func TestCreateNotRetriedAfter503(t *testing.T) {
	srv, c := newFake(t)
	srv.Inject(fakekit.Fault{Status: http.StatusServiceUnavailable, Apply: true, Body: `{"message":"Server failure to process request"}`})
	_, err := c.Groups.Create(t.Context(), validGroup("once"))
	var e *voltmx.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, http.StatusServiceUnavailable, e.StatusCode)
	assert.Equal(t, 1, e.Attempts)
	assert.Equal(t, 1, srv.RequestCount())
	assert.Equal(t, 1, srv.AppliedCount("groups.create"))
}

func TestCreateNotRetriedAfterCut(t *testing.T) {
	srv, c := newFake(t)
	srv.Inject(fakekit.Fault{Cut: fakekit.CutBeforeResponse, Apply: true})
	_, err := c.Groups.Create(t.Context(), validGroup("once"))
	require.Error(t, err)
	var e *voltmx.Error
	assert.False(t, errors.As(err, &e), "no answer arrived: %v", err)
	assert.Equal(t, 1, srv.RequestCount())
	assert.Equal(t, 1, srv.AppliedCount("groups.create"))
	assert.Len(t, srv.Groups(), 1, "applied once, never twice")
}

func TestReadsRetried(t *testing.T) {
	srv, c := newFake(t)
	srv.Inject(fakekit.Fault{Status: http.StatusBadGateway, Times: 2})
	perms, err := c.Permissions.List(t.Context())
	require.NoError(t, err)
	assert.Len(t, perms, 18)
	assert.Equal(t, 3, srv.RequestCount())

	srv.ResetRequests()
	srv.Inject(fakekit.Fault{Cut: fakekit.CutMidBody, Status: 200, Body: `{"total":18,"permissions":{"1":"DASHBOARD_ALL"}}`})
	perms, err = c.Permissions.List(t.Context())
	require.NoError(t, err)
	assert.Len(t, perms, 18, "the truncated answer was replaced by a full one")
	assert.Equal(t, 2, srv.RequestCount())
}

func TestDeleteRetriedAfterLostAnswer(t *testing.T) {
	srv, c := newFake(t)
	g := srv.AddGroup(voltmxtest.Group{Name: "old", Email: "e@x", PermissionIDs: []int64{1}})
	srv.Inject(fakekit.Fault{Cut: fakekit.CutBeforeResponse, Apply: true})
	require.NoError(t, c.Groups.Delete(t.Context(), g.ID), "the retry finds the group gone: the first attempt deleted it")
	assert.Equal(t, 2, srv.RequestCount())
	assert.Equal(t, 1, srv.AppliedCount("groups.delete"))
	_, ok := srv.Group(g.ID)
	assert.False(t, ok)
}

func TestUpdateRetriedAfter502(t *testing.T) {
	srv, c := newFake(t)
	g := srv.AddGroup(voltmxtest.Group{Name: "old", Email: "e@x", PermissionIDs: []int64{1}, AppIDs: []string{}})
	srv.Inject(fakekit.Fault{Status: http.StatusBadGateway, Apply: true})
	p := &voltmx.UpdateGroupParams{GroupName: "new", Email: "e@x", PermissionIDs: []int64{1, 2}, AppIDs: []string{}}
	require.NoError(t, c.Groups.Update(t.Context(), g.ID, p))
	assert.Equal(t, 2, srv.RequestCount())
	got, _ := srv.Group(g.ID)
	assert.Equal(t, "new", got.Name)
	assert.Equal(t, []int64{1, 2}, got.PermissionIDs)
}

func TestCancelledContext(t *testing.T) {
	srv, c := newFake(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := c.Groups.Get(ctx, 1)
	assert.ErrorIs(t, err, context.Canceled)

	srv.SetLatency(time.Second)
	ctx, cancel = context.WithTimeout(t.Context(), 20*time.Millisecond)
	defer cancel()
	_, err = c.Permissions.List(ctx)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
}

func TestClaimsLoginRetriedOn503(t *testing.T) {
	srv := voltmxtest.NewServer(t)
	c := newClientFor(t, srv, srv.ClaimsLogin())
	srv.Inject(fakekit.Fault{Match: func(r *http.Request) bool { return r.URL.Path == voltmxtest.LoginPath }, Status: http.StatusServiceUnavailable})
	_, err := c.Permissions.List(t.Context())
	require.NoError(t, err)
	assert.Equal(t, 1, srv.AuthCount())
	assert.Equal(t, 3, srv.RequestCount(), "login 503, login, call")
}
