package alfaview

import (
	"context"
	"fmt"
	"iter"
	"slices"
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

// linkKind is what the group and guest links services share: the same
// operations on a path segment of their own, answering T (GroupLink or
// GuestLink). The services keep what differs, their checks and page types.
type linkKind[T any] struct {
	segment                                                 string // "group-links"
	opCreate, opList, opListRoom, opGet, opUpdate, opDelete *transport.Operation
}

// create sends the want links body holds to room roomID and returns the
// new ids (model ID[]), which must be one per link asked for.
func (k *linkKind[T]) create(ctx context.Context, c *Client, roomID string, body any, want int, opts []CallOption) ([]string, error) {
	r := &transport.Request{Op: k.opCreate, Path: []string{"v2", "rooms", roomID, k.segment}, Body: body}
	ids, err := list[struct {
		ID string `json:"id"`
	}](ctx, c, r, opts)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = id.ID
	}
	if len(out) != want || slices.Contains(out, "") {
		return out, &transport.RequestError{Vendor: vendor, Op: r.Op.Name, Method: r.Op.Method,
			Err: fmt.Errorf("%w: asked for %d links, the answer names %d ids %v", transport.ErrMalformedResponse, want, len(out), out)}
	}
	return out, nil
}

func (k *linkKind[T]) get(ctx context.Context, c *Client, linkID string, opts []CallOption) (*T, error) {
	if err := check(k.opGet).NotEmpty("linkID", linkID).Err(); err != nil {
		return nil, err
	}
	return object[T](ctx, c, &transport.Request{Op: k.opGet, Path: []string{"v2", k.segment, linkID}}, opts)
}

func (k *linkKind[T]) update(ctx context.Context, c *Client, linkID string, u any, opts []CallOption) error {
	return c.do(ctx, &transport.Request{Op: k.opUpdate, Path: []string{"v2", k.segment, linkID}, Body: u}, nil, opts)
}

func (k *linkKind[T]) delete(ctx context.Context, c *Client, roomID, linkID string, opts []CallOption) error {
	if err := check(k.opDelete).NotEmpty("roomID", roomID).NotEmpty("linkID", linkID).Err(); err != nil {
		return err
	}
	return c.do(ctx, &transport.Request{Op: k.opDelete, Path: []string{"v2", "rooms", roomID, k.segment, linkID}}, nil, opts)
}

func (k *linkKind[T]) query(opts *ListLinksOptions) (ListLinksOptions, error) {
	if opts == nil {
		return ListLinksOptions{}, nil
	}
	listOp := k.opList
	if opts.RoomID != "" {
		listOp = k.opListRoom
	}
	v := check(listOp).Between("Limit", opts.Limit, 1, MaxLinksPageSize, true).
		Check(opts.RoomID == "" || strings.TrimSpace(opts.RoomID) != "", "RoomID", "must not be only spaces (leave it empty for every room)")
	return *opts, v.Err()
}

// page fetches one page of links: the company's, or q.RoomID's.
func (k *linkKind[T]) page(ctx context.Context, c *Client, q ListLinksOptions, token string, opts []CallOption) (*wirePage[T], error) {
	r := &transport.Request{Op: k.opList, Path: []string{"v2", k.segment}}
	if q.RoomID != "" {
		r = &transport.Request{Op: k.opListRoom, Path: []string{"v2", "rooms", q.RoomID, k.segment}}
	}
	r.Query = struct {
		ListLinksOptions
		PageToken string `url:"pageToken,omitempty"`
	}{q, token}
	return fetchPage[T](ctx, c, r, token, opts)
}

// seq walks every page of links, lazily.
func (k *linkKind[T]) seq(ctx context.Context, c *Client, opts *ListLinksOptions, callOpts []CallOption) iter.Seq2[*T, error] {
	q, err := k.query(opts)
	if err != nil {
		return paging.Err[*T](err)
	}
	return paging.Cursor(ctx, func(ctx context.Context, token string) ([]*T, string, error) {
		w, err := k.page(ctx, c, q, token, callOpts)
		if err != nil {
			return nil, "", err
		}
		return w.Data, w.NextPageToken, nil
	}, paging.Prefetch(c.prefetch))
}

// checkLinks checks the links of a create: at least one, each valid.
func checkLinks[L interface {
	check(*validate.Checker, string)
}](v *validate.Checker, links []L) {
	v.Check(len(links) > 0, "Links", "must hold at least one link")
	checkEach(v, "Links", links)
}

// checkEach checks every element of the list field, naming it "Links[2].".
func checkEach[L interface {
	check(*validate.Checker, string)
}](v *validate.Checker, field string, links []L) {
	for i, l := range links {
		l.check(v, indexed(field, i)+".")
	}
}

// checkWindow checks a link's validity window: until after from when both
// are set.
func checkWindow(v *validate.Checker, field string, from, until time.Time) {
	if !from.IsZero() && !until.IsZero() {
		v.Check(until.After(from), field+"ValidUntil", "must be after ValidFrom")
	}
}

// checkWindowUpdate checks an update's new validity window when it sets
// both ends; with one end the other is the link's current one, which only
// alfaview knows.
func checkWindowUpdate(v *validate.Checker, from, until *time.Time) {
	if from != nil && until != nil {
		checkWindow(v, "", *from, *until)
	}
}
