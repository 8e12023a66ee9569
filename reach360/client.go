package reach360

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/grantkit/grantkit-go/internal/auth"
	"github.com/grantkit/grantkit-go/internal/transport"
)

// vendor names the API in errors, logs and the User-Agent.
const vendor = "reach360"

// DefaultAPIVersion is the API-Version a Client sends unless WithAPIVersion
// says otherwise. It is the version the server assumes without the header,
// and the one whose shapes this package decodes.
const DefaultAPIVersion = "2023-04-04"

// Region is where a Reach 360 account is hosted; it selects the endpoint.
type Region string

const (
	// RegionUS is https://api.reach360.com, the default.
	RegionUS Region = "us"
	// RegionEU is https://api.reach360.eu, for accounts hosted in the EU.
	RegionEU Region = "eu"
)

var regionURLs = map[Region]string{
	RegionUS: "https://api.reach360.com",
	RegionEU: "https://api.reach360.eu",
}

// Client calls the Reach 360 API. It is safe for concurrent use; create one
// per API key and reuse it.
type Client struct {
	// Groups creates, renames, deletes and lists groups and their members.
	Groups *GroupsService
	// Users lists, reads and deletes users and lists their groups,
	// reporting groups and managed groups.
	Users *UsersService
	// Invitations invites people to the account and lists, reads and
	// deletes pending invitations.
	Invitations *InvitationsService

	tc       *transport.Client
	prefetch bool
}

// config holds the settings only Reach 360 has; the shared ones live in
// transport.Settings.
type config struct {
	region     Region
	apiVersion string
	prefetch   bool
}

// NewClient returns a Client that authenticates with key. It fails, naming
// the setting, for an empty key, an unknown region, an API version that is
// not a YYYY-MM-DD date, or a base URL that is not an absolute https URL
// (plain http only to loopback, for fakes).
func NewClient(key APIKey, opts ...Option) (*Client, error) {
	cfg := config{region: RegionUS, apiVersion: DefaultAPIVersion}
	settings := transport.Apply(&cfg, opts)
	if err := key.check(); err != nil {
		return nil, err
	}
	base, ok := regionURLs[cfg.region]
	if !ok {
		return nil, fmt.Errorf("reach360: unknown region %q (want %q or %q)", cfg.region, RegionUS, RegionEU)
	}
	if _, err := time.Parse(time.DateOnly, cfg.apiVersion); err != nil {
		return nil, fmt.Errorf("reach360: API version %q is not a YYYY-MM-DD date", cfg.apiVersion)
	}
	tc, err := transport.New(transport.Config{
		ErrInvalidParams: ErrInvalidParams,
		Vendor:           vendor,
		DefaultBaseURL:   base,
		Settings:         settings,
		Auth:             auth.Bearer(string(key)),
		CheckResponse:    checkResponse,
		Header:           http.Header{"API-Version": {cfg.apiVersion}},
	})
	if err != nil {
		return nil, err
	}
	c := &Client{tc: tc, prefetch: cfg.prefetch}
	c.Groups = &GroupsService{c: c}
	c.Users = &UsersService{c: c}
	c.Invitations = &InvitationsService{c: c}
	return c, nil
}

// Format prints the client as reach360.Client{BaseURL:…} whatever the
// verb, with a userinfo password and query values in the base URL masked
// (a proxy's token goes there). Without it, a verb such as %s or %d makes
// fmt print the fields of the engine behind the client, credentials
// included.
func (c Client) Format(f fmt.State, _ rune) {
	base := ""
	if c.tc != nil {
		base = c.tc.RedactedBaseURL()
	}
	fmt.Fprintf(f, "reach360.Client{BaseURL:%s}", base)
}

// linkRequest is the request for a nextUrl; see resolveLink.
func (c *Client) linkRequest(op *transport.Operation, link string) *transport.Request {
	u, _ := c.resolveLink(link)
	return &transport.Request{Op: op, URL: u}
}

// resolveLink returns the URL a next-page link is followed at. The API
// sends absolute links on its own host, which a client pointed at a proxy
// (WithBaseURL) cannot follow as sent: their path and query are followed
// against the base URL instead, keeping its path prefix. A relative link
// is a path from the API root, so it keeps the prefix too. A link on the
// base URL's host is followed verbatim. Any other link is returned as it
// is with ok false, and the engine refuses it: the key only ever goes to
// the configured host.
func (c *Client) resolveLink(link string) (resolved string, ok bool) {
	u, err := url.Parse(link)
	if err != nil {
		return link, false
	}
	base := c.tc.BaseURL()
	switch {
	case u.Scheme == "" && u.Host == "":
		if !strings.HasPrefix(u.Path, "/") {
			u.Path = "/" + u.Path
			if u.RawPath != "" {
				u.RawPath = "/" + u.RawPath
			}
		}
	case strings.EqualFold(u.Scheme, base.Scheme) && strings.EqualFold(u.Host, base.Host):
		return link, true
	case !strings.EqualFold(u.Scheme, "https") || !apiHosts[strings.ToLower(u.Hostname())] || (u.Port() != "" && u.Port() != "443"):
		return link, false
	}
	resolved = base.Scheme + "://" + base.Host + strings.TrimRight(base.EscapedPath(), "/") + u.EscapedPath()
	if u.RawQuery != "" {
		resolved += "?" + u.RawQuery
	}
	return resolved, true
}

// apiHosts are the hosts of the regions' endpoints, whose links a proxy in
// between passes on unchanged.
var apiHosts = func() map[string]bool {
	m := make(map[string]bool, len(regionURLs))
	for _, raw := range regionURLs {
		u, _ := url.Parse(raw)
		m[u.Hostname()] = true
	}
	return m
}()
