package reach360_test

import (
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/reach360"
	"github.com/grantkit/grantkit-go/reach360/reach360test"
)

func names(groups []reach360.Group) []string {
	out := make([]string, len(groups))
	for i, g := range groups {
		out[i] = g.Name
	}
	return out
}

func collect[T any](t *testing.T, seq func(func(*T, error) bool)) []T {
	t.Helper()
	var out []T
	for v, err := range seq {
		require.NoError(t, err)
		out = append(out, *v)
	}
	return out
}

func TestGroupLifecycle(t *testing.T) {
	srv, c := newFake(t)
	ctx := t.Context()

	g, err := c.Groups.Create(ctx, reach360.CreateGroupParams{Name: "Sales"})
	require.NoError(t, err)
	assert.NotEmpty(t, g.ID)
	assert.Equal(t, "Sales", g.Name)
	assert.Equal(t, srv.URL+"/groups/"+g.ID, g.URL)
	assert.Equal(t, srv.URL+"/groups/"+g.ID+"/users", g.MembersURL)
	assert.Equal(t, []string{"Everyone", "Sales"}, names(srv.Groups()))
	assert.Equal(t, 1, srv.AppliedCount("groups.create"))

	got, err := c.Groups.Get(ctx, g.ID)
	require.NoError(t, err)
	assert.Equal(t, g, got)

	require.NoError(t, c.Groups.Update(ctx, g.ID, reach360.UpdateGroupParams{Name: "Sales EMEA"}))
	assert.Equal(t, []string{"Everyone", "Sales EMEA"}, names(srv.Groups()))
	assert.Equal(t, 1, srv.AppliedCount("groups.update"))

	require.NoError(t, c.Groups.Delete(ctx, g.ID))
	assert.Equal(t, []string{"Everyone"}, names(srv.Groups()))
	assert.Equal(t, 1, srv.AppliedCount("groups.delete"))

	_, err = c.Groups.Get(ctx, g.ID)
	assert.ErrorIs(t, err, reach360.ErrGroupNotFound)
	assert.ErrorIs(t, err, reach360.ErrNotFound)
	err = c.Groups.Delete(ctx, g.ID)
	assert.ErrorIs(t, err, reach360.ErrGroupNotFound)
	err = c.Groups.Update(ctx, g.ID, reach360.UpdateGroupParams{Name: "x"})
	assert.ErrorIs(t, err, reach360.ErrGroupNotFound)
}

func TestCreateDuplicateName(t *testing.T) {
	srv, c := newFake(t)
	srv.AddGroup("Sales")
	_, err := c.Groups.Create(t.Context(), reach360.CreateGroupParams{Name: "Sales"})
	require.ErrorIs(t, err, reach360.ErrDuplicateName)
	var e *reach360.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 409, e.StatusCode)
	assert.Equal(t, "duplicate_name", e.Code)
	assert.Equal(t, 0, srv.AppliedCount("groups.create"))

	// Renaming onto a taken name is refused the same way.
	other := srv.AddGroup("Support")
	err = c.Groups.Update(t.Context(), other.ID, reach360.UpdateGroupParams{Name: "Sales"})
	assert.ErrorIs(t, err, reach360.ErrDuplicateName)
}

func TestEveryoneIsReadOnly(t *testing.T) {
	srv, c := newFake(t)
	ctx := t.Context()
	u := srv.AddUser(reach360.User{Email: "ann@example.com"})

	err := c.Groups.Update(ctx, reach360test.EveryoneID, reach360.UpdateGroupParams{Name: "All"})
	assert.ErrorIs(t, err, reach360.ErrReadOnlyGroup)
	assert.NotErrorIs(t, err, reach360.ErrNotFound)
	err = c.Groups.Delete(ctx, reach360test.EveryoneID)
	assert.ErrorIs(t, err, reach360.ErrReadOnlyGroup)
	err = c.Groups.RemoveMember(ctx, reach360test.EveryoneID, u.ID)
	assert.ErrorIs(t, err, reach360.ErrReadOnlyGroup)
	assert.Equal(t, []string{"Everyone"}, names(srv.Groups()))
	assert.Empty(t, srv.AppliedCounts())

	g, err := c.Groups.Get(ctx, reach360test.EveryoneID)
	require.NoError(t, err)
	assert.Equal(t, reach360test.EveryoneName, g.Name)
}

func TestListPagesThroughEveryGroup(t *testing.T) {
	srv, c := newFake(t)
	want := []string{"Everyone"}
	for i := range 250 {
		want = append(want, srv.AddGroup(fmt.Sprintf("group %03d", i)).Name)
	}
	for _, prefetch := range []bool{false, true} {
		t.Run(fmt.Sprintf("prefetch=%v", prefetch), func(t *testing.T) {
			c := newClientFor(t, srv, reach360.WithPrefetch(prefetch))
			srv.ResetRequests()
			got := names(collect(t, c.Groups.List(t.Context(), &reach360.ListGroupsOptions{Limit: 100})))
			assert.Equal(t, want, got)
			reqs := srv.Requests()
			require.Len(t, reqs, 3)
			assert.Equal(t, "limit=100", reqs[0].RawQuery)
			for _, r := range reqs[1:] {
				assert.Equal(t, "GET", r.Method)
				assert.Equal(t, "/groups", r.Path)
				assert.NotContains(t, r.RawQuery, "limit=")
			}
		})
	}
	// The default page size is 50.
	srv.ResetRequests()
	assert.Len(t, collect(t, c.Groups.List(t.Context(), nil)), 251)
	assert.Equal(t, 6, srv.RequestCount())
}

func TestListStopsRequestingWhenTheLoopBreaks(t *testing.T) {
	srv, c := newFake(t)
	for i := range 30 {
		srv.AddGroup(fmt.Sprintf("g%d", i))
	}
	srv.ResetRequests()
	seen := 0
	for _, err := range c.Groups.List(t.Context(), &reach360.ListGroupsOptions{Limit: 10}) {
		require.NoError(t, err)
		if seen++; seen == 15 {
			break
		}
	}
	assert.Equal(t, 2, srv.RequestCount())

	// Nothing is sent before the loop starts.
	srv.ResetRequests()
	seq := c.Groups.List(t.Context(), nil)
	assert.Equal(t, 0, srv.RequestCount())
	for range seq {
		break
	}
	assert.Equal(t, 1, srv.RequestCount())
}

func TestPrefetchFetchesAtMostOnePageAhead(t *testing.T) {
	srv := reach360test.NewServer(t)
	for i := range 50 {
		srv.AddGroup(fmt.Sprintf("g%d", i))
	}
	c := newClientFor(t, srv, reach360.WithPrefetch(true))
	for _, err := range c.Groups.List(t.Context(), &reach360.ListGroupsOptions{Limit: 10}) {
		require.NoError(t, err)
		break
	}
	// The first page, and at most the one fetched ahead; the iterator has
	// waited for it, so nothing more arrives later.
	n := srv.RequestCount()
	assert.LessOrEqual(t, n, 2)
	assert.GreaterOrEqual(t, n, 1)
	time.Sleep(10 * time.Millisecond)
	assert.Equal(t, n, srv.RequestCount())
}

func TestListPageAndNextPage(t *testing.T) {
	srv, c := newFake(t)
	for i := range 4 {
		srv.AddGroup(fmt.Sprintf("g%d", i))
	}
	ctx := t.Context()
	var got []string
	pages := 0
	page, err := c.Groups.ListPage(ctx, &reach360.ListGroupsOptions{Limit: 2})
	for ; err == nil; page, err = page.NextPage(ctx) {
		pages++
		for _, g := range page.Groups {
			got = append(got, g.Name)
		}
		if pages < 3 {
			assert.NotEmpty(t, page.NextPageToken)
			assert.Regexp(t, "^"+srv.URL+"/groups\\?", page.NextPageToken)
		} else {
			assert.Empty(t, page.NextPageToken)
		}
	}
	require.ErrorIs(t, err, reach360.ErrNoMorePages)
	assert.Nil(t, page)
	assert.Equal(t, []string{"Everyone", "g0", "g1", "g2", "g3"}, got)
	assert.Equal(t, 3, pages)
	assert.Equal(t, 3, srv.RequestCount())

	_, err = c.Groups.NextPage(ctx, nil)
	assert.ErrorIs(t, err, reach360.ErrInvalidParams)
	_, err = c.Groups.NextPage(ctx, &reach360.GroupPage{})
	assert.ErrorIs(t, err, reach360.ErrNoMorePages)
	assert.Equal(t, 3, srv.RequestCount())
}

func TestListByName(t *testing.T) {
	srv, c := newFake(t)
	srv.AddGroup("Sales")
	want := srv.AddGroup("Support")
	got := collect(t, c.Groups.List(t.Context(), &reach360.ListGroupsOptions{Name: "Support"}))
	assert.Equal(t, []reach360.Group{want}, got)
	assert.Empty(t, collect(t, c.Groups.List(t.Context(), &reach360.ListGroupsOptions{Name: "support"})))
}

func TestMemberships(t *testing.T) {
	srv, c := newFake(t)
	ctx := t.Context()
	ann := srv.AddUser(reach360.User{Email: "ann@example.com", FirstName: "Ann"})
	bob := srv.AddUser(reach360.User{Email: "bob@example.com", FirstName: "Bob", Role: reach360.RoleAdmin})
	sales := srv.AddGroup("Sales")

	require.NoError(t, c.Groups.AddMember(ctx, sales.ID, bob.ID))
	require.NoError(t, c.Groups.AddMember(ctx, sales.ID, ann.ID))
	require.NoError(t, c.Groups.AddMember(ctx, sales.ID, ann.ID)) // again: no change
	assert.Equal(t, 2, srv.AppliedCount(reach360test.OpGroupsAddMember))
	assert.Equal(t, []string{ann.ID, bob.ID}, srv.MemberIDs(sales.ID))

	members := collect(t, c.Groups.Members(ctx, sales.ID, &reach360.ListOptions{Limit: 1}))
	assert.Equal(t, []reach360.User{ann, bob}, members)

	everyone := collect(t, c.Groups.Members(ctx, reach360test.EveryoneID, nil))
	assert.Equal(t, []reach360.User{ann, bob}, everyone)

	groups := names(collect(t, c.Users.Groups(ctx, ann.ID, nil)))
	assert.Equal(t, []string{"Everyone", "Sales"}, groups)

	require.NoError(t, c.Groups.RemoveMember(ctx, sales.ID, ann.ID))
	assert.Equal(t, []string{bob.ID}, srv.MemberIDs(sales.ID))
	assert.Equal(t, 1, srv.AppliedCount(reach360test.OpGroupsRemoveMember))
	groups = names(collect(t, c.Users.Groups(ctx, ann.ID, &reach360.ListOptions{Limit: 1})))
	assert.Equal(t, []string{"Everyone"}, groups)

	err := c.Groups.AddMember(ctx, "missing", ann.ID)
	assert.ErrorIs(t, err, reach360.ErrGroupNotFound)
	err = c.Groups.AddMember(ctx, sales.ID, "missing")
	assert.ErrorIs(t, err, reach360.ErrNotFound)
	assert.NotErrorIs(t, err, reach360.ErrGroupNotFound)

	for _, err := range c.Groups.Members(ctx, "missing", nil) {
		assert.ErrorIs(t, err, reach360.ErrGroupNotFound)
	}
}

func TestUsers(t *testing.T) {
	srv, c := newFake(t)
	ctx := t.Context()
	active := time.Date(2021, 10, 28, 20, 39, 52, 659e6, time.UTC)
	ann := srv.AddUser(reach360.User{Email: "ann@example.com", FirstName: "Ann", LastName: "A", LastActiveAt: active})
	bob := srv.AddUser(reach360.User{Email: "bob@example.com", Role: reach360.RoleAuthor, Articulate360User: true})
	sales := srv.AddGroup("Sales")
	srv.AddMember(sales.ID, ann.ID)

	all := collect(t, c.Users.List(ctx, &reach360.ListUsersOptions{Limit: 1}))
	assert.Equal(t, []reach360.User{ann, bob}, all)
	assert.True(t, all[0].LastActiveAt.Equal(active))
	assert.Equal(t, reach360.RoleLearner, all[0].Role)
	assert.True(t, all[1].Articulate360User)
	assert.Equal(t, srv.URL+"/users/"+ann.ID+"/groups", all[0].GroupsURL)

	byEmail := collect(t, c.Users.List(ctx, &reach360.ListUsersOptions{Email: "bob@example.com"}))
	assert.Equal(t, []reach360.User{bob}, byEmail)

	got, err := c.Users.Get(ctx, ann.ID)
	require.NoError(t, err)
	assert.Equal(t, ann, *got)

	require.NoError(t, c.Users.Delete(ctx, ann.ID))
	assert.Equal(t, 1, srv.AppliedCount("users.delete"))
	assert.Empty(t, srv.MemberIDs(sales.ID))
	_, err = c.Users.Get(ctx, ann.ID)
	assert.ErrorIs(t, err, reach360.ErrNotFound)
	assert.ErrorIs(t, c.Users.Delete(ctx, ann.ID), reach360.ErrNotFound)
	for _, err := range c.Users.Groups(ctx, ann.ID, nil) {
		assert.ErrorIs(t, err, reach360.ErrNotFound)
	}
}

func TestWrongKeyIsUnauthorized(t *testing.T) {
	srv := reach360test.NewServer(t)
	c, err := reach360.NewClient("not-the-key", reach360.WithBaseURL(srv.URL), reach360.WithHTTPClient(srv.Client()))
	require.NoError(t, err)
	_, err = c.Groups.Get(t.Context(), reach360test.EveryoneID)
	assert.ErrorIs(t, err, reach360.ErrUnauthorized)
	var e *reach360.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 401, e.StatusCode)
	assert.Equal(t, 1, srv.RequestCount(), "a 401 is not retried")
}

func TestUnknownAPIVersion(t *testing.T) {
	srv := reach360test.NewServer(t)
	c := newClientFor(t, srv, reach360.WithAPIVersion("2099-01-01"))
	_, err := c.Groups.Create(t.Context(), reach360.CreateGroupParams{Name: "x"})
	assert.ErrorIs(t, err, reach360.ErrInvalidAPIVersion)
	assert.Equal(t, "2099-01-01", srv.Requests()[0].Header.Get("API-Version"))
	assert.Equal(t, 0, srv.AppliedCount("groups.create"))
}

func TestConcurrentCreates(t *testing.T) {
	srv, c := newFake(t)
	const n = 50
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Go(func() {
			_, err := c.Groups.Create(t.Context(), reach360.CreateGroupParams{Name: fmt.Sprintf("g%d", i%25)})
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	dups := 0
	for err := range errs {
		if errors.Is(err, reach360.ErrDuplicateName) {
			dups++
		} else {
			require.NoError(t, err)
		}
	}
	assert.Equal(t, 25, dups)
	assert.Len(t, srv.Groups(), 26)
	assert.Equal(t, 25, srv.AppliedCount("groups.create"))
}
