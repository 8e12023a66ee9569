package voltmx_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/internal/paging"
	"github.com/grantkit/grantkit-go/internal/transport"
	"github.com/grantkit/grantkit-go/voltmx"
)

// These tests hold the client to the shapes of HCL's Engagement Services
// API guide pages, answered by httpmock rather than by the fake.

const api = mockBase + "/vpns/api/v1/accessmgmt"

// sequence answers the requests to one URL with the given (status, body)
// pairs in turn, the last one for every request after it, and records them.
func sequence(mt *httpmock.MockTransport, method, url string, answers ...[2]string) *[]captured {
	var got []captured
	mt.RegisterResponder(method, url, func(r *http.Request) (*http.Response, error) {
		c := captured{method: r.Method, url: r.URL.String(), header: r.Header.Clone()}
		got = append(got, c)
		a := answers[min(len(got), len(answers))-1]
		status := map[string]int{"200": 200, "400": 400, "404": 404, "503": 503}[a[0]]
		resp := httpmock.NewStringResponse(status, a[1])
		if strings.HasPrefix(a[1], "<") {
			resp.Header.Set("Content-Type", "text/html")
		}
		return resp, nil
	})
	return &got
}

// A delete whose answer was lost (here: a 503) is retried. Only the
// documented 400 sentence for a missing group or user on the retry means
// "already deleted"; a 404, with an HTML page or no body, is what a wrong
// context path gives and must fail, never report success.
func TestRetriedDeleteSucceedsOnlyOnTheDocumentedAnswer(t *testing.T) {
	deletes := map[string]func(*voltmx.Client) error{
		"groups": func(c *voltmx.Client) error { return c.Groups.Delete(t.Context(), 3) },
		"users":  func(c *voltmx.Client) error { return c.Users.Delete(t.Context(), 3) },
	}
	gone := map[string]string{
		// Delete Group page, verbatim (stray quote included).
		"groups": `{"id":"3","message":"Invalid Group ID provided or No Group found with given ID\""}`,
		// Delete User page.
		"users": `{"message":"Invalid user ID provided or no user found with provided ID"}`,
	}
	missing := map[string]error{"groups": voltmx.ErrGroupNotFound, "users": voltmx.ErrUserNotFound}
	for kind, del := range deletes {
		t.Run(kind+" 404 html", func(t *testing.T) {
			mt, c := newMock(t, nil)
			got := sequence(mt, http.MethodPost, api+"/"+kind+"/3/delete",
				[2]string{"503", ""}, [2]string{"404", `<html><body><h1>HTTP Status 404 – Not Found</h1></body></html>`})
			err := del(c)
			require.ErrorIs(t, err, voltmx.ErrNotFound)
			assert.NotErrorIs(t, err, voltmx.ErrGroupNotFound)
			assert.NotErrorIs(t, err, voltmx.ErrUserNotFound)
			var e *voltmx.Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, 2, e.Attempts)
			assert.Len(t, *got, 2)
		})
		t.Run(kind+" 404 without a body", func(t *testing.T) {
			mt, c := newMock(t, nil)
			sequence(mt, http.MethodPost, api+"/"+kind+"/3/delete", [2]string{"503", ""}, [2]string{"404", ""})
			require.ErrorIs(t, del(c), voltmx.ErrNotFound)
		})
		t.Run(kind+" documented 400", func(t *testing.T) {
			mt, c := newMock(t, nil)
			got := sequence(mt, http.MethodPost, api+"/"+kind+"/3/delete", [2]string{"503", ""}, [2]string{"400", gone[kind]})
			require.NoError(t, del(c), "the retry finds it gone: the lost attempt deleted it")
			assert.Len(t, *got, 2)
		})
		t.Run(kind+" documented 400 first", func(t *testing.T) {
			mt, c := newMock(t, nil)
			sequence(mt, http.MethodPost, api+"/"+kind+"/3/delete", [2]string{"400", gone[kind]})
			assert.ErrorIs(t, del(c), missing[kind], "a first attempt that finds nothing is an error")
		})
	}
}

func TestDeletesSendTheDocumentedContentType(t *testing.T) {
	mt, c := newMock(t, nil)
	groups := respond(mt, http.MethodPost, api+"/groups/7/delete", 200, `{"id" : "7", "message" : "Group Deleted successfully"}`)
	users := respond(mt, http.MethodPost, api+"/users/8/delete", 200, `{"message" : "User deleted successfully ", "id" : "8"}`)
	require.NoError(t, c.Groups.Delete(t.Context(), 7))
	require.NoError(t, c.Users.Delete(t.Context(), 8))
	for _, r := range []captured{(*groups)[0], (*users)[0]} {
		assert.Equal(t, "application/json;charset=UTF-8", r.header.Get("Content-Type"), r.url)
		assert.Equal(t, "{}", string(r.body), r.url)
	}
}

// A null entry in a page still occupies its index: the next page starts
// after it, so no group comes twice and none is skipped.
func TestNullEntryDoesNotShiftTheNextStart(t *testing.T) {
	mt, c := newMock(t, nil)
	var starts []string
	mt.RegisterResponder(http.MethodGet, api+"/groups", func(r *http.Request) (*http.Response, error) {
		starts = append(starts, r.URL.Query().Get("start"))
		switch r.URL.Query().Get("start") {
		case "0":
			return httpmock.NewStringResponse(200, `{"total":5,"groups":[{"id":1},null,{"id":3}]}`), nil
		case "3":
			return httpmock.NewStringResponse(200, `{"total":5,"groups":[{"id":4},{"id":5}]}`), nil
		}
		return httpmock.NewStringResponse(200, `{"total":5,"groups":[{"id":3},{"id":4},{"id":5}]}`), nil
	})
	var ids []int64
	for g, err := range c.Groups.List(t.Context(), &voltmx.ListOptions{PageSize: 3}) {
		require.NoError(t, err)
		ids = append(ids, g.ID)
	}
	assert.Equal(t, []int64{1, 3, 4, 5}, ids)
	assert.Equal(t, []string{"0", "3"}, starts)

	page, err := c.Groups.ListPage(t.Context(), 0, &voltmx.ListOptions{PageSize: 3})
	require.NoError(t, err)
	assert.Len(t, page.Groups, 2)
	assert.Equal(t, 3, page.Next)
	assert.Equal(t, "3", page.NextPageToken)
}

// A page of nothing but nulls is not the end of the list.
func TestAllNullPageIsSkipped(t *testing.T) {
	mt, c := newMock(t, nil)
	mt.RegisterResponder(http.MethodGet, api+"/users", func(r *http.Request) (*http.Response, error) {
		if r.URL.Query().Get("start") == "0" {
			return httpmock.NewStringResponse(200, `{"total":3,"users":[null,null]}`), nil
		}
		return httpmock.NewStringResponse(200, `{"total":3,"users":[{"id":7}]}`), nil
	})
	var ids []int64
	for u, err := range c.Users.List(t.Context(), &voltmx.ListOptions{PageSize: 2}) {
		require.NoError(t, err)
		ids = append(ids, u.ID)
	}
	assert.Equal(t, []int64{7}, ids)
}

// getAllPermissionsSample is the "Sample Response" of "Get All Permissions
// by Pagination" (start=0&pageSize=10): 10 of 15 permissions. The second
// page is not on the page; it holds the other five.
const (
	getAllPermissionsSample = `{
"total": 15,
"permissions": {
"1": "DASHBOARD_ALL",
"2": "APPLICATIONS_ALL",
"3": "SUBSCRIBERS_ALL",
"4": "CAMPAIGNS_ALL",
"5": "CAMPAIGNS_EXECUTE",
"6": "CAMPAIGNS_TERMINATE",
"7": "CAMPAIGNS_PUBLISH",
"8": "EVENTS_ALL",
"9": "EVENTS_PUBLISH",
"10": "AUDIENCE_MEMBERS_ALL"
}
}`
	permissionsPage2 = `{"total":15,"permissions":{"11":"SEGMENTS_ALL","12":"TEMPLATES_ALL","13":"ADMIN_ACCESS","14":"ADHOC_PUSH","15":"ADHOC_EMAIL"}}`
)

func TestPermissionsWalkEveryPage(t *testing.T) {
	mt, c := newMock(t, nil)
	var queries []string
	// The server pages by 10 whatever pageSize asks, as the sample shows.
	mt.RegisterResponder(http.MethodGet, api+"/permissions", func(r *http.Request) (*http.Response, error) {
		queries = append(queries, r.URL.RawQuery)
		if r.URL.Query().Get("start") == "10" {
			return httpmock.NewStringResponse(200, permissionsPage2), nil
		}
		return httpmock.NewStringResponse(200, getAllPermissionsSample), nil
	})
	perms, err := c.Permissions.List(t.Context())
	require.NoError(t, err)
	require.Len(t, perms, 15)
	assert.Equal(t, voltmx.Permission{ID: 14, Name: "ADHOC_PUSH"}, perms[13])
	assert.Equal(t, []string{"pageSize=50&start=0", "pageSize=50&start=10"}, queries)

	queries = nil
	ids, err := c.Permissions.Resolve(t.Context(), "ADHOC_PUSH", "DASHBOARD_ALL", "ADHOC_EMAIL")
	require.NoError(t, err, "names past the first page resolve")
	assert.Equal(t, []int64{14, 1, 15}, ids)
	assert.Len(t, queries, 2)

	page, err := c.Permissions.ListPage(t.Context(), 0, &voltmx.ListOptions{PageSize: 10})
	require.NoError(t, err)
	assert.Equal(t, 15, page.Total)
	assert.Len(t, page.Permissions, 10)
	assert.Equal(t, voltmx.Permission{ID: 1, Name: "DASHBOARD_ALL"}, page.Permissions[0], "sorted by id")
	assert.Equal(t, "10", page.NextPageToken)
	page, err = page.NextPage(t.Context())
	require.NoError(t, err)
	assert.Len(t, page.Permissions, 5)
	assert.Empty(t, page.NextPageToken)
	_, err = page.NextPage(t.Context())
	assert.ErrorIs(t, err, voltmx.ErrNoMorePages)
}

// A permission with a null name still occupies its index in the page: the
// next page starts after it, as for a null group.
func TestNullPermissionDoesNotShiftTheNextStart(t *testing.T) {
	mt, c := newMock(t, nil)
	var starts []string
	mt.RegisterResponder(http.MethodGet, api+"/permissions", func(r *http.Request) (*http.Response, error) {
		start := r.URL.Query().Get("start")
		starts = append(starts, start)
		switch start {
		case "0":
			return httpmock.NewStringResponse(200, `{"total":3,"permissions":{"1":"DASHBOARD_ALL","2":null}}`), nil
		case "2":
			return httpmock.NewStringResponse(200, `{"total":3,"permissions":{"3":"ADHOC_PUSH"}}`), nil
		}
		return httpmock.NewStringResponse(200, `{"total":3,"permissions":{"2":null,"3":"ADHOC_PUSH"}}`), nil
	})
	page, err := c.Permissions.ListPage(t.Context(), 0, &voltmx.ListOptions{PageSize: 2})
	require.NoError(t, err)
	assert.Equal(t, []voltmx.Permission{{ID: 1, Name: "DASHBOARD_ALL"}}, page.Permissions)
	assert.Equal(t, "2", page.NextPageToken)
	page, err = page.NextPage(t.Context())
	require.NoError(t, err)
	assert.Equal(t, []voltmx.Permission{{ID: 3, Name: "ADHOC_PUSH"}}, page.Permissions)
	assert.Equal(t, []string{"0", "2"}, starts)
}

// A server that ignores start answers the first page again: the walk ends
// with an error instead of looping or yielding duplicates.
func TestServerIgnoringStartEndsTheWalk(t *testing.T) {
	mt, c := newMock(t, nil)
	mt.RegisterResponder(http.MethodGet, api+"/groups", httpmock.NewStringResponder(200, `{"groups":[{"id":1},{"id":2}]}`))
	var ids []int64
	var err error
	for g, e := range c.Groups.List(t.Context(), &voltmx.ListOptions{PageSize: 2}) {
		if e != nil {
			err = e
			break
		}
		ids = append(ids, g.ID)
	}
	require.ErrorIs(t, err, paging.ErrOffsetLoop)
	require.ErrorIs(t, err, voltmx.ErrPageLoop, "what a caller matches in every package")
	require.ErrorIs(t, err, voltmx.ErrMalformedResponse)
	assert.ErrorContains(t, err, "offset ignored")
	assert.Equal(t, []int64{1, 2}, ids)
	assert.Equal(t, 2, mt.GetTotalCallCount())

	mt.RegisterResponder(http.MethodGet, api+"/permissions", httpmock.NewStringResponder(200, getAllPermissionsSample))
	_, err = c.Permissions.List(t.Context())
	require.ErrorIs(t, err, paging.ErrOffsetLoop, "the sample again for start=10")
}

// getUserDetailsSample is Get User Details by ID's "Sample Response", with
// allowAllApps and selectedAppIds, which the page's output table lists (as
// boolean and "string") but its sample leaves out.
const getUserDetailsSample = ` {
"id" : 3,
"email" : "aron.hale@voltmx.com",
"displayName" : "Aron Hale",
"mobileNo" : "+919080706050",
"activeFlag" : true,
"lastModifiedBy" : "admin",
"lastModifiedDate" : "06/22/2016 06:07:20 PM IST",
"createdDate" : "06/22/2016 05:51:39 PM IST",
"createdBy" : "admin",
"userName" : "108",
"selectedPermissionIds" : [ 16, 18, 17 ],
"selectedGroupIds" : [ 1 ]
}`

func TestUserDecodesTheDocumentedFields(t *testing.T) {
	var u voltmx.User
	require.NoError(t, json.Unmarshal([]byte(getUserDetailsSample), &u))
	assert.Equal(t, int64(3), u.ID)
	assert.Equal(t, "108", u.UserName)
	assert.Equal(t, "+919080706050", u.MobileNo)
	assert.True(t, u.Active)
	assert.Equal(t, []int64{16, 18, 17}, u.PermissionIDs)
	assert.Equal(t, []int64{1}, u.GroupIDs)
	assert.Equal(t, "admin", u.LastModifiedBy)
	assert.False(t, u.AllowAllApps)
	assert.Nil(t, u.AppIDs)

	for body, want := range map[string][]string{
		`"selectedAppIds":["SampleAppforDemo","Other"]`: {"SampleAppforDemo", "Other"},
		`"selectedAppIds":"SampleAppforDemo, Other"`:    {"SampleAppforDemo", "Other"},
		`"selectedAppIds":""`:                           {},
		`"selectedAppIds":null`:                         nil,
	} {
		withApps := strings.Replace(getUserDetailsSample, `"userName" : "108",`, `"userName" : "108", "allowAllApps":"true", `+body+`,`, 1)
		var u voltmx.User
		require.NoError(t, json.Unmarshal([]byte(withApps), &u), body)
		assert.True(t, u.AllowAllApps, body)
		assert.Equal(t, want, u.AppIDs, body)
	}
}

// The Authentication page's login body: userid and password, provider and
// domain optional.
func TestClaimsLoginSendsDomain(t *testing.T) {
	mt, c := newMock(t, voltmx.ClaimsLogin{LoginURL: loginURL, UserID: "USERID", Password: "PASSWORD", Provider: "Provider name", Domain: "Domain name"})
	login := respond(mt, http.MethodPost, loginURL, 200, `{"claims_token":{"value":"v","exp":0}}`)
	respond(mt, http.MethodGet, api+"/groups/1", 200, `{"id":1}`)
	_, err := c.Groups.Get(t.Context(), 1)
	require.NoError(t, err)
	assert.JSONEq(t, `{"userid":"USERID","password":"PASSWORD","provider":"Provider name","domain":"Domain name"}`, string((*login)[0].body))
}

// AppIDs nil is "no app permissions": the required field goes as [].
func TestNilAppIDsMeansNone(t *testing.T) {
	mt, c := newMock(t, nil)
	create := respond(mt, http.MethodPost, api+"/groups", 200, `{"id":"4","message":"Details added successfully"}`)
	modify := respond(mt, http.MethodPost, api+"/group/4/modify", 200, `{"id":"4","message":"Details updated successfully"}`)
	p := &voltmx.CreateGroupParams{GroupName: "Ops", Email: "ops@example.com", PermissionIDs: []int64{1}}
	_, err := c.Groups.Create(t.Context(), p)
	require.NoError(t, err)
	require.NoError(t, c.Groups.Update(t.Context(), 4, (*voltmx.UpdateGroupParams)(p)))
	assert.Nil(t, p.AppIDs, "the caller's params are left as they were")
	for _, r := range []captured{(*create)[0], (*modify)[0]} {
		var body map[string]json.RawMessage
		require.NoError(t, json.Unmarshal(r.body, &body))
		assert.Equal(t, "[]", string(body["selectedAppIds"]), r.url)
	}
}

// A 200 create whose id is not a number created the group: the error says
// so and quotes the id, cleaned, so the caller can find it.
func TestCreateWithANonNumericID(t *testing.T) {
	for answer, want := range map[string]string{
		`{"id":"grp-3","message":"Details added successfully"}`:         `"grp-3"`,
		`{"id":"3\u001b[2J\nX","message":"Details added successfully"}`: `"3[2J X"`,
		`{"id":3.5,"message":"Details added successfully"}`:             `"3.5"`,
	} {
		mt, c := newMock(t, nil)
		got := respond(mt, http.MethodPost, api+"/groups", 200, answer)
		id, err := c.Groups.Create(t.Context(), validGroup("g"))
		require.ErrorIs(t, err, transport.ErrMalformedResponse, answer)
		assert.Zero(t, id)
		assert.ErrorContains(t, err, "the group was created, but its id "+want+" in the answer is not a number")
		assert.NotContains(t, err.Error(), "\x1b")
		assert.Len(t, *got, 1, "never sent again")
	}
}

// Request.Secrets: a login or token request that fails with an echo of
// what it sent has its credentials masked before the error sees them.
func TestLoginEchoesAreMasked(t *testing.T) {
	const password = "p4ssw0rd-claims"
	t.Run("claims login", func(t *testing.T) {
		mt, c := newMock(t, voltmx.ClaimsLogin{LoginURL: loginURL, UserID: "ops", Password: password}, voltmx.WithMaxRetries(0))
		respond(mt, http.MethodPost, loginURL, 400, `bad request: {"userid":"ops","password":"`+password+`"}`)
		_, err := c.Groups.Get(t.Context(), 1)
		require.Error(t, err)
		assert.NotContains(t, err.Error(), password)
		assert.Contains(t, err.Error(), "[REDACTED]")
	})
	t.Run("oauth access token", func(t *testing.T) {
		mt, c := newMock(t, voltmx.OAuthPair{Username: "admin", Password: password}, voltmx.WithMaxRetries(0))
		mt.RegisterResponder(http.MethodGet, mockBase+"/vpns/api/v1/oauth/accesstoken", func(r *http.Request) (*http.Response, error) {
			return httpmock.NewStringResponse(401, "Unauthorized request: Authorization: "+r.Header.Get("Authorization")), nil
		})
		_, err := c.Groups.Get(t.Context(), 1)
		require.ErrorIs(t, err, voltmx.ErrUnauthorized)
		assert.NotContains(t, err.Error(), password)
		assert.NotContains(t, err.Error(), "YWRtaW46cDRzc3cwcmQtY2xhaW1z") // admin:p4ssw0rd-claims
		assert.Contains(t, err.Error(), "[REDACTED]")
	})
}

// A rejected login is the package's *Error with its status, and its text
// names the vendor once.
func TestRejectedLoginIsAnError(t *testing.T) {
	mt, c := newMock(t, voltmx.ClaimsLogin{LoginURL: loginURL, UserID: "ops", Password: "wrong-password"})
	respond(mt, http.MethodPost, loginURL, 401, `{"message":"Invalid credentials"}`)
	_, err := c.Groups.Get(t.Context(), 1)
	var e *voltmx.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, http.StatusUnauthorized, e.StatusCode)
	assert.Equal(t, "auth.login", e.Op)
	assert.ErrorIs(t, err, voltmx.ErrUnauthorized)
	assert.Equal(t, 1, strings.Count(err.Error(), "voltmx"), err.Error())
	assert.Equal(t, "voltmx: groups.get: authenticate: auth.login (POST /authService/accounts/login): 401: Invalid credentials", err.Error())
}

func TestRejectedAccessTokenIsAnError(t *testing.T) {
	mt, c := newMock(t, voltmx.OAuthPair{Username: "admin", Password: "wrong-password"})
	respond(mt, http.MethodGet, mockBase+"/vpns/api/v1/oauth/accesstoken", 401, `{"message":"Unauthorized request"}`)
	_, err := c.Permissions.List(t.Context())
	var e *voltmx.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, http.StatusUnauthorized, e.StatusCode)
	assert.Equal(t, "auth.accesstoken", e.Op)
	assert.Equal(t, "voltmx: permissions.list: authenticate: auth.accesstoken (GET /vpns/api/v1/oauth/accesstoken): 401: Unauthorized request", err.Error())
}
