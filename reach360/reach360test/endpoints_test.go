package reach360test_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/reach360"
	"github.com/grantkit/grantkit-go/reach360/reach360test"
)

// The Invitations API as the article documents it: the create answer
// wraps the invitation object; the other answers are the fake's choices
// where the article shows none.
func TestDocumentedInvitationShapes(t *testing.T) {
	srv := reach360test.NewServer(t)
	status, body := call(t, srv, "POST", "/invitations",
		`{"email":"foo@example.com","firstName":"Example First Name","lastName":"Example Last Name","groups":["example group a","exaple group b"]}`, nil)
	require.Equal(t, 201, status, string(body))
	var created map[string]map[string]any
	require.NoError(t, json.Unmarshal(body, &created))
	inv := created["invitation"]
	id := inv["id"].(string)
	want := fmt.Sprintf(`{"id":%q,"email":"foo@example.com","firstName":"Example First Name","lastName":"Example Last Name",
		"groups":["example group a","exaple group b"],"url":"%s/invitations/%s"}`, id, srv.URL, id)
	assert.JSONEq(t, want, mustJSON(t, inv))
	assert.Equal(t, 1, srv.AppliedCount(reach360test.OpInvitationsCreate))

	status, body = call(t, srv, "GET", "/invitations/"+id, "", nil)
	require.Equal(t, 200, status)
	assert.JSONEq(t, want, string(body))

	status, body = call(t, srv, "GET", "/invitations", "", nil)
	require.Equal(t, 200, status)
	assert.JSONEq(t, `{"invitations":[`+want+`],"nextUrl":null}`, string(body))

	status, body = call(t, srv, "POST", "/invitations", `{"email":"bar@example.com"}`, nil)
	require.Equal(t, 201, status)
	assert.Contains(t, string(body), `"groups":[]`)

	status, body = call(t, srv, "DELETE", "/invitations/"+id, "", nil)
	assert.Equal(t, 204, status)
	assert.Empty(t, body)
	assert.Equal(t, 1, srv.AppliedCount(reach360test.OpInvitationsDelete))
}

// The Reporters and Reporting Groups API's answers: reporters under
// "reporters" with the group's URL, reporting groups under "groups" with
// the user's URL; reporters carry reportingGroupsUrl and a null
// managingGroupsUrl.
func TestDocumentedReporterShapes(t *testing.T) {
	srv := reach360test.NewServer(t)
	g := srv.AddGroup("Example Group")
	r := srv.AddUser(reach360.User{ID: "example-user-id-1", Email: "foo@example.com", Role: reach360.RoleReporter})
	status, _ := call(t, srv, "PUT", "/groups/"+g.ID+"/reporters/"+r.ID, "", nil)
	require.Equal(t, 204, status)

	status, body := call(t, srv, "GET", "/groups/"+g.ID+"/reporters", "", nil)
	require.Equal(t, 200, status)
	var reporters map[string]any
	require.NoError(t, json.Unmarshal(body, &reporters))
	assert.Equal(t, g.URL, reporters["groupUrl"])
	assert.Nil(t, reporters["nextUrl"])
	list := reporters["reporters"].([]any)
	require.Len(t, list, 1)
	user := list[0].(map[string]any)
	assert.Equal(t, srv.URL+"/users/example-user-id-1/reporting-groups", user["reportingGroupsUrl"])
	assert.Contains(t, user, "managingGroupsUrl")
	assert.Nil(t, user["managingGroupsUrl"])
	assert.Equal(t, "reporter", user["role"])

	status, body = call(t, srv, "GET", "/users/"+r.ID+"/reporting-groups", "", nil)
	require.Equal(t, 200, status)
	assert.JSONEq(t, fmt.Sprintf(`{"userUrl":"%s/users/example-user-id-1","groups":[%s],"nextUrl":null}`,
		srv.URL, mustJSON(t, map[string]string{"id": g.ID, "name": g.Name, "url": g.URL, "membersUrl": g.MembersURL,
			"reportersUrl": g.ReportersURL, "managersUrl": g.ManagersURL})), string(body))

	status, _ = call(t, srv, "DELETE", "/groups/"+g.ID+"/reporters/"+r.ID, "", nil)
	assert.Equal(t, 204, status)
	assert.Equal(t, map[string]int{reach360test.OpGroupsAddReporter: 1, reach360test.OpGroupsRemoveReporter: 1}, srv.AppliedCounts())
}

func TestNewEndpointErrorCodes(t *testing.T) {
	srv := reach360test.NewServer(t)
	g := srv.AddGroup("Sales")
	learner := srv.AddUser(reach360.User{Email: "a@example.com"})
	srv.AddInvitation(reach360.InvitationParams{Email: "pending@example.com"})
	cases := []struct {
		method, path, body string
		status             int
		code               string
	}{
		{"POST", "/invitations", `{"email":"a@example.com"}`, 409, "user_exists"},
		{"POST", "/invitations", `{"email":"pending@example.com"}`, 409, "invite_pending"},
		{"POST", "/invitations", `{}`, 400, "invalid_request"},
		{"POST", "/invitations", `{"email":"x@example.com","groups":[""]}`, 400, "invalid_request"},
		{"GET", "/invitations?limit=0", ``, 400, "invalid_request"},
		{"GET", "/invitations/nope", ``, 404, "invitation_not_found"},
		{"DELETE", "/invitations/nope", ``, 404, "invitation_not_found"},
		{"GET", "/groups/nope/reporters", ``, 404, "group_not_found"},
		{"PUT", "/groups/nope/reporters/" + learner.ID, ``, 404, "group_not_found"},
		{"PUT", "/groups/" + g.ID + "/reporters/nope", ``, 404, "user_not_found"},
		{"PUT", "/groups/" + g.ID + "/reporters/" + learner.ID, ``, 400, "invalid_user_role"},
		{"DELETE", "/groups/" + g.ID + "/reporters/" + learner.ID, ``, 400, "invalid_user_role"},
		{"GET", "/users/nope/reporting-groups", ``, 404, "user_not_found"},
		{"GET", "/users/" + learner.ID + "/reporting-groups", ``, 400, "invalid_user_role"},
		{"GET", "/groups/nope/managers", ``, 404, "group_not_found"},
		{"GET", "/users/nope/managing-groups", ``, 404, "user_not_found"},
		{"GET", "/users/" + learner.ID + "/managing-groups", ``, 400, "invalid_user_role"},
	}
	for _, tc := range cases {
		t.Run(tc.method+" "+tc.path+" "+tc.body, func(t *testing.T) {
			status, body := call(t, srv, tc.method, tc.path, tc.body, nil)
			assertError(t, status, body, tc.status, tc.code)
		})
	}
	assert.Empty(t, srv.AppliedCounts())
}

// Answers carry the API-Version they were processed with, as the
// Introduction article says.
func TestAnswersCarryAPIVersion(t *testing.T) {
	srv := reach360test.NewServer(t)
	for _, sent := range []string{reach360.DefaultAPIVersion, ""} {
		req, err := http.NewRequestWithContext(t.Context(), "GET", srv.URL+"/groups", nil)
		require.NoError(t, err)
		req.Header.Set("Authorization", "Bearer "+string(reach360test.APIKey))
		if sent != "" {
			req.Header.Set("API-Version", sent)
		}
		resp, err := srv.Client().Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, 200, resp.StatusCode)
		assert.Equal(t, reach360.DefaultAPIVersion, resp.Header.Get("API-Version"), "sent %q", sent)
	}
}

func TestRoleSeedingPanics(t *testing.T) {
	srv := reach360test.NewServer(t)
	g := srv.AddGroup("Sales")
	learner := srv.AddUser(reach360.User{Email: "a@example.com"})
	assert.Panics(t, func() { srv.AddReporter(g.ID, learner.ID) })
	assert.Panics(t, func() { srv.AddReporter("nope", learner.ID) })
	assert.Panics(t, func() { srv.AddManager(g.ID, learner.ID) })
	assert.Panics(t, func() { srv.AddInvitation(reach360.InvitationParams{Email: "a@example.com"}) })
	assert.Panics(t, func() { srv.AddInvitation(reach360.InvitationParams{}) })
	assert.Nil(t, srv.ReporterIDs("nope"))
	assert.Nil(t, srv.ManagerIDs("nope"))
}

// Deleting a user or a group drops their reporter and manager
// assignments.
func TestDeletesDropAssignments(t *testing.T) {
	srv := reach360test.NewServer(t)
	sales := srv.AddGroup("Sales")
	support := srv.AddGroup("Support")
	r := srv.AddUser(reach360.User{Email: "r@example.com", Role: reach360.RoleReporter})
	m := srv.AddUser(reach360.User{Email: "m@example.com", Role: reach360.RoleManager})
	srv.AddReporter(sales.ID, r.ID)
	srv.AddReporter(support.ID, r.ID)
	srv.AddManager(sales.ID, m.ID)
	status, _ := call(t, srv, "DELETE", "/groups/"+sales.ID, "", nil)
	require.Equal(t, 204, status)
	_, body := call(t, srv, "GET", "/users/"+r.ID+"/reporting-groups", "", nil)
	assert.NotContains(t, string(body), sales.ID)
	assert.Contains(t, string(body), support.ID)
	_, body = call(t, srv, "GET", "/users/"+m.ID+"/managing-groups", "", nil)
	assert.Contains(t, string(body), `"groups":[]`)

	status, _ = call(t, srv, "DELETE", "/users/"+r.ID, "", nil)
	require.Equal(t, 204, status)
	assert.Empty(t, srv.ReporterIDs(support.ID))
}
