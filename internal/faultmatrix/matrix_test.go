package faultmatrix

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/grantkit/grantkit-go/internal/fakekit"
	"github.com/grantkit/grantkit-go/internal/transport"
)

// cell is one fault of the matrix, run against a read and a write of every
// vendor.
//
// Every cell but one starts its operation on a fresh connection (the
// driver's idle connections are closed first). net/http silently resends a
// GET whose reused keep-alive connection breaks before any response byte;
// the resend would consume the fault without the SDK seeing it, and the
// fake would count two requests for one SDK attempt. The "reused
// connection" cell keeps the warm-up's connection on purpose and expects
// exactly that resend for GET reads, and none for POSTs (alfaview's reads
// and every write), which net/http never replays.
type cell struct {
	name string
	// fault returns the fault to inject for operation k of d; its Match is
	// set to the operation's endpoint. nil injects nothing.
	fault func(d *driver, k opKind) fakekit.Fault
	// blank empties the next answer to the operation (see proxy).
	blank bool
	// maxBytes is the client's response size cap; 0 keeps the default.
	maxBytes int64
	// reuse keeps the warm-up's keep-alive connection in the pool.
	reuse bool
	// timeout is the caller's deadline; cancelAfter cancels the caller's
	// context after that much virtual time.
	timeout, cancelAfter time.Duration
	// retriesWrite says the fault is one after which the server provably
	// did not act (429), the only case in which a create may be resent.
	retriesWrite bool
	want         func(d *driver, k opKind) want
}

// want is the expected outcome of one cell for one operation.
type want struct {
	ok bool
	// status is the HTTP status of the vendor's typed *Error.
	status int
	// is is an error the result must match with errors.Is.
	is error
	// noAnswer means a *transport.RequestError: no usable answer arrived.
	noAnswer bool
	// contains is text the error message must hold.
	contains string
	// requests is how many requests the fake saw for the operation.
	requests int
	// attempts is how many attempts the SDK logged (and its error
	// reports); 0 means requests.
	attempts int
	// applied is how many times a write changed the fake's state.
	applied int
	// min and max bound the virtual time the call took.
	min, max time.Duration
}

var policy = transport.DefaultRetryPolicy()

// firstBackoff is the longest wait before the first retry without a
// Retry-After: full jitter below MinBackoff.
var firstBackoff = policy.MinBackoff

// allBackoffs is the longest the default policy waits in total over all its
// retries without a Retry-After.
var allBackoffs = func() time.Duration {
	var d time.Duration
	for i := range policy.MaxRetries {
		d += min(policy.MinBackoff<<i, policy.MaxBackoff)
	}
	return d
}()

const htmlPage = `<html>
<head><title>502 Bad Gateway</title></head>
<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body>
</html>`

// cutJSON is a complete answer (its Content-Length matches) whose JSON
// stops in the middle, as from a server that crashed while encoding.
const cutJSON = `{"id":"12","name":"Sal`

// retried is the outcome of a read the SDK retries once past the fault.
func retried(wait time.Duration) want {
	return want{ok: true, requests: 2, max: wait}
}

// statusCell is a single 5xx: reads retry past it, creates report it.
func statusCell(status int) cell {
	return cell{
		name:  strconv.Itoa(status) + " " + http.StatusText(status),
		fault: func(*driver, opKind) fakekit.Fault { return fakekit.Fault{Status: status, Times: 1} },
		want: func(_ *driver, k opKind) want {
			if k == opRead {
				return retried(firstBackoff)
			}
			return want{status: status, requests: 1}
		},
	}
}

// lostAnswer is the outcome of a create the server applied whose answer
// never arrived whole: reported, not resent.
func lostAnswer(is error) want {
	return want{noAnswer: true, is: is, requests: 1, applied: 1}
}

var cells = []cell{
	{
		name:         "429 Retry-After seconds",
		fault:        func(*driver, opKind) fakekit.Fault { return fakekit.Fault{Status: 429, RetryAfter: "2", Times: 1} },
		retriesWrite: true,
		want: func(*driver, opKind) want {
			return want{ok: true, requests: 2, applied: 1, min: 2 * time.Second, max: 2 * time.Second}
		},
	},
	{
		name: "429 Retry-After HTTP-date",
		fault: func(*driver, opKind) fakekit.Fault {
			return fakekit.Fault{Status: 429, RetryAfter: time.Now().Add(3 * time.Second).UTC().Format(http.TimeFormat), Times: 1}
		},
		retriesWrite: true,
		// The date has whole seconds: the wait is what is left of them.
		want: func(*driver, opKind) want {
			return want{ok: true, requests: 2, applied: 1, min: 2 * time.Second, max: 3 * time.Second}
		},
	},
	{
		name:         "429 Retry-After beyond the cap",
		fault:        func(*driver, opKind) fakekit.Fault { return fakekit.Fault{Status: 429, RetryAfter: "120", Times: 1} },
		retriesWrite: true,
		want: func(*driver, opKind) want {
			return want{ok: true, requests: 2, applied: 1, min: policy.MaxRetryAfter, max: policy.MaxRetryAfter}
		},
	},
	{
		name:         "persistent 429",
		fault:        func(*driver, opKind) fakekit.Fault { return fakekit.Fault{Status: 429, RetryAfter: "1", Times: -1} },
		retriesWrite: true,
		want: func(*driver, opKind) want {
			n := policy.MaxRetries + 1
			wait := time.Duration(policy.MaxRetries) * time.Second
			return want{status: 429, requests: n, min: wait, max: wait}
		},
	},
	statusCell(500),
	statusCell(502),
	statusCell(503),
	statusCell(504),
	{
		name:  "persistent 503",
		fault: func(*driver, opKind) fakekit.Fault { return fakekit.Fault{Status: 503, Times: -1} },
		want: func(_ *driver, k opKind) want {
			if k == opRead {
				return want{status: 503, requests: policy.MaxRetries + 1, max: allBackoffs}
			}
			return want{status: 503, requests: 1}
		},
	},
	{
		name: "connection cut before the response",
		fault: func(_ *driver, k opKind) fakekit.Fault {
			return fakekit.Fault{Cut: fakekit.CutBeforeResponse, Apply: k == opWrite, Times: 1}
		},
		want: func(_ *driver, k opKind) want {
			if k == opRead {
				return retried(firstBackoff)
			}
			return lostAnswer(nil)
		},
	},
	{
		name:  "connection cut before the response, reused connection",
		reuse: true,
		fault: func(_ *driver, k opKind) fakekit.Fault {
			return fakekit.Fault{Cut: fakekit.CutBeforeResponse, Apply: k == opWrite, Times: 1}
		},
		want: func(d *driver, k opKind) want {
			switch {
			case k == opWrite:
				return lostAnswer(nil)
			case d.readReplayable:
				// net/http resent the GET at once; the SDK saw one attempt.
				return want{ok: true, requests: 2, attempts: 1}
			}
			return retried(firstBackoff)
		},
	},
	{
		name: "connection cut mid-body",
		fault: func(_ *driver, k opKind) fakekit.Fault {
			return fakekit.Fault{Cut: fakekit.CutMidBody, Apply: k == opWrite, Times: 1}
		},
		want: func(_ *driver, k opKind) want {
			if k == opRead {
				return retried(firstBackoff)
			}
			return lostAnswer(io.ErrUnexpectedEOF)
		},
	},
	{
		name:  "truncated JSON",
		fault: func(*driver, opKind) fakekit.Fault { return fakekit.Fault{Truncate: true, Times: 1} },
		want: func(_ *driver, k opKind) want {
			if k == opRead {
				return retried(firstBackoff)
			}
			return lostAnswer(io.ErrUnexpectedEOF)
		},
	},
	{
		name: "malformed JSON in a complete 200",
		fault: func(_ *driver, k opKind) fakekit.Fault {
			return fakekit.Fault{Status: 200, Body: cutJSON, Apply: k == opWrite, Times: 1}
		},
		want: func(_ *driver, k opKind) want {
			return want{noAnswer: true, is: transport.ErrMalformedResponse, requests: 1, applied: 1}
		},
	},
	{
		name: "HTML error page from a proxy",
		fault: func(*driver, opKind) fakekit.Fault {
			return fakekit.Fault{Status: 502, ContentType: "text/html; charset=utf-8", Body: htmlPage, Times: 1}
		},
		want: func(_ *driver, k opKind) want {
			if k == opRead {
				return retried(firstBackoff)
			}
			return want{status: 502, contains: "502 Bad Gateway", requests: 1}
		},
	},
	{
		name:  "empty body with 200",
		blank: true,
		want: func(*driver, opKind) want {
			return want{noAnswer: true, is: transport.ErrEmptyResponse, requests: 1, applied: 1}
		},
	},
	{
		name:     "body over the size cap",
		maxBytes: 64 << 10,
		fault: func(_ *driver, k opKind) fakekit.Fault {
			return fakekit.Fault{Oversize: 1 << 20, Apply: k == opWrite, Times: 1}
		},
		want: func(*driver, opKind) want {
			return want{noAnswer: true, is: transport.ErrResponseTooLarge, requests: 1, applied: 1}
		},
	},
	{
		name:    "server slower than the caller's deadline",
		timeout: 2 * time.Second,
		fault:   func(*driver, opKind) fakekit.Fault { return fakekit.Fault{Latency: 10 * time.Second, Times: 1} },
		want: func(*driver, opKind) want {
			return want{noAnswer: true, is: context.DeadlineExceeded, requests: 1, min: 2 * time.Second, max: 2 * time.Second}
		},
	},
	{
		// A create is retried only after a 429, so its backoff follows one.
		name:        "context cancelled during backoff",
		cancelAfter: time.Second,
		fault: func(_ *driver, k opKind) fakekit.Fault {
			if k == opWrite {
				return fakekit.Fault{Status: 429, RetryAfter: "30", Times: 1}
			}
			return fakekit.Fault{Status: 503, RetryAfter: "30", Times: 1}
		},
		retriesWrite: true,
		want: func(*driver, opKind) want {
			return want{noAnswer: true, is: context.Canceled, requests: 1, min: time.Second, max: time.Second}
		},
	},
}

// virtual sums the virtual time the cells took, to compare with the wall
// time the matrix needs.
var virtual atomic.Int64

func TestFaultMatrix(t *testing.T) {
	wall := time.Now()
	virtual.Store(0)
	for _, v := range vendors {
		t.Run(v.name, func(t *testing.T) {
			for _, c := range cells {
				t.Run(c.name, func(t *testing.T) {
					for _, k := range []opKind{opRead, opWrite} {
						t.Run(k.String(), func(t *testing.T) {
							synctest.Test(t, func(t *testing.T) { runCell(t, v, c, k) })
						})
					}
				})
			}
			t.Run("session expires between pages", func(t *testing.T) {
				if v.noPages != "" {
					t.Skip(v.noPages)
				}
				synctest.Test(t, func(t *testing.T) { runPages(t, v) })
			})
		})
	}
	took, slept := time.Since(wall), time.Duration(virtual.Load())
	t.Logf("fault matrix: %v of virtual time in %v of wall time", slept, took.Round(time.Millisecond))
	// Compared only for a run long enough to tell (not for one cell picked
	// with -run).
	if slept > time.Minute && took > slept/4 {
		t.Errorf("the matrix took %v of wall time for %v of virtual time: something waits on the real clock", took, slept)
	}
}

func runCell(t *testing.T, v vendor, c cell, k opKind) {
	logs := &logBuffer{}
	d := v.start(t, options{maxBytes: c.maxBytes, logger: jsonLogger(logs)})
	mark := logs.Len()
	ep := d.endpoint(k)
	appliedBefore := d.srv.AppliedCount(d.applied)
	w := c.want(d, k)
	if k == opRead {
		// Cells share one want for both operations; a read applies nothing.
		w.applied = 0
	}
	if w.attempts == 0 {
		w.attempts = w.requests
	}

	if c.fault != nil {
		f := c.fault(d, k)
		f.Match = func(r *http.Request) bool { return ep.matches(r.Method, r.URL.Path) }
		d.srv.Inject(f)
	}
	if c.blank {
		d.proxy.blankNext(ep)
	}
	if !c.reuse {
		d.hc.CloseIdleConnections()
	}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	if c.timeout > 0 {
		ctx, cancel = context.WithTimeout(ctx, c.timeout)
		defer cancel()
	}
	if c.cancelAfter > 0 {
		defer time.AfterFunc(c.cancelAfter, cancel).Stop()
	}

	start := time.Now()
	err := d.op(k)(ctx)
	took := time.Since(start)
	virtual.Add(int64(took))
	// Let the fake finish with requests the client gave up on.
	synctest.Wait()

	requests := count(d.srv.Requests(), ep)
	attempts := loggedAttempts(t, logs.String()[mark:], ep.op)
	applied := d.srv.AppliedCount(d.applied) - appliedBefore
	t.Logf("err=%v requests=%d attempts=%d applied=%d took=%v", err, requests, attempts, applied, took)

	checkOutcome(t, d, err, w)
	if requests != w.requests {
		t.Errorf("the fake saw %d requests, want %d", requests, w.requests)
	}
	if attempts != w.attempts {
		t.Errorf("the SDK logged %d attempts, want %d", attempts, w.attempts)
	}
	if applied != w.applied {
		t.Errorf("applied %d times, want %d", applied, w.applied)
	}
	if applied > 1 {
		t.Errorf("DUPLICATE WRITE: applied %d times", applied)
	}
	if k == opWrite && err == nil && applied != 1 {
		t.Errorf("a create that succeeded was applied %d times, want exactly 1", applied)
	}
	if k == opWrite && requests > 1 && !c.retriesWrite {
		t.Errorf("a create was sent %d times after %s: only a 429 may be retried", requests, c.name)
	}
	if took < w.min || took > w.max {
		t.Errorf("took %v of virtual time, want %v to %v", took, w.min, w.max)
	}
	secrets := d.allSecrets()
	checkSecrets(t, "the error", printError(err), secrets)
	checkSecrets(t, "the debug log", logs.String(), secrets)
}

// checkOutcome checks err against w: success, the vendor's typed error
// with its status, or a request error matching w.is.
func checkOutcome(t *testing.T, d *driver, err error, w want) {
	t.Helper()
	if w.ok {
		if err != nil {
			t.Errorf("err = %v, want success", err)
		}
		return
	}
	if err == nil {
		t.Errorf("succeeded, want an error")
		return
	}
	status, attempts, isAPI := d.apiError(err)
	var re *transport.RequestError
	isReq := errors.As(err, &re)
	switch {
	case w.status != 0:
		if !isAPI || status != w.status {
			t.Errorf("err = %v (%T), want the vendor's *Error with status %d", err, err, w.status)
		}
	case w.noAnswer:
		if !isReq || isAPI {
			t.Errorf("err = %v (%T), want a *transport.RequestError", err, err)
		}
		if isReq {
			attempts = re.Attempts
		}
	}
	if w.is != nil && !errors.Is(err, w.is) {
		t.Errorf("err = %v, want errors.Is %v", err, w.is)
	}
	if w.contains != "" && !strings.Contains(err.Error(), w.contains) {
		t.Errorf("err = %v, want it to say %q", err, w.contains)
	}
	if (isAPI || isReq) && attempts != w.attempts {
		t.Errorf("the error reports %d attempts, want %d", attempts, w.attempts)
	}
}

// runPages expires the session after the first page of a list and checks
// that the walk re-authenticates once, replays that one page request and
// yields every item.
func runPages(t *testing.T, v vendor) {
	logs := &logBuffer{}
	d := v.start(t, options{logger: jsonLogger(logs)})
	mark := logs.Len()
	authBefore := d.authCount()
	expired := false

	start := time.Now()
	n, err := d.iterate(t.Context(), func() { d.expire(); expired = true })
	took := time.Since(start)
	virtual.Add(int64(took))
	synctest.Wait()

	requests := count(d.srv.Requests(), d.listEP)
	attempts := loggedAttempts(t, logs.String()[mark:], d.listEP.op)
	t.Logf("err=%v items=%d requests=%d attempts=%d auths=%d", err, n, requests, attempts, d.authCount()-authBefore)
	if !expired {
		t.Fatal("the walk never reached the end of its first page")
	}
	if err != nil || n != d.listItems {
		t.Errorf("walk yielded %d items and err = %v, want all %d and no error", n, err, d.listItems)
	}
	// The page that met the expired session is sent twice: rejected, then
	// replayed with the new session.
	if requests != d.listPages+1 {
		t.Errorf("the fake saw %d page requests, want %d pages + 1 replay", requests, d.listPages)
	}
	if attempts != d.listPages+1 {
		t.Errorf("the SDK logged %d page attempts, want %d", attempts, d.listPages+1)
	}
	if got := d.authCount() - authBefore; got != 1 {
		t.Errorf("authenticated %d times during the walk, want 1", got)
	}
	if took != 0 {
		t.Errorf("took %v of virtual time: a re-authentication needs no wait", took)
	}
	secrets := d.allSecrets()
	checkSecrets(t, "the error", printError(err), secrets)
	checkSecrets(t, "the debug log", logs.String(), secrets)
}
