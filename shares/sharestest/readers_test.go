package sharestest_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/shares"
	"github.com/grantkit/grantkit-go/shares/sharestest"
)

func TestShareReaders(t *testing.T) {
	srv := seeded(t)
	c, err := shares.NewClient(srv.Token(), srv.Options()...)
	require.NoError(t, err)
	ctx := context.Background()
	p := &shares.CreateShareParams{
		OrganizationID: 1,
		StartDate:      shares.Date{Year: 2030, Month: time.March, Day: 1},
		Permissions:    shares.Permissions{Administrate: true},
		Source:         shares.Source{DeviceID: 1},
		Receiver:       shares.Receiver{UserID: 2},
	}
	for range 2 {
		_, err := c.Shares.Create(ctx, p)
		require.NoError(t, err)
	}
	got, err := c.Shares.Get(ctx, 2)
	require.NoError(t, err)

	sh, ok := srv.Share(2)
	require.True(t, ok)
	assert.Equal(t, *got, sh, "what Shares.Get shows")
	all := srv.Shares()
	if assert.Len(t, all, 2) {
		assert.Equal(t, []int64{1, 2}, []int64{all[0].ID, all[1].ID})
		assert.Equal(t, "Grace", all[0].Receiver.User.FirstName)
	}
	_, ok = srv.Share(3)
	assert.False(t, ok)
}

func TestTypedCredentials(t *testing.T) {
	srv := seeded(t)
	ctx := context.Background()
	for name, auth := range map[string]shares.Auth{
		"Token":    srv.Token(),
		"AddToken": srv.AddToken(sharestest.ScopeRead),
		"OAuth2":   srv.OAuth2(),
	} {
		c, err := shares.NewClient(auth, srv.Options()...)
		require.NoError(t, err, name)
		_, err = c.Shares.List(ctx, nil)
		assert.NoError(t, err, name)
	}
	assert.Equal(t, 1, srv.AppliedCount(sharestest.OpOAuthToken), "OAuth2's refresh token was spent once")

	c, err := shares.NewClient(srv.ReadOnlyToken(), srv.Options()...)
	require.NoError(t, err)
	err = c.Shares.Delete(ctx, 1)
	assert.ErrorIs(t, err, shares.ErrForbidden)
}

// TestSetTokenLifetime: a token shorter-lived than the default expires on
// the fake's clock, so the client refreshes again; SetAccessTokenTTL, its
// old name, does the same.
func TestSetTokenLifetime(t *testing.T) {
	for name, set := range map[string]func(*sharestest.Server, time.Duration){
		"default":           nil,
		"SetTokenLifetime":  (*sharestest.Server).SetTokenLifetime,
		"SetAccessTokenTTL": (*sharestest.Server).SetAccessTokenTTL,
	} {
		t.Run(name, func(t *testing.T) {
			clock := sharestest.NewManualClock(time.Now())
			srv := sharestest.NewServer(t, sharestest.WithClock(clock))
			if set != nil {
				set(srv, time.Hour)
			}
			c, err := shares.NewClient(srv.OAuth2(), srv.Options()...)
			require.NoError(t, err)
			_, err = c.Shares.List(context.Background(), nil)
			require.NoError(t, err)
			clock.Advance(2 * time.Hour)
			_, err = c.Shares.List(context.Background(), nil)
			require.NoError(t, err)
			want := 2
			if set == nil {
				want = 1 // DefaultTokenLifetime is a day
			}
			assert.Equal(t, want, srv.AuthCount())
		})
	}
}
