package voltmxtest_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/grantkit/grantkit-go/voltmx/voltmxtest"
)

const usersPath = voltmxtest.ContextPath + "/api/v1/accessmgmt/users"

// createUserSample is the v10 Create User page's sample request, quoted
// ids and activeFlag included.
const createUserSample = `{"userName": "EngagementServicesUser","email": "sampleuser@voltmx.com","password": "VoltMX@123",
"displayName": "EngagementServicesUser","activeFlag": "true","mobileNo": "+911235551234",
"selectedPermissionIds":["3","4","6"],"selectedGroupIds":["1"],
"emailSubscription": true,"smsSubscription": true,"voiceSubscription": true,"whatsappSubscription": true}`

func TestUsersAnswerAsDocumented(t *testing.T) {
	srv := voltmxtest.NewServer(t)
	g := srv.AddGroup(voltmxtest.Group{Name: "one", Email: "e@x", PermissionIDs: []int64{1}})
	status, out := call(t, srv, http.MethodPost, usersPath, createUserSample, basic(nil))
	if status != 200 || out["id"] != "2" || out["message"] != "Details added successfully" {
		t.Fatalf("create: %d %v, want 200 with the string id \"2\"", status, out)
	}
	u, _ := srv.User(2)
	if u.UserName != "EngagementServicesUser" || !u.Active || len(u.PermissionIDs) != 3 || u.MobileNo != "+911235551234" {
		t.Errorf("stored %+v", u)
	}
	if got, _ := srv.Group(g.ID); len(got.UserIDs) != 1 || got.UserIDs[0] != 2 {
		t.Errorf("selectedGroupIds did not make the user a member: %v", got.UserIDs)
	}

	status, out = call(t, srv, http.MethodGet, usersPath+"/2", "", basic(nil))
	if status != 200 || out["userName"] != "EngagementServicesUser" || out["allowAllApps"] != false || out["selectedAppIds"] == nil {
		t.Errorf("get: %d %v", status, out)
	}

	modify := strings.Replace(createUserSample, `"activeFlag": "true"`, `"activeFlag": false`, 1)
	status, out = call(t, srv, http.MethodPost, usersPath+"/2/modify", modify, basic(nil))
	if status != 200 || out["message"] != "Details updated successfully" || out["id"] != "2" {
		t.Errorf("modify: %d %v", status, out)
	}
	status, out = call(t, srv, http.MethodPost, usersPath+"/2/delete", "", basic(nil))
	if status != 200 || out["message"] != "User deleted successfully " || out["id"] != "2" {
		t.Errorf("delete: %d %v", status, out)
	}
	if got, _ := srv.Group(g.ID); len(got.UserIDs) != 0 {
		t.Errorf("a deleted user stays a member: %v", got.UserIDs)
	}
	for op, want := range map[string]int{voltmxtest.OpUsersCreate: 1, voltmxtest.OpUsersUpdate: 1, voltmxtest.OpUsersDelete: 1} {
		if n := srv.AppliedCount(op); n != want {
			t.Errorf("%s applied %d times", op, n)
		}
	}
}

func TestUserSentences(t *testing.T) {
	srv := voltmxtest.NewServer(t)
	admin := srv.Users()[0]
	body := func(fields string) string {
		return `{"userName":"u","email":"u@x","password":"pw","displayName":"U","selectedPermissionIds":[1]` + fields + `}`
	}
	cases := []struct {
		method, path, body string
		want               string
	}{
		{"POST", usersPath, body(`,"userName":"` + admin.UserName + `"`), "User already exists with this user ID"},
		{"POST", usersPath, body(`,"email":""`), "Email is required"},
		{"POST", usersPath, body(`,"displayName":" "`), "Display Name is required"},
		{"POST", usersPath, body(`,"password":"has space"`), "Invalid request payload. Error occurred at property password"},
		{"POST", usersPath, body(`,"selectedPermissionIds":[]`), "Invalid request payload. Error occurred at property selectedPermissionIds"},
		{"POST", usersPath, body(`,"selectedGroupIds":[42]`), "Invalid request payload. Error occurred at property selectedGroupIds"},
		{"GET", usersPath + "/99", ``, "Invalid user ID provided or no user found with provided ID"},
		{"POST", usersPath + "/99/modify", body(""), "Invalid User ID provided or No User found with given ID"},
		{"POST", usersPath + "/" + itoa(admin.ID) + "/modify", body(""), "Invalid 'userName' provided. 'userName' should not be modified"},
		{"POST", usersPath + "/99/delete", ``, "Invalid user ID provided or no user found with provided ID"},
		{"POST", usersPath + "/" + itoa(admin.ID) + "/delete", ``, "Delete is not allowed on active users"},
	}
	for _, tc := range cases {
		status, out := call(t, srv, tc.method, tc.path, tc.body, basic(nil))
		if status != http.StatusBadRequest || out["message"] != tc.want {
			t.Errorf("%s %s %s: got %d %v, want 400 %q", tc.method, tc.path, tc.body, status, out, tc.want)
		}
	}
	if n := len(srv.Users()); n != 1 {
		t.Errorf("%d users after failed writes", n)
	}
}

// "Get All Permissions by Pagination": start and pageSize page the
// catalogue; without them the whole catalogue comes back.
func TestPermissionsPaging(t *testing.T) {
	srv := voltmxtest.NewServer(t)
	perms := voltmxtest.ContextPath + "/api/v1/accessmgmt/permissions"
	for query, want := range map[string]int{"?start=0&pageSize=10": 10, "?start=10&pageSize=10": 8, "": 18, "?start=40&pageSize=10": 0} {
		status, out := call(t, srv, http.MethodGet, perms+query, "", basic(nil))
		page, _ := out["permissions"].(map[string]any)
		if status != 200 || out["total"] != float64(18) || len(page) != want {
			t.Errorf("%q: %d total %v, %d permissions, want %d", query, status, out["total"], len(page), want)
		}
	}
	_, out := call(t, srv, http.MethodGet, perms+"?start=10&pageSize=10", "", basic(nil))
	if page := out["permissions"].(map[string]any); page["11"] == nil || page["1"] != nil {
		t.Errorf("second page %v", page)
	}
}

// The POSTs take the documented JSON Content-Type; a delete's body may be
// empty or {}, but must be JSON.
func TestPostsRequireJSON(t *testing.T) {
	srv := voltmxtest.NewServer(t)
	for i := range 3 {
		srv.AddGroup(voltmxtest.Group{Name: "g" + itoa(int64(i)), Email: "e@x", PermissionIDs: []int64{1}})
	}
	send := func(path, contentType, body string) int {
		req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, srv.URL+path, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.SetBasicAuth(voltmxtest.Username, voltmxtest.Password)
		if contentType != "" {
			req.Header.Set("Content-Type", contentType)
		}
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	cases := []struct {
		path, contentType, body string
		want                    int
	}{
		{groupsPath + "/1/delete", "", "", http.StatusUnsupportedMediaType},
		{groupsPath + "/1/delete", "text/plain", "{}", http.StatusUnsupportedMediaType},
		{groupsPath + "/1/delete", "application/json;charset=UTF-8", "not json", http.StatusBadRequest},
		{groupsPath + "/1/delete", "application/json;charset=UTF-8", "{}", http.StatusOK},
		{groupsPath + "/2/delete", "application/json", "", http.StatusOK},
		{groupsPath, "application/x-www-form-urlencoded", "groupName=x", http.StatusUnsupportedMediaType},
		{usersPath, "", createUserSample, http.StatusUnsupportedMediaType},
	}
	for _, tc := range cases {
		if got := send(tc.path, tc.contentType, tc.body); got != tc.want {
			t.Errorf("POST %s (%q, %q): %d, want %d", tc.path, tc.contentType, tc.body, got, tc.want)
		}
	}
	if n := len(srv.Groups()); n != 1 {
		t.Errorf("%d groups left, want 1", n)
	}
}
