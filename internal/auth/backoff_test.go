package auth_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/internal/auth"
)

var errWrongPassword = errors.New("401 Invalid UserName or Password")

// A refused login reaches every caller waiting on it, and the next login
// waits out a backoff that doubles while logins keep failing, so a busy
// service cannot hammer the account into a lockout.
func TestCacheFailureBackoff(t *testing.T) {
	synctest.Test(t, func(t *testing.T) { testCacheFailureBackoff(t) })
}

func testCacheFailureBackoff(t *testing.T) {
	clk := newClock()
	var fetches atomic.Int32
	var fail atomic.Bool
	fail.Store(true)
	release := make(chan struct{})
	c := auth.NewCache(func(context.Context) (auth.Token, error) {
		fetches.Add(1)
		<-release
		if fail.Load() {
			return auth.Token{}, errWrongPassword
		}
		return auth.Token{Value: "tok"}, nil
	}, time.Minute, clk.now)
	c.SetFailureBackoff(time.Second, 4*time.Second, nil)

	{
		var wg sync.WaitGroup
		errs := make([]error, 20)
		for i := range errs {
			wg.Go(func() { _, errs[i] = c.Token(t.Context()) })
		}
		synctest.Wait()
		close(release)
		wg.Wait()
		for _, err := range errs {
			assert.ErrorIs(t, err, errWrongPassword, "every waiter gets the failure")
		}
	}
	assert.Equal(t, int32(1), fetches.Load(), "one login for twenty callers")

	// Within the backoff: the failure again, no login.
	for range 5 {
		_, err := c.Token(context.Background())
		assert.ErrorIs(t, err, errWrongPassword)
	}
	assert.Equal(t, int32(1), fetches.Load())

	waits := []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 4 * time.Second}
	for i, wait := range waits {
		clk.advance(wait - time.Millisecond)
		_, err := c.Token(context.Background())
		require.ErrorIs(t, err, errWrongPassword)
		assert.Equal(t, int32(i+1), fetches.Load(), "still waiting %v", wait)
		clk.advance(time.Millisecond)
		_, err = c.Token(context.Background())
		require.ErrorIs(t, err, errWrongPassword)
		assert.Equal(t, int32(i+2), fetches.Load(), "tried again after %v", wait)
	}

	// The password is fixed: the next try after the wait succeeds, and a
	// later failure starts again from the first wait.
	fail.Store(false)
	clk.advance(4 * time.Second)
	tok, err := c.Token(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "tok", tok.Value)
	c.Invalidate("tok")
	fail.Store(true)
	n := fetches.Load()
	_, err = c.Token(context.Background())
	require.ErrorIs(t, err, errWrongPassword)
	clk.advance(time.Second)
	_, err = c.Token(context.Background())
	require.ErrorIs(t, err, errWrongPassword)
	assert.Equal(t, n+2, fetches.Load(), "back to the first wait after a success")
}

// A fetch abandoned by its caller is no verdict on the credentials.
func TestCacheFailureBackoffIgnoresACallerGivingUp(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var fetches atomic.Int32
	c := auth.NewCache(func(fctx context.Context) (auth.Token, error) {
		if fetches.Add(1) == 1 {
			cancel() // the caller gives up while the login is under way
			return auth.Token{}, fctx.Err()
		}
		return auth.Token{Value: "tok"}, nil
	}, 0, nil)
	c.SetFailureBackoff(time.Hour, time.Hour, nil)
	_, err := c.Token(ctx)
	require.ErrorIs(t, err, context.Canceled)
	tok, err := c.Token(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "tok", tok.Value)
	assert.Equal(t, int32(2), fetches.Load())
}

// Without SetFailureBackoff every call may fetch again, as before.
func TestCacheWithoutBackoffRetriesAtOnce(t *testing.T) {
	var fetches atomic.Int32
	c := auth.NewCache(func(context.Context) (auth.Token, error) {
		fetches.Add(1)
		return auth.Token{}, errWrongPassword
	}, 0, nil)
	for range 3 {
		_, err := c.Token(context.Background())
		require.ErrorIs(t, err, errWrongPassword)
	}
	assert.Equal(t, int32(3), fetches.Load())
}

// Only the failures holds picks wait out the backoff; the others (a
// passing outage) leave the next call free to try at once, and do not
// reset the wait of the ones that hold.
func TestCacheFailureBackoffHoldsOnlyWhatItIsTold(t *testing.T) {
	errOutage := errors.New("503")
	clk := newClock()
	var fetches atomic.Int32
	results := []error{errOutage, errOutage, errWrongPassword, errOutage}
	c := auth.NewCache(func(context.Context) (auth.Token, error) {
		return auth.Token{}, results[fetches.Add(1)-1]
	}, 0, clk.now)
	c.SetFailureBackoff(time.Minute, time.Minute, func(err error) bool { return errors.Is(err, errWrongPassword) })
	for _, want := range []error{errOutage, errOutage, errWrongPassword, errWrongPassword} {
		_, err := c.Token(context.Background())
		require.ErrorIs(t, err, want)
	}
	assert.Equal(t, int32(3), fetches.Load(), "the outages did not hold, the wrong password did")
	clk.advance(time.Minute)
	_, err := c.Token(context.Background())
	require.ErrorIs(t, err, errOutage)
	assert.Equal(t, int32(4), fetches.Load())
}
