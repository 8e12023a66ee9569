package reach360

import (
	"context"
	"iter"

	"github.com/grantkit/grantkit-go/internal/paging"
	"github.com/grantkit/grantkit-go/internal/transport"
)

// walk iterates a list: first is the first page's request, later pages are
// the server's nextUrl links, followed as sent (they carry the limit and
// filters). opts are the caller's call options, applied to every page.
func walk[T any](ctx context.Context, c *Client, first *transport.Request,
	fetch func(context.Context, *transport.Request, []CallOption) ([]T, string, error), opts []CallOption) iter.Seq2[T, error] {
	return paging.Cursor(ctx, func(ctx context.Context, next string) ([]T, string, error) {
		r := first
		if next != "" {
			r = c.linkRequest(first.Op, next)
		}
		return fetch(ctx, r, opts)
	}, paging.Prefetch(c.prefetch))
}

// listRequest checks a sub-list's owner id (named idField) and options and
// returns the request for its first page.
func listRequest(op *transport.Operation, opts *ListOptions, idField, id string, path ...string) (*transport.Request, error) {
	if opts == nil {
		opts = &ListOptions{}
	}
	if err := checkLimit(check(op).NotEmpty(idField, id), opts.Limit).Err(); err != nil {
		return nil, err
	}
	return &transport.Request{Op: op, Path: path, Query: *opts}, nil
}
