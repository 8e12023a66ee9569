package transport

import (
	"errors"
	"fmt"
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

// httpClient returns the client the engine sends through and the
// per-attempt timeout (0: none). A caller's client is copied, never
// modified: its Timeout becomes the engine's per-attempt timeout unless
// WithTimeout gave one.
func httpClient(s Settings) (*http.Client, time.Duration) {
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
	hc.Transport = &attemptTransport{rt: rt}
	hc.Timeout = 0
	hc.CheckRedirect = sameOrigin(hc.CheckRedirect)
	return &hc, timeout
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

// attemptTransport is the transport go-retryablehttp sees. It sends
// through rt and hides rt's CloseIdleConnections, which go-retryablehttp
// calls whenever a call fails or is cancelled: with a transport shared by
// every client (the engine's pool, or a caller's), one failed call would
// close every other caller's idle connections to every host.
//
// It does not bound the attempt: http.Client.Timeout would, for a
// transport it does not know (this one), at the cost of a goroutine, a
// timer and a dozen allocations per attempt. The engine gives each
// attempt's request a context with the attempt's deadline instead
// (attempts.arm).
type attemptTransport struct {
	rt http.RoundTripper
}

func (t *attemptTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	return t.rt.RoundTrip(req)
}
