package transport

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/grantkit/grantkit-go/internal/validate"
)

// CallOption changes one call: an extra header, the per-attempt timeout,
// the number of retries, or where to put the final response. Vendor
// packages re-export it, and every method that sends a request takes a
// trailing opts ...CallOption; a list iterator applies them to each page
// request.
//
// A call option never weakens a rule the client keeps: it cannot make an
// operation that is not idempotent retryable (the retry rules come from the
// operation, only their count from the option), and it cannot set the
// credentials the client attaches. A refused option fails the call with
// the vendor's ErrInvalidParams before anything is sent.
type CallOption func(*callConfig)

// callConfig is what a call's options asked for.
type callConfig struct {
	header     http.Header
	timeout    time.Duration // 0: the client's; negative: none
	maxRetries int
	retriesSet bool
	into       **http.Response
	refused    []validate.Problem
}

// WithHeader sends key: value with this call, replacing a default header of
// the same name (a newer API version for one call, an idempotency or
// correlation id). Headers that carry credentials or frame the message are
// refused with an error wrapping the vendor's ErrInvalidParams before
// anything is sent: Authorization, Proxy-Authorization, Cookie, Host,
// Content-Length, Content-Type, Transfer-Encoding, Connection, and the
// vendor's own credential headers.
func WithHeader(key, value string) CallOption {
	return func(c *callConfig) {
		canon := http.CanonicalHeaderKey(key)
		switch {
		case !validHeaderName(key):
			c.refuse("WithHeader", fmt.Sprintf("header name %q is not a valid HTTP field name", key))
		case strings.ContainsFunc(value, isControl):
			c.refuse("WithHeader", "header "+canon+": value must not contain control characters")
		case reservedHeaders[canon]:
			c.refuse("WithHeader", "header "+canon+" is set by the client and cannot be set per call")
		default:
			if c.header == nil {
				c.header = make(http.Header, 1)
			}
			c.header[canon] = append(c.header[canon], value)
		}
	}
}

// reservedHeaders are the headers no call option may set: credentials, and
// what the engine derives from the body and the URL.
var reservedHeaders = map[string]bool{
	"Authorization":       true,
	"Proxy-Authorization": true,
	"Cookie":              true,
	"Host":                true,
	"Content-Length":      true,
	"Content-Type":        true,
	"Transfer-Encoding":   true,
	"Connection":          true,
}

// WithRequestTimeout bounds each attempt of this call (connecting, sending,
// reading the whole answer), as the client's WithTimeout does for every
// call; d <= 0 removes the bound. The context still bounds the whole call,
// retries and backoff included.
func WithRequestTimeout(d time.Duration) CallOption {
	return func(c *callConfig) {
		if d <= 0 {
			d = -1
		}
		c.timeout = d
	}
}

// WithRequestMaxRetries changes how many retries may follow a failed
// attempt of this call (0: none). Which failures are retried stays the
// operation's: a create is still not replayed once it may have reached the
// server. A negative n is refused.
func WithRequestMaxRetries(n int) CallOption {
	return func(c *callConfig) {
		if n < 0 {
			c.refuse("WithRequestMaxRetries", fmt.Sprintf("%d must not be negative", n))
			return
		}
		c.maxRetries, c.retriesSet = n, true
	}
}

// WithResponseInto stores the final attempt's response in *dst when the
// call ends, successful or not, as long as an answer arrived: its status,
// protocol and headers (Reach 360's API-Version, request ids, rate-limit
// headers). Its Body is already read and closed (an empty http.NoBody). A
// list iterator stores the last page's response. A nil dst is refused.
func WithResponseInto(dst **http.Response) CallOption {
	return func(c *callConfig) {
		if dst == nil {
			c.refuse("WithResponseInto", "destination must not be nil")
			return
		}
		c.into = dst
	}
}

func (c *callConfig) refuse(option, reason string) {
	c.refused = append(c.refused, validate.Problem{Field: option, Reason: reason})
}

// applyCallOptions collects the options of a call of op and checks them
// against the vendor's own credential headers. A refusal is a
// *validate.Error that names the option as the field and wraps the
// vendor's ErrInvalidParams, like every parameter refused before I/O.
func (c *Client) applyCallOptions(op string, opts []CallOption) (*callConfig, error) {
	cfg := &callConfig{}
	for _, o := range opts {
		if o != nil {
			o(cfg)
		}
	}
	v := validate.New(c.errInvalid, c.vendor, op)
	for _, p := range cfg.refused {
		v.Check(false, p.Field, p.Reason)
	}
	for k := range cfg.header {
		v.Check(!c.credHeaders[k], "WithHeader", "header "+k+" carries "+c.vendor+" credentials and cannot be set per call")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	return cfg, nil
}

// attemptTimeoutKey carries a call's per-attempt timeout to attemptTransport.
type attemptTimeoutKey struct{}

func withAttemptTimeout(ctx context.Context, d time.Duration) context.Context {
	return context.WithValue(ctx, attemptTimeoutKey{}, d)
}

// deliver stores the final answer where WithResponseInto asked.
func (cfg *callConfig) deliver(hresp *http.Response) {
	if cfg == nil || cfg.into == nil || hresp == nil {
		return
	}
	*cfg.into = &http.Response{
		Status:        hresp.Status,
		StatusCode:    hresp.StatusCode,
		Proto:         hresp.Proto,
		ProtoMajor:    hresp.ProtoMajor,
		ProtoMinor:    hresp.ProtoMinor,
		Header:        hresp.Header,
		Body:          http.NoBody,
		ContentLength: hresp.ContentLength,
		Trailer:       hresp.Trailer,
		Uncompressed:  hresp.Uncompressed,
	}
}

// validHeaderName reports whether s is an RFC 9110 field name (a token).
func validHeaderName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		ch := s[i]
		if ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' {
			continue
		}
		if !strings.ContainsRune("!#$%&'*+-.^_`|~", rune(ch)) {
			return false
		}
	}
	return true
}
