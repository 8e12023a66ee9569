// Package paging turns "fetch one page" functions into lazy iterators, for
// cursor pages (a next-page link) and offset pages (offset and limit).
package paging

import (
	"context"
	"iter"
)

// Page is one page of items and where the next one starts.
type Page[T, C any] struct {
	Items []T
	Next  C
	// Last reports that no page follows.
	Last bool
}

// Fetch returns the page starting at cursor.
type Fetch[T, C any] func(ctx context.Context, cursor C) (Page[T, C], error)

// Option changes how Seq walks pages.
type Option func(*config)

type config struct{ prefetch bool }

// Prefetch fetches the next page while the caller works on the current one.
// At most one page is fetched ahead, and the fetch is cancelled when the
// caller stops iterating.
func Prefetch(on bool) Option { return func(c *config) { c.prefetch = on } }

// Seq returns an iterator over every item of every page, starting at first.
// It is lazy: no request is sent before the first item is pulled, and none
// after the caller breaks. A failed fetch yields (zero, err) once and ends
// the iteration.
func Seq[T, C any](ctx context.Context, first C, fetch Fetch[T, C], opts ...Option) iter.Seq2[T, error] {
	var cfg config
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.prefetch {
		return prefetched(ctx, first, fetch)
	}
	return func(yield func(T, error) bool) {
		cursor := first
		for {
			page, err := fetch(ctx, cursor)
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			for _, it := range page.Items {
				if !yield(it, nil) {
					return
				}
			}
			if page.Last || len(page.Items) == 0 {
				return
			}
			cursor = page.Next
		}
	}
}

type result[T, C any] struct {
	page Page[T, C]
	err  error
}

func prefetched[T, C any](ctx context.Context, first C, fetch Fetch[T, C]) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		ctx, cancel := context.WithCancel(ctx)
		var pending chan result[T, C]
		defer func() {
			cancel()
			if pending != nil {
				// Wait for the page in flight so no goroutine outlives the loop.
				<-pending
			}
		}()
		start := func(cursor C) chan result[T, C] {
			ch := make(chan result[T, C], 1)
			go func() {
				p, err := fetch(ctx, cursor)
				ch <- result[T, C]{p, err}
			}()
			return ch
		}
		pending = start(first)
		for {
			r := <-pending
			pending = nil
			if r.err != nil {
				var zero T
				yield(zero, r.err)
				return
			}
			if !r.page.Last && len(r.page.Items) > 0 {
				pending = start(r.page.Next)
			}
			for _, it := range r.page.Items {
				if !yield(it, nil) {
					return
				}
			}
			if pending == nil {
				return
			}
		}
	}
}
