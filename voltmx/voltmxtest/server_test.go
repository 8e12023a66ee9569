package voltmxtest_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/grantkit/grantkit-go/internal/fakekit"
	"github.com/grantkit/grantkit-go/voltmx/voltmxtest"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// call sends a raw request, so these tests check the fake's wire format
// independently of package voltmx.
func call(t *testing.T, srv *voltmxtest.Server, method, path, body string, header map[string]string) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, srv.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json;charset=UTF-8")
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var out map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatalf("%s %s: body %q is not a JSON object", method, path, b)
	}
	return resp.StatusCode, out
}

func basic(header map[string]string) map[string]string {
	h := map[string]string{"Authorization": "Basic YWRtaW46ZmFrZS1hZG1pbi1wYXNzd29yZA=="} // admin:fake-admin-password
	for k, v := range header {
		h[k] = v
	}
	return h
}

const groupsPath = voltmxtest.ContextPath + "/api/v1/accessmgmt/groups"

// seedSample is the guide's Create Group sample request, string activeFlag included.
const seedSample = `{"groupName": "Engagement Services Dev","email": "samplegrup@voltmx.com",
"groupDescription": "Engagement Services DevGroup","activeFlag": "true","selectedUserIds": [],
"selectedPermissionIds": [16, 18, 15, 17, 14, 2, 4, 5, 6, 11, 1, 3, 7, 8, 13, 10, 12, 9],
"allowAllApps":true,"selectedAppIds":["SampleAppforDemo"]}`

func TestCreateAnswersAsDocumented(t *testing.T) {
	srv := voltmxtest.NewServer(t)
	srv.AddGroup(voltmxtest.Group{Name: "one", Email: "e@x", PermissionIDs: []int64{1}})
	srv.AddGroup(voltmxtest.Group{Name: "two", Email: "e@x", PermissionIDs: []int64{1}})
	status, out := call(t, srv, http.MethodPost, groupsPath, seedSample, basic(nil))
	if status != 200 || out["id"] != "3" || out["message"] != "Details added successfully" {
		t.Fatalf("got %d %v, want 200 with the string id \"3\"", status, out)
	}
	g, _ := srv.Group(3)
	if !g.Active || !g.AllowAllApps || len(g.PermissionIDs) != 18 {
		t.Errorf("stored %+v", g)
	}
	if srv.AppliedCount("groups.create") != 1 {
		t.Errorf("applied %d", srv.AppliedCount("groups.create"))
	}
}

func TestDocumentedSentences(t *testing.T) {
	srv := voltmxtest.NewServer(t)
	active := srv.AddGroup(voltmxtest.Group{Name: "active", Email: "e@x", Active: true, PermissionIDs: []int64{1}})
	cases := []struct {
		method, path, body string
		want               string
	}{
		{"POST", groupsPath, `{"email":"e","selectedPermissionIds":[1],"selectedAppIds":[]}`, "Group name is required"},
		{"POST", groupsPath, `{"groupName":"g","selectedPermissionIds":[1],"selectedAppIds":[]}`, "Email is required"},
		{"POST", groupsPath, `{"groupName":"g","email":"e","selectedPermissionIds":"x","selectedAppIds":[]}`,
			"Invalid request payload. Error occurred at property selectedPermissionIds"},
		{"POST", groupsPath, `{"groupName":"g","email":"e","selectedPermissionIds":[1],"selectedAppIds":["a"]}`,
			"Application permissions can be enabled only for the group who has ADHOC_PUSH permission"},
		{"GET", groupsPath + "/99", ``, "Invalid group ID provided, or No group found with given ID"},
		{"GET", groupsPath + "/abc", ``, "Invalid group ID provided, or No group found with given ID"},
		{"POST", voltmxtest.ContextPath + "/api/v1/accessmgmt/group/99/modify", seedSample, "Invalid group ID provided, or No group found with given ID"},
		{"POST", groupsPath + "/99/delete", ``, "Invalid Group ID provided or No Group found with given ID"},
		{"POST", groupsPath + "/" + itoa(active.ID) + "/delete", ``, "Delete is not allowed on active group"},
	}
	for _, tc := range cases {
		status, out := call(t, srv, tc.method, tc.path, tc.body, basic(nil))
		if status != http.StatusBadRequest || out["message"] != tc.want {
			t.Errorf("%s %s: got %d %v, want 400 %q", tc.method, tc.path, status, out, tc.want)
		}
	}
	if n := len(srv.Groups()); n != 1 {
		t.Errorf("%d groups after failed writes", n)
	}
}

func TestAuthModes(t *testing.T) {
	clock := fakekit.NewManualClock(time.Now())
	srv := voltmxtest.NewServer(t, fakekit.WithClock(clock))
	perms := voltmxtest.ContextPath + "/api/v1/accessmgmt/permissions"

	if status, _ := call(t, srv, "GET", perms, "", nil); status != http.StatusUnauthorized {
		t.Errorf("no credentials: %d", status)
	}
	if status, out := call(t, srv, "GET", perms, "", basic(nil)); status != 200 || out["total"] != float64(18) {
		t.Errorf("basic: %d %v", status, out)
	}

	status, out := call(t, srv, "POST", voltmxtest.LoginPath, `{"userid":"admin","password":"fake-admin-password","provider":"userstore"}`, nil)
	claims, _ := out["claims_token"].(map[string]any)
	if status != 200 || claims["value"] == "" || claims["exp"] != float64(clock.Now().Add(voltmxtest.DefaultTokenLifetime).UnixMilli()) {
		t.Fatalf("login: %d %v", status, out)
	}
	tok := claims["value"].(string)
	for _, h := range []string{"X-VoltMX-Authorization", "X-Kony-Authorization"} {
		if status, _ := call(t, srv, "GET", perms, "", map[string]string{h: tok}); status != 200 {
			t.Errorf("%s: %d", h, status)
		}
	}
	if status, _ := call(t, srv, "POST", voltmxtest.LoginPath, `{"userid":"admin","password":"nope"}`, nil); status != http.StatusUnauthorized {
		t.Errorf("bad login: %d", status)
	}

	status, out = call(t, srv, "GET", voltmxtest.ContextPath+"/api/v1/oauth/accesstoken", "", basic(nil))
	at, as := out["AccessToken"], out["AccessSecret"]
	if status != 200 || at == nil || as == nil {
		t.Fatalf("accesstoken: %d %v", status, out)
	}
	pair := map[string]string{"AccessToken": at.(string), "AccessSecret": as.(string)}
	if status, _ := call(t, srv, "GET", perms, "", pair); status != 200 {
		t.Errorf("pair: %d", status)
	}
	if status, _ := call(t, srv, "GET", perms, "", map[string]string{"AccessToken": at.(string), "AccessSecret": "x"}); status != http.StatusUnauthorized {
		t.Errorf("pair with a wrong secret: %d", status)
	}
	if srv.AuthCount() != 2 {
		t.Errorf("AuthCount %d, want 2", srv.AuthCount())
	}

	clock.Advance(voltmxtest.DefaultTokenLifetime)
	if status, _ := call(t, srv, "GET", perms, "", map[string]string{"X-VoltMX-Authorization": tok}); status != http.StatusUnauthorized {
		t.Errorf("expired claims token: %d", status)
	}
	clock.Advance(-time.Minute)
	srv.ExpireSessions()
	if status, _ := call(t, srv, "GET", perms, "", pair); status != http.StatusUnauthorized {
		t.Errorf("pair after ExpireSessions: %d", status)
	}
	if status, _ := call(t, srv, "GET", perms, "", basic(nil)); status != 200 {
		t.Errorf("basic after ExpireSessions: %d", status)
	}
}

func TestListPaging(t *testing.T) {
	srv := voltmxtest.NewServer(t)
	for range 12 {
		srv.AddGroup(voltmxtest.Group{Name: "g" + itoa(int64(len(srv.Groups()))), Email: "e", PermissionIDs: []int64{1}})
	}
	status, out := call(t, srv, "GET", groupsPath, "", basic(nil))
	if status != 200 || out["total"] != float64(12) || len(out["groups"].([]any)) != 10 {
		t.Errorf("default page: %d total %v, %d groups", status, out["total"], len(out["groups"].([]any)))
	}
	_, out = call(t, srv, "GET", groupsPath+"?start=10&pageSize=10", "", basic(nil))
	groups := out["groups"].([]any)
	if len(groups) != 2 || groups[0].(map[string]any)["id"] != float64(11) {
		t.Errorf("second page: %v", groups)
	}
	g := groups[0].(map[string]any)
	if d, _ := g["createdDate"].(string); !strings.HasSuffix(d, " IST") || len(d) != len("06/15/2016 02:00:18 PM IST") {
		t.Errorf("createdDate %q", g["createdDate"])
	}
	if status, _ := call(t, srv, "GET", groupsPath+"?pageSize=0", "", basic(nil)); status != http.StatusBadRequest {
		t.Errorf("pageSize=0: %d", status)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
