package reach360_test

import (
	"errors"
	"net/http"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/reach360"
)

var allSentinels = []error{
	reach360.ErrInvalidParams, reach360.ErrDuplicateName, reach360.ErrGroupNotFound, reach360.ErrReadOnlyGroup,
	reach360.ErrInvalidAPIVersion, reach360.ErrNotFound, reach360.ErrUnauthorized, reach360.ErrRateLimited,
	reach360.ErrNoMorePages, reach360.ErrUserNotFound, reach360.ErrUserExists, reach360.ErrInvitePending,
	reach360.ErrInvalidUserRole,
}

func TestErrorDecoding(t *testing.T) {
	cases := []struct {
		name     string
		status   int
		body     string
		code     string
		message  string
		matches  []error
		contains string
	}{
		{
			name: "flat duplicate_name", status: 409,
			body: `{"code":"duplicate_name","message":"a group with this name already exists"}`,
			code: "duplicate_name", message: "a group with this name already exists",
			matches: []error{reach360.ErrDuplicateName},
		},
		{
			name: "duplicate_name as 400", status: 400,
			body: `{"code":"duplicate_name","message":"taken"}`,
			code: "duplicate_name", message: "taken",
			matches: []error{reach360.ErrDuplicateName},
		},
		{
			name: "nested group_not_found", status: 404,
			body: `{"error":{"code":"group_not_found","message":"cannot retrieve group"}}`,
			code: "group_not_found", message: "cannot retrieve group",
			matches: []error{reach360.ErrGroupNotFound, reach360.ErrNotFound},
		},
		{
			name: "errors list read_only_group", status: 403,
			body: `{"errors":[{"code":"read_only_group","message":"cannot modify Everyone"},{"code":"other","message":"second"}]}`,
			code: "read_only_group", message: "cannot modify Everyone; second",
			matches: []error{reach360.ErrReadOnlyGroup},
		},
		{
			name: "user_not_found", status: 404,
			body: `{"code":"user_not_found","message":"cannot list reporter's groups because user does not exist"}`,
			code: "user_not_found", message: "cannot list reporter's groups because user does not exist",
			matches: []error{reach360.ErrUserNotFound, reach360.ErrNotFound},
		},
		{
			name: "user_not_found as 400", status: 400,
			body: `{"code":"user_not_found","message":"no such user"}`,
			code: "user_not_found", message: "no such user",
			matches: []error{reach360.ErrUserNotFound},
		},
		{
			name: "user_exists", status: 409,
			body: `{"code":"user_exists","message":"cannot create an invitation because the specified email address already has an account"}`,
			code: "user_exists", message: "cannot create an invitation because the specified email address already has an account",
			matches: []error{reach360.ErrUserExists},
		},
		{
			name: "invite_pending", status: 400,
			body: `{"code":"invite_pending","message":"pending"}`,
			code: "invite_pending", message: "pending",
			matches: []error{reach360.ErrInvitePending},
		},
		{
			name: "invalid_user_role", status: 400,
			body: `{"code":"invalid_user_role","message":"cannot list reporter's groups because user is not a reporter"}`,
			code: "invalid_user_role", message: "cannot list reporter's groups because user is not a reporter",
			matches: []error{reach360.ErrInvalidUserRole},
		},
		{
			name: "invalid_api_version", status: 400,
			body: `{"code":"invalid_api_version","message":"unknown version"}`,
			code: "invalid_api_version", message: "unknown version",
			matches: []error{reach360.ErrInvalidAPIVersion},
		},
		{
			name: "404 without a code", status: 404,
			body:    `{"message":"Not Found"}`,
			message: "Not Found",
			matches: []error{reach360.ErrNotFound},
		},
		{
			name: "401 gateway body", status: 401,
			body:    `{"message":"Unauthorized"}`,
			message: "Unauthorized",
			matches: []error{reach360.ErrUnauthorized},
		},
		{
			name: "error as a string", status: 401,
			body:    `{"error":"invalid token"}`,
			message: "invalid token",
			matches: []error{reach360.ErrUnauthorized},
		},
		{
			name: "numeric code", status: 400,
			body: `{"code":4001,"message":"bad"}`,
			code: "4001", message: "bad",
		},
		{
			name: "HTML from a proxy", status: 502,
			body:    "<html>\n<body>Bad Gateway</body>\n</html>",
			message: "<html> <body>Bad Gateway</body> </html>",
		},
		{
			name: "empty body", status: 429,
			matches: []error{reach360.ErrRateLimited},
		},
		{
			name: "JSON without error fields", status: 500,
			body:    `{"stack":"at foo.js:1"}`,
			message: `{"stack":"at foo.js:1"}`,
		},
		{
			name: "control characters are dropped", status: 400,
			body: "{\"code\":\"x\",\"message\":\"line1\\nline2\\u001b[31m\"}",
			code: "x", message: "line1 line2[31m",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := newMock(t, reach360.WithMaxRetries(0))
			m.on("GET", base+"/groups/g1", tc.status, tc.body)
			_, err := m.c.Groups.Get(t.Context(), "g1")

			var e *reach360.Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, tc.status, e.StatusCode)
			assert.Equal(t, tc.code, e.Code)
			assert.Equal(t, tc.message, e.Message)
			assert.Equal(t, "groups.get", e.Op)
			assert.Equal(t, "GET", e.Method)
			assert.Equal(t, "/groups/g1", e.Path)
			assert.Equal(t, 1, e.Attempts)
			for _, s := range allSentinels {
				want := false
				for _, w := range tc.matches {
					want = want || w == s
				}
				assert.Equal(t, want, errors.Is(err, s), "errors.Is(err, %v)", s)
			}
		})
	}
}

func TestErrorText(t *testing.T) {
	m := newMock(t)
	m.on("POST", base+"/groups", 409, `{"code":"duplicate_name","message":"name taken"}`)
	_, err := m.c.Groups.Create(t.Context(), reach360.CreateGroupParams{Name: "Sales"})
	assert.EqualError(t, err, "reach360: groups.create (POST /groups): 409 duplicate_name: name taken")
}

func TestLongErrorBodyIsCut(t *testing.T) {
	m := newMock(t)
	long := make([]byte, 5000)
	for i := range long {
		long[i] = 'x'
	}
	m.on("GET", base+"/groups/g1", 400, string(long))
	_, err := m.c.Groups.Get(t.Context(), "g1")
	var e *reach360.Error
	require.ErrorAs(t, err, &e)
	assert.Less(t, len(e.Message), 300)
}

// Retries of a 5xx still end in the typed error of the last answer, with
// the attempt count.
func TestErrorAfterRetriesKeepsStatusAndAttempts(t *testing.T) {
	m := newMock(t)
	m.mt.RegisterResponder("GET", base+"/groups/g1",
		httpmock.NewStringResponder(http.StatusServiceUnavailable, `{"code":"unavailable","message":"try later"}`))
	_, err := m.c.Groups.Get(t.Context(), "g1")
	var e *reach360.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 503, e.StatusCode)
	assert.Equal(t, 4, e.Attempts)
	assert.Contains(t, err.Error(), "4 attempts")
	assert.Equal(t, 4, m.mt.GetTotalCallCount())
}
