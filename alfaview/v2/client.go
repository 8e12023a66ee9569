package alfaview

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/grantkit/grantkit-go/internal/auth"
	"github.com/grantkit/grantkit-go/internal/transport"
	"github.com/grantkit/grantkit-go/internal/validate"
)

const (
	vendor = "alfaview"
	// DefaultBaseURL is where a Client sends requests unless WithBaseURL
	// says otherwise: the host root, since every path starts with /v2/.
	DefaultBaseURL = "https://apis.alfaview.com"
)

// config holds the settings only this package has. now is the token
// cache's clock; tests replace it.
type config struct {
	now        func() time.Time
	tokenStore auth.TokenStore
	prefetch   bool
}

// Client calls alfaview's REST API v2. It is safe for concurrent use;
// create one per set of credentials and share it.
type Client struct {
	// Auth reads the token's details and authenticates guests.
	Auth *AuthService
	// Rooms manages rooms and what belongs to them: subrooms, permissions,
	// features, language settings; it also lists participants, room types
	// and languages.
	Rooms *RoomsService
	// PermissionGroups lists the permission groups links and permissions
	// refer to.
	PermissionGroups *PermissionGroupsService
	// GroupLinks manages group links: one link for many guests.
	GroupLinks *GroupLinksService
	// GuestLinks manages guest links: one personal link per guest.
	GuestLinks *GuestLinksService
	// Users lists the company's users and invites new ones.
	Users *UsersService
	// Meetings schedules, reads, changes and cancels meetings.
	Meetings *MeetingsService
	// Reports reads attendances and usage statistics.
	Reports *ReportsService

	tc       *transport.Client
	prefetch bool
	// credentials is how String shows the credentials. The Client keeps no
	// credential value of its own: fmt prints the fields of the services'
	// *Client for verbs such as %s, and would show what they hold raw.
	credentials string
}

// NewClient returns a Client that authenticates with creds:
// APIKeyCredentials, PasswordCredentials or an AccessToken (values or
// pointers). It sends nothing yet: with API key or password credentials the
// first call logs in. It fails when a credential field is empty, or
// WithTokenStore comes with an AccessToken (the error matches
// ErrInvalidParams and names the field or option), or an option is
// invalid.
func NewClient(creds Credentials, opts ...Option) (*Client, error) {
	creds, err := normalizeCredentials(creds)
	if err != nil {
		return nil, err
	}
	cfg := config{now: time.Now}
	settings := transport.Apply(&cfg, opts)
	credAuth, login, err := credentialAuth(creds, cfg)
	if err != nil {
		return nil, err
	}
	tc, err := transport.New(transport.Config{
		Vendor:         vendor,
		DefaultBaseURL: DefaultBaseURL,
		Settings:       settings,
		Auth:           credAuth,
		CheckResponse:  checkResponse,
		// No CredentialHeaders: the token travels in Authorization, which
		// WithHeader refuses for every vendor.
		ErrInvalidParams: ErrInvalidParams,
	})
	if err != nil {
		return nil, err
	}
	if login != nil {
		login.tc = tc
	}
	c := &Client{tc: tc, prefetch: cfg.prefetch, credentials: creds.String()}
	c.Auth = &AuthService{c: c}
	c.Rooms = &RoomsService{c: c}
	c.PermissionGroups = &PermissionGroupsService{c: c}
	c.GroupLinks = &GroupLinksService{c: c}
	c.GuestLinks = &GuestLinksService{c: c}
	c.Users = &UsersService{c: c}
	c.Meetings = &MeetingsService{c: c}
	c.Reports = &ReportsService{c: c}
	return c, nil
}

// String describes the client without its secrets. It has a value
// receiver so that a Client value, not only a pointer, prints this way:
// fmt would otherwise dump the unexported fields it cannot call methods on.
func (c Client) String() string {
	if c.tc == nil {
		return "alfaview.Client{}"
	}
	return "alfaview.Client{BaseURL:" + c.tc.RedactedBaseURL() + ", Credentials:" + c.credentials + "}"
}

// GoString is String, so %#v cannot reach the credentials either.
func (c Client) GoString() string { return c.String() }

// Format prints String for every verb, so none can reach the credentials.
func (c Client) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, c.String()) }

// check starts validating the parameters of op.
func check(op *transport.Operation) *validate.Checker {
	return validate.New(ErrInvalidParams, vendor, op.Name)
}

// op declares an operation. GET, PATCH and DELETE are idempotent by HTTP's
// rules and the API's: a PATCH sets fields to given values, a DELETE of a
// thing already gone leaves it gone. POSTs are declared one by one.
func op(name, method string) *transport.Operation {
	return &transport.Operation{Name: name, Method: method,
		Idempotent: method == http.MethodGet || method == http.MethodPatch || method == http.MethodDelete}
}

// deleteOp is a DELETE whose retry may find the target already gone: the
// attempt whose answer was lost most likely deleted it, and it is gone
// either way, which is what the caller asked for.
func deleteOp(name string) *transport.Operation {
	o := op(name, http.MethodDelete)
	o.AlreadyDone = isNotFound
	return o
}

// createOp is a POST that creates something: never replayed once it may
// have reached the server, so it is never applied twice.
func createOp(name string) *transport.Operation { return op(name, http.MethodPost) }

// Ptr returns a pointer to v, for the optional fields of the update types:
// RoomUpdate{DisplayName: alfaview.Ptr("Lobby"), WaitingRoomEnabled: alfaview.Ptr(false)}.
func Ptr[T any](v T) *T { return &v }

// do sends r with the caller's call options and decodes the answer into
// out (nil: none expected).
func (c *Client) do(ctx context.Context, r *transport.Request, out any, opts []CallOption) error {
	_, err := c.tc.Do(ctx, r, out, opts...)
	return err
}

// object sends r and returns the JSON object it answers; the engine refuses
// a body of null rather than passing on an empty result.
func object[T any](ctx context.Context, c *Client, r *transport.Request, opts []CallOption) (*T, error) {
	var out T
	if err := c.do(ctx, r, &out, opts); err != nil {
		return nil, err
	}
	return &out, nil
}

// create sends a create request and returns the new object's id (model ID).
func (c *Client) create(ctx context.Context, r *transport.Request, opts []CallOption) (string, error) {
	id, err := object[struct {
		ID string `json:"id"`
	}](ctx, c, r, opts)
	if err != nil {
		return "", err
	}
	if id.ID == "" {
		return "", &transport.RequestError{Vendor: vendor, Op: r.Op.Name, Method: r.Op.Method,
			Err: fmt.Errorf("%w: the answer has no id", transport.ErrMalformedResponse)}
	}
	return id.ID, nil
}

// list sends r and returns the JSON array it answers (null: none).
func list[T any](ctx context.Context, c *Client, r *transport.Request, opts []CallOption) ([]T, error) {
	var out []T
	if err := c.do(ctx, r, &out, opts); err != nil {
		return nil, err
	}
	return out, nil
}
