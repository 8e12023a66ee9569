package viviottest_test

import (
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/grantkit/grantkit-go/internal/fakekit"
	"github.com/grantkit/grantkit-go/viviot"
	"github.com/grantkit/grantkit-go/viviot/viviottest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// These tests speak raw HTTP, so the fake's wire format is checked
// against the service's documentation and not against the SDK.

type answer struct {
	status int
	header http.Header
	body   string
}

func call(t *testing.T, srv *viviottest.Server, method, path, body string, header ...string) answer {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequestWithContext(t.Context(), method, srv.URL+path, rd)
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := srv.Client().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return answer{resp.StatusCode, resp.Header, string(b)}
}

const adminLogin = `{"userName":"` + viviottest.AdminUserName + `","password":"` + viviottest.AdminPassword + `","rememberMe":true}`

// login returns the bearer header of a fresh admin session.
func login(t *testing.T, srv *viviottest.Server) string {
	t.Helper()
	a := call(t, srv, "POST", "/auth/credentials", adminLogin)
	require.Equal(t, 200, a.status, a.body)
	var out struct{ BearerToken string }
	require.NoError(t, json.Unmarshal([]byte(a.body), &out))
	require.NotEmpty(t, out.BearerToken)
	return "Bearer " + out.BearerToken
}

func TestLoginBearer(t *testing.T) {
	srv := viviottest.NewServer(t)
	a := call(t, srv, "POST", "/auth/credentials", adminLogin)
	require.Equal(t, 200, a.status)
	var out map[string]any
	require.NoError(t, json.Unmarshal([]byte(a.body), &out))
	for _, k := range []string{"userId", "sessionId", "userName", "bearerToken", "refreshToken", "roles"} {
		assert.Contains(t, out, k)
	}
	parts := strings.Split(out["bearerToken"].(string), ".")
	require.Len(t, parts, 3)
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	require.NoError(t, err)
	var claims struct{ Exp, Iat int64 }
	require.NoError(t, json.Unmarshal(payload, &claims))
	assert.Equal(t, int64(viviottest.DefaultTokenLifetime/time.Second), claims.Exp-claims.Iat)

	cookies := map[string]string{}
	for _, c := range (&http.Response{Header: a.header}).Cookies() {
		cookies[c.Name] = c.Value
	}
	assert.NotEmpty(t, cookies["ss-id"])
	assert.NotEmpty(t, cookies["ss-pid"])
	assert.Equal(t, "perm", cookies["ss-opt"])
	assert.Equal(t, 1, srv.AuthCount())
}

func TestLoginCookies(t *testing.T) {
	srv := viviottest.NewServer(t)
	srv.SetAuthMode(viviottest.AuthCookies)
	a := call(t, srv, "POST", "/auth/credentials", adminLogin)
	require.Equal(t, 200, a.status)
	assert.NotContains(t, a.body, "bearerToken")

	var ck []string
	cookies := map[string]string{}
	for _, c := range (&http.Response{Header: a.header}).Cookies() {
		ck = append(ck, c.Name+"="+c.Value)
		cookies[c.Name] = c.Value
	}
	assert.Equal(t, 200, call(t, srv, "GET", "/access/templates", "", "Cookie", strings.Join(ck, "; ")).status)
	// rememberMe keys the session on ss-pid, which ss-opt=perm announces.
	assert.Equal(t, 401, call(t, srv, "GET", "/access/templates", "", "Cookie", "ss-id="+cookies["ss-id"]).status)
	assert.Equal(t, 200, call(t, srv, "GET", "/access/templates", "", "Cookie", "ss-pid="+cookies["ss-pid"]+"; ss-opt=perm").status)

	// Without rememberMe the session is keyed on ss-id.
	a = call(t, srv, "POST", "/auth/credentials", `{"userName":"`+viviottest.AdminUserName+`","password":"`+viviottest.AdminPassword+`"}`)
	for _, c := range (&http.Response{Header: a.header}).Cookies() {
		cookies[c.Name] = c.Value
	}
	assert.Equal(t, "temp", cookies["ss-opt"])
	assert.Equal(t, 200, call(t, srv, "GET", "/access/templates", "", "Cookie", "ss-id="+cookies["ss-id"]).status)
}

// ServiceStack v6's default with JWTs: the login answers with neither a
// bearerToken nor a session id, and sets the JWT in ss-tok (its refresh
// token in ss-reftok); the API takes the ss-tok cookie alone.
func TestLoginTokenCookie(t *testing.T) {
	srv := viviottest.NewServer(t)
	srv.SetAuthMode(viviottest.AuthTokenCookie)
	a := call(t, srv, "POST", "/auth/credentials", adminLogin)
	require.Equal(t, 200, a.status)
	assert.NotContains(t, a.body, "bearerToken")
	assert.NotContains(t, a.body, "sessionId")
	cookies := map[string]string{}
	for _, c := range (&http.Response{Header: a.header}).Cookies() {
		cookies[c.Name] = c.Value
	}
	assert.Len(t, cookies, 2)
	require.Contains(t, cookies, "ss-tok")
	assert.Contains(t, cookies, "ss-reftok")
	assert.Equal(t, 3, len(strings.Split(cookies["ss-tok"], ".")), "a JWT")
	assert.Equal(t, 200, call(t, srv, "GET", "/access/templates", "", "Cookie", "ss-tok="+cookies["ss-tok"]).status)
	assert.Equal(t, 401, call(t, srv, "GET", "/access/templates", "", "Cookie", "ss-tok=forged").status)
}

// AccessAdmin may list templates but not read one: the metadata pages
// grant it GetAccessTemplates and not GetAccessTemplate.
func TestAccessAdminListsOnly(t *testing.T) {
	srv := viviottest.NewServer(t)
	tpl := srv.AddTemplate(viviottest.AccessTemplate{Name: "T", Things: []viviot.ThingAccess{{ThingID: srv.AddThing(viviottest.Thing{Name: "D"}).ID}}})
	srv.AddUser(viviottest.User{UserName: "reader", Password: "pw", Roles: []string{viviottest.RoleAccessAdmin}})
	a := call(t, srv, "POST", "/auth/credentials", `{"userName":"reader","password":"pw"}`)
	require.Equal(t, 200, a.status)
	var out struct{ BearerToken string }
	require.NoError(t, json.Unmarshal([]byte(a.body), &out))
	auth := "Bearer " + out.BearerToken
	assert.Equal(t, 200, call(t, srv, "GET", "/access/templates", "", "Authorization", auth).status)
	assert.Equal(t, 403, call(t, srv, "GET", "/access/template?AccessTemplateId="+tpl.ID.String(), "", "Authorization", auth).status)
}

func TestLoginFailures(t *testing.T) {
	srv := viviottest.NewServer(t)
	a := call(t, srv, "POST", "/auth/credentials", `{"userName":"","password":""}`)
	assert.Equal(t, 400, a.status)
	assert.JSONEq(t, `{"responseStatus":{"errorCode":"NotEmpty","message":"'User Name' must not be empty.","errors":[
		{"errorCode":"NotEmpty","fieldName":"UserName","message":"'User Name' must not be empty.","meta":{"PropertyName":"UserName"}},
		{"errorCode":"NotEmpty","fieldName":"Password","message":"'Password' must not be empty.","meta":{"PropertyName":"Password"}}]}}`, a.body)

	a = call(t, srv, "POST", "/auth/credentials", `{"userName":"`+viviottest.AdminUserName+`","password":"nope"}`)
	assert.Equal(t, 401, a.status)
	assert.JSONEq(t, `{"responseStatus":{"errorCode":"Unauthorized","message":"Invalid UserName or Password","errors":[]}}`, a.body)

	a = call(t, srv, "POST", "/auth/credentials", `{"userName":`)
	assert.Equal(t, 400, a.status)
	assert.Contains(t, a.body, `"errorCode":"SerializationException"`)

	// User names compare case-insensitively, as in ServiceStack.
	a = call(t, srv, "POST", "/auth/credentials", `{"userName":"`+strings.ToUpper(viviottest.AdminUserName)+`","password":"`+viviottest.AdminPassword+`"}`)
	assert.Equal(t, 200, a.status)
	assert.Equal(t, 1, srv.AuthCount())
}

func TestUnauthenticatedAndForbidden(t *testing.T) {
	srv := viviottest.NewServer(t)
	a := call(t, srv, "GET", "/access/templates", "")
	assert.Equal(t, 401, a.status)
	assert.JSONEq(t, `{"responseStatus":{"errorCode":"Unauthorized","message":"Not Authenticated","errors":[]}}`, a.body)

	a = call(t, srv, "GET", "/access/templates", "", "Authorization", "Bearer forged")
	assert.Equal(t, 401, a.status)
	assert.Contains(t, a.body, `"errorCode":"TokenException"`)

	srv.AddUser(viviottest.User{UserName: "guest", Password: "pw", Roles: []string{"Guest"}})
	a = call(t, srv, "POST", "/auth/credentials", `{"userName":"guest","password":"pw"}`)
	var out struct{ BearerToken string }
	require.NoError(t, json.Unmarshal([]byte(a.body), &out))
	a = call(t, srv, "POST", "/access/template", `{"name":""}`, "Authorization", "Bearer "+out.BearerToken)
	assert.Equal(t, 403, a.status, "roles are checked before validation")
	assert.JSONEq(t, `{"responseStatus":{"errorCode":"Forbidden","message":"Invalid Role","errors":[]}}`, a.body)
}

func TestSessionExpiry(t *testing.T) {
	clock := fakekit.NewManualClock(time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC))
	srv := viviottest.NewServer(t, fakekit.WithClock(clock))
	bearer := login(t, srv)
	assert.Equal(t, 200, call(t, srv, "GET", "/access/templates", "", "Authorization", bearer).status)
	clock.Advance(viviottest.DefaultTokenLifetime)
	a := call(t, srv, "GET", "/access/templates", "", "Authorization", bearer)
	assert.Equal(t, 401, a.status)
	assert.JSONEq(t, `{"responseStatus":{"errorCode":"TokenException","message":"Token has expired","errors":[]}}`, a.body)

	bearer = login(t, srv)
	srv.ExpireSessions()
	assert.Equal(t, 401, call(t, srv, "GET", "/access/templates", "", "Authorization", bearer).status)
	assert.Equal(t, 2, srv.AuthCount())

	tok := srv.IssueToken(viviottest.AdminUserName)
	assert.Equal(t, 200, call(t, srv, "GET", "/access/templates", "", "Authorization", "Bearer "+tok).status)
	assert.Equal(t, 2, srv.AuthCount(), "IssueToken is not a login")
	assert.Panics(t, func() { srv.IssueToken("nobody") })
}

func TestTemplateWireFormat(t *testing.T) {
	srv := viviottest.NewServer(t)
	root := srv.RootOrganization()
	site := srv.AddOrganization(viviottest.Organization{Name: "HQ", Type: viviot.OrganizationTypeLocation, ParentID: root.ID})
	door := srv.AddThing(viviottest.Thing{Name: "Door", TypeName: "Lock", OrganizationID: site.ID})
	bearer := login(t, srv)
	hex := func(g viviot.GUID) string { b, _ := g.MarshalText(); return string(b) }

	// Dashed Guids are accepted on input, as ServiceStack accepts them.
	a := call(t, srv, "POST", "/access/template", `{"name":"Guests","description":"d","things":[
		{"thingId":"`+door.ID.String()+`","permission":["open","book"]}],"scope":1,"accessCodeInitializationStrategy":1}`,
		"Authorization", bearer)
	require.Equal(t, 200, a.status, a.body)
	var created struct {
		Data struct{ ID string }
	}
	require.NoError(t, json.Unmarshal([]byte(a.body), &created))
	id, err := viviot.ParseGUID(created.Data.ID)
	require.NoError(t, err)
	want := `{"id":"` + hex(id) + `","organizationId":"` + hex(root.ID) + `",
		"organization":{"id":"` + hex(root.ID) + `","name":"4spaces","type":10,"organizations":[
			{"id":"` + hex(site.ID) + `","name":"HQ","type":30,"organizations":[]}]},
		"name":"Guests","permission":["open","book"],"description":"d","scope":1,"accessCodeInitializationStrategy":1}`
	assert.JSONEq(t, `{"data":`+want+`}`, a.body)
	assert.Equal(t, 1, srv.AppliedCount(viviottest.OpAccessTemplatesCreate))
	stored, _ := srv.Template(id)
	assert.Equal(t, site.ID, stored.Things[0].OrganizationID, "filled from the thing")
	assert.Equal(t, "Door", stored.Things[0].ThingName)

	a = call(t, srv, "GET", "/access/template?accessTemplateId="+id.String()+"&loadOrganization=TRUE", "", "Authorization", bearer)
	assert.JSONEq(t, `{"data":[`+want+`]}`, a.body)
	a = call(t, srv, "GET", "/access/template?AccessTemplateId="+hex(viviot.NewGUID()), "", "Authorization", bearer)
	assert.JSONEq(t, `{"data":[]}`, a.body)
	a = call(t, srv, "GET", "/access/template?AccessTemplateId=xyz", "", "Authorization", bearer)
	assert.Equal(t, 400, a.status)
	a = call(t, srv, "GET", "/access/template", "", "Authorization", bearer)
	assert.Equal(t, 400, a.status)

	a = call(t, srv, "GET", "/access/templates?Scope=Staff", "", "Authorization", bearer)
	assert.JSONEq(t, `{"data":[]}`, a.body)
	a = call(t, srv, "GET", "/access/templates?Scope=1", "", "Authorization", bearer)
	assert.Contains(t, a.body, `"name":"Guests"`)
	assert.NotContains(t, a.body, `"organization"`, "List loads no organization unless asked")
	a = call(t, srv, "GET", "/access/templates?Scope=9", "", "Authorization", bearer)
	assert.Equal(t, 400, a.status)

	a = call(t, srv, "PUT", "/access/template", `{"accessTemplateId":"`+hex(id)+`","name":"Staff","things":[{"thingId":"`+hex(door.ID)+`"}],"scope":2}`,
		"Authorization", bearer)
	require.Equal(t, 200, a.status, a.body)
	assert.Contains(t, a.body, `"scope":2`)
	assert.Equal(t, 1, srv.AppliedCount(viviottest.OpAccessTemplatesUpdate))

	a = call(t, srv, "DELETE", "/access/template?AccessTemplateId="+hex(id), "", "Authorization", bearer)
	assert.Equal(t, 200, a.status)
	assert.JSONEq(t, `{}`, a.body)
	a = call(t, srv, "DELETE", "/access/template?AccessTemplateId="+hex(id), "", "Authorization", bearer)
	assert.Equal(t, 404, a.status)
	assert.Contains(t, a.body, `"errorCode":"NotFound"`)
	assert.Equal(t, 1, srv.AppliedCount(viviottest.OpAccessTemplatesDelete))
}

func TestTemplateValidation(t *testing.T) {
	srv := viviottest.NewServer(t)
	bearer := login(t, srv)
	a := call(t, srv, "POST", "/access/template", `{"name":" ","things":[],"scope":3,"accessCodeInitializationStrategy":2}`, "Authorization", bearer)
	assert.Equal(t, 400, a.status)
	assert.JSONEq(t, `{"responseStatus":{"errorCode":"NotEmpty","message":"'Name' must not be empty.","errors":[
		{"errorCode":"NotEmpty","fieldName":"Name","message":"'Name' must not be empty.","meta":{"PropertyName":"Name"}},
		{"errorCode":"NotEmpty","fieldName":"Things","message":"'Things' must not be empty.","meta":{"PropertyName":"Things"}},
		{"errorCode":"Enum","fieldName":"Scope","message":"'Scope' has a range of values which does not include '3'.","meta":{"PropertyName":"Scope"}},
		{"errorCode":"Enum","fieldName":"AccessCodeInitializationStrategy","message":"'Access Code Initialization Strategy' has a range of values which does not include '2'.","meta":{"PropertyName":"AccessCodeInitializationStrategy"}}]}}`, a.body)

	a = call(t, srv, "POST", "/access/template", `{"name":"x","things":[{"thingId":"`+viviot.NewGUID().String()+`"}],"scope":"Guest"}`, "Authorization", bearer)
	assert.Equal(t, 400, a.status, "enums are integers on the wire")
	assert.Contains(t, a.body, "SerializationException")

	a = call(t, srv, "POST", "/access/template", `{"name":"x","things":[{"thingId":"`+viviot.NewGUID().String()+`"}]}`, "Authorization", bearer)
	assert.Equal(t, 404, a.status)

	a = call(t, srv, "PUT", "/access/template", `{"name":"x","things":[{"thingId":"`+viviot.NewGUID().String()+`"}]}`, "Authorization", bearer)
	assert.Equal(t, 400, a.status)
	assert.Contains(t, a.body, `"fieldName":"AccessTemplateId"`)
	assert.Empty(t, srv.Templates())
}

func TestUnknownRoute(t *testing.T) {
	srv := viviottest.NewServer(t)
	a := call(t, srv, "GET", "/access/nothing", "")
	assert.Equal(t, 404, a.status)
	assert.True(t, strings.HasPrefix(a.header.Get("Content-Type"), "text/plain"))
	assert.Contains(t, a.body, "Handler for Request not found")
}

func TestErrorBody(t *testing.T) {
	var body struct {
		ResponseStatus struct{ ErrorCode, Message, StackTrace string }
	}
	require.NoError(t, json.Unmarshal([]byte(viviottest.ErrorBody("NullReferenceException", "boom")), &body))
	assert.Equal(t, "NullReferenceException", body.ResponseStatus.ErrorCode)
	assert.Equal(t, "boom", body.ResponseStatus.Message)
	assert.Equal(t, viviottest.StackTrace, body.ResponseStatus.StackTrace)
}

func TestConcurrentWrites(t *testing.T) {
	srv := viviottest.NewServer(t)
	door := srv.AddThing(viviottest.Thing{Name: "Door"})
	bearer := login(t, srv)
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			a := call(t, srv, "POST", "/access/template", `{"name":"x","things":[{"thingId":"`+door.ID.String()+`"}]}`, "Authorization", bearer)
			assert.Equal(t, 200, a.status)
			_ = srv.Templates()
		})
	}
	wg.Wait()
	assert.Len(t, srv.Templates(), 20)
	assert.Equal(t, 20, srv.AppliedCount(viviottest.OpAccessTemplatesCreate))
}

func TestSeedingCopies(t *testing.T) {
	srv := viviottest.NewServer(t)
	roles := []string{viviottest.RoleAdmin}
	u := srv.AddUser(viviottest.User{UserName: "a", Password: "b", Roles: roles})
	roles[0] = "Guest"
	assert.Equal(t, []string{viviottest.RoleAdmin}, u.Roles)
	assert.Equal(t, srv.RootOrganization().ID, u.OrganizationID)

	seeded := srv.AddTemplate(viviottest.AccessTemplate{Name: "t", Things: []viviot.ThingAccess{{Permission: []string{"open"}}}})
	got, ok := srv.Template(seeded.ID)
	require.True(t, ok)
	got.Things[0].Permission[0] = "changed"
	again, _ := srv.Template(seeded.ID)
	assert.Equal(t, "open", again.Things[0].Permission[0])
}
