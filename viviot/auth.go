package viviot

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/grantkit/grantkit-go/internal/auth"
	"github.com/grantkit/grantkit-go/internal/redact"
	"github.com/grantkit/grantkit-go/internal/transport"
)

// Auth is how a Client authenticates: Credentials or a BearerToken. The set
// is closed, so NewClient can rely on every Auth being one it knows.
type Auth interface {
	engineAuth(c *Client, cfg *config) (transport.Auth, error)
}

// Credentials are a Viviot user's login. The Client signs in at
// POST /auth/credentials on first use, keeps the session for every request,
// and signs in again when the server says the session expired. A login the
// server refuses (a wrong password) is the error of every call waiting for
// it, and of every call for the next second (doubling, up to five minutes,
// while logins keep being refused): the Client does not try a wrong
// password again on each call, which could lock the account.
//
// Printed with any fmt verb or logged with slog, the Password shows as
// [REDACTED].
type Credentials struct {
	UserName string
	Password string
}

// String returns the credentials with the password redacted, as
// viviot.Credentials{UserName:"…", Password:[REDACTED]}.
func (c Credentials) String() string {
	return fmt.Sprintf("viviot.Credentials{UserName:%q, Password:%s}", c.UserName, redact.String(c.Password))
}

// GoString is String, so %#v hides the password too.
func (c Credentials) GoString() string { return c.String() }

// Format prints String (GoString for %#v) whatever the verb, so that no
// verb, %d or %t included, walks the struct and reaches the password.
func (c Credentials) Format(f fmt.State, verb rune) { redact.Format(f, verb, c.String(), c.GoString()) }

// LogValue logs the user name and a redacted password.
func (c Credentials) LogValue() slog.Value {
	return slog.GroupValue(slog.String("UserName", c.UserName), slog.Attr{Key: "Password", Value: redact.Value(c.Password)})
}

func (c Credentials) engineAuth(client *Client, cfg *config) (transport.Auth, error) {
	switch {
	case strings.TrimSpace(c.UserName) == "":
		return nil, errors.New("viviot: NewClient: Credentials.UserName is empty")
	case c.Password == "":
		return nil, errors.New("viviot: NewClient: Credentials.Password is empty")
	}
	cache := auth.NewCacheFrom(auth.CacheConfig{
		Fetch: func(ctx context.Context, _ auth.Token) (auth.Token, error) {
			return client.login(ctx, c)
		},
		Store:    cfg.tokenStore,
		Identity: vendor + "\x00" + c.UserName,
	})
	cache.SetFailureBackoff(loginBackoff, maxLoginBackoff, isRefusedLogin)
	return &auth.Session{Cache: cache, Attach: client.attachSession, IsExpired: isUnauthorized}, nil
}

// A refused login is returned, without logging in again, to every call
// for loginBackoff, doubling while logins keep being refused: a service
// that makes many calls with a wrong password must not lock the account by
// trying it on each.
const (
	loginBackoff    = time.Second
	maxLoginBackoff = 5 * time.Minute
)

// isRefusedLogin reports whether the server judged the login itself (a 4xx
// such as 401 "Invalid UserName or Password"), as opposed to an outage or a
// 429 that a next attempt may get past.
func isRefusedLogin(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.StatusCode >= 400 && e.StatusCode < 500 &&
		e.StatusCode != http.StatusRequestTimeout && e.StatusCode != http.StatusTooManyRequests
}

// BearerToken is a token the caller already holds (a JWT from an earlier
// login, or an API key), sent as "Authorization: Bearer <token>". The
// Client cannot renew it: when it expires, calls fail with ErrUnauthorized.
//
// Printed with any fmt verb or logged with slog, it shows as [REDACTED].
type BearerToken string

// String returns [REDACTED] (or "" for an empty token).
func (t BearerToken) String() string { return redact.String(string(t)) }

// GoString returns the %#v form, redacted.
func (t BearerToken) GoString() string { return redact.GoString("viviot.BearerToken", string(t)) }

// Format prints String (GoString for %#v) whatever the verb.
func (t BearerToken) Format(f fmt.State, verb rune) { redact.Format(f, verb, t.String(), t.GoString()) }

// LogValue logs the token redacted.
func (t BearerToken) LogValue() slog.Value { return redact.Value(string(t)) }

func (t BearerToken) engineAuth(_ *Client, cfg *config) (transport.Auth, error) {
	switch {
	case cfg.tokenStore != nil:
		return nil, errors.New("viviot: NewClient: WithTokenStore needs Credentials: a BearerToken has no session to share")
	case t == "":
		return nil, errors.New("viviot: NewClient: BearerToken is empty")
	case strings.ContainsAny(string(t), " \t\r\n"):
		return nil, errors.New("viviot: NewClient: BearerToken contains white space")
	}
	return auth.Bearer(string(t)), nil
}

func isNilAuth(a Auth) bool {
	switch v := a.(type) {
	case nil:
		return true
	case *Credentials:
		return v == nil
	case *BearerToken:
		return v == nil
	}
	return false
}

var opLogin = &transport.Operation{Name: "auth.credentials", Method: http.MethodPost, Idempotent: true}

type loginRequest struct {
	UserName   string `json:"userName"`
	Password   string `json:"password"`
	RememberMe bool   `json:"rememberMe"`
}

type loginResponse struct {
	BearerToken string `json:"bearerToken"`
}

// The session travels in one header; which one depends on what the login
// returned, so the token records the header's name beside its value.
const (
	headerAuthorization = "Authorization"
	headerCookie        = "Cookie"
)

// login signs in and returns the session as the header value to send.
func (c *Client) login(ctx context.Context, cr Credentials) (auth.Token, error) {
	var out loginResponse
	resp, err := c.tc.Do(ctx, &transport.Request{
		Op:      opLogin,
		Path:    []string{"auth", "credentials"},
		Body:    loginRequest{UserName: cr.UserName, Password: cr.Password, RememberMe: true},
		NoAuth:  true,
		Secrets: []string{cr.Password},
	}, &out)
	if err != nil {
		return auth.Token{}, err
	}
	if out.BearerToken != "" {
		return auth.Token{
			Value:  "Bearer " + out.BearerToken,
			Expiry: jwtExpiry(out.BearerToken, time.Now()),
			Extra:  headerAuthorization,
		}, nil
	}
	if cookie, jwt := sessionCookies(resp.Header); cookie != "" {
		return auth.Token{Value: cookie, Expiry: jwtExpiry(jwt, time.Now()), Extra: headerCookie}, nil
	}
	return auth.Token{}, errors.New("viviot: auth.credentials: the login answer carried neither a bearerToken nor ss-tok/ss-id/ss-pid session cookies")
}

// sessionCookies returns the Cookie header that carries the session the
// login set, or "" if it set none, and the JWT of its ss-tok cookie. Every
// ss-* cookie goes back. ServiceStack v6 and later put the JWT in ss-tok
// (and its refresh token in ss-reftok) instead of the answer's bearerToken
// by default (docs.servicestack.net/auth/jwt-authprovider, "JWT Token
// Cookies"); a session without JWT is keyed on ss-id, or with rememberMe on
// ss-pid, which ss-opt=perm tells the server to read.
func sessionCookies(h http.Header) (header, jwt string) {
	var parts []string
	found := false
	for _, ck := range (&http.Response{Header: h}).Cookies() {
		if !strings.HasPrefix(ck.Name, "ss-") || ck.Value == "" || ck.MaxAge < 0 {
			continue
		}
		switch ck.Name {
		case "ss-tok":
			jwt = ck.Value
			found = true
		case "ss-id", "ss-pid":
			found = true
		}
		parts = append(parts, (&http.Cookie{Name: ck.Name, Value: ck.Value}).String())
	}
	if !found {
		return "", ""
	}
	return strings.Join(parts, "; "), jwt
}

func (c *Client) attachSession(_ context.Context, o *transport.Outgoing, t auth.Token) error {
	name := t.Extra
	if name == "" {
		name = headerAuthorization
	}
	value := t.Value
	if name == headerCookie {
		if value = c.cookiesBesideJar(value, o); value == "" {
			return nil
		}
	}
	o.Header[name] = []string{value}
	return nil
}

// cookiesBesideJar returns the session cookies of header that the caller's
// cookie jar will not send itself. A jar saw the login's Set-Cookie and
// adds those cookies to every request on its own; sending them in the
// header as well would make each go out twice. The jar's copy wins: it
// also saw any cookie the server renewed since. Every cookie value is
// declared in o.Secrets, so an echo of it is masked.
func (c *Client) cookiesBesideJar(header string, o *transport.Outgoing) string {
	cookies, err := http.ParseCookie(header)
	if err != nil {
		return header
	}
	for _, ck := range cookies {
		o.Secrets = append(o.Secrets, ck.Value)
	}
	if c.jar == nil {
		return header
	}
	inJar := map[string]bool{}
	for _, ck := range c.jar.Cookies(c.tc.BaseURL()) {
		inJar[ck.Name] = true
	}
	var parts []string
	for _, ck := range cookies {
		if !inJar[ck.Name] {
			parts = append(parts, ck.String())
		}
	}
	return strings.Join(parts, "; ")
}

func isUnauthorized(err error) bool { return errors.Is(err, ErrUnauthorized) }

// jwtExpiry reads the exp claim of a JWT without checking its signature
// (the server checks it; the client only wants to renew in time). It
// returns the zero time, meaning "use until rejected", for tokens that are
// not JWTs, have no exp, or claim to be expired already: the last means the
// two clocks disagree, and renewing on every call would not help.
func jwtExpiry(tok string, now time.Time) time.Time {
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		return time.Time{}
	}
	payload, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		return time.Time{}
	}
	var claims struct {
		Exp json.Number `json:"exp"`
	}
	dec := json.NewDecoder(bytes.NewReader(payload))
	dec.UseNumber()
	if dec.Decode(&claims) != nil || claims.Exp == "" {
		return time.Time{}
	}
	secs, err := claims.Exp.Float64()
	if err != nil || secs <= 0 || secs > 1<<40 {
		return time.Time{}
	}
	exp := time.Unix(int64(secs), 0)
	if !exp.After(now) {
		return time.Time{}
	}
	return exp
}
