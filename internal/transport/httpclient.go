package transport

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// sharedTransport is the pool every client without its own HTTPClient
// uses: one per process, as with http.DefaultTransport, but sized for many
// concurrent callers of one host (http.DefaultTransport keeps only two idle
// connections per host, so bursts would open and close connections).
//
// MaxConnsPerHost equals MaxIdleConnsPerHost, so every connection the pool
// opens can also be kept. Without the cap net/http opens more than one
// connection per concurrent caller: a caller whose last connection is not
// back in the pool yet dials another, and a dial started while waiting goes
// on after an idle connection served the caller. The pool then holds more
// than it may keep idle and closes the surplus, only to dial again in the
// next burst (256 callers opened 310 to 340 connections for 1,000 to 10,000
// calls). Past 256 calls in flight to one host, callers wait for a
// connection instead; over HTTP/2 one connection carries them all.
var sharedTransport = sync.OnceValue(func() *http.Transport {
	return &http.Transport{
		Proxy: http.ProxyFromEnvironment,
		DialContext: (&net.Dialer{
			Timeout:   30 * time.Second,
			KeepAlive: 30 * time.Second,
		}).DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          1024,
		MaxIdleConnsPerHost:   256,
		MaxConnsPerHost:       256,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ExpectContinueTimeout: 1 * time.Second,
	}
})

// httpClient returns the client the engine sends through. A caller's client
// is copied, never modified, so setting the per-attempt timeout does not
// change it for its other users.
func httpClient(s Settings) *http.Client {
	var hc http.Client
	if s.HTTPClient != nil {
		hc = *s.HTTPClient
	}
	rt := hc.Transport
	switch {
	case s.HTTPClient == nil:
		rt = sharedTransport()
	case rt == nil:
		rt = http.DefaultTransport
	}
	timeout := hc.Timeout
	switch {
	case s.Timeout > 0:
		timeout = s.Timeout
	case s.Timeout < 0:
		timeout = 0
	case timeout == 0:
		timeout = DefaultTimeout
	}
	hc.Transport = &attemptTransport{rt: rt, timeout: timeout}
	hc.Timeout = 0
	hc.CheckRedirect = sameOrigin(hc.CheckRedirect)
	return &hc
}

// sameOrigin follows redirects only on the scheme and host of the first
// request, then defers to the caller's own policy (or net/http's limit of
// 10). net/http drops Authorization and Cookie on a redirect to another
// host, but not the other headers (Volt MX's AccessToken/AccessSecret,
// X-VoltMX-Authorization) nor a replayed body (alfaview's accessInfo, a
// login's password), so a redirect elsewhere would hand them over.
func sameOrigin(next func(*http.Request, []*http.Request) error) func(*http.Request, []*http.Request) error {
	return func(req *http.Request, via []*http.Request) error {
		first := via[0].URL
		if !strings.EqualFold(req.URL.Scheme, first.Scheme) || !strings.EqualFold(req.URL.Host, first.Host) {
			return fmt.Errorf("%w from %s://%s to %s://%s", ErrRedirectRefused, first.Scheme, first.Host, req.URL.Scheme, req.URL.Host)
		}
		if next != nil {
			return next(req, via)
		}
		if len(via) >= 10 {
			return errors.New("stopped after 10 redirects")
		}
		return nil
	}
}

// attemptTransport is the transport go-retryablehttp sees. It sends through
// rt and:
//   - hides rt's CloseIdleConnections, which go-retryablehttp calls whenever
//     a call fails or is cancelled: with a transport shared by every client
//     (the engine's pool, or a caller's), one failed call would close every
//     other caller's idle connections to every host;
//   - bounds each attempt, reading the body included, with a context
//     deadline. http.Client.Timeout would do the same for an *http.Transport
//     but, for a transport it does not know (this one), costs a goroutine,
//     a timer and a dozen allocations per attempt.
type attemptTransport struct {
	rt      http.RoundTripper
	timeout time.Duration
}

func (t *attemptTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	timeout := t.timeout
	if d, ok := req.Context().Value(attemptTimeoutKey{}).(time.Duration); ok {
		timeout = d
	}
	if timeout <= 0 {
		return t.rt.RoundTrip(req)
	}
	ctx, cancel := context.WithTimeout(req.Context(), timeout)
	resp, err := t.rt.RoundTrip(req.WithContext(ctx))
	if err != nil {
		cancel()
		return nil, err
	}
	resp.Body = &cancelOnClose{ReadCloser: resp.Body, cancel: cancel}
	return resp, nil
}

// cancelOnClose ends the attempt's deadline once its body is closed.
type cancelOnClose struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (b *cancelOnClose) Close() error {
	err := b.ReadCloser.Close()
	b.cancel()
	return err
}
