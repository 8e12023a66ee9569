package viviottest_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/viviot"
	"github.com/grantkit/grantkit-go/viviot/viviottest"
)

func TestToken(t *testing.T) {
	srv := viviottest.NewServer(t)
	c, err := viviot.NewClient(srv.Token(), srv.Options()...)
	require.NoError(t, err)
	_, err = c.AccessTemplates.List(context.Background(), nil)
	require.NoError(t, err)
	assert.Zero(t, srv.AuthCount(), "a token is no login")
}

// TestSetTokenLifetime: a session shorter-lived than the default expires
// on the fake's clock, so the client logs in again; SetTokenTTL, its old
// name, does the same.
func TestSetTokenLifetime(t *testing.T) {
	for name, set := range map[string]func(*viviottest.Server, time.Duration){
		"default":          nil,
		"SetTokenLifetime": (*viviottest.Server).SetTokenLifetime,
		"SetTokenTTL":      (*viviottest.Server).SetTokenTTL,
	} {
		t.Run(name, func(t *testing.T) {
			clock := viviottest.NewManualClock(time.Now())
			srv := viviottest.NewServer(t, viviottest.WithClock(clock))
			if set != nil {
				set(srv, time.Minute)
			}
			c, err := viviot.NewClient(srv.Credentials(), srv.Options()...)
			require.NoError(t, err)
			_, err = c.AccessTemplates.List(context.Background(), nil)
			require.NoError(t, err)
			clock.Advance(2 * time.Minute)
			_, err = c.AccessTemplates.List(context.Background(), nil)
			require.NoError(t, err)
			want := 2
			if set == nil {
				want = 1 // DefaultTokenLifetime is an hour
			}
			assert.Equal(t, want, srv.AuthCount())
		})
	}
}
