package transport

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// attempts is the state of one retry loop, shared by the hooks
// go-retryablehttp calls. One exists per round, so the hooks need no locks
// and Backoff (which gets no context) can use the wait CheckRetry chose
// with the context in hand.
type attempts struct {
	rc     retryablehttp.Client
	c      *Client
	op     *Operation
	path   string
	n      int
	status int // of the last attempt that got an answer
	last   *http.Response
	// maxRetries is the client's policy or the call's WithRequestMaxRetries.
	maxRetries int
	started    time.Time
	body       []byte
	wait       time.Duration
}

func (a *attempts) start(_ retryablehttp.Logger, _ *http.Request, _ int) {
	a.started = time.Now()
}

// check is the CheckRetry hook. It reads the whole body while the attempt is
// still current, so that a body cut short is retried like any other
// transport failure (for idempotent operations) and the connection goes
// back to the pool.
func (a *attempts) check(ctx context.Context, resp *http.Response, err error) (bool, error) {
	a.n++
	status := 0
	if err == nil {
		status, a.status, a.last = resp.StatusCode, resp.StatusCode, resp
		a.body, err = readBody(resp, a.op.Method, a.c.maxBytes)
		resp.Body = http.NoBody
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
	a.wait = a.c.retry.backoff(a.n-1, last, time.Now())
	if deadline, ok := ctx.Deadline(); ok && time.Now().Add(a.wait).After(deadline) {
		// Waiting would outlast the caller: the answer in hand is the
		// best there will be.
		return false, err
	}
	return true, nil
}

func (a *attempts) backoff(_, _ time.Duration, _ int, _ *http.Response) time.Duration {
	return a.wait
}

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
// than limit bytes.
func readBody(resp *http.Response, method string, limit int64) ([]byte, error) {
	defer resp.Body.Close()
	if method == http.MethodHead {
		// Content-Length is the size of the body a GET would have had.
		return nil, nil
	}
	if resp.ContentLength > limit {
		return nil, fmt.Errorf("%w: Content-Length %d exceeds %d bytes", ErrResponseTooLarge, resp.ContentLength, limit)
	}
	if resp.ContentLength >= 0 {
		buf := make([]byte, resp.ContentLength)
		if _, err := io.ReadFull(resp.Body, buf); err != nil {
			return nil, fmt.Errorf("read response body: %w", err)
		}
		return buf, nil
	}
	buf, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read response body: %w", err)
	}
	if int64(len(buf)) > limit {
		return nil, fmt.Errorf("%w: body exceeds %d bytes", ErrResponseTooLarge, limit)
	}
	return buf, nil
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
