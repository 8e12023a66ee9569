package shares

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/grantkit/grantkit-go/internal/auth"
	"github.com/grantkit/grantkit-go/internal/transport"
)

// opRefreshToken is not idempotent: the server spends the refresh token it
// is sent, so a replay after the first attempt reached it would be answered
// invalid_grant, and the rotated token in the lost answer would be gone for
// good. The engine therefore retries it only when the request provably
// never left (a failed dial) or the server said it did not act (429).
var opRefreshToken = transport.Operation{Name: "oauth.token", Method: http.MethodPost}

var tokenPath = []string{"v2", "oauth", "token"}

const (
	// refreshMargin is how long before expires_in runs out the access
	// token is replaced, so a request is not sent with a token that
	// expires on the way.
	refreshMargin = time.Minute
	// defaultTokenLife is the access token lifetime Bold documents, used
	// when an answer has no expires_in.
	defaultTokenLife = 24 * time.Hour
	// refreshTimeout bounds a refresh that no longer listens to its
	// caller's context; see refresher.fetch.
	refreshTimeout = time.Minute
)

// refresher runs the refresh-token flow behind an auth.Session. It holds
// no token: the newest refresh token travels with the cached token (its
// Extra), in memory and in the TokenStore, and reaches fetch as prev.
type refresher struct {
	clientID     string
	clientSecret string
	onRefresh    func(context.Context, Token) error
	// configured is the refresh token NewClient was given. A refresh falls
	// back to it when the stored one is refused: the account was
	// authorized again, and the store still holds the old, dead chain.
	configured string
	// tc is set once, right after the transport client it belongs to is
	// built, before any request can need a token.
	tc    *transport.Client
	cache *auth.Cache
}

// newRefresher checks o and returns the refresher for it, sharing its
// session through store (nil: memory only).
func newRefresher(o *OAuth2, store auth.TokenStore) (*refresher, error) {
	switch {
	case o == nil:
		return nil, errors.New("shares: nil *OAuth2")
	case o.ClientID == "":
		return nil, errors.New("shares: OAuth2.ClientID is empty")
	case o.ClientSecret == "":
		return nil, errors.New("shares: OAuth2.ClientSecret is empty")
	}
	initial := auth.Token{Extra: o.RefreshToken}
	if t := o.Token; t != nil {
		if err := checkSecret("OAuth2.Token.RefreshToken", t.RefreshToken); err != nil {
			return nil, err
		}
		if t.AccessToken != "" {
			if err := checkSecret("OAuth2.Token.AccessToken", t.AccessToken); err != nil {
				return nil, err
			}
		}
		if o.RefreshToken != "" && o.RefreshToken != t.RefreshToken {
			return nil, errors.New("shares: OAuth2.RefreshToken and OAuth2.Token.RefreshToken differ: set only the newest")
		}
		initial = auth.Token{Value: t.AccessToken, Expiry: t.Expiry, Extra: t.RefreshToken}
	} else if err := checkSecret("OAuth2.RefreshToken", o.RefreshToken); err != nil {
		return nil, err
	}
	r := &refresher{
		clientID:     o.ClientID,
		clientSecret: o.ClientSecret,
		onRefresh:    o.OnRefresh,
		configured:   initial.Extra,
	}
	r.cache = auth.NewCacheFrom(auth.CacheConfig{
		Fetch:   r.fetch,
		Margin:  refreshMargin,
		Initial: initial,
		Store:   store,
		// The grant cannot be named before the first refresh (its account
		// comes with the answer), so the store is checked against the
		// OAuth client only.
		Identity: vendor + "\x00" + o.ClientID,
		Rotating: true,
	})
	return r, nil
}

// session returns the Auth the transport client uses: the cached access
// token as a bearer token; a 401 discards it and the engine replays once.
func (r *refresher) session() *auth.Session {
	return &auth.Session{
		Cache: r.cache,
		Attach: func(_ context.Context, o *transport.Outgoing, t auth.Token) error {
			o.Header.Set("Authorization", "Bearer "+t.Value)
			return nil
		},
		IsExpired: func(err error) bool {
			var e *Error
			return errors.As(err, &e) && e.StatusCode == http.StatusUnauthorized
		},
	}
}

// fetch spends the newest refresh token (prev's) for a new pair. The cache
// runs it for one caller at a time, and with a TokenStore for one Client
// of all that share the store, so a refresh token is never sent twice.
func (r *refresher) fetch(ctx context.Context, prev auth.Token) (auth.Token, error) {
	if err := ctx.Err(); err != nil {
		return auth.Token{}, err
	}
	// From here on the server may spend the refresh token, and only its
	// answer holds the replacement: a caller that gives up must not
	// abandon the request or OnRefresh half-way.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), refreshTimeout)
	defer cancel()
	spend := cmp.Or(prev.Extra, r.configured)
	tok, err := r.refresh(ctx, spend)
	if errors.Is(err, ErrInvalidGrant) && spend != r.configured {
		tok, err = r.refresh(ctx, r.configured)
	}
	return tok, err
}

// refresh spends refreshToken at the token endpoint and hands the new pair
// to OnRefresh. When OnRefresh fails, the new refresh token is returned
// with the error, for the cache to keep: the old one is spent.
func (r *refresher) refresh(ctx context.Context, refreshToken string) (auth.Token, error) {
	form := url.Values{
		"grant_type":    {"refresh_token"},
		"refresh_token": {refreshToken},
		"client_id":     {r.clientID},
		"client_secret": {r.clientSecret},
	}
	var tr tokenResponse
	_, err := r.tc.Do(ctx, &transport.Request{Op: &opRefreshToken, Path: tokenPath, Form: form, NoAuth: true,
		Secrets: []string{refreshToken, r.clientSecret}}, &tr)
	if err != nil {
		return auth.Token{}, err
	}
	if tr.AccessToken == "" {
		return auth.Token{}, &transport.RequestError{Vendor: vendor, Op: opRefreshToken.Name, Method: opRefreshToken.Method,
			Path: "/" + strings.Join(tokenPath, "/"), Attempts: 1, StatusCode: http.StatusOK,
			Err: fmt.Errorf("%w: no access_token in the answer", transport.ErrMalformedResponse)}
	}
	life := tokenLife(int64(tr.ExpiresIn))
	t := Token{
		AccessToken: tr.AccessToken,
		// A server that does not rotate leaves the old token valid.
		RefreshToken: cmp.Or(tr.RefreshToken, refreshToken),
		TokenType:    cmp.Or(tr.TokenType, "Bearer"),
		Expiry:       time.Now().Add(life),
		AccountID:    int64(tr.AccountID),
	}
	if r.onRefresh != nil {
		if err := r.onRefresh(ctx, t); err != nil {
			return auth.Token{Extra: t.RefreshToken}, fmt.Errorf("shares: OnRefresh failed, the rotated refresh token may not be stored: %w", err)
		}
	}
	return auth.Token{Value: t.AccessToken, Expiry: t.Expiry, Extra: t.RefreshToken}, nil
}

// tokenLife is how long an access token of expires_in seconds lives: the
// documented default when the answer has none, and at most what a
// time.Duration holds, so that an absurd expires_in means "a very long
// time" rather than wrapping around into an expiry in the past (which
// would spend a refresh token on every call).
func tokenLife(expiresIn int64) time.Duration {
	switch {
	case expiresIn <= 0:
		return defaultTokenLife
	case expiresIn > int64(math.MaxInt64/time.Second):
		return math.MaxInt64
	}
	return time.Duration(expiresIn) * time.Second
}

// tokenResponse is the token endpoint's answer.
type tokenResponse struct {
	AccessToken  string  `json:"access_token"`
	RefreshToken string  `json:"refresh_token"`
	TokenType    string  `json:"token_type"`
	ExpiresIn    flexInt `json:"expires_in"`
	AccountID    flexInt `json:"account_id"`
}

// flexInt reads a JSON number or a number in a string, as token endpoints
// disagree on which they send; a number past int64 reads as the nearest
// int64. It never fails: by the time the answer is decoded the server has
// spent the old refresh token, and a field the Client can do without
// (expires_in, account_id) must not cost the new one.
type flexInt int64

func (n *flexInt) UnmarshalJSON(b []byte) error {
	v, err := strconv.ParseInt(string(bytes.Trim(b, `"`)), 10, 64)
	if err == nil || errors.Is(err, strconv.ErrRange) {
		*n = flexInt(v)
	}
	return nil
}
