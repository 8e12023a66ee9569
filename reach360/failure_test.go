package reach360_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/internal/fakekit"
	"github.com/grantkit/grantkit-go/internal/transport"
	"github.com/grantkit/grantkit-go/internal/validate"
	"github.com/grantkit/grantkit-go/reach360"
	"github.com/grantkit/grantkit-go/reach360/reach360test"
)

// firstErr runs a list and returns its first error.
func firstErr[T any](seq func(func(T, error) bool)) error {
	for _, err := range seq {
		if err != nil {
			return err
		}
	}
	return nil
}

func TestInvalidParamsSendNothing(t *testing.T) {
	srv, c := newFake(t)
	ctx := t.Context()
	cases := []struct {
		name   string
		call   func() error
		fields []string
	}{
		{"create without name", func() error {
			_, err := c.Groups.Create(ctx, reach360.CreateGroupParams{})
			return err
		}, []string{"Name"}},
		{"create with blank name", func() error {
			_, err := c.Groups.Create(ctx, reach360.CreateGroupParams{Name: " \t"})
			return err
		}, []string{"Name"}},
		{"get without id", func() error {
			_, err := c.Groups.Get(ctx, "")
			return err
		}, []string{"groupID"}},
		{"update without id and name", func() error {
			return c.Groups.Update(ctx, "", reach360.UpdateGroupParams{})
		}, []string{"groupID", "Name"}},
		{"delete without id", func() error { return c.Groups.Delete(ctx, "") }, []string{"groupID"}},
		{"list limit too big", func() error {
			return firstErr(c.Groups.List(ctx, &reach360.ListGroupsOptions{Limit: 101}))
		}, []string{"Limit"}},
		{"list limit negative", func() error {
			return firstErr(c.Groups.List(ctx, &reach360.ListGroupsOptions{Limit: -1}))
		}, []string{"Limit"}},
		{"list page limit too big", func() error {
			_, err := c.Groups.ListPage(ctx, &reach360.ListGroupsOptions{Limit: 1000})
			return err
		}, []string{"Limit"}},
		{"next page of nil", func() error {
			var page *reach360.GroupPage
			_, err := page.NextPage(ctx)
			return err
		}, []string{"page"}},
		{"members without id, bad limit", func() error {
			return firstErr(c.Groups.Members(ctx, "", &reach360.ListOptions{Limit: 101}))
		}, []string{"groupID", "Limit"}},
		{"add member without ids", func() error { return c.Groups.AddMember(ctx, "", "") }, []string{"groupID", "userID"}},
		{"remove member without user", func() error { return c.Groups.RemoveMember(ctx, "g", "") }, []string{"userID"}},
		{"users limit", func() error {
			return firstErr(c.Users.List(ctx, &reach360.ListUsersOptions{Limit: 101}))
		}, []string{"Limit"}},
		{"get user without id", func() error {
			_, err := c.Users.Get(ctx, "")
			return err
		}, []string{"userID"}},
		{"delete user without id", func() error { return c.Users.Delete(ctx, "") }, []string{"userID"}},
		{"user groups without id", func() error {
			return firstErr(c.Users.Groups(ctx, "", nil))
		}, []string{"userID"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.call()
			require.ErrorIs(t, err, reach360.ErrInvalidParams)
			var ve *validate.Error
			require.ErrorAs(t, err, &ve)
			var fields []string
			for _, p := range ve.Problems {
				fields = append(fields, p.Field)
			}
			assert.Equal(t, tc.fields, fields)
			for _, f := range tc.fields {
				assert.Contains(t, err.Error(), f)
			}
		})
	}
	assert.Equal(t, 0, srv.RequestCount())
}

// Limits at the edges of 1..100 are sent.
func TestLimitBounds(t *testing.T) {
	srv, c := newFake(t)
	for _, limit := range []int{1, 100} {
		require.NoError(t, firstErr(c.Groups.List(t.Context(), &reach360.ListGroupsOptions{Limit: limit})))
	}
	assert.Equal(t, 2, srv.RequestCount())
}

func TestReadIsRetriedAfter5xxAndCuts(t *testing.T) {
	srv, c := newFake(t)
	g := srv.AddGroup("Sales")
	srv.Inject(fakekit.Fault{Status: http.StatusServiceUnavailable})
	srv.Inject(fakekit.Fault{Cut: fakekit.CutBeforeResponse})
	srv.Inject(fakekit.Fault{Truncate: true})

	got, err := c.Groups.Get(t.Context(), g.ID)
	require.NoError(t, err)
	assert.Equal(t, g, *got)
	assert.Equal(t, 3, srv.FaultsServed())
	assert.GreaterOrEqual(t, srv.RequestCount(), 4)
}

func TestCreateIsNotRetriedAfter503(t *testing.T) {
	srv, c := newFake(t)
	srv.Inject(fakekit.Fault{Status: http.StatusServiceUnavailable, Body: `{"code":"unavailable","message":"down"}`})

	_, err := c.Groups.Create(t.Context(), reach360.CreateGroupParams{Name: "Sales"})
	var e *reach360.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 503, e.StatusCode)
	assert.Equal(t, 1, e.Attempts)
	assert.Equal(t, 1, srv.RequestCount())
	assert.Equal(t, 0, srv.AppliedCount("groups.create"))
}

// The create reached the server and was applied, but the answer was lost:
// retrying would meet duplicate_name, so the caller gets the transport
// error and the group exists once.
func TestCreateIsNotRetriedAfterCutConnection(t *testing.T) {
	srv, c := newFake(t)
	srv.Inject(fakekit.Fault{Cut: fakekit.CutBeforeResponse, Apply: true})

	_, err := c.Groups.Create(t.Context(), reach360.CreateGroupParams{Name: "Sales"})
	require.Error(t, err)
	var re *transport.RequestError
	require.ErrorAs(t, err, &re)
	assert.Equal(t, 1, re.Attempts)
	assert.NotErrorIs(t, err, reach360.ErrDuplicateName)
	assert.Equal(t, 1, srv.RequestCount())
	assert.Equal(t, 1, srv.AppliedCount("groups.create"))
	assert.Equal(t, []string{"Everyone", "Sales"}, names(srv.Groups()))
}

// 429 means the server did not act, so even a create is retried.
func TestCreateIsRetriedAfter429(t *testing.T) {
	srv, c := newFake(t)
	srv.Inject(fakekit.Fault{Status: http.StatusTooManyRequests, RetryAfter: "0"})

	g, err := c.Groups.Create(t.Context(), reach360.CreateGroupParams{Name: "Sales"})
	require.NoError(t, err)
	assert.Equal(t, "Sales", g.Name)
	assert.Equal(t, 2, srv.RequestCount())
	assert.Equal(t, 1, srv.AppliedCount("groups.create"))
}

// An update whose answer was lost is replayed; the fake shows it applied
// once.
func TestUpdateIsRetriedAfterCutConnection(t *testing.T) {
	srv, c := newFake(t)
	g := srv.AddGroup("Sales")
	srv.Inject(fakekit.Fault{Cut: fakekit.CutBeforeResponse, Apply: true})

	require.NoError(t, c.Groups.Update(t.Context(), g.ID, reach360.UpdateGroupParams{Name: "Sales EMEA"}))
	assert.Equal(t, 2, srv.RequestCount())
	assert.Equal(t, 1, srv.AppliedCount("groups.update"))
	assert.Equal(t, []string{"Everyone", "Sales EMEA"}, names(srv.Groups()))
}

func TestRateLimitedAfterRetries(t *testing.T) {
	srv, c := newFake(t)
	srv.Inject(fakekit.Fault{Status: http.StatusTooManyRequests, RetryAfter: "1", Times: -1,
		Body: `{"message":"Too Many Requests"}`})

	start := time.Now()
	_, err := c.Groups.Get(t.Context(), reach360test.EveryoneID)
	assert.ErrorIs(t, err, reach360.ErrRateLimited)
	var e *reach360.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 4, e.Attempts)
	assert.Equal(t, 4, srv.RequestCount())
	// Retry-After: 1 is capped by the policy's MaxRetryAfter (5ms).
	assert.Less(t, time.Since(start), time.Second)
}

// With the default policy, Retry-After is honoured: in a synctest bubble
// the wait passes in virtual time.
func TestRetryAfterIsHonoured(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := reach360test.NewServer(t, fakekit.InMemory())
		c, err := reach360.NewClient(srv.APIKey(), reach360.WithBaseURL(srv.URL), reach360.WithHTTPClient(srv.Client()))
		require.NoError(t, err)
		srv.Inject(fakekit.Fault{Status: http.StatusTooManyRequests, RetryAfter: "7"})

		start := time.Now()
		_, err = c.Groups.Create(t.Context(), reach360.CreateGroupParams{Name: "Sales"})
		require.NoError(t, err)
		assert.Equal(t, 7*time.Second, time.Since(start))
		assert.Equal(t, 1, srv.AppliedCount("groups.create"))
	})
}

func TestCancelledContext(t *testing.T) {
	srv, c := newFake(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()

	_, err := c.Groups.Create(ctx, reach360.CreateGroupParams{Name: "Sales"})
	assert.ErrorIs(t, err, context.Canceled)
	assert.ErrorIs(t, firstErr(c.Groups.List(ctx, nil)), context.Canceled)
	assert.Equal(t, 0, srv.RequestCount())
}

func TestDeadlineDuringSlowAnswer(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := reach360test.NewServer(t, fakekit.InMemory())
		c := newClientFor(t, srv)
		srv.SetLatency(time.Minute)

		ctx, cancel := context.WithTimeout(t.Context(), time.Second)
		defer cancel()
		start := time.Now()
		_, err := c.Groups.Get(ctx, reach360test.EveryoneID)
		assert.ErrorIs(t, err, context.DeadlineExceeded)
		assert.Equal(t, time.Second, time.Since(start))
	})
}

func TestOversizedAnswer(t *testing.T) {
	srv, c := newFake(t, reach360.WithMaxResponseBytes(1024), reach360.WithMaxRetries(0))
	srv.Inject(fakekit.Fault{Oversize: 4096})
	_, err := c.Groups.Get(t.Context(), reach360test.EveryoneID)
	assert.ErrorIs(t, err, transport.ErrResponseTooLarge)
}

// An error in the middle of a list is yielded once and ends the loop.
func TestListErrorMidway(t *testing.T) {
	srv, c := newFake(t, reach360.WithMaxRetries(0))
	for i := range 3 {
		srv.AddGroup(fmt.Sprint("g", i))
	}
	srv.Inject(fakekit.Fault{Status: http.StatusInternalServerError, Match: func(r *http.Request) bool {
		return r.URL.Query().Has("cursor")
	}})
	var got, errs int
	for g, err := range c.Groups.List(t.Context(), &reach360.ListGroupsOptions{Limit: 2}) {
		if err != nil {
			errs++
			assert.Nil(t, g)
			var e *reach360.Error
			assert.True(t, errors.As(err, &e) && e.StatusCode == 500, "%v", err)
			continue
		}
		got++
	}
	assert.Equal(t, 2, got)
	assert.Equal(t, 1, errs)
}

// A delete that reached the server but lost its answer is retried; the retry
// finds the group gone (group_not_found), which is the delete succeeding,
// not an error. A first attempt that finds nothing still fails.
func TestDeleteWhoseAnswerWasLostSucceeds(t *testing.T) {
	srv, c := newFake(t)
	g := srv.AddGroup("Temporary")
	// A mid-body cut is retried by the SDK itself (net/http re-sends only
	// requests cut before any answer byte on a reused connection).
	srv.Inject(fakekit.Fault{Cut: fakekit.CutMidBody, Status: http.StatusOK, Apply: true,
		Match: func(r *http.Request) bool { return r.Method == http.MethodDelete }})

	require.NoError(t, c.Groups.Delete(t.Context(), g.ID))
	assert.Equal(t, 1, srv.AppliedCount("groups.delete"))
	assert.Equal(t, 2, srv.RequestCount(), "the lost answer, then the retry that found the group gone")

	err := c.Groups.Delete(t.Context(), g.ID)
	assert.ErrorIs(t, err, reach360.ErrGroupNotFound, "a first attempt that finds nothing is not found")
}

// Failures that never became an API answer are *RequestError values a
// caller can inspect and match from this package alone.
func TestRequestErrorsAreMatchableFromThePackage(t *testing.T) {
	srv, c := newFake(t, reach360.WithMaxResponseBytes(1024))
	g := srv.AddGroup("Sales")
	srv.Inject(fakekit.Fault{Oversize: 4096})
	_, err := c.Groups.Get(t.Context(), g.ID)
	require.ErrorIs(t, err, reach360.ErrResponseTooLarge)
	var re *reach360.RequestError
	require.ErrorAs(t, err, &re)
	assert.Equal(t, 1, re.Attempts, "an oversized answer is not retried")
	assert.Equal(t, "groups.get", re.Op)

	srv.Inject(fakekit.Fault{Status: http.StatusOK, Body: "<html>captive portal</html>", ContentType: "text/html"})
	_, err = c.Groups.Get(t.Context(), g.ID)
	assert.ErrorIs(t, err, reach360.ErrMalformedResponse)
	var apiErr *reach360.Error
	assert.False(t, errors.As(err, &apiErr), "not an answer of the API")
}

// Users.Delete's "already gone" rule: the retry after a lost answer that
// finds user_not_found is the delete succeeding.
func TestDeleteUserWhoseAnswerWasLostSucceeds(t *testing.T) {
	srv, c := newFake(t)
	u := srv.AddUser(reach360.User{Email: "ada@example.com"})
	srv.Inject(fakekit.Fault{Cut: fakekit.CutMidBody, Status: http.StatusOK, Apply: true,
		Match: func(r *http.Request) bool { return r.Method == http.MethodDelete }})
	require.NoError(t, c.Users.Delete(t.Context(), u.ID))
	assert.Equal(t, 1, srv.AppliedCount("users.delete"))
	assert.Equal(t, 2, srv.RequestCount())
	assert.ErrorIs(t, c.Users.Delete(t.Context(), u.ID), reach360.ErrUserNotFound, "a first attempt that finds nothing")
}

// A 404 that is not the API's answer (a proxy's page, a wrong base path)
// never turns a retried delete into a success: the delete did nothing.
func TestRetriedDeleteMeetingABare404Fails(t *testing.T) {
	bare404 := fakekit.Fault{Status: http.StatusNotFound, Body: "<html>Not Found</html>", ContentType: "text/html"}
	cases := map[string]func(*reach360test.Server, *reach360.Client) (func() bool, error){
		reach360test.OpUsersDelete: func(srv *reach360test.Server, c *reach360.Client) (func() bool, error) {
			u := srv.AddUser(reach360.User{Email: "ada@example.com"})
			return func() bool { return len(srv.Users()) == 1 }, c.Users.Delete(t.Context(), u.ID)
		},
		reach360test.OpGroupsDelete: func(srv *reach360test.Server, c *reach360.Client) (func() bool, error) {
			g := srv.AddGroup("Sales")
			return func() bool { return len(srv.Groups()) == 2 }, c.Groups.Delete(t.Context(), g.ID)
		},
		reach360test.OpInvitationsDelete: func(srv *reach360test.Server, c *reach360.Client) (func() bool, error) {
			inv := srv.AddInvitation(reach360.InvitationParams{Email: "ada@example.com"})
			return func() bool { return len(srv.Invitations()) == 1 }, c.Invitations.Delete(t.Context(), inv.ID)
		},
	}
	for op, run := range cases {
		t.Run(op, func(t *testing.T) {
			srv, c := newFake(t)
			srv.Inject(fakekit.Fault{Status: http.StatusServiceUnavailable})
			srv.Inject(bare404)
			stillThere, err := run(srv, c)
			assert.ErrorIs(t, err, reach360.ErrNotFound)
			var e *reach360.Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, 2, e.Attempts)
			assert.Empty(t, e.Code)
			assert.True(t, stillThere(), "nothing was deleted")
			assert.Equal(t, 0, srv.AppliedCount(op))
		})
	}
}
