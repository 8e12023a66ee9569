package voltmx

import (
	"context"
	"fmt"
	"iter"
	"strconv"
	"strings"

	"github.com/grantkit/grantkit-go/internal/paging"
	"github.com/grantkit/grantkit-go/internal/transport"
	"github.com/grantkit/grantkit-go/internal/validate"
)

// Every list of the API is paged the same way: GET ...?start=0&pageSize=10
// answers {"total":N,"<items>":...}, where start is the index of the first
// item (Get All Groups, Get All Users, and "Get All Permissions by
// Pagination", whose items are a map of id to name).

// ListOptions control a list walk.
type ListOptions struct {
	// PageSize is how many items each request asks for: 1 to MaxPageSize,
	// 0 means DefaultPageSize.
	PageSize int
	// PageToken resumes a listing at a page's NextPageToken, saved from an
	// earlier walk: List starts there, and ListPage fetches that page (its
	// start argument must then be 0). "" starts at the first page.
	PageToken string `url:"-"`
}

// DefaultPageSize and MaxPageSize bound ListOptions.PageSize. The API
// documents no maximum; MaxPageSize keeps one answer a reasonable size.
const (
	DefaultPageSize = 50
	MaxPageSize     = 500
)

// walkStart checks opts and returns the page size and the start a walk
// begins at: the start argument of ListPage (0 for List) or the PageToken.
func (o *ListOptions) walkStart(op string, start int) (size, from int, err error) {
	v := validate.New(ErrInvalidParams, vendor, op).Check(start >= 0, "start", "must not be negative")
	size, from = DefaultPageSize, start
	if o != nil {
		if o.PageSize != 0 {
			size = o.PageSize
			v.Between("PageSize", o.PageSize, 1, MaxPageSize, true)
		}
		if o.PageToken != "" {
			n, perr := strconv.Atoi(o.PageToken)
			v.Check(perr == nil && n >= 0, "PageToken", "is not a token this package issued (a page's NextPageToken)").
				Check(start == 0, "start", "must be 0 when PageToken is set")
			from = n
		}
	}
	return size, from, v.Err()
}

// pageToken is the NextPageToken of a page whose follower starts at next
// (0: there is none). The token is the start index; callers treat it as
// opaque.
func pageToken(next int) string {
	if next == 0 {
		return ""
	}
	return strconv.Itoa(next)
}

// offsetCursor is where a walk stands: the start of the page to fetch, and
// the first id of the page before it, which a server that ignores start
// would send again.
type offsetCursor struct {
	start     int
	prevFirst int64
}

// offsetPage is one decoded page.
type offsetPage[P any] struct {
	items []P
	total int // -1 when the server sent none
	// next is the cursor of the following page; next.start is 0 after the
	// last page.
	next offsetCursor
}

// lister fetches the pages of one list endpoint. decode reads an answer
// into its items, the number of entries the server sent (null ones
// included), the total, and the id of the first item (0 if none).
type lister[P any] struct {
	c      *Client
	op     *transport.Operation
	path   []string
	decode func(resp *transport.Response, body *pageBody) ([]P, int, int64, error)
}

// itemLister is the lister of a list whose items are objects (groups,
// users), of which null entries are dropped.
func itemLister[T any, P listed[T]](c *Client, op *transport.Operation, path []string, items func(*pageBody) []P) *lister[P] {
	return &lister[P]{c: c, op: op, path: path, decode: func(_ *transport.Response, b *pageBody) ([]P, int, int64, error) {
		got, n, first := present[T](c, items(b))
		return got, n, first, nil
	}}
}

// pageBody is the answer of every list endpoint, read in one pass: the
// items field is "groups", "users" or "permissions".
type pageBody struct {
	Total       *flexInt               `json:"total"`
	Groups      []*Group               `json:"groups"`
	Users       []*User                `json:"users"`
	Permissions map[string]*flexString `json:"permissions"`
}

// fetch returns the page at cur.
func (l *lister[P]) fetch(ctx context.Context, cur offsetCursor, size int, callOpts []CallOption) (offsetPage[P], error) {
	var body pageBody
	q := pageQuery{Start: cur.start, PageSize: size}
	resp, err := l.c.tc.Do(ctx, &transport.Request{Op: l.op, Path: l.path, Query: q}, &body, callOpts...)
	if err != nil {
		return offsetPage[P]{}, err
	}
	items, sent, first, err := l.decode(resp, &body)
	if err != nil {
		return offsetPage[P]{}, err
	}
	if cur.start > 0 && first != 0 && first == cur.prevFirst {
		return offsetPage[P]{}, malformed(resp, fmt.Errorf("%w: %w: the page at start=%d begins with id %d, as the page before it",
			transport.ErrMalformedResponse, paging.ErrOffsetLoop, cur.start, first))
	}
	total, next := pageEnd(body.Total, cur.start, size, sent)
	return offsetPage[P]{items: items, total: total, next: offsetCursor{start: next, prevFirst: first}}, nil
}

// all walks every page from start lazily. A page that held nothing but null
// entries is skipped rather than taken for the end.
func (l *lister[P]) all(ctx context.Context, start, size int, callOpts []CallOption) iter.Seq2[P, error] {
	return paging.Seq(ctx, offsetCursor{start: start}, func(ctx context.Context, cur offsetCursor) (paging.Page[P, offsetCursor], error) {
		for {
			p, err := l.fetch(ctx, cur, size, callOpts)
			if err != nil {
				return paging.Page[P, offsetCursor]{}, err
			}
			last := p.next.start == 0
			if len(p.items) > 0 || last {
				return paging.Page[P, offsetCursor]{Items: p.items, Next: p.next, Last: last}, nil
			}
			cur = p.next
		}
	}, paging.Prefetch(l.c.prefetch))
}

type pageQuery struct {
	Start    int `url:"start"`
	PageSize int `url:"pageSize"`
}

// pageEnd returns a page's total (-1 when the server did not send one) and
// where the next page starts (0 after the last page). n counts the entries
// the server sent, null ones included: the next start is the index after
// the last entry sent, whatever it held.
func pageEnd(total *flexInt, start, size, n int) (int, int) {
	t, more := -1, n >= size
	if total != nil {
		t = int(*total)
		more = start+n < t
	}
	if n == 0 || !more {
		return t, 0
	}
	return t, start + n
}

// present drops the null entries of a page and resolves the dates of the
// others, returning them, how many entries there were, and the first id.
func present[T any, P listed[T]](c *Client, sent []P) ([]P, int, int64) {
	items := make([]P, 0, len(sent))
	var first int64
	for _, it := range sent {
		if it == nil {
			continue
		}
		it.resolveDates(c)
		if len(items) == 0 {
			first = it.listID()
		}
		items = append(items, it)
	}
	return items, len(sent), first
}

// listed is an item of the groups and users lists.
type listed[T any] interface {
	*T
	resolveDates(*Client)
	listID() int64
}

// malformed is the error of a 2xx answer that does not hold what the
// operation returns.
func malformed(resp *transport.Response, err error) error {
	return &transport.RequestError{Vendor: vendor, Op: resp.Op, Method: resp.Method, Path: resp.Path,
		Attempts: resp.Attempts, StatusCode: resp.StatusCode, Err: err}
}

// nilPage is what a nil page's NextPage returns.
func nilPage(op *transport.Operation) error {
	return validate.New(ErrInvalidParams, vendor, op.Name).Check(false, "page", "must not be nil").Err()
}

// pageEnded says why a page's NextPage does not fetch: ErrNoMorePages after
// the last page, an ErrInvalidParams error for a page this package did not
// return; nil when it can fetch.
func pageEnded(op *transport.Operation, token string, fetchable bool) error {
	switch {
	case token == "":
		return ErrNoMorePages
	case !fetchable:
		return validate.New(ErrInvalidParams, vendor, op.Name).
			Check(false, "page", "was not returned by ListPage: resume from a saved token with ListOptions.PageToken").Err()
	}
	return nil
}

// quoteID is a server-sent id for an error message: cleaned and quoted.
func quoteID(raw string) string {
	return strconv.Quote(transport.Snippet([]byte(strings.TrimSpace(raw)), 64))
}
