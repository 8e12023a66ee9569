package reach360test_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/grantkit/grantkit-go/reach360"
	"github.com/grantkit/grantkit-go/reach360/reach360test"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// call sends a raw request with the fake's key and version unless header
// overrides them ("" removes one).
func call(t *testing.T, srv *reach360test.Server, method, url, body string, header map[string]string) (int, []byte) {
	t.Helper()
	if !strings.HasPrefix(url, "http") {
		url = srv.URL + url
	}
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequestWithContext(t.Context(), method, url, rd)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+string(reach360test.APIKey))
	req.Header.Set("API-Version", reach360.DefaultAPIVersion)
	for k, v := range header {
		if v == "" {
			req.Header.Del(k)
		} else {
			req.Header.Set(k, v)
		}
	}
	resp, err := srv.Client().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, b
}

func assertError(t *testing.T, status int, body []byte, wantStatus int, wantCode string) {
	t.Helper()
	assert.Equal(t, wantStatus, status, string(body))
	var e map[string]any
	require.NoError(t, json.Unmarshal(body, &e), string(body))
	assert.Equal(t, wantCode, e["code"])
	assert.NotEmpty(t, e["message"])
	assert.Len(t, e, 2, "error body is exactly {code, message}")
}

func TestAuth(t *testing.T) {
	srv := reach360test.NewServer(t)
	for name, h := range map[string]map[string]string{
		"no header":    {"Authorization": ""},
		"wrong key":    {"Authorization": "Bearer nope"},
		"wrong scheme": {"Authorization": "Basic " + string(reach360test.APIKey)},
		"empty token":  {"Authorization": "Bearer "},
	} {
		t.Run(name, func(t *testing.T) {
			status, body := call(t, srv, "GET", "/groups", "", h)
			assertError(t, status, body, 401, "unauthorized")
		})
	}
	status, _ := call(t, srv, "GET", "/groups", "", map[string]string{"Authorization": "bearer " + string(reach360test.APIKey)})
	assert.Equal(t, 200, status)
	assert.Equal(t, reach360test.APIKey, srv.APIKey())
}

func TestAPIVersion(t *testing.T) {
	srv := reach360test.NewServer(t)
	status, _ := call(t, srv, "GET", "/groups", "", map[string]string{"API-Version": ""})
	assert.Equal(t, 200, status, "no header: the server assumes 2023-04-04")
	status, body := call(t, srv, "POST", "/groups", `{"name":"x"}`, map[string]string{"API-Version": "2030-01-01"})
	assertError(t, status, body, 400, "invalid_api_version")
	assert.Equal(t, 0, srv.AppliedCount("groups.create"))
}

func TestDocumentedGroupShape(t *testing.T) {
	srv := reach360test.NewServer(t)
	status, body := call(t, srv, "POST", "/groups", `{"name":"Example Group"}`, nil)
	require.Equal(t, 201, status)
	var g map[string]any
	require.NoError(t, json.Unmarshal(body, &g))
	id := g["id"].(string)
	self := srv.URL + "/groups/" + id
	assert.Equal(t, map[string]any{
		"id": id, "name": "Example Group", "url": self, "membersUrl": self + "/users",
		"reportersUrl": self + "/reporters", "managersUrl": self + "/managers",
	}, g)

	status, body = call(t, srv, "GET", "/groups/"+id, "", nil)
	assert.Equal(t, 200, status)
	assert.JSONEq(t, mustJSON(t, g), string(body))

	status, body = call(t, srv, "PUT", "/groups/"+id, `{"name":"Renamed"}`, nil)
	assert.Equal(t, 204, status)
	assert.Empty(t, body)
	status, body = call(t, srv, "DELETE", "/groups/"+id, "", nil)
	assert.Equal(t, 204, status)
	assert.Empty(t, body)
}

func TestDocumentedUserShape(t *testing.T) {
	srv := reach360test.NewServer(t)
	u := srv.AddUser(reach360.User{ID: "example-user-id-1", Email: "foo@example.com",
		FirstName: "Example First Name 1", LastName: "Example Last Name 1"})
	assert.Equal(t, reach360.RoleLearner, u.Role)
	status, body := call(t, srv, "GET", "/users/example-user-id-1", "", nil)
	require.Equal(t, 200, status)
	assert.JSONEq(t, fmt.Sprintf(`{
		"id": "example-user-id-1",
		"email": "foo@example.com",
		"groupsUrl": "%[1]s/users/example-user-id-1/groups",
		"managingGroupsUrl": null,
		"reportingGroupsUrl": null,
		"role": "learner",
		"firstName": "Example First Name 1",
		"lastName": "Example Last Name 1",
		"lastActiveAt": null,
		"learnerReportUrl": "%[1]s/reports/learners/example-user-id-1",
		"favoritesUrl": "%[1]s/users/example-user-id-1/favorites",
		"url": "%[1]s/users/example-user-id-1",
		"articulate360User": false
	}`, srv.URL), string(body))
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}

func TestBadRequests(t *testing.T) {
	srv := reach360test.NewServer(t)
	g := srv.AddGroup("Sales")
	cases := []struct{ method, path, body string }{
		{"POST", "/groups", ``},
		{"POST", "/groups", `{}`},
		{"POST", "/groups", `{"name":""}`},
		{"POST", "/groups", `{"name":"x"`},
		{"POST", "/groups", `{"name":"x"} {}`},
		{"PUT", "/groups/" + g.ID, `{"name":null}`},
		{"GET", "/groups?limit=0", ``},
		{"GET", "/groups?limit=101", ``},
		{"GET", "/groups?limit=ten", ``},
		{"GET", "/users?limit=-1", ``},
		{"GET", "/groups/" + g.ID + "/users?limit=500", ``},
		{"GET", "/groups?cursor=%%%", ``},
		{"GET", "/groups?cursor=bm9wZQ", ``},
	}
	for _, tc := range cases {
		t.Run(tc.method+" "+tc.path+" "+tc.body, func(t *testing.T) {
			status, body := call(t, srv, tc.method, tc.path, tc.body, nil)
			assertError(t, status, body, 400, "invalid_request")
		})
	}
	assert.Empty(t, srv.AppliedCounts())
}

func TestErrorCodes(t *testing.T) {
	srv := reach360test.NewServer(t)
	srv.AddGroup("Sales")
	u := srv.AddUser(reach360.User{Email: "a@example.com"})
	cases := []struct {
		method, path, body string
		status             int
		code               string
	}{
		{"POST", "/groups", `{"name":"Sales"}`, 409, "duplicate_name"},
		{"POST", "/groups", `{"name":"Everyone"}`, 409, "duplicate_name"},
		{"GET", "/groups/nope", ``, 404, "group_not_found"},
		{"PUT", "/groups/nope", `{"name":"x"}`, 404, "group_not_found"},
		{"DELETE", "/groups/nope", ``, 404, "group_not_found"},
		{"GET", "/groups/nope/users", ``, 404, "group_not_found"},
		{"PUT", "/groups/nope/users/" + u.ID, ``, 404, "group_not_found"},
		{"PUT", "/groups/everyone", `{"name":"All"}`, 403, "read_only_group"},
		{"DELETE", "/groups/everyone", ``, 403, "read_only_group"},
		{"PUT", "/groups/everyone/users/" + u.ID, ``, 403, "read_only_group"},
		{"DELETE", "/groups/everyone/users/" + u.ID, ``, 403, "read_only_group"},
		{"GET", "/users/nope", ``, 404, "user_not_found"},
		{"DELETE", "/users/nope", ``, 404, "user_not_found"},
		{"GET", "/users/nope/groups", ``, 404, "user_not_found"},
	}
	for _, tc := range cases {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			status, body := call(t, srv, tc.method, tc.path, tc.body, nil)
			assertError(t, status, body, tc.status, tc.code)
		})
	}
	assert.Empty(t, srv.AppliedCounts())
}

type page struct {
	Groups  []map[string]any `json:"groups"`
	NextURL *string          `json:"nextUrl"`
}

func TestPagination(t *testing.T) {
	srv := reach360test.NewServer(t)
	for i := range 6 {
		srv.AddGroup(fmt.Sprint("g", i))
	}
	status, body := call(t, srv, "GET", "/groups?limit=3", "", nil)
	require.Equal(t, 200, status)
	var p page
	require.NoError(t, json.Unmarshal(body, &p))
	assert.Len(t, p.Groups, 3)
	require.NotNil(t, p.NextURL)
	assert.True(t, strings.HasPrefix(*p.NextURL, srv.URL+"/groups?cursor="), *p.NextURL)

	// Re-adding parameters to a nextUrl is a client bug the fake exposes.
	status, body = call(t, srv, "GET", *p.NextURL+"&limit=3", "", nil)
	assertError(t, status, body, 400, "invalid_request")

	// A group deleted between pages neither shifts nor repeats the rest.
	all := srv.Groups()
	status, _ = call(t, srv, "DELETE", "/groups/"+all[1].ID, "", nil)
	require.Equal(t, 204, status)
	var rest []string
	for next := p.NextURL; next != nil; next = p.NextURL {
		status, body = call(t, srv, "GET", *next, "", nil)
		require.Equal(t, 200, status)
		p = page{}
		require.NoError(t, json.Unmarshal(body, &p))
		for _, g := range p.Groups {
			rest = append(rest, g["name"].(string))
		}
	}
	assert.Equal(t, []string{"g2", "g3", "g4", "g5"}, rest)

	// The default page size is 50; the last page's nextUrl is null.
	for i := 6; i < 60; i++ {
		srv.AddGroup(fmt.Sprint("g", i))
	}
	_, body = call(t, srv, "GET", "/groups", "", nil)
	p = page{}
	require.NoError(t, json.Unmarshal(body, &p))
	assert.Len(t, p.Groups, 50)
	_, body = call(t, srv, "GET", *p.NextURL, "", nil)
	assert.Contains(t, string(body), `"nextUrl":null`)
}

func TestSeedingPanicsOnConflicts(t *testing.T) {
	srv := reach360test.NewServer(t)
	srv.AddGroup("Sales")
	u := srv.AddUser(reach360.User{Email: "a@example.com"})
	assert.Panics(t, func() { srv.AddGroup("Sales") })
	assert.Panics(t, func() { srv.AddGroup("") })
	assert.Panics(t, func() { srv.AddUser(reach360.User{ID: u.ID}) })
	assert.Panics(t, func() { srv.AddUser(reach360.User{Email: "a@example.com"}) })
	assert.Panics(t, func() { srv.AddMember(reach360test.EveryoneID, u.ID) })
	assert.Panics(t, func() { srv.AddMember("nope", u.ID) })
}

// A caller's id that looks like a generated one does not break seeding.
func TestSeedingAvoidsIDCollisions(t *testing.T) {
	srv := reach360test.NewServer(t)
	first := srv.AddUser(reach360.User{ID: "usr-2"})
	second := srv.AddUser(reach360.User{})
	assert.NotEqual(t, first.ID, second.ID)
	assert.Len(t, srv.Users(), 2)
}

// Walking a large list is linear: 100,000 groups in pages of 100. Run with
// -bench to see the cost per page.
func BenchmarkListGroups(b *testing.B) {
	srv := reach360test.NewServer(b)
	for i := range 100_000 {
		srv.AddGroup(fmt.Sprint("group ", i))
	}
	c, err := reach360.NewClient(srv.APIKey(), reach360.WithBaseURL(srv.URL), reach360.WithHTTPClient(srv.Client()))
	require.NoError(b, err)
	for b.Loop() {
		n := 0
		for _, err := range c.Groups.List(b.Context(), &reach360.ListGroupsOptions{Limit: 100}) {
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != 100_001 {
			b.Fatalf("listed %d groups", n)
		}
	}
	b.ReportMetric(float64(srv.RequestCount())/float64(b.N), "pages/op")
}
