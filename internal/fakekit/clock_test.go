package fakekit

import (
	"sync"
	"testing"
	"time"
)

func TestManualClock(t *testing.T) {
	at := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	c := NewManualClock(at)
	check(t, "Now", c.Now(), at)
	c.Advance(90 * time.Minute)
	check(t, "Now after Advance", c.Now(), at.Add(90*time.Minute))
	c.Set(at)
	check(t, "Now after Set", c.Now(), at)

	var wg sync.WaitGroup
	for range 10 {
		wg.Go(func() { c.Advance(time.Second) })
		wg.Go(func() { _ = c.Now() })
	}
	wg.Wait()
	check(t, "Now after concurrent Advances", c.Now(), at.Add(10*time.Second))
}

func TestSystemClockFollowsTime(t *testing.T) {
	before := time.Now()
	if now := (SystemClock{}).Now(); now.Before(before) {
		t.Errorf("SystemClock.Now() = %v, before %v", now, before)
	}
}
