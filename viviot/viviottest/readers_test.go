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

// TestTemplateReadersReturnCopies: what AddTemplate was given and what
// Template and Templates return share no memory with the stored template,
// down to a thing's optional numbers.
func TestTemplateReadersReturnCopies(t *testing.T) {
	srv := viviottest.NewServer(t)
	door := srv.AddThing(viviottest.Thing{Name: "Front door"})
	from, count := 8, 3
	seed := viviottest.AccessTemplate{Name: "Guests", Things: []viviot.ThingAccess{{
		ThingID: door.ID, AvailableFrom: &from, AccessCount: &count, Permission: []string{"open"}}}}
	stored := srv.AddTemplate(seed)
	from, count = 0, 0
	seed.Things[0].Permission[0] = "changed"

	got, ok := srv.Template(stored.ID)
	require.True(t, ok)
	*got.Things[0].AvailableFrom = 99
	got.Things[0].Permission[0] = "changed"
	*srv.Templates()[0].Things[0].AccessCount = 99

	again, _ := srv.Template(stored.ID)
	assert.Equal(t, 8, *again.Things[0].AvailableFrom)
	assert.Equal(t, 3, *again.Things[0].AccessCount)
	assert.Equal(t, []string{"open"}, again.Things[0].Permission)
	assert.Nil(t, again.Things[0].AvailableTo)
}
