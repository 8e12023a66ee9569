package voltmx_test

import (
	"encoding/base64"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/voltmx"
)

const mockBase = "https://es.example.com"

// seedCreateSample is the "Sample Request" of the API guide's Create Group
// page (seed 003), verbatim.
const seedCreateSample = `{
"groupName": "Engagement Services Dev",
"email": "samplegrup@voltmx.com",
"groupDescription": "Engagement Services DevGroup",
"activeFlag": "true",
"selectedUserIds": [],
"selectedPermissionIds": [16, 18, 15, 17, 14, 2, 4, 5, 6, 11, 1, 3, 7, 8, 13, 10, 12, 9],
"allowAllApps":true,
"selectedAppIds":["SampleAppforDemo"]
}`

// captured is one request a mock responder saw.
type captured struct {
	method, url string
	header      http.Header
	body        []byte
}

// newMock returns a client whose requests reach only mt; any request without
// a responder fails the test.
func newMock(t *testing.T, auth voltmx.Auth, opts ...voltmx.Option) (*httpmock.MockTransport, *voltmx.Client) {
	t.Helper()
	mt := httpmock.NewMockTransport()
	mt.RegisterNoResponder(httpmock.NewNotFoundResponder(t.Fatal))
	if auth == nil {
		auth = voltmx.BasicAuth{Username: "admin", Password: "s3cret"}
	}
	all := append([]voltmx.Option{voltmx.WithHTTPClient(&http.Client{Transport: mt}), fastRetry}, opts...)
	c, err := voltmx.NewClient(mockBase, auth, all...)
	require.NoError(t, err)
	return mt, c
}

// respond registers method url answering status body, recording requests.
func respond(mt *httpmock.MockTransport, method, url string, status int, body string) *[]captured {
	var got []captured
	mt.RegisterResponder(method, url, func(r *http.Request) (*http.Response, error) {
		c := captured{method: r.Method, url: r.URL.String(), header: r.Header.Clone()}
		if r.Body != nil {
			c.body, _ = io.ReadAll(r.Body)
		}
		got = append(got, c)
		resp := httpmock.NewStringResponse(status, body)
		resp.Header.Set("Content-Type", "application/json")
		return resp, nil
	})
	return &got
}

func TestCreateSendsTheSeedSample(t *testing.T) {
	mt, c := newMock(t, nil, voltmx.WithUserAgent("acme-sync/2.0"))
	got := respond(mt, http.MethodPost, mockBase+"/vpns/api/v1/accessmgmt/groups", 200, `{"id" : "3", "message" : "Details added successfully"}`)

	id, err := c.Groups.Create(t.Context(), &voltmx.CreateGroupParams{
		GroupName:        "Engagement Services Dev",
		Email:            "samplegrup@voltmx.com",
		GroupDescription: "Engagement Services DevGroup",
		Active:           ptr(true),
		UserIDs:          []int64{},
		PermissionIDs:    []int64{16, 18, 15, 17, 14, 2, 4, 5, 6, 11, 1, 3, 7, 8, 13, 10, 12, 9},
		AllowAllApps:     true,
		AppIDs:           []string{"SampleAppforDemo"},
	})
	require.NoError(t, err)
	assert.Equal(t, int64(3), id, "the string id of the answer")
	require.Len(t, *got, 1)
	req := (*got)[0]

	// Deliberate difference from the seed: its sample sends activeFlag as
	// the string "true", while its own table types the field boolean. The
	// client sends a real boolean (the server accepts both; see
	// TestGroupDecodesSeedStringBoolean for the other direction).
	want := strings.Replace(seedCreateSample, `"activeFlag": "true"`, `"activeFlag": true`, 1)
	require.NotEqual(t, seedCreateSample, want, "the sample's activeFlag was not found")
	assert.JSONEq(t, want, string(req.body))
	assert.Contains(t, string(req.body), `"activeFlag":true`)

	assert.Equal(t, http.MethodPost, req.method)
	assert.Equal(t, "application/json;charset=UTF-8", req.header.Get("Content-Type"))
	assert.Equal(t, "application/json", req.header.Get("Accept"))
	assert.Equal(t, "Basic "+base64.StdEncoding.EncodeToString([]byte("admin:s3cret")), req.header.Get("Authorization"))
	assert.True(t, strings.HasPrefix(req.header.Get("User-Agent"), "acme-sync/2.0 grantkit-go/"), req.header.Get("User-Agent"))
	assert.Contains(t, req.header.Get("User-Agent"), "(voltmx)")
}

func TestCreateOmitsUnsetOptionalFields(t *testing.T) {
	mt, c := newMock(t, nil)
	got := respond(mt, http.MethodPost, mockBase+"/vpns/api/v1/accessmgmt/groups", 200, `{"id":"4","message":"Details added successfully"}`)
	_, err := c.Groups.Create(t.Context(), &voltmx.CreateGroupParams{
		GroupName: "Ops", Email: "ops@example.com", PermissionIDs: []int64{1}, AppIDs: []string{},
	})
	require.NoError(t, err)
	// activeFlag, groupDescription and selectedUserIds are left to the
	// server; selectedAppIds is required by the API and goes as [].
	assert.JSONEq(t, `{"groupName":"Ops","email":"ops@example.com","selectedPermissionIds":[1],"allowAllApps":false,"selectedAppIds":[]}`,
		string((*got)[0].body))
}

func TestRequestPaths(t *testing.T) {
	group := `{"id":7,"groupName":"g","email":"e@x","activeFlag":false,"selectedPermissionIds":[1],"selectedAppIds":[]}`
	cases := []struct {
		name   string
		base   string
		opts   []voltmx.Option
		prefix string
	}{
		{"default context path", mockBase, nil, mockBase + "/vpns"},
		{"no context path", mockBase, []voltmx.Option{voltmx.WithContextPath("")}, mockBase},
		{"slashes normalised", mockBase + "/", []voltmx.Option{voltmx.WithContextPath("es/admin/")}, mockBase + "/es/admin"},
		{"base URL with a path", mockBase + "/proxy/", []voltmx.Option{voltmx.WithContextPath("/vpns/")}, mockBase + "/proxy/vpns"},
		{"WithBaseURL wins", "https://ignored.example.com", []voltmx.Option{voltmx.WithBaseURL(mockBase)}, mockBase + "/vpns"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			mt := httpmock.NewMockTransport()
			mt.RegisterNoResponder(httpmock.NewNotFoundResponder(t.Fatal))
			opts := append([]voltmx.Option{voltmx.WithHTTPClient(&http.Client{Transport: mt}), fastRetry}, tc.opts...)
			c, err := voltmx.NewClient(tc.base, voltmx.BasicAuth{Username: "admin", Password: "pw"}, opts...)
			require.NoError(t, err)
			api := tc.prefix + "/api/v1/accessmgmt"
			assert.Equal(t, tc.prefix, c.BaseURL())

			get := respond(mt, http.MethodGet, api+"/groups/7", 200, group)
			modify := respond(mt, http.MethodPost, api+"/group/7/modify", 200, `{"message":"Details updated successfully","id":"7"}`)
			del := respond(mt, http.MethodPost, api+"/groups/7/delete", 200, `{"id":"7","message":"Group Deleted successfully"}`)
			perms := respond(mt, http.MethodGet, api+"/permissions", 200, `{"total":1,"permissions":{"1":"DASHBOARD_ALL"}}`)
			user := respond(mt, http.MethodGet, api+"/users/2", 200, `{"id":2,"userName":"u"}`)

			ctx := t.Context()
			g, err := c.Groups.Get(ctx, 7)
			require.NoError(t, err)
			require.NoError(t, c.Groups.Update(ctx, 7, g.UpdateParams()))
			require.NoError(t, c.Groups.Delete(ctx, 7))
			_, err = c.Permissions.List(ctx)
			require.NoError(t, err)
			_, err = c.Users.Get(ctx, 2)
			require.NoError(t, err)

			for name, got := range map[string]*[]captured{"get": get, "modify": modify, "delete": del, "permissions": perms, "user": user} {
				assert.Len(t, *got, 1, name)
			}
			// Delete Group documents "Content-Type as
			// application/json;charset=UTF-8" and no body fields: the
			// smallest JSON text goes with it (see emptyObject).
			assert.Equal(t, "{}", string((*del)[0].body))
			assert.Equal(t, "application/json;charset=UTF-8", (*del)[0].header.Get("Content-Type"))
			assert.JSONEq(t, `{"groupName":"g","email":"e@x","activeFlag":false,"selectedUserIds":[],"selectedPermissionIds":[1],"allowAllApps":false,"selectedAppIds":[]}`,
				string((*modify)[0].body))
		})
	}
}

func TestListSendsStartAndPageSize(t *testing.T) {
	mt, c := newMock(t, nil)
	var queries []string
	mt.RegisterResponder(http.MethodGet, mockBase+"/vpns/api/v1/accessmgmt/users", func(r *http.Request) (*http.Response, error) {
		queries = append(queries, r.URL.RawQuery)
		if r.URL.Query().Get("start") == "0" {
			return httpmock.NewStringResponse(200, `{"total":"3","users":[{"id":1},{"id":"2"}]}`), nil
		}
		return httpmock.NewStringResponse(200, `{"total":3,"users":[{"id":3}]}`), nil
	})
	var ids []int64
	for u, err := range c.Users.List(t.Context(), &voltmx.ListOptions{PageSize: 2}) {
		require.NoError(t, err)
		ids = append(ids, u.ID)
	}
	assert.Equal(t, []int64{1, 2, 3}, ids)
	assert.Equal(t, []string{"pageSize=2&start=0", "pageSize=2&start=2"}, queries)
}

func TestListDefaultPageSize(t *testing.T) {
	mt, c := newMock(t, nil)
	mt.RegisterResponderWithQuery(http.MethodGet, mockBase+"/vpns/api/v1/accessmgmt/groups", "start=0&pageSize=50",
		httpmock.NewStringResponder(200, `{"total":0,"groups":[]}`))
	for _, err := range c.Groups.List(t.Context(), nil) {
		require.NoError(t, err)
	}
	assert.Equal(t, 1, mt.GetTotalCallCount())
}
