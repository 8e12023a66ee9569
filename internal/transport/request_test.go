package transport_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/internal/auth"
	"github.com/grantkit/grantkit-go/internal/transport"
)

const anyOnAPIHost = `=~^https://api\.example\.test(/|$)`

// send makes one call through a client on mt and returns what the server saw.
func send(t *testing.T, c *transport.Client, rec *recorder, r *transport.Request) seenRequest {
	t.Helper()
	_, err := c.Do(t.Context(), r, nil)
	require.NoError(t, err)
	seen := rec.requests()
	require.Len(t, seen, 1)
	return seen[0]
}

func TestURLJoin(t *testing.T) {
	tests := []struct {
		base     string
		segments []string
		want     string
	}{
		{"https://api.example.test", []string{"groups"}, "/groups"},
		{"https://api.example.test/", []string{"groups"}, "/groups"},
		{"https://api.example.test/v1", []string{"groups"}, "/v1/groups"},
		{"https://api.example.test/v1/", []string{"groups"}, "/v1/groups"},
		{"https://api.example.test/v1//", []string{"groups", "7"}, "/v1/groups/7"},
		{"https://api.example.test/api/v2/", []string{"groups", "g-1", "members"}, "/api/v2/groups/g-1/members"},
		{"https://api.example.test/v1", nil, "/v1"},
		{"https://api.example.test/v1", []string{"groups", "a/b"}, "/v1/groups/a%2Fb"},
		{"https://api.example.test/v1", []string{"groups", "a?b=c"}, "/v1/groups/a%3Fb=c"},
		{"https://api.example.test/v1", []string{"groups", "a b"}, "/v1/groups/a%20b"},
		{"https://api.example.test/v1", []string{"groups", "100%"}, "/v1/groups/100%25"},
		{"https://api.example.test/v1", []string{"groups", "#frag"}, "/v1/groups/%23frag"},
		{"https://api.example.test/v1", []string{"groups", "../admin"}, "/v1/groups/..%2Fadmin"},
		{"https://api.example.test/v1", []string{"groups", "ünï"}, "/v1/groups/%C3%BCn%C3%AF"},
		{"https://api.example.test/my%20api/", []string{"a b"}, "/my%20api/a%20b"},
	}
	for _, tt := range tests {
		t.Run(tt.base+" "+tt.want, func(t *testing.T) {
			mt := newMock(t)
			rec := script(mt, http.MethodGet, anyOnAPIHost, ok(`{}`))
			c := newClient(t, mt, transport.WithBaseURL[cfg](tt.base))
			seen := send(t, c, rec, &transport.Request{Op: opGet, Path: tt.segments})
			assert.Equal(t, tt.want, seen.path)
			assert.Empty(t, seen.query)
		})
	}
}

// The escaped path is what the server sees, and errors name the request by
// its decoded path without the query.
func TestErrorPathIsUnescapedWithoutQuery(t *testing.T) {
	mt := newMock(t)
	script(mt, http.MethodGet, anyOnAPIHost, status(404))
	c := newClient(t, mt)
	_, err := c.Do(t.Context(), &transport.Request{Op: opGet, Path: []string{"groups", "a/b"}, Query: url.Values{"q": {"x"}}}, nil)
	ae := asAPIError(t, err)
	assert.Equal(t, "/v1/groups/a/b", ae.Path)
}

type listQuery struct {
	Limit   int      `url:"limit,omitempty"`
	Cursor  string   `url:"cursor,omitempty"`
	Status  []string `url:"status,omitempty"`
	Deleted bool     `url:"deleted,omitempty"`
	Name    string   `url:"name,omitempty"`
}

func TestQuery(t *testing.T) {
	tests := []struct {
		name         string
		defaultQuery url.Values
		query        any
		want         url.Values
	}{
		{"none", nil, nil, url.Values{}},
		{"url.Values", nil, url.Values{"a": {"1"}, "b": {"x y", "z&w"}}, url.Values{"a": {"1"}, "b": {"x y", "z&w"}}},
		{"struct, omitempty", nil, listQuery{Limit: 50, Status: []string{"on", "off"}}, url.Values{"limit": {"50"}, "status": {"on", "off"}}},
		{"struct pointer", nil, &listQuery{Cursor: "c/2=", Deleted: true}, url.Values{"cursor": {"c/2="}, "deleted": {"true"}}},
		{"zero struct", nil, listQuery{}, url.Values{}},
		{"default only", url.Values{"api-version": {"3"}}, nil, url.Values{"api-version": {"3"}}},
		{"default merged", url.Values{"api-version": {"3"}}, listQuery{Limit: 2}, url.Values{"api-version": {"3"}, "limit": {"2"}}},
		{"request wins over default", url.Values{"limit": {"10"}, "k": {"v"}}, url.Values{"limit": {"2"}}, url.Values{"limit": {"2"}, "k": {"v"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mt := newMock(t)
			rec := script(mt, http.MethodGet, baseURL+"/groups", ok(`{}`))
			c := newClientConfig(t, mt, transport.Config{Query: tt.defaultQuery})
			seen := send(t, c, rec, &transport.Request{Op: opGet, Path: []string{"groups"}, Query: tt.query})
			got, err := url.ParseQuery(seen.query)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, "/v1/groups", seen.path)
		})
	}
}

// httpmock's query-aware registration proves the query without parsing it
// ourselves.
func TestQueryMatchedByHTTPMock(t *testing.T) {
	mt := newMock(t)
	mt.RegisterResponderWithQuery(http.MethodGet, baseURL+"/groups", "limit=25&status=on", recorderOK().respond)
	c := newClient(t, mt)
	_, err := c.Do(t.Context(), &transport.Request{Op: opGet, Path: []string{"groups"}, Query: listQuery{Limit: 25, Status: []string{"on"}}}, nil)
	require.NoError(t, err)
	assert.Equal(t, 1, mt.GetTotalCallCount())
}

func recorderOK() *recorder { return &recorder{script: []reply{ok(`{}`)}} }

func TestQueryEncodeErrorSendsNothing(t *testing.T) {
	mt := newMock(t)
	c := newClient(t, mt)
	_, err := c.Do(t.Context(), &transport.Request{Op: opGet, Path: []string{"groups"}, Query: 42}, nil)
	require.Error(t, err)
	asRequestError(t, err)
	assert.Zero(t, mt.GetTotalCallCount())
}

func TestNextPageURL(t *testing.T) {
	next := "https://api.example.test/v1/groups?cursor=abc%2F%3D&limit=2&z=1"
	t.Run("same host followed verbatim", func(t *testing.T) {
		mt := newMock(t)
		rec := script(mt, http.MethodGet, anyOnAPIHost, ok(`{}`))
		c := newClientConfig(t, mt, transport.Config{Query: url.Values{"api-version": {"3"}}})
		seen := send(t, c, rec, &transport.Request{Op: opList, URL: next, Query: url.Values{"ignored": {"1"}}})
		assert.Equal(t, "/v1/groups", seen.path)
		assert.Equal(t, "cursor=abc%2F%3D&limit=2&z=1", seen.query)
	})
	refused := []string{
		"https://evil.example/v1/groups?cursor=abc",
		"http://api.example.test/v1/groups?cursor=abc",
		"https://api.example.test:8443/v1/groups",
		"https://api.example.test.evil.example/v1/groups",
		"/v1/groups?cursor=abc",
		"://bad",
	}
	for _, u := range refused {
		t.Run("refused "+u, func(t *testing.T) {
			mt := newMock(t)
			c := newClient(t, mt)
			_, err := c.Do(t.Context(), &transport.Request{Op: opList, URL: u}, nil)
			require.Error(t, err)
			asRequestError(t, err)
			assert.Zero(t, mt.GetTotalCallCount(), "no request may be sent")
		})
	}
}

func TestHeaders(t *testing.T) {
	mt := newMock(t)
	rec := script(mt, http.MethodGet, anyOnAPIHost, ok(`{}`))
	c := newClientConfig(t, mt, transport.Config{
		Header: http.Header{"x-api-version": {"2024-01"}, "Accept": {"application/vnd.example+json"}},
		Auth:   auth.Bearer("t"),
	})
	seen := send(t, c, rec, &transport.Request{Op: opGet, Path: []string{"things"},
		Header: http.Header{"x-request-id": {"r-1"}, "X-Api-Version": {"2025-06"}}})
	h := seen.header
	assert.Equal(t, "r-1", h.Get("X-Request-Id"))
	assert.Equal(t, []string{"2025-06"}, h.Values("X-Api-Version"), "the request's header replaces the default")
	assert.Equal(t, "application/vnd.example+json", h.Get("Accept"))
	assert.Equal(t, "Bearer t", h.Get("Authorization"))
	assert.Empty(t, h.Get("Content-Type"), "no body, no content type")

	// The defaults are not changed by what one request added.
	rec2 := script(mt, http.MethodGet, anyOnAPIHost, ok(`{}`))
	seen2 := send(t, c, rec2, &transport.Request{Op: opGet, Path: []string{"things"}})
	assert.Empty(t, seen2.header.Get("X-Request-Id"))
	assert.Equal(t, "2024-01", seen2.header.Get("X-Api-Version"))
}

func TestUserAgent(t *testing.T) {
	tests := []struct {
		name string
		opts []option
		want string
	}{
		{"default", nil, "grantkit-go/" + transport.Version + " (testvendor)"},
		{"WithUserAgent", []option{transport.WithUserAgent[cfg]("myapp/1")}, "myapp/1 grantkit-go/" + transport.Version + " (testvendor)"},
		{"WithUserAgent blank", []option{transport.WithUserAgent[cfg]("  ")}, "grantkit-go/" + transport.Version + " (testvendor)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mt := newMock(t)
			rec := script(mt, http.MethodGet, anyOnAPIHost, ok(`{}`))
			c := newClient(t, mt, tt.opts...)
			seen := send(t, c, rec, &transport.Request{Op: opGet, Path: []string{"things"}})
			assert.Equal(t, tt.want, seen.header.Get("User-Agent"))
			assert.Regexp(t, `^grantkit-go/\d+\.\d+\.\d+ \(testvendor\)$|^myapp/1 grantkit-go/`, seen.header.Get("User-Agent"))
		})
	}
}

func TestBodies(t *testing.T) {
	tests := []struct {
		name     string
		config   transport.Config
		req      transport.Request
		wantType string
		wantBody string
		json     bool
	}{
		{"JSON struct", transport.Config{}, transport.Request{Op: opCreate, Body: thing{Name: "a&b <c>"}},
			"application/json", `{"id":"","name":"a&b <c>"}`, true},
		{"JSON raw bytes sent as is", transport.Config{}, transport.Request{Op: opCreate, Body: []byte(`{"raw":true}`)},
			"application/json", `{"raw":true}`, false},
		{"JSON type override", transport.Config{JSONContentType: "application/vnd.api+json"}, transport.Request{Op: opCreate, Body: map[string]int{"n": 1}},
			"application/vnd.api+json", `{"n":1}`, true},
		{"form", transport.Config{}, transport.Request{Op: opCreate, Form: url.Values{"grant_type": {"password"}, "username": {"a b"}}},
			"application/x-www-form-urlencoded", "grant_type=password&username=a+b", false},
		{"form wins over body", transport.Config{}, transport.Request{Op: opCreate, Form: url.Values{"a": {"1"}}, Body: thing{}},
			"application/x-www-form-urlencoded", "a=1", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mt := newMock(t)
			rec := script(mt, http.MethodPost, baseURL+"/things", ok(`{}`))
			c := newClientConfig(t, mt, tt.config)
			r := tt.req
			r.Path = []string{"things"}
			seen := send(t, c, rec, &r)
			assert.Equal(t, tt.wantType, seen.header.Get("Content-Type"))
			if tt.json {
				assert.JSONEq(t, tt.wantBody, string(seen.body))
				assert.True(t, json.Valid(seen.body))
			} else {
				assert.Equal(t, tt.wantBody, string(seen.body))
			}
		})
	}
}

func TestBodyEncodeErrorSendsNothing(t *testing.T) {
	mt := newMock(t)
	c := newClient(t, mt)
	_, err := c.Do(t.Context(), &transport.Request{Op: opCreate, Path: []string{"things"}, Body: map[string]any{"f": func() {}}}, nil)
	require.Error(t, err)
	asRequestError(t, err)
	assert.Zero(t, mt.GetTotalCallCount())
}

// A segment that would change which resource the path names (".." climbs
// out of it, an empty one makes "//") is refused before anything is sent.
func TestURLJoinRefusesDotAndEmptySegments(t *testing.T) {
	for _, segs := range [][]string{{"groups", ".."}, {"groups", "."}, {"..", "admin"}, {"groups", "", "members"}} {
		t.Run(fmt.Sprintf("%q", segs), func(t *testing.T) {
			mt := newMock(t)
			c := newClient(t, mt)
			_, err := c.Do(t.Context(), &transport.Request{Op: opGet, Path: segs}, nil)
			require.Error(t, err)
			asRequestError(t, err)
			assert.Contains(t, err.Error(), "path segment")
			assert.Zero(t, mt.GetTotalCallCount())
		})
	}
	t.Run("trailing empty segment is a trailing slash", func(t *testing.T) {
		mt := newMock(t)
		rec := script(mt, http.MethodGet, anyOnAPIHost, ok(`{}`))
		c := newClient(t, mt)
		seen := send(t, c, rec, &transport.Request{Op: opGet, Path: []string{"groups", ""}})
		assert.Equal(t, "/v1/groups/", seen.path)
	})
}
