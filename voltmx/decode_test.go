package voltmx_test

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/voltmx"
)

func TestGroupDecodesSeedStringBoolean(t *testing.T) {
	// The seed's sample sends "activeFlag":"true"; a server (or proxy) that
	// echoes it back that way must still decode.
	var g voltmx.Group
	require.NoError(t, json.Unmarshal([]byte(seedCreateSample), &g))
	assert.True(t, g.Active)
	assert.True(t, g.AllowAllApps)
	assert.Equal(t, "Engagement Services Dev", g.GroupName)
	assert.Equal(t, []int64{16, 18, 15, 17, 14, 2, 4, 5, 6, 11, 1, 3, 7, 8, 13, 10, 12, 9}, g.PermissionIDs)
	assert.Equal(t, []int64{}, g.UserIDs)
	assert.Equal(t, []string{"SampleAppforDemo"}, g.AppIDs)
}

func TestGroupDecodesLooseTypes(t *testing.T) {
	body := `{"id":"3","groupName":"g","activeFlag":"FALSE","allowAllApps":"true",
		"selectedUserIds":["4",5],"selectedPermissionIds":[15,"16"],"selectedAppIds":["a",7],
		"createdBy":"admin","createdDate":"06/15/2016 02:00:18 PM IST","lastModifiedBy":null,"lastModifiedDate":null}`
	var g voltmx.Group
	require.NoError(t, json.Unmarshal([]byte(body), &g))
	assert.Equal(t, int64(3), g.ID)
	assert.False(t, g.Active)
	assert.True(t, g.AllowAllApps)
	assert.Equal(t, []int64{4, 5}, g.UserIDs)
	assert.Equal(t, []int64{15, 16}, g.PermissionIDs)
	assert.Equal(t, []string{"a", "7"}, g.AppIDs)
	assert.Equal(t, "06/15/2016 02:00:18 PM IST", g.CreatedDate.Raw)
	assert.True(t, g.CreatedDate.Time.IsZero(), "IST is ambiguous: no instant without WithServerLocation")
	assert.Equal(t, voltmx.Date{}, g.LastModifiedDate)

	for _, bad := range []string{`{"id":"x"}`, `{"activeFlag":"maybe"}`, `{"selectedPermissionIds":[1.5]}`, `{"id":{}}`} {
		assert.Error(t, json.Unmarshal([]byte(bad), &g), bad)
	}
}

func TestDateParsing(t *testing.T) {
	ist := time.FixedZone("IST", 5*3600+1800)
	cases := []struct {
		raw  string
		want time.Time
	}{
		{"06/15/2016 02:00:18 PM UTC", time.Date(2016, 6, 15, 14, 0, 18, 0, time.UTC)},
		{"06/15/2016 02:00:18 AM GMT", time.Date(2016, 6, 15, 2, 0, 18, 0, time.UTC)},
		{"06/15/2016 12:00:18 AM +05:30", time.Date(2016, 6, 15, 0, 0, 18, 0, ist)},
		{"06/15/2016 02:00:18 PM GMT-0400", time.Date(2016, 6, 15, 14, 0, 18, 0, time.FixedZone("", -4*3600))},
		{"2016-06-15T14:00:18Z", time.Date(2016, 6, 15, 14, 0, 18, 0, time.UTC)},
		{"06/15/2016 02:00:18 PM IST", time.Time{}},
		{"06/15/2016 02:00:18 PM CST", time.Time{}},
		{"06/15/2016 02:00:18 PM", time.Time{}},
		{"yesterday", time.Time{}},
	}
	for _, tc := range cases {
		var d voltmx.Date
		require.NoError(t, json.Unmarshal([]byte(`"`+tc.raw+`"`), &d), tc.raw)
		assert.Equal(t, tc.raw, d.Raw)
		assert.True(t, tc.want.Equal(d.Time), "%s: got %v, want %v", tc.raw, d.Time, tc.want)
		out, err := json.Marshal(d)
		require.NoError(t, err)
		assert.JSONEq(t, `"`+tc.raw+`"`, string(out), "encodes back as sent")
	}

	var d voltmx.Date
	require.NoError(t, json.Unmarshal([]byte(`1466000000000`), &d))
	assert.Equal(t, time.UnixMilli(1466000000000), d.Time, "epoch milliseconds")
}

func TestWithServerLocationResolvesAbbreviations(t *testing.T) {
	ist := time.FixedZone("IST", 5*3600+1800)
	body := `{"id":1,"createdDate":"06/15/2016 02:00:18 PM IST","lastModifiedDate":"06/15/2016 02:00:18 PM EST"}`
	mt, c := newMock(t, nil, voltmx.WithServerLocation(ist))
	respond(mt, http.MethodGet, mockBase+"/vpns/api/v1/accessmgmt/groups/1", 200, body)
	g, err := c.Groups.Get(t.Context(), 1)
	require.NoError(t, err)
	assert.True(t, time.Date(2016, 6, 15, 14, 0, 18, 0, ist).Equal(g.CreatedDate.Time), g.CreatedDate.Time.String())
	assert.True(t, g.LastModifiedDate.Time.IsZero(), "EST is not the server's zone: no guess")
	assert.Equal(t, "06/15/2016 02:00:18 PM EST", g.LastModifiedDate.Raw)
}

func TestUserDecodes(t *testing.T) {
	body := `{"id":"9","email":"u@example.com","displayName":"U","mobileNo":"+911234","activeFlag":"true",
		"userName":"u","selectedPermissionIds":["1"],"selectedGroupIds":[3],"createdBy":"admin","createdDate":"06/15/2016 02:00:18 PM UTC"}`
	var u voltmx.User
	require.NoError(t, json.Unmarshal([]byte(body), &u))
	assert.Equal(t, voltmx.User{
		ID: 9, UserName: "u", DisplayName: "U", Email: "u@example.com", MobileNo: "+911234", Active: true,
		PermissionIDs: []int64{1}, GroupIDs: []int64{3}, CreatedBy: "admin",
		CreatedDate: voltmx.Date{Raw: "06/15/2016 02:00:18 PM UTC", Time: time.Date(2016, 6, 15, 14, 0, 18, 0, time.FixedZone("UTC", 0))},
	}, u)
}

func TestPermissionsListSortsByID(t *testing.T) {
	mt, c := newMock(t, nil)
	respond(mt, http.MethodGet, mockBase+"/vpns/api/v1/accessmgmt/permissions", 200,
		`{"total":3,"permissions":{"10":"ROLE_USERS_ALL","2":"DASHBOARD_ALL","16":"ROLE_ADHOC_PUSH"}}`)
	perms, err := c.Permissions.List(t.Context())
	require.NoError(t, err)
	assert.Equal(t, []voltmx.Permission{{2, "DASHBOARD_ALL"}, {10, "ROLE_USERS_ALL"}, {16, "ROLE_ADHOC_PUSH"}}, perms)

	ids, err := c.Permissions.Resolve(t.Context(), "adhoc_push", "DASHBOARD_ALL", "ROLE_USERS_ALL")
	require.NoError(t, err)
	assert.Equal(t, []int64{16, 2, 10}, ids)
}

func TestPermissionsListRejectsBadIDs(t *testing.T) {
	mt, c := newMock(t, nil)
	respond(mt, http.MethodGet, mockBase+"/vpns/api/v1/accessmgmt/permissions", 200, `{"permissions":{"one":"DASHBOARD_ALL"}}`)
	_, err := c.Permissions.List(t.Context())
	require.Error(t, err)
	assert.Contains(t, err.Error(), `"one"`)
}
