package transport

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// attempts is the state of one retry loop, shared by the hooks
// go-retryablehttp calls. One exists per round, so the hooks need no locks,
// and CheckRetry, which has the context in hand, chooses the wait that
// Backoff (which gets no context) returns.
type attempts struct {
	rc  retryablehttp.Client
	req *retryablehttp.Request
	c   *Client
	op  *Operation
	// ctx is the caller's: it bounds the whole call, waits included, and
	// is what the retry decisions look at. Each attempt's request carries
	// a context of its own that also ends after timeout (arm).
	ctx     context.Context
	timeout time.Duration
	cancel  context.CancelFunc
	path    string
	n       int
	status  int // of the last attempt that got an answer
	last    *http.Response
	// maxRetries is the client's policy or the call's WithRequestMaxRetries.
	maxRetries int
	started    time.Time
	body       *bodyBuffer
}

// arm returns the context of the next attempt: the caller's, ending after
// the attempt's timeout too. It bounds the whole attempt, reading the
// answer included, which check does before disarm ends it: the deadline
// costs what context.WithTimeout costs and nothing more.
func (a *attempts) arm() context.Context { return a.armAfter(0) }

// armAfter is arm for an attempt that starts after wait.
func (a *attempts) armAfter(wait time.Duration) context.Context {
	if a.timeout <= 0 {
		return a.ctx
	}
	ctx, cancel := context.WithTimeout(a.ctx, wait+a.timeout)
	a.cancel = cancel
	return ctx
}

// disarm ends the current attempt's context once its answer is read.
func (a *attempts) disarm() {
	if a.cancel != nil {
		a.cancel()
		a.cancel = nil
	}
}

func (a *attempts) start(_ retryablehttp.Logger, _ *http.Request, _ int) {
	a.started = time.Now()
}

// check is the CheckRetry hook. It reads the whole body while the attempt is
// still current, so that a body cut short is retried like any other
// transport failure (for idempotent operations) and the connection goes
// back to the pool.
func (a *attempts) check(_ context.Context, resp *http.Response, err error) (bool, error) {
	ctx := a.ctx
	a.n++
	status := 0
	if err == nil {
		status, a.status, a.last = resp.StatusCode, resp.StatusCode, resp
		a.body, err = readBody(resp, a.op.Method, a.c.maxBytes)
		resp.Body = http.NoBody
		a.c.limit.observe(resp, time.Now())
	}
	a.c.logAttempt(ctx, a, status, err)
	if err != nil && (ctx.Err() != nil || errors.Is(err, ErrResponseTooLarge) || errors.Is(err, ErrRedirectRefused)) {
		return false, err
	}
	var last *http.Response
	if err == nil {
		last = resp
	}
	if !shouldRetry(ctx, a.op.Idempotent, last, err) || a.n > a.maxRetries {
		return false, err
	}
	wait := a.c.retry.backoff(a.n-1, last, time.Now())
	if deadline, ok := ctx.Deadline(); ok && time.Now().Add(wait).After(deadline) {
		// Waiting would outlast the caller: the answer in hand is the
		// best there will be.
		return false, err
	}
	// go-retryablehttp hands the wait to Backoff as RetryWaitMin.
	a.rc.RetryWaitMin = wait
	if a.cancel != nil {
		// go-retryablehttp waits on the request's context before sending
		// it again. Without a rate limit the retry gets its context now:
		// ending a whole timeout after the wait, it cannot end during the
		// wait, and leaves the retry the attempt's full time. With one,
		// the wait is the caller's and the retry's context comes after the
		// rate limit's wait too (prepare).
		a.disarm()
		ctx := a.ctx
		if a.c.limit == nil {
			ctx = a.armAfter(wait)
		}
		a.req.Request = a.req.Request.WithContext(ctx)
	}
	return true, nil
}

// prepare is the PrepareRetry hook of rate-limited clients: a retry is a
// request like any other and waits for the rate limit, after its backoff
// and before its own deadline starts.
func (a *attempts) prepare(req *http.Request) error {
	if err := a.c.limit.wait(a.ctx); err != nil {
		return err
	}
	if a.timeout > 0 {
		*req = *req.WithContext(a.arm())
	}
	return nil
}

// waited is the Backoff hook: the wait check chose, passed as min.
func waited(wait, _ time.Duration, _ int, _ *http.Response) time.Duration { return wait }

// giveUp is the ErrorHandler: the body was consumed in check, so all that is
// left is to pass the outcome on with its cause, not "giving up after N
// attempts" with the status lost.
func giveUp(resp *http.Response, err error, _ int) (*http.Response, error) {
	if err != nil {
		return nil, err
	}
	return resp, nil
}

// readBody reads and closes the body of an answer to method, refusing more
// than limit bytes, into a buffer from bodyBuffers.
func readBody(resp *http.Response, method string, limit int64) (*bodyBuffer, error) {
	defer resp.Body.Close()
	if method == http.MethodHead {
		// Content-Length is the size of the body a GET would have had.
		return nil, nil
	}
	if resp.ContentLength > limit {
		return nil, fmt.Errorf("%w: Content-Length %d exceeds %d bytes", ErrResponseTooLarge, resp.ContentLength, limit)
	}
	buf := getBodyBuffer()
	if resp.ContentLength >= 0 {
		b := slices.Grow(buf.b[:0], int(resp.ContentLength))[:resp.ContentLength]
		buf.b = b
		if _, err := io.ReadFull(resp.Body, b); err != nil {
			return nil, fmt.Errorf("read response body: %w", err)
		}
		return buf, nil
	}
	r := io.LimitReader(resp.Body, limit+1)
	b := buf.b[:0]
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read response body: %w", err)
		}
	}
	buf.b = b
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%w: body exceeds %d bytes", ErrResponseTooLarge, limit)
	}
	return buf, nil
}

// bodyBuffer holds an answer's body. Do hands a successful answer's buffer
// back to bodyBuffers once the body is decoded: a page of 100 items is 30
// KB a call would otherwise allocate and the collector reclaim. That is
// safe because nothing keeps the body past Do: the decoder copies what it
// keeps (as encoding/json's Unmarshaler contract asks of UnmarshalJSON
// methods too), and CheckResponse must copy what it keeps (Response.Body).
// A failed answer's body goes into errors and is never handed back.
type bodyBuffer struct{ b []byte }

var bodyBuffers = sync.Pool{New: func() any { return new(bodyBuffer) }}

// maxPooledBody is the largest buffer kept for reuse; a larger answer's is
// left to the collector, so that one big answer does not stay in memory.
const maxPooledBody = 1 << 20

func getBodyBuffer() *bodyBuffer { return bodyBuffers.Get().(*bodyBuffer) }

// release hands b back for reuse; b must not be used afterwards.
func (b *bodyBuffer) release() {
	if b == nil || cap(b.b) > maxPooledBody {
		return
	}
	b.b = b.b[:0]
	bodyBuffers.Put(b)
}

func (c *Client) logAttempt(ctx context.Context, a *attempts, status int, err error) {
	if c.log == nil || !c.log.Enabled(ctx, slog.LevelDebug) {
		return
	}
	attrs := []slog.Attr{
		slog.String("vendor", c.vendor),
		slog.String("op", a.op.Name),
		slog.String("method", a.op.Method),
		slog.String("path", a.path),
		slog.Int("attempt", a.n),
		slog.Duration("duration", time.Since(a.started)),
	}
	if status != 0 {
		attrs = append(attrs, slog.Int("status", status))
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", stripURL(err).Error()))
	}
	c.log.LogAttrs(ctx, slog.LevelDebug, "grantkit request", attrs...)
}
