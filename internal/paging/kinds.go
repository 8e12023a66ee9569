package paging

import (
	"context"
	"errors"
	"fmt"
	"iter"
)

// ErrCursorLoop means a server answered a page with a link to that same
// page.
var ErrCursorLoop = errors.New("paging: next-page cursor does not advance")

// ErrNoMorePages is what a page's Next returns after the last page: the
// listing is complete. Every vendor package re-exports this one value.
var ErrNoMorePages = errors.New("no more pages")

// Cursor iterates pages linked by a next-page cursor (Reach 360's nextUrl):
// fetch is called with "" for the first page and returns the items and the
// next cursor, "" on the last page.
func Cursor[T any](ctx context.Context, fetch func(ctx context.Context, cursor string) ([]T, string, error), opts ...Option) iter.Seq2[T, error] {
	return Seq(ctx, "", func(ctx context.Context, cursor string) (Page[T, string], error) {
		items, next, err := fetch(ctx, cursor)
		if err == nil && next != "" && next == cursor {
			// A server that links a page to itself would be walked forever.
			return Page[T, string]{}, fmt.Errorf("%w: the next-page link repeats the current one", ErrCursorLoop)
		}
		return Page[T, string]{Items: items, Next: next, Last: next == ""}, err
	}, opts...)
}

// Offset iterates offset/limit pages. fetch returns the page at offset and
// the total count when the API reports one (negative when it does not). The
// walk ends at the total, or else at the first page shorter than limit.
func Offset[T any](ctx context.Context, limit int, fetch func(ctx context.Context, offset, limit int) ([]T, int, error), opts ...Option) iter.Seq2[T, error] {
	return Seq(ctx, 0, func(ctx context.Context, offset int) (Page[T, int], error) {
		items, total, err := fetch(ctx, offset, limit)
		next := offset + len(items)
		last := len(items) < limit
		if total >= 0 {
			last = next >= total
		}
		return Page[T, int]{Items: items, Next: next, Last: last}, err
	}, opts...)
}

// Err returns an iterator that yields err once and ends: what a list method
// returns when its parameters are refused before any request.
func Err[T any](err error) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		yield(zero, err)
	}
}
