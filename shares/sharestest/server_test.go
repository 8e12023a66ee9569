package sharestest_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/grantkit/grantkit-go/internal/fakekit"
	"github.com/grantkit/grantkit-go/shares/sharestest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// call sends a raw request, as a client other than the SDK would; token is
// a string or a shares.BearerToken.
func call[T ~string](t *testing.T, srv *sharestest.Server, method, path string, token T, contentType, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequestWithContext(context.Background(), method, srv.URL+path, strings.NewReader(body))
	require.NoError(t, err)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+string(token))
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := srv.Client().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(b)
}

func seeded(t *testing.T, opts ...fakekit.Option) *sharestest.Server {
	srv := sharestest.NewServer(t, opts...)
	org := srv.AddOrganization("Office")
	srv.AddDevice(org.ID, "Front door")
	srv.AddUser("Ada", "Lovelace", "ada@example.com")
	srv.AddUser("Grace", "Hopper", "grace@example.com")
	return srv
}

// The reference's two create examples, verbatim: one answered with a
// shareId, the other (userId -1) with the documented 400 body.
func TestCreateExamplesFromTheReference(t *testing.T) {
	srv := seeded(t)
	const ok = `{
"organizationId": 1,
"schedule": [{
"dayOfWeek": "Monday",
"recurrence": "Weekly"
}
]
,
"permissions": {
"administrate": false,
"remoteActivate": true,
"assignKeyfob": true
}
,
"source": {
"deviceId": 1
}
,
"receiver": {
"userId": 2
}
,
"personalSettings": {
"notifications": true
}
}`
	status, body := call(t, srv, "POST", "/v2/shares", srv.Token(), "application/json", ok)
	require.Equal(t, 200, status, body)
	var ref struct {
		ShareID int64  `json:"shareId"`
		Token   string `json:"token"`
	}
	require.NoError(t, json.Unmarshal([]byte(body), &ref))
	assert.Equal(t, int64(1), ref.ShareID)
	assert.Len(t, ref.Token, 36)

	bad := strings.Replace(ok, `"userId": 2`, `"userId": -1`, 1)
	status, body = call(t, srv, "POST", "/v2/shares", srv.Token(), "application/json", bad)
	assert.Equal(t, 400, status)
	assert.Equal(t, `{"message":"Invalid input","code":"invalidInputErrorError","errorMessage":"Invalid input","errorCode":"invalidInputErrorError"}`,
		strings.TrimSpace(body), "the documented body, field for field and in order")
	assert.Equal(t, 1, srv.AppliedCount(sharestest.OpSharesCreate))
}

func TestCreateRejectsWhatTheAPIRejects(t *testing.T) {
	srv := seeded(t)
	base := map[string]any{
		"organizationId": 1,
		"source":         map[string]any{"deviceId": 1},
		"receiver":       map[string]any{"userId": 1},
	}
	for name, change := range map[string]func(m map[string]any){
		"no organization":  func(m map[string]any) { delete(m, "organizationId") },
		"no source":        func(m map[string]any) { delete(m, "source") },
		"two sources":      func(m map[string]any) { m["source"] = map[string]any{"deviceId": 1, "deviceGroupId": 1} },
		"two receivers":    func(m map[string]any) { m["receiver"] = map[string]any{"userId": 1, "userGroupId": 1} },
		"empty receiver":   func(m map[string]any) { m["receiver"] = map[string]any{} },
		"bad date":         func(m map[string]any) { m["startDate"] = "2022-6-23" },
		"impossible date":  func(m map[string]any) { m["endDate"] = "2023-02-29" },
		"bad time":         func(m map[string]any) { m["startTime"] = "8:00" },
		"end before start": func(m map[string]any) { m["startDate"], m["endDate"] = "2022-06-23", "2022-06-22" },
		"end time before":  func(m map[string]any) { m["startTime"], m["endTime"] = "10:00:00", "09:00:00" },
		"unknown day": func(m map[string]any) {
			m["schedule"] = []any{map[string]any{"dayOfWeek": "monday", "recurrence": "Weekly"}}
		},
		"unknown recurrence": func(m map[string]any) {
			m["schedule"] = []any{map[string]any{"dayOfWeek": "Monday", "recurrence": "Monthly"}}
		},
		"empty period": func(m map[string]any) {
			m["schedule"] = []any{map[string]any{"dayOfWeek": "Monday", "recurrence": "Daily",
				"period": map[string]any{"startTime": "08:00:00", "endTime": "08:00:00"}}}
		},
		"auto removal on create": func(m map[string]any) { m["autoRemoveAfter"] = "WEEK" },
		"id as text":             func(m map[string]any) { m["organizationId"] = "1" },
	} {
		t.Run(name, func(t *testing.T) {
			m := map[string]any{}
			for k, v := range base {
				m[k] = v
			}
			change(m)
			b, err := json.Marshal(m)
			require.NoError(t, err)
			status, body := call(t, srv, "POST", "/v2/shares", srv.Token(), "application/json", string(b))
			assert.Equal(t, 400, status, body)
			assert.Contains(t, body, `"code":"invalidInputErrorError"`)
		})
	}
	status, _ := call(t, srv, "POST", "/v2/shares", srv.Token(), "application/json", "{")
	assert.Equal(t, 400, status)
	assert.Zero(t, srv.ShareCount())
}

func TestAuthChecks(t *testing.T) {
	srv := seeded(t)
	const body = `{"organizationId":1,"source":{"deviceId":1},"receiver":{"userId":1}}`
	status, resp := call(t, srv, "GET", "/v2/shares", "", "", "")
	assert.Equal(t, 401, status)
	assert.Contains(t, resp, `"message":"Invalid authentication token"`)
	status, _ = call(t, srv, "GET", "/v2/shares", "nope", "", "")
	assert.Equal(t, 401, status)

	status, _ = call(t, srv, "GET", "/v2/shares", srv.ReadOnlyToken(), "", "")
	assert.Equal(t, 200, status)
	status, resp = call(t, srv, "POST", "/v2/shares", srv.ReadOnlyToken(), "application/json", body)
	assert.Equal(t, 403, status)
	assert.Contains(t, resp, `"message":"Insufficient rights"`)

	manageOnly := srv.AddToken(sharestest.ScopeManage)
	status, _ = call(t, srv, "POST", "/v2/shares", manageOnly, "application/json", body)
	assert.Equal(t, 200, status)
	status, _ = call(t, srv, "GET", "/v2/shares/1", manageOnly, "", "")
	assert.Equal(t, 403, status, "reads need the read scope")
}

func TestListIsABareArray(t *testing.T) {
	srv := seeded(t, fakekit.WithClock(fakekit.NewManualClock(time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC))))
	status, body := call(t, srv, "GET", "/v2/shares", srv.Token(), "", "")
	assert.Equal(t, 200, status)
	assert.Equal(t, "[]", strings.TrimSpace(body))

	alan := srv.AddUser("Alan", "Turing", "alan@example.com")
	inv := alan.Invitation
	call(t, srv, "POST", "/v2/shares", srv.Token(), "application/json",
		`{"organizationId":1,"startDate":"2030-01-01","source":{"deviceId":1},"receiver":{"userId":3}}`)
	status, body = call(t, srv, "GET", "/v2/shares?language=nl", srv.Token(), "", "")
	assert.Equal(t, 200, status)
	assert.JSONEq(t, `[{
		"id": 1,
		"organization": {"id": 1, "name": "Office", "personal": false},
		"creatorAccount": {"id": 1, "firstName": "Sam", "lastName": "Owner"},
		"startDate": "2030-01-01", "startTime": null, "endDate": null, "endTime": null,
		"schedule": [],
		"permissions": {"administrate": false, "remoteActivate": false, "assignKeyfob": false},
		"source": {"device": {"id": 1, "name": "Front door", "location": "", "remarks": "", "carouselImageUrl": ""}},
		"receiver": {"user": {"id": 3, "firstName": "Alan", "lastName": "Turing", "emailAddress": "alan@example.com", "phoneNumber": "",
			"emailAddressVerify": true, "emailAddressVerified": false, "phoneNumberVerify": false, "phoneNumberVerified": false,
			"registered": false, "invitation": {"token": "`+inv.Token+`", "url": "`+inv.URL+`", "expiration": "2030-01-15T00:00:00Z", "isExpired": false}}}
	}]`, body)

	status, _ = call(t, srv, "GET", "/v2/shares?deviceId=9", srv.Token(), "", "")
	assert.Equal(t, 404, status)
	status, _ = call(t, srv, "GET", "/v2/shares?deviceId=x", srv.Token(), "", "")
	assert.Equal(t, 400, status)
}

func TestWebKeyIsABareString(t *testing.T) {
	srv := seeded(t)
	call(t, srv, "POST", "/v2/shares", srv.Token(), "application/json",
		`{"organizationId":1,"startDate":"2030-01-01","endDate":"2030-01-02","source":{"deviceId":1},"receiver":{"userId":1}}`)
	status, body := call(t, srv, "POST", "/v2/shares/1/web-key", srv.Token(), "", "")
	require.Equal(t, 200, status)
	var link string
	require.NoError(t, json.Unmarshal([]byte(body), &link))
	assert.True(t, strings.HasPrefix(link, sharestest.WebKeyBaseURL))
}

func TestTokenEndpointRotates(t *testing.T) {
	clock := fakekit.NewManualClock(time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC))
	srv := seeded(t, fakekit.WithClock(clock))
	form := func(rt string) string {
		return url.Values{"grant_type": {"refresh_token"}, "refresh_token": {rt},
			"client_id": {sharestest.ClientID}, "client_secret": {sharestest.ClientSecret}}.Encode()
	}
	const formType = "application/x-www-form-urlencoded"
	rt := srv.AddRefreshToken()

	status, body := call(t, srv, "POST", "/v2/oauth/token", "", formType, form(rt))
	require.Equal(t, 200, status, body)
	var tok struct {
		AccessToken  string `json:"access_token"`
		RefreshToken string `json:"refresh_token"`
		TokenType    string `json:"token_type"`
		ExpiresIn    int64  `json:"expires_in"`
		AccountID    int64  `json:"account_id"`
	}
	require.NoError(t, json.Unmarshal([]byte(body), &tok))
	assert.Equal(t, "Bearer", tok.TokenType)
	assert.Equal(t, int64(86400), tok.ExpiresIn)
	assert.Equal(t, int64(1), tok.AccountID)
	assert.NotEqual(t, rt, tok.RefreshToken)
	assert.Equal(t, 1, srv.AuthCount())

	status, body = call(t, srv, "POST", "/v2/oauth/token", "", formType, form(rt))
	assert.Equal(t, 400, status)
	assert.JSONEq(t, `{"error":"invalid_grant","error_description":"The refresh token is invalid, expired or already used"}`, body)
	assert.Equal(t, 1, srv.AuthCount())

	status, _ = call(t, srv, "GET", "/v2/shares", tok.AccessToken, "", "")
	assert.Equal(t, 200, status)
	clock.Advance(24 * time.Hour)
	status, _ = call(t, srv, "GET", "/v2/shares", tok.AccessToken, "", "")
	assert.Equal(t, 401, status, "expired on the server's clock")

	status, body = call(t, srv, "POST", "/v2/oauth/token", "", formType, form(tok.RefreshToken))
	require.Equal(t, 200, status)
	require.NoError(t, json.Unmarshal([]byte(body), &tok))
	srv.ExpireSessions()
	status, _ = call(t, srv, "GET", "/v2/shares", tok.AccessToken, "", "")
	assert.Equal(t, 401, status)
	status, _ = call(t, srv, "GET", "/v2/shares", srv.Token(), "", "")
	assert.Equal(t, 200, status, "API keys survive ExpireSessions")

	status, body = call(t, srv, "POST", "/v2/oauth/token", "", "application/json", `{}`)
	assert.Equal(t, 400, status)
	assert.Contains(t, body, "invalid_request")
	bad := url.Values{"grant_type": {"refresh_token"}, "refresh_token": {tok.RefreshToken}, "client_id": {sharestest.ClientID}, "client_secret": {"x"}}
	status, body = call(t, srv, "POST", "/v2/oauth/token", "", formType, bad.Encode())
	assert.Equal(t, 401, status)
	assert.Contains(t, body, "invalid_client")
	code := url.Values{"grant_type": {"authorization_code"}, "code": {"c"}, "client_id": {sharestest.ClientID}, "client_secret": {sharestest.ClientSecret}}
	status, body = call(t, srv, "POST", "/v2/oauth/token", "", formType, code.Encode())
	assert.Equal(t, 400, status)
	assert.Contains(t, body, "unsupported_grant_type")
}

func TestUnknownShare(t *testing.T) {
	srv := seeded(t)
	for _, r := range []struct{ method, path string }{
		{"GET", "/v2/shares/7"}, {"PUT", "/v2/shares/7"}, {"DELETE", "/v2/shares/7"}, {"POST", "/v2/shares/7/web-key"},
	} {
		status, body := call(t, srv, r.method, r.path, srv.Token(), "application/json", "{}")
		assert.Equal(t, 404, status, r.method)
		assert.Contains(t, body, `"message":"share not found"`)
	}
	status, _ := call(t, srv, "GET", "/v2/shares/abc", srv.Token(), "", "")
	assert.Equal(t, 400, status)
}

// A PUT that leaves the dates out keeps them; one that sends them as null
// clears them, making the share permanent.
func TestUpdateNullDatesClearThem(t *testing.T) {
	srv := seeded(t)
	call(t, srv, "POST", "/v2/shares", srv.Token(), "application/json",
		`{"organizationId":1,"startDate":"2030-01-01","endDate":"2030-01-31","endTime":"18:00:00","source":{"deviceId":1},"receiver":{"userId":1}}`)
	status, _ := call(t, srv, "PUT", "/v2/shares/1", srv.Token(), "application/json", `{"permissions":{"administrate":true}}`)
	require.Equal(t, 200, status)
	_, body := call(t, srv, "GET", "/v2/shares/1", srv.Token(), "", "")
	assert.Contains(t, body, `"endDate":"2030-01-31"`)

	status, _ = call(t, srv, "PUT", "/v2/shares/1", srv.Token(), "application/json",
		`{"startDate":null,"startTime":null,"endDate":null,"endTime":null}`)
	require.Equal(t, 200, status)
	_, body = call(t, srv, "GET", "/v2/shares/1", srv.Token(), "", "")
	assert.Contains(t, body, `"startDate":null,"startTime":null,"endDate":null,"endTime":null`)
	assert.Contains(t, body, `"administrate":true`)
}

func TestRemoteActivation(t *testing.T) {
	srv := seeded(t)
	status, body := call(t, srv, "POST", "/v1/devices/1/remote-activation", srv.Token(), "", "")
	require.Equal(t, 200, status)
	assert.JSONEq(t, `{"deviceId":1,"errorCode":"OK","errorMessage":"OK","activationTime":30}`, body)
	assert.Equal(t, 1, srv.AppliedCount(sharestest.OpDevicesRemoteActivate))

	status, body = call(t, srv, "POST", "/v1/devices/9/remote-activation", srv.Token(), "", "")
	assert.Equal(t, 404, status)
	assert.Contains(t, body, "Device/Gateway not found")
	status, _ = call(t, srv, "POST", "/v1/devices/1/remote-activation", srv.ReadOnlyToken(), "", "")
	assert.Equal(t, 403, status, "remote activation needs the activate scope")
	assert.Equal(t, 1, srv.AppliedCount(sharestest.OpDevicesRemoteActivate))
}
