package alfaview

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/grantkit/grantkit-go/internal/transport"
)

// Option configures a Client; pass any number to NewClient.
type Option = transport.Option[config]

// RetryPolicy says how often and how patiently failed attempts are retried; see WithRetry.
type RetryPolicy = transport.RetryPolicy

// DefaultRetryPolicy returns the policy a Client uses unless WithRetry or WithMaxRetries is given.
func DefaultRetryPolicy() RetryPolicy { return transport.DefaultRetryPolicy() }

// WithBaseURL sends requests to rawURL instead of https://apis.alfaview.com/json/v1/,
// e.g. an alfaviewtest fake's URL.
func WithBaseURL(rawURL string) Option { return transport.WithBaseURL[config](rawURL) }

// WithHTTPClient sends requests through c (its Transport, proxy and TLS
// settings); the Client copies it and never changes it.
func WithHTTPClient(c *http.Client) Option { return transport.WithHTTPClient[config](c) }

// WithRetry replaces the retry policy. Which failures are retried stays
// fixed: see the package documentation.
func WithRetry(p RetryPolicy) Option { return transport.WithRetry[config](p) }

// WithMaxRetries keeps the default waits and changes only how many retries
// may follow a failed attempt; 0 disables retries.
func WithMaxRetries(n int) Option { return transport.WithMaxRetries[config](n) }

// WithUserAgent puts product (e.g. "invite-bot/1.2") in front of the SDK's
// own User-Agent.
func WithUserAgent(product string) Option { return transport.WithUserAgent[config](product) }

// WithLogger logs every attempt (operation, path, status, duration) at
// Debug level; bodies, tokens and credentials are never logged.
func WithLogger(l *slog.Logger) Option { return transport.WithLogger[config](l) }

// WithTimeout bounds each attempt (default 30s); d <= 0 leaves only the
// caller's context as a bound.
func WithTimeout(d time.Duration) Option { return transport.WithTimeout[config](d) }

// WithMaxResponseBytes caps how much of a reply is read (default 10 MiB).
func WithMaxResponseBytes(n int64) Option { return transport.WithMaxResponseBytes[config](n) }
