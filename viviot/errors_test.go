package viviot_test

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/grantkit/grantkit-go/internal/fakekit"
	"github.com/grantkit/grantkit-go/viviot"
	"github.com/grantkit/grantkit-go/viviot/viviottest"
	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const stack = `   at Viviot.Api.AccessTemplateService.Get(GetAccessTemplate request) in C:\src\Secret\Path.cs:line 99`

func TestErrorBodies(t *testing.T) {
	all := []error{viviot.ErrUnauthorized, viviot.ErrForbidden, viviot.ErrNotFound, viviot.ErrValidation, viviot.ErrConflict, viviot.ErrInvalidParams}
	tests := []struct {
		name      string
		status    int
		body      string
		want      error // nil: none of the sentinels
		code, msg string
		fields    []viviot.FieldError
		text      string // a substring of Error()
	}{{
		name:   "validation",
		status: 400,
		body: `{"responseStatus":{"errorCode":"NotEmpty","message":"'Name' must not be empty.","stackTrace":"` + jsonEsc(stack) + `",
			"errors":[{"errorCode":"NotEmpty","fieldName":"Name","message":"'Name' must not be empty.","meta":{"PropertyName":"Name"}},
			          {"errorCode":"NotEmpty","fieldName":"Things","message":"'Things' must not be empty.","meta":{}}],"meta":{}}}`,
		want: viviot.ErrValidation, code: "NotEmpty", msg: "'Name' must not be empty.",
		fields: []viviot.FieldError{
			{ErrorCode: "NotEmpty", FieldName: "Name", Message: "'Name' must not be empty."},
			{ErrorCode: "NotEmpty", FieldName: "Things", Message: "'Things' must not be empty."},
		},
		text: "400 NotEmpty: 'Name' must not be empty.; 'Things' must not be empty.",
	}, {
		name: "not authenticated", status: 401,
		body: `{"responseStatus":{"errorCode":"Unauthorized","message":"Not Authenticated","errors":[]}}`,
		want: viviot.ErrUnauthorized, code: "Unauthorized", msg: "Not Authenticated", text: "401 Unauthorized: Not Authenticated",
	}, {
		name: "expired jwt", status: 401,
		body: `{"responseStatus":{"errorCode":"TokenException","message":"Token has expired"}}`,
		want: viviot.ErrUnauthorized, code: "TokenException", msg: "Token has expired",
	}, {
		name: "invalid role", status: 403,
		body: `{"responseStatus":{"errorCode":"Forbidden","message":"Invalid Role","errors":[]}}`,
		want: viviot.ErrForbidden, code: "Forbidden", msg: "Invalid Role", text: "403 Forbidden: Invalid Role",
	}, {
		name: "not found", status: 404,
		body: `{"data":null,"responseStatus":{"errorCode":"NotFound","message":"Access template not found"}}`,
		want: viviot.ErrNotFound, code: "NotFound", msg: "Access template not found",
	}, {
		name: "conflict", status: 409,
		body: `{"responseStatus":{"errorCode":"OptimisticConcurrencyException","message":"Template was changed"}}`,
		want: viviot.ErrConflict, code: "OptimisticConcurrencyException", msg: "Template was changed",
	}, {
		name: "server error with stack trace", status: 500,
		body: `{"responseStatus":{"errorCode":"NullReferenceException","message":"Object reference not set to an instance of an object.","stackTrace":"` + jsonEsc(stack) + `","errors":[]}}`,
		code: "NullReferenceException", msg: "Object reference not set to an instance of an object.",
	}, {
		name: "PascalCase names", status: 403,
		body: `{"ResponseStatus":{"ErrorCode":"Forbidden","Message":"Invalid Role","StackTrace":"` + jsonEsc(stack) + `"}}`,
		want: viviot.ErrForbidden, code: "Forbidden", msg: "Invalid Role",
	}, {
		name: "gateway JSON", status: 503, body: `{"message":"injected fault"}`, msg: "injected fault",
	}, {
		name: "HTML from a proxy", status: 502, body: "<html><body><h1>502 Bad Gateway</h1>\n</body></html>",
		msg: "<html><body><h1>502 Bad Gateway</h1> </body></html>",
	}, {
		name: "plain text 404", status: 404, body: "Handler for Request not found (404)",
		want: viviot.ErrNotFound, msg: "Handler for Request not found (404)",
	}, {
		name: "empty 401", status: 401, body: "", want: viviot.ErrUnauthorized, text: "(GET /access/templates): 401",
	}, {
		name: "unknown JSON shape keeps nothing", status: 500, body: `{"stackTrace":"` + jsonEsc(stack) + `","detail":5}`,
	}, {
		name: "error inside a 200", status: 200,
		body: `{"data":[],"responseStatus":{"errorCode":"Forbidden","message":"Invalid Role","stackTrace":"` + jsonEsc(stack) + `"}}`,
		want: viviot.ErrForbidden, code: "Forbidden", msg: "Invalid Role",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, mt := mockClient(t, viviot.BearerToken("tok-123"), viviot.WithMaxRetries(0))
			mt.RegisterResponder(http.MethodGet, base+"/access/templates", httpmock.NewStringResponder(tt.status, tt.body))
			_, err := c.AccessTemplates.List(t.Context(), nil)
			var e *viviot.Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, tt.status, e.StatusCode)
			assert.Equal(t, tt.code, e.ErrorCode)
			assert.Equal(t, tt.msg, e.Message)
			assert.Equal(t, tt.fields, e.FieldErrors)
			assert.Equal(t, "accessTemplates.list", e.Op)
			assert.Equal(t, "GET", e.Method)
			assert.Equal(t, "/access/templates", e.Path)
			assert.Equal(t, 1, e.Attempts)
			for _, s := range all {
				assert.Equal(t, s == tt.want, errors.Is(err, s), "errors.Is(err, %v)", s)
			}
			assert.True(t, strings.HasPrefix(err.Error(), "viviot: accessTemplates.list (GET /access/templates): "), err.Error())
			if tt.text != "" {
				assert.Contains(t, err.Error(), tt.text)
			}
			for _, s := range []string{err.Error(), fmt.Sprintf("%v", err), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", e)} {
				assert.NotContains(t, s, "Secret")
				assert.NotContains(t, s, "line 99")
			}
		})
	}
}

func jsonEsc(s string) string { return strings.ReplaceAll(s, `\`, `\\`) }

// TestStackTraceFromFakeIsDropped: the fake's 500 carries a stack trace as
// ServiceStack's debug mode does; no part of it reaches the caller.
func TestStackTraceFromFakeIsDropped(t *testing.T) {
	f := newFixture(t)
	f.srv.Inject(fakekit.Fault{Status: 500, Body: viviottest.ErrorBody("NullReferenceException", "Object reference not set")})
	_, err := f.c.AccessTemplates.List(t.Context(), nil)
	require.NoError(t, err, "a read is retried past one 500")

	f.srv.Inject(fakekit.Fault{Status: 500, Times: -1, Body: viviottest.ErrorBody("NullReferenceException", "Object reference not set")})
	_, err = f.c.AccessTemplates.List(t.Context(), nil)
	var e *viviot.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 500, e.StatusCode)
	assert.Equal(t, 4, e.Attempts)
	assert.Equal(t, "NullReferenceException", e.ErrorCode)
	for _, s := range []string{err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", e)} {
		assert.NotContains(t, s, "AccessTemplateService.cs")
		assert.NotContains(t, s, "ServiceRunner")
	}
	assert.Contains(t, err.Error(), "[4 attempts]")
}
