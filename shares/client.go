package shares

import (
	"errors"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"

	"github.com/grantkit/grantkit-go/internal/auth"
	"github.com/grantkit/grantkit-go/internal/transport"
)

const (
	vendor         = "shares"
	defaultBaseURL = "https://api.boldsmartlock.com"
)

// config holds the options only this package has.
type config struct {
	language    string
	languageSet bool
	tokenStore  auth.TokenStore
}

// Client calls the Bold Smart Lock API. It is safe for concurrent use;
// create one per set of credentials and share it.
type Client struct {
	// Shares creates, changes, lists and removes shares of locks.
	Shares *SharesService
	// Devices acts on locks: remote activation.
	Devices *DevicesService
}

// NewClient returns a Client that authenticates with a (a BearerToken or an
// *OAuth2). It fails, naming the setting, for missing credentials, an
// invalid language or base URL, or a base URL that would send credentials
// over plain http to a host that is not loopback.
func NewClient(a Auth, opts ...Option) (*Client, error) {
	var cfg config
	tcfg := transport.Config{
		ErrInvalidParams: ErrInvalidParams,
		Vendor:           vendor,
		DefaultBaseURL:   defaultBaseURL,
		Settings:         transport.Apply(&cfg, opts),
		CheckResponse:    checkResponse,
	}
	if cfg.languageSet {
		if !isLanguage(cfg.language) {
			return nil, fmt.Errorf("shares: language %q must be an ISO 639-1 code of two letters, such as \"de\"", cfg.language)
		}
		tcfg.Query = url.Values{"language": {strings.ToLower(cfg.language)}}
	}
	var rf *refresher
	switch a := a.(type) {
	case BearerToken:
		if cfg.tokenStore != nil {
			return nil, errors.New("shares: WithTokenStore needs OAuth2 credentials: a BearerToken has no session to share")
		}
		if err := checkSecret("bearer token", string(a)); err != nil {
			return nil, err
		}
		tcfg.Auth = auth.Bearer(string(a))
	case *OAuth2:
		var err error
		if rf, err = newRefresher(a, cfg.tokenStore); err != nil {
			return nil, err
		}
		tcfg.Auth = rf.session()
	default:
		return nil, errors.New("shares: no credentials: pass a BearerToken or an *OAuth2")
	}
	tc, err := transport.New(tcfg)
	if err != nil {
		return nil, err
	}
	if rf != nil {
		rf.tc = tc
	}
	return &Client{Shares: &SharesService{tc: tc}, Devices: &DevicesService{tc: tc}}, nil
}

func isLanguage(s string) bool {
	if len(s) != 2 {
		return false
	}
	for _, r := range s {
		if (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') {
			return false
		}
	}
	return true
}

// checkSecret rejects a secret that would be refused as a header value (or
// silently truncated), without quoting it.
func checkSecret(name, s string) error {
	if strings.TrimSpace(s) == "" {
		return fmt.Errorf("shares: %s is empty", name)
	}
	for _, r := range s {
		if r <= ' ' || r == 0x7f {
			return fmt.Errorf("shares: %s contains spaces or control characters", name)
		}
	}
	return nil
}

// Format prints the Client as shares.Client{BaseURL:…} with every verb
// (and slog), query values and a userinfo password in the base URL masked.
// The Client holds its credentials; a printout must not walk into them.
func (c Client) Format(f fmt.State, verb rune) {
	var tc *transport.Client
	if c.Shares != nil {
		tc = c.Shares.tc
	}
	formatSafe(f, verb, "shares.Client", tc)
}

// Format prints the service as shares.SharesService{BaseURL:…} with every
// verb, for the same reason as Client.Format.
func (s SharesService) Format(f fmt.State, verb rune) {
	formatSafe(f, verb, "shares.SharesService", s.tc)
}

// formatSafe writes name{BaseURL:…}, quoted for %q.
func formatSafe(f fmt.State, verb rune, name string, tc *transport.Client) {
	base := ""
	if tc != nil {
		base = tc.RedactedBaseURL()
	}
	s := name + "{BaseURL:" + base + "}"
	if verb == 'q' {
		s = strconv.Quote(s)
	}
	_, _ = io.WriteString(f, s)
}
