package voltmx

import (
	"context"
	"iter"

	"github.com/grantkit/grantkit-go/internal/paging"
	"github.com/grantkit/grantkit-go/internal/transport"
	"github.com/grantkit/grantkit-go/internal/validate"
)

// listed is an item of a list endpoint: its dates are read in the client's
// server zone once decoded.
type listed[T any] interface {
	*T
	resolveDates(*Client)
}

// pageWire reads the answer of both list endpoints, {"total":N,"groups":[…]}
// and {"total":N,"users":[…]}, in one pass.
type pageWire[P any] struct {
	Total  *flexInt `json:"total"`
	Groups []P      `json:"groups"`
	Users  []P      `json:"users"`
}

// listAll walks a list endpoint's start/pageSize pages lazily.
func listAll[T any, P listed[T]](ctx context.Context, c *Client, op *transport.Operation, path []string, opts *ListOptions, callOpts []CallOption) iter.Seq2[P, error] {
	size, err := opts.pageSize(op.Name)
	if err != nil {
		return paging.Err[P](err)
	}
	return paging.Offset(ctx, size, func(ctx context.Context, start, limit int) ([]P, int, error) {
		items, total, _, err := fetchPage[T, P](ctx, c, op, path, start, limit, callOpts)
		return items, total, err
	})
}

// listPage checks a hand-paged call's options and fetches its page.
func listPage[T any, P listed[T]](ctx context.Context, c *Client, op *transport.Operation, path []string, start int, opts *ListOptions, callOpts []CallOption) ([]P, int, int, error) {
	size, err := opts.pageSize(op.Name)
	if err == nil {
		err = validate.New(ErrInvalidParams, vendor, op.Name).Check(start >= 0, "start", "must not be negative").Err()
	}
	if err != nil {
		return nil, 0, 0, err
	}
	return fetchPage[T, P](ctx, c, op, path, start, size, callOpts)
}

// fetchPage returns the items of the page at start, the total (-1 when the
// server sent none) and where the next page starts (0 after the last).
func fetchPage[T any, P listed[T]](ctx context.Context, c *Client, op *transport.Operation, path []string, start, size int, callOpts []CallOption) ([]P, int, int, error) {
	var out pageWire[P]
	q := pageQuery{Start: start, PageSize: size}
	if _, err := c.tc.Do(ctx, &transport.Request{Op: op, Path: path, Query: q}, &out, callOpts...); err != nil {
		return nil, 0, 0, err
	}
	sent := append(out.Groups, out.Users...)
	items := make([]P, 0, len(sent))
	for _, it := range sent {
		if it != nil {
			it.resolveDates(c)
			items = append(items, it)
		}
	}
	total, next := pageEnd(out.Total, start, size, len(sent))
	return items, total, next, nil
}

type pageQuery struct {
	Start    int `url:"start"`
	PageSize int `url:"pageSize"`
}

// pageEnd returns a page's total (-1 when the server did not send one) and
// where the next page starts (0 after the last page). n counts the entries
// the server sent, so that a null entry does not end the walk early.
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
