package shares_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/grantkit/grantkit-go/shares"
	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const apiBase = "https://api.boldsmartlock.com"

// seedExampleBody is the request body of the reference's "Example: Create
// a share" (seeds/002), verbatim.
const seedExampleBody = `{
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

// captured is one request a mock responder saw.
type captured struct {
	method, path string
	query        url.Values
	header       http.Header
	body         string
}

// mockAPI returns a client whose requests go to a mock transport answering
// every request with status and body, and the requests it saw.
func mockAPI(t *testing.T, a shares.Auth, status int, body string, opts ...shares.Option) (*shares.Client, *[]captured) {
	t.Helper()
	return mockPaths(t, `/v2/`, a, status, body, opts...)
}

// mockPaths is mockAPI for the paths that start with prefix.
func mockPaths(t *testing.T, prefix string, a shares.Auth, status int, body string, opts ...shares.Option) (*shares.Client, *[]captured) {
	t.Helper()
	mt := httpmock.NewMockTransport()
	mt.RegisterNoResponder(httpmock.NewNotFoundResponder(t.Fatal))
	var seen []captured
	record := func(r *http.Request) (*http.Response, error) {
		var b []byte
		if r.Body != nil {
			b, _ = io.ReadAll(r.Body)
		}
		seen = append(seen, captured{r.Method, r.URL.Path, r.URL.Query(), r.Header.Clone(), string(b)})
		resp := httpmock.NewStringResponse(status, body)
		resp.Header.Set("Content-Type", "application/json")
		return resp, nil
	}
	for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete} {
		mt.RegisterRegexpResponder(m, mustRegexp(`^`+apiBase+prefix), record)
	}
	c, err := shares.NewClient(a, append([]shares.Option{shares.WithHTTPClient(&http.Client{Transport: mt}), shares.WithMaxRetries(0)}, opts...)...)
	require.NoError(t, err)
	return c, &seen
}

func TestCreateSendsTheSeedExampleBody(t *testing.T) {
	c, seen := mockAPI(t, shares.BearerToken("293891d1-9278-4468-b322-6887e5e39164"), 200, `{"shareId": 3}`,
		shares.WithUserAgent("door-admin/1.2"))
	ref, err := c.Shares.Create(context.Background(), &shares.CreateShareParams{
		OrganizationID: 1,
		Schedule:       []shares.ScheduleEntry{{DayOfWeek: shares.Monday, Recurrence: shares.Weekly}},
		Permissions:    shares.Permissions{RemoteActivate: true, AssignKeyfob: true},
		Source:         shares.Source{DeviceID: 1},
		Receiver:       shares.Receiver{UserID: 2},
		PersonalSettings: &shares.PersonalSettings{
			Notifications: true,
		},
	})
	require.NoError(t, err)
	assert.Equal(t, &shares.ShareRef{ShareID: 3}, ref)

	require.Len(t, *seen, 1)
	r := (*seen)[0]
	assert.Equal(t, "POST", r.method)
	assert.Equal(t, "/v2/shares", r.path)
	assert.Empty(t, r.query)
	assert.Equal(t, "Bearer 293891d1-9278-4468-b322-6887e5e39164", r.header.Get("Authorization"))
	assert.Equal(t, "application/json", r.header.Get("Content-Type"))
	assert.Equal(t, "application/json", r.header.Get("Accept"))
	assert.True(t, strings.HasPrefix(r.header.Get("User-Agent"), "door-admin/1.2 grantkit-go/"), r.header.Get("User-Agent"))
	assert.Contains(t, r.header.Get("User-Agent"), "(shares)")
	// Field for field, with the optional fields the example leaves out
	// (dates, times, periods) left out here too.
	assert.JSONEq(t, seedExampleBody, r.body)
}

func TestCreateSendsDatesTimesAndPeriods(t *testing.T) {
	c, seen := mockAPI(t, shares.BearerToken("tok"), 200, `{"shareId": 4, "token": "a426e157-8a5c-456a-8865-bec6394867ab"}`)
	ref, err := c.Shares.Create(context.Background(), &shares.CreateShareParams{
		OrganizationID: 1,
		StartDate:      shares.Date{Year: 2022, Month: 6, Day: 23},
		StartTime:      &shares.TimeOfDay{Hour: 13, Minute: 53, Second: 2},
		EndDate:        shares.Date{Year: 2022, Month: 6, Day: 30},
		EndTime:        &shares.TimeOfDay{},
		Schedule: []shares.ScheduleEntry{{
			DayOfWeek:  shares.Sunday,
			Period:     &shares.Period{StartTime: shares.TimeOfDay{Hour: 8}, EndTime: shares.TimeOfDay{Hour: 18, Minute: 30}},
			Recurrence: shares.BiWeekly,
		}},
		Source:   shares.Source{DeviceGroupID: 5},
		Receiver: shares.Receiver{UserGroupID: 6},
	})
	require.NoError(t, err)
	assert.Equal(t, &shares.ShareRef{ShareID: 4, Token: "a426e157-8a5c-456a-8865-bec6394867ab"}, ref)
	// Midnight is a real end time and is sent; nil PersonalSettings is not.
	assert.JSONEq(t, `{
		"organizationId": 1,
		"startDate": "2022-06-23", "startTime": "13:53:02",
		"endDate": "2022-06-30", "endTime": "00:00:00",
		"schedule": [{"dayOfWeek": "Sunday", "period": {"startTime": "08:00:00", "endTime": "18:30:00"}, "recurrence": "BiWeekly"}],
		"permissions": {"administrate": false, "remoteActivate": false, "assignKeyfob": false},
		"source": {"deviceGroupId": 5},
		"receiver": {"userGroupId": 6}
	}`, (*seen)[0].body)
}

func TestRequestShapes(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name         string
		answer       string
		call         func(c *shares.Client) error
		method, path string
		body         string // "" for none
	}{
		{
			name:   "update",
			answer: `{"shareId": 7, "token": "t"}`,
			call: func(c *shares.Client) error {
				_, err := c.Shares.Update(ctx, 7, &shares.UpdateShareParams{
					EndDate:         shares.Date{Year: 2030, Month: 1, Day: 31},
					Permissions:     &shares.Permissions{Administrate: true},
					Schedule:        []shares.ScheduleEntry{},
					AutoRemoveAfter: shares.AutoRemoveMonth,
				})
				return err
			},
			method: "PUT", path: "/v2/shares/7",
			body: `{"endDate": "2030-01-31", "schedule": [], "permissions": {"administrate": true, "remoteActivate": false, "assignKeyfob": false}, "autoRemoveAfter": "MONTH"}`,
		},
		{
			name:   "update sends nothing it was not given",
			answer: `{"shareId": 7, "token": "t"}`,
			call: func(c *shares.Client) error {
				_, err := c.Shares.Update(ctx, 7, &shares.UpdateShareParams{Receiver: &shares.Receiver{UserID: 9}})
				return err
			},
			method: "PUT", path: "/v2/shares/7",
			body: `{"receiver": {"userId": 9}}`,
		},
		{
			name:   "get",
			answer: `{"id": 7}`,
			call: func(c *shares.Client) error {
				_, err := c.Shares.Get(ctx, 7)
				return err
			},
			method: "GET", path: "/v2/shares/7",
		},
		{
			name: "delete",
			call: func(c *shares.Client) error {
				return c.Shares.Delete(ctx, 7)
			},
			method: "DELETE", path: "/v2/shares/7",
		},
		{
			name:   "web key",
			answer: `"https://webkey-staging.boldsmartlock.com/84e699cc-bfec-4cf1-b77e-4c975f2c7953"`,
			call: func(c *shares.Client) error {
				_, err := c.Shares.CreateWebKey(ctx, 7)
				return err
			},
			method: "POST", path: "/v2/shares/7/web-key",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, seen := mockAPI(t, shares.BearerToken("tok"), 200, tt.answer)
			require.NoError(t, tt.call(c))
			require.Len(t, *seen, 1)
			r := (*seen)[0]
			assert.Equal(t, tt.method, r.method)
			assert.Equal(t, tt.path, r.path)
			assert.Equal(t, "Bearer tok", r.header.Get("Authorization"))
			if tt.body == "" {
				assert.Empty(t, r.body)
				assert.Empty(t, r.header.Get("Content-Type"))
			} else {
				assert.JSONEq(t, tt.body, r.body)
				assert.Equal(t, "application/json", r.header.Get("Content-Type"))
			}
		})
	}
}

func TestListSendsFiltersAndDecodesTheBareArray(t *testing.T) {
	// The reference's list entry, with values filled in.
	const answer = `[{
		"id": 3,
		"organization": {"id": 1, "name": "Office", "personal": false},
		"creatorAccount": {"id": 10, "firstName": "Sam", "lastName": "Owner"},
		"startDate": "2022-06-23", "startTime": "13:53:02",
		"endDate": "2022-06-30", "endTime": "08:00",
		"schedule": [{"dayOfWeek": "Friday", "period": {"startTime": "08:00:00", "endTime": "18:00:00"}, "recurrence": "Weekly"}],
		"permissions": {"administrate": false, "remoteActivate": true, "assignKeyfob": false},
		"source": {"device": {"id": 1, "name": "Front door", "location": "Hall", "remarks": "", "carouselImageUrl": "x"}},
		"receiver": {"user": {"id": 2, "firstName": "Ada", "lastName": "Lovelace", "emailAddress": "ada@example.com",
			"phoneNumber": "+31850607337", "registered": true}}
	}, {
		"id": 4, "startDate": null, "startTime": null,
		"source": {"deviceGroup": {"id": 5, "name": "Floor 2"}},
		"receiver": {"userGroup": {"id": 6, "name": "Cleaners"}}
	}]`
	c, seen := mockAPI(t, shares.BearerToken("tok"), 200, answer, shares.WithLanguage("NL"))
	got, err := c.Shares.List(context.Background(), &shares.ListSharesOptions{ExternalID: "booking-17", DeviceID: 1})
	require.NoError(t, err)

	r := (*seen)[0]
	assert.Equal(t, "GET", r.method)
	assert.Equal(t, "/v2/shares", r.path)
	assert.Equal(t, url.Values{"externalId": {"booking-17"}, "deviceId": {"1"}, "language": {"nl"}}, r.query)

	require.Len(t, got, 2)
	end := shares.TimeOfDay{Hour: 8}
	assert.Equal(t, shares.Share{
		ID:             3,
		Organization:   &shares.Organization{ID: 1, Name: "Office"},
		CreatorAccount: &shares.Account{ID: 10, FirstName: "Sam", LastName: "Owner"},
		StartDate:      shares.Date{Year: 2022, Month: 6, Day: 23},
		StartTime:      &shares.TimeOfDay{Hour: 13, Minute: 53, Second: 2},
		EndDate:        shares.Date{Year: 2022, Month: 6, Day: 30},
		EndTime:        &end,
		Schedule: []shares.ScheduleEntry{{DayOfWeek: shares.Friday, Recurrence: shares.Weekly,
			Period: &shares.Period{StartTime: shares.TimeOfDay{Hour: 8}, EndTime: shares.TimeOfDay{Hour: 18}}}},
		Permissions: shares.Permissions{RemoteActivate: true},
		Source:      shares.SourceView{Device: &shares.Device{ID: 1, Name: "Front door", Location: "Hall", CarouselImageURL: "x"}},
		Receiver: shares.ReceiverView{User: &shares.User{ID: 2, FirstName: "Ada", LastName: "Lovelace",
			EmailAddress: "ada@example.com", PhoneNumber: "+31850607337", Registered: true}},
	}, got[0])
	assert.True(t, got[1].StartDate.IsZero())
	assert.Nil(t, got[1].StartTime)
	assert.Equal(t, &shares.DeviceGroup{ID: 5, Name: "Floor 2"}, got[1].Source.DeviceGroup)
	assert.Equal(t, &shares.UserGroup{ID: 6, Name: "Cleaners"}, got[1].Receiver.UserGroup)
}

func TestListWithoutOptionsSendsNoQuery(t *testing.T) {
	c, seen := mockAPI(t, shares.BearerToken("tok"), 200, `[]`)
	got, err := c.Shares.List(context.Background(), nil)
	require.NoError(t, err)
	assert.Empty(t, got)
	assert.Empty(t, (*seen)[0].query)
}

func TestWithLanguageGoesOnEveryRequest(t *testing.T) {
	c, seen := mockAPI(t, shares.BearerToken("tok"), 200, `{"shareId": 1}`, shares.WithLanguage("de"))
	ctx := context.Background()
	_, err := c.Shares.Update(ctx, 1, &shares.UpdateShareParams{})
	require.NoError(t, err)
	_, err = c.Shares.Get(ctx, 1)
	require.NoError(t, err)
	for _, r := range *seen {
		assert.Equal(t, "de", r.query.Get("language"), r.method+" "+r.path)
	}
}

func TestWithLanguageRejectsWhatIsNotTwoLetters(t *testing.T) {
	for _, lang := range []string{"", "d", "deu", "d1", "de-DE", "é"} {
		_, err := shares.NewClient(shares.BearerToken("tok"), shares.WithLanguage(lang))
		if assert.Error(t, err, lang) {
			assert.Contains(t, err.Error(), "language")
		}
	}
}

func TestNewClientRejectsBadSettings(t *testing.T) {
	tests := []struct {
		name string
		auth shares.Auth
		opts []shares.Option
		want string
	}{
		{"no auth", nil, nil, "no credentials"},
		{"empty token", shares.BearerToken(" "), nil, "bearer token is empty"},
		{"token with newline", shares.BearerToken("abc\ndef"), nil, "control characters"},
		{"nil OAuth2", (*shares.OAuth2)(nil), nil, "nil *OAuth2"},
		{"no client id", &shares.OAuth2{ClientSecret: "s", RefreshToken: "r"}, nil, "ClientID"},
		{"no client secret", &shares.OAuth2{ClientID: "c", RefreshToken: "r"}, nil, "ClientSecret"},
		{"no refresh token", &shares.OAuth2{ClientID: "c", ClientSecret: "s"}, nil, "RefreshToken"},
		{"bad base URL", shares.BearerToken("t"), []shares.Option{shares.WithBaseURL("api.example.com")}, "base URL"},
		{"plain http", shares.BearerToken("t"), []shares.Option{shares.WithBaseURL("http://api.example.com")}, "plain http"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := shares.NewClient(tt.auth, tt.opts...)
			assert.Nil(t, c)
			if assert.Error(t, err) {
				assert.Contains(t, err.Error(), tt.want)
				assert.NotContains(t, err.Error(), "abc")
			}
		})
	}
}
