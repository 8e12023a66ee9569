package fakekit

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"sync"
	"syscall"
	"testing"
	"time"
)

var loopbackURL = regexp.MustCompile(`^http://127\.0\.0\.1:\d+$`)

func TestURLLooksLikeLoopback(t *testing.T) {
	forEachMode(t, func(t *testing.T, _ bool, opts ...Option) {
		s := startFake(t, opts...)
		if !loopbackURL.MatchString(s.URL) {
			t.Errorf("URL = %q, want http://127.0.0.1:<port>", s.URL)
		}
		_, b := mustCall(t, s.Client(), "GET", s.URL+"/addr", "")
		if !regexp.MustCompile(`^127\.0\.0\.1:\d+$`).Match(b) {
			t.Errorf("handler saw RemoteAddr %q, want 127.0.0.1:<port>", b)
		}
	})
}

func TestInMemoryReachesOnlyItsOwnAddress(t *testing.T) {
	s := startFake(t, InMemory())
	_, _, err := call(t.Context(), s.Client(), "GET", "http://127.0.0.1:1/groups", "")
	if err == nil {
		t.Fatal("request to another address succeeded")
	}
	check(t, "RequestCount", s.RequestCount(), 0)
}

func TestRecordingCopiesBodies(t *testing.T) {
	forEachMode(t, func(t *testing.T, _ bool, opts ...Option) {
		s := startFake(t, opts...)
		c := s.Client()
		_, b := mustCall(t, c, "POST", s.URL+"/echo?x=1&y=two", "hello")
		check(t, "body the handler read", string(b), "hello")

		reqs := s.Requests()
		if len(reqs) != 1 {
			t.Fatalf("recorded %d requests, want 1", len(reqs))
		}
		got := reqs[0]
		check(t, "Method", got.Method, "POST")
		check(t, "Path", got.Path, "/echo")
		check(t, "RawQuery", got.RawQuery, "x=1&y=two")
		check(t, "Body", string(got.Body), "hello")
		check(t, "Content-Length", got.Header.Get("Content-Length"), "5")
		if got.Time.IsZero() {
			t.Error("Time is zero")
		}

		got.Body[0] = 'J'
		got.Header.Set("X-Mutated", "1")
		again := s.Requests()[0]
		check(t, "Body after the caller changed its copy", string(again.Body), "hello")
		check(t, "X-Mutated after the caller changed its copy", again.Header.Get("X-Mutated"), "")

		s.ResetRequests()
		check(t, "RequestCount after reset", s.RequestCount(), 0)
		mustCall(t, c, "GET", s.URL+"/groups", "")
		check(t, "RequestCount", s.RequestCount(), 1)
	})
}

func TestWithClockStampsRequests(t *testing.T) {
	at := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	clock := NewManualClock(at)
	s := startFake(t, InMemory(), WithClock(clock))
	check[Clock](t, "Clock()", s.Clock(), clock)
	c := s.Client()
	mustCall(t, c, "GET", s.URL+"/groups", "")
	clock.Advance(time.Hour)
	mustCall(t, c, "GET", s.URL+"/groups", "")
	reqs := s.Requests()
	check(t, "first Time", reqs[0].Time, at)
	check(t, "second Time", reqs[1].Time, at.Add(time.Hour))
}

func TestConcurrentRequests(t *testing.T) {
	forEachMode(t, func(t *testing.T, _ bool, opts ...Option) {
		const n, failing = 50, 10
		s := startFake(t, opts...)
		s.Inject(Fault{Status: http.StatusServiceUnavailable, Times: failing})
		c := s.Client()

		var wg sync.WaitGroup
		var mu sync.Mutex
		statuses := map[int]int{}
		for i := range n {
			wg.Go(func() {
				body := fmt.Sprintf("req-%02d", i)
				resp, b, err := call(t.Context(), c, "POST", s.URL+"/echo", body)
				if err != nil {
					t.Error(err)
					return
				}
				if resp.StatusCode == http.StatusOK && string(b) != body {
					t.Errorf("echo of %q = %q", body, b)
				}
				mu.Lock()
				statuses[resp.StatusCode]++
				mu.Unlock()
			})
			// Readers racing with the requests, for -race to judge.
			wg.Go(func() {
				_ = s.Requests()
				_ = s.FaultsServed()
				_ = s.AppliedCount("groups.create")
			})
		}
		wg.Wait()

		check(t, "200s", statuses[http.StatusOK], n-failing)
		check(t, "503s", statuses[http.StatusServiceUnavailable], failing)
		check(t, "FaultsServed", s.FaultsServed(), failing)
		check(t, "RequestCount", s.RequestCount(), n)
		seen := map[string]bool{}
		for _, r := range s.Requests() {
			seen[string(r.Body)] = true
		}
		check(t, "distinct bodies recorded", len(seen), n)
	})
}

func TestKeepAliveUsesOneConnection(t *testing.T) {
	forEachMode(t, func(t *testing.T, _ bool, opts ...Option) {
		s := startFake(t, opts...)
		c := s.Client()
		for range 20 {
			mustCall(t, c, "GET", s.URL+"/groups", "")
		}
		check(t, "ConnectionsOpened after 20 requests", s.ConnectionsOpened(), 1)

		// Another client has a pool of its own.
		mustCall(t, s.Client(), "GET", s.URL+"/groups", "")
		check(t, "ConnectionsOpened with a second client", s.ConnectionsOpened(), 2)
	})
}

func TestCloseIsIdempotentAndRefusesLaterRequests(t *testing.T) {
	forEachMode(t, func(t *testing.T, _ bool, opts ...Option) {
		s := startFake(t, opts...)
		c := s.Client()
		mustCall(t, c, "GET", s.URL+"/groups", "")
		s.Close()
		s.Close()
		_, _, err := call(t.Context(), c, "GET", s.URL+"/groups", "")
		if !errors.Is(err, syscall.ECONNREFUSED) {
			t.Errorf("request after Close: %v, want ECONNREFUSED", err)
		}
	})
}

// A request waiting out latency over real TCP must not hold Close up.
func TestCloseEndsRequestInProgress(t *testing.T) {
	s := startFake(t)
	s.SetLatency(time.Hour)
	errc := make(chan error, 1)
	go func() {
		_, _, err := call(context.Background(), s.Client(), "GET", s.URL+"/groups", "")
		errc <- err
	}()
	for deadline := time.Now().Add(5 * time.Second); s.RequestCount() == 0; {
		if time.Now().After(deadline) {
			t.Fatal("request never arrived")
		}
		time.Sleep(time.Millisecond)
	}

	start := time.Now()
	s.Close()
	if d := time.Since(start); d > time.Second {
		t.Errorf("Close took %v", d)
	}
	if err := <-errc; err == nil {
		t.Error("request cut off by Close succeeded")
	}
}

// Close may come before Serve has even started; it must neither hang nor
// leave the serving goroutine behind (goleak checks the latter).
func TestCloseRightAfterStart(t *testing.T) {
	forEachMode(t, func(t *testing.T, _ bool, opts ...Option) {
		for range 100 {
			Start(http.NotFoundHandler(), opts...).Close()
		}
	})
}
