package shares_test

import (
	"context"
	"errors"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/grantkit/grantkit-go/internal/fakekit"
	"github.com/grantkit/grantkit-go/internal/transport"
	"github.com/grantkit/grantkit-go/shares"
	"github.com/grantkit/grantkit-go/shares/sharestest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var uuid4 = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestShareLifecycle(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()

	ref, err := f.c.Shares.Create(ctx, f.weekdays())
	require.NoError(t, err)
	assert.Equal(t, int64(1), ref.ShareID)
	assert.Regexp(t, uuid4, ref.Token)
	ref2, err := f.c.Shares.Create(ctx, f.weekdays())
	require.NoError(t, err)
	assert.Equal(t, int64(2), ref2.ShareID, "ids count up")
	assert.NotEqual(t, ref.Token, ref2.Token)

	got, err := f.c.Shares.Get(ctx, ref.ShareID)
	require.NoError(t, err)
	assert.Equal(t, ref.ShareID, got.ID)
	assert.Equal(t, &shares.Organization{ID: f.org.ID, Name: "Office"}, got.Organization)
	assert.Equal(t, "Front door", got.Source.Device.Name)
	assert.Nil(t, got.Source.DeviceGroup)
	assert.Equal(t, "ada@example.com", got.Receiver.User.EmailAddress)
	assert.Equal(t, shares.Permissions{RemoteActivate: true}, got.Permissions)
	assert.Equal(t, f.weekdays().Schedule, got.Schedule)
	assert.True(t, got.StartDate.IsZero())
	assert.Nil(t, got.EndTime)
	require.NotNil(t, got.CreatorAccount)

	all, err := f.c.Shares.List(ctx, nil)
	require.NoError(t, err)
	assert.Len(t, all, 2)

	require.True(t, f.srv.SetExternalID(ref2.ShareID, "booking-17"))
	byExt, err := f.c.Shares.List(ctx, &shares.ListSharesOptions{ExternalID: "booking-17"})
	require.NoError(t, err)
	require.Len(t, byExt, 1)
	assert.Equal(t, ref2.ShareID, byExt[0].ID)
	assert.Equal(t, "booking-17", byExt[0].ExternalID)

	start, end := shares.Date{Year: 2030, Month: 3, Day: 1}, shares.Date{Year: 2030, Month: 3, Day: 31}
	upd, err := f.c.Shares.Update(ctx, ref.ShareID, &shares.UpdateShareParams{
		StartDate:       start,
		EndDate:         end,
		EndTime:         &shares.TimeOfDay{Hour: 23, Minute: 59, Second: 59},
		Schedule:        []shares.ScheduleEntry{},
		Permissions:     &shares.Permissions{RemoteActivate: true, AssignKeyfob: true},
		AutoRemoveAfter: shares.AutoRemoveWeek,
	})
	require.NoError(t, err)
	assert.Equal(t, ref, upd)
	got, err = f.c.Shares.Get(ctx, ref.ShareID)
	require.NoError(t, err)
	assert.Equal(t, start, got.StartDate)
	assert.Equal(t, end, got.EndDate)
	assert.Equal(t, &shares.TimeOfDay{Hour: 23, Minute: 59, Second: 59}, got.EndTime)
	assert.Empty(t, got.Schedule)
	assert.True(t, got.Permissions.AssignKeyfob)
	assert.Equal(t, "Ada", got.Receiver.User.FirstName, "fields not sent are kept")

	link, err := f.c.Shares.CreateWebKey(ctx, ref.ShareID)
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(link, sharestest.WebKeyBaseURL), link)

	require.NoError(t, f.c.Shares.Delete(ctx, ref.ShareID))
	_, err = f.c.Shares.Get(ctx, ref.ShareID)
	assert.ErrorIs(t, err, shares.ErrShareNotFound)
	err = f.c.Shares.Delete(ctx, ref.ShareID)
	assert.ErrorIs(t, err, shares.ErrShareNotFound)
	_, err = f.c.Shares.Update(ctx, ref.ShareID, &shares.UpdateShareParams{})
	assert.ErrorIs(t, err, shares.ErrShareNotFound)
	assert.Equal(t, 1, f.srv.ShareCount())

	for op, n := range map[string]int{"shares.create": 2, "shares.update": 1, "shares.createWebKey": 1, "shares.delete": 1} {
		assert.Equal(t, n, f.srv.AppliedCount(op), op)
	}
}

func TestListByDevice(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	other := f.srv.AddDevice(f.org.ID, "Back door")
	_, err := f.c.Shares.Create(ctx, f.weekdays())
	require.NoError(t, err)
	p := f.weekdays()
	p.Source.DeviceID = other.ID
	ref, err := f.c.Shares.Create(ctx, p)
	require.NoError(t, err)

	got, err := f.c.Shares.List(ctx, &shares.ListSharesOptions{DeviceID: other.ID})
	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.Equal(t, ref.ShareID, got[0].ID)

	_, err = f.c.Shares.List(ctx, &shares.ListSharesOptions{DeviceID: 99})
	assert.ErrorIs(t, err, shares.ErrShareNotFound)
}

func TestSharesToGroups(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	floor := f.srv.AddDeviceGroup(f.org.ID, "Floor 2")
	cleaners := f.srv.AddUserGroup("Cleaners")
	p := f.weekdays()
	p.Source = shares.Source{DeviceGroupID: floor.ID}
	p.Receiver = shares.Receiver{UserGroupID: cleaners.ID}
	ref, err := f.c.Shares.Create(ctx, p)
	require.NoError(t, err)
	got, err := f.c.Shares.Get(ctx, ref.ShareID)
	require.NoError(t, err)
	assert.Equal(t, &shares.DeviceGroup{ID: floor.ID, Name: "Floor 2"}, got.Source.DeviceGroup)
	assert.Equal(t, &shares.UserGroup{ID: cleaners.ID, Name: "Cleaners"}, got.Receiver.UserGroup)
	assert.Nil(t, got.Receiver.User)
}

func TestAPIRejectsWhatValidationCannotKnow(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	otherOrg := f.srv.AddOrganization("Elsewhere")
	for name, change := range map[string]func(p *shares.CreateShareParams){
		"unknown user":         func(p *shares.CreateShareParams) { p.Receiver.UserID = 99 },
		"unknown device":       func(p *shares.CreateShareParams) { p.Source.DeviceID = 99 },
		"unknown organization": func(p *shares.CreateShareParams) { p.OrganizationID = 99 },
		"device of another organization": func(p *shares.CreateShareParams) {
			p.OrganizationID = otherOrg.ID
		},
	} {
		t.Run(name, func(t *testing.T) {
			p := f.weekdays()
			change(p)
			_, err := f.c.Shares.Create(ctx, p)
			require.ErrorIs(t, err, shares.ErrInvalidInput)
			var e *shares.Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, []any{400, "invalidInputErrorError", "Invalid input", "shares.create", "POST", "/v2/shares", 1},
				[]any{e.StatusCode, e.Code, e.Message, e.Op, e.Method, e.Path, e.Attempts})
		})
	}
	assert.Zero(t, f.srv.ShareCount())
}

func TestWebKeyRules(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	temporary := func(p *shares.CreateShareParams) *shares.CreateShareParams {
		p.StartDate, p.EndDate = shares.Date{Year: 2030, Month: 5, Day: 1}, shares.Date{Year: 2030, Month: 5, Day: 2}
		return p
	}
	webKey := func(p *shares.CreateShareParams) (string, error) {
		ref, err := f.c.Shares.Create(ctx, p)
		require.NoError(t, err)
		return f.c.Shares.CreateWebKey(ctx, ref.ShareID)
	}
	wantMessage := func(err error, msg string) {
		t.Helper()
		require.ErrorIs(t, err, shares.ErrInvalidInput)
		var e *shares.Error
		require.ErrorAs(t, err, &e)
		assert.Equal(t, msg, e.Message)
	}

	_, err := webKey(f.weekdays())
	wantMessage(err, "Web key requires temporary access")

	p := temporary(f.weekdays())
	p.Receiver = shares.Receiver{UserGroupID: f.srv.AddUserGroup("Guests").ID}
	_, err = webKey(p)
	wantMessage(err, "Web key not allowed for user groups")

	ref, err := f.c.Shares.Create(ctx, temporary(f.weekdays()))
	require.NoError(t, err)
	link, err := f.c.Shares.CreateWebKey(ctx, ref.ShareID)
	require.NoError(t, err)
	assert.Regexp(t, uuid4, strings.TrimPrefix(link, sharestest.WebKeyBaseURL))
	_, err = f.c.Shares.CreateWebKey(ctx, ref.ShareID)
	wantMessage(err, "Web key already exists")

	_, err = f.c.Shares.CreateWebKey(ctx, 999)
	assert.ErrorIs(t, err, shares.ErrShareNotFound)
	assert.Equal(t, 1, f.srv.AppliedCount(sharestest.OpSharesCreateWebKey))
}

func TestReadOnlyTokenCannotWrite(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	ref, err := f.c.Shares.Create(ctx, f.weekdays())
	require.NoError(t, err)
	ro := newClient(t, f.srv, shares.BearerToken(f.srv.ReadOnlyToken()))

	_, err = ro.Shares.Get(ctx, ref.ShareID)
	require.NoError(t, err)
	_, err = ro.Shares.List(ctx, nil)
	require.NoError(t, err)

	writes := map[string]func() error{
		"create": func() error { _, err := ro.Shares.Create(ctx, f.weekdays()); return err },
		"update": func() error { _, err := ro.Shares.Update(ctx, ref.ShareID, &shares.UpdateShareParams{}); return err },
		"delete": func() error { return ro.Shares.Delete(ctx, ref.ShareID) },
		"webkey": func() error { _, err := ro.Shares.CreateWebKey(ctx, ref.ShareID); return err },
	}
	for name, write := range writes {
		err := write()
		assert.ErrorIs(t, err, shares.ErrForbidden, name)
		assert.NotErrorIs(t, err, shares.ErrUnauthorized, name)
	}
	assert.Equal(t, 1, f.srv.ShareCount())
	assert.Equal(t, 1, f.srv.AppliedCount(sharestest.OpSharesCreate))
}

func TestInvalidTokenIsUnauthorized(t *testing.T) {
	f := newFixture(t)
	c := newClient(t, f.srv, shares.BearerToken("not-a-token"))
	_, err := c.Shares.List(context.Background(), nil)
	require.ErrorIs(t, err, shares.ErrUnauthorized)
	var e *shares.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 401, e.StatusCode)
	assert.Equal(t, 1, f.srv.RequestCount(), "a static token is not retried")
}

func TestCreateIsNotRetriedOnceItMayHaveArrived(t *testing.T) {
	tests := []struct {
		name        string
		fault       fakekit.Fault
		applied     int
		wantStatus  int
		wantRequest bool // a *transport.RequestError rather than an *Error
	}{
		{"503", fakekit.Fault{Status: http.StatusServiceUnavailable}, 0, 503, false},
		{"500", fakekit.Fault{Status: http.StatusInternalServerError}, 0, 500, false},
		{"503 after applying", fakekit.Fault{Status: http.StatusServiceUnavailable, Apply: true}, 1, 503, false},
		{"connection cut after applying", fakekit.Fault{Cut: fakekit.CutBeforeResponse, Apply: true}, 1, 0, true},
		{"answer cut mid-body after applying", fakekit.Fault{Truncate: true}, 1, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			f.srv.Inject(tt.fault)
			_, err := f.c.Shares.Create(context.Background(), f.weekdays())
			require.Error(t, err)
			if tt.wantRequest {
				var re *transport.RequestError
				require.ErrorAs(t, err, &re)
			} else {
				var e *shares.Error
				require.ErrorAs(t, err, &e)
				assert.Equal(t, tt.wantStatus, e.StatusCode)
				assert.Equal(t, 1, e.Attempts)
			}
			assert.Equal(t, 1, f.srv.RequestCount(), "attempts")
			assert.Equal(t, tt.applied, f.srv.AppliedCount(sharestest.OpSharesCreate))
			assert.Equal(t, tt.applied, f.srv.ShareCount())
		})
	}
}

func TestCreateWebKeyIsNotRetried(t *testing.T) {
	f := newFixture(t)
	p := f.weekdays()
	p.StartDate, p.EndDate = shares.Date{Year: 2030, Month: 1, Day: 1}, shares.Date{Year: 2030, Month: 1, Day: 2}
	ref, err := f.c.Shares.Create(context.Background(), p)
	require.NoError(t, err)
	f.srv.Inject(fakekit.Fault{Cut: fakekit.CutBeforeResponse, Apply: true})
	_, err = f.c.Shares.CreateWebKey(context.Background(), ref.ShareID)
	require.Error(t, err)
	assert.Equal(t, 1, apiRequests(f.srv, "POST", "/v2/shares/1/web-key"))
	assert.Equal(t, 1, f.srv.AppliedCount(sharestest.OpSharesCreateWebKey))
}

func TestCreateIsRetriedAfter429(t *testing.T) {
	f := newFixture(t)
	f.srv.Inject(fakekit.Fault{Status: http.StatusTooManyRequests, RetryAfter: "1", Times: 2})
	ref, err := f.c.Shares.Create(context.Background(), f.weekdays())
	require.NoError(t, err)
	assert.Equal(t, int64(1), ref.ShareID)
	assert.Equal(t, 3, f.srv.RequestCount())
	assert.Equal(t, 1, f.srv.AppliedCount(sharestest.OpSharesCreate))
}

func TestGiveUpKeepsTheLastAnswer(t *testing.T) {
	f := newFixture(t)
	f.srv.Inject(fakekit.Fault{Status: http.StatusTooManyRequests, RetryAfter: "1", Times: -1})
	_, err := f.c.Shares.List(context.Background(), nil)
	var e *shares.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 429, e.StatusCode)
	assert.Equal(t, 4, e.Attempts)
	assert.Contains(t, err.Error(), "4 attempts")
}

func TestReadsAndIdempotentWritesAreRetried(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	ref, err := f.c.Shares.Create(ctx, f.weekdays())
	require.NoError(t, err)
	f.srv.ResetRequests()

	f.srv.Inject(fakekit.Fault{Status: http.StatusBadGateway})
	f.srv.Inject(fakekit.Fault{Cut: fakekit.CutBeforeResponse})
	_, err = f.c.Shares.Get(ctx, ref.ShareID)
	require.NoError(t, err)
	assert.Equal(t, 3, f.srv.RequestCount())

	f.srv.ResetRequests()
	f.srv.Inject(fakekit.Fault{Cut: fakekit.CutBeforeResponse, Apply: true})
	_, err = f.c.Shares.Update(ctx, ref.ShareID, &shares.UpdateShareParams{Permissions: &shares.Permissions{Administrate: true}})
	require.NoError(t, err)
	assert.Equal(t, 2, f.srv.RequestCount())

	f.srv.ResetRequests()
	f.srv.Inject(fakekit.Fault{Status: http.StatusServiceUnavailable, Apply: true})
	require.NoError(t, f.c.Shares.Delete(ctx, ref.ShareID), "a replayed delete of a share that is gone")
	assert.Equal(t, 2, f.srv.RequestCount())
	assert.Equal(t, 1, f.srv.AppliedCount(sharestest.OpSharesDelete))
}

func TestContextIsHonoured(t *testing.T) {
	f := newFixture(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := f.c.Shares.Create(ctx, f.weekdays())
	require.ErrorIs(t, err, context.Canceled)
	assert.Zero(t, f.srv.RequestCount())

	f.srv.SetLatency(time.Second)
	ctx, cancel = context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = f.c.Shares.List(ctx, nil)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), 500*time.Millisecond)
}

func TestResponseSizeCap(t *testing.T) {
	f := newFixture(t, shares.WithMaxResponseBytes(1024))
	f.srv.Inject(fakekit.Fault{Oversize: 4096})
	_, err := f.c.Shares.List(context.Background(), nil)
	require.ErrorIs(t, err, transport.ErrResponseTooLarge)
	assert.Equal(t, 1, f.srv.RequestCount())
}

func TestMalformedSuccess(t *testing.T) {
	f := newFixture(t)
	f.srv.Inject(fakekit.Fault{Status: 200, Body: `{"shareId": "three"}`})
	_, err := f.c.Shares.Create(context.Background(), f.weekdays())
	require.ErrorIs(t, err, transport.ErrMalformedResponse)
	assert.NotContains(t, err.Error(), "three", "a 2xx body is not quoted")

	f.srv.Inject(fakekit.Fault{Status: 200, Body: `""`})
	_, err = f.c.Shares.CreateWebKey(context.Background(), 1)
	require.ErrorIs(t, err, transport.ErrMalformedResponse)
	assert.False(t, errors.Is(err, shares.ErrInvalidInput))
}
