package shares

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/grantkit/grantkit-go/internal/transport"
)

// Option configures a Client; pass any number to NewClient.
type Option = transport.Option[config]

// RetryPolicy says how often and how patiently failed attempts are retried;
// see WithRetry. Creates (Create, CreateWebKey) and token refreshes are
// retried only when the request provably never reached the API.
type RetryPolicy = transport.RetryPolicy

// DefaultRetryPolicy returns the policy a Client uses unless WithRetry or
// WithMaxRetries is given.
func DefaultRetryPolicy() RetryPolicy { return transport.DefaultRetryPolicy() }

// WithBaseURL sends requests to rawURL instead of https://api.boldsmartlock.com,
// e.g. a sharestest fake's URL.
func WithBaseURL(rawURL string) Option { return transport.WithBaseURL[config](rawURL) }

// WithHTTPClient sends requests through c (its Transport is used as given,
// so tracing and proxies work); by default a pooled client shared by every
// grantkit client is used.
func WithHTTPClient(c *http.Client) Option { return transport.WithHTTPClient[config](c) }

// WithRetry replaces the retry policy.
func WithRetry(p RetryPolicy) Option { return transport.WithRetry[config](p) }

// WithMaxRetries keeps the default waits and changes only how many retries
// follow a failed attempt; 0 disables retries.
func WithMaxRetries(n int) Option { return transport.WithMaxRetries[config](n) }

// WithUserAgent puts product (e.g. "door-admin/1.2") in front of the SDK's
// own User-Agent.
func WithUserAgent(product string) Option { return transport.WithUserAgent[config](product) }

// WithLogger logs one Debug record per attempt (operation, path, status,
// duration); credentials are never logged.
func WithLogger(l *slog.Logger) Option { return transport.WithLogger[config](l) }

// WithTimeout bounds each attempt (connect, send, read the answer); d <= 0
// leaves only the caller's context as a bound.
func WithTimeout(d time.Duration) Option { return transport.WithTimeout[config](d) }

// WithMaxResponseBytes caps how much of a response body is read.
func WithMaxResponseBytes(n int64) Option { return transport.WithMaxResponseBytes[config](n) }

// WithLanguage asks the API to localise its error messages: lang is an ISO
// 639-1 code such as "de" or "nl", sent as the language query parameter of
// every request. NewClient rejects anything but two ASCII letters.
func WithLanguage(lang string) Option {
	return func(_ *transport.Settings, c *config) { c.language, c.languageSet = lang, true }
}
