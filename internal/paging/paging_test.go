package paging_test

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/grantkit/grantkit-go/internal/paging"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// pages serves numbered items from a fixed list of page sizes through a
// cursor fetch, counting calls and recording the cursors asked for.
type pages struct {
	sizes   []int
	failAt  int // 1-based page that fails; 0: none
	delay   time.Duration
	mu      sync.Mutex
	cursors []string
	calls   atomic.Int32
	active  atomic.Int32 // fetches running now
	maxAct  atomic.Int32
	onStart func(page int)
}

var errPage = errors.New("page failed")

func (p *pages) fetch(ctx context.Context, cursor string) ([]int, string, error) {
	p.calls.Add(1)
	p.mu.Lock()
	p.cursors = append(p.cursors, cursor)
	p.mu.Unlock()
	n := 0
	if cursor != "" {
		n, _ = strconv.Atoi(cursor)
	}
	if p.onStart != nil {
		p.onStart(n + 1)
	}
	act := p.active.Add(1)
	defer p.active.Add(-1)
	for {
		m := p.maxAct.Load()
		if act <= m || p.maxAct.CompareAndSwap(m, act) {
			break
		}
	}
	if p.delay > 0 {
		select {
		case <-time.After(p.delay):
		case <-ctx.Done():
			return nil, "", ctx.Err()
		}
	}
	if p.failAt == n+1 {
		return nil, "", errPage
	}
	start := 0
	for _, s := range p.sizes[:n] {
		start += s
	}
	items := make([]int, p.sizes[n])
	for i := range items {
		items[i] = start + i
	}
	next := ""
	if n+1 < len(p.sizes) {
		next = strconv.Itoa(n + 1)
	}
	return items, next, nil
}

func collect(t *testing.T, seq iter.Seq2[int, error]) ([]int, []error) {
	t.Helper()
	var items []int
	var errs []error
	for it, err := range seq {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		items = append(items, it)
	}
	return items, errs
}

func seqOf(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}

var modes = []struct {
	name string
	opts []paging.Option
}{
	{"plain", nil},
	{"prefetch", []paging.Option{paging.Prefetch(true)}},
}

func TestCursorWalksAllPages(t *testing.T) {
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			p := &pages{sizes: []int{3, 3, 2}}
			items, errs := collect(t, paging.Cursor(t.Context(), p.fetch, m.opts...))
			assert.Empty(t, errs)
			assert.Equal(t, seqOf(8), items)
			assert.Equal(t, []string{"", "1", "2"}, p.cursors, "stops at the empty cursor")
		})
	}
}

func TestCursorEmptyPageEnds(t *testing.T) {
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			p := &pages{sizes: []int{2, 0, 5}}
			items, _ := collect(t, paging.Cursor(t.Context(), p.fetch, m.opts...))
			assert.Equal(t, seqOf(2), items)
			assert.Equal(t, int32(2), p.calls.Load(), "an empty page ends the walk even with a cursor, so a server bug cannot loop forever")
		})
	}
}

func TestLazy(t *testing.T) {
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			p := &pages{sizes: []int{2, 2}}
			seq := paging.Cursor(t.Context(), p.fetch, m.opts...)
			assert.Equal(t, int32(0), p.calls.Load(), "no fetch before the first pull")
			next, stop := iter.Pull2(seq)
			defer stop()
			v, err, ok := next()
			require.True(t, ok)
			require.NoError(t, err)
			assert.Equal(t, 0, v)
			assert.GreaterOrEqual(t, p.calls.Load(), int32(1))
		})
	}
}

func TestEarlyBreakFetchesNoMore(t *testing.T) {
	p := &pages{sizes: []int{3, 3, 3}}
	for it, err := range paging.Cursor(t.Context(), p.fetch) {
		require.NoError(t, err)
		if it == 1 {
			break
		}
	}
	assert.Equal(t, int32(1), p.calls.Load())

	p = &pages{sizes: []int{3, 3, 3}}
	for it := range paging.Cursor(t.Context(), p.fetch) {
		if it == 3 { // first item of page 2
			break
		}
	}
	assert.Equal(t, int32(2), p.calls.Load())
}

func TestErrorYieldsOnceAndEnds(t *testing.T) {
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			p := &pages{sizes: []int{2, 2, 2}, failAt: 2}
			var got []string
			errs := 0
			for it, err := range paging.Cursor(t.Context(), p.fetch, m.opts...) {
				if err != nil {
					assert.ErrorIs(t, err, errPage)
					assert.Zero(t, it)
					got = append(got, "err")
					if errs++; errs > 1 {
						t.Error("the iterator went on after an error")
						break
					}
					continue // a caller that keeps going still gets nothing more
				}
				got = append(got, strconv.Itoa(it))
			}
			assert.Equal(t, []string{"0", "1", "err"}, got)
			assert.Equal(t, int32(2), p.calls.Load())
		})
	}
}

func TestFirstPageError(t *testing.T) {
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			p := &pages{sizes: []int{2}, failAt: 1}
			items, errs := collect(t, paging.Cursor(t.Context(), p.fetch, m.opts...))
			assert.Empty(t, items)
			require.Len(t, errs, 1)
			assert.ErrorIs(t, errs[0], errPage)
		})
	}
}

// offsetSource serves total items by offset and limit.
type offsetSource struct {
	total  int
	report bool // report the total
	calls  [][2]int
}

func (s *offsetSource) fetch(_ context.Context, offset, limit int) ([]string, int, error) {
	s.calls = append(s.calls, [2]int{offset, limit})
	var items []string
	for i := offset; i < min(offset+limit, s.total); i++ {
		items = append(items, fmt.Sprintf("item-%d", i))
	}
	total := -1
	if s.report {
		total = s.total
	}
	return items, total, nil
}

func TestOffset(t *testing.T) {
	tests := []struct {
		name      string
		total     int
		report    bool
		limit     int
		wantCalls [][2]int
	}{
		{"stops at the total", 5, true, 2, [][2]int{{0, 2}, {2, 2}, {4, 2}}},
		{"stops at the total on a full page", 4, true, 2, [][2]int{{0, 2}, {2, 2}}},
		{"stops at a short page", 5, false, 2, [][2]int{{0, 2}, {2, 2}, {4, 2}}},
		{"unknown total, exact multiple: one empty page", 4, false, 2, [][2]int{{0, 2}, {2, 2}, {4, 2}}},
		{"empty", 0, true, 10, [][2]int{{0, 10}}},
		{"one page", 3, false, 10, [][2]int{{0, 10}}},
	}
	for _, tt := range tests {
		for _, m := range modes {
			t.Run(tt.name+"/"+m.name, func(t *testing.T) {
				src := &offsetSource{total: tt.total, report: tt.report}
				var items []string
				for it, err := range paging.Offset(t.Context(), tt.limit, src.fetch, m.opts...) {
					require.NoError(t, err)
					items = append(items, it)
				}
				require.Len(t, items, tt.total)
				for i, it := range items {
					assert.Equal(t, fmt.Sprintf("item-%d", i), it)
				}
				assert.Equal(t, tt.wantCalls, src.calls)
			})
		}
	}
}

// A total that says more than the server delivers must not loop forever.
func TestOffsetTotalLies(t *testing.T) {
	calls := 0
	fetch := func(_ context.Context, offset, limit int) ([]int, int, error) {
		calls++
		if offset >= 3 {
			return nil, 100, nil
		}
		return []int{offset, offset + 1, offset + 2}[:min(3, limit)], 100, nil
	}
	var n int
	for range paging.Offset(t.Context(), 3, fetch) {
		n++
	}
	assert.Equal(t, 3, n)
	assert.Equal(t, 2, calls)
}

func TestSeqPassesCursorAndContext(t *testing.T) {
	type key struct{}
	ctx := context.WithValue(t.Context(), key{}, "v")
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			var seen []int
			fetch := func(ctx context.Context, c int) (paging.Page[string, int], error) {
				assert.Equal(t, "v", ctx.Value(key{}))
				seen = append(seen, c)
				return paging.Page[string, int]{Items: []string{"x"}, Next: c * 10, Last: c >= 100}, nil
			}
			var n int
			for range paging.Seq(ctx, 1, fetch, m.opts...) {
				n++
			}
			assert.Equal(t, 3, n)
			assert.Equal(t, []int{1, 10, 100}, seen)
		})
	}
}

func TestPrefetchAtMostOnePageAhead(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		p := &pages{sizes: []int{2, 2, 2, 2, 2, 2}}
		page := 0
		for it, err := range paging.Cursor(t.Context(), p.fetch, paging.Prefetch(true)) {
			require.NoError(t, err)
			if it%2 == 0 {
				page++
			}
			// Let any eager fetcher run as far as it would go.
			synctest.Wait()
			time.Sleep(time.Second)
			assert.LessOrEqual(t, p.calls.Load(), int32(page+1), "at item %d of page %d", it, page)
		}
		assert.Equal(t, int32(6), p.calls.Load())
		assert.Equal(t, int32(1), p.maxAct.Load(), "one fetch at a time")
	})
}

func TestPrefetchPreservesOrder(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		sizes := []int{3, 1, 4, 1, 5, 9, 2, 6}
		p := &pages{sizes: sizes, delay: 10 * time.Millisecond}
		total := 0
		for _, s := range sizes {
			total += s
		}
		items, errs := collect(t, paging.Cursor(t.Context(), p.fetch, paging.Prefetch(true)))
		assert.Empty(t, errs)
		assert.Equal(t, seqOf(total), items)
	})
}

func TestPrefetchCancelledAndWaitedForOnBreak(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var sawCancel, finished atomic.Bool
		fetches := atomic.Int32{}
		fetch := func(ctx context.Context, cursor string) ([]int, string, error) {
			if fetches.Add(1) == 1 {
				return []int{1, 2}, "next", nil
			}
			defer finished.Store(true)
			select {
			case <-ctx.Done():
				sawCancel.Store(true)
				return nil, "", ctx.Err()
			case <-time.After(time.Hour):
				return []int{3}, "", nil
			}
		}
		before := goleak.IgnoreCurrent()
		start := time.Now()
		for it := range paging.Cursor(t.Context(), fetch, paging.Prefetch(true)) {
			if it == 1 {
				synctest.Wait() // the prefetch of page 2 is in flight
				require.Equal(t, int32(2), fetches.Load())
				break
			}
		}
		assert.True(t, sawCancel.Load(), "the prefetch is cancelled when the caller stops")
		assert.True(t, finished.Load(), "the loop waits for the prefetch to end")
		assert.Less(t, time.Since(start), time.Hour)
		goleak.VerifyNone(t, before)
	})
}

func TestPrefetchCancelledOnParentContext(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		p := &pages{sizes: []int{1, 1, 1}, delay: time.Hour}
		ctx, cancel := context.WithTimeout(t.Context(), 90*time.Minute)
		defer cancel()
		items, errs := collect(t, paging.Cursor(ctx, p.fetch, paging.Prefetch(true)))
		assert.Equal(t, []int{0}, items)
		require.Len(t, errs, 1)
		assert.ErrorIs(t, errs[0], context.DeadlineExceeded)
	})
}

// A fetch taking D and a consumer spending D on each page overlap: the walk
// takes about (pages+1)·D instead of 2·pages·D.
func TestPrefetchOverlapsFetchAndWork(t *testing.T) {
	const D = time.Second
	const n = 5
	for _, tt := range []struct {
		name string
		opts []paging.Option
		want time.Duration
	}{
		{"prefetch", []paging.Option{paging.Prefetch(true)}, (n + 1) * D},
		{"plain", nil, 2 * n * D},
	} {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				p := &pages{sizes: []int{4, 4, 4, 4, 4}, delay: D}
				start := time.Now()
				for _, err := range paging.Cursor(t.Context(), p.fetch, tt.opts...) {
					require.NoError(t, err)
					time.Sleep(D / 4)
				}
				assert.Equal(t, tt.want, time.Since(start))
			})
		})
	}
}

func TestCursorThatRepeatsItselfEnds(t *testing.T) {
	calls := 0
	var got []int
	var gotErr error
	for v, err := range paging.Cursor(context.Background(), func(_ context.Context, cursor string) ([]int, string, error) {
		calls++
		if calls > 3 {
			t.Fatal("kept fetching a page that links to itself")
		}
		return []int{calls}, "page-2", nil
	}) {
		if err != nil {
			gotErr = err
			break
		}
		got = append(got, v)
	}
	assert.ErrorIs(t, gotErr, paging.ErrCursorLoop)
	assert.Equal(t, []int{1}, got, "the first page's items, then the error for the second")
	assert.Equal(t, 2, calls)
}

// Links that lead back to a page already fetched (1 → 2 → 3 → 2) end the
// walk too, in both modes: the page with the link back is the error, as a
// page that links to itself is; the next walk starts afresh.
func TestCursorCycleEnds(t *testing.T) {
	next := map[string]string{"": "p2", "p2": "p3", "p3": "p2"}
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			var calls atomic.Int32
			seq := paging.Cursor(t.Context(), func(_ context.Context, cursor string) ([]string, string, error) {
				if calls.Add(1) > 5 {
					t.Error("kept walking a cycle of links")
					return nil, "", errPage
				}
				return []string{"item@" + cursor}, next[cursor], nil
			}, m.opts...)
			for range 2 {
				calls.Store(0)
				items, errs := collectStrings(seq)
				assert.Equal(t, []string{"item@", "item@p2"}, items)
				require.Len(t, errs, 1)
				assert.ErrorIs(t, errs[0], paging.ErrCursorLoop)
				assert.Equal(t, int32(3), calls.Load())
			}
		})
	}
}

// A long cycle (pages 1 to 40, then 11 to 40 again and again) ends too,
// once it has been walked at most once more.
func TestCursorLongCycleEnds(t *testing.T) {
	calls := 0
	var errs []error
	for _, err := range paging.Cursor(t.Context(), func(_ context.Context, cursor string) ([]int, string, error) {
		if calls++; calls > 200 {
			t.Fatal("kept walking a cycle of links")
		}
		n := 0
		if cursor != "" {
			n, _ = strconv.Atoi(cursor)
		}
		next := n + 1
		if next > 40 {
			next = 11
		}
		return []int{n}, strconv.Itoa(next), nil
	}) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], paging.ErrCursorLoop)
	assert.LessOrEqual(t, calls, 40+2*30, "the cycle of 30 pages is walked at most twice")
}

// A server that ignores the offset answers every page with the first one:
// the walk yields that page once, then ends with ErrOffsetLoop.
func TestOffsetIgnoredEnds(t *testing.T) {
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			var calls atomic.Int32
			fetch := func(_ context.Context, offset, limit int) ([]string, int, error) {
				if calls.Add(1) > 3 {
					t.Error("kept fetching a page that ignores its offset")
					return nil, -1, errPage
				}
				return []string{"a", "b"}, -1, nil // whatever the offset
			}
			var got []string
			var errs []error
			for it, err := range paging.OffsetKeyed(t.Context(), 2, func(s string) string { return s }, fetch, m.opts...) {
				if err != nil {
					errs = append(errs, err)
					continue
				}
				got = append(got, it)
			}
			assert.Equal(t, []string{"a", "b"}, got)
			require.Len(t, errs, 1)
			assert.ErrorIs(t, errs[0], paging.ErrOffsetLoop)
			assert.Equal(t, int32(2), calls.Load())
		})
	}
}

// Pages that merely look alike (same length, other items) go on; the check
// is per walk, so ranging again over an iterator whose last page was full
// does not mistake its first page for a repeat.
func TestOffsetKeyedWalksDistinctPages(t *testing.T) {
	src := &offsetSource{total: 4, report: true}
	seq := paging.OffsetKeyed(t.Context(), 2, func(s string) string { return s }, src.fetch)
	for range 2 {
		items, errs := collectStrings(seq)
		assert.Empty(t, errs)
		assert.Equal(t, []string{"item-0", "item-1", "item-2", "item-3"}, items)
	}
	assert.Equal(t, [][2]int{{0, 2}, {2, 2}, {0, 2}, {2, 2}}, src.calls)

	// Without a key nothing is compared: Offset is OffsetKeyed with nil.
	n := 0
	for _, err := range paging.Offset(t.Context(), 2, func(_ context.Context, offset, _ int) ([]int, int, error) {
		n++
		return []int{1, 2}, 6, nil
	}) {
		require.NoError(t, err)
	}
	assert.Equal(t, 3, n, "the total ends the walk")
}

func TestRepeatedPage(t *testing.T) {
	id := func(s string) string { return s }
	assert.NoError(t, paging.RepeatedPage(nil, []string{"a"}, id))
	assert.NoError(t, paging.RepeatedPage([]string{"a"}, nil, id), "an empty page is not a repeat")
	assert.NoError(t, paging.RepeatedPage([]string{"a", "b"}, []string{"a"}, id))
	assert.NoError(t, paging.RepeatedPage([]string{"a", "b"}, []string{"b", "a"}, id))
	assert.ErrorIs(t, paging.RepeatedPage([]string{"a", "b"}, []string{"a", "b"}, id), paging.ErrOffsetLoop)
}

func collectStrings(seq iter.Seq2[string, error]) ([]string, []error) {
	var items []string
	var errs []error
	for it, err := range seq {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		items = append(items, it)
	}
	return items, errs
}
