package voltmx

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"

	"github.com/grantkit/grantkit-go/internal/auth"
	"github.com/grantkit/grantkit-go/internal/redact"
	"github.com/grantkit/grantkit-go/internal/transport"
)

// Auth is how a Client proves who it is: BasicAuth, ClaimsLogin or OAuthPair,
// the three mechanisms the Engagement Services API guide documents. The set
// is closed; values and pointers of the three types are accepted.
type Auth interface {
	build(b *builder) (transport.Auth, error)
}

// builder is what an Auth needs from NewClient to turn into the engine's
// transport.Auth.
type builder struct {
	// client is the Client being built; its transport exists by the time
	// any request, and so any token fetch, runs.
	client   *Client
	cfg      *config
	settings transport.Settings
}

// cache returns the token cache of a session credential, shared through
// the WithTokenStore store if there is one. identity names the credentials
// (never the password) for the store's check.
func (b *builder) cache(fetch func(context.Context) (auth.Token, error), identity string) *auth.Cache {
	return auth.NewCacheFrom(auth.CacheConfig{
		Fetch:    func(ctx context.Context, _ auth.Token) (auth.Token, error) { return fetch(ctx) },
		Now:      b.cfg.now,
		Store:    b.cfg.tokenStore,
		Identity: vendor + "\x00" + identity,
	})
}

// sealed dereferences pointer credentials and rejects missing ones, so a nil
// pointer is an error at NewClient rather than a panic later.
func sealed(a Auth) (Auth, error) {
	missing := errors.New("voltmx: auth is required: pass a BasicAuth, ClaimsLogin or OAuthPair")
	switch v := a.(type) {
	case nil:
		return nil, missing
	case *BasicAuth:
		if v == nil {
			return nil, missing
		}
		return *v, nil
	case *ClaimsLogin:
		if v == nil {
			return nil, missing
		}
		return *v, nil
	case *OAuthPair:
		if v == nil {
			return nil, missing
		}
		return *v, nil
	}
	return a, nil
}

var (
	opLogin = &transport.Operation{Name: "auth.login", Method: http.MethodPost,
		// A replayed login opens at most one more session: harmless, and
		// it lets a 502 from the identity proxy be retried.
		Idempotent: true}
	opAccessToken = &transport.Operation{Name: "auth.accesstoken", Method: http.MethodGet, Idempotent: true}
)

// accessTokenPath is the OAuth pair endpoint. The guide writes it as
// "<base>/api/v1/oauth/accesstoken", the same form as the access-management
// pages ("/api/v1/accessmgmt/..."), which live under the context path; so it
// is taken to live there too.
var accessTokenPath = []string{"api", "v1", "oauth", "accesstoken"}

// BasicAuth authenticates every request with an Engagement Services user's
// name and password (HTTP Basic), the guide's "database authentication" for
// on-premises servers.
type BasicAuth struct {
	Username, Password string
}

func (a BasicAuth) build(b *builder) (transport.Auth, error) {
	if err := checkUserPassword("BasicAuth", "Username", a.Username, a.Password); err != nil {
		return nil, err
	}
	if b.cfg.tokenStore != nil {
		return nil, errors.New("voltmx: WithTokenStore needs a ClaimsLogin or OAuthPair: BasicAuth has no session to share")
	}
	return auth.Basic(a.Username, a.Password), nil
}

// String shows the username and hides the password.
func (a BasicAuth) String() string {
	return fmt.Sprintf("voltmx.BasicAuth{Username:%q, Password:%s}", a.Username, secret(a.Password))
}

// GoString is String, so %#v hides the password too.
func (a BasicAuth) GoString() string { return a.String() }

// Format prints String whatever the verb: for verbs a Stringer does not
// serve, such as %d, fmt would print the fields, password included.
func (a BasicAuth) Format(f fmt.State, verb rune) { redact.Format(f, verb, a.String(), a.GoString()) }

// LogValue hides the password from slog.
func (a BasicAuth) LogValue() slog.Value {
	return slog.GroupValue(slog.String("username", a.Username), slog.Attr{Key: "password", Value: redact.Value(a.Password)})
}

// ClaimsLogin logs in at a Volt MX Foundry identity service and sends the
// claims token it returns in the X-VoltMX-Authorization header (see
// WithAuthHeaderName). The token is kept until shortly before it expires,
// fetched by one caller at a time, and fetched again once when the server
// answers 401.
type ClaimsLogin struct {
	// LoginURL is the identity service's login endpoint, usually on another
	// host than the API: "https://<auth host>/authService/accounts/login"
	// on premises, "https://accounts.auth.voltmxcloud.com/login" in the
	// cloud. Only the login request goes there; API credentials never do.
	LoginURL string
	UserID   string
	Password string
	// Provider names the identity provider; empty means the service's default.
	Provider string
	// Domain is the login's optional domain (the Authentication page's
	// "domain"); empty sends none.
	Domain string
}

func (a ClaimsLogin) build(b *builder) (transport.Auth, error) {
	if err := checkUserPassword("ClaimsLogin", "UserID", a.UserID, a.Password); err != nil {
		return nil, err
	}
	if u, err := url.Parse(a.LoginURL); err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return nil, fmt.Errorf("voltmx: ClaimsLogin.LoginURL %s must be an absolute http or https URL", redact.URL(a.LoginURL))
	}
	header := b.cfg.authHeader
	if !isToken(header) {
		return nil, fmt.Errorf("voltmx: auth header name %q is not a valid HTTP header name", header)
	}
	body, err := json.Marshal(loginRequest{UserID: a.UserID, Password: a.Password, Provider: a.Provider, Domain: a.Domain})
	if err != nil {
		return nil, fmt.Errorf("voltmx: encode login: %w", err)
	}
	// The shared settings are checked on their own first (without
	// credentials, so the plain-http rule waits for the API's transport):
	// an error of the login's transport below is then the login URL's, and
	// a bad option is not blamed on it.
	if _, err := transport.New(transport.Config{Vendor: vendor, Settings: b.settings}); err != nil {
		return nil, err
	}
	// The login goes through a transport of its own, with the same
	// settings, whose only credential is the login body: the engine then
	// applies the plain-http rule to the login URL as well, and the API's
	// credentials never reach the identity host.
	ls := b.settings
	ls.BaseURL = a.LoginURL
	login, err := transport.New(transport.Config{
		Vendor:            vendor,
		Settings:          ls,
		Auth:              loginBody(body),
		CheckResponse:     checkResponse,
		JSONContentType:   jsonContentType,
		AllowInsecureHTTP: b.cfg.insecureHTTP,
	})
	if err != nil {
		return nil, fmt.Errorf("%w (ClaimsLogin.LoginURL)", err)
	}
	loginURL, password := a.LoginURL, a.Password
	fetch := func(ctx context.Context) (auth.Token, error) {
		var out loginResponse
		if _, err := login.Do(ctx, &transport.Request{Op: opLogin, URL: loginURL, Secrets: []string{password}}, &out); err != nil {
			return auth.Token{}, err
		}
		if out.ClaimsToken.Value == "" {
			return auth.Token{}, fmt.Errorf("voltmx: auth.login: %w: no claims_token.value", transport.ErrMalformedResponse)
		}
		return auth.Token{Value: out.ClaimsToken.Value, Expiry: epoch(int64(out.ClaimsToken.Exp))}, nil
	}
	return &auth.Session{
		Cache: b.cache(fetch, "claims\x00"+redact.URL(a.LoginURL)+"\x00"+a.UserID+"\x00"+a.Provider),
		Attach: func(_ context.Context, o *transport.Outgoing, t auth.Token) error {
			o.Header.Set(header, t.Value)
			return nil
		},
		IsExpired: isUnauthorized,
	}, nil
}

// String shows the login URL (without any userinfo password), user,
// provider and domain, and hides the password.
func (a ClaimsLogin) String() string {
	return fmt.Sprintf("voltmx.ClaimsLogin{LoginURL:%s, UserID:%q, Password:%s, Provider:%q, Domain:%q}",
		redact.URL(a.LoginURL), a.UserID, secret(a.Password), a.Provider, a.Domain)
}

// GoString is String, so %#v hides the password too.
func (a ClaimsLogin) GoString() string { return a.String() }

// Format prints String whatever the verb: for verbs a Stringer does not
// serve, such as %d, fmt would print the fields, password included.
func (a ClaimsLogin) Format(f fmt.State, verb rune) { redact.Format(f, verb, a.String(), a.GoString()) }

// LogValue hides the password from slog.
func (a ClaimsLogin) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("login_url", strings.Trim(redact.URL(a.LoginURL), `"`)),
		slog.String("user_id", a.UserID),
		slog.Attr{Key: "password", Value: redact.Value(a.Password)},
		slog.String("provider", a.Provider),
		slog.String("domain", a.Domain),
	)
}

// OAuthPair trades an Engagement Services user's name and password (HTTP
// Basic, once) for an access token and secret at
// <base><context path>/api/v1/oauth/accesstoken, then sends them in the
// AccessToken and AccessSecret headers. The pair is kept until the server
// answers 401, then fetched again once.
type OAuthPair struct {
	Username, Password string
}

func (a OAuthPair) build(b *builder) (transport.Auth, error) {
	if err := checkUserPassword("OAuthPair", "Username", a.Username, a.Password); err != nil {
		return nil, err
	}
	basic := auth.Basic(a.Username, a.Password)
	// The token request carries the Basic pair itself (NoAuth): it lists
	// the values an echo of it would quote.
	secrets := basic.(transport.SecretHolder).Secrets()
	c := b.client
	fetch := func(ctx context.Context) (auth.Token, error) {
		h := http.Header{}
		if err := basic.Apply(ctx, &transport.Outgoing{Header: h}); err != nil {
			return auth.Token{}, err
		}
		var out struct {
			AccessToken  string `json:"AccessToken"`
			AccessSecret string `json:"AccessSecret"`
		}
		req := &transport.Request{Op: opAccessToken, Path: accessTokenPath, Header: h, NoAuth: true, Secrets: secrets}
		if _, err := c.tc.Do(ctx, req, &out); err != nil {
			return auth.Token{}, err
		}
		if out.AccessToken == "" || out.AccessSecret == "" {
			return auth.Token{}, fmt.Errorf("voltmx: auth.accesstoken: %w: no AccessToken or AccessSecret", transport.ErrMalformedResponse)
		}
		// The server says nothing about the pair's lifetime: it is used
		// until a 401 says it is stale.
		return auth.Token{Value: out.AccessToken, Extra: out.AccessSecret}, nil
	}
	return &auth.Session{
		Cache: b.cache(fetch, "oauth\x00"+a.Username),
		Attach: func(_ context.Context, o *transport.Outgoing, t auth.Token) error {
			o.Header.Set("AccessToken", t.Value)
			o.Header.Set("AccessSecret", t.Extra)
			o.Secrets = append(o.Secrets, t.Extra)
			return nil
		},
		IsExpired: isUnauthorized,
	}, nil
}

// String shows the username and hides the password.
func (a OAuthPair) String() string {
	return fmt.Sprintf("voltmx.OAuthPair{Username:%q, Password:%s}", a.Username, secret(a.Password))
}

// GoString is String, so %#v hides the password too.
func (a OAuthPair) GoString() string { return a.String() }

// Format prints String whatever the verb: for verbs a Stringer does not
// serve, such as %d, fmt would print the fields, password included.
func (a OAuthPair) Format(f fmt.State, verb rune) { redact.Format(f, verb, a.String(), a.GoString()) }

// LogValue hides the password from slog.
func (a OAuthPair) LogValue() slog.Value {
	return slog.GroupValue(slog.String("username", a.Username), slog.Attr{Key: "password", Value: redact.Value(a.Password)})
}

// loginRequest is the login body of the guide's Authentication page:
// {"userid","password","provider","domain"}, of which "provider and domain
// are optional"
// (https://opensource.hcltechsw.com/volt-mx-docs/docs/documentation/Foundry/engagement_api_guide/Content/APIs_for_VoltMX_Messaging_Services/Authentication_API.html).
type loginRequest struct {
	UserID   string `json:"userid"`
	Password string `json:"password"`
	Provider string `json:"provider,omitempty"`
	Domain   string `json:"domain,omitempty"`
}

type loginResponse struct {
	ClaimsToken struct {
		Value string  `json:"value"`
		Exp   flexInt `json:"exp"`
	} `json:"claims_token"`
}

// loginBody is the login transport's credential: it puts the encoded login
// request in the body, so the password exists only inside the Auth.
type loginBody []byte

func (b loginBody) Apply(_ context.Context, o *transport.Outgoing) error {
	o.Body = b
	o.Header.Set("Content-Type", jsonContentType)
	return nil
}

func isUnauthorized(err error) bool { return errors.Is(err, ErrUnauthorized) }

func checkUserPassword(kind, userField, user, password string) error {
	switch {
	case strings.TrimSpace(user) == "":
		return fmt.Errorf("voltmx: %s.%s is required", kind, userField)
	case password == "":
		return fmt.Errorf("voltmx: %s.Password is required", kind)
	case kind != "ClaimsLogin" && strings.Contains(user, ":"):
		// HTTP Basic cannot carry a colon in the user name.
		return fmt.Errorf("voltmx: %s.%s must not contain ':'", kind, userField)
	}
	return nil
}

// secret is the printed form of a password: [REDACTED], or "" when unset so
// that a missing password still shows.
func secret(s string) string {
	if r := redact.String(s); r != "" {
		return r
	}
	return `""`
}

// isToken reports whether s is a valid HTTP header name (RFC 9110 token).
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		case strings.ContainsRune("!#$%&'*+-.^_`|~", r):
		default:
			return false
		}
	}
	return true
}
