package bench

import (
	"context"
	"fmt"
	"net/http"
	"runtime"
	"strconv"
	"testing"
	"testing/synctest"
	"time"

	"github.com/grantkit/grantkit-go/internal/fakekit"
	"github.com/grantkit/grantkit-go/reach360"
	"github.com/grantkit/grantkit-go/reach360/reach360test"
)

// P2: 100,000 groups in 1,000 pages of 100 (the built-in "Everyone" group
// and 99,999 seeded ones).
const (
	p2Groups   = 100_000
	p2PageSize = 100
	p2Pages    = p2Groups / p2PageSize
)

// p2Server starts a Reach 360 fake holding p2Groups groups.
func p2Server(tb testing.TB, opts ...fakekit.Option) *reach360test.Server {
	srv := reach360test.NewServer(tb, opts...)
	for i := range p2Groups - 1 {
		srv.AddGroup("group " + strconv.Itoa(i))
	}
	return srv
}

func p2Client(tb testing.TB, srv *reach360test.Server, hc *http.Client, prefetch bool) *reach360.Client {
	c, err := reach360.NewClient(srv.APIKey(), reach360.WithBaseURL(srv.URL),
		reach360.WithHTTPClient(hc), reach360.WithPrefetch(prefetch))
	must(tb, err)
	return c
}

// walkGroups iterates every group a page at a time. At the end of each
// page it clears the fake's request record (the fake's memory, which grows
// with requests, is not the SDK's) and calls atPage with the page's number,
// counting from 1. It fails unless it saw every group.
func walkGroups(ctx context.Context, srv *reach360test.Server, c *reach360.Client, atPage func(page int)) error {
	n := 0
	for g, err := range c.Groups.List(ctx, &reach360.ListGroupsOptions{Limit: p2PageSize}) {
		if err != nil {
			return err
		}
		if g.ID == "" {
			return fmt.Errorf("group %d has no id", n)
		}
		if n++; n%p2PageSize == 0 {
			srv.ResetRequests()
			if atPage != nil {
				atPage(n / p2PageSize)
			}
		}
	}
	if n != p2Groups {
		return fmt.Errorf("walked %d groups, want %d", n, p2Groups)
	}
	return nil
}

// heapNow collects garbage (twice, so that sync.Pool caches are emptied
// too) and reads the heap: HeapAlloc, the bytes of live objects, and
// HeapInuse, the bytes of the spans holding them.
func heapNow() (alloc, inuse uint64) {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc, ms.HeapInuse
}

// heapProfile is what a walk of every page holds at its page ends, in bytes
// above what the program held before the walk (the fake's 100,000 groups
// above all): after the first page, at its largest, and at its largest in
// each half of the walk.
type heapProfile struct {
	baseAlloc             uint64
	page1, page1Inuse     uint64
	peak, peakInuse       uint64
	peakPage              int
	firstHalf, secondHalf uint64
	samples               int
}

// heapWalk walks every page with c, calling work at each page end, and
// reads the heap at the end of the first page and of every every-th page.
func heapWalk(ctx context.Context, srv *reach360test.Server, c *reach360.Client, every int, work func()) (heapProfile, error) {
	var p heapProfile
	baseAlloc, baseInuse := heapNow()
	p.baseAlloc = baseAlloc
	err := walkGroups(ctx, srv, c, func(page int) {
		if work != nil {
			work()
		}
		if page != 1 && page%every != 0 {
			return
		}
		alloc, inuse := heapNow()
		alloc, inuse = alloc-min(alloc, baseAlloc), inuse-min(inuse, baseInuse)
		if page == 1 {
			p.page1, p.page1Inuse = alloc, inuse
		}
		if alloc > p.peak {
			p.peak, p.peakPage = alloc, page
		}
		p.peakInuse = max(p.peakInuse, inuse)
		if page <= p2Pages/2 {
			p.firstHalf = max(p.firstHalf, alloc)
		} else {
			p.secondHalf = max(p.secondHalf, alloc)
		}
		p.samples++
	})
	return p, err
}

func (p heapProfile) String() string {
	return fmt.Sprintf("live heap above the %d B before the walk: page 1 %d B (spans in use %d B), peak %d B at page %d (spans %d B); "+
		"largest in pages 1-%d %d B, in pages %d-%d %d B; %d page ends read",
		p.baseAlloc, p.page1, p.page1Inuse, p.peak, p.peakPage, p.peakInuse,
		p2Pages/2, p.firstHalf, p2Pages/2+1, p2Pages, p.secondHalf, p.samples)
}

// flat reports an error if the second half of the walk held more than the
// first, give or take half of what the walk held after one page: a walk
// that kept 70 bytes a page would fail.
func (p heapProfile) flat() error {
	if p.secondHalf > p.firstHalf+p.page1/2 {
		return fmt.Errorf("the walk held up to %d B in its second half and %d B in its first: the heap grows with the pages walked",
			p.secondHalf, p.firstHalf)
	}
	return nil
}

// TestP2Walk walks 1,000 pages from a server that takes D to answer each,
// with a consumer that spends D on each, once page by page and once with
// WithPrefetch, in a synctest bubble where time is virtual and exact. The
// heap the walk holds must stay flat, and prefetching must bring the total
// to at most 0.6 of the sequential walk (ideally 1,001 D against 2,000 D).
func TestP2Walk(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		const d = 10 * time.Millisecond
		srv := p2Server(t, fakekit.InMemory())
		srv.SetLatency(d)
		hc := &http.Client{Transport: srv.Transport()}
		elapsed := map[bool]time.Duration{}
		for _, prefetch := range []bool{false, true} {
			c := p2Client(t, srv, hc, prefetch)
			start := time.Now()
			p, err := heapWalk(t.Context(), srv, c, 50, func() { time.Sleep(d) })
			elapsed[prefetch] = time.Since(start)
			must(t, err)
			t.Logf("prefetch=%v: %v", prefetch, p)
			if err := p.flat(); err != nil {
				t.Errorf("prefetch=%v: %v", prefetch, err)
			}
		}
		ratio := float64(elapsed[true]) / float64(elapsed[false])
		t.Logf("virtual time, %d pages at D=%v: sequential %v (%.0f D), prefetch %v (%.0f D), ratio %.4f",
			p2Pages, d, elapsed[false], float64(elapsed[false])/float64(d), elapsed[true], float64(elapsed[true])/float64(d), ratio)
		if ratio > 0.6 {
			t.Errorf("prefetch took %.3f of the sequential time, want <= 0.6", ratio)
		}
	})
}

// p2Latency is the server's latency per page in BenchmarkP2Walk; the
// consumer spends as long on each page.
const p2Latency = 2 * time.Millisecond

// BenchmarkP2Walk times walks of every page on loopback TCP in real time:
// without latency (the cost of walking 100,000 groups), and with p2Latency
// at the server and as much work per page at the consumer, page by page
// and prefetched. Compare the two with benchstat -col /prefetch.
func BenchmarkP2Walk(b *testing.B) {
	srv := p2Server(b)
	hc := benchClient(srv.Server, sequentialPool)
	for _, d := range []time.Duration{0, p2Latency} {
		for _, prefetch := range []bool{false, true} {
			b.Run(fmt.Sprintf("latency=%v/prefetch=%v", d, prefetch), func(b *testing.B) {
				srv.SetLatency(d)
				defer srv.SetLatency(0)
				c := p2Client(b, srv, hc, prefetch)
				var work func(int)
				if d > 0 {
					work = func(int) { time.Sleep(d) }
				}
				b.ReportAllocs()
				for b.Loop() {
					if err := walkGroups(b.Context(), srv, c, work); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*p2Groups), "ns/group")
			})
		}
	}
}

// BenchmarkP2Heap reports what a walk of every page on loopback TCP holds,
// reading the heap at every 10th page end (one iteration is enough: the
// numbers do not depend on timing), in bytes above the heap before the
// walk: after the first page, at its largest, and at its largest in each
// half of the walk.
func BenchmarkP2Heap(b *testing.B) {
	srv := p2Server(b)
	hc := benchClient(srv.Server, sequentialPool)
	for _, prefetch := range []bool{false, true} {
		b.Run("prefetch="+strconv.FormatBool(prefetch), func(b *testing.B) {
			c := p2Client(b, srv, hc, prefetch)
			var p heapProfile
			for b.Loop() {
				var err error
				if p, err = heapWalk(b.Context(), srv, c, 10, nil); err != nil {
					b.Fatal(err)
				}
			}
			if err := p.flat(); err != nil {
				b.Error(err)
			}
			b.ReportMetric(float64(p.page1), "page1-B")
			b.ReportMetric(float64(p.peak), "peak-B")
			b.ReportMetric(float64(p.peak)/float64(p.page1), "peak/page1")
			b.ReportMetric(float64(p.firstHalf), "half1-B")
			b.ReportMetric(float64(p.secondHalf), "half2-B")
			b.ReportMetric(float64(p.peakInuse), "peak-inuse-B")
		})
	}
}

// spin keeps a CPU busy for d of wall time: a consumer that computes
// rather than waits.
func spin(d time.Duration) {
	for start := time.Now(); time.Since(start) < d; {
	}
}

// BenchmarkP2Prefetch measures prefetching against its ideal in real
// time, on loopback TCP: the server waits p2Latency before each page, and
// the consumer spends p2Latency on each, sleeping or computing (spin). A
// page walked with prefetch ideally costs max(server, consumer): the
// consumer's p2Latency, or a page fetched without a consumer (measured
// first, in the same run, as server-ns/page) if that is longer. x-ideal
// is the measured cost per page over that ideal (the goal is 1.10 at
// most); sequential runs are there to compare.
func BenchmarkP2Prefetch(b *testing.B) {
	srv := p2Server(b)
	hc := benchClient(srv.Server, sequentialPool)
	srv.SetLatency(p2Latency)
	defer srv.SetLatency(0)
	// The server's cost per page, fetched one after the other with
	// nothing to do in between.
	c := p2Client(b, srv, hc, false)
	start := time.Now()
	must(b, walkGroups(b.Context(), srv, c, nil))
	server := time.Since(start) / p2Pages
	for _, consumer := range []string{"sleep", "cpu"} {
		work := func(int) { time.Sleep(p2Latency) }
		if consumer == "cpu" {
			work = func(int) { spin(p2Latency) }
		}
		for _, prefetch := range []bool{false, true} {
			b.Run(fmt.Sprintf("consumer=%s/prefetch=%v", consumer, prefetch), func(b *testing.B) {
				c := p2Client(b, srv, hc, prefetch)
				for b.Loop() {
					if err := walkGroups(b.Context(), srv, c, work); err != nil {
						b.Fatal(err)
					}
				}
				perPage := b.Elapsed() / time.Duration(b.N*p2Pages)
				b.ReportMetric(float64(perPage.Nanoseconds()), "ns/page")
				b.ReportMetric(float64(server.Nanoseconds()), "server-ns/page")
				b.ReportMetric(float64(perPage)/float64(max(server, p2Latency)), "x-ideal")
			})
		}
	}
}
