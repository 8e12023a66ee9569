package fakekit

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// CutMode says how an injected fault breaks the connection.
type CutMode int

const (
	// CutNone leaves the connection alone.
	CutNone CutMode = iota
	// CutBeforeResponse closes the connection after the request has been
	// read and before any response byte is sent. Over TCP the close is
	// abortive (SO_LINGER 0), so the client sees ECONNRESET; over InMemory
	// it sees EOF.
	CutBeforeResponse
	// CutMidBody sends the status and headers with the full Content-Length
	// but only half the body, then closes the connection, so reading the
	// body fails with io.ErrUnexpectedEOF.
	CutMidBody
)

// String returns the constant's name.
func (m CutMode) String() string {
	switch m {
	case CutNone:
		return "CutNone"
	case CutBeforeResponse:
		return "CutBeforeResponse"
	case CutMidBody:
		return "CutMidBody"
	}
	return "CutMode(" + strconv.Itoa(int(m)) + ")"
}

// DefaultFaultBody is the body of an injected answer whose Fault.Body is
// empty.
const DefaultFaultBody = `{"message":"injected fault"}`

// Fault describes how to answer (or delay) the next matching request(s).
//
// A fault answers the request when it has Truncate, a Cut, Oversize or a
// Status, in that order of precedence; otherwise it only adds Latency and
// the fake's handler answers as usual.
//
// Go's http.Transport silently resends a request that fails on a reused
// keep-alive connection before any response byte arrives, if the request is
// replayable: GET, HEAD, OPTIONS or TRACE, or any method with an
// Idempotency-Key header, and a body it can rewind. Such a request meets
// CutBeforeResponse, and so consumes the fault, while the caller sees only
// the resent attempt's answer.
type Fault struct {
	// Match selects the requests the fault applies to; nil matches any. It
	// may read the body (each call gets it from the start) and must not call
	// the Server's methods.
	Match func(*http.Request) bool
	// Times is how many matching requests the fault applies to. Zero means
	// one; a negative value means every matching request until ClearFaults.
	Times int

	// Status answers with this status code and the Body below.
	Status int
	// RetryAfter, when set, is sent as the Retry-After header: seconds
	// ("2") or an HTTP-date.
	RetryAfter string
	// Body is the answer's body; DefaultFaultBody when empty.
	Body string
	// ContentType is the answer's Content-Type; "application/json" when
	// empty.
	ContentType string

	// Cut breaks the connection; see CutMode. CutMidBody sends half of
	// the Status/Body answer, with Status 200 when Status is zero.
	Cut CutMode
	// Truncate lets the fake's handler answer, then sends its status,
	// headers and real Content-Length with only half its body and closes
	// the connection. The handler always runs, so Apply is implied.
	Truncate bool
	// Oversize answers Status (200 when zero) with a valid JSON object
	// exactly this many bytes long (at least 2), for size-cap tests.
	Oversize int64

	// Latency delays the request by this much, on top of SetLatency,
	// before it is answered. The wait ends early if the client gives up
	// and passes in virtual time inside a synctest bubble.
	Latency time.Duration

	// Apply runs the fake's handler first, discarding its response, before
	// the fault answers: the write is applied but its answer is lost (Cut)
	// or replaced (Status, Oversize). Without Apply the handler does not
	// run. It has no effect on a latency-only fault.
	Apply bool
}

func (f *Fault) answers() bool {
	return f.Truncate || f.Cut != CutNone || f.Oversize > 0 || f.Status != 0
}

type queuedFault struct {
	Fault
	left int // negative: until cleared
}

// Inject queues f behind the faults already queued. Each request takes the
// first queued fault that matches it.
func (s *Server) Inject(f Fault) {
	left := f.Times
	if left == 0 {
		left = 1
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &queuedFault{Fault: f, left: left})
}

// ClearFaults drops every queued fault. Latency set by SetLatency stays.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = nil
}

// PendingFaults reports how many faults are still queued.
func (s *Server) PendingFaults() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.faults)
}

// SetLatency delays every request by d before it is handled; zero turns it
// off. The wait ends early if the client gives up, and passes in virtual
// time inside a synctest bubble.
func (s *Server) SetLatency(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.latency = d
}

// FaultsServed reports how many requests took a fault that answers them
// (latency-only faults do not count). A request counts when it takes the
// fault, before its latency, so a client that has seen the fault always
// sees it counted.
func (s *Server) FaultsServed() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.faultsServed
}

// takeFault consumes the first queued fault matching r. s.mu is held.
func (s *Server) takeFault(r *http.Request, body []byte) *Fault {
	for i, q := range s.faults {
		if q.Match != nil {
			setBody(r, body)
			if !q.Match(r) {
				continue
			}
		}
		if q.left > 0 {
			q.left--
			if q.left == 0 {
				s.faults = slices.Delete(s.faults, i, i+1)
			}
		}
		f := q.Fault
		return &f
	}
	return nil
}

func (s *Server) answer(w http.ResponseWriter, r *http.Request, body []byte, f *Fault) {
	if f.Truncate {
		rec := newRecorder()
		s.pass(rec, r, body)
		s.cut(w, halfResponse(rec.status, rec.header, rec.body.Bytes()))
		return
	}
	if f.Apply {
		s.pass(newRecorder(), r, body)
	}
	switch {
	case f.Cut == CutBeforeResponse:
		s.cut(w, nil)
	case f.Cut == CutMidBody:
		s.cut(w, halfResponse(f.canned()))
	case f.Oversize > 0:
		writeOversize(w, f)
	default:
		status, h, b := f.canned()
		maps.Copy(w.Header(), h)
		w.Header().Set("Content-Length", strconv.Itoa(len(b)))
		w.WriteHeader(status)
		_, _ = w.Write(b)
	}
}

func (f *Fault) headers() http.Header {
	h := http.Header{}
	h.Set("Content-Type", cmp.Or(f.ContentType, "application/json"))
	if f.RetryAfter != "" {
		h.Set("Retry-After", f.RetryAfter)
	}
	return h
}

func (f *Fault) canned() (int, http.Header, []byte) {
	status := cmp.Or(f.Status, http.StatusOK)
	body := []byte(cmp.Or(f.Body, DefaultFaultBody))
	if !bodyAllowed(status) {
		body = nil
	}
	return status, f.headers(), body
}

func bodyAllowed(status int) bool {
	return status >= 200 && status != http.StatusNoContent && status != http.StatusNotModified
}

// cut takes the connection from net/http, writes raw (if any) and closes
// it. With nothing to write, a TCP close is abortive so the client reads
// ECONNRESET rather than a clean EOF; after a partial body the close is
// orderly, so the client reads what was sent before the EOF.
func (s *Server) cut(w http.ResponseWriter, raw []byte) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler) // closes the connection without logging
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	if !s.track(conn) {
		return
	}
	defer s.untrack(conn)
	if raw == nil {
		if tc, ok := conn.(*net.TCPConn); ok {
			_ = tc.SetLinger(0)
		}
	} else {
		_, _ = conn.Write(raw)
	}
	_ = conn.Close()
}

// halfResponse renders an HTTP/1.1 response that promises all of body and
// carries half of it. An empty body still promises one byte, so the client
// always comes up short.
func halfResponse(status int, h http.Header, body []byte) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "HTTP/1.1 %03d %s\r\n", status, http.StatusText(status))
	h = h.Clone()
	h.Del("Transfer-Encoding")
	h.Set("Content-Length", strconv.Itoa(max(len(body), 1)))
	_ = h.Write(&b)
	b.WriteString("\r\n")
	b.Write(body[:len(body)/2])
	return b.Bytes()
}

// writeOversize streams {"data":"xxx…"} of exactly f.Oversize bytes, so a
// size cap, not a JSON error, is what rejects it.
func writeOversize(w http.ResponseWriter, f *Fault) {
	const prefix, suffix = `{"data":"`, `"}`
	n := f.Oversize
	maps.Copy(w.Header(), f.headers())
	w.Header().Set("Content-Length", strconv.FormatInt(n, 10))
	w.WriteHeader(cmp.Or(f.Status, http.StatusOK))
	if n < int64(len(prefix)+len(suffix)) {
		_, _ = io.WriteString(w, ("{}" + strings.Repeat(" ", int(n)))[:n])
		return
	}
	if _, err := io.WriteString(w, prefix); err != nil {
		return
	}
	chunk := bytes.Repeat([]byte{'x'}, 32<<10)
	for left := n - int64(len(prefix)+len(suffix)); left > 0; {
		k := min(left, int64(len(chunk)))
		if _, err := w.Write(chunk[:k]); err != nil {
			return
		}
		left -= k
	}
	_, _ = io.WriteString(w, suffix)
}

// recorder is a ResponseWriter that keeps the response in memory, for
// running the fake's handler when its answer is to be discarded or cut.
type recorder struct {
	header      http.Header
	status      int
	wroteHeader bool
	body        bytes.Buffer
}

func newRecorder() *recorder {
	return &recorder{header: http.Header{}, status: http.StatusOK}
}

func (r *recorder) Header() http.Header { return r.header }

func (r *recorder) WriteHeader(status int) {
	if !r.wroteHeader {
		r.wroteHeader = true
		r.status = status
	}
}

func (r *recorder) Write(p []byte) (int, error) {
	r.WriteHeader(http.StatusOK)
	return r.body.Write(p)
}

// Flush lets handlers that stream (and so assert http.Flusher) run here.
func (r *recorder) Flush() {}
