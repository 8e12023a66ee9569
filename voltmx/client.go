package voltmx

import (
	"errors"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/grantkit/grantkit-go/internal/auth"
	"github.com/grantkit/grantkit-go/internal/redact"
	"github.com/grantkit/grantkit-go/internal/transport"
)

const vendor = "voltmx"

// DefaultContextPath is where on-premises installs deploy Engagement Services.
const DefaultContextPath = "/vpns"

// DefaultAuthHeaderName carries a ClaimsLogin token unless WithAuthHeaderName
// says otherwise.
const DefaultAuthHeaderName = "X-VoltMX-Authorization"

// jsonContentType is what the API guide asks every JSON request to carry.
const jsonContentType = "application/json;charset=UTF-8"

// config holds the vendor-specific options.
type config struct {
	contextPath  string
	authHeader   string
	insecureHTTP bool
	location     *time.Location
	// now is the clock of the token cache; nil means time.Now. Only tests
	// set it, to expire tokens without waiting.
	now        func() time.Time
	tokenStore auth.TokenStore
	prefetch   bool
}

// Client calls one Engagement Services server. It is safe for concurrent use.
type Client struct {
	// Groups creates, reads, modifies and deletes groups.
	Groups *GroupsService
	// Users creates, reads, modifies and deletes console users.
	Users *UsersService
	// Permissions reads the permission catalogue and resolves names to ids.
	Permissions *PermissionsService

	tc       *transport.Client
	location *time.Location
	prefetch bool
}

// NewClient returns a client for the server at baseURL (e.g.
// "https://es.example.com:8443"), authenticating with auth: a BasicAuth,
// ClaimsLogin or OAuthPair. Requests go to
// <baseURL><context path>/api/v1/accessmgmt/...; see WithContextPath.
//
// It returns an error naming the bad setting: a missing or malformed URL,
// missing credentials, or credentials that would travel over plain http to a
// host other than loopback without WithInsecureHTTP.
func NewClient(baseURL string, auth Auth, opts ...Option) (*Client, error) {
	cfg := config{contextPath: DefaultContextPath, authHeader: DefaultAuthHeaderName}
	s := transport.Apply(&cfg, opts)
	if s.BaseURL == "" {
		s.BaseURL = baseURL
	}
	if strings.TrimSpace(s.BaseURL) == "" {
		return nil, errors.New("voltmx: base URL is required: Engagement Services has no public endpoint")
	}
	api, err := apiBase(s.BaseURL, cfg.contextPath)
	if err != nil {
		return nil, err
	}
	s.BaseURL = api
	a, err := sealed(auth)
	if err != nil {
		return nil, err
	}
	c := &Client{location: cfg.location, prefetch: cfg.prefetch}
	ta, err := a.build(&builder{client: c, cfg: &cfg, settings: s})
	if err != nil {
		return nil, err
	}
	c.tc, err = transport.New(transport.Config{
		ErrInvalidParams:  ErrInvalidParams,
		Vendor:            vendor,
		Settings:          s,
		Auth:              ta,
		CheckResponse:     checkResponse,
		JSONContentType:   jsonContentType,
		AllowInsecureHTTP: cfg.insecureHTTP,
		// Every header any of the three auth modes sends, whichever this
		// client uses: a per-call header must never stand in for one.
		CredentialHeaders: []string{"AccessToken", "AccessSecret", cfg.authHeader, "X-VoltMX-Authorization", "X-Kony-Authorization"},
	})
	if err != nil {
		return nil, err
	}
	c.Groups = &GroupsService{c: c, list: itemLister[Group](c, opGroupsList, groupsPath(), func(b *pageBody) []*Group { return b.Groups })}
	c.Users = &UsersService{c: c, list: itemLister[User](c, opUsersList, usersPath(), func(b *pageBody) []*User { return b.Users })}
	c.Permissions = &PermissionsService{c: c, list: permissionsLister(c)}
	return c, nil
}

// apiBase joins the server URL and the context path, so that every request
// path starts with "api/v1".
func apiBase(raw, contextPath string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return "", fmt.Errorf("voltmx: base URL %s must be an absolute http or https URL such as https://es.example.com:8443", redact.URL(raw))
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("voltmx: base URL %q must not have a query or fragment", u.Redacted())
	}
	cp := strings.Trim(strings.TrimSpace(contextPath), "/")
	if strings.ContainsAny(cp, "?#") {
		return "", fmt.Errorf("voltmx: context path %q must be a plain path such as /vpns", contextPath)
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	if cp != "" {
		u.Path += "/" + cp
	}
	return u.String(), nil
}

// BaseURL returns the URL API paths are appended to: the base URL with the
// context path.
func (c *Client) BaseURL() string {
	u := c.tc.BaseURL()
	return u.Redacted()
}

// String describes the client without its credentials.
func (c *Client) String() string { return "voltmx.Client{BaseURL:" + c.BaseURL() + "}" }

// GoString is String, so %#v shows no credentials either.
func (c *Client) GoString() string { return c.String() }

// Format prints String whatever the verb, for a Client value as for a
// pointer: String has a pointer receiver, so fmt would print a value (or use
// %d on a pointer) field by field, the engine behind the client included,
// as it does not for the other vendors' clients.
func (c Client) Format(f fmt.State, verb rune) {
	s := "voltmx.Client{}"
	if c.tc != nil {
		s = c.String()
	}
	if verb == 'q' {
		s = strconv.Quote(s)
	}
	_, _ = io.WriteString(f, s)
}
