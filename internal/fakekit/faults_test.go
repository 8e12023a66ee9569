package fakekit

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

func TestStatusFaultWithRetryAfter(t *testing.T) {
	forEachMode(t, func(t *testing.T, _ bool, opts ...Option) {
		s := startFake(t, opts...)
		c := s.Client()
		s.Inject(Fault{Status: http.StatusTooManyRequests, RetryAfter: "2"})
		s.Inject(Fault{Status: http.StatusServiceUnavailable, RetryAfter: "Wed, 21 Oct 2015 07:28:00 GMT",
			Body: "<h1>down</h1>", ContentType: "text/html"})

		resp, b := mustCall(t, c, "GET", s.URL+"/groups", "")
		check(t, "status", resp.StatusCode, http.StatusTooManyRequests)
		check(t, "Retry-After", resp.Header.Get("Retry-After"), "2")
		check(t, "Content-Type", resp.Header.Get("Content-Type"), "application/json")
		check(t, "body", string(b), DefaultFaultBody)

		resp, b = mustCall(t, c, "GET", s.URL+"/groups", "")
		check(t, "status", resp.StatusCode, http.StatusServiceUnavailable)
		check(t, "Retry-After", resp.Header.Get("Retry-After"), "Wed, 21 Oct 2015 07:28:00 GMT")
		check(t, "Content-Type", resp.Header.Get("Content-Type"), "text/html")
		check(t, "body", string(b), "<h1>down</h1>")

		resp, _ = mustCall(t, c, "GET", s.URL+"/groups", "")
		check(t, "status once faults are used up", resp.StatusCode, http.StatusOK)
		check(t, "Retry-After once faults are used up", resp.Header.Get("Retry-After"), "")

		check(t, "FaultsServed", s.FaultsServed(), 2)
		check(t, "RequestCount", s.RequestCount(), 3)
		check(t, "PendingFaults", s.PendingFaults(), 0)
	})
}

func TestFaultsAreConsumedInOrder(t *testing.T) {
	s := startFake(t, InMemory())
	c := s.Client()
	s.Inject(Fault{Status: 503, Times: 2})
	s.Inject(Fault{Status: 429})
	s.Inject(Fault{Status: 500, Times: 1})

	var got []string
	for range 5 {
		resp, _ := mustCall(t, c, "GET", s.URL+"/groups", "")
		got = append(got, strconv.Itoa(resp.StatusCode))
	}
	check(t, "statuses", strings.Join(got, " "), "503 503 429 500 200")
	check(t, "FaultsServed", s.FaultsServed(), 4)
}

func TestFaultMatch(t *testing.T) {
	s := startFake(t, InMemory())
	c := s.Client()
	s.Inject(Fault{
		Match: func(r *http.Request) bool {
			b, _ := io.ReadAll(r.Body)
			return r.Method == "POST" && strings.Contains(string(b), "boom")
		},
		Status: http.StatusInternalServerError,
	})
	s.Inject(Fault{Status: http.StatusBadGateway})

	resp, _ := mustCall(t, c, "GET", s.URL+"/groups", "")
	check(t, "GET skips the POST-only fault, takes the next", resp.StatusCode, http.StatusBadGateway)
	resp, b := mustCall(t, c, "POST", s.URL+"/echo", "calm")
	check(t, "POST without boom", resp.StatusCode, http.StatusOK)
	check(t, "body the handler read after Match read it", string(b), "calm")
	resp, _ = mustCall(t, c, "POST", s.URL+"/echo", "boom")
	check(t, "POST with boom", resp.StatusCode, http.StatusInternalServerError)
	resp, _ = mustCall(t, c, "POST", s.URL+"/echo", "boom")
	check(t, "second POST with boom", resp.StatusCode, http.StatusOK)
}

func TestFaultForeverUntilCleared(t *testing.T) {
	s := startFake(t, InMemory())
	c := s.Client()
	s.Inject(Fault{Status: 503, Times: -1})
	for range 3 {
		resp, _ := mustCall(t, c, "GET", s.URL+"/groups", "")
		check(t, "status", resp.StatusCode, 503)
	}
	s.ClearFaults()
	resp, _ := mustCall(t, c, "GET", s.URL+"/groups", "")
	check(t, "status after ClearFaults", resp.StatusCode, 200)
}

func TestApplyRunsHandlerBehindStatus(t *testing.T) {
	s := startFake(t, InMemory())
	s.Inject(Fault{Status: 503, Apply: true})
	resp, _ := mustCall(t, s.Client(), "POST", s.URL+"/groups", `{"name":"x"}`)
	check(t, "status", resp.StatusCode, 503)
	check(t, "AppliedCount", s.AppliedCount("groups.create"), 1)
	check(t, "AppliedCounts", len(s.AppliedCounts()), 1)
}

func TestCutBeforeResponse(t *testing.T) {
	forEachMode(t, func(t *testing.T, tcp bool, opts ...Option) {
		for _, apply := range []bool{false, true} {
			t.Run("apply="+strconv.FormatBool(apply), func(t *testing.T) {
				s := startFake(t, opts...)
				s.Inject(Fault{Cut: CutBeforeResponse, Apply: apply})
				// POST, which net/http does not resend, so the client sees the cut.
				_, _, err := call(t.Context(), s.Client(), "POST", s.URL+"/groups", `{"name":"x"}`)
				want := io.EOF
				if tcp {
					want = syscall.ECONNRESET
				}
				if !errors.Is(err, want) {
					t.Errorf("err = %v, want %v", err, want)
				}
				applied := 0
				if apply {
					applied = 1
				}
				check(t, "AppliedCount", s.AppliedCount("groups.create"), applied)
				check(t, "RequestCount", s.RequestCount(), 1)
				check(t, "FaultsServed", s.FaultsServed(), 1)
			})
		}
	})
}

// Shows the caveat in Fault's doc: net/http resends a replayable request
// cut on a reused connection, so its caller never sees the fault.
func TestCutOnReusedConnectionIsResentByNetHTTP(t *testing.T) {
	s := startFake(t, InMemory())
	c := s.Client()
	mustCall(t, c, "GET", s.URL+"/groups", "")
	s.Inject(Fault{Cut: CutBeforeResponse})

	resp, _ := mustCall(t, c, "GET", s.URL+"/groups", "")
	check(t, "status", resp.StatusCode, http.StatusOK)
	check(t, "RequestCount", s.RequestCount(), 3)
	check(t, "FaultsServed", s.FaultsServed(), 1)
	check(t, "ConnectionsOpened", s.ConnectionsOpened(), 2)
}

func TestCutMidBody(t *testing.T) {
	forEachMode(t, func(t *testing.T, _ bool, opts ...Option) {
		s := startFake(t, opts...)
		const body = `{"items":["a","b","c","d"]}`
		s.Inject(Fault{Cut: CutMidBody, Body: body})
		resp, b, err := call(t.Context(), s.Client(), "GET", s.URL+"/groups", "")
		if !errors.Is(err, io.ErrUnexpectedEOF) {
			t.Fatalf("err = %v, want io.ErrUnexpectedEOF", err)
		}
		check(t, "status", resp.StatusCode, http.StatusOK)
		check(t, "ContentLength", resp.ContentLength, int64(len(body)))
		check(t, "body read", string(b), body[:len(body)/2])
	})
}

func TestTruncate(t *testing.T) {
	forEachMode(t, func(t *testing.T, _ bool, opts ...Option) {
		s := startFake(t, opts...)
		s.Inject(Fault{Truncate: true})
		resp, b, err := call(t.Context(), s.Client(), "POST", s.URL+"/groups", `{"name":"team"}`)
		if !errors.Is(err, io.ErrUnexpectedEOF) {
			t.Fatalf("err = %v, want io.ErrUnexpectedEOF", err)
		}
		// The handler's status, headers and length, half its body.
		full := `{"id":"g1","name":"team"}` + "\n"
		check(t, "status", resp.StatusCode, http.StatusCreated)
		check(t, "Content-Type", resp.Header.Get("Content-Type"), "application/json; charset=utf-8")
		check(t, "ContentLength", resp.ContentLength, int64(len(full)))
		check(t, "body read", string(b), full[:len(full)/2])
		// Applied once, though its answer was lost.
		check(t, "AppliedCount", s.AppliedCount("groups.create"), 1)
	})
}

func TestOversize(t *testing.T) {
	forEachMode(t, func(t *testing.T, _ bool, opts ...Option) {
		const size = 3<<20 + 7
		s := startFake(t, opts...)
		s.Inject(Fault{Oversize: size})
		resp, b := mustCall(t, s.Client(), "GET", s.URL+"/groups", "")
		check(t, "status", resp.StatusCode, http.StatusOK)
		check(t, "ContentLength", resp.ContentLength, size)
		check(t, "bytes read", len(b), size)
		check(t, "valid JSON", json.Valid(b), true)
	})
	t.Run("small", func(t *testing.T) {
		s := startFake(t, InMemory())
		c := s.Client()
		for _, n := range []int{2, 5, 11, 12} {
			s.Inject(Fault{Oversize: int64(n)})
			_, b := mustCall(t, c, "GET", s.URL+"/groups", "")
			if len(b) != n || !json.Valid(b) {
				t.Errorf("Oversize %d gave %q", n, b)
			}
		}
	})
}

func TestLatencyOnlyFaultPassesThrough(t *testing.T) {
	s := startFake(t, InMemory())
	s.Inject(Fault{Latency: 1}) // 1ns: what matters is who answers
	resp, _ := mustCall(t, s.Client(), "GET", s.URL+"/groups", "")
	check(t, "status", resp.StatusCode, http.StatusOK)
	check(t, "FaultsServed", s.FaultsServed(), 0)
	check(t, "PendingFaults", s.PendingFaults(), 0)
}

func TestCutModeString(t *testing.T) {
	check(t, "CutMidBody", CutMidBody.String(), "CutMidBody")
	check(t, "CutMode(9)", CutMode(9).String(), "CutMode(9)")
}
