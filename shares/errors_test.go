package shares_test

import (
	"context"
	"errors"
	"testing"

	"github.com/grantkit/grantkit-go/shares"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The reference's error bodies: the seed's "Create a share with invalid
// User Id" answer and the devices endpoint's DeviceFirmwareOutdated answer.
const (
	invalidInputBody = `{
"message": "Invalid input",
"code": "invalidInputErrorError",
"errorMessage": "Invalid input",
"errorCode": "invalidInputErrorError"
}`
	firmwareBody = `{ "message": "A new firmware update is available for your Bold product. We recommend to update to the newest version to have the best experience.", "code": "DeviceFirmwareOutdated", "errorMessage": "A new firmware update is available for your Bold product. We recommend to update to the newest version to have the best experience.", "errorCode": "DeviceFirmwareOutdated" }`
)

func TestErrorDecoding(t *testing.T) {
	tests := []struct {
		name        string
		status      int
		body        string
		code, msg   string
		is, isNot   []error
		wantInError string
	}{
		{
			name: "documented invalid input", status: 400, body: invalidInputBody,
			code: "invalidInputErrorError", msg: "Invalid input",
			is: []error{shares.ErrInvalidInput}, isNot: []error{shares.ErrShareNotFound, shares.ErrInvalidParams},
			wantInError: "400 invalidInputErrorError: Invalid input",
		},
		{
			name: "only the error pair", status: 400, body: `{"errorMessage": "Ongeldige invoer", "errorCode": "invalidInputErrorError"}`,
			code: "invalidInputErrorError", msg: "Ongeldige invoer", is: []error{shares.ErrInvalidInput},
		},
		{
			name: "only the plain pair", status: 400, body: `{"message": "Invalid input", "code": "invalidInputErrorError"}`,
			code: "invalidInputErrorError", msg: "Invalid input", is: []error{shares.ErrInvalidInput},
		},
		{
			name: "firmware outdated", status: 400, body: firmwareBody,
			code: "DeviceFirmwareOutdated", msg: "A new firmware update is available for your Bold product. We recommend to update to the newest version to have the best experience.",
			is: []error{shares.ErrDeviceFirmwareOutdated}, isNot: []error{shares.ErrOldAppVersion},
		},
		{
			name: "old app version", status: 400, body: `{"code": "OldAppVersion", "message": "Update the app"}`,
			code: "OldAppVersion", msg: "Update the app", is: []error{shares.ErrOldAppVersion},
		},
		{
			name: "invalid token", status: 401, body: `{"message": "Invalid authentication token"}`,
			msg: "Invalid authentication token", is: []error{shares.ErrUnauthorized}, isNot: []error{shares.ErrForbidden},
		},
		{
			name: "insufficient rights", status: 403, body: `{"message": "Insufficient rights", "code": "x"}`,
			code: "x", msg: "Insufficient rights", is: []error{shares.ErrForbidden},
		},
		{
			name: "share not found", status: 404, body: `{"message": "share not found"}`,
			msg: "share not found", is: []error{shares.ErrShareNotFound},
		},
		{
			name: "fields of the wrong type are skipped", status: 404, body: `{"code": 17, "message": ["x"], "errorMessage": "share not found"}`,
			msg: "share not found", is: []error{shares.ErrShareNotFound},
		},
		{
			name: "HTML from a proxy", status: 502, body: "<html>\n<body>Bad Gateway</body></html>",
			msg: "<html> <body>Bad Gateway</body></html>", isNot: []error{shares.ErrInvalidInput},
			wantInError: "502: <html>",
		},
		{
			name: "empty body", status: 500, body: "",
		},
		{
			name: "stack traces are not kept", status: 500, body: `{"message": "boom", "trace": "java.lang.NullPointerException at com.bold.Secret"}`,
			msg: "boom",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, seen := mockAPI(t, shares.BearerToken("tok"), tt.status, tt.body)
			_, err := c.Shares.Get(context.Background(), 3)
			var e *shares.Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, tt.status, e.StatusCode)
			assert.Equal(t, tt.code, e.Code)
			assert.Equal(t, tt.msg, e.Message)
			assert.Equal(t, "shares.get", e.Op)
			assert.Equal(t, "GET", e.Method)
			assert.Equal(t, "/v2/shares/3", e.Path)
			assert.Equal(t, 1, e.Attempts)
			assert.Len(t, *seen, 1)
			for _, s := range tt.is {
				assert.ErrorIs(t, err, s)
			}
			for _, s := range tt.isNot {
				assert.NotErrorIs(t, err, s)
			}
			assert.NotContains(t, err.Error(), "NullPointer")
			if tt.wantInError != "" {
				assert.Contains(t, err.Error(), tt.wantInError)
			}
		})
	}
}

func TestErrorText(t *testing.T) {
	e := &shares.Error{StatusCode: 400, Code: "invalidInputErrorError", Message: "Invalid input",
		Op: "shares.create", Method: "POST", Path: "/v2/shares", Attempts: 2}
	assert.Equal(t, "shares: shares.create (POST /v2/shares): 400 invalidInputErrorError: Invalid input [2 attempts]", e.Error())
}

func TestErrorIsOnlyMatchesItsSentinels(t *testing.T) {
	e := &shares.Error{StatusCode: 404}
	assert.True(t, errors.Is(e, shares.ErrShareNotFound))
	assert.False(t, errors.Is(e, shares.ErrInvalidInput))
	assert.False(t, errors.Is(e, nil))
	assert.False(t, errors.Is(e, errors.New("shares: share not found")))
}
