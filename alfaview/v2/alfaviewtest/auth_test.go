package alfaviewtest_test

import (
	"encoding/base64"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/alfaview/v2/alfaviewtest"
)

func TestLogins(t *testing.T) {
	srv := alfaviewtest.NewServer(t)
	anon := &client{t: t, srv: srv}

	r := anon.want(http.StatusOK, http.MethodPost, "/v2/auth/api-key", apiKeyBody)
	assertShape(t, `{"accessToken":"string"}`, r.body)
	_, err := base64.StdEncoding.DecodeString(r.obj()["accessToken"].(string))
	assert.NoError(t, err, "the token is base64 (model AccessToken)")

	r = anon.want(http.StatusOK, http.MethodPost, "/v2/auth/password",
		`{"username":"`+alfaviewtest.Username+`","password":"`+alfaviewtest.Password+`"}`)
	assertShape(t, `{"accessToken":"string"}`, r.body)
	assert.Equal(t, 2, srv.AuthCount())

	for _, body := range []string{
		`{"clientId":"` + alfaviewtest.ClientID + `","key":"wrong","companyId":"` + alfaviewtest.CompanyID + `"}`,
		`{"clientId":"` + alfaviewtest.ClientID + `","key":"` + alfaviewtest.Key + `","companyId":"other"}`,
	} {
		assertProblem(t, anon.call(http.MethodPost, "/v2/auth/api-key", body), http.StatusUnauthorized)
	}
	assertProblem(t, anon.call(http.MethodPost, "/v2/auth/password", `{"username":"`+alfaviewtest.Username+`","password":"nope"}`),
		http.StatusUnauthorized)
	assert.Equal(t, 2, srv.AuthCount(), "failed logins do not count")
}

// Huma's answers to bodies it cannot take, as the fake gives them for
// every operation with a body.
func TestBodyErrors(t *testing.T) {
	srv := alfaviewtest.NewServer(t)
	anon := &client{t: t, srv: srv}

	r := anon.call(http.MethodPost, "/v2/auth/api-key", `{"clientId":"c","companyId":"x"}`)
	assertProblem(t, r, http.StatusUnprocessableEntity, map[string]any{"location": "body",
		"message": "expected required property key to be present", "value": map[string]any{"clientId": "c", "companyId": "x"}})

	r = anon.call(http.MethodPost, "/v2/auth/api-key", `{"clientId":"c","key":null,"companyId":7,"secret":"s"}`)
	assertProblem(t, withoutValues(r), http.StatusUnprocessableEntity,
		detail("body.companyId", "expected string"), detail("body.key", "expected string"), detail("body.secret", "unexpected property"))

	r = anon.call(http.MethodPost, "/v2/auth/api-key", `{"clientId":`)
	assertProblem(t, r, http.StatusBadRequest, map[string]any{"location": "body", "message": "unexpected end of JSON input", "value": `{"clientId":`})

	assertProblem(t, anon.call(http.MethodPost, "/v2/auth/api-key", ""), http.StatusBadRequest)

	r = anon.call(http.MethodPost, "/v2/auth/api-key", apiKeyBody, "Content-Type", "text/plain")
	assertProblem(t, withoutValues(r), http.StatusUnsupportedMediaType, detail("body", "unknown content type: text/plain"))
	anon.want(http.StatusOK, http.MethodPost, "/v2/auth/api-key", apiKeyBody)
	r = anon.call(http.MethodPost, "/v2/auth/api-key", apiKeyBody, "Content-Type", "application/merge-patch+json; charset=utf-8")
	assert.Equal(t, http.StatusOK, r.status, "a +json media type is JSON")
}

func TestAccessToken(t *testing.T) {
	clock := alfaviewtest.NewManualClock(time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC))
	srv, c := newServer(t, alfaviewtest.WithClock(clock))

	r := c.want(http.StatusOK, http.MethodGet, "/v2/auth/token-info", "")
	assert.Equal(t, map[string]any{"active": true, "expiresAt": "2030-01-02T04:04:05Z", "permissions": map[string]any{
		"manageCompany": true, "roomAdmin": true, "roomCreate": true, "roomList": true,
		"userAdmin": true, "userList": true, "userShow": true}}, r.body)

	assertProblem(t, c.as("").call(http.MethodGet, "/v2/rooms", ""), http.StatusUnauthorized)
	assertProblem(t, c.as("forged").call(http.MethodGet, "/v2/rooms", ""), http.StatusUnauthorized)
	r = c.as("Bearer "+c.token).call(http.MethodGet, "/v2/rooms", "")
	assertProblem(t, r, http.StatusUnauthorized)
	assert.Contains(t, r.obj()["detail"], "without Bearer", "the official client sends the token without a scheme")

	clock.Advance(alfaviewtest.DefaultTokenLifetime - time.Second)
	c.want(http.StatusOK, http.MethodGet, "/v2/rooms", "")
	clock.Advance(time.Second)
	r = c.call(http.MethodGet, "/v2/rooms", "")
	assertProblem(t, r, http.StatusUnauthorized)
	assert.Contains(t, r.obj()["detail"], "expired")
	r = c.want(http.StatusOK, http.MethodGet, "/v2/auth/token-info", "")
	assert.Equal(t, false, r.obj()["active"], "token-info reports an expired token as inactive")

	srv.SetTokenLifetime(time.Minute)
	fresh := c.as(c.login())
	r = fresh.want(http.StatusOK, http.MethodGet, "/v2/auth/token-info", "")
	assert.Equal(t, clock.Now().Add(time.Minute).Format(time.RFC3339), r.obj()["expiresAt"])
	clock.Advance(time.Minute)
	assertProblem(t, fresh.call(http.MethodGet, "/v2/rooms", ""), http.StatusUnauthorized)

	other := c.as(c.login())
	other.want(http.StatusOK, http.MethodGet, "/v2/rooms", "")
	srv.ExpireSessions()
	assertProblem(t, other.call(http.MethodGet, "/v2/rooms", ""), http.StatusUnauthorized)
}

func TestPermissionChecks(t *testing.T) {
	srv, admin := newServer(t)
	room := admin.room("Team")
	srv.SetPermissions(alfaviewtest.UserPermissions{RoomList: true})
	limited := admin.as(admin.login())
	admin.want(http.StatusNoContent, http.MethodPatch, "/v2/rooms/"+room, `{"displayName":"x"}`)

	limited.want(http.StatusOK, http.MethodGet, "/v2/rooms", "")
	for _, tc := range []struct{ method, path, body, permission string }{
		{http.MethodPost, "/v2/rooms", `{"displayName":"a","type":"room","waitingRoomEnabled":false}`, "roomCreate"},
		{http.MethodGet, "/v2/users", "", "userList"},
		{http.MethodPost, "/v2/users/invitation", `{}`, "userAdmin"},
	} {
		r := limited.call(tc.method, tc.path, tc.body)
		assertProblem(t, r, http.StatusForbidden)
		assert.Contains(t, r.obj()["detail"], tc.permission)
	}
	other := srv.AddRoom(alfaviewtest.Room{DisplayName: "Theirs", CreatedBy: "someone-else"})
	assertProblem(t, limited.call(http.MethodPatch, "/v2/rooms/"+other.ID, `{"displayName":"mine"}`), http.StatusForbidden)
	assertProblem(t, limited.call(http.MethodDelete, "/v2/rooms/"+other.ID, ""), http.StatusForbidden)
	limited.want(http.StatusNoContent, http.MethodPatch, "/v2/rooms/"+room, `{"displayName":"y"}`)

	srv.SetPermissions(alfaviewtest.UserPermissions{ManageCompany: true})
	implied := admin.as(admin.login())
	implied.want(http.StatusOK, http.MethodGet, "/v2/users", "")
	implied.want(http.StatusNoContent, http.MethodPatch, "/v2/rooms/"+other.ID, `{"displayName":"mine"}`)
	r := implied.want(http.StatusOK, http.MethodGet, "/v2/auth/token-info", "")
	assert.Equal(t, map[string]any{"manageCompany": true, "roomAdmin": false, "roomCreate": false, "roomList": false,
		"userAdmin": false, "userList": false, "userShow": false}, r.obj()["permissions"], "reported as set")

	managed := srv.AddRoom(alfaviewtest.Room{DisplayName: "Managed", Managed: true})
	r = admin.call(http.MethodDelete, "/v2/rooms/"+managed.ID, "")
	assertProblem(t, r, http.StatusForbidden)
	assert.Contains(t, r.obj()["detail"], "managed")
}

func TestGuestLogins(t *testing.T) {
	clock := alfaviewtest.NewManualClock(time.Date(2030, 1, 1, 12, 0, 0, 0, time.UTC))
	srv, c := newServer(t, alfaviewtest.WithClock(clock))
	room := c.room("Class")
	participant := srv.PermissionGroupID("Participant")
	from, until := clock.Now().Add(time.Hour), clock.Now().Add(2*time.Hour)
	group := srv.AddGroupLink(alfaviewtest.GroupLink{RoomID: room, Description: "class", PermissionGroupID: participant,
		ValidFrom: &from, ValidUntil: &until})
	guest := srv.AddGuestLink(alfaviewtest.GuestLink{RoomID: room, DisplayName: "Eve", EmailAddress: "eve@example.com",
		Locale: "en", PermissionGroupID: participant})
	anon := c.as("")
	groupBody := `{"accessKey":"` + group.AccessKey + `","companyId":"` + alfaviewtest.CompanyID + `","displayName":"Zoe","roomId":"` + room + `"}`

	r := anon.want(http.StatusOK, http.MethodPost, "/v2/auth/group-link", groupBody)
	assert.Equal(t, map[string]any{"displayName": "Zoe", "validFrom": "2030-01-01T13:00:00Z", "validUntil": "2030-01-01T14:00:00Z"},
		r.body, "not valid yet: no token")

	clock.Advance(time.Hour)
	r = anon.want(http.StatusOK, http.MethodPost, "/v2/auth/group-link", groupBody)
	assert.Equal(t, group.ID, r.obj()["participantId"])
	assert.Equal(t, "alfaview://apis.alfaview.com:443?companyId="+alfaviewtest.CompanyID+"&roomId="+room+
		"&token="+url.QueryEscape(r.obj()["accessToken"].(string)), r.obj()["clientLaunchUrl"])
	assert.Equal(t, "2030-01-01T14:00:00Z", r.obj()["tokenExpiresAt"])
	guestToken := c.as(r.obj()["accessToken"].(string))
	r = guestToken.want(http.StatusOK, http.MethodGet, "/v2/auth/token-info", "")
	assert.Equal(t, map[string]any{"manageCompany": false, "roomAdmin": false, "roomCreate": false, "roomList": false,
		"userAdmin": false, "userList": false, "userShow": false}, r.obj()["permissions"])
	assertProblem(t, guestToken.call(http.MethodGet, "/v2/rooms", ""), http.StatusForbidden)
	assertProblem(t, guestToken.call(http.MethodGet, "/v2/permission-groups", ""), http.StatusForbidden)
	assert.Equal(t, 1, srv.AuthCount(), "guest logins are not API logins")

	r = anon.want(http.StatusOK, http.MethodPost, "/v2/auth/guest-link",
		`{"accessKey":"`+guest.AccessKey+`","companyId":"`+alfaviewtest.CompanyID+`","displayName":"Evelyn","roomId":"`+room+`"}`)
	assert.Equal(t, "Evelyn", r.obj()["displayName"])
	assert.Equal(t, "0001-01-01T00:00:00Z", r.obj()["validFrom"], "a link without bounds")
	assert.Contains(t, r.obj()["clientLaunchUrl"], "&token="+url.QueryEscape(r.obj()["accessToken"].(string)))

	for _, body := range []string{
		`{"accessKey":"nope","companyId":"` + alfaviewtest.CompanyID + `","displayName":"Zoe","roomId":"` + room + `"}`,
		`{"accessKey":"` + group.AccessKey + `","companyId":"other","displayName":"Zoe","roomId":"` + room + `"}`,
		`{"accessKey":"` + group.AccessKey + `","companyId":"` + alfaviewtest.CompanyID + `","displayName":"Zoe","roomId":"other"}`,
	} {
		assertProblem(t, anon.call(http.MethodPost, "/v2/auth/group-link", body), http.StatusNotFound)
	}
	r = anon.call(http.MethodPost, "/v2/auth/group-link", `{"accessKey":"k","companyId":"c","roomId":"r"}`)
	assertProblem(t, withoutValues(r), http.StatusUnprocessableEntity, detail("body", "expected required property displayName to be present"))
	require.Equal(t, 1, srv.AuthCount())
}
