// Package fakekit is the machinery shared by the vendor fakes
// (reach360test, alfaviewtest, sharestest, voltmxtest, viviottest).
//
// A fake implements the vendor's routes as an http.Handler; Start serves it
// and adds what every SDK test needs from a fake: a record of the requests
// that arrived, a count of writes that were applied, queued faults (error
// statuses, Retry-After, cut connections, truncated and oversized bodies),
// latency, and a count of connections opened.
//
// Nothing here needs a *testing.T, so a fake built on fakekit works in
// tests, benchmarks and example programs alike. With InMemory the server and
// its clients talk over net.Pipe and wait on timers only, so a whole
// exchange can run inside a testing/synctest bubble, where injected latency
// passes in virtual time. Without InMemory the server uses real sockets,
// which a bubble cannot see through, so virtual time would stall there.
package fakekit

import (
	"bytes"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// Server serves a vendor fake's handler and records what reaches it.
// All methods are safe for concurrent use.
type Server struct {
	// URL is the base URL of the server, such as "http://127.0.0.1:38211",
	// without a trailing slash.
	URL string

	handler http.Handler
	clock   Clock
	hs      *http.Server
	ln      net.Listener
	mem     *memListener // nil when serving over TCP

	done      chan struct{} // closed by Close so that latency waits end early
	serveDone chan struct{}
	conns     sync.WaitGroup // connections not yet closed or hijacked
	handlers  sync.WaitGroup // requests inside the middleware
	closeOnce sync.Once
	opened    atomic.Int64

	mu           sync.Mutex
	closed       bool
	requests     []Request
	applied      map[string]int
	faults       []*queuedFault
	latency      time.Duration
	faultsServed int
	transports   []*http.Transport
	hijacked     map[net.Conn]struct{}
}

// Option changes how Start serves.
type Option func(*config)

type config struct {
	inMemory bool
	clock    Clock
}

// InMemory serves over an in-memory network of net.Pipe pairs instead of
// loopback TCP, so the server can run inside a testing/synctest bubble with
// virtual time. URL still reads "http://127.0.0.1:<port>", but the port is
// fake: only the clients from Client and Transport can reach the server.
// A server started inside a bubble must be used and closed inside it.
func InMemory() Option {
	return func(c *config) { c.inMemory = true }
}

// WithClock sets the clock that stamps recorded requests and that the fake
// reads through Server.Clock, typically a *ManualClock the test advances to
// expire tokens. The default is SystemClock.
func WithClock(c Clock) Option {
	return func(cfg *config) {
		if c != nil {
			cfg.clock = c
		}
	}
}

// Start starts serving h and returns at once. It panics if it cannot listen
// on a loopback port, as httptest.NewServer does. Call Close when done.
func Start(h http.Handler, opts ...Option) *Server {
	cfg := config{clock: SystemClock{}}
	for _, o := range opts {
		o(&cfg)
	}
	s := &Server{
		handler:   h,
		clock:     cfg.clock,
		done:      make(chan struct{}),
		serveDone: make(chan struct{}),
		applied:   make(map[string]int),
		hijacked:  make(map[net.Conn]struct{}),
	}
	if cfg.inMemory {
		s.mem = newMemListener()
		s.ln = s.mem
	} else {
		s.ln = listenLoopback()
	}
	s.URL = "http://" + s.ln.Addr().String()
	s.hs = &http.Server{
		Handler:   http.HandlerFunc(s.serve),
		ConnState: s.connState,
	}
	go func() {
		defer close(s.serveDone)
		_ = s.hs.Serve(s.ln)
	}()
	return s
}

func listenLoopback() net.Listener {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err == nil {
		return ln
	}
	ln, err6 := net.Listen("tcp6", "[::1]:0")
	if err6 != nil {
		panic(fmt.Sprintf("fakekit: cannot listen on a loopback port: %v; %v", err, err6))
	}
	return ln
}

func (s *Server) connState(_ net.Conn, st http.ConnState) {
	switch st {
	case http.StateNew:
		s.opened.Add(1)
		s.conns.Add(1)
	case http.StateClosed, http.StateHijacked:
		s.conns.Done()
	}
}

// Close stops the server: it closes the listener and every connection,
// including those with a request in progress (whose latency waits end at
// once), closes the idle connections of the transports it handed out, and
// waits until every goroutine the server started has finished. It returns
// only after the fake's handlers have returned, so a handler that never
// returns makes Close hang. Calling Close again does nothing.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		s.mu.Lock()
		s.closed = true
		hijacked := make([]net.Conn, 0, len(s.hijacked))
		for c := range s.hijacked {
			hijacked = append(hijacked, c)
		}
		s.mu.Unlock()

		close(s.done)
		_ = s.hs.Close()
		// Serve may not have registered the listener yet; closing it here
		// too keeps Serve from accepting after Close.
		_ = s.ln.Close()
		for _, c := range hijacked {
			_ = c.Close()
		}
		<-s.serveDone
		// Every connection was counted before Serve returned, so no Add
		// can race with these Waits; no handler starts once all
		// connections are gone.
		s.conns.Wait()
		s.handlers.Wait()

		s.mu.Lock()
		ts := s.transports
		s.transports = nil
		s.mu.Unlock()
		for _, t := range ts {
			t.CloseIdleConnections()
		}
	})
}

// Transport returns a new HTTP/1.1 transport that reaches this server, for
// callers that wrap it (retry layers, instrumentation). Over InMemory it is
// the only way in. Close closes its idle connections, so a caller that
// keeps using it after Close needs nothing else; each call makes a new
// transport that lives as long as the server, so get one per test, not one
// per request.
func (s *Server) Transport() *http.Transport {
	t := &http.Transport{
		// Above the default of 2, so concurrent tests measure the SDK's
		// pooling rather than churn from this transport's small pool.
		MaxIdleConnsPerHost: 16,
	}
	if s.mem != nil {
		t.DialContext = s.mem.DialContext
	} else {
		t.DialContext = (&net.Dialer{}).DialContext
	}
	s.mu.Lock()
	s.transports = append(s.transports, t)
	s.mu.Unlock()
	return t
}

// Client returns a client that reaches this server through a new Transport.
// Close closes its idle connections.
func (s *Server) Client() *http.Client {
	return &http.Client{Transport: s.Transport()}
}

// Clock returns the clock the server was started with (see WithClock): the
// one it stamps requests with and the fake expires what it issued by.
func (s *Server) Clock() Clock { return s.clock }

// ConnectionsOpened reports how many connections clients have opened to the
// server, for checking that an SDK reuses connections.
func (s *Server) ConnectionsOpened() int64 { return s.opened.Load() }

// Request is a recorded request, as it arrived.
type Request struct {
	Method   string
	Path     string // decoded, as in URL.Path
	RawQuery string
	Header   http.Header
	Body     []byte
	Time     time.Time // by the server's Clock, on arrival
}

// Requests returns a copy of every request that reached the fake's handler
// or was answered by an injected fault, in arrival order. A request that
// waits out latency is recorded on arrival, before the wait.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Request, len(s.requests))
	for i, r := range s.requests {
		r.Header = r.Header.Clone()
		r.Body = bytes.Clone(r.Body)
		out[i] = r
	}
	return out
}

// RequestCount reports how many requests Requests would return.
func (s *Server) RequestCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.requests)
}

// ResetRequests forgets the recorded requests, for example after seeding
// the fake through the SDK. Applied counts and faults are kept.
func (s *Server) ResetRequests() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = nil
}

// MarkApplied counts one applied write of op, the SDK's name for the
// operation (such as "groups.create"). The fake's handlers call it when a
// write actually changed its state; tests read the counts with
// AppliedCount.
func (s *Server) MarkApplied(op string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.applied[op]++
}

// AppliedCount reports how many writes of operation op were applied, so a
// test can assert that a retried write was applied only once. A fake's Op
// constants name the operations it counts.
func (s *Server) AppliedCount(op string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.applied[op]
}

// AppliedCounts returns a copy of every operation's applied count.
func (s *Server) AppliedCounts() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return maps.Clone(s.applied)
}

// serve is the middleware around the fake's handler: record, wait, then
// either answer with the first matching fault or pass the request on.
func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	s.handlers.Add(1)
	defer s.handlers.Done()

	body, err := io.ReadAll(r.Body)
	_ = r.Body.Close()
	if err != nil {
		// The request never fully arrived and its sender is gone.
		panic(http.ErrAbortHandler)
	}
	f, wait := s.arrive(r, body)
	if !s.sleep(r, wait) {
		// Returning would send an empty 200; the client gave up or the
		// server is closing, so drop the connection instead.
		panic(http.ErrAbortHandler)
	}
	if f == nil || !f.answers() {
		s.pass(w, r, body)
		return
	}
	s.answer(w, r, body, f)
}

// arrive records r and takes its fault in one critical section, so faults
// are consumed in the same order as requests are recorded.
func (s *Server) arrive(r *http.Request, body []byte) (*Fault, time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, Request{
		Method:   r.Method,
		Path:     r.URL.Path,
		RawQuery: r.URL.RawQuery,
		Header:   r.Header.Clone(),
		Body:     body, // never written to; Requests hands out copies
		Time:     s.clock.Now(),
	})
	wait := s.latency
	f := s.takeFault(r, body)
	if f != nil {
		wait += f.Latency
		if f.answers() {
			// Counted before answering, so a client that has seen the
			// fault also sees it counted.
			s.faultsServed++
		}
	}
	return f, wait
}

// sleep waits d unless the request is cancelled or the server closes, and
// reports whether the request should go on. It uses a timer so that the
// wait is virtual inside a synctest bubble.
func (s *Server) sleep(r *http.Request, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	case <-s.done:
		return false
	}
}

func (s *Server) pass(w http.ResponseWriter, r *http.Request, body []byte) {
	setBody(r, body)
	s.handler.ServeHTTP(w, r)
}

func setBody(r *http.Request, body []byte) {
	r.Body = io.NopCloser(bytes.NewReader(body))
}

// track registers a hijacked connection so Close can end a write that a
// client is not reading. It reports false, having closed c, once the
// server is closed.
func (s *Server) track(c net.Conn) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		_ = c.Close()
		return false
	}
	s.hijacked[c] = struct{}{}
	return true
}

func (s *Server) untrack(c net.Conn) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.hijacked, c)
}
