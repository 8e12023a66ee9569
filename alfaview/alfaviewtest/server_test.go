package alfaviewtest_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/grantkit/grantkit-go/alfaview"
	"github.com/grantkit/grantkit-go/alfaview/alfaviewtest"
	"github.com/grantkit/grantkit-go/internal/fakekit"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// post sends body to path and returns the status, decoded body and response.
func post(t *testing.T, srv *alfaviewtest.Server, path, body string, cookie ...string) (int, map[string]any, *http.Response) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, srv.URL+path, strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	if len(cookie) > 0 {
		req.Header.Set("Cookie", cookie[0])
	}
	resp, err := srv.Client().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	var out map[string]any
	require.NoError(t, json.Unmarshal(b, &out), string(b))
	return resp.StatusCode, out, resp
}

const apiKeyLogin = `{"requestId":"r1","authorizationCodeCredentials":{"clientId":"` + alfaviewtest.ClientID +
	`","code":"` + alfaviewtest.Secret + `","companyId":"` + alfaviewtest.CompanyID + `"}}`

func login(t *testing.T, srv *alfaviewtest.Server) (token, cookie string) {
	t.Helper()
	status, body, resp := post(t, srv, "/json/v1/authenticationService/authenticate", apiKeyLogin)
	require.Equal(t, 200, status)
	for _, c := range resp.Cookies() {
		if c.Name == "auth" {
			cookie = "auth=" + c.Value
		}
	}
	return body["accessToken"].(string), cookie
}

func access(token string) string {
	return `"accessInfo":{"requestId":"rq","accessToken":"` + token + `"}`
}

func TestAuthenticateReply(t *testing.T) {
	clock := fakekit.NewManualClock(time.Date(2030, 1, 1, 12, 0, 0, 0, time.UTC))
	srv := alfaviewtest.NewServer(t, fakekit.WithClock(clock))
	status, body, resp := post(t, srv, "/json/v1/authenticationService/authenticate", apiKeyLogin)
	require.Equal(t, 200, status)
	assert.Equal(t, map[string]any{"requestId": "r1", "statusMessage": "OK"}, body["replyInfo"])
	// An int64 as alfaview's gateway writes one: a decimal string (Unix seconds).
	assert.Equal(t, strconv.FormatInt(time.Date(2030, 1, 1, 13, 0, 0, 0, time.UTC).Unix(), 10), body["expiresAt"])
	assert.Equal(t, alfaviewtest.CompanyID, body["companyId"])
	assert.Equal(t, srv.UserID(), body["userId"])
	assert.NotEmpty(t, body["accessToken"])
	var cookie *http.Cookie
	for _, c := range resp.Cookies() {
		if c.Name == "auth" {
			cookie = c
		}
	}
	require.NotNil(t, cookie)
	assert.Equal(t, body["refreshToken"], cookie.Value)
	assert.Equal(t, 1, srv.AuthCount())

	// refreshTokenCredentials with the cookie; the old refresh token is used up.
	refresh := `{"requestId":"r2","refreshTokenCredentials":{"companyId":"` + alfaviewtest.CompanyID + `"}}`
	status, body, _ = post(t, srv, "/authenticationService/authenticate", refresh, "auth="+cookie.Value)
	require.Equal(t, 200, status)
	assert.NotEmpty(t, body["accessToken"])
	assert.Equal(t, 1, srv.RefreshCount())
	_, body, _ = post(t, srv, "/authenticationService/authenticate", refresh, "auth="+cookie.Value)
	assert.Equal(t, "AUTHENTICATION_ERROR", body["replyInfo"].(map[string]any)["statusCode"])
	_, body, _ = post(t, srv, "/authenticationService/authenticate", refresh)
	assert.Equal(t, "AUTHENTICATION_ERROR", body["replyInfo"].(map[string]any)["statusCode"])
	assert.Equal(t, 2, srv.AuthCount())

	// The refresh token in the body, as the SDK's model sends it, works
	// without the cookie.
	status, body, _ = post(t, srv, "/authenticationService/authenticate", apiKeyLogin)
	require.Equal(t, 200, status)
	inBody := `{"requestId":"r3","refreshTokenCredentials":{"refreshToken":"` + body["refreshToken"].(string) + `","companyId":"` + alfaviewtest.CompanyID + `"}}`
	_, body, _ = post(t, srv, "/authenticationService/authenticate", inBody)
	assert.NotEmpty(t, body["accessToken"], body)
	assert.Equal(t, 2, srv.RefreshCount())
}

func TestAuthenticateRefusals(t *testing.T) {
	srv := alfaviewtest.NewServer(t)
	for _, tc := range []struct{ body, code string }{
		{`{"authorizationCodeCredentials":{}}`, "REQUEST_ID_INVALID"},
		{`{"requestId":"r"}`, "INVALID_ARGUMENT"},
		{`{"requestId":"r","authorizationCodeCredentials":{"clientId":"` + alfaviewtest.ClientID + `","code":"nope","companyId":"` + alfaviewtest.CompanyID + `"}}`, "AUTHENTICATION_ERROR"},
		{`{"requestId":"r","usernamePasswordCredentials":{"username":"` + alfaviewtest.Username + `","password":"nope"}}`, "AUTHENTICATION_ERROR"},
		{`{"requestId":"r","usernamePasswordCredentials":{"username":"` + alfaviewtest.Username + `","password":"` + alfaviewtest.Password + `","companyId":"other"}}`, "AUTHENTICATION_ERROR"},
	} {
		status, body, _ := post(t, srv, "/authenticationService/authenticate", tc.body)
		assert.Equal(t, 200, status, tc.body)
		assert.Equal(t, tc.code, body["replyInfo"].(map[string]any)["statusCode"], tc.body)
	}
	status, _, _ := post(t, srv, "/authenticationService/authenticate",
		`{"requestId":"r","usernamePasswordCredentials":{"username":"`+alfaviewtest.Username+`","password":"`+alfaviewtest.Password+`"}}`)
	assert.Equal(t, 200, status)
	assert.Equal(t, 1, srv.AuthCount())
}

func TestTokenChecks(t *testing.T) {
	clock := fakekit.NewManualClock(time.Now())
	srv := alfaviewtest.NewServer(t, fakekit.WithClock(clock))
	token, _ := login(t, srv)
	const path = "/json/v1/businessLogicService/permissionGroups/list"

	status, body, _ := post(t, srv, path, `{`+access(token)+`}`)
	require.Equal(t, 200, status)
	assert.Len(t, body["permissionGroups"], 3)

	_, body, _ = post(t, srv, path, `{}`)
	assert.Equal(t, "ACCESS_INFO_MISSING", body["replyInfo"].(map[string]any)["statusCode"])
	_, body, _ = post(t, srv, path, `{"accessInfo":{"accessToken":"`+token+`"}}`)
	assert.Equal(t, "REQUEST_ID_INVALID", body["replyInfo"].(map[string]any)["statusCode"])

	status, body, _ = post(t, srv, path, `{`+access("forged")+`}`)
	assert.Equal(t, 401, status)
	assert.Equal(t, "UNAUTHENTICATED", body["details"].([]any)[0].(map[string]any)["statusCode"])

	clock.Advance(alfaviewtest.DefaultTokenLifetime)
	status, body, _ = post(t, srv, path, `{`+access(token)+`}`)
	assert.Equal(t, 401, status)
	assert.Equal(t, map[string]any{"code": 16.0, "message": "token expired", "details": []any{map[string]any{
		"@type": "type.googleapis.com/common.ReplyInfo", "requestId": "rq", "statusCode": "TOKEN_OUTDATED", "statusMessage": "token expired"}}}, body)

	srv.SetExpiredTokenForm(alfaviewtest.ReplyInfoForm)
	status, body, _ = post(t, srv, path, `{`+access(token)+`}`)
	assert.Equal(t, 200, status)
	assert.Equal(t, map[string]any{"replyInfo": map[string]any{"requestId": "rq", "statusCode": "TOKEN_OUTDATED", "statusMessage": "token expired"}}, body)

	fresh, _ := login(t, srv)
	srv.ExpireSessions()
	_, body, _ = post(t, srv, path, `{`+access(fresh)+`}`)
	assert.Equal(t, "TOKEN_OUTDATED", body["replyInfo"].(map[string]any)["statusCode"])
}

func TestRouting(t *testing.T) {
	srv := alfaviewtest.NewServer(t)
	token, _ := login(t, srv)
	status, body, _ := post(t, srv, "/json/v1/roomService/nope", `{`+access(token)+`}`)
	assert.Equal(t, 404, status)
	assert.Equal(t, 5.0, body["code"])
	status, _, _ = post(t, srv, "/roomService/list", `not json`)
	assert.Equal(t, 400, status)
	status, body, _ = post(t, srv, "/roomService/list", `{`+access(token)+`,"limit":1001}`)
	assert.Equal(t, 200, status)
	assert.Equal(t, "RANGE_ERROR", body["replyInfo"].(map[string]any)["statusCode"])

	resp, err := srv.Client().Get(srv.URL + "/json/v1/roomService/list")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusMethodNotAllowed, resp.StatusCode)
}

// The rooms object keeps insertion order, which is what the SDK's
// order-keeping decoder relies on.
func TestRoomsObjectOrder(t *testing.T) {
	srv := alfaviewtest.NewServer(t)
	token, _ := login(t, srv)
	for _, id := range []string{"c", "a", "b"} {
		srv.AddRoom(alfaview.Room{ID: id, DisplayName: id})
	}
	req, err := http.NewRequest(http.MethodPost, srv.URL+"/roomService/list", strings.NewReader(`{`+access(token)+`,"limit":2,"offset":1}`))
	require.NoError(t, err)
	resp, err := srv.Client().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	ia, ib := strings.Index(string(b), `"a":{`), strings.Index(string(b), `"b":{`)
	assert.True(t, ia > 0 && ib > ia, string(b))
	assert.NotContains(t, string(b), `"c":{`)
	assert.Panics(t, func() { srv.AddRoom(alfaview.Room{ID: "a"}) })
}

func TestSeededState(t *testing.T) {
	srv := alfaviewtest.NewServer(t)
	other := alfaviewtest.NewServer(t)
	assert.Equal(t, srv.PermissionGroupID("Moderator"), other.PermissionGroupID("moderator"), "ids are deterministic")
	assert.Regexp(t, `^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`, srv.PermissionGroupID("Participant"))
	assert.Empty(t, srv.PermissionGroupID("nobody"))
	assert.Empty(t, srv.Rooms())
	r := srv.AddRoom(alfaview.Room{DisplayName: "x"})
	assert.Equal(t, []alfaview.Room{r}, srv.Rooms())
	assert.Empty(t, srv.GroupLinks(r.ID))
	assert.Empty(t, srv.GuestLinks(r.ID))
	assert.Equal(t, alfaview.APIKeyCredentials{ClientID: alfaviewtest.ClientID, Secret: alfaviewtest.Secret, CompanyID: alfaviewtest.CompanyID}, srv.APIKeyCredentials())
}

func TestNewServerWithoutTB(t *testing.T) {
	srv := alfaviewtest.NewServer(nil)
	login(t, srv)
	srv.Close()
}
