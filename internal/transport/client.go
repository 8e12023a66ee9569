package transport

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"reflect"
	"strings"

	"github.com/hashicorp/go-retryablehttp"

	"github.com/grantkit/grantkit-go/internal/redact"
)

// Config describes a vendor API to New.
type Config struct {
	// Vendor names the API in the User-Agent, errors and logs ("reach360").
	Vendor string
	// DefaultBaseURL is used when Settings.BaseURL is empty.
	DefaultBaseURL string
	// Settings are the caller's options.
	Settings Settings
	// Auth attaches credentials; nil sends none.
	Auth Auth
	// CheckResponse turns a vendor's answer into its typed error. It is
	// called for every response and must return an error for a non-2xx
	// status; it may also reject a 2xx whose body reports a failure.
	CheckResponse func(*Response) error
	// Header is sent with every request (API versions, Accept).
	Header http.Header
	// Query is added to every request built from a Path.
	Query url.Values
	// JSONContentType labels JSON bodies; empty means "application/json".
	JSONContentType string
	// AllowInsecureHTTP permits credentials over plain http to a host that
	// is not loopback.
	AllowInsecureHTTP bool
	// CredentialHeaders are the vendor's own headers that carry credentials
	// (Volt MX's AccessToken): WithHeader refuses them, as it refuses
	// Authorization and Cookie.
	CredentialHeaders []string
	// ErrInvalidParams is the vendor's sentinel for parameters refused
	// before any request; refused call options wrap it.
	ErrInvalidParams error
}

// Client sends a vendor's requests. It is safe for concurrent use.
type Client struct {
	vendor        string
	base          *url.URL
	basePath      string // escaped, without trailing slash
	basePlainPath string
	hc            *http.Client
	retry         RetryPolicy
	log           *slog.Logger
	maxBytes      int64
	auth          Auth
	check         func(*Response) error
	defaultHeader http.Header
	defaultQuery  url.Values
	jsonType      []string
	credHeaders   map[string]bool
	errInvalid    error
}

var formType = []string{"application/x-www-form-urlencoded"}

// New returns a Client for the API cfg describes, or an error naming the
// setting that is wrong.
func New(cfg Config) (*Client, error) {
	s := cfg.Settings
	raw := s.BaseURL
	if raw == "" {
		raw = cfg.DefaultBaseURL
	}
	base, err := url.Parse(raw)
	if err != nil || base.Host == "" || (base.Scheme != "http" && base.Scheme != "https") {
		return nil, fmt.Errorf("%s: base URL %s must be an absolute http or https URL", cfg.Vendor, redact.URL(raw))
	}
	if base.Scheme == "http" && cfg.Auth != nil && !cfg.AllowInsecureHTTP && !isLoopback(base.Hostname()) {
		return nil, fmt.Errorf("%s: base URL %s: %w: credentials would travel unencrypted", cfg.Vendor, redact.URL(raw), ErrInsecureHTTP)
	}
	if s.MaxResponseBytes < 0 {
		return nil, fmt.Errorf("%s: max response bytes must not be negative", cfg.Vendor)
	}
	if s.maxRetries != nil {
		if !s.retrySet && s.Retry == (RetryPolicy{}) {
			s.Retry, s.retrySet = DefaultRetryPolicy(), true
		}
		s.Retry.MaxRetries = *s.maxRetries
	}
	if s.Retry.MaxRetries < 0 {
		return nil, fmt.Errorf("%s: retry policy: MaxRetries must not be negative", cfg.Vendor)
	}
	// net/http refuses such a header on every request, so the mistake would
	// otherwise surface only at the first call, as a transport error.
	if strings.ContainsFunc(s.UserAgent, isControl) {
		return nil, fmt.Errorf("%s: user agent %q must not contain control characters", cfg.Vendor, s.UserAgent)
	}
	c := &Client{
		vendor:        cfg.Vendor,
		base:          base,
		basePath:      strings.TrimRight(base.EscapedPath(), "/"),
		basePlainPath: strings.TrimRight(base.Path, "/"),
		hc:            httpClient(s),
		retry:         DefaultRetryPolicy(),
		log:           s.Logger,
		maxBytes:      s.MaxResponseBytes,
		auth:          cfg.Auth,
		check:         cfg.CheckResponse,
		defaultHeader: make(http.Header, len(cfg.Header)+2),
		defaultQuery:  cfg.Query,
		jsonType:      []string{"application/json"},
		credHeaders:   make(map[string]bool, len(cfg.CredentialHeaders)),
		errInvalid:    cfg.ErrInvalidParams,
	}
	for _, h := range cfg.CredentialHeaders {
		c.credHeaders[http.CanonicalHeaderKey(h)] = true
	}
	// A policy set through the options or written into Settings directly
	// is used; only untouched Settings fall back to the default.
	if s.retrySet || s.Retry != (RetryPolicy{}) {
		c.retry = s.Retry.withDefaults()
	}
	if c.maxBytes == 0 {
		c.maxBytes = DefaultMaxResponseBytes
	}
	if cfg.JSONContentType != "" {
		c.jsonType = []string{cfg.JSONContentType}
	}
	c.defaultHeader.Set("Accept", "application/json")
	for k, vs := range cfg.Header {
		c.defaultHeader[http.CanonicalHeaderKey(k)] = vs
	}
	c.defaultHeader.Set("User-Agent", userAgent(s.UserAgent, cfg.Vendor))
	return c, nil
}

func userAgent(product, vendor string) string {
	ua := "grantkit-go/" + Version + " (" + vendor + ")"
	if product = strings.TrimSpace(product); product != "" {
		ua = product + " " + ua
	}
	return ua
}

// isControl reports whether r may not appear in a header value (RFC 9110
// allows HTAB).
func isControl(r rune) bool { return (r < ' ' && r != '\t') || r == 0x7f }

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// String describes the client without its credentials, which fmt would
// otherwise print from the unexported fields.
func (c Client) String() string {
	return "transport.Client{vendor: " + c.vendor + ", base: " + c.RedactedBaseURL() + "}"
}

// RedactedBaseURL is the base URL for printouts and errors: a userinfo
// password and every query value are masked.
func (c *Client) RedactedBaseURL() string { return redact.URLValue(c.base) }

// GoString is String: %#v must not print the credentials either.
func (c Client) GoString() string { return c.String() }

// LogValue is String for slog.
func (c Client) LogValue() slog.Value { return slog.StringValue(c.String()) }

// BaseURL returns the URL requests are sent to.
func (c *Client) BaseURL() *url.URL {
	u := *c.base
	return &u
}

// Response is what the engine read back for a request.
type Response struct {
	StatusCode int
	Header     http.Header
	// Body is the whole body (up to the size cap). CheckResponse may read
	// it but must copy what it keeps.
	Body []byte
	// Op, Method and Path (without query) name the request for errors.
	Op     string
	Method string
	Path   string
	// Attempts counts the sends of the final round: a replay after the
	// vendor rejected expired credentials starts again at 1, since the
	// rejected sends cannot have been applied.
	Attempts int
}

// Do sends r and decodes a successful JSON answer into out (nil discards
// it). It returns the vendor's typed error for a failed answer, and a
// *RequestError when no answer could be read. opts are the caller's
// per-call options; one that is refused fails the call before anything is
// sent.
func (c *Client) Do(ctx context.Context, r *Request, out any, opts ...CallOption) (*Response, error) {
	if ctx == nil {
		return nil, fmt.Errorf("%s: %s: nil context", c.vendor, r.Op.Name)
	}
	var cfg *callConfig
	if len(opts) > 0 {
		var err error
		if cfg, err = c.applyCallOptions(r.Op.Name, opts); err != nil {
			return nil, err
		}
	}
	if err := ctx.Err(); err != nil {
		// Not every RoundTripper checks the context before sending: a
		// create must not go out after the caller gave up on it.
		return nil, c.requestError(r, nil, err)
	}
	u, err := c.buildURL(r)
	if err != nil {
		return nil, c.requestError(r, nil, err)
	}
	body, ctype, err := c.encodeBody(r)
	if err != nil {
		return nil, c.requestError(r, nil, err)
	}
	session, _ := c.auth.(SessionAuth)
	for round := 0; ; round++ {
		o := Outgoing{Header: c.header(r, ctype, cfg), Body: body}
		if c.auth != nil && !r.NoAuth {
			if err := c.auth.Apply(ctx, &o); err != nil {
				return nil, c.requestError(r, nil, err)
			}
		}
		resp, err := c.send(ctx, r, u, &o, cfg)
		if err != nil {
			return nil, err
		}
		if err := c.checkMasked(resp, r, &o); err != nil {
			if round == 0 && session != nil && !r.NoAuth && session.Expired(err) {
				// The server rejected the credentials, so it did not act:
				// replaying once with fresh ones is safe even for creates.
				session.Invalidate(o.Credential)
				continue
			}
			if resp.Attempts > 1 && r.Op.AlreadyDone != nil && r.Op.AlreadyDone(err) {
				resp.Body = nil
				return resp, nil
			}
			return resp, err
		}
		if err := c.decode(resp, out); err != nil {
			return resp, err
		}
		resp.Body = nil
		return resp, nil
	}
}

// checkMasked runs the vendor's check on an answer. A failed answer may
// echo the request (a proxy quoting the Authorization header, a login
// error quoting the form): before the vendor's decoder builds an error
// from it, the credential values the request carried are masked. A
// success is checked as it came, at no cost.
func (c *Client) checkMasked(resp *Response, r *Request, o *Outgoing) error {
	if resp.StatusCode >= 200 && resp.StatusCode <= 299 {
		err := c.checkResponse(resp)
		if err == nil {
			return nil
		}
		masked, changed := maskSecrets(resp.Body, c.secretsOf(r, o))
		if !changed {
			return err
		}
		resp.Body = masked
		return c.checkResponse(resp)
	}
	if masked, changed := maskSecrets(resp.Body, c.secretsOf(r, o)); changed {
		resp.Body = masked
	}
	return c.checkResponse(resp)
}

func (c *Client) encodeBody(r *Request) ([]byte, []string, error) {
	switch {
	case r.Form != nil:
		return []byte(r.Form.Encode()), formType, nil
	case r.Body != nil:
		if b, ok := r.Body.([]byte); ok {
			return b, c.jsonType, nil
		}
		b, err := json.Marshal(r.Body)
		if err != nil {
			return nil, nil, fmt.Errorf("encode request body: %w", err)
		}
		return b, c.jsonType, nil
	}
	return nil, nil, nil
}

// send runs the retry loop for one round and returns the buffered answer.
func (c *Client) send(ctx context.Context, r *Request, u *url.URL, o *Outgoing, cfg *callConfig) (*Response, error) {
	retries := c.retry.MaxRetries
	if cfg != nil {
		if cfg.timeout != 0 {
			ctx = withAttemptTimeout(ctx, cfg.timeout)
		}
		if cfg.retriesSet {
			retries = cfg.maxRetries
		}
	}
	hreq, err := http.NewRequestWithContext(ctx, r.Op.Method, "", nil)
	if err != nil {
		return nil, c.requestError(r, nil, err)
	}
	hreq.URL, hreq.Host, hreq.Header = u, u.Host, o.Header
	rreq, err := retryablehttp.FromRequest(hreq)
	if err != nil {
		return nil, c.requestError(r, nil, err)
	}
	if o.Body != nil {
		if err := rreq.SetBody(o.Body); err != nil {
			return nil, c.requestError(r, nil, err)
		}
	}
	// The retryablehttp.Client lives inside the attempt state: one
	// allocation per call, and hooks that need no state are not closures.
	a := &attempts{c: c, op: r.Op, path: u.EscapedPath(), maxRetries: retries}
	a.rc = retryablehttp.Client{
		HTTPClient:   c.hc,
		RetryMax:     retries,
		CheckRetry:   a.check,
		Backoff:      a.backoff,
		ErrorHandler: giveUp,
	}
	if c.log != nil {
		a.rc.RequestLogHook = a.start
	}
	hresp, err := a.rc.Do(rreq)
	if cfg != nil {
		cfg.deliver(a.last)
	}
	if err != nil {
		return nil, &RequestError{Vendor: c.vendor, Op: r.Op.Name, Method: r.Op.Method, Path: u.Path,
			Attempts: a.n, StatusCode: a.status, Err: stripURL(err)}
	}
	return &Response{
		StatusCode: hresp.StatusCode,
		Header:     hresp.Header,
		Body:       a.body,
		Op:         r.Op.Name,
		Method:     r.Op.Method,
		Path:       u.Path,
		Attempts:   a.n,
	}, nil
}

func (c *Client) checkResponse(resp *Response) error {
	if c.check != nil {
		if err := c.check(resp); err != nil {
			return err
		}
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return &RequestError{Vendor: c.vendor, Op: resp.Op, Method: resp.Method, Path: resp.Path,
			Attempts: resp.Attempts, StatusCode: resp.StatusCode, Err: fmt.Errorf("unexpected status %d", resp.StatusCode)}
	}
	return nil
}

func (c *Client) decode(resp *Response, out any) error {
	if out == nil || resp.StatusCode == http.StatusNoContent {
		return nil
	}
	fail := func(err error) error {
		return &RequestError{Vendor: c.vendor, Op: resp.Op, Method: resp.Method, Path: resp.Path,
			Attempts: resp.Attempts, StatusCode: resp.StatusCode, Err: err}
	}
	if len(resp.Body) == 0 {
		return fail(ErrEmptyResponse)
	}
	if isJSONNull(resp.Body) && !isList(out) {
		// encoding/json leaves out untouched for null: the caller would get
		// a zero result as if the server had sent one.
		return fail(fmt.Errorf("%w: the body is JSON null", ErrEmptyResponse))
	}
	if err := json.Unmarshal(resp.Body, out); err != nil {
		return fail(&decodeError{err: err})
	}
	return nil
}

// isList reports whether out points to a slice. For a list, null is the
// empty list, not a missing result: a Go server marshals a nil slice as
// null, and decoding null leaves the slice nil, which is what the caller
// gets for "no items" anyway.
func isList(out any) bool {
	t := reflect.TypeOf(out)
	return t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Slice
}

// decodeError says why a successful answer did not decode without quoting
// it: a 2xx body may hold tokens, and encoding/json's messages carry pieces
// of the input (the offending character, an overflowing number, a ",string"
// value). errors.As still reaches the *json.SyntaxError and friends.
type decodeError struct{ err error }

func (e *decodeError) Error() string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(e.err, &syn):
		return fmt.Sprintf("%v: not JSON (syntax error at byte %d)", ErrMalformedResponse, syn.Offset)
	case errors.As(e.err, &typ):
		kind, _, _ := strings.Cut(typ.Value, " ")
		where := typ.Type.String()
		if typ.Field != "" {
			where = "field " + typ.Field + " (" + where + ")"
		}
		return fmt.Sprintf("%v: JSON %s at byte %d does not fit %s", ErrMalformedResponse, kind, typ.Offset, where)
	}
	var inv *json.InvalidUnmarshalError
	if errors.As(e.err, &inv) {
		// A programming error in the vendor package, about out, not the body.
		return fmt.Sprintf("%v: %v", ErrMalformedResponse, inv)
	}
	return fmt.Sprintf("%v: JSON does not fit the result type", ErrMalformedResponse)
}

func (e *decodeError) Unwrap() []error { return []error{ErrMalformedResponse, e.err} }

func (c *Client) requestError(r *Request, resp *Response, err error) error {
	e := &RequestError{Vendor: c.vendor, Op: r.Op.Name, Method: r.Op.Method, Err: err}
	if resp != nil {
		e.Path, e.Attempts, e.StatusCode = resp.Path, resp.Attempts, resp.StatusCode
	}
	return e
}

// stripURL drops *url.Error's URL, whose query may carry values that must
// not reach logs or error strings.
func stripURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}
