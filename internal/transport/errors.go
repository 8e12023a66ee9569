package transport

import (
	"errors"
	"fmt"
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
	fmt.Fprintf(&b, ": %v", e.Err)
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

// Snippet returns at most n bytes of body as printable text, for errors that
// must say something about an answer the vendor decoder did not understand
// (an HTML page from a proxy, say).
func Snippet(body []byte, n int) string {
	s := strings.TrimSpace(string(body[:min(len(body), n)]))
	s = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == '\t' {
			return ' '
		}
		if r < 0x20 || r == 0x7f || r == 0xfffd {
			return -1
		}
		return r
	}, s)
	if len(body) > n {
		s += "…"
	}
	return s
}

// APIErrorText formats a vendor's typed error the same way in every package:
// "reach360: groups.create (POST /groups): 409 duplicate_name: name taken [request abc, 2 attempts]".
type APIErrorText struct {
	Vendor, Op, Method, Path string
	Status                   int
	Code, Message, RequestID string
	Attempts                 int
}

func (t APIErrorText) String() string {
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

// Match reports whether an error with code and status is target.
func (s Sentinels) Match(code string, status int, target error) bool {
	if target == nil {
		return false
	}
	if e, ok := s.ByCode[code]; ok && e == target {
		return true
	}
	e, ok := s.ByStatus[status]
	return ok && e == target
}
