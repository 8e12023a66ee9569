package reach360_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/internal/paging"
	"github.com/grantkit/grantkit-go/reach360"
)

// walkPages follows a page-at-a-time list to its end with Next and returns
// how many pages it took and every page's token.
func walkPages[P any](t *testing.T, first *P, err error, next func(*P) (*P, error), items func(*P) int, token func(*P) string) (int, []string) {
	t.Helper()
	pages, n := 0, 0
	var tokens []string
	page := first
	for ; err == nil; page, err = next(page) {
		pages++
		n += items(page)
		tokens = append(tokens, token(page))
	}
	require.ErrorIs(t, err, reach360.ErrNoMorePages)
	assert.Nil(t, page)
	assert.Empty(t, tokens[len(tokens)-1], "the last page has no token")
	return pages, tokens
}

// Every list has a page-at-a-time twin whose pages walk the same items as
// the iterator, two to a page.
func TestEveryListHasAPageTwin(t *testing.T) {
	srv, c := newFake(t)
	ctx := t.Context()
	sales := srv.AddGroup("Sales")
	for i := range 3 {
		srv.AddGroup(fmt.Sprint("g", i))
	}
	var reporter, manager reach360.User
	for i := range 3 {
		u := srv.AddUser(reach360.User{Email: fmt.Sprintf("u%d@example.com", i)})
		srv.AddMember(sales.ID, u.ID)
		reporter = srv.AddUser(reach360.User{Email: fmt.Sprintf("r%d@example.com", i), Role: reach360.RoleReporter})
		srv.AddReporter(sales.ID, reporter.ID)
		manager = srv.AddUser(reach360.User{Email: fmt.Sprintf("m%d@example.com", i), Role: reach360.RoleManager})
		srv.AddManager(sales.ID, manager.ID)
		srv.AddInvitation(reach360.InvitationParams{Email: fmt.Sprintf("i%d@example.com", i)})
	}
	srv.AddReporter(reach360.EveryoneGroupID, reporter.ID)
	for _, g := range srv.Groups()[1:] {
		srv.AddMember(g.ID, reporter.ID)
		if g.ID != sales.ID {
			srv.AddManager(g.ID, manager.ID)
		}
	}
	two := &reach360.ListOptions{Limit: 2}
	users := func(p *reach360.UserPage) int { return len(p.Users) }
	userToken := func(p *reach360.UserPage) string { return p.NextPageToken }
	nextUsers := func(p *reach360.UserPage) (*reach360.UserPage, error) { return p.NextPage(ctx) }
	groups := func(p *reach360.GroupPage) int { return len(p.Groups) }
	groupToken := func(p *reach360.GroupPage) string {
		assert.Equal(t, p.NextPageToken, p.NextURL, "NextURL is NextPageToken")
		return p.NextPageToken
	}
	nextGroups := func(p *reach360.GroupPage) (*reach360.GroupPage, error) { return p.NextPage(ctx) }

	cases := []struct {
		name         string
		pages, items int
		walk         func() (int, int)
	}{
		{"Groups.ListPage", 3, 5, func() (int, int) {
			p, err := c.Groups.ListPage(ctx, &reach360.ListGroupsOptions{Limit: 2})
			n, _ := walkPages(t, p, err, nextGroups, groups, groupToken)
			return n, len(collect(t, c.Groups.List(ctx, &reach360.ListGroupsOptions{Limit: 2})))
		}},
		{"Groups.MembersPage", 2, 4, func() (int, int) {
			p, err := c.Groups.MembersPage(ctx, sales.ID, two)
			n, _ := walkPages(t, p, err, nextUsers, users, userToken)
			return n, len(collect(t, c.Groups.Members(ctx, sales.ID, two)))
		}},
		{"Groups.ReportersPage", 2, 3, func() (int, int) {
			p, err := c.Groups.ReportersPage(ctx, sales.ID, two)
			n, _ := walkPages(t, p, err, nextUsers, users, userToken)
			return n, len(collect(t, c.Groups.Reporters(ctx, sales.ID, two)))
		}},
		{"Groups.ManagersPage", 2, 3, func() (int, int) {
			p, err := c.Groups.ManagersPage(ctx, sales.ID, two)
			n, _ := walkPages(t, p, err, nextUsers, users, userToken)
			return n, len(collect(t, c.Groups.Managers(ctx, sales.ID, two)))
		}},
		{"Users.ListPage", 5, 9, func() (int, int) {
			p, err := c.Users.ListPage(ctx, &reach360.ListUsersOptions{Limit: 2})
			n, _ := walkPages(t, p, err, nextUsers, users, userToken)
			return n, len(collect(t, c.Users.List(ctx, &reach360.ListUsersOptions{Limit: 2})))
		}},
		{"Users.GroupsPage", 3, 5, func() (int, int) {
			p, err := c.Users.GroupsPage(ctx, reporter.ID, two)
			n, _ := walkPages(t, p, err, nextGroups, groups, groupToken)
			return n, len(collect(t, c.Users.Groups(ctx, reporter.ID, two)))
		}},
		{"Users.ReportingGroupsPage", 1, 2, func() (int, int) {
			p, err := c.Users.ReportingGroupsPage(ctx, reporter.ID, two)
			n, _ := walkPages(t, p, err, nextGroups, groups, groupToken)
			return n, len(collect(t, c.Users.ReportingGroups(ctx, reporter.ID, two)))
		}},
		{"Users.ManagingGroupsPage", 2, 4, func() (int, int) {
			p, err := c.Users.ManagingGroupsPage(ctx, manager.ID, two)
			n, _ := walkPages(t, p, err, nextGroups, groups, groupToken)
			return n, len(collect(t, c.Users.ManagingGroups(ctx, manager.ID, two)))
		}},
		{"Invitations.ListPage", 2, 3, func() (int, int) {
			p, err := c.Invitations.ListPage(ctx, two)
			n, _ := walkPages(t, p, err, func(p *reach360.InvitationPage) (*reach360.InvitationPage, error) { return p.NextPage(ctx) },
				func(p *reach360.InvitationPage) int { return len(p.Invitations) },
				func(p *reach360.InvitationPage) string { return p.NextPageToken })
			return n, len(collect(t, c.Invitations.List(ctx, two)))
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			pages, items := tc.walk()
			assert.Equal(t, tc.pages, pages)
			assert.Equal(t, tc.items, items)
		})
	}
}

// A saved NextPageToken resumes the list later, in the iterator and the
// page twin alike, without re-sending the limit.
func TestPageTokenResumes(t *testing.T) {
	srv, c := newFake(t)
	ctx := t.Context()
	for i := range 4 {
		srv.AddGroup(fmt.Sprint("g", i))
	}
	first, err := c.Groups.ListPage(ctx, &reach360.ListGroupsOptions{Limit: 2})
	require.NoError(t, err)
	require.NotEmpty(t, first.NextPageToken)
	token := first.NextPageToken

	srv.ResetRequests()
	page, err := c.Groups.ListPage(ctx, &reach360.ListGroupsOptions{Limit: 2, PageToken: token})
	require.NoError(t, err)
	assert.Equal(t, []string{"g1", "g2"}, names(deref(page.Groups)))
	assert.Equal(t, "/groups", srv.Requests()[0].Path)
	assert.NotContains(t, srv.Requests()[0].RawQuery, "limit")

	rest := names(collect(t, c.Groups.List(ctx, &reach360.ListGroupsOptions{PageToken: token})))
	assert.Equal(t, []string{"g1", "g2", "g3"}, rest)
}

func deref[T any](ps []*T) []T {
	out := make([]T, len(ps))
	for i, p := range ps {
		out[i] = *p
	}
	return out
}

func TestPageMisuse(t *testing.T) {
	srv, c := newFake(t)
	ctx := t.Context()

	var nilPage *reach360.UserPage
	_, err := nilPage.NextPage(ctx)
	assert.ErrorIs(t, err, reach360.ErrInvalidParams)
	_, err = (&reach360.UserPage{}).NextPage(ctx)
	assert.ErrorIs(t, err, reach360.ErrNoMorePages)
	_, err = (&reach360.GroupPage{NextPageToken: srv.URL + "/groups?cursor=x"}).NextPage(ctx)
	assert.ErrorIs(t, err, reach360.ErrInvalidParams, "a page the package did not return names no list")
	assert.ErrorContains(t, err, "PageToken")

	// A token for another host is refused before anything is sent.
	_, err = c.Users.ListPage(ctx, &reach360.ListUsersOptions{PageToken: "https://evil.example/users?cursor=x"})
	assert.ErrorIs(t, err, reach360.ErrInvalidParams)
	assert.ErrorContains(t, err, "PageToken")
	assert.ErrorIs(t, firstErr(c.Invitations.List(ctx, &reach360.ListOptions{PageToken: "http://api.reach360.com/x"})), reach360.ErrInvalidParams)
	assert.ErrorIs(t, firstErr(c.Groups.Members(ctx, "g", &reach360.ListOptions{PageToken: "%zz"})), reach360.ErrInvalidParams)
	assert.Equal(t, 0, srv.RequestCount())

	// The deprecated NextPage follows any group page.
	u := srv.AddUser(reach360.User{Email: "ada@example.com"})
	for i := range 2 {
		srv.AddMember(srv.AddGroup(fmt.Sprint("g", i)).ID, u.ID)
	}
	page, err := c.Users.GroupsPage(ctx, u.ID, &reach360.ListOptions{Limit: 2})
	require.NoError(t, err)
	page, err = c.Groups.NextPage(ctx, page)
	require.NoError(t, err)
	assert.Equal(t, []string{"g1"}, names(deref(page.Groups)))
	assert.Equal(t, "/users/"+u.ID+"/groups", srv.Requests()[srv.RequestCount()-1].Path)
}

// A server that links a page to itself would make a loop over Next run
// forever: the page is an error instead.
func TestNextOnASelfLinkingPageFails(t *testing.T) {
	m := newMock(t)
	self := base + "/users?cursor=same"
	m.mt.RegisterResponder("GET", base+"/users", httpmock.NewStringResponder(200,
		`{"users":[{"id":"u1"}],"nextUrl":"`+self+`"}`))
	page, err := m.c.Users.ListPage(t.Context(), nil)
	require.NoError(t, err)
	page, err = page.NextPage(t.Context())
	require.ErrorIs(t, err, paging.ErrCursorLoop)
	assert.Nil(t, page)
	assert.ErrorIs(t, firstErr(m.c.Users.List(t.Context(), nil)), paging.ErrCursorLoop)
}

// proxied is a client behind https://proxy.example/r360 that records the
// URL and credentials of every request it sends.
type proxied struct {
	c    *reach360.Client
	urls []string
	keys []string
}

func newProxied(t *testing.T, answer func(*http.Request) string) *proxied {
	t.Helper()
	p := &proxied{}
	mt := httpmock.NewMockTransport()
	mt.RegisterNoResponder(func(r *http.Request) (*http.Response, error) {
		p.urls = append(p.urls, r.URL.String())
		p.keys = append(p.keys, r.URL.Host+" "+r.Header.Get("Authorization"))
		resp := httpmock.NewStringResponse(200, answer(r))
		resp.Header.Set("Content-Type", "application/json")
		return resp, nil
	})
	c, err := reach360.NewClient("secret-key-123", reach360.WithBaseURL("https://proxy.example/r360/"),
		reach360.WithHTTPClient(&http.Client{Transport: mt}), fastRetry)
	require.NoError(t, err)
	p.c = c
	return p
}

// Behind a proxy, the API's absolute nextUrl links are followed on the
// proxy with their path and query, a relative link keeps the proxy's path
// prefix, and a link on the proxy itself is followed as sent.
func TestNextURLBehindAProxy(t *testing.T) {
	links := map[string]string{
		"limit=1":          "https://api.reach360.com/groups?cursor=a%2Bb&x=1",
		"cursor=a%2Bb&x=1": "/groups?cursor=rel",
		"cursor=rel":       "https://API.REACH360.EU:443/groups?cursor=eu",
		"cursor=eu":        "groups?cursor=norooted",
		"cursor=norooted":  "https://proxy.example/r360/groups?cursor=verbatim",
	}
	p := newProxied(t, func(r *http.Request) string {
		next := links[r.URL.RawQuery]
		if next == "" {
			return `{"groups":[{"id":"g"}],"nextUrl":null}`
		}
		return `{"groups":[{"id":"g"}],"nextUrl":"` + next + `"}`
	})
	n := len(collect(t, p.c.Groups.List(t.Context(), &reach360.ListGroupsOptions{Limit: 1})))
	assert.Equal(t, 6, n)
	assert.Equal(t, []string{
		"https://proxy.example/r360/groups?limit=1",
		"https://proxy.example/r360/groups?cursor=a%2Bb&x=1",
		"https://proxy.example/r360/groups?cursor=rel",
		"https://proxy.example/r360/groups?cursor=eu",
		"https://proxy.example/r360/groups?cursor=norooted",
		"https://proxy.example/r360/groups?cursor=verbatim",
	}, p.urls)
	for _, k := range p.keys {
		assert.Equal(t, "proxy.example Bearer secret-key-123", k)
	}
}

// Links to any other host, or to the API over plain http, are refused and
// the key is not sent there.
func TestNextURLToAnotherHostIsRefused(t *testing.T) {
	for _, link := range []string{
		"https://evil.example/groups?c=1",
		"http://api.reach360.com/groups?c=1",
		"https://api.reach360.com:8443/groups?c=1",
		"https://api.reach360.com.evil.example/groups?c=1",
		"//evil.example/groups?c=1",
		"https://proxy.example:8443/r360/groups?c=1",
	} {
		t.Run(link, func(t *testing.T) {
			p := newProxied(t, func(*http.Request) string {
				return `{"groups":[{"id":"g"}],"nextUrl":"` + link + `"}`
			})
			var errs []error
			for _, err := range p.c.Groups.List(t.Context(), nil) {
				if err != nil {
					errs = append(errs, err)
				}
			}
			require.Len(t, errs, 1)
			assert.ErrorContains(t, errs[0], "refusing to follow")
			assert.Len(t, p.urls, 1, "nothing was sent for the link")
		})
	}
}

// The call options given to a list reach every page request, and those
// given to Next its page's.
func TestCallOptionsReachEveryPage(t *testing.T) {
	srv, c := newFake(t)
	for i := range 3 {
		srv.AddGroup(fmt.Sprint("g", i))
	}
	ctx := context.Background()
	collect(t, c.Groups.List(ctx, &reach360.ListGroupsOptions{Limit: 2}, reach360.WithHeader("X-Trace", "list")))
	page, err := c.Groups.ListPage(ctx, &reach360.ListGroupsOptions{Limit: 2}, reach360.WithHeader("X-Trace", "first"))
	require.NoError(t, err)
	_, err = page.NextPage(ctx, reach360.WithHeader("X-Trace", "next"))
	require.NoError(t, err)
	var traces []string
	for _, r := range srv.Requests() {
		traces = append(traces, r.Header.Get("X-Trace"))
	}
	assert.Equal(t, []string{"list", "list", "first", "next"}, traces)
}
