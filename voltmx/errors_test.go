package voltmx_test

import (
	"errors"
	"net/http"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/voltmx"
)

var allSentinels = []error{
	voltmx.ErrInvalidParams, voltmx.ErrUnauthorized, voltmx.ErrForbidden, voltmx.ErrNotFound, voltmx.ErrConflict,
	voltmx.ErrRateLimited, voltmx.ErrGroupNameRequired, voltmx.ErrEmailRequired,
	voltmx.ErrGroupNotFound, voltmx.ErrUserNotFound, voltmx.ErrActiveGroupDelete, voltmx.ErrActiveUserDelete,
	voltmx.ErrUserExists, voltmx.ErrDisplayNameRequired, voltmx.ErrUserNameChanged, voltmx.ErrAdhocPushRequired,
	voltmx.ErrInvalidPayload, voltmx.ErrUnknownPermission,
}

func TestDocumentedErrorBodies(t *testing.T) {
	cases := []struct {
		name    string
		status  int
		body    string
		want    error // nil: no sentinel matches
		message string
	}{
		{"adhoc push", 400, `{"message":"Application permissions can be enabled only for the group who has ADHOC_PUSH permission"}`,
			voltmx.ErrAdhocPushRequired, "Application permissions can be enabled only for the group who has ADHOC_PUSH permission"},
		{"group name", 400, `{"message":"Group name is required"}`, voltmx.ErrGroupNameRequired, "Group name is required"},
		{"email", 400, `{"message":"Email is required"}`, voltmx.ErrEmailRequired, "Email is required"},
		{"payload", 400, `{"message":"Invalid request payload. Error occurred at property selectedPermissionIds"}`,
			voltmx.ErrInvalidPayload, "Invalid request payload. Error occurred at property selectedPermissionIds"},
		{"group id", 400, `{"message":"Invalid group ID provided, or No group found with given ID"}`,
			voltmx.ErrGroupNotFound, "Invalid group ID provided, or No group found with given ID"},
		{"delete page spelling", 400, `{"id":"3","message":"Invalid Group ID provided or No Group found with given ID\""}`,
			voltmx.ErrGroupNotFound, `Invalid Group ID provided or No Group found with given ID"`},
		{"active delete", 400, `{"message":"Delete is not allowed on active group"}`, voltmx.ErrActiveGroupDelete, "Delete is not allowed on active group"},
		{"unauthorized", 401, `{"message":"Unauthorized request."}`, voltmx.ErrUnauthorized, "Unauthorized request."},
		{"server failure", 500, `{"message":"Server failure to process request"}`, nil, "Server failure to process request"},
		{"plain text sentence", 400, `Delete is not allowed on active group`, voltmx.ErrActiveGroupDelete, "Delete is not allowed on active group"},
		{"json string", 400, `"Email is required"`, voltmx.ErrEmailRequired, "Email is required"},
		{"spring error", 400, `{"timestamp":1,"status":400,"error":"Bad Request","message":"Group name is required","path":"/x"}`,
			voltmx.ErrGroupNameRequired, "Group name is required"},
		// A 404 is a wrong context path or a proxy, not a missing group.
		{"404 page", 404, `<html><body><h1>HTTP Status 404 – Not Found</h1></body></html>`,
			voltmx.ErrNotFound, "<html><body><h1>HTTP Status 404 – Not Found</h1></body></html>"},
		{"bodiless 404", 404, ``, voltmx.ErrNotFound, ""},
		{"403", 403, `{"message":"Forbidden"}`, voltmx.ErrForbidden, "Forbidden"},
		// The users pages' sentences (Create, Modify, Delete User).
		{"user exists", 400, `{"message":"User already exists with this user ID"}`, voltmx.ErrUserExists, "User already exists with this user ID"},
		{"user id", 400, `{"message":"Invalid User ID provided or No User found with given ID"}`,
			voltmx.ErrUserNotFound, "Invalid User ID provided or No User found with given ID"},
		{"user id delete page", 400, `{"message":"Invalid user ID provided or no user found with provided ID"}`,
			voltmx.ErrUserNotFound, "Invalid user ID provided or no user found with provided ID"},
		{"display name", 400, `{"message":"Display Name is required"}`, voltmx.ErrDisplayNameRequired, "Display Name is required"},
		{"user name changed", 400, `{"message":"Invalid 'userName' provided. 'userName' should not be modified"}`,
			voltmx.ErrUserNameChanged, "Invalid 'userName' provided. 'userName' should not be modified"},
		{"active user delete", 400, `{"message":"Delete is not allowed on active users"}`,
			voltmx.ErrActiveUserDelete, "Delete is not allowed on active users"},
		{"proxy 502", 502, `<html>Bad Gateway</html>`, nil, "<html>Bad Gateway</html>"},
		{"empty 503", 503, ``, nil, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			mt, c := newMock(t, nil, voltmx.WithMaxRetries(0))
			mt.RegisterResponder(http.MethodPost, mockBase+"/vpns/api/v1/accessmgmt/groups/3/delete",
				httpmock.NewStringResponder(tc.status, tc.body))
			err := c.Groups.Delete(t.Context(), 3)
			require.Error(t, err)
			var e *voltmx.Error
			require.True(t, errors.As(err, &e), "%T %v", err, err)
			assert.Equal(t, tc.status, e.StatusCode)
			assert.Equal(t, tc.message, e.Message)
			assert.Equal(t, "groups.delete", e.Op)
			assert.Equal(t, http.MethodPost, e.Method)
			assert.Equal(t, "/vpns/api/v1/accessmgmt/groups/3/delete", e.Path)
			assert.Equal(t, 1, e.Attempts)
			for _, s := range allSentinels {
				assert.Equal(t, s == tc.want, errors.Is(err, s), "errors.Is(%v)", s)
			}
			assert.Contains(t, err.Error(), "voltmx: groups.delete (POST /vpns/api/v1/accessmgmt/groups/3/delete): ")
		})
	}
}

func TestErrorKeepsEchoedID(t *testing.T) {
	mt, c := newMock(t, nil)
	respond(mt, http.MethodPost, mockBase+"/vpns/api/v1/accessmgmt/group/3/modify", 400,
		`{"id":3,"message":"Application permissions can be enabled only for the group who has ADHOC_PUSH permission"}`)
	err := c.Groups.Update(t.Context(), 3, &voltmx.UpdateGroupParams{GroupName: "g", Email: "e", PermissionIDs: []int64{1}, AppIDs: []string{"a"}})
	var e *voltmx.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "3", e.ID)
	assert.ErrorIs(t, err, voltmx.ErrAdhocPushRequired)
}

// A 404 names no missing group or user: the guide signals those with a 400
// sentence, and a 404 is what a wrong context path or a proxy answers.
func TestNotFoundIsAStatusError(t *testing.T) {
	mt, c := newMock(t, nil)
	respond(mt, http.MethodGet, mockBase+"/vpns/api/v1/accessmgmt/users/4", 404, `not here`)
	respond(mt, http.MethodGet, mockBase+"/vpns/api/v1/accessmgmt/groups/4", 404, ``)
	_, err := c.Users.Get(t.Context(), 4)
	assert.ErrorIs(t, err, voltmx.ErrNotFound)
	assert.NotErrorIs(t, err, voltmx.ErrUserNotFound)
	_, err = c.Groups.Get(t.Context(), 4)
	assert.ErrorIs(t, err, voltmx.ErrNotFound)
	assert.NotErrorIs(t, err, voltmx.ErrGroupNotFound)
	var e *voltmx.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 404, e.StatusCode)
	assert.Equal(t, "voltmx: groups.get (GET /vpns/api/v1/accessmgmt/groups/4): 404", err.Error())
}

func TestErrorTextIncludesAttempts(t *testing.T) {
	mt, c := newMock(t, nil)
	mt.RegisterResponder(http.MethodGet, mockBase+"/vpns/api/v1/accessmgmt/groups/1",
		httpmock.NewStringResponder(500, `{"message":"Server failure to process request"}`))
	_, err := c.Groups.Get(t.Context(), 1)
	var e *voltmx.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 4, e.Attempts, "a read is retried on 500")
	assert.Equal(t, "voltmx: groups.get (GET /vpns/api/v1/accessmgmt/groups/1): 500: Server failure to process request [4 attempts]", err.Error())
}
