package badinput

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"reflect"
	"runtime/debug"
	"slices"
	"strings"
	"testing"

	"github.com/grantkit/grantkit-go/internal/transport"
	"github.com/grantkit/grantkit-go/internal/validate"
)

// fixture is one vendor's fake with a client of it, fresh for every row so
// that any request the row's call sends is the row's own.
type fixture interface {
	// requests is how many requests reached the fake, logins and token
	// fetches included.
	requests() int
	// auths is how many logins or token fetches the fake granted; -1 when
	// the fixture's credentials are static and never log in.
	auths() int
}

// row is one invalid call.
type row[F fixture] struct {
	// method is the public function or method called, as go/doc names it:
	// "LinksService.CreateGroupLinks", "NewClient", "WithLanguage".
	method string
	// class is the kind of bad input, for the subtest's name.
	class string
	// field is what the error must name. For a method it is the field as the
	// vendor's validation reports it (validate.Problem.Field); for a client
	// constructor (ctor) it is the setting's name in the error text.
	field string
	// unrelated, when set, must not appear in the error: a setting the
	// error would wrongly blame.
	unrelated string
	// ctor rows build their own client; they run once per vendor rather
	// than once per authentication mode, and only need to wrap
	// ErrInvalidParams when wrap is set.
	ctor, wrap bool
	call       func(ctx context.Context, f F) error
}

// suite is one vendor's table.
type suite[F fixture] struct {
	vendor string
	// sentinel is the vendor's ErrInvalidParams.
	sentinel error
	// client is the vendor's Client type, whose service fields the coverage
	// guard expects to be named *Service.
	client reflect.Type
	// modes are the ways the fixture authenticates; every method row runs
	// under each, so that a session vendor is shown not to log in before it
	// validates, whichever credentials it holds.
	modes []string
	start func(t *testing.T, mode string) F
	// control is a valid call that must reach the fake (and log in, for a
	// session mode): without it a fake that counted nothing would let every
	// zero-request assertion pass.
	control func(ctx context.Context, f F) error
	rows    []row[F]
	// unchecked are the deliberate exemptions by class of input.
	unchecked []unchecked[F]
}

// unchecked is an input a vendor package deliberately sends as it is,
// leaving the judgement to the API, with the reason. It is run to show it
// does reach the fake: a package that starts checking it fails the test, so
// the entry moves to the rows instead of going stale.
type unchecked[F fixture] struct {
	method, input, reason string
	call                  func(ctx context.Context, f F) error
}

// vendorSuite is what the tests need of a suite, whatever its fixture type.
type vendorSuite interface {
	name() string
	clientType() reflect.Type
	covered() map[string]int
	run(t *testing.T)
	runControl(t *testing.T)
	runUnchecked(t *testing.T)
	uncheckedMethods() []string
}

func (s *suite[F]) name() string             { return s.vendor }
func (s *suite[F]) clientType() reflect.Type { return s.client }

func (s *suite[F]) covered() map[string]int {
	m := map[string]int{}
	for _, r := range s.rows {
		m[r.method]++
	}
	return m
}

func (s *suite[F]) run(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range s.rows {
		modes := s.modes
		if r.ctor {
			modes = modes[:1]
		}
		for _, mode := range modes {
			name := r.method + "/" + r.class
			if !r.ctor && len(s.modes) > 1 {
				name += "/" + mode
			}
			if seen[name] {
				t.Fatalf("two rows are named %q: give them distinct classes", name)
			}
			seen[name] = true
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				f := s.start(t, mode)
				panicked, err := guard(func() error { return r.call(t.Context(), f) })
				s.check(t, r, f, err, panicked)
			})
		}
	}
}

func (s *suite[F]) check(t *testing.T, r row[F], f F, err error, panicked string) {
	if panicked != "" {
		t.Fatalf("panicked instead of returning an error: %s", panicked)
	}
	if n := f.requests(); n != 0 {
		t.Errorf("the fake saw %d request(s); invalid params must fail before any request", n)
	}
	if n := f.auths(); n > 0 {
		t.Errorf("the fake granted %d login(s); the client must validate before it authenticates", n)
	}
	if err == nil {
		t.Fatalf("no error; want one naming %q", r.field)
	}
	if (!r.ctor || r.wrap) && !errors.Is(err, s.sentinel) {
		t.Errorf("error %q (%T) does not wrap %s's ErrInvalidParams", err, err, s.vendor)
	}
	if !strings.Contains(err.Error(), r.field) {
		t.Errorf("error %q does not name %q", err, r.field)
	}
	if r.unrelated != "" && strings.Contains(err.Error(), r.unrelated) {
		t.Errorf("error %q blames %q, a setting that is fine", err, r.unrelated)
	}
	if r.ctor {
		return
	}
	var ve *validate.Error
	if !errors.As(err, &ve) {
		t.Fatalf("error %q (%T) is not a *validate.Error, so it names no field", err, err)
	}
	fields := make([]string, len(ve.Problems))
	for i, p := range ve.Problems {
		fields[i] = p.Field
	}
	if !slices.Contains(fields, r.field) {
		t.Errorf("invalid fields %q do not include %q", fields, r.field)
	}
}

func (s *suite[F]) runControl(t *testing.T) {
	for _, mode := range s.modes {
		t.Run(mode, func(t *testing.T) {
			t.Parallel()
			f := s.start(t, mode)
			if err := s.control(t.Context(), f); err != nil {
				t.Fatalf("valid call failed: %v", err)
			}
			if f.requests() == 0 {
				t.Error("a valid call reached the fake with no request: the zero-request assertions prove nothing")
			}
			if f.auths() == 0 {
				t.Error("a valid call with session credentials did not log in: the no-login assertions prove nothing")
			}
		})
	}
}

func (s *suite[F]) uncheckedMethods() []string {
	var m []string
	for _, u := range s.unchecked {
		m = append(m, u.method)
	}
	return m
}

func (s *suite[F]) runUnchecked(t *testing.T) {
	for _, u := range s.unchecked {
		t.Run(u.method+"/"+u.input, func(t *testing.T) {
			t.Parallel()
			f := s.start(t, s.modes[0])
			panicked, err := guard(func() error { return u.call(t.Context(), f) })
			if panicked != "" {
				t.Fatalf("panicked: %s", panicked)
			}
			if errors.Is(err, s.sentinel) {
				t.Fatalf("now refused before sending (%v): move it from the exemptions (%q) to the rows", err, u.reason)
			}
			if f.requests() == 0 {
				t.Fatalf("sent nothing (err %v): it is no longer left to the API (%q)", err, u.reason)
			}
		})
	}
}

// guard runs call and reports a panic as text instead of crashing the test
// binary, so that one panicking method fails its own row only.
func guard(call func() error) (panicked string, err error) {
	defer func() {
		if p := recover(); p != nil {
			panicked = fmt.Sprintf("%v\n%s", p, debug.Stack())
		}
	}()
	return "", call()
}

// first drains seq and returns its only element's error. An iterator given
// invalid params must yield the validation error first and then stop; any
// other shape is reported as an error that does not wrap the validation
// error, so the row fails.
func first[T any](seq iter.Seq2[T, error]) error {
	var errs []error
	for v, err := range seq {
		if err == nil {
			return fmt.Errorf("element %d was %v with no error", len(errs)+1, v)
		}
		errs = append(errs, err)
		if len(errs) > 1 {
			return fmt.Errorf("the iterator went on after its error: %v", errs)
		}
	}
	if len(errs) == 0 {
		return errors.New("the iterator yielded nothing")
	}
	return errs[0]
}

// drain runs seq to its end and returns its first error.
func drain[T any](seq iter.Seq2[T, error]) error {
	for _, err := range seq {
		if err != nil {
			return err
		}
	}
	return nil
}

// engineOptions are a vendor's re-exports of the shared options that
// NewClient must check.
type engineOptions[O any] struct {
	baseURL          func(string) O
	maxRetries       func(int) O
	retry            func(transport.RetryPolicy) O
	maxResponseBytes func(int64) O
	userAgent        func(string) O
}

// engineOptionRows are the shared options' bad values, for a vendor whose
// newClient builds a client of the fixture's fake with valid credentials and
// the given options after the fake's own (so a bad base URL wins). The
// errors must not mention blameless, a setting that is fine.
func engineOptionRows[F fixture, O any](o engineOptions[O], blameless string, newClient func(f F, opts ...O) error) []row[F] {
	with := func(method, class, setting string, opt func() O) row[F] {
		return row[F]{method: method, class: class, field: setting, unrelated: blameless, ctor: true,
			call: func(_ context.Context, f F) error { return newClient(f, opt()) }}
	}
	return []row[F]{
		with("WithBaseURL", "no scheme", "base URL", func() O { return o.baseURL("://api.example.com") }),
		with("WithBaseURL", "relative", "base URL", func() O { return o.baseURL("/api/v1") }),
		with("WithBaseURL", "not http", "base URL", func() O { return o.baseURL("ftp://api.example.com/") }),
		with("WithBaseURL", "plain http to a remote host", "base URL", func() O { return o.baseURL("http://api.example.com") }),
		with("WithMaxRetries", "negative", "MaxRetries", func() O { return o.maxRetries(-1) }),
		with("WithRetry", "negative MaxRetries", "MaxRetries", func() O { return o.retry(transport.RetryPolicy{MaxRetries: -2}) }),
		with("WithMaxResponseBytes", "negative", "max response bytes", func() O { return o.maxResponseBytes(-1) }),
		with("WithUserAgent", "header injection", "user agent", func() O { return o.userAgent("bot/1.0\r\nX-Injected: 1") }),
		with("WithUserAgent", "control character", "user agent", func() O { return o.userAgent("bot/1.0\x00") }),
	}
}

// callOptions are a vendor's re-exports of the per-call options that a call
// must check before it sends anything.
type callOptions struct {
	header     func(key, value string) transport.CallOption
	maxRetries func(int) transport.CallOption
	into       func(**http.Response) transport.CallOption
}

// callOptionRows are the call options' bad values, passed to call, a valid
// call of the vendor that takes them; credentialHeaders are the vendor's own
// credential headers, which WithHeader must refuse like Authorization.
func callOptionRows[F fixture](o callOptions, credentialHeaders []string, call func(ctx context.Context, f F, opt transport.CallOption) error) []row[F] {
	with := func(method, class string, opt func() transport.CallOption) row[F] {
		return row[F]{method: method, class: class, field: method,
			call: func(ctx context.Context, f F) error { return call(ctx, f, opt()) }}
	}
	rows := []row[F]{
		with("WithHeader", "Authorization", func() transport.CallOption { return o.header("authorization", "Bearer stolen") }),
		with("WithHeader", "Cookie", func() transport.CallOption { return o.header("Cookie", "ss-id=x") }),
		with("WithHeader", "Content-Type", func() transport.CallOption { return o.header("Content-Type", "text/plain") }),
		with("WithHeader", "invalid name", func() transport.CallOption { return o.header("X Bad", "v") }),
		with("WithHeader", "header injection", func() transport.CallOption { return o.header("X-Trace", "a\r\nX-Injected: 1") }),
		with("WithRequestMaxRetries", "negative", func() transport.CallOption { return o.maxRetries(-1) }),
		with("WithResponseInto", "nil destination", func() transport.CallOption { return o.into(nil) }),
	}
	for _, h := range credentialHeaders {
		rows = append(rows, with("WithHeader", "credential header "+h, func() transport.CallOption { return o.header(h, "x") }))
	}
	return rows
}
