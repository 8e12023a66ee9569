package reach360_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/reach360"
	"github.com/grantkit/grantkit-go/reach360/reach360test"
)

// Samples from the Reporters and Reporting Groups API article, hosts and
// all (its examples still name api.rise.com).
const (
	docReporters = `{
		"groupUrl": "http://api.rise.com/groups/example-group-id",
		"reporters": [
			{
				"id": "example-user-id-1",
				"email": "foo@example.com",
				"groupsUrl": "https://api.rise.com/users/example-user-id-1/groups",
				"managingGroupsUrl": null,
				"reportingGroupsUrl": "https://api.rise.com/users/example-user-id-1/reporting-groups",
				"role" :"reporter",
				"firstName": "Example Group Reporter",
				"lastName": "Example Last Name",
				"learnerReportUrl": "https://api.rise.com/reports/learners/example-user-id-1",
				"url": "https://api.rise.com/users/example-user-id-1"
			}
		],
		"nextUrl": null
	}`
	docReportingGroups = `{
		"userUrl": "https://api.rise.com/users/example-user-id-1",
		"groups": [
			{
				"id": "example-group-id-1",
				"membersUrl": "https://api.rise.com/groups/example-group-id-1/users",
				"managersUrl": "https://api.rise.com/groups/example-group-id-1/managers",
				"reportersUrl": "https://api.rise.com/groups/example-group-id-1/reporters",
				"name": "Example Group",
				"url": "https://api.rise.com/groups/example-group-id-1"
			}
		],
		"nextUrl": null
	}`
)

var (
	wantDocReporter = reach360.User{
		ID: "example-user-id-1", Email: "foo@example.com", Role: reach360.RoleReporter,
		FirstName: "Example Group Reporter", LastName: "Example Last Name",
		URL:                "https://api.rise.com/users/example-user-id-1",
		GroupsURL:          "https://api.rise.com/users/example-user-id-1/groups",
		ReportingGroupsURL: "https://api.rise.com/users/example-user-id-1/reporting-groups",
		LearnerReportURL:   "https://api.rise.com/reports/learners/example-user-id-1",
	}
	wantDocReportingGroup = reach360.Group{
		ID: "example-group-id-1", Name: "Example Group",
		URL:          "https://api.rise.com/groups/example-group-id-1",
		MembersURL:   "https://api.rise.com/groups/example-group-id-1/users",
		ReportersURL: "https://api.rise.com/groups/example-group-id-1/reporters",
		ManagersURL:  "https://api.rise.com/groups/example-group-id-1/managers",
	}
)

func TestReportersRequest(t *testing.T) {
	m := newMock(t)
	m.on("GET", base+"/groups/example-group-id/reporters", http.StatusOK, docReporters)
	got := collect(t, m.c.Groups.Reporters(t.Context(), "example-group-id", &reach360.ListOptions{Limit: 20}))
	assert.Equal(t, []reach360.User{wantDocReporter}, got)
	r := m.only(t)
	assert.Equal(t, "/groups/example-group-id/reporters", r.Path)
	assert.Equal(t, "limit=20", r.RawQuery)
	assertHeaders(t, r, false)
}

func TestReportingGroupsRequest(t *testing.T) {
	m := newMock(t)
	m.on("GET", base+"/users/example-user-id-1/reporting-groups", http.StatusOK, docReportingGroups)
	page, err := m.c.Users.ReportingGroupsPage(t.Context(), "example-user-id-1", nil)
	require.NoError(t, err)
	require.Len(t, page.Groups, 1)
	assert.Equal(t, wantDocReportingGroup, *page.Groups[0])
	assert.Empty(t, page.NextPageToken)
	r := m.only(t)
	assert.Equal(t, "/users/example-user-id-1/reporting-groups", r.Path)
	assert.Empty(t, r.RawQuery)
	assertHeaders(t, r, false)
}

// No article shows the managers lists: "managers" (like "reporters") and
// "users" are both read.
func TestManagersRequests(t *testing.T) {
	manager := `{"id":"m1","email":"m@example.com","role":"manager","managingGroupsUrl":"https://api.reach360.com/users/m1/managing-groups","reportingGroupsUrl":null}`
	for _, key := range []string{"managers", "users"} {
		t.Run(key, func(t *testing.T) {
			m := newMock(t)
			m.on("GET", base+"/groups/g1/managers", http.StatusOK, `{"groupUrl":"https://api.reach360.com/groups/g1","`+key+`":[`+manager+`],"nextUrl":null}`)
			got := collect(t, m.c.Groups.Managers(t.Context(), "g1", nil))
			assert.Equal(t, []reach360.User{{ID: "m1", Email: "m@example.com", Role: reach360.RoleManager,
				ManagingGroupsURL: "https://api.reach360.com/users/m1/managing-groups"}}, got)
			assert.Equal(t, "/groups/g1/managers", m.only(t).Path)
		})
	}
	m := newMock(t)
	m.on("GET", base+"/users/m1/managing-groups", http.StatusOK, `{"userUrl":"x","groups":[`+docGroup+`],"nextUrl":null}`)
	assert.Equal(t, []reach360.Group{wantDocGroup}, collect(t, m.c.Users.ManagingGroups(t.Context(), "m1", nil)))
	assert.Equal(t, "/users/m1/managing-groups", m.only(t).Path)
}

func TestReporters(t *testing.T) {
	srv, c := newFake(t)
	ctx := t.Context()
	rita := srv.AddUser(reach360.User{Email: "rita@example.com", Role: reach360.RoleReporter})
	rolf := srv.AddUser(reach360.User{Email: "rolf@example.com", Role: reach360.RoleReporter})
	lena := srv.AddUser(reach360.User{Email: "lena@example.com"})
	sales := srv.AddGroup("Sales")
	support := srv.AddGroup("Support")
	assert.Equal(t, srv.URL+"/users/"+rita.ID+"/reporting-groups", rita.ReportingGroupsURL)
	assert.Empty(t, rita.ManagingGroupsURL)
	assert.Empty(t, lena.ReportingGroupsURL)

	require.NoError(t, c.Groups.AddReporter(ctx, sales.ID, rita.ID))
	require.NoError(t, c.Groups.AddReporter(ctx, sales.ID, rita.ID)) // again: no change
	require.NoError(t, c.Groups.AddReporter(ctx, reach360.EveryoneGroupID, rolf.ID))
	assert.Equal(t, 2, srv.AppliedCount(reach360test.OpGroupsAddReporter))

	// The article: a group's reporters include those of "Everyone".
	assert.Equal(t, []reach360.User{rita, rolf}, collect(t, c.Groups.Reporters(ctx, sales.ID, &reach360.ListOptions{Limit: 1})))
	assert.Equal(t, []reach360.User{rolf}, collect(t, c.Groups.Reporters(ctx, support.ID, nil)))
	assert.Equal(t, []string{rita.ID, rolf.ID}, srv.ReporterIDs(sales.ID))

	assert.Equal(t, []string{"Sales"}, names(collect(t, c.Users.ReportingGroups(ctx, rita.ID, nil))))
	assert.Equal(t, []string{"Everyone"}, names(collect(t, c.Users.ReportingGroups(ctx, rolf.ID, nil))))

	require.NoError(t, c.Groups.RemoveReporter(ctx, sales.ID, rita.ID))
	assert.Equal(t, 1, srv.AppliedCount(reach360test.OpGroupsRemoveReporter))
	assert.Empty(t, collect(t, c.Users.ReportingGroups(ctx, rita.ID, nil)))

	assert.ErrorIs(t, c.Groups.AddReporter(ctx, sales.ID, lena.ID), reach360.ErrInvalidUserRole)
	assert.ErrorIs(t, firstErr(c.Users.ReportingGroups(ctx, lena.ID, nil)), reach360.ErrInvalidUserRole)
	assert.ErrorIs(t, firstErr(c.Users.ReportingGroups(ctx, "missing", nil)), reach360.ErrUserNotFound)
	assert.ErrorIs(t, c.Groups.AddReporter(ctx, sales.ID, "missing"), reach360.ErrUserNotFound)
	assert.ErrorIs(t, c.Groups.AddReporter(ctx, "missing", rita.ID), reach360.ErrGroupNotFound)
	assert.ErrorIs(t, firstErr(c.Groups.Reporters(ctx, "missing", nil)), reach360.ErrGroupNotFound)
}

func TestManagers(t *testing.T) {
	srv, c := newFake(t)
	ctx := t.Context()
	mia := srv.AddUser(reach360.User{Email: "mia@example.com", Role: reach360.RoleManager})
	lena := srv.AddUser(reach360.User{Email: "lena@example.com"})
	sales := srv.AddGroup("Sales")
	support := srv.AddGroup("Support")
	srv.AddManager(sales.ID, mia.ID)
	srv.AddManager(support.ID, mia.ID)
	assert.Equal(t, srv.URL+"/users/"+mia.ID+"/managing-groups", mia.ManagingGroupsURL)

	assert.Equal(t, []reach360.User{mia}, collect(t, c.Groups.Managers(ctx, sales.ID, nil)))
	assert.Empty(t, collect(t, c.Groups.Managers(ctx, reach360.EveryoneGroupID, nil)))
	assert.Equal(t, []string{"Sales", "Support"}, names(collect(t, c.Users.ManagingGroups(ctx, mia.ID, &reach360.ListOptions{Limit: 1}))))
	assert.Equal(t, []string{mia.ID}, srv.ManagerIDs(support.ID))

	assert.ErrorIs(t, firstErr(c.Users.ManagingGroups(ctx, lena.ID, nil)), reach360.ErrInvalidUserRole)
	assert.ErrorIs(t, firstErr(c.Users.ManagingGroups(ctx, "missing", nil)), reach360.ErrUserNotFound)
	assert.ErrorIs(t, firstErr(c.Groups.Managers(ctx, "missing", nil)), reach360.ErrGroupNotFound)
	assert.Panics(t, func() { srv.AddManager(reach360.EveryoneGroupID, mia.ID) }, "no manager for Everyone")
	assert.Panics(t, func() { srv.AddManager(sales.ID, lena.ID) }, "not a manager")
}

func TestEveryoneGroupIDIsTheFakes(t *testing.T) {
	assert.Equal(t, "everyone", reach360.EveryoneGroupID)
	assert.Equal(t, reach360test.EveryoneID, reach360.EveryoneGroupID)
}
