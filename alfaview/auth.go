package alfaview

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/grantkit/grantkit-go/internal/auth"
	"github.com/grantkit/grantkit-go/internal/redact"
	"github.com/grantkit/grantkit-go/internal/transport"
	"github.com/grantkit/grantkit-go/internal/validate"
)

// Credentials authenticate a Client: APIKeyCredentials or
// PasswordCredentials (values or pointers). Other types cannot implement it.
type Credentials interface {
	fmt.Stringer
	// authRequest returns the authenticate body for these credentials.
	authRequest(requestID string) authenticateRequest
	// secrets are the values authRequest carries that a failed answer
	// echoing the request must not show.
	secrets() []string
	companyID() string
	// principal names the credentials without their secret.
	principal() string
	check(v *validate.Checker)
}

// APIKeyCredentials are an alfaview API key: ClientID is the key's alias,
// Secret the key's secret, CompanyID the company the key belongs to (a
// ULID such as 01EZYCFW9MJ10P15YJ63NZ8S47). All three are required.
// Printing them (fmt, slog) never shows Secret.
type APIKeyCredentials struct {
	ClientID, Secret, CompanyID string
}

// String shows ClientID and CompanyID and hides Secret.
func (c APIKeyCredentials) String() string {
	return fmt.Sprintf("alfaview.APIKeyCredentials{ClientID:%q, Secret:%s, CompanyID:%q}",
		c.ClientID, redact.String(c.Secret), c.CompanyID)
}

// GoString is String, so %#v hides Secret too.
func (c APIKeyCredentials) GoString() string { return c.String() }

// Format prints String for every verb: verbs a Stringer does not serve
// (%d, %t …) would otherwise print the fields, Secret included.
func (c APIKeyCredentials) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, c.String()) }

// LogValue hides Secret from slog.
func (c APIKeyCredentials) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("clientId", c.ClientID),
		slog.Attr{Key: "secret", Value: redact.Value(c.Secret)},
		slog.String("companyId", c.CompanyID))
}

// MarshalJSON writes the credentials with Secret redacted: they are for
// authenticating, not for storing, and a struct that holds them may be
// logged or encoded as JSON.
func (c APIKeyCredentials) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		ClientID  string `json:"clientId"`
		Secret    string `json:"secret"`
		CompanyID string `json:"companyId"`
	}{c.ClientID, redact.String(c.Secret), c.CompanyID})
}

func (c APIKeyCredentials) authRequest(requestID string) authenticateRequest {
	return authenticateRequest{RequestID: requestID, AuthorizationCode: &authorizationCodeCredentials{
		ClientID: c.ClientID, Code: c.Secret, CompanyID: c.CompanyID}}
}

func (c APIKeyCredentials) secrets() []string { return []string{c.Secret} }

func (c APIKeyCredentials) companyID() string { return c.CompanyID }

func (c APIKeyCredentials) principal() string {
	return "apikey\x00" + c.ClientID + "\x00" + c.CompanyID
}

func (c APIKeyCredentials) check(v *validate.Checker) {
	v.NotEmpty("APIKeyCredentials.ClientID", c.ClientID).
		NotEmpty("APIKeyCredentials.Secret", c.Secret).
		NotEmpty("APIKeyCredentials.CompanyID", c.CompanyID)
}

// PasswordCredentials log in as an alfaview user. CompanyID is optional;
// set it when the user belongs to several companies. Printing them (fmt,
// slog) never shows Password.
type PasswordCredentials struct {
	Username, Password, CompanyID string
}

// String shows Username and CompanyID and hides Password.
func (c PasswordCredentials) String() string {
	return fmt.Sprintf("alfaview.PasswordCredentials{Username:%q, Password:%s, CompanyID:%q}",
		c.Username, redact.String(c.Password), c.CompanyID)
}

// GoString is String, so %#v hides Password too.
func (c PasswordCredentials) GoString() string { return c.String() }

// Format prints String for every verb, so no verb shows Password.
func (c PasswordCredentials) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, c.String()) }

// LogValue hides Password from slog.
func (c PasswordCredentials) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("username", c.Username),
		slog.Attr{Key: "password", Value: redact.Value(c.Password)},
		slog.String("companyId", c.CompanyID))
}

// MarshalJSON writes the credentials with Password redacted, as
// APIKeyCredentials.MarshalJSON does Secret.
func (c PasswordCredentials) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Username  string `json:"username"`
		Password  string `json:"password"`
		CompanyID string `json:"companyId,omitempty"`
	}{c.Username, redact.String(c.Password), c.CompanyID})
}

func (c PasswordCredentials) authRequest(requestID string) authenticateRequest {
	return authenticateRequest{RequestID: requestID, UsernamePassword: &usernamePasswordCredentials{
		Username: c.Username, Password: c.Password, CompanyID: c.CompanyID}}
}

func (c PasswordCredentials) secrets() []string { return []string{c.Password} }

func (c PasswordCredentials) companyID() string { return c.CompanyID }

func (c PasswordCredentials) principal() string {
	return "user\x00" + c.Username + "\x00" + c.CompanyID
}

func (c PasswordCredentials) check(v *validate.Checker) {
	v.NotEmpty("PasswordCredentials.Username", c.Username).
		NotEmpty("PasswordCredentials.Password", c.Password)
}

// normalizeCredentials dereferences pointers, so a nil one is an error here
// rather than a panic on the first call, and checks the required fields.
func normalizeCredentials(creds Credentials) (Credentials, error) {
	v := validate.New(ErrInvalidParams, vendor, "NewClient")
	switch c := creds.(type) {
	case *APIKeyCredentials:
		creds = deref(c)
	case *PasswordCredentials:
		creds = deref(c)
	}
	if creds == nil {
		return nil, v.Check(false, "creds", "must not be nil").Err()
	}
	creds.check(v)
	return creds, v.Err()
}

func deref[T Credentials](p *T) Credentials {
	if p == nil {
		return nil
	}
	return *p
}

// The authenticate bodies, exactly as alfaview documents them: requestId at
// the top level (there is no accessInfo yet) and one credentials object.
type authenticateRequest struct {
	RequestID         string                        `json:"requestId"`
	AuthorizationCode *authorizationCodeCredentials `json:"authorizationCodeCredentials,omitempty"`
	UsernamePassword  *usernamePasswordCredentials  `json:"usernamePasswordCredentials,omitempty"`
	RefreshToken      *refreshTokenCredentials      `json:"refreshTokenCredentials,omitempty"`
}

type authorizationCodeCredentials struct {
	ClientID  string `json:"clientId"`
	Code      string `json:"code"`
	CompanyID string `json:"companyId"`
}

type usernamePasswordCredentials struct {
	Username  string `json:"username"`
	Password  string `json:"password"`
	CompanyID string `json:"companyId,omitempty"`
}

// refreshTokenCredentials carry the refresh token in RefreshToken when the
// authenticate reply had one in its body (the official model,
// AuthenticationRefreshTokenCredentials in alfaview-php-sdk v2.4.4, has the
// field), and otherwise only in the "auth" cookie, as alfaview's usage
// example "Subsequent authentication with Refresh Token" shows.
type refreshTokenCredentials struct {
	RefreshToken string `json:"refreshToken,omitempty"`
	CompanyID    string `json:"companyId"`
}

type authenticateReply struct {
	AccessToken  string    `json:"accessToken"`
	ExpiresAt    expiresAt `json:"expiresAt"`
	RefreshToken string    `json:"refreshToken"`
	CompanyID    string    `json:"companyId"`
}

// refreshCookie is the name of the cookie alfaview's authenticate reply
// sets to the refresh token, and expects back with refreshTokenCredentials.
const refreshCookie = "auth"

// refreshToken is what the last authenticate replies gave for refreshing:
// the reply body's refreshToken and the "auth" cookie, either or both.
type refreshToken struct {
	body          string
	cookie        string
	cookieExpires time.Time // zero: no expiry given
}

// authenticator fetches access tokens for the token cache. The cache runs
// one fetch at a time; mu guards the refresh state anyway, so that its
// safety does not rest on how the cache schedules fetches.
type authenticator struct {
	tc    *transport.Client
	creds Credentials
	now   func() time.Time

	mu      sync.Mutex
	refresh refreshToken
	company string // from the last reply, for refreshing PasswordCredentials without CompanyID
}

// cache returns the access token cache, shared through the WithTokenStore
// store if there is one. The refresh token (body or cookie) stays with this
// authenticator: only the access token is shared.
func (a *authenticator) cache(cfg config) *auth.Cache {
	return auth.NewCacheFrom(auth.CacheConfig{
		Fetch:    func(ctx context.Context, _ auth.Token) (auth.Token, error) { return a.fetch(ctx) },
		Margin:   auth.DefaultMargin,
		Now:      cfg.now,
		Store:    cfg.tokenStore,
		Identity: vendor + "\x00" + a.creds.principal(),
	})
}

// fetch authenticates: with the refresh token when a previous reply gave
// one, else (or when alfaview refuses the refresh) with the credentials.
func (a *authenticator) fetch(ctx context.Context) (auth.Token, error) {
	tok, tried, err := a.refreshSession(ctx)
	var e *Error
	if tried && (err == nil || !errors.As(err, &e)) {
		return tok, err
	}
	// No refresh token, or alfaview refused it (expired, revoked): the
	// credentials still work.
	return a.authenticate(ctx, a.creds.authRequest(newRequestID()), nil, a.creds.secrets())
}

// refreshSession authenticates with the refresh token, in the body and the
// cookie as the replies gave it; tried is false when there is none. A
// refresh token alfaview refuses is forgotten.
func (a *authenticator) refreshSession(ctx context.Context) (tok auth.Token, tried bool, err error) {
	rt, company := a.refreshState()
	if rt.body == "" && rt.cookie == "" {
		return auth.Token{}, false, nil
	}
	req := authenticateRequest{RequestID: newRequestID(),
		RefreshToken: &refreshTokenCredentials{RefreshToken: rt.body, CompanyID: company}}
	var header http.Header
	if rt.cookie != "" {
		header = http.Header{"Cookie": {(&http.Cookie{Name: refreshCookie, Value: rt.cookie}).String()}}
	}
	tok, err = a.authenticate(ctx, req, header, []string{rt.body, rt.cookie})
	var e *Error
	if errors.As(err, &e) {
		a.dropRefresh(rt)
	}
	return tok, true, err
}

// refreshState returns the refresh token to use, without a cookie that
// has expired, and the company to refresh it for.
func (a *authenticator) refreshState() (rt refreshToken, company string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	rt = a.refresh
	if !rt.cookieExpires.IsZero() && !a.now().Before(rt.cookieExpires) {
		if rt.body == rt.cookie {
			// The same token in both places: the cookie's expiry is its own.
			rt.body = ""
		}
		rt.cookie, rt.cookieExpires = "", time.Time{}
	}
	company = a.creds.companyID()
	if company == "" {
		company = a.company
	}
	return rt, company
}

// dropRefresh forgets the refresh token alfaview refused, unless a newer
// one replaced it meanwhile.
func (a *authenticator) dropRefresh(used refreshToken) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.refresh.body == used.body {
		a.refresh.body = ""
	}
	if used.cookie != "" && a.refresh.cookie == used.cookie {
		a.refresh.cookie, a.refresh.cookieExpires = "", time.Time{}
	}
}

// authenticate sends one authenticate request; secrets are the
// credentials it carries, masked in any echo of it.
func (a *authenticator) authenticate(ctx context.Context, body authenticateRequest, header http.Header, secrets []string) (auth.Token, error) {
	var reply authenticateReply
	resp, err := a.tc.Do(ctx, &transport.Request{
		Op:      &opAuthenticate,
		Path:    []string{"authenticationService", "authenticate"},
		Body:    body,
		Header:  header,
		NoAuth:  true,
		Secrets: secrets,
	}, &reply)
	if err != nil {
		var e *Error
		if errors.As(err, &e) && e.RequestID == "" {
			e.RequestID = body.RequestID
		}
		return auth.Token{}, err
	}
	if reply.AccessToken == "" {
		return auth.Token{}, &transport.RequestError{Vendor: vendor, Op: resp.Op, Method: resp.Method, Path: resp.Path,
			Attempts: resp.Attempts, StatusCode: resp.StatusCode,
			Err: fmt.Errorf("%w: authenticate reply has no accessToken", transport.ErrMalformedResponse)}
	}
	a.keepRefresh(resp.Header, &reply)
	expiry := reply.ExpiresAt.Time
	if !expiry.After(a.now()) {
		// An expiry that is not ahead (the unit is inferred, and clocks
		// drift) would make every call authenticate again: use the token
		// until alfaview rejects it instead.
		expiry = time.Time{}
	}
	return auth.Token{Value: reply.AccessToken, Expiry: expiry}, nil
}

// keepRefresh remembers the refresh token of an authenticate reply: its
// body's refreshToken and its auth cookie. A reply without one leaves the
// previous one in place; a Set-Cookie that deletes the cookie (Max-Age < 0
// or an empty value) drops it.
func (a *authenticator) keepRefresh(h http.Header, reply *authenticateReply) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if reply.CompanyID != "" {
		a.company = reply.CompanyID
	}
	if reply.RefreshToken != "" {
		a.refresh.body = reply.RefreshToken
	}
	for _, line := range h.Values("Set-Cookie") {
		c, err := http.ParseSetCookie(line)
		if err != nil || c.Name != refreshCookie {
			continue
		}
		switch {
		case c.MaxAge < 0 || c.Value == "":
			a.refresh.cookie, a.refresh.cookieExpires = "", time.Time{}
		case c.MaxAge > 0:
			a.refresh.cookie, a.refresh.cookieExpires = c.Value, a.now().Add(time.Duration(c.MaxAge)*time.Second)
		default:
			a.refresh.cookie, a.refresh.cookieExpires = c.Value, c.Expires
		}
	}
}

// accessInfo is the object every authenticated request carries. Only the
// two fields alfaview's examples send are set; includeMetadata and
// returnObjectIdsOnly keep their default (false) by being left out.
type accessInfo struct {
	RequestID   string `json:"requestId"`
	AccessToken string `json:"accessToken"`
}

var errBodyNotObject = errors.New("request body is not a JSON object")

// attachAccessInfo puts "accessInfo" first into the encoded request object.
// Splicing the encoded bytes, rather than giving every request type an
// accessInfo field, keeps the token out of the request types and lets the
// replay after re-authentication reuse the encoded body with a new token.
// It builds a new slice: o.Body is shared by every round of the call.
func attachAccessInfo(ctx context.Context, o *transport.Outgoing, t auth.Token) error {
	id, ok := requestIDFrom(ctx)
	if !ok {
		id = newRequestID()
	}
	info, err := json.Marshal(accessInfo{RequestID: id, AccessToken: t.Value})
	if err != nil {
		return err
	}
	rest := []byte("}")
	if len(o.Body) > 0 {
		body := bytes.TrimSpace(o.Body)
		if len(body) < 2 || body[0] != '{' || body[len(body)-1] != '}' {
			return errBodyNotObject
		}
		rest = bytes.TrimLeft(body[1:], " \t\r\n")
	}
	out := make([]byte, 0, len(`{"accessInfo":,`)+len(info)+len(rest))
	out = append(out, `{"accessInfo":`...)
	out = append(out, info...)
	if rest[0] != '}' {
		out = append(out, ',')
	}
	o.Body = append(out, rest...)
	return nil
}
