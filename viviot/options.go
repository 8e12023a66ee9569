package viviot

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

// WithBaseURL sends requests to rawURL instead of https://api.4spaces.io, e.g. a viviottest fake's URL.
func WithBaseURL(rawURL string) Option { return transport.WithBaseURL[config](rawURL) }

// WithHTTPClient sends requests through c (its Transport, proxy and TLS settings); c is copied, not changed.
func WithHTTPClient(c *http.Client) Option { return transport.WithHTTPClient[config](c) }

// WithRetry replaces the retry policy. Creates are retried only when the request provably did not reach the server.
func WithRetry(p RetryPolicy) Option { return transport.WithRetry[config](p) }

// WithMaxRetries keeps the default waits and changes how many retries follow a failed attempt; 0 disables retries.
func WithMaxRetries(n int) Option { return transport.WithMaxRetries[config](n) }

// WithUserAgent puts product (e.g. "my-app/1.2") in front of the SDK's User-Agent.
func WithUserAgent(product string) Option { return transport.WithUserAgent[config](product) }

// WithLogger logs one Debug record per attempt (operation, path, status, duration); never a credential.
func WithLogger(l *slog.Logger) Option { return transport.WithLogger[config](l) }

// WithTimeout bounds each attempt (connect, send, read the answer); d <= 0 leaves only the caller's context.
func WithTimeout(d time.Duration) Option { return transport.WithTimeout[config](d) }

// WithMaxResponseBytes caps how much of a response body is read (10 MiB unless set).
func WithMaxResponseBytes(n int64) Option { return transport.WithMaxResponseBytes[config](n) }
