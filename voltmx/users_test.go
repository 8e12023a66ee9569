package voltmx_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/internal/fakekit"
	"github.com/grantkit/grantkit-go/voltmx"
	"github.com/grantkit/grantkit-go/voltmx/voltmxtest"
)

// createUserSample is the "Sample Request" of the v10 Create User page
// (help.hcl-software.com/voltmx/v10/Foundry/engagement_api_guide/Content/REST_API_User/Create_User.html).
const createUserSample = `{
"userName": "EngagementServicesUser",
"email": "sampleuser@voltmx.com",
"password": "VoltMX@123",
"displayName": "EngagementServicesUser",
"activeFlag": "true",
"mobileNo": "+911235551234",
"selectedPermissionIds":["3","4","6"],
"selectedGroupIds":["1"],
"emailSubscription": true,
"smsSubscription": true,
"voiceSubscription": true,
"whatsappSubscription": true
}`

// modifyUserSample is the "Sample Request" of the Modify User page.
const modifyUserSample = `{
"userName": "Aron",
"email": "sampleus1r@voltmx.com",
"password": "VoltMX@123",
"displayName": "Buckminsterfullerene",
"activeFlag": "true",
"mobileNo": "+917235551234",
"selectedPermissionIds":["3","4","6"],
"selectedGroupIds":["1"]
}`

// typed rewrites a sample the way the client sends it: the pages' tables
// type activeFlag boolean and the ids long, while their samples quote
// them; the server reads both (see TestGroupDecodesSeedStringBoolean for
// the other direction).
func typed(sample string) string {
	r := strings.NewReplacer(`"activeFlag": "true"`, `"activeFlag": true`, `["3","4","6"]`, `[3,4,6]`, `["1"]`, `[1]`)
	return r.Replace(sample)
}

func TestUsersCreateSendsTheDocumentedSample(t *testing.T) {
	mt, c := newMock(t, nil)
	got := respond(mt, http.MethodPost, api+"/users", 200, `{"id" : "4", "message" : "Details added successfully"}`)
	id, err := c.Users.Create(t.Context(), &voltmx.CreateUserParams{
		UserName:             "EngagementServicesUser",
		Email:                "sampleuser@voltmx.com",
		Password:             "VoltMX@123",
		DisplayName:          "EngagementServicesUser",
		Active:               ptr(true),
		MobileNo:             "+911235551234",
		PermissionIDs:        []int64{3, 4, 6},
		GroupIDs:             []int64{1},
		EmailSubscription:    ptr(true),
		SMSSubscription:      ptr(true),
		VoiceSubscription:    ptr(true),
		WhatsAppSubscription: ptr(true),
	})
	require.NoError(t, err)
	assert.Equal(t, int64(4), id)
	require.Len(t, *got, 1)
	assert.JSONEq(t, typed(createUserSample), string((*got)[0].body))
	assert.Equal(t, "application/json;charset=UTF-8", (*got)[0].header.Get("Content-Type"))
}

func TestUsersCreateSendsAppFieldsAndOmitsUnset(t *testing.T) {
	mt, c := newMock(t, nil)
	got := respond(mt, http.MethodPost, api+"/users", 200, `{"id":"5","message":"Details added successfully"}`)
	_, err := c.Users.Create(t.Context(), &voltmx.CreateUserParams{
		UserName: "u", Email: "u@example.com", Password: "pw", DisplayName: "U", PermissionIDs: []int64{1},
		AllowAllApps: true, AppIDs: []string{"SampleAppforDemo"},
	})
	require.NoError(t, err)
	assert.JSONEq(t, `{"userName":"u","email":"u@example.com","password":"pw","displayName":"U","selectedPermissionIds":[1],
		"allowAllApps":true,"selectedAppIds":["SampleAppforDemo"]}`, string((*got)[0].body))
}

func TestUsersUpdateSendsTheDocumentedSample(t *testing.T) {
	mt, c := newMock(t, nil)
	got := respond(mt, http.MethodPost, api+"/users/9/modify", 200, `{"message" : "Details updated successfully", "id" : "userId"}`)
	require.NoError(t, c.Users.Update(t.Context(), 9, &voltmx.UpdateUserParams{
		UserName: "Aron", Email: "sampleus1r@voltmx.com", Password: "VoltMX@123", DisplayName: "Buckminsterfullerene",
		Active: ptr(true), MobileNo: "+917235551234", PermissionIDs: []int64{3, 4, 6}, GroupIDs: []int64{1},
	}), "the sample answer's id is a placeholder: modify does not read it")
	assert.JSONEq(t, typed(modifyUserSample), string((*got)[0].body))

	// Modify replaces the user: no GroupIDs is no groups, sent as [].
	require.NoError(t, c.Users.Update(t.Context(), 9, &voltmx.UpdateUserParams{
		UserName: "Aron", Email: "e", Password: "p", DisplayName: "d", PermissionIDs: []int64{3},
	}))
	assert.JSONEq(t, `{"userName":"Aron","email":"e","password":"p","displayName":"d","mobileNo":"","selectedPermissionIds":[3],"selectedGroupIds":[]}`,
		string((*got)[1].body))
}

func TestUsersLifecycle(t *testing.T) {
	for _, mode := range []string{"basic", "claims", "oauth"} {
		t.Run(mode, func(t *testing.T) {
			srv := voltmxtest.NewServer(t)
			auth := map[string]voltmx.Auth{"basic": srv.BasicAuth(), "claims": srv.ClaimsLogin(), "oauth": srv.OAuthPair()}[mode]
			c := newClientFor(t, srv, auth)
			ctx := t.Context()
			g := srv.AddGroup(voltmxtest.Group{Name: "ops", Email: "ops@example.com", PermissionIDs: []int64{1}})

			p := &voltmx.CreateUserParams{UserName: "aron", Email: "aron@example.com", Password: "VoltMX@123",
				DisplayName: "Aron Hale", Active: ptr(true), MobileNo: "+919080706050",
				PermissionIDs: []int64{16, 17}, GroupIDs: []int64{g.ID}, AllowAllApps: true, AppIDs: []string{"app"}}
			id, err := c.Users.Create(ctx, p)
			require.NoError(t, err)
			assert.Equal(t, 1, srv.AppliedCount(voltmxtest.OpUsersCreate))

			u, err := c.Users.Get(ctx, id)
			require.NoError(t, err)
			assert.Equal(t, "aron", u.UserName)
			assert.Equal(t, "Aron Hale", u.DisplayName)
			assert.Equal(t, "+919080706050", u.MobileNo)
			assert.True(t, u.Active)
			assert.Equal(t, []int64{16, 17}, u.PermissionIDs)
			assert.Equal(t, []int64{g.ID}, u.GroupIDs)
			assert.True(t, u.AllowAllApps)
			assert.Equal(t, []string{"app"}, u.AppIDs)
			stored, _ := srv.Group(g.ID)
			assert.Equal(t, []int64{id}, stored.UserIDs, "selectedGroupIds made it a member")

			_, err = c.Users.Create(ctx, p)
			require.ErrorIs(t, err, voltmx.ErrUserExists)
			assert.Equal(t, 1, srv.AppliedCount(voltmxtest.OpUsersCreate))

			require.ErrorIs(t, c.Users.Delete(ctx, id), voltmx.ErrActiveUserDelete)

			up := u.UpdateParams()
			up.Password, up.Active, up.DisplayName, up.GroupIDs = "VoltMX@123", ptr(false), "Aron H.", nil
			require.NoError(t, c.Users.Update(ctx, id, up))
			u, err = c.Users.Get(ctx, id)
			require.NoError(t, err)
			assert.False(t, u.Active)
			assert.Equal(t, "Aron H.", u.DisplayName)
			assert.Empty(t, u.GroupIDs, "modify replaced the groups")
			assert.Equal(t, voltmxtest.Username, u.LastModifiedBy)

			up.UserName = "someone-else"
			require.ErrorIs(t, c.Users.Update(ctx, id, up), voltmx.ErrUserNameChanged)

			require.NoError(t, c.Users.Delete(ctx, id))
			assert.Equal(t, 1, srv.AppliedCount(voltmxtest.OpUsersDelete))
			_, ok := srv.User(id)
			assert.False(t, ok)
			require.ErrorIs(t, c.Users.Delete(ctx, id), voltmx.ErrUserNotFound)
			up.UserName = "aron"
			require.ErrorIs(t, c.Users.Update(ctx, id, up), voltmx.ErrUserNotFound)
		})
	}
}

func TestUsersCreateNotRetriedUpdateAndDeleteAre(t *testing.T) {
	srv, c := newFake(t)
	ctx := t.Context()
	p := &voltmx.CreateUserParams{UserName: "once", Email: "once@example.com", Password: "pw", DisplayName: "Once", PermissionIDs: []int64{1}}
	srv.Inject(fakekit.Fault{Cut: fakekit.CutBeforeResponse, Apply: true})
	_, err := c.Users.Create(ctx, p, voltmx.WithRequestMaxRetries(5))
	require.Error(t, err)
	var e *voltmx.Error
	assert.False(t, errors.As(err, &e), "the cut is the error, not a replay's ErrUserExists: %v", err)
	assert.Equal(t, 1, srv.RequestCount(), "sent once, even when asked for retries")
	assert.Equal(t, 1, srv.AppliedCount(voltmxtest.OpUsersCreate))
	assert.Len(t, srv.Users(), 2, "the admin and the one user")

	id := srv.Users()[1].ID
	srv.Inject(fakekit.Fault{Status: http.StatusBadGateway, Apply: true})
	require.NoError(t, c.Users.Update(ctx, id, &voltmx.UpdateUserParams{UserName: "once", Email: "once@example.com",
		Password: "pw", DisplayName: "Renamed", PermissionIDs: []int64{1}}))
	got, _ := srv.User(id)
	assert.Equal(t, "Renamed", got.DisplayName)

	srv.Inject(fakekit.Fault{Cut: fakekit.CutBeforeResponse, Apply: true})
	require.NoError(t, c.Users.Delete(ctx, id), "the retry finds the user gone: the lost attempt deleted it")
	assert.Equal(t, 1, srv.AppliedCount(voltmxtest.OpUsersDelete))
}

// The user parameters hold a password: no printed or marshalled form shows
// it, and a 400 that echoes the request has it masked. Only the request
// body carries it.
func TestUserParamsNeverShowThePassword(t *testing.T) {
	const pw = "Secret@4711"
	create := voltmx.CreateUserParams{UserName: "u", Email: "e", Password: pw, DisplayName: "d", PermissionIDs: []int64{1}, Active: ptr(true)}
	update := voltmx.UpdateUserParams{UserName: "u", Email: "e", Password: pw, DisplayName: "d", PermissionIDs: []int64{1}}
	var logs strings.Builder
	text := slog.New(slog.NewTextHandler(&logs, nil))
	js := slog.New(slog.NewJSONHandler(&logs, nil))
	var printed []string
	for _, v := range []any{create, &create, update, &update} {
		printed = append(printed, fmt.Sprintf("%v %+v %#v %s %q %d %x", v, v, v, v, v, v, v))
		b, err := json.Marshal(v)
		require.NoError(t, err)
		printed = append(printed, string(b))
		text.Info("params", "p", v)
		js.Info("params", "p", v)
	}
	all := strings.Join(printed, "\n") + logs.String()
	assert.NotContains(t, all, pw)
	assert.Contains(t, all, "[REDACTED]")
	assert.Contains(t, fmt.Sprintf("%+v", create), "UserName:u")
	assert.True(t, strings.HasPrefix(fmt.Sprintf("%#v", update), "voltmx.UpdateUserParams{"), fmt.Sprintf("%#v", update))

	mt, c := newMock(t, nil)
	got := respond(mt, http.MethodPost, api+"/users", 400, `{"message":"Invalid request payload. Error occurred at property password: `+pw+`"}`)
	_, err := c.Users.Create(t.Context(), &create)
	require.ErrorIs(t, err, voltmx.ErrInvalidPayload)
	assert.NotContains(t, err.Error(), pw)
	assert.Contains(t, string((*got)[0].body), `"password":"`+pw+`"`, "the request itself carries it")
}
