package fakekit

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"testing/synctest"
	"time"
)

func TestInMemoryLatencyIsVirtual(t *testing.T) {
	wall := time.Now()
	synctest.Test(t, func(t *testing.T) {
		s := startFake(t, InMemory())
		c := s.Client()
		s.Inject(Fault{Latency: 10 * time.Second})

		start := time.Now()
		resp, _ := mustCall(t, c, "GET", s.URL+"/groups", "")
		check(t, "status", resp.StatusCode, http.StatusOK)
		check(t, "virtual time taken", time.Since(start), 10*time.Second)

		// Server-wide latency adds to a fault's own.
		s.SetLatency(3 * time.Second)
		s.Inject(Fault{Status: 503, RetryAfter: "1", Latency: 2 * time.Second})
		start = time.Now()
		resp, _ = mustCall(t, c, "GET", s.URL+"/groups", "")
		check(t, "status", resp.StatusCode, 503)
		check(t, "virtual time taken", time.Since(start), 5*time.Second)
	})
	if d := time.Since(wall); d > 5*time.Second {
		t.Errorf("15s of virtual latency took %v of real time", d)
	}
}

func TestInMemoryDeadlineBeatsLatency(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := startFake(t, InMemory())
		s.SetLatency(10 * time.Second)

		ctx, cancel := context.WithTimeout(t.Context(), time.Second)
		defer cancel()
		start := time.Now()
		_, _, err := call(ctx, s.Client(), "POST", s.URL+"/groups", `{"name":"x"}`)
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("err = %v, want context.DeadlineExceeded", err)
		}
		check(t, "virtual time taken", time.Since(start), time.Second)

		// The server saw the client leave and never ran the handler.
		synctest.Wait()
		check(t, "RequestCount", s.RequestCount(), 1)
		check(t, "AppliedCount", s.AppliedCount("groups.create"), 0)
	})
}

func TestInMemoryCloseEndsRequestInProgress(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := startFake(t, InMemory())
		s.SetLatency(time.Hour)
		errc := make(chan error, 1)
		go func() {
			_, _, err := call(context.Background(), s.Client(), "GET", s.URL+"/groups", "")
			errc <- err
		}()
		synctest.Wait()
		check(t, "RequestCount while waiting", s.RequestCount(), 1)

		start := time.Now()
		s.Close()
		if err := <-errc; err == nil {
			t.Error("request cut off by Close succeeded")
		}
		check(t, "virtual time taken by Close", time.Since(start), 0)
		// synctest.Test fails if anything the server or its clients started
		// is still running when this function returns.
	})
}

func TestInMemoryFaultsInsideBubble(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := startFake(t, InMemory())
		c := s.Client()
		s.Inject(Fault{Cut: CutBeforeResponse, Apply: true})
		s.Inject(Fault{Truncate: true})
		for range 2 {
			if _, _, err := call(t.Context(), c, "POST", s.URL+"/groups", `{"name":"x"}`); err == nil {
				t.Error("request met by a fault succeeded")
			}
		}
		resp, _ := mustCall(t, c, "POST", s.URL+"/groups", `{"name":"x"}`)
		check(t, "status", resp.StatusCode, http.StatusCreated)
		check(t, "AppliedCount", s.AppliedCount("groups.create"), 3)
		check(t, "ConnectionsOpened", s.ConnectionsOpened(), 3)
	})
}
