package transport

import (
	"log/slog"
	"net/http"
	"time"
)

// Settings are the options every vendor client shares. Vendor packages fill
// them through the With* options below, re-exported under their own names.
type Settings struct {
	// BaseURL replaces the vendor's default endpoint (a fake, a proxy, a region).
	BaseURL string
	// HTTPClient sends the requests; nil uses a pooled client shared by all
	// grantkit clients. Its Transport is used as given (tracing wrappers work).
	HTTPClient *http.Client
	// Retry is the retry policy; the zero value means DefaultRetryPolicy.
	Retry    RetryPolicy
	retrySet bool
	// maxRetries, set by WithMaxRetries, wins over Retry.MaxRetries
	// whichever option came first.
	maxRetries *int
	// UserAgent is put in front of grantkit-go's own product token.
	UserAgent string
	// Logger receives one Debug record per attempt; nil logs nothing.
	Logger *slog.Logger
	// Timeout bounds each attempt (connect, send, read the whole answer).
	// Zero means DefaultTimeout; negative means no per-attempt bound, only the
	// caller's context.
	Timeout time.Duration
	// MaxResponseBytes caps how much of a response body is read; zero means
	// DefaultMaxResponseBytes.
	MaxResponseBytes int64
	// RateLimit is the most requests per second the client sends, with
	// bursts of up to RateBurst; zero means no limit (see WithRateLimit).
	RateLimit float64
	RateBurst int
}

// DefaultTimeout bounds one attempt when no WithTimeout is given.
const DefaultTimeout = 30 * time.Second

// DefaultMaxResponseBytes is the response size cap when none is given.
const DefaultMaxResponseBytes = 10 << 20

// Option configures the shared Settings and a vendor's own settings V. Vendor
// packages alias it (type Option = transport.Option[config]) so that their
// shared and vendor-specific options have one type.
type Option[V any] func(*Settings, *V)

// WithBaseURL sends requests to rawURL instead of the vendor's endpoint.
func WithBaseURL[V any](rawURL string) Option[V] {
	return func(s *Settings, _ *V) { s.BaseURL = rawURL }
}

// WithHTTPClient sends requests through c.
func WithHTTPClient[V any](c *http.Client) Option[V] {
	return func(s *Settings, _ *V) { s.HTTPClient = c }
}

// WithRetry replaces the retry policy.
func WithRetry[V any](p RetryPolicy) Option[V] {
	return func(s *Settings, _ *V) { s.Retry, s.retrySet = p, true }
}

// WithMaxRetries changes only how many retries follow a failed attempt (0
// disables retries), keeping the waits of the default policy or of a
// WithRetry given before or after it.
func WithMaxRetries[V any](n int) Option[V] {
	return func(s *Settings, _ *V) { s.maxRetries = &n }
}

// WithUserAgent puts product in front of the SDK's User-Agent.
func WithUserAgent[V any](product string) Option[V] {
	return func(s *Settings, _ *V) { s.UserAgent = product }
}

// WithLogger logs every attempt at Debug level.
func WithLogger[V any](l *slog.Logger) Option[V] {
	return func(s *Settings, _ *V) { s.Logger = l }
}

// WithTimeout bounds each attempt; d <= 0 removes the bound.
func WithTimeout[V any](d time.Duration) Option[V] {
	return func(s *Settings, _ *V) {
		if d <= 0 {
			d = -1
		}
		s.Timeout = d
	}
}

// WithMaxResponseBytes caps the size of a response body.
func WithMaxResponseBytes[V any](n int64) Option[V] {
	return func(s *Settings, _ *V) { s.MaxResponseBytes = n }
}

// Apply runs opts over fresh Settings and vendor settings v.
func Apply[V any](v *V, opts []Option[V]) Settings {
	var s Settings
	for _, o := range opts {
		if o != nil {
			o(&s, v)
		}
	}
	return s
}
