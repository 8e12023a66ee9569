package reach360_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/reach360"
)

const base = "https://api.reach360.com"

// Samples from the vendor's documentation (Groups, Group Memberships and
// Users API articles).
const (
	docGroup = `{
		"id": "example-group-id",
		"membersUrl": "https://api.reach360.com/groups/example-group-id/users",
		"reportersUrl": "https://api.reach360.com/groups/example-group-id/reporters",
		"managersUrl": "https://api.reach360.com/groups/example-group-id/managers",
		"name": "Example Group",
		"url": "https://api.reach360.com/groups/example-group-id"
	}`
	docUser = `{
		"id": "example-user-id-1",
		"email": "foo@example.com",
		"groupsUrl": "https://api.reach360.com/users/example-user-id-1/groups",
		"role": "learner",
		"firstName": "Example First Name 1",
		"lastName": "Example Last Name 1",
		"lastActiveAt": "2021-10-28T20:39:52.659Z",
		"learnerReportUrl": "https://api.reach360.com/reports/learners/example-user-id-1",
		"favoritesUrl": "https://api.reach360.com/users/example-user-id-1/favorites",
		"url": "https://api.reach360.com/users/example-user-id-1",
		"articulate360User": false
	}`
)

var wantDocGroup = reach360.Group{
	ID:           "example-group-id",
	Name:         "Example Group",
	URL:          "https://api.reach360.com/groups/example-group-id",
	MembersURL:   "https://api.reach360.com/groups/example-group-id/users",
	ReportersURL: "https://api.reach360.com/groups/example-group-id/reporters",
	ManagersURL:  "https://api.reach360.com/groups/example-group-id/managers",
}

var wantDocUser = reach360.User{
	ID:               "example-user-id-1",
	Email:            "foo@example.com",
	FirstName:        "Example First Name 1",
	LastName:         "Example Last Name 1",
	Role:             reach360.RoleLearner,
	LastActiveAt:     time.Date(2021, 10, 28, 20, 39, 52, 659e6, time.UTC),
	LastActiveAtRaw:  "2021-10-28T20:39:52.659Z",
	URL:              "https://api.reach360.com/users/example-user-id-1",
	GroupsURL:        "https://api.reach360.com/users/example-user-id-1/groups",
	LearnerReportURL: "https://api.reach360.com/reports/learners/example-user-id-1",
	FavoritesURL:     "https://api.reach360.com/users/example-user-id-1/favorites",
}

// recorded is a request as the mock saw it.
type recorded struct {
	Method, Path, RawPath, RawQuery string
	Header                          http.Header
	Body                            []byte
}

type mockAPI struct {
	mt *httpmock.MockTransport
	c  *reach360.Client

	mu   sync.Mutex
	reqs []recorded
}

// newMock returns a client for the US endpoint whose requests go to
// httpmock; a request nothing was registered for fails the test.
func newMock(t *testing.T, opts ...reach360.Option) *mockAPI {
	t.Helper()
	m := &mockAPI{mt: httpmock.NewMockTransport()}
	m.mt.RegisterNoResponder(httpmock.NewNotFoundResponder(t.Fatal))
	all := append([]reach360.Option{reach360.WithHTTPClient(&http.Client{Transport: m.mt}), fastRetry}, opts...)
	c, err := reach360.NewClient("secret-key-123", all...)
	require.NoError(t, err)
	m.c = c
	return m
}

// on answers method url (any query) with status and body, recording each
// request.
func (m *mockAPI) on(method, url string, status int, body string) {
	m.mt.RegisterResponder(method, url, func(r *http.Request) (*http.Response, error) {
		var b []byte
		if r.Body != nil {
			b, _ = io.ReadAll(r.Body)
		}
		m.mu.Lock()
		m.reqs = append(m.reqs, recorded{r.Method, r.URL.Path, r.URL.RawPath, r.URL.RawQuery, r.Header.Clone(), b})
		m.mu.Unlock()
		resp := httpmock.NewStringResponse(status, body)
		resp.Header.Set("Content-Type", "application/json")
		return resp, nil
	})
}

func (m *mockAPI) requests() []recorded {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]recorded(nil), m.reqs...)
}

// only returns the one request sent.
func (m *mockAPI) only(t *testing.T) recorded {
	t.Helper()
	reqs := m.requests()
	require.Len(t, reqs, 1)
	return reqs[0]
}

// assertHeaders checks what every request carries; withBody says whether
// a JSON body (and its Content-Type) is expected.
func assertHeaders(t *testing.T, r recorded, withBody bool) {
	t.Helper()
	assert.Equal(t, "Bearer secret-key-123", r.Header.Get("Authorization"))
	assert.Equal(t, "2023-04-04", r.Header.Get("API-Version"))
	assert.Equal(t, "application/json", r.Header.Get("Accept"))
	assert.Contains(t, r.Header.Get("User-Agent"), "grantkit-go/")
	if withBody {
		assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
	} else {
		assert.Empty(t, r.Header.Get("Content-Type"))
		assert.Empty(t, r.Body)
	}
}

func TestCreateGroupRequest(t *testing.T) {
	m := newMock(t)
	m.on("POST", base+"/groups", http.StatusCreated, docGroup)

	g, err := m.c.Groups.Create(t.Context(), reach360.CreateGroupParams{Name: "Example Group"})
	require.NoError(t, err)
	assert.Equal(t, wantDocGroup, *g)

	r := m.only(t)
	assert.Equal(t, "POST", r.Method)
	assert.Equal(t, "/groups", r.Path)
	assert.Empty(t, r.RawQuery)
	assertHeaders(t, r, true)
	assert.JSONEq(t, `{"name":"Example Group"}`, string(r.Body))
}

func TestCreateGroupAccepts200(t *testing.T) {
	m := newMock(t)
	m.on("POST", base+"/groups", http.StatusOK, docGroup)
	g, err := m.c.Groups.Create(t.Context(), reach360.CreateGroupParams{Name: "Example Group"})
	require.NoError(t, err)
	assert.Equal(t, "example-group-id", g.ID)
}

// The German seed spells the field "membersURL"; the decoder takes either.
func TestGroupDecodesSeedSpelling(t *testing.T) {
	m := newMock(t)
	m.on("GET", base+"/groups/example-group-id", http.StatusOK, `{
		"id": "example-group-id",
		"membersURL": "https://api.reach360.com/groups/example-group-id/users",
		"name": "Beispielgruppe",
		"url": "https://api.reach360.com/groups/example-group-id"
	}`)
	g, err := m.c.Groups.Get(t.Context(), "example-group-id")
	require.NoError(t, err)
	assert.Equal(t, reach360.Group{
		ID: "example-group-id", Name: "Beispielgruppe",
		URL:        "https://api.reach360.com/groups/example-group-id",
		MembersURL: "https://api.reach360.com/groups/example-group-id/users",
	}, *g)
}

func TestGetGroupRequest(t *testing.T) {
	m := newMock(t, reach360.WithUserAgent("groupsync/1.0"))
	m.on("GET", base+"/groups/example-group-id", http.StatusOK, docGroup)

	g, err := m.c.Groups.Get(t.Context(), "example-group-id")
	require.NoError(t, err)
	assert.Equal(t, wantDocGroup, *g)

	r := m.only(t)
	assert.Equal(t, "GET", r.Method)
	assert.Equal(t, "/groups/example-group-id", r.Path)
	assertHeaders(t, r, false)
	assert.True(t, strings.HasPrefix(r.Header.Get("User-Agent"), "groupsync/1.0 grantkit-go/"), r.Header.Get("User-Agent"))
}

func TestIDsAreEscapedAsOneSegment(t *testing.T) {
	m := newMock(t)
	var got recorded
	m.mt.RegisterNoResponder(func(r *http.Request) (*http.Response, error) {
		got = recorded{Method: r.Method, Path: r.URL.Path, RawPath: r.URL.EscapedPath(), RawQuery: r.URL.RawQuery}
		return httpmock.NewStringResponse(http.StatusNoContent, ""), nil
	})
	require.NoError(t, m.c.Groups.AddMember(t.Context(), "a/b?c", "u 1"))
	assert.Equal(t, "/groups/a/b?c/users/u 1", got.Path)
	assert.Equal(t, "/groups/a%2Fb%3Fc/users/u%201", got.RawPath)
	assert.Empty(t, got.RawQuery)
}

func TestUpdateGroupRequest(t *testing.T) {
	m := newMock(t)
	m.on("PUT", base+"/groups/example-group-id", http.StatusNoContent, "")

	require.NoError(t, m.c.Groups.Update(t.Context(), "example-group-id", reach360.UpdateGroupParams{Name: "New Name"}))

	r := m.only(t)
	assert.Equal(t, "PUT", r.Method)
	assert.Equal(t, "/groups/example-group-id", r.Path)
	assertHeaders(t, r, true)
	assert.JSONEq(t, `{"name":"New Name"}`, string(r.Body))
}

func TestDeleteGroupRequest(t *testing.T) {
	m := newMock(t)
	m.on("DELETE", base+"/groups/example-group-id", http.StatusNoContent, "")

	require.NoError(t, m.c.Groups.Delete(t.Context(), "example-group-id"))

	r := m.only(t)
	assert.Equal(t, "DELETE", r.Method)
	assert.Equal(t, "/groups/example-group-id", r.Path)
	assertHeaders(t, r, false)
}

// Members (Group Memberships API) and reporters (the Reporters article's
// PUT and DELETE) are assigned alike: PUT adds, DELETE removes, no body.
func TestAssignmentRequests(t *testing.T) {
	groups := func(m *mockAPI) *reach360.GroupsService { return m.c.Groups }
	for _, tc := range []struct {
		kind        string
		add, remove func(*reach360.GroupsService, context.Context, string, string, ...reach360.CallOption) error
	}{
		{"users", (*reach360.GroupsService).AddMember, (*reach360.GroupsService).RemoveMember},
		{"reporters", (*reach360.GroupsService).AddReporter, (*reach360.GroupsService).RemoveReporter},
	} {
		t.Run(tc.kind, func(t *testing.T) {
			m := newMock(t)
			path := "/groups/g1/" + tc.kind + "/u1"
			m.on("PUT", base+path, http.StatusNoContent, "")
			m.on("DELETE", base+path, http.StatusNoContent, "")

			require.NoError(t, tc.add(groups(m), t.Context(), "g1", "u1"))
			require.NoError(t, tc.remove(groups(m), t.Context(), "g1", "u1"))

			reqs := m.requests()
			require.Len(t, reqs, 2)
			assert.Equal(t, "PUT", reqs[0].Method)
			assert.Equal(t, "DELETE", reqs[1].Method)
			for _, r := range reqs {
				assert.Equal(t, path, r.Path)
				assertHeaders(t, r, false)
			}
		})
	}
}

func TestListGroupsRequests(t *testing.T) {
	cases := []struct {
		name  string
		opts  *reach360.ListGroupsOptions
		query string
	}{
		{"nil options", nil, ""},
		{"zero options", &reach360.ListGroupsOptions{}, ""},
		{"limit", &reach360.ListGroupsOptions{Limit: 25}, "limit=25"},
		{"limit and name", &reach360.ListGroupsOptions{Limit: 100, Name: "Example Group"}, "limit=100&name=Example+Group"},
		{"name", &reach360.ListGroupsOptions{Name: "a&b=c"}, "name=a%26b%3Dc"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := newMock(t)
			m.on("GET", base+"/groups", http.StatusOK, `{"groups":[`+docGroup+`],"nextUrl":null}`)
			page, err := m.c.Groups.ListPage(t.Context(), tc.opts)
			require.NoError(t, err)
			require.Len(t, page.Groups, 1)
			assert.Equal(t, wantDocGroup, *page.Groups[0])
			assert.Empty(t, page.NextPageToken)

			r := m.only(t)
			assert.Equal(t, "GET", r.Method)
			assert.Equal(t, "/groups", r.Path)
			assert.Equal(t, tc.query, r.RawQuery)
			assertHeaders(t, r, false)
		})
	}
}

// Pages after the first follow nextUrl exactly: no limit or filter is
// added again.
func TestListFollowsNextURLVerbatim(t *testing.T) {
	m := newMock(t)
	calls := 0
	m.mt.RegisterResponder("GET", base+"/groups", func(r *http.Request) (*http.Response, error) {
		calls++
		m.mu.Lock()
		m.reqs = append(m.reqs, recorded{Method: r.Method, Path: r.URL.Path, RawQuery: r.URL.RawQuery})
		m.mu.Unlock()
		switch calls {
		case 1:
			return httpmock.NewStringResponse(200, `{"groups":[{"id":"1","name":"a"}],"nextUrl":"https://api.reach360.com/groups?after=opaque%2Btoken&x=1"}`), nil
		case 2:
			return httpmock.NewStringResponse(200, `{"groups":[{"id":"2","name":"b"}],"nextUrl":"/groups?after=relative"}`), nil
		default:
			return httpmock.NewStringResponse(200, `{"groups":[{"id":"3","name":"c"}],"nextUrl":null}`), nil
		}
	})
	var names []string
	for g, err := range m.c.Groups.List(t.Context(), &reach360.ListGroupsOptions{Limit: 1, Name: ""}) {
		require.NoError(t, err)
		names = append(names, g.Name)
	}
	assert.Equal(t, []string{"a", "b", "c"}, names)
	reqs := m.requests()
	require.Len(t, reqs, 3)
	assert.Equal(t, "limit=1", reqs[0].RawQuery)
	assert.Equal(t, "after=opaque%2Btoken&x=1", reqs[1].RawQuery)
	assert.Equal(t, "after=relative", reqs[2].RawQuery)
}

// A nextUrl on another host would carry the API key there: refused, and
// nothing is sent to that host.
func TestListRefusesNextURLOnAnotherHost(t *testing.T) {
	m := newMock(t)
	m.on("GET", base+"/groups", http.StatusOK, `{"groups":[{"id":"1","name":"a"}],"nextUrl":"https://evil.example/groups?c=1"}`)
	var got []string
	var lastErr error
	for g, err := range m.c.Groups.List(t.Context(), nil) {
		if err != nil {
			lastErr = err
			break
		}
		got = append(got, g.Name)
	}
	assert.Equal(t, []string{"a"}, got)
	require.Error(t, lastErr)
	assert.Contains(t, lastErr.Error(), "refusing to follow")
	assert.Len(t, m.requests(), 1)
}

func TestMembersRequest(t *testing.T) {
	m := newMock(t)
	m.on("GET", base+"/groups/g1/users", http.StatusOK, `{"users":[`+docUser+`],"nextUrl":null}`)
	var users []reach360.User
	for u, err := range m.c.Groups.Members(t.Context(), "g1", &reach360.ListOptions{Limit: 10}) {
		require.NoError(t, err)
		users = append(users, *u)
	}
	assert.Equal(t, []reach360.User{wantDocUser}, users)
	r := m.only(t)
	assert.Equal(t, "/groups/g1/users", r.Path)
	assert.Equal(t, "limit=10", r.RawQuery)
	assertHeaders(t, r, false)
}

func TestListUsersRequest(t *testing.T) {
	m := newMock(t)
	m.on("GET", base+"/users", http.StatusOK, `{"users":[`+docUser+`],"nextUrl":null}`)
	var users []reach360.User
	for u, err := range m.c.Users.List(t.Context(), &reach360.ListUsersOptions{Limit: 10, Email: "foo@example.com"}) {
		require.NoError(t, err)
		users = append(users, *u)
	}
	assert.Equal(t, []reach360.User{wantDocUser}, users)
	r := m.only(t)
	assert.Equal(t, "/users", r.Path)
	assert.Equal(t, "email=foo%40example.com&limit=10", r.RawQuery)
	assertHeaders(t, r, false)
}

func TestGetAndDeleteUserRequests(t *testing.T) {
	m := newMock(t)
	m.on("GET", base+"/users/example-user-id-1", http.StatusOK, docUser)
	m.on("DELETE", base+"/users/example-user-id-1", http.StatusNoContent, "")

	u, err := m.c.Users.Get(t.Context(), "example-user-id-1")
	require.NoError(t, err)
	assert.Equal(t, wantDocUser, *u)
	require.NoError(t, m.c.Users.Delete(t.Context(), "example-user-id-1"))

	reqs := m.requests()
	require.Len(t, reqs, 2)
	assert.Equal(t, "GET", reqs[0].Method)
	assert.Equal(t, "DELETE", reqs[1].Method)
	for _, r := range reqs {
		assert.Equal(t, "/users/example-user-id-1", r.Path)
		assertHeaders(t, r, false)
	}
}

func TestUserGroupsRequest(t *testing.T) {
	m := newMock(t)
	m.on("GET", base+"/users/u1/groups", http.StatusOK, `{"groups":[`+docGroup+`],"nextUrl":null}`)
	var groups []reach360.Group
	for g, err := range m.c.Users.Groups(t.Context(), "u1", nil) {
		require.NoError(t, err)
		groups = append(groups, *g)
	}
	assert.Equal(t, []reach360.Group{wantDocGroup}, groups)
	r := m.only(t)
	assert.Equal(t, "/users/u1/groups", r.Path)
	assert.Empty(t, r.RawQuery)
}

// A user who was never active may come with an empty or null
// lastActiveAt; the page still decodes.
func TestUserWithoutLastActiveAt(t *testing.T) {
	m := newMock(t)
	m.on("GET", base+"/users", http.StatusOK, `{"users":[
		{"id":"u1","lastActiveAt":null},
		{"id":"u2","lastActiveAt":""},
		{"id":"u3"}
	],"nextUrl":null}`)
	n := 0
	for u, err := range m.c.Users.List(t.Context(), nil) {
		require.NoError(t, err)
		assert.True(t, u.LastActiveAt.IsZero(), u.ID)
		n++
	}
	assert.Equal(t, 3, n)
}

// One user's unreadable lastActiveAt must not fail the page it is on: the
// raw text is kept, the time left zero, and the other users decode.
func TestUserWithBadLastActiveAtKeepsThePage(t *testing.T) {
	m := newMock(t)
	m.on("GET", base+"/users", http.StatusOK, `{"users":[
		{"id":"u1","lastActiveAt":"yesterday"},
		`+docUser+`,
		{"id":"u3","lastActiveAt":1635453592}
	],"nextUrl":null}`)
	var users []reach360.User
	for u, err := range m.c.Users.List(t.Context(), nil) {
		require.NoError(t, err)
		users = append(users, *u)
	}
	require.Len(t, users, 3)
	assert.Equal(t, "u1", users[0].ID)
	assert.True(t, users[0].LastActiveAt.IsZero())
	assert.Equal(t, "yesterday", users[0].LastActiveAtRaw)
	assert.Equal(t, wantDocUser, users[1])
	assert.True(t, users[2].LastActiveAt.IsZero())
	assert.Equal(t, "1635453592", users[2].LastActiveAtRaw, "not a string: kept as its JSON")

	m.on("GET", base+"/users/u1", http.StatusOK, `{"id":"u1","lastActiveAt":"2021-13-45T99:00:00Z"}`)
	u, err := m.c.Users.Get(t.Context(), "u1")
	require.NoError(t, err)
	assert.True(t, u.LastActiveAt.IsZero())
	assert.Equal(t, "2021-13-45T99:00:00Z", u.LastActiveAtRaw)
}

// A 2xx body of null where an object is expected is an error, not an
// empty result: a zero group or an empty page would pass for an answer.
func TestNullBodyIsAnError(t *testing.T) {
	m := newMock(t)
	m.on("GET", base+"/groups/g1", http.StatusOK, "null")
	m.on("GET", base+"/invitations", http.StatusOK, "null")
	m.on("POST", base+"/invitations", http.StatusCreated, "null")
	_, err := m.c.Groups.Get(t.Context(), "g1")
	assert.ErrorIs(t, err, reach360.ErrEmptyResponse)
	_, err = m.c.Invitations.ListPage(t.Context(), nil)
	assert.ErrorIs(t, err, reach360.ErrEmptyResponse)
	_, err = m.c.Invitations.Create(t.Context(), reach360.InvitationParams{Email: "ada@example.com"})
	assert.ErrorIs(t, err, reach360.ErrEmptyResponse)
}
