package paging

import (
	"context"
	"errors"
	"fmt"
	"iter"
)

// ErrPageLoop means a server's paging does not advance: walking on would
// fetch the same page forever, so the walk ends with an error instead.
// ErrCursorLoop and ErrOffsetLoop say how; both match ErrPageLoop, which
// every vendor package re-exports.
var ErrPageLoop = errors.New("paging does not advance")

// ErrCursorLoop means a server answered a page with a link to a page it
// had already sent: that page itself, or one before it.
var ErrCursorLoop = fmt.Errorf("%w: the next-page cursor leads back to a page already fetched", ErrPageLoop)

// ErrOffsetLoop means a server answered the next offset with the page it
// had just sent: it ignores the offset. It is the offset twin of
// ErrCursorLoop.
var ErrOffsetLoop = fmt.Errorf("%w: the next page repeats the previous one (offset ignored)", ErrPageLoop)

// ErrNoMorePages is what a page's NextPage returns after the last page: the
// listing is complete. Every vendor package re-exports this one value.
var ErrNoMorePages = errors.New("no more pages")

// Cursor iterates pages linked by a next-page cursor (Reach 360's nextUrl):
// fetch is called with "" for the first page and returns the items and the
// next cursor, "" on the last page. A walk whose cursors come back to a page
// already fetched ends with ErrCursorLoop: at once for a page that links to
// itself, after at most one more round for a longer cycle.
func Cursor[T any](ctx context.Context, fetch func(ctx context.Context, cursor string) ([]T, string, error), opts ...Option) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		// Brent's cycle detection: one saved cursor, saved again after 1, 2,
		// 4, … steps, catches a cycle of any length in constant memory, so
		// a walk of a million pages holds no more than one of ten. The state
		// is per walk, so ranging over the iterator again starts afresh;
		// fetches run one after the other, in prefetch mode too.
		saved, power, steps := "", 1, 0
		Seq(ctx, "", func(ctx context.Context, cursor string) (Page[T, string], error) {
			items, next, err := fetch(ctx, cursor)
			if err != nil {
				return Page[T, string]{}, err
			}
			if next == "" {
				return Page[T, string]{Items: items, Last: true}, nil
			}
			if next == cursor || next == saved {
				return Page[T, string]{}, ErrCursorLoop
			}
			if steps++; steps == power {
				saved, power, steps = next, 2*power, 0
			}
			return Page[T, string]{Items: items, Next: next}, nil
		}, opts...)(yield)
	}
}

// Offset iterates offset/limit pages. fetch returns the page at offset and
// the total count when the API reports one (negative when it does not). The
// walk ends at the total, or else at the first page shorter than limit.
func Offset[T any](ctx context.Context, limit int, fetch func(ctx context.Context, offset, limit int) ([]T, int, error), opts ...Option) iter.Seq2[T, error] {
	return OffsetKeyed(ctx, limit, nil, fetch, opts...)
}

// OffsetKeyed is Offset for items with an identity: key returns an item's
// id. A page whose items repeat the page before it (see RepeatedPage) ends
// the walk with an error wrapping ErrOffsetLoop instead of yielding them
// again, page after page. A nil key checks nothing.
func OffsetKeyed[T any](ctx context.Context, limit int, key func(T) string, fetch func(ctx context.Context, offset, limit int) ([]T, int, error), opts ...Option) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		// prev is per walk, so ranging over the iterator again starts afresh;
		// fetches run one after the other, in prefetch mode too.
		var prev []T
		Seq(ctx, 0, func(ctx context.Context, offset int) (Page[T, int], error) {
			items, total, err := fetch(ctx, offset, limit)
			if err == nil && key != nil && offset > 0 {
				err = RepeatedPage(prev, items, key)
			}
			if err != nil {
				return Page[T, int]{}, err
			}
			prev = items
			next := offset + len(items)
			last := len(items) < limit
			if total >= 0 {
				last = next >= total
			}
			return Page[T, int]{Items: items, Next: next, Last: last}, nil
		}, opts...)(yield)
	}
}

// RepeatedPage returns ErrOffsetLoop when page holds the
// same items as prev, compared by key in order: what a server that ignores
// the offset answers for every page after the first. An empty page never
// repeats; it ends a walk anyway.
func RepeatedPage[T any](prev, page []T, key func(T) string) error {
	if len(page) == 0 || len(page) != len(prev) {
		return nil
	}
	for i := range page {
		if key(page[i]) != key(prev[i]) {
			return nil
		}
	}
	return ErrOffsetLoop
}

// Err returns an iterator that yields err once and ends: what a list method
// returns when its parameters are refused before any request.
func Err[T any](err error) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		yield(zero, err)
	}
}
