package transport

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
)

var (
	// ErrResponseTooLarge means a response body exceeded the size cap.
	ErrResponseTooLarge = errors.New("response body too large")
	// ErrEmptyResponse means a successful answer had no body where a result
	// was expected.
	ErrEmptyResponse = errors.New("empty response body")
	// ErrMalformedResponse means a successful answer was not the JSON the
	// operation returns.
	ErrMalformedResponse = errors.New("malformed response body")
	// ErrRedirectRefused means the server redirected to another scheme or
	// host; the engine does not follow, since the request carries
	// credentials. It is not retried.
	ErrRedirectRefused = errors.New("refusing a redirect to another host")
	// ErrInsecureHTTP means a client would send credentials over plain http
	// to a host that is not loopback.
	ErrInsecureHTTP = errors.New("plain http to a host that is not loopback")
)

// The sentinels every vendor package re-exports under the same names, one
// value each, so that errors.Is(err, reach360.ErrNotFound) and
// errors.Is(err, shares.ErrNotFound) ask the same question. Sentinels.Match
// maps the HTTP statuses to them, so a vendor's Error matches them without
// listing them.
var (
	// ErrUnauthorized matches a 401 answer: credentials missing, wrong,
	// expired or revoked.
	ErrUnauthorized = errors.New("unauthorized")
	// ErrForbidden matches a 403 answer: the credentials are valid but lack
	// the right.
	ErrForbidden = errors.New("forbidden")
	// ErrNotFound matches a 404 answer.
	ErrNotFound = errors.New("not found")
	// ErrConflict matches a 409 answer.
	ErrConflict = errors.New("conflict")
	// ErrRateLimited matches a 429 answer (one that was still 429 after the
	// retries the policy allows).
	ErrRateLimited = errors.New("rate limited")
)

// statusSentinels are the common sentinels by HTTP status.
var statusSentinels = map[int]error{
	http.StatusUnauthorized:    ErrUnauthorized,
	http.StatusForbidden:       ErrForbidden,
	http.StatusNotFound:        ErrNotFound,
	http.StatusConflict:        ErrConflict,
	http.StatusTooManyRequests: ErrRateLimited,
}

// StatusSentinel returns the common sentinel for an HTTP status, or nil.
func StatusSentinel(status int) error { return statusSentinels[status] }

// RequestError reports a call that produced no usable vendor answer: the
// connection failed, the context ended, or the answer could not be read or
// decoded. Vendor errors (the API said no) are the vendor package's own
// Error type instead.
type RequestError struct {
	Vendor, Op, Method, Path string
	// Attempts is how many times the request was sent.
	Attempts int
	// StatusCode is the last HTTP status seen, 0 if none arrived.
	StatusCode int
	Err        error
}

func (e *RequestError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s", e.Vendor, e.Op)
	if e.Path != "" {
		fmt.Fprintf(&b, " (%s %s)", e.Method, e.Path)
	}
	var ae *AuthError
	if errors.As(e.Err, &ae) {
		// The login's own error names the vendor already.
		fmt.Fprintf(&b, ": authenticate: %s", strings.TrimPrefix(ae.Err.Error(), e.Vendor+": "))
	} else {
		fmt.Fprintf(&b, ": %v", e.Err)
	}
	if e.Attempts > 1 || e.StatusCode != 0 {
		b.WriteString(" [")
		sep := ""
		if e.Attempts > 1 {
			fmt.Fprintf(&b, "%d attempts", e.Attempts)
			sep = ", "
		}
		if e.StatusCode != 0 {
			fmt.Fprintf(&b, "%slast status %d", sep, e.StatusCode)
		}
		b.WriteString("]")
	}
	return b.String()
}

// Unwrap returns the cause, so errors.Is works with context.DeadlineExceeded,
// ErrResponseTooLarge and friends.
func (e *RequestError) Unwrap() error { return e.Err }

// AuthError is the cause of a *RequestError when credentials could not be
// obtained (a login or token refresh failed). Err is the vendor's answer to
// the login, usually the package's *Error, which errors.As reaches.
type AuthError struct{ Err error }

func (e *AuthError) Error() string { return "authenticate: " + e.Err.Error() }

// Unwrap returns the login's error.
func (e *AuthError) Unwrap() error { return e.Err }

// Snippet returns at most n bytes of body as printable text, for errors that
// must say something about an answer the vendor decoder did not understand
// (an HTML page from a proxy, say). Control characters are removed as Clean
// removes them.
func Snippet(body []byte, n int) string {
	s := Clean(strings.TrimSpace(string(body[:min(len(body), n)])))
	if len(body) > n {
		s += "…"
	}
	return s
}

// Clean makes server-supplied text safe to put in an error string: line
// breaks and tabs become spaces, every other control character (ANSI
// escapes, NUL, the C1 range, bidi overrides) and invalid UTF-8 is dropped,
// so an answer cannot forge log lines or drive a terminal.
func Clean(s string) string {
	if !strings.ContainsFunc(s, unsafeRune) {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			return ' '
		case unsafeRune(r):
			return -1
		}
		return r
	}, s)
}

// unsafeRune reports whether r must not reach an error string unchanged.
func unsafeRune(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0, r == 0xfffd:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f:
		// Bidirectional overrides reorder what a reader sees.
		return true
	}
	return false
}

// APIErrorText formats a vendor's typed error the same way in every package:
// "reach360: groups.create (POST /groups): 409 duplicate_name: name taken [request abc, 2 attempts]".
type APIErrorText struct {
	Vendor, Op, Method, Path string
	Status                   int
	Code, Message, RequestID string
	Attempts                 int
}

// Code, Message and RequestID come from the server: they are cleaned (see
// Clean) here, so no vendor error can print them raw.
func (t APIErrorText) String() string {
	t.Code, t.Message, t.RequestID = Clean(t.Code), Clean(t.Message), Clean(t.RequestID)
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s", t.Vendor, t.Op)
	if t.Path != "" {
		fmt.Fprintf(&b, " (%s %s)", t.Method, t.Path)
	}
	b.WriteString(": ")
	if t.Status != 0 {
		fmt.Fprintf(&b, "%d", t.Status)
	}
	if t.Code != "" {
		if t.Status != 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.Code)
	}
	if t.Message != "" {
		b.WriteString(": " + t.Message)
	}
	var extra []string
	if t.RequestID != "" {
		extra = append(extra, "request "+t.RequestID)
	}
	if t.Attempts > 1 {
		extra = append(extra, fmt.Sprintf("%d attempts", t.Attempts))
	}
	if len(extra) > 0 {
		b.WriteString(" [" + strings.Join(extra, ", ") + "]")
	}
	return b.String()
}

// Sentinels maps a vendor's error codes and HTTP statuses to its sentinel
// errors, so each vendor's Error.Is is one table lookup.
type Sentinels struct {
	ByCode   map[string]error
	ByStatus map[int]error
}

// Match reports whether an error with code and status is target: the
// vendor's sentinel for the code or the status, or the common sentinel for
// the status (ErrNotFound for every 404, whatever the vendor says).
func (s Sentinels) Match(code string, status int, target error) bool {
	if target == nil {
		return false
	}
	if e, ok := s.ByCode[code]; ok && e == target {
		return true
	}
	if e, ok := s.ByStatus[status]; ok && e == target {
		return true
	}
	return statusSentinels[status] == target
}
