package alfaview

import (
	"context"
	"crypto/rand"
	"errors"
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
	// DefaultBaseURL is where a Client sends requests unless WithBaseURL says otherwise.
	DefaultBaseURL = "https://apis.alfaview.com/json/v1/"
)

// config holds the settings only this package has. now is the clock the
// token cache and refresh cookie use; tests replace it.
type config struct {
	now         func() time.Time
	tokenStore  auth.TokenStore
	origin      string
	timezone    *time.Location
	timezoneSet bool
	prefetch    bool
}

// check refuses the package's own options that cannot work.
func (c *config) check() error {
	return validate.New(ErrInvalidParams, vendor, "NewClient").
		Check(!c.timezoneSet || (c.timezone != nil && c.timezone.String() != "Local"),
			"WithTimezone", "needs a named zone such as time.LoadLocation(\"Europe/Berlin\"), not nil or time.Local").Err()
}

// zoneName is what WithTimezone sends, "" when it was not given.
func (c *config) zoneName() string {
	if c.timezone == nil {
		return ""
	}
	return c.timezone.String()
}

// Client calls alfaview's JSON API v1. It is safe for concurrent use; create
// one per set of credentials and share it.
type Client struct {
	// Links creates, lists and deletes group and guest links.
	Links *LinksService
	// Rooms lists, creates and deletes rooms.
	Rooms *RoomsService
	// PermissionGroups lists the company's permission groups.
	PermissionGroups *PermissionGroupsService

	tc   *transport.Client
	auth *authenticator
	cfg  config
}

// NewClient returns a Client that authenticates with creds. It sends
// nothing yet: the first call authenticates. It fails when a credential
// field alfaview requires is empty (the error matches ErrInvalidParams and
// names the field) or an option is invalid.
func NewClient(creds Credentials, opts ...Option) (*Client, error) {
	creds, err := normalizeCredentials(creds)
	if err != nil {
		return nil, err
	}
	cfg := config{now: time.Now}
	settings := transport.Apply(&cfg, opts)
	if err := cfg.check(); err != nil {
		return nil, err
	}
	a := &authenticator{creds: creds, now: cfg.now}
	session := &auth.Session{
		Cache:     a.cache(cfg),
		Attach:    attachAccessInfo,
		IsExpired: sessionRejected,
	}
	tc, err := transport.New(transport.Config{
		ErrInvalidParams: ErrInvalidParams,
		Vendor:           vendor,
		DefaultBaseURL:   DefaultBaseURL,
		Settings:         settings,
		Auth:             session,
		CheckResponse:    checkResponse,
	})
	if err != nil {
		return nil, err
	}
	a.tc = tc
	c := &Client{tc: tc, auth: a, cfg: cfg}
	c.Links = &LinksService{c: c}
	c.Rooms = &RoomsService{c: c}
	c.PermissionGroups = &PermissionGroupsService{c: c}
	return c, nil
}

// String describes the client without its secrets. It has a value
// receiver so that a Client value, not only a pointer, prints this way:
// fmt would otherwise dump the unexported fields it cannot call methods on.
func (c Client) String() string {
	if c.tc == nil {
		return "alfaview.Client{}"
	}
	return "alfaview.Client{BaseURL:" + c.tc.BaseURL().Redacted() + ", Credentials:" + c.auth.creds.String() + "}"
}

// GoString is String, so %#v cannot reach the credentials either.
func (c Client) GoString() string { return c.String() }

// Format prints String for every verb, so none can reach the credentials.
func (c Client) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, c.String()) }

// call sends one request of op to path with body (a JSON object the
// accessInfo is added to) and decodes the reply into out. It gives the call
// its request id, so that every attempt, the replay after re-authentication
// and the error all carry the same one.
func (c *Client) call(ctx context.Context, op *transport.Operation, path []string, body, out any, opts []CallOption) error {
	if ctx == nil {
		return &transport.RequestError{Vendor: vendor, Op: op.Name, Method: op.Method, Err: errors.New("nil context")}
	}
	id, ok := requestIDFrom(ctx)
	if !ok {
		id = newRequestID()
		ctx = WithRequestID(ctx, id)
	}
	_, err := c.tc.Do(ctx, &transport.Request{Op: op, Path: path, Body: body}, out, opts...)
	var e *Error
	if errors.As(err, &e) && e.RequestID == "" {
		e.RequestID = id
	}
	return err
}

type requestIDKey struct{}

// WithRequestID returns a context whose alfaview calls send id as
// accessInfo.requestId instead of a fresh random one, so that you can find
// the call in your own logs and alfaview support can trace it. The id is
// also reported in Error.RequestID. Every call made with the context uses
// the same id (so do all page requests of one Rooms.List), including its
// retries and the replay after re-authentication; derive one context per
// call if ids should be unique. An empty id is ignored.
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey{}, id)
}

func requestIDFrom(ctx context.Context) (string, bool) {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id, id != ""
}

// newRequestID returns 26 random base32 characters: unique enough to trace
// a call, and free of characters that need escaping anywhere.
func newRequestID() string { return rand.Text() }

// post is the only method alfaview's JSON API uses.
const post = http.MethodPost

// Every call is a POST, so each operation says itself whether replaying it
// is safe. Creates are not: a replay after a lost answer would create twice.
// Deletes are, because a retried delete that finds the object gone treats
// that as success (see LinksService.Delete and RoomsService.Delete).
var (
	opAuthenticate         = transport.Operation{Name: "auth.authenticate", Method: post, Idempotent: true}
	opListPermissionGroups = transport.Operation{Name: "permissionGroups.list", Method: post, Idempotent: true}
	opListRooms            = transport.Operation{Name: "rooms.list", Method: post, Idempotent: true}
	opCreateRoom           = transport.Operation{Name: "rooms.create", Method: post}
	opDestroyRoom          = transport.Operation{Name: "rooms.destroy", Method: post, Idempotent: true, AlreadyDone: hasStatus(statusRoomNotFound)}
	opCreateGroupLinks     = transport.Operation{Name: "links.createGroupLinks", Method: post}
	opCreateGuestLinks     = transport.Operation{Name: "links.createGuestLinks", Method: post}
	opListGroupLinks       = transport.Operation{Name: "links.listGroupLinks", Method: post, Idempotent: true}
	opListGuestLinks       = transport.Operation{Name: "links.listGuestLinks", Method: post, Idempotent: true}
	opDeleteLink           = transport.Operation{Name: "links.delete", Method: post, Idempotent: true, AlreadyDone: hasStatus(statusNotFound)}
)

// hasStatus reports whether err is alfaview answering code; deletes use it
// as their Operation.AlreadyDone.
func hasStatus(code string) func(error) bool {
	return func(err error) bool {
		var e *Error
		return errors.As(err, &e) && e.StatusCode == code
	}
}
