package alfaview_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/alfaview"
	"github.com/grantkit/grantkit-go/internal/transport"
)

// The documented failure bodies (vendor notes, "Replies and errors").
const (
	gatewayTokenOutdated = `{"code":16,"message":"token expired","details":[{"@type":"type.googleapis.com/common.ReplyInfo","requestId":"req-1","statusCode":"TOKEN_OUTDATED","statusMessage":"token expired"}]}`
	replyRoomNotFound    = `{"replyInfo":{"requestId":"req-2","statusCode":"ROOM_NOT_FOUND","statusMessage":"room not found"}}`
)

func TestDecodeErrorBodies(t *testing.T) {
	for _, tc := range []struct {
		name     string
		status   int
		body     string
		want     *alfaview.Error // nil: not an error
		sentinel []error
	}{
		{"gateway TOKEN_OUTDATED", 401, gatewayTokenOutdated,
			&alfaview.Error{HTTPStatus: 401, StatusCode: "TOKEN_OUTDATED", StatusMessage: "token expired", RequestID: "req-1"},
			[]error{alfaview.ErrTokenOutdated, alfaview.ErrAuthentication}},
		{"replyInfo TOKEN_OUTDATED", 200, `{"replyInfo":{"statusCode":"TOKEN_OUTDATED","statusMessage":"token expired"}}`,
			&alfaview.Error{HTTPStatus: 200, StatusCode: "TOKEN_OUTDATED", StatusMessage: "token expired"},
			[]error{alfaview.ErrTokenOutdated, alfaview.ErrAuthentication}},
		{"replyInfo ROOM_NOT_FOUND", 200, replyRoomNotFound,
			&alfaview.Error{HTTPStatus: 200, StatusCode: "ROOM_NOT_FOUND", StatusMessage: "room not found", RequestID: "req-2"},
			[]error{alfaview.ErrRoomNotFound, alfaview.ErrNotFound}},
		{"replyInfo NOT_FOUND", 200, `{"replyInfo":{"statusCode":"NOT_FOUND","statusMessage":"link not found"},"trackingInfo":{}}`,
			&alfaview.Error{HTTPStatus: 200, StatusCode: "NOT_FOUND", StatusMessage: "link not found"},
			[]error{alfaview.ErrNotFound}},
		{"INSUFFICIENT_PERMISSIONS", 200, `{"replyInfo":{"statusCode":"INSUFFICIENT_PERMISSIONS"}}`,
			&alfaview.Error{HTTPStatus: 200, StatusCode: "INSUFFICIENT_PERMISSIONS"},
			[]error{alfaview.ErrInsufficientPermissions, alfaview.ErrForbidden}},
		{"PERMISSION_DENIED", 200, `{"replyInfo":{"statusCode":"PERMISSION_DENIED","statusMessage":"no"}}`,
			&alfaview.Error{HTTPStatus: 200, StatusCode: "PERMISSION_DENIED", StatusMessage: "no"},
			[]error{alfaview.ErrInsufficientPermissions, alfaview.ErrForbidden}},
		{"PARTIAL_ERROR of another call", 200, `{"replyInfo":{"statusCode":"PARTIAL_ERROR","statusMessage":"some failed"}}`,
			&alfaview.Error{HTTPStatus: 200, StatusCode: "PARTIAL_ERROR", StatusMessage: "some failed"},
			[]error{alfaview.ErrPartial}},
		{"QUOTA_EXCEEDED", 200, `{"replyInfo":{"statusCode":"QUOTA_EXCEEDED","statusMessage":"no more rooms"}}`,
			&alfaview.Error{HTTPStatus: 200, StatusCode: "QUOTA_EXCEEDED", StatusMessage: "no more rooms"},
			[]error{alfaview.ErrQuotaExceeded}},
		{"INVALID_ARGUMENT", 200, `{"replyInfo":{"statusCode":"INVALID_ARGUMENT","statusMessage":"bad"}}`,
			&alfaview.Error{HTTPStatus: 200, StatusCode: "INVALID_ARGUMENT", StatusMessage: "bad"},
			[]error{alfaview.ErrInvalidArgument}},
		{"AUTHENTICATION_ERROR", 200, `{"replyInfo":{"statusCode":"AUTHENTICATION_ERROR","statusMessage":"invalid API credentials"}}`,
			&alfaview.Error{HTTPStatus: 200, StatusCode: "AUTHENTICATION_ERROR", StatusMessage: "invalid API credentials"},
			[]error{alfaview.ErrAuthentication}},
		{"unknown code kept verbatim", 200, `{"replyInfo":{"statusCode":"SOMETHING_NEW","statusMessage":"?"}}`,
			&alfaview.Error{HTTPStatus: 200, StatusCode: "SOMETHING_NEW", StatusMessage: "?"}, nil},
		{"gateway without details", 403, `{"code":7,"message":"permission denied","details":[]}`,
			&alfaview.Error{HTTPStatus: 403, StatusMessage: "permission denied"},
			[]error{alfaview.ErrInsufficientPermissions, alfaview.ErrForbidden}},
		{"gateway v1 error field", 400, `{"error":"bad json","code":3,"message":""}`,
			&alfaview.Error{HTTPStatus: 400, StatusMessage: "bad json"}, []error{alfaview.ErrInvalidArgument}},
		{"details of another type first", 404, `{"code":5,"message":"nf","details":[{"@type":"x","value":"AAE="},"odd",{"@type":"type.googleapis.com/common.ReplyInfo","statusCode":"ROOM_NOT_FOUND"}]}`,
			&alfaview.Error{HTTPStatus: 404, StatusCode: "ROOM_NOT_FOUND", StatusMessage: "nf"},
			[]error{alfaview.ErrRoomNotFound, alfaview.ErrNotFound}},
		{"HTML from a proxy", 502, "<html><body>\n<h1>502 Bad Gateway</h1></body></html>",
			&alfaview.Error{HTTPStatus: 502, StatusMessage: "<html><body> <h1>502 Bad Gateway</h1></body></html>"}, nil},
		{"empty body", 503, "", &alfaview.Error{HTTPStatus: 503}, nil},
		{"401 without a body", 401, "", &alfaview.Error{HTTPStatus: 401}, []error{alfaview.ErrAuthentication}},
		{"success", 200, `{"replyInfo":{"requestId":"r","statusMessage":"OK"},"groupLinks":[]}`, nil, nil},
		{"explicit OK", 200, `{"replyInfo":{"statusCode":"OK","statusMessage":"OK"}}`, nil, nil},
		// CommonReplyStatusCode (alfaview-php-sdk v2.4.4): the request was
		// taken and runs on; trackingInfo follows it.
		{"ACCEPTED", 200, `{"replyInfo":{"statusCode":"ACCEPTED","statusMessage":"accepted"},"trackingInfo":{"taskId":"t"}}`, nil, nil},
		{"success without replyInfo", 200, `{"rooms":{}}`, nil, nil},
		{"2xx that is not JSON is left to the result decoder", 200, `not json`, nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := alfaview.CheckResponse(&transport.Response{StatusCode: tc.status, Body: []byte(tc.body),
				Op: "rooms.list", Method: "POST", Path: "/json/v1/roomService/list", Attempts: 1})
			if tc.want == nil {
				require.NoError(t, err)
				return
			}
			var e *alfaview.Error
			require.ErrorAs(t, err, &e)
			var pe *alfaview.PartialError
			if errors.As(err, &pe) {
				assert.Nil(t, pe.GroupLinks)
				assert.Nil(t, pe.GuestLinks)
			}
			tc.want.Op, tc.want.Method, tc.want.Path, tc.want.Attempts = "rooms.list", "POST", "/json/v1/roomService/list", 1
			assert.Equal(t, tc.want, e)
			for _, s := range tc.sentinel {
				assert.ErrorIs(t, err, s)
			}
			for _, s := range []error{alfaview.ErrTokenOutdated, alfaview.ErrAuthentication, alfaview.ErrInsufficientPermissions,
				alfaview.ErrForbidden, alfaview.ErrNotFound, alfaview.ErrRoomNotFound, alfaview.ErrQuotaExceeded,
				alfaview.ErrInvalidArgument, alfaview.ErrPartial, alfaview.ErrInvalidParams} {
				if !containsErr(tc.sentinel, s) {
					assert.NotErrorIs(t, err, s)
				}
			}
		})
	}
}

func containsErr(list []error, e error) bool {
	for _, x := range list {
		if x == e {
			return true
		}
	}
	return false
}

func TestErrorText(t *testing.T) {
	e := &alfaview.Error{HTTPStatus: 200, StatusCode: "ROOM_NOT_FOUND", StatusMessage: "room not found", RequestID: "req-2",
		Op: "links.createGroupLinks", Method: "POST", Path: "/json/v1/guestService.v2/createGroupLinks", Attempts: 2}
	assert.Equal(t, "alfaview: links.createGroupLinks (POST /json/v1/guestService.v2/createGroupLinks): 200 ROOM_NOT_FOUND: room not found [request req-2, 2 attempts]", e.Error())
}

// Through the client: an HTTP 200 failure is an error, never an empty
// result, and carries the request id sent when alfaview did not echo one.
func TestReplyInfoFailureIsAnError(t *testing.T) {
	m := newMock(t)
	m.on("guestService.v2/listGroupLinks", 200, `{"replyInfo":{"statusCode":"ROOM_NOT_FOUND","statusMessage":"room not found"},"groupLinks":[]}`, nil)
	c := m.client(seedCreds)
	links, err := c.Links.ListGroupLinks(alfaview.WithRequestID(context.Background(), "mine"), "r1")
	assert.Nil(t, links)
	var e *alfaview.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "mine", e.RequestID)
	assert.Equal(t, 200, e.HTTPStatus)
	assert.Equal(t, "links.listGroupLinks", e.Op)
	assert.Equal(t, "/json/v1/guestService.v2/listGroupLinks", e.Path)
	assert.ErrorIs(t, err, alfaview.ErrRoomNotFound)

	// Without WithRequestID the id is the random one that was sent.
	var sentID string
	m.on("guestService.v2/listGuestLinks", 502, `<html>bad gateway</html>`, func(_ *http.Request, body string) {
		sentID = requestIDOf(t, body)
	})
	_, err = c.Links.ListGuestLinks(context.Background(), "r1")
	require.ErrorAs(t, err, &e)
	assert.Equal(t, sentID, e.RequestID)
	assert.Equal(t, 4, e.Attempts, "a read is retried on 502")
	assert.Equal(t, "<html>bad gateway</html>", e.StatusMessage)
}

// Each call gets a fresh request id.
func TestRequestIDsAreFresh(t *testing.T) {
	m := newMock(t)
	var ids []string
	m.on("businessLogicService/permissionGroups/list", 200, `{"permissionGroups":{}}`, func(_ *http.Request, body string) {
		ids = append(ids, requestIDOf(t, body))
	})
	c := m.client(seedCreds)
	for range 3 {
		_, err := c.PermissionGroups.List(context.Background())
		require.NoError(t, err)
	}
	require.Len(t, ids, 3)
	assert.NotEqual(t, ids[0], ids[1])
	assert.NotEqual(t, ids[1], ids[2])
	assert.NotEmpty(t, ids[0])
}

func requestIDOf(t *testing.T, body string) string {
	t.Helper()
	var b struct {
		AccessInfo struct {
			RequestID string `json:"requestId"`
		} `json:"accessInfo"`
	}
	require.NoError(t, jsonUnmarshal(body, &b))
	return b.AccessInfo.RequestID
}

func TestAuthenticationFailure(t *testing.T) {
	m := newMock(t)
	m.authReply = func() *http.Response {
		return jsonResponse(200, `{"replyInfo":{"requestId":"","statusCode":"AUTHENTICATION_ERROR","statusMessage":"invalid API credentials"}}`)
	}
	c := m.client(seedCreds)
	_, err := c.PermissionGroups.List(context.Background())
	require.ErrorIs(t, err, alfaview.ErrAuthentication)
	require.ErrorIs(t, err, alfaview.ErrUnauthorized)
	var e *alfaview.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "auth.authenticate", e.Op)
	assert.Equal(t, 200, e.HTTPStatus)
	assert.Equal(t, "AUTHENTICATION_ERROR", e.StatusCode)
	assert.Equal(t, requestIDOfAuth(t, m.authBody[0]), e.RequestID, "the authenticate request's own id")
	assert.Len(t, m.authBody, 1, "a refused login is not retried")
	assert.NotContains(t, err.Error(), seedCreds.Secret)
	assert.Equal(t, "alfaview: permissionGroups.list: authenticate: auth.authenticate (POST /json/v1/authenticationService/authenticate): "+
		"200 AUTHENTICATION_ERROR: invalid API credentials [request "+e.RequestID+"]", err.Error(), "names the vendor once")

	// The gateway's 401 form of a refused login carries its status too.
	m.authReply = func() *http.Response {
		return jsonResponse(401, `{"code":16,"message":"invalid credentials","details":[]}`)
	}
	_, err = m.client(seedCreds).PermissionGroups.List(context.Background())
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 401, e.HTTPStatus)
	assert.ErrorIs(t, err, alfaview.ErrUnauthorized)
	assert.Equal(t, 1, strings.Count(err.Error(), "alfaview"), err.Error())
}

func requestIDOfAuth(t *testing.T, body string) string {
	t.Helper()
	var b struct {
		RequestID string `json:"requestId"`
	}
	require.NoError(t, jsonUnmarshal(body, &b))
	return b.RequestID
}

func TestAuthenticateReplyWithoutToken(t *testing.T) {
	m := newMock(t)
	m.authReply = func() *http.Response { return jsonResponse(200, `{"replyInfo":{"statusMessage":"OK"}}`) }
	_, err := m.client(seedCreds).PermissionGroups.List(context.Background())
	require.ErrorIs(t, err, transport.ErrMalformedResponse)
	var e *alfaview.Error
	assert.False(t, errors.As(err, &e))
}
