package alfaviewtest_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// sdkOperations is every operation of lib/Api/*Api.php at the SDK's newest
// commit: method and $resourcePath. 5 + 22 + 12 + 2 + 5 + 2 = 48.
var sdkOperations = []string{
	// AuthenticationApi
	"POST /v2/auth/api-key", "POST /v2/auth/group-link", "POST /v2/auth/guest-link", "POST /v2/auth/password",
	"GET /v2/auth/token-info",
	// RoomsApi
	"POST /v2/rooms/{roomId}/permissions", "POST /v2/rooms", "POST /v2/rooms/{roomId}/subrooms",
	"DELETE /v2/rooms/{roomId}/permissions/{userId}", "DELETE /v2/rooms/{id}", "DELETE /v2/rooms/{roomId}/features",
	"DELETE /v2/rooms/{roomId}/subrooms/{subroomId}", "GET /v2/rooms/{roomId}/language-settings", "GET /v2/rooms/{id}",
	"GET /v2/rooms/{roomId}/features", "GET /v2/languages", "GET /v2/rooms/{id}/participants", "GET /v2/permission-groups",
	"GET /v2/rooms/{roomId}/permissions", "GET /v2/room-types", "GET /v2/rooms", "GET /v2/rooms/{roomId}/subrooms",
	"PATCH /v2/rooms/{roomId}/language-settings", "PATCH /v2/rooms/{roomId}/permissions/{userId}", "PATCH /v2/rooms/{id}",
	"PATCH /v2/rooms/{roomId}/features", "PATCH /v2/rooms/{roomId}/subrooms/{subroomId}",
	// GuestsApi
	"POST /v2/rooms/{roomId}/group-links", "POST /v2/rooms/{roomId}/guest-links", "DELETE /v2/rooms/{roomId}/group-links/{id}",
	"DELETE /v2/rooms/{roomId}/guest-links/{id}", "GET /v2/group-links/{id}", "GET /v2/guest-links/{id}", "GET /v2/group-links",
	"GET /v2/rooms/{roomId}/group-links", "GET /v2/guest-links", "GET /v2/rooms/{roomId}/guest-links",
	"PATCH /v2/group-links/{id}", "PATCH /v2/guest-links/{id}",
	// ReportsApi
	"GET /v2/rooms/{roomId}/attendances", "GET /v2/stats",
	// MeetingsApi
	"POST /v2/meetings/{id}/cancellation", "POST /v2/meetings", "GET /v2/meetings/{id}", "GET /v2/meetings",
	"PATCH /v2/meetings/{id}",
	// UsersApi
	"POST /v2/users/invitation", "GET /v2/users",
}

// Every operation is routed: whatever the answer, it is the fake's JSON,
// not the mux's plain-text 404 or 405.
func TestEveryOperationIsServed(t *testing.T) {
	_, c := newServer(t)
	assert.Len(t, sdkOperations, 48)
	seen := map[string]bool{}
	for _, op := range sdkOperations {
		assert.False(t, seen[op], "listed twice: %s", op)
		seen[op] = true
		method, path, _ := strings.Cut(op, " ")
		for _, param := range []string{"{roomId}", "{userId}", "{subroomId}", "{id}"} {
			path = strings.ReplaceAll(path, param, "x")
		}
		body := ""
		if method != http.MethodGet && method != http.MethodDelete {
			body = `{}`
		}
		r := c.call(method, path, body)
		assert.Contains(t, r.header.Get("Content-Type"), "json", "%s: %d %s", op, r.status, r.raw)
		assert.NotEqual(t, http.StatusMethodNotAllowed, r.status, op)
	}
}

func TestUnknownRoutes(t *testing.T) {
	_, c := newServer(t)
	r := c.call(http.MethodGet, "/v2/nothing", "")
	assert.Equal(t, http.StatusNotFound, r.status)
	assert.Contains(t, r.header.Get("Content-Type"), "text/plain", "Go's mux answers unknown paths")
	r = c.call(http.MethodPut, "/v2/rooms", "{}")
	assert.Equal(t, http.StatusMethodNotAllowed, r.status)
	assert.Contains(t, r.header.Get("Allow"), http.MethodPost)
	r = c.call(http.MethodGet, "/json/v1/roomService/list", "")
	assert.Equal(t, http.StatusNotFound, r.status, "the JSON v1 API is not served")
}
