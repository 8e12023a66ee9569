package shares_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/grantkit/grantkit-go/shares"
	"github.com/grantkit/grantkit-go/shares/sharestest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// shareViewAnswer is the reference's GET /v2/shares/{id} answer
// (apidoc.boldsmartlock.com/GET_v2_shares_x.html), every documented field
// given a value: a share of a lock for a user who has not registered yet.
const shareViewAnswer = `{
	"id": 7,
	"organization": {"id": 1, "name": "Office", "personal": false},
	"creatorAccount": {"id": 10, "firstName": "Sam", "lastName": "Owner"},
	"startDate": "2022-06-23", "startTime": "13:53:02", "endDate": "2022-06-30", "endTime": "18:00:00",
	"schedule": [{"dayOfWeek": "Monday", "period": {"startTime": "08:00:00", "endTime": "18:00:00"}, "recurrence": "Weekly"}],
	"permissions": {"administrate": false, "remoteActivate": true, "assignKeyfob": true},
	"source": {
		"device": {"id": 14, "name": "Front door", "location": "Hall", "remarks": "Push hard", "carouselImageUrl": "https://cdn.example/door.png"}
	},
	"receiver": {
		"user": {
			"id": 2, "firstName": "Ada", "lastName": "Lovelace",
			"emailAddress": "ada@example.com", "emailAddressVerify": true, "emailAddressVerified": false,
			"phoneNumber": "+31850607337", "phoneNumberVerify": true, "phoneNumberVerified": true,
			"registered": false,
			"account": {"id": 20, "firstName": "Ada", "lastName": "Lovelace", "emailAddress": "ada@example.com", "phoneNumber": "+31850607337"},
			"invitation": {"token": "a426e157-8a5c-456a-8865-bec6394867ab", "url": "https://invite.example/a426e157",
				"expiration": "2022-06-23T13:53:02+02:00", "isExpired": false}
		}
	}
}`

func TestShareViewCarriesEveryDocumentedField(t *testing.T) {
	c, seen := mockAPI(t, shares.BearerToken("tok"), 200, shareViewAnswer)
	sh, err := c.Shares.Get(context.Background(), 7)
	require.NoError(t, err)
	assert.Equal(t, "/v2/shares/7", (*seen)[0].path)

	assert.Equal(t, &shares.Device{ID: 14, Name: "Front door", Location: "Hall", Remarks: "Push hard",
		CarouselImageURL: "https://cdn.example/door.png"}, sh.Source.Device)
	cest := time.FixedZone("", 2*3600)
	assert.Equal(t, &shares.User{
		ID: 2, FirstName: "Ada", LastName: "Lovelace",
		EmailAddress: "ada@example.com", EmailAddressVerify: true, EmailAddressVerified: false,
		PhoneNumber: "+31850607337", PhoneNumberVerify: true, PhoneNumberVerified: true,
		Registered: false,
		Account: &shares.Account{ID: 20, FirstName: "Ada", LastName: "Lovelace",
			EmailAddress: "ada@example.com", PhoneNumber: "+31850607337"},
		Invitation: &shares.Invitation{Token: "a426e157-8a5c-456a-8865-bec6394867ab", URL: "https://invite.example/a426e157",
			Expiration: time.Date(2022, 6, 23, 13, 53, 2, 0, cest)},
	}, normalizeZone(sh.Receiver.User))
	assert.Equal(t, &shares.Account{ID: 10, FirstName: "Sam", LastName: "Owner"}, sh.CreatorAccount)
}

// normalizeZone lets assert.Equal compare the invitation's instant rather
// than the *time.Location the decoder picked for it.
func normalizeZone(u *shares.User) *shares.User {
	if u.Invitation != nil && !u.Invitation.Expiration.IsZero() {
		_, off := u.Invitation.Expiration.Zone()
		u.Invitation.Expiration = u.Invitation.Expiration.In(time.FixedZone("", off))
	}
	return u
}

func TestDeviceGroupAndUserGroupViews(t *testing.T) {
	c, _ := mockAPI(t, shares.BearerToken("tok"), 200, `[{"id": 8,
		"source": {"deviceGroup": {"id": 5, "name": "Floor 2", "remarks": "Badge too", "location": "West wing"}},
		"receiver": {"userGroup": {"id": 6, "name": "Cleaners"}}}]`)
	got, err := c.Shares.List(context.Background(), nil)
	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.Equal(t, &shares.DeviceGroup{ID: 5, Name: "Floor 2", Remarks: "Badge too", Location: "West wing"}, got[0].Source.DeviceGroup)
	assert.Equal(t, &shares.UserGroup{ID: 6, Name: "Cleaners"}, got[0].Receiver.UserGroup)
}

// One malformed or missing invitation date must not fail a whole list.
func TestInvitationExpirationIsDecodedLeniently(t *testing.T) {
	for _, tt := range []struct {
		raw  string
		want time.Time
	}{
		{`"2026-03-17T09:38:37.991821898Z"`, time.Date(2026, 3, 17, 9, 38, 37, 991821898, time.UTC)},
		{`"2022-06-23T13:53:02+0200"`, time.Date(2022, 6, 23, 11, 53, 2, 0, time.UTC)},
		{`"next week"`, time.Time{}},
		{`null`, time.Time{}},
		{`1750000000`, time.Time{}},
	} {
		var inv shares.Invitation
		require.NoError(t, json.Unmarshal([]byte(`{"token": "t", "url": "u", "isExpired": true, "expiration": `+tt.raw+`}`), &inv), tt.raw)
		assert.True(t, tt.want.Equal(inv.Expiration), "%s: got %v", tt.raw, inv.Expiration)
		assert.Equal(t, "u", inv.URL)
		assert.True(t, inv.IsExpired)
	}
}

// Against the fake: a receiver who has not registered comes back with the
// invitation link to hand on; once registered, with the account instead.
func TestPendingReceiverCarriesTheInvitation(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	ref, err := f.c.Shares.Create(ctx, f.weekdays())
	require.NoError(t, err)
	sh, err := f.c.Shares.Get(ctx, ref.ShareID)
	require.NoError(t, err)
	u := sh.Receiver.User
	require.NotNil(t, u)
	require.NotNil(t, u.Invitation)
	assert.Equal(t, f.user.Invitation.URL, u.Invitation.URL)
	assert.Equal(t, f.user.Invitation.Token, u.Invitation.Token)
	assert.False(t, u.Invitation.IsExpired)
	assert.True(t, f.user.Invitation.Expiration.Equal(u.Invitation.Expiration))
	assert.False(t, u.Registered)
	assert.Nil(t, u.Account)

	_, ok := f.srv.RegisterUser(f.user.ID)
	require.True(t, ok)
	sh, err = f.c.Shares.Get(ctx, ref.ShareID)
	require.NoError(t, err)
	u = sh.Receiver.User
	assert.True(t, u.Registered)
	assert.True(t, u.EmailAddressVerified)
	assert.Nil(t, u.Invitation)
	require.NotNil(t, u.Account)
	assert.Equal(t, "ada@example.com", u.Account.EmailAddress)
}

// MakePermanent sends the dates and times as null, the clearing form, and
// nothing else it was not given.
func TestUpdateMakePermanentSendsNulls(t *testing.T) {
	c, seen := mockAPI(t, shares.BearerToken("tok"), 200, `{"shareId": 1}`)
	_, err := c.Shares.Update(context.Background(), 1, &shares.UpdateShareParams{
		MakePermanent: true,
		Schedule:      []shares.ScheduleEntry{},
		Permissions:   &shares.Permissions{RemoteActivate: true},
	})
	require.NoError(t, err)
	assert.JSONEq(t, `{"startDate": null, "startTime": null, "endDate": null, "endTime": null,
		"schedule": [], "permissions": {"administrate": false, "remoteActivate": true, "assignKeyfob": false}}`, (*seen)[0].body)

	// Without it, unset dates are left out, as before.
	_, err = c.Shares.Update(context.Background(), 1, &shares.UpdateShareParams{Permissions: &shares.Permissions{}})
	require.NoError(t, err)
	assert.JSONEq(t, `{"permissions": {"administrate": false, "remoteActivate": false, "assignKeyfob": false}}`, (*seen)[1].body)
}

func TestUpdateMakePermanentAgainstTheFake(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	p := f.weekdays()
	p.StartDate, p.EndDate = shares.Date{Year: 2030, Month: 3, Day: 1}, shares.Date{Year: 2030, Month: 3, Day: 31}
	p.EndTime = &shares.TimeOfDay{Hour: 17}
	ref, err := f.c.Shares.Create(ctx, p)
	require.NoError(t, err)

	// Leaving the dates out keeps them.
	_, err = f.c.Shares.Update(ctx, ref.ShareID, &shares.UpdateShareParams{Permissions: &shares.Permissions{AssignKeyfob: true}})
	require.NoError(t, err)
	sh, err := f.c.Shares.Get(ctx, ref.ShareID)
	require.NoError(t, err)
	assert.Equal(t, p.EndDate, sh.EndDate)

	_, err = f.c.Shares.Update(ctx, ref.ShareID, &shares.UpdateShareParams{MakePermanent: true})
	require.NoError(t, err)
	sh, err = f.c.Shares.Get(ctx, ref.ShareID)
	require.NoError(t, err)
	assert.True(t, sh.StartDate.IsZero())
	assert.True(t, sh.EndDate.IsZero())
	assert.Nil(t, sh.EndTime)
	assert.True(t, sh.Permissions.AssignKeyfob, "the other fields stay")
	_, err = f.c.Shares.CreateWebKey(ctx, ref.ShareID)
	assert.ErrorIs(t, err, shares.ErrInvalidInput, "a permanent share has no web key")
}

func TestUpdateMakePermanentRefusesDates(t *testing.T) {
	f := newFixture(t)
	_, err := f.c.Shares.Update(context.Background(), 1, &shares.UpdateShareParams{MakePermanent: true,
		EndDate: shares.Date{Year: 2030, Month: 1, Day: 1}})
	require.ErrorIs(t, err, shares.ErrInvalidParams)
	assert.Contains(t, err.Error(), "MakePermanent")
	assert.Zero(t, f.srv.RequestCount())
}

func TestFakeUserStartsWithAPendingInvitation(t *testing.T) {
	srv := sharestest.NewServer(t)
	u := srv.AddUser("Ada", "Lovelace", "ada@example.com")
	require.NotNil(t, u.Invitation)
	assert.Regexp(t, uuid4, u.Invitation.Token)
	assert.Equal(t, sharestest.InvitationBaseURL+u.Invitation.Token, u.Invitation.URL)
	assert.False(t, u.Registered)
}
