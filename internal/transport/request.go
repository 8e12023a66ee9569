package transport

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/google/go-querystring/query"
)

// Operation describes one API operation to the engine. Vendor packages
// declare one per endpoint as a package-level value.
type Operation struct {
	// Name identifies the operation in errors and logs, e.g. "groups.create".
	Name string
	// Method is the HTTP method.
	Method string
	// Idempotent marks operations that are safe to replay after the request
	// may have reached the server. Creates are not; reads, PUTs, DELETEs and
	// read-only POSTs are. The retry policy reads it.
	Idempotent bool
	// AlreadyDone, for idempotent deletes, reports whether a vendor error
	// means the target does not exist. When a retry (not the first
	// attempt) gets that answer, an earlier attempt whose answer was lost
	// most likely did the delete, and either way the target is gone, which
	// is what the caller asked for: Do reports success. Without it, marking
	// a delete idempotent would turn a lost success into "not found".
	AlreadyDone func(err error) bool
}

// Request is one call of an Operation.
type Request struct {
	Op *Operation
	// Path is appended to the base URL, one element per segment; each is
	// escaped, so an id holding "/" or "?" stays one segment. Segments "."
	// and "..", and empty ones except the last (a trailing slash), are
	// refused.
	Path []string
	// URL, when set, is called verbatim instead of Path and Query: a
	// vendor's next-page link. It must be on the base URL's scheme and host,
	// so credentials never follow a link elsewhere.
	URL string
	// Query is url.Values or a struct with `url` tags (go-querystring).
	Query any
	// Body is marshalled to JSON once; every attempt replays the same bytes.
	Body any
	// Form, when set, is sent form-encoded instead of Body.
	Form url.Values
	// Header is added to the client's default headers.
	Header http.Header
	// NoAuth skips the client's credentials (logins, token endpoints).
	NoAuth bool
	// Secrets are credential values the request carries itself (a login's
	// password, a refresh token, a client secret): a failed answer that
	// echoes them has them masked before the vendor's error sees it.
	Secrets []string
}

// buildURL returns the URL r targets.
func (c *Client) buildURL(r *Request) (*url.URL, error) {
	if r.URL != "" {
		u, err := url.Parse(r.URL)
		if err != nil {
			return nil, fmt.Errorf("invalid next-page URL: %w", err)
		}
		if !strings.EqualFold(u.Scheme, c.base.Scheme) || !strings.EqualFold(u.Host, c.base.Host) {
			return nil, fmt.Errorf("refusing to follow a link to %s://%s: credentials are only sent to %s://%s",
				u.Scheme, u.Host, c.base.Scheme, c.base.Host)
		}
		return u, nil
	}
	u := &url.URL{Scheme: c.base.Scheme, Host: c.base.Host}
	// One builder for the escaped path; the decoded one is built only when
	// escaping changed something, which for ordinary ids it does not.
	n := len(c.basePath)
	escaped := c.basePath != c.basePlainPath
	for i, seg := range r.Path {
		// Escaping keeps "/" and "?" inside a segment, but "." and ".."
		// pass through and servers resolve them, and an empty segment makes
		// "//": an id that is empty or a dot would address another resource.
		// A trailing empty segment stays allowed: it is a trailing slash.
		if seg == "." || seg == ".." || (seg == "" && i < len(r.Path)-1) {
			return nil, fmt.Errorf("path segment %d is %q: it would change which resource the path names", i, seg)
		}
		n += 1 + len(seg)
		if !escaped && url.PathEscape(seg) != seg {
			escaped = true
		}
	}
	var raw strings.Builder
	raw.Grow(n + 8)
	raw.WriteString(c.basePath)
	for _, seg := range r.Path {
		raw.WriteByte('/')
		raw.WriteString(url.PathEscape(seg))
	}
	u.Path = raw.String()
	if escaped {
		var plain strings.Builder
		plain.Grow(n)
		plain.WriteString(c.basePlainPath)
		for _, seg := range r.Path {
			plain.WriteByte('/')
			plain.WriteString(seg)
		}
		u.RawPath, u.Path = u.Path, plain.String()
	}
	q, err := c.query(r.Query)
	if err != nil {
		return nil, err
	}
	u.RawQuery = q
	return u, nil
}

// query encodes the request's query merged over the client's default query.
func (c *Client) query(q any) (string, error) {
	var v url.Values
	switch q := q.(type) {
	case nil:
	case url.Values:
		v = q
	default:
		var err error
		if v, err = query.Values(q); err != nil {
			return "", fmt.Errorf("encode query: %w", err)
		}
	}
	if len(c.defaultQuery) == 0 {
		return v.Encode(), nil
	}
	merged := make(url.Values, len(v)+len(c.defaultQuery))
	for k, vs := range c.defaultQuery {
		merged[k] = vs
	}
	for k, vs := range v {
		merged[k] = vs
	}
	return merged.Encode(), nil
}

// header returns the headers of one attempt round: defaults, then the
// request's own, then the caller's call options.
func (c *Client) header(r *Request, contentType []string, cfg *callConfig) http.Header {
	extra := 0
	if cfg != nil {
		extra = len(cfg.header)
	}
	h := make(http.Header, len(c.defaultHeader)+len(r.Header)+extra+2)
	for k, vs := range c.defaultHeader {
		h[k] = vs
	}
	if contentType != nil {
		h["Content-Type"] = contentType
	}
	for k, vs := range r.Header {
		h[http.CanonicalHeaderKey(k)] = vs
	}
	if cfg != nil {
		for k, vs := range cfg.header {
			h[k] = vs
		}
	}
	return h
}
