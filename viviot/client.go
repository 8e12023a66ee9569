package viviot

import (
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/grantkit/grantkit-go/internal/auth"
	"github.com/grantkit/grantkit-go/internal/transport"
)

// DefaultBaseURL is where requests go unless WithBaseURL says otherwise.
const DefaultBaseURL = "https://api.4spaces.io"

const vendor = "viviot"

// config is the target of viviot's own options.
type config struct {
	tokenStore auth.TokenStore
}

// Client talks to Viviot.Api. It is safe for concurrent use; create one per
// set of credentials and share it, so that its goroutines share one session.
type Client struct {
	// AccessTemplates creates, reads, lists, updates and deletes access templates.
	AccessTemplates *AccessTemplatesService

	tc *transport.Client
	// jar is the cookie jar of the caller's http.Client, if it has one.
	jar http.CookieJar
}

// NewClient returns a Client that authenticates with a (Credentials or
// BearerToken). It sends nothing yet: Credentials log in on first use. The
// error names the setting that is wrong (an empty user name, a base URL
// that is not absolute, plain http to a remote host).
func NewClient(a Auth, opts ...Option) (*Client, error) {
	if isNilAuth(a) {
		return nil, errors.New("viviot: NewClient: auth is nil; pass Credentials or a BearerToken")
	}
	var cfg config
	settings := transport.Apply(&cfg, opts)
	c := &Client{}
	if settings.HTTPClient != nil {
		c.jar = settings.HTTPClient.Jar
	}
	ta, err := a.engineAuth(c, &cfg)
	if err != nil {
		return nil, err
	}
	tc, err := transport.New(transport.Config{
		ErrInvalidParams: ErrInvalidParams,
		Vendor:           vendor,
		DefaultBaseURL:   DefaultBaseURL,
		Settings:         settings,
		Auth:             ta,
		CheckResponse:    checkResponse,
		// The service also speaks CSV (and picks it from Accept); the SDK reads JSON only.
		Header: http.Header{"Accept": {"application/json"}},
	})
	if err != nil {
		return nil, err
	}
	c.tc = tc
	c.AccessTemplates = &AccessTemplatesService{tc: tc}
	return c, nil
}

// Format prints the client as viviot.Client{BaseURL:…} whatever the verb,
// query values and a userinfo password in the base URL masked. Without it,
// %s would dump the engine's internals, static credentials included, since
// fmt cannot call methods on unexported fields.
func (c Client) Format(f fmt.State, _ rune) {
	_, _ = io.WriteString(f, "viviot.Client{BaseURL:"+baseURL(c.tc)+"}")
}

// Format prints the service as viviot.AccessTemplatesService{BaseURL:…}
// whatever the verb, for the same reason as Client.Format.
func (s AccessTemplatesService) Format(f fmt.State, _ rune) {
	_, _ = io.WriteString(f, "viviot.AccessTemplatesService{BaseURL:"+baseURL(s.tc)+"}")
}

func baseURL(tc *transport.Client) string {
	if tc == nil {
		return ""
	}
	return tc.RedactedBaseURL()
}
