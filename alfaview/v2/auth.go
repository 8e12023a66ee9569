package alfaview

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/grantkit/grantkit-go/internal/auth"
	"github.com/grantkit/grantkit-go/internal/redact"
	"github.com/grantkit/grantkit-go/internal/transport"
	"github.com/grantkit/grantkit-go/internal/validate"
)

// Credentials authenticate a Client: APIKeyCredentials, PasswordCredentials
// or AccessToken (values or pointers). Other types cannot implement it.
type Credentials interface {
	fmt.Stringer
	check(v *validate.Checker)
}

// loginCredentials are the Credentials that log in for a token.
type loginCredentials interface {
	Credentials
	login() *transport.Request
	// principal names the credentials without their secret, for the
	// token store.
	principal() string
}

// APIKeyCredentials are an alfaview API key (POST /v2/auth/api-key, model
// APICredentials): ClientID is the key's alias, Key the key itself,
// CompanyID the company it belongs to. All three are required. No printed
// or JSON form of them shows Key.
type APIKeyCredentials struct {
	ClientID, Key, CompanyID string
}

// String shows ClientID and CompanyID and hides Key.
func (c APIKeyCredentials) String() string {
	return fmt.Sprintf("alfaview.APIKeyCredentials{ClientID:%q, Key:%s, CompanyID:%q}",
		c.ClientID, redact.String(c.Key), c.CompanyID)
}

// GoString is String, so %#v hides Key too.
func (c APIKeyCredentials) GoString() string { return c.String() }

// Format prints String for every verb: verbs a Stringer does not serve
// (%d, %t …) would otherwise print the fields, Key included.
func (c APIKeyCredentials) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, c.String()) }

// LogValue hides Key from slog.
func (c APIKeyCredentials) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("clientId", c.ClientID),
		slog.Attr{Key: "key", Value: redact.Value(c.Key)},
		slog.String("companyId", c.CompanyID))
}

// MarshalJSON writes the credentials with Key masked, so that a struct
// holding them can be logged as JSON; they are not meant to be stored.
func (c APIKeyCredentials) MarshalJSON() ([]byte, error) {
	return json.Marshal(apiKeyBody{ClientID: c.ClientID, Key: redact.String(c.Key), CompanyID: c.CompanyID})
}

// apiKeyBody is the model APICredentials.
type apiKeyBody struct {
	ClientID  string `json:"clientId"`
	CompanyID string `json:"companyId"`
	Key       string `json:"key"`
}

func (c APIKeyCredentials) login() *transport.Request {
	return &transport.Request{Op: opLoginAPIKey, Path: []string{"v2", "auth", "api-key"}, NoAuth: true,
		Body: apiKeyBody{ClientID: c.ClientID, Key: c.Key, CompanyID: c.CompanyID}, Secrets: []string{c.Key}}
}

func (c APIKeyCredentials) principal() string {
	return "apikey\x00" + c.ClientID + "\x00" + c.CompanyID
}

func (c APIKeyCredentials) check(v *validate.Checker) {
	v.NotEmpty("APIKeyCredentials.ClientID", c.ClientID).
		NotEmpty("APIKeyCredentials.Key", c.Key).
		NotEmpty("APIKeyCredentials.CompanyID", c.CompanyID)
}

// PasswordCredentials log in as an alfaview user (POST /v2/auth/password,
// model PasswordCredentials). Both fields are required. No printed or JSON
// form of them shows Password.
type PasswordCredentials struct {
	Username, Password string
}

// String shows Username and hides Password.
func (c PasswordCredentials) String() string {
	return fmt.Sprintf("alfaview.PasswordCredentials{Username:%q, Password:%s}", c.Username, redact.String(c.Password))
}

// GoString is String, so %#v hides Password too.
func (c PasswordCredentials) GoString() string { return c.String() }

// Format prints String for every verb, so no verb shows Password.
func (c PasswordCredentials) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, c.String()) }

// LogValue hides Password from slog.
func (c PasswordCredentials) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("username", c.Username),
		slog.Attr{Key: "password", Value: redact.Value(c.Password)})
}

// MarshalJSON writes the credentials with Password masked.
func (c PasswordCredentials) MarshalJSON() ([]byte, error) {
	return json.Marshal(passwordBody{Username: c.Username, Password: redact.String(c.Password)})
}

// passwordBody is the model PasswordCredentials.
type passwordBody struct {
	Password string `json:"password"`
	Username string `json:"username"`
}

func (c PasswordCredentials) login() *transport.Request {
	return &transport.Request{Op: opLoginPassword, Path: []string{"v2", "auth", "password"}, NoAuth: true,
		Body: passwordBody{Username: c.Username, Password: c.Password}, Secrets: []string{c.Password}}
}

func (c PasswordCredentials) principal() string { return "user\x00" + c.Username }

func (c PasswordCredentials) check(v *validate.Checker) {
	v.NotEmpty("PasswordCredentials.Username", c.Username).
		NotEmpty("PasswordCredentials.Password", c.Password)
}

// AccessToken is a token obtained elsewhere: from another process's login,
// or a guest's from Auth.AuthenticateGroupLink. A Client built with one
// sends it as it is and never renews it; once alfaview rejects it, calls
// fail with ErrUnauthorized. No printed or JSON form of it shows the token;
// string(t) does.
type AccessToken string

// String returns "[REDACTED]", or "" for an empty token.
func (t AccessToken) String() string { return redact.String(string(t)) }

// GoString hides the token from %#v.
func (t AccessToken) GoString() string { return redact.GoString("alfaview.AccessToken", string(t)) }

// Format prints String for every verb, so %x or %q cannot show the token.
func (t AccessToken) Format(f fmt.State, verb rune) {
	redact.Format(f, verb, t.String(), t.GoString())
}

// LogValue hides the token from slog.
func (t AccessToken) LogValue() slog.Value { return redact.Value(string(t)) }

// MarshalJSON writes the token masked; marshal string(t) to send it on.
func (t AccessToken) MarshalJSON() ([]byte, error) { return json.Marshal(t.String()) }

func (t AccessToken) check(v *validate.Checker) { v.NotEmpty("AccessToken", string(t)) }

// normalizeCredentials dereferences pointers, so a nil one is an error here
// rather than a panic on the first call, and checks the required fields.
func normalizeCredentials(creds Credentials) (Credentials, error) {
	v := validate.New(ErrInvalidParams, vendor, "NewClient")
	switch c := creds.(type) {
	case *APIKeyCredentials:
		creds = deref(c)
	case *PasswordCredentials:
		creds = deref(c)
	case *AccessToken:
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

// tokenLifetime is how long an access token is accepted: "Access tokens
// are valid for 1 hour" (the API description in the official SDK's
// lib/Configuration.php). The login answer (model AccessToken) carries no
// expiry, so the Client counts the hour from before it sent the login and
// logs in again auth.DefaultMargin before it ends.
const tokenLifetime = time.Hour

var (
	// Logins and guest authentications change nothing on the server:
	// replaying one is safe.
	opLoginAPIKey   = &transport.Operation{Name: "auth.apiKey", Method: http.MethodPost, Idempotent: true}
	opLoginPassword = &transport.Operation{Name: "auth.password", Method: http.MethodPost, Idempotent: true}
)

// credentialAuth returns what attaches creds to requests, and for login
// credentials the authenticator whose engine NewClient fills in. It is the
// one place a token cache is built: the WithTokenStore store, if any, holds
// its token.
func credentialAuth(creds Credentials, cfg config) (transport.Auth, *authenticator, error) {
	lc, ok := creds.(loginCredentials)
	if !ok {
		if cfg.tokenStore != nil {
			return nil, nil, validate.New(ErrInvalidParams, vendor, "NewClient").Check(false, "WithTokenStore",
				"needs APIKeyCredentials or PasswordCredentials: an AccessToken is never renewed, so it has no session to share").Err()
		}
		// "It needs to be used as the value in the Authorization header":
		// no scheme word (the official SDK's API description, and its
		// client sends the header as given).
		return auth.Header("Authorization", string(creds.(AccessToken))), nil, nil
	}
	a := &authenticator{creds: lc, now: cfg.now}
	cache := auth.NewCacheFrom(auth.CacheConfig{
		Fetch:  func(ctx context.Context, _ auth.Token) (auth.Token, error) { return a.fetch(ctx) },
		Margin: auth.DefaultMargin,
		Now:    cfg.now,
		Store:  cfg.tokenStore,
		// Not vendor alone: a JSON v1 token in a store shared by mistake
		// must not be taken for a v2 one.
		Identity: vendor + "/v2\x00" + lc.principal(),
	})
	return &auth.Session{Cache: cache, Attach: attachToken, IsExpired: tokenRejected}, a, nil
}

// authenticator logs in for the token cache.
type authenticator struct {
	tc    *transport.Client
	creds loginCredentials
	now   func() time.Time
}

func (a *authenticator) fetch(ctx context.Context) (auth.Token, error) {
	sent := a.now()
	var reply struct {
		AccessToken string `json:"accessToken"`
	}
	resp, err := a.tc.Do(ctx, a.creds.login(), &reply)
	if err != nil {
		return auth.Token{}, err
	}
	if reply.AccessToken == "" {
		return auth.Token{}, &transport.RequestError{Vendor: vendor, Op: resp.Op, Method: resp.Method, Path: resp.Path,
			Attempts: resp.Attempts, StatusCode: resp.StatusCode,
			Err: fmt.Errorf("%w: login answer has no accessToken", transport.ErrMalformedResponse)}
	}
	return auth.Token{Value: reply.AccessToken, Expiry: sent.Add(tokenLifetime)}, nil
}

func attachToken(_ context.Context, o *transport.Outgoing, t auth.Token) error {
	o.Header.Set("Authorization", t.Value)
	return nil
}

// tokenRejected reports whether err is alfaview refusing the token (401),
// so that logging in again and replaying once can succeed; the refused
// call was not acted on, so the replay is safe even for creates.
func tokenRejected(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.StatusCode == http.StatusUnauthorized
}
