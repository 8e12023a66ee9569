package alfaview

import (
	"context"
	"iter"
	"net/mail"
	"regexp"
	"strings"
	"time"

	"github.com/grantkit/grantkit-go/internal/paging"
	"github.com/grantkit/grantkit-go/internal/transport"
	"github.com/grantkit/grantkit-go/internal/validate"
)

// Page sizes of the group and guest link lists (query "limit": default
// 100, at most 500).
const (
	DefaultLinksPageSize = 100
	MaxLinksPageSize     = 500
)

// ListLinksOptions filter and page GroupLinks.List and GuestLinks.List;
// nil means every link of the company, 100 a page.
type ListLinksOptions struct {
	// RoomID, when set, lists that room's links only (GET
	// /v2/rooms/{roomId}/…-links, which answers an empty list for a room
	// that does not exist); else all links (GET /v2/…-links).
	RoomID string `url:"-"`
	// Limit is the page size, 1..MaxLinksPageSize; 0 means the API's
	// default (DefaultLinksPageSize).
	Limit int `url:"limit,omitempty"`
}

// linkKind is what group and guest links share: their path segment and
// operations.
type linkKind struct {
	segment                            string // "group-links"
	list, listRoom, get, update, erase *transport.Operation
}

func (k *linkKind) query(opts *ListLinksOptions) (ListLinksOptions, error) {
	if opts == nil {
		return ListLinksOptions{}, nil
	}
	listOp := k.list
	if opts.RoomID != "" {
		listOp = k.listRoom
	}
	v := check(listOp).Between("Limit", opts.Limit, 1, MaxLinksPageSize, true).
		Check(opts.RoomID == "" || strings.TrimSpace(opts.RoomID) != "", "RoomID", "must not be only spaces (leave it empty for every room)")
	return *opts, v.Err()
}

// linkPage fetches one page of links.
func linkPage[T any](ctx context.Context, c *Client, k *linkKind, q ListLinksOptions, token string, opts []CallOption) (*wirePage[T], error) {
	r := &transport.Request{Op: k.list, Path: []string{"v2", k.segment}}
	if q.RoomID != "" {
		r = &transport.Request{Op: k.listRoom, Path: []string{"v2", "rooms", q.RoomID, k.segment}}
	}
	r.Query = struct {
		ListLinksOptions
		PageToken string `url:"pageToken,omitempty"`
	}{q, token}
	return fetchPage[T](ctx, c, r, token, opts)
}

// linkSeq walks every page of links.
func linkSeq[T any](ctx context.Context, c *Client, k *linkKind, opts *ListLinksOptions, callOpts []CallOption) iter.Seq2[*T, error] {
	q, err := k.query(opts)
	if err != nil {
		return paging.Err[*T](err)
	}
	return paging.Cursor(ctx, func(ctx context.Context, token string) ([]*T, string, error) {
		w, err := linkPage[T](ctx, c, k, q, token, callOpts)
		if err != nil {
			return nil, "", err
		}
		return w.Data, w.NextPageToken, nil
	}, paging.Prefetch(c.prefetch))
}

// checkWindow checks a link's validity window: until after from when both
// are set.
func checkWindow(v *validate.Checker, field string, from, until time.Time) {
	if !from.IsZero() && !until.IsZero() {
		v.Check(until.After(from), field+"ValidUntil", "must be after ValidFrom")
	}
}

// plainEmail accepts a bare address with a dotted domain, nothing else
// ("Ada <ada@example.com>" is a valid RFC 5322 address, but not what the
// models' format "email" fields hold).
func plainEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	if err != nil || a.Name != "" || a.Address != s {
		return false
	}
	_, domain, _ := strings.Cut(s, "@")
	return strings.Contains(domain, ".") && !strings.HasSuffix(domain, ".")
}

// localeShape is a BCP 47-like tag ("de", "en-US", "pt_BR"). The models
// type locale as a free string; this rejects only what cannot be a locale.
var localeShape = regexp.MustCompile(`^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$`)
