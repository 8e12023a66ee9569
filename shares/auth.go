package shares

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"github.com/grantkit/grantkit-go/internal/redact"
)

// Auth is how a Client authenticates: a BearerToken or an *OAuth2. The
// interface is sealed, so NewClient knows every kind it can be given.
type Auth interface {
	isAuth()
}

// BearerToken is an access token or API key, sent as
// "Authorization: Bearer <token>" (the API accepts both the same way). It
// prints as [REDACTED] with every fmt verb and in slog records.
type BearerToken string

func (BearerToken) isAuth() {}

// String returns [REDACTED], or "" for an empty token.
func (t BearerToken) String() string { return redact.String(string(t)) }

// GoString returns shares.BearerToken("[REDACTED]").
func (t BearerToken) GoString() string { return redact.GoString("shares.BearerToken", string(t)) }

// LogValue keeps the token out of slog records.
func (t BearerToken) LogValue() slog.Value { return redact.Value(string(t)) }

// Format prints String (GoString for %#v) whatever the verb: for verbs a
// Stringer does not serve, such as %d, fmt would print the token itself.
func (t BearerToken) Format(f fmt.State, verb rune) { redact.Format(f, verb, t.String(), t.GoString()) }

// OAuth2 authenticates with an OAuth2 refresh token: the Client exchanges it
// at POST /v2/oauth/token for an access token, caches that until shortly
// before it expires, and refreshes again when it does or when the API
// answers 401.
//
// Bold rotates refresh tokens: every refresh consumes RefreshToken and
// returns a new one, and only the newest is accepted. The Client keeps the
// newest in memory; OnRefresh is how it reaches your storage, so that the
// next run of your program starts from a token that still works: pass the
// last pair OnRefresh saw as Token, and the Client uses its access token
// while it is valid instead of spending the refresh token at once. Several
// Clients with the same grant (replicas of a service) must share one
// TokenStore (WithTokenStore): each refresh spends the token the others
// hold. NewClient copies the struct: the Client never writes to it, and
// later changes to it have no effect.
//
// A refresh is not retried once its request may have reached the server
// (only after a failed dial or a 429): the server spends the refresh token
// on receipt, so a replay could only be refused, and the new token in a
// lost answer cannot be recovered. If that happens the call fails with the
// connection error of the "oauth.token" operation (which does not say
// whether the server spent the token), and if it did, the next refresh
// fails with ErrInvalidGrant until the account is authorized again. For the
// same reason a refresh, once started, runs to its end (up to a minute)
// even if the caller's context ends first.
//
// OAuth2 prints with its secrets redacted.
type OAuth2 struct {
	// ClientID and ClientSecret identify your application to Bold.
	ClientID     string
	ClientSecret string
	// RefreshToken is the newest refresh token you hold for the account.
	// It may be empty when Token is set.
	RefreshToken string
	// Token, if set, is the pair an earlier run saved from OnRefresh. The
	// Client sends its AccessToken until shortly before its Expiry (a zero
	// Expiry: until the API answers 401) without a refresh, then refreshes
	// with its RefreshToken. If RefreshToken is set too, it must be the
	// same. With a TokenStore that already holds the session, the refresh
	// spends the stored refresh token, the newest, instead.
	Token *Token
	// OnRefresh, if set, is called exactly once per successful refresh,
	// before the new access token is used, with the new token pair. It
	// should persist t.RefreshToken; calls never overlap.
	//
	// If it returns an error, the calls waiting for the token fail with
	// that error and the access token is dropped. The old refresh token is
	// already spent on the server, so the Client keeps the new one in
	// memory and the next call refreshes with it, calling OnRefresh again
	// with a newer pair: storage that recovers catches up. If the program
	// ends before an OnRefresh succeeds, the stored refresh token is spent
	// and the account must be authorized again.
	//
	// ctx carries the values of the call that triggered the refresh but is
	// not cancelled with it, so that a caller giving up cannot lose the
	// only valid refresh token half-way.
	OnRefresh func(ctx context.Context, t Token) error
}

func (*OAuth2) isAuth() {}

// String shows ClientID and redacts the secrets.
func (o OAuth2) String() string {
	return fmt.Sprintf("shares.OAuth2{ClientID:%q, ClientSecret:%s, RefreshToken:%s, OnRefresh:%s}",
		o.ClientID, redact.String(o.ClientSecret), redact.String(o.RefreshToken), setOrNil(o.OnRefresh != nil))
}

// GoString is String: the %#v form must not show the secrets either.
func (o OAuth2) GoString() string { return o.String() }

// Format prints String whatever the verb: for verbs a Stringer does not
// serve, such as %d, fmt would print the fields, secrets included.
func (o OAuth2) Format(f fmt.State, verb rune) { redact.Format(f, verb, o.String(), o.GoString()) }

// LogValue keeps the secrets out of slog records.
func (o OAuth2) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("client_id", o.ClientID),
		slog.Attr{Key: "client_secret", Value: redact.Value(o.ClientSecret)},
		slog.Attr{Key: "refresh_token", Value: redact.Value(o.RefreshToken)},
	)
}

func setOrNil(set bool) string {
	if set {
		return "set"
	}
	return "nil"
}

// Token is what a refresh returned: the access token the Client now sends,
// and the refresh token that replaced the one it spent. It prints with both
// tokens redacted, but it is meant to be stored (OnRefresh, OAuth2.Token):
// json.Marshal writes both tokens as they are.
type Token struct {
	AccessToken  string
	RefreshToken string
	// TokenType is the scheme the token endpoint named, "Bearer".
	TokenType string
	// Expiry is when the access token stops being accepted, computed from
	// the answer's expires_in (24 hours when the answer has none).
	Expiry time.Time
	// AccountID is the Bold account the tokens act for.
	AccountID int64
}

// String shows the token's type, expiry and account, not its secrets.
func (t Token) String() string {
	return fmt.Sprintf("shares.Token{AccessToken:%s, RefreshToken:%s, TokenType:%q, Expiry:%s, AccountID:%s}",
		redact.String(t.AccessToken), redact.String(t.RefreshToken), t.TokenType,
		t.Expiry.Format(time.RFC3339), strconv.FormatInt(t.AccountID, 10))
}

// GoString is String: the %#v form must not show the secrets either.
func (t Token) GoString() string { return t.String() }

// Format prints String whatever the verb: for verbs a Stringer does not
// serve, such as %d, fmt would print the fields, tokens included.
func (t Token) Format(f fmt.State, verb rune) { redact.Format(f, verb, t.String(), t.GoString()) }

// LogValue keeps the secrets out of slog records.
func (t Token) LogValue() slog.Value {
	return slog.GroupValue(
		slog.Attr{Key: "access_token", Value: redact.Value(t.AccessToken)},
		slog.Attr{Key: "refresh_token", Value: redact.Value(t.RefreshToken)},
		slog.String("token_type", t.TokenType),
		slog.Time("expiry", t.Expiry),
		slog.Int64("account_id", t.AccountID),
	)
}
