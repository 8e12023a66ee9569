package shares

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/grantkit/grantkit-go/internal/transport"
	"github.com/grantkit/grantkit-go/internal/validate"
)

// Creates are not idempotent: a replay after the first request reached the
// API would make a second share or web key. Update, reads and Delete are.
var (
	opCreate       = transport.Operation{Name: "shares.create", Method: http.MethodPost}
	opUpdate       = transport.Operation{Name: "shares.update", Method: http.MethodPut, Idempotent: true}
	opList         = transport.Operation{Name: "shares.list", Method: http.MethodGet, Idempotent: true}
	opGet          = transport.Operation{Name: "shares.get", Method: http.MethodGet, Idempotent: true}
	opDelete       = transport.Operation{Name: "shares.delete", Method: http.MethodDelete, Idempotent: true, AlreadyDone: isNotFound}
	opCreateWebKey = transport.Operation{Name: "shares.createWebKey", Method: http.MethodPost}
)

// SharesService manages shares: grants of access to a lock (or group of
// locks) for a user (or group of users), permanent or temporary, optionally
// on a weekly schedule. Get it from Client.Shares.
type SharesService struct {
	tc *transport.Client
}

// Create makes a share and returns its id. It is not retried once the
// request may have reached the API, so an error after a lost connection
// can mean the share exists: List with a filter to find out.
func (s *SharesService) Create(ctx context.Context, p *CreateShareParams, opts ...CallOption) (*ShareRef, error) {
	c := validate.New(ErrInvalidParams, vendor, opCreate.Name)
	if p == nil {
		return nil, c.Check(false, "params", "must not be nil").Err()
	}
	p.check(c)
	if err := c.Err(); err != nil {
		return nil, err
	}
	var ref ShareRef
	if _, err := s.tc.Do(ctx, &transport.Request{Op: &opCreate, Path: []string{"v2", "shares"}, Body: p}, &ref, opts...); err != nil {
		return nil, err
	}
	return &ref, nil
}

// Update changes share shareID; see UpdateShareParams for what is sent.
func (s *SharesService) Update(ctx context.Context, shareID int64, p *UpdateShareParams, opts ...CallOption) (*ShareRef, error) {
	c := validate.New(ErrInvalidParams, vendor, opUpdate.Name).Positive("shareID", shareID)
	if p == nil {
		return nil, c.Check(false, "params", "must not be nil").Err()
	}
	p.check(c)
	if err := c.Err(); err != nil {
		return nil, err
	}
	var ref ShareRef
	if _, err := s.tc.Do(ctx, &transport.Request{Op: &opUpdate, Path: sharePath(shareID), Body: p.body()}, &ref, opts...); err != nil {
		return nil, err
	}
	return &ref, nil
}

// List returns the shares the credentials may see, filtered by opts (nil
// for all). The API answers with one bare array and documents no paging,
// so List returns every share at once and has no page-at-a-time twin. A
// filter naming a device the API does not know is answered 404
// (ErrShareNotFound, ErrNotFound).
func (s *SharesService) List(ctx context.Context, opts *ListSharesOptions, callOpts ...CallOption) ([]Share, error) {
	if opts == nil {
		opts = &ListSharesOptions{}
	}
	c := validate.New(ErrInvalidParams, vendor, opList.Name)
	c.Check(opts.DeviceID >= 0, "DeviceID", "must be a positive id, or 0 for any device")
	if err := c.Err(); err != nil {
		return nil, err
	}
	var out []Share
	if _, err := s.tc.Do(ctx, &transport.Request{Op: &opList, Path: []string{"v2", "shares"}, Query: opts}, &out, callOpts...); err != nil {
		return nil, err
	}
	return out, nil
}

// Get returns share shareID; ErrShareNotFound if there is none.
func (s *SharesService) Get(ctx context.Context, shareID int64, opts ...CallOption) (*Share, error) {
	if err := checkShareID(opGet, shareID); err != nil {
		return nil, err
	}
	var sh Share
	if _, err := s.tc.Do(ctx, &transport.Request{Op: &opGet, Path: sharePath(shareID)}, &sh, opts...); err != nil {
		return nil, err
	}
	return &sh, nil
}

// Delete removes share shareID, ending the receiver's access. A share that
// does not exist is ErrShareNotFound, except when an earlier attempt's
// answer was lost and the retry finds the share gone: the first attempt
// probably removed it, and either way it is gone, so Delete succeeds. Only
// the API's own 404 "share not found" (its JSON error body) counts as
// gone; a 404 without it (a proxy, a wrong base URL) fails the call.
func (s *SharesService) Delete(ctx context.Context, shareID int64, opts ...CallOption) error {
	if err := checkShareID(opDelete, shareID); err != nil {
		return err
	}
	_, err := s.tc.Do(ctx, &transport.Request{Op: &opDelete, Path: sharePath(shareID)}, nil, opts...)
	return err
}

// CreateWebKey makes a web key for share shareID and returns its URL, which
// opens the lock from a browser without the app. The API allows it only
// for a share to a user (not a user group) with a start and end date, and
// only once per share (ErrInvalidInput otherwise). Like Create, it is not
// retried once the request may have reached the API.
func (s *SharesService) CreateWebKey(ctx context.Context, shareID int64, opts ...CallOption) (string, error) {
	if err := checkShareID(opCreateWebKey, shareID); err != nil {
		return "", err
	}
	path := append(sharePath(shareID), "web-key")
	var link string
	resp, err := s.tc.Do(ctx, &transport.Request{Op: &opCreateWebKey, Path: path}, &link, opts...)
	if err != nil {
		return "", err
	}
	if link == "" {
		return "", &transport.RequestError{Vendor: vendor, Op: resp.Op, Method: resp.Method, Path: resp.Path,
			Attempts: resp.Attempts, StatusCode: resp.StatusCode, Err: fmt.Errorf("%w: empty web key", transport.ErrMalformedResponse)}
	}
	return link, nil
}

func sharePath(id int64) []string {
	return []string{"v2", "shares", strconv.FormatInt(id, 10)}
}

func checkShareID(op transport.Operation, id int64) error {
	return validate.New(ErrInvalidParams, vendor, op.Name).Positive("shareID", id).Err()
}

// isNotFound is Delete's Operation.AlreadyDone: the API answered that the
// share does not exist. The reference documents 404 "share not found" in
// the API's error body for the share endpoints (the web-key page; DELETE
// itself is [inferred]); the message is localised (WithLanguage), so the
// body's shape is the signal, not its text. Any other 404 says nothing
// about the share.
func isNotFound(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.StatusCode == http.StatusNotFound && e.fromAPI
}
