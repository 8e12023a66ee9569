package bench

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/grantkit/grantkit-go/reach360"
	"github.com/grantkit/grantkit-go/reach360/reach360test"
)

// coalescing is the request-coalescing prototype BENCHMARKS.md discusses,
// as a RoundTripper under the SDK: a GET identical (URL and every header)
// to one in flight waits for that one's answer instead of being sent, and
// each waiter gets its own copy of the body. It is not in the SDK; see
// BENCHMARKS.md for why.
type coalescing struct {
	next     http.RoundTripper
	mu       sync.Mutex
	inflight map[string]*flight
}

type flight struct {
	done   chan struct{}
	resp   *http.Response
	body   []byte
	err    error
	joined int
}

func (c *coalescing) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Method != http.MethodGet {
		return c.next.RoundTrip(r)
	}
	var key bytes.Buffer
	key.WriteString(r.URL.String())
	_ = r.Header.Write(&key)
	c.mu.Lock()
	f, joined := c.inflight[key.String()]
	if !joined {
		f = &flight{done: make(chan struct{})}
		c.inflight[key.String()] = f
	}
	f.joined++
	c.mu.Unlock()
	if !joined {
		f.resp, f.err = c.next.RoundTrip(r)
		if f.err == nil {
			f.body, f.err = io.ReadAll(f.resp.Body)
			f.resp.Body.Close()
		}
		c.mu.Lock()
		delete(c.inflight, key.String())
		c.mu.Unlock()
		close(f.done)
	} else {
		select {
		case <-f.done:
		case <-r.Context().Done():
			return nil, r.Context().Err()
		}
	}
	if f.err != nil {
		return nil, f.err
	}
	resp := *f.resp
	resp.Header = f.resp.Header.Clone()
	resp.Body = io.NopCloser(bytes.NewReader(f.body))
	resp.Request = r
	return &resp, nil
}

// BenchmarkP6Coalesce makes bursts of p4Callers identical Groups.Get calls
// at once through one client, with and without the coalescing prototype,
// and reports the requests that reached the fake per burst.
func BenchmarkP6Coalesce(b *testing.B) {
	srv := reach360test.NewServer(b)
	srv.SetLatency(2 * time.Millisecond) // so that the calls overlap
	g := srv.AddGroup("Engineering onboarding cohort")
	for _, on := range []bool{false, true} {
		b.Run("coalesce="+strconv.FormatBool(on), func(b *testing.B) {
			t := srv.Transport()
			t.MaxIdleConnsPerHost = p4Pool
			var rt http.RoundTripper = t
			if on {
				rt = &coalescing{next: t, inflight: map[string]*flight{}}
			}
			c, err := reach360.NewClient(srv.APIKey(), reach360.WithBaseURL(srv.URL), reach360.WithHTTPClient(&http.Client{Transport: rt}))
			must(b, err)
			call := func(ctx context.Context) error {
				got, err := c.Groups.Get(ctx, g.ID)
				if err == nil && got.ID != g.ID {
					err = errWrongGroup
				}
				return err
			}
			requests := 0
			for b.Loop() {
				srv.ResetRequests()
				if failed, first := burst(b.Context(), call); failed > 0 {
					b.Fatalf("%d calls failed: %v", failed, first)
				}
				requests += srv.RequestCount()
			}
			b.ReportMetric(float64(requests)/float64(b.N), "requests/op")
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*p4Callers), "ns/call")
		})
	}
}
