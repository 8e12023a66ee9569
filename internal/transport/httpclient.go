package transport

import (
	"net"
	"net/http"
	"sync"
	"time"
)

// sharedTransport is the pool every client without its own HTTPClient
// uses: one per process, as with http.DefaultTransport, but sized for many
// concurrent callers of one host (http.DefaultTransport keeps only two idle
// connections per host, so bursts would open and close connections).
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
	hc.Transport = keepIdle{rt}
	switch {
	case s.Timeout > 0:
		hc.Timeout = s.Timeout
	case s.Timeout < 0:
		hc.Timeout = 0
	case hc.Timeout == 0:
		hc.Timeout = DefaultTimeout
	}
	return &hc
}

// keepIdle hides the transport's CloseIdleConnections from go-retryablehttp,
// which calls it whenever a call fails or is cancelled: with a transport
// shared by every client (the engine's pool, or a caller's), one failed
// call would close every other caller's idle connections to every host.
type keepIdle struct{ http.RoundTripper }
