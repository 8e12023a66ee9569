package bench

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/grantkit/grantkit-go/alfaview"
	"github.com/grantkit/grantkit-go/reach360"
)

// BenchmarkP1Get measures the SDK's cost over a hand-written net/http
// call (P1), per vendor against three servers (see servers): the fake in
// process, a replay of its answers in another process, and the same replay
// in memory. Repeat whole runs, so that the two sides alternate and drift
// in the machine's load hits both, and compare the columns:
//
//	for i in $(seq 10); do go test -run '^$' -bench P1Get -benchmem -benchtime 2s ./internal/bench; done > p1.txt
//	benchstat -row /vendor,/server -col /impl p1.txt
func BenchmarkP1Get(b *testing.B) {
	for _, v := range getCases {
		b.Run("vendor="+v.vendor, func(b *testing.B) {
			gc := v.start(b, sequentialPool)
			for _, server := range servers {
				b.Run("server="+server, func(b *testing.B) {
					gc.rt.use(b, server)
					defer gc.rt.use(b, "inproc")
					for _, impl := range []struct {
						name string
						call func(b *testing.B) error
					}{
						{"hand", func(b *testing.B) error { return gc.hand(b.Context()) }},
						{"sdk", func(b *testing.B) error { return gc.sdk(b.Context()) }},
					} {
						b.Run("impl="+impl.name, func(b *testing.B) {
							// One call outside the timer, so both start with a
							// connection in the pool.
							must(b, impl.call(b))
							b.ReportAllocs()
							for i := 0; b.Loop(); i++ {
								if server == "inproc" && i%recordEvery == 0 {
									gc.srv.ResetRequests()
								}
								if err := impl.call(b); err != nil {
									b.Fatal(err)
								}
							}
						})
					}
				})
			}
		})
	}
}

// TestP1SameRequest checks that the benchmark compares like with like: for
// every vendor, the hand-written call sends what the SDK sends (method,
// path, query, headers, body up to alfaview's random request id) and reads
// the same object back.
func TestP1SameRequest(t *testing.T) {
	for _, v := range getCases {
		t.Run(v.vendor, func(t *testing.T) {
			gc := v.start(t, sequentialPool)
			gc.srv.ResetRequests()
			sdkOut, err := gc.sdkResult(t.Context())
			must(t, err)
			handOut, err := gc.handResult(t.Context())
			must(t, err)
			reqs := gc.srv.Requests()
			if len(reqs) != 2 {
				t.Fatalf("the fake saw %d requests, want 2 (no login: the session is warm)", len(reqs))
			}
			sdk, hand := reqs[0], reqs[1]
			if sdk.Method != hand.Method || sdk.Path != hand.Path || sdk.RawQuery != hand.RawQuery {
				t.Errorf("SDK sent %s %s?%s, hand-written %s %s?%s",
					sdk.Method, sdk.Path, sdk.RawQuery, hand.Method, hand.Path, hand.RawQuery)
			}
			if !reflect.DeepEqual(sdk.Header, hand.Header) {
				t.Errorf("headers differ:\nSDK  %v\nhand %v", sdk.Header, hand.Header)
			}
			if !bytes.Equal(withoutRequestID(t, sdk.Body), withoutRequestID(t, hand.Body)) {
				t.Errorf("bodies differ:\nSDK  %s\nhand %s", sdk.Body, hand.Body)
			}
			if !sameResult(sdkOut, handOut) {
				t.Errorf("results differ:\nSDK  %+v\nhand %+v", comparable(sdkOut), comparable(handOut))
			}
			// The replaying servers answer both as the fake did.
			for _, server := range servers[1:] {
				gc.rt.use(t, server)
				sdkReplay, err := gc.sdkResult(t.Context())
				must(t, err)
				handReplay, err := gc.handResult(t.Context())
				must(t, err)
				if !reflect.DeepEqual(comparable(sdkReplay), comparable(sdkOut)) || !reflect.DeepEqual(comparable(handReplay), comparable(handOut)) {
					t.Errorf("server=%s: the SDK or the hand-written call read something else than from the fake", server)
				}
			}
			gc.rt.use(t, "inproc")
		})
	}
}

// withoutRequestID blanks alfaview's accessInfo.requestId, random per call
// on both sides, and re-encodes the body so key order cannot differ.
func withoutRequestID(t *testing.T, body []byte) []byte {
	t.Helper()
	if len(body) == 0 {
		return nil
	}
	var m map[string]any
	must(t, json.Unmarshal(body, &m))
	if info, ok := m["accessInfo"].(map[string]any); ok {
		if id, _ := info["requestId"].(string); id == "" {
			t.Errorf("accessInfo has no requestId: %s", body)
		}
		info["requestId"] = ""
	}
	out, err := json.Marshal(m)
	must(t, err)
	return out
}

// comparable returns what of a result the comparisons look at: a group
// page's groups, not the SDK's own paging state.
func comparable(v any) any {
	if p, ok := v.(*reach360.GroupPage); ok {
		groups := make([]reach360.Group, len(p.Groups))
		for i, g := range p.Groups {
			groups[i] = *g
		}
		return groups
	}
	return v
}

// sameResult compares the SDK's result with the hand-written one; for
// alfaview the SDK's sorted slice against the decoded map.
func sameResult(sdk, hand any) bool {
	groups, ok := sdk.([]alfaview.PermissionGroup)
	if !ok {
		return reflect.DeepEqual(comparable(sdk), comparable(hand))
	}
	h := hand.(*alfaviewPermissionGroups)
	if len(groups) == 0 || len(groups) != len(h.PermissionGroups) {
		return false
	}
	for _, g := range groups {
		w, ok := h.PermissionGroups[g.ID]
		if !ok || w.Name != g.Name || w.Order != g.Order || w.Permissions.Role != string(g.Role) ||
			!reflect.DeepEqual(w.Permissions.flags(), g.Permissions) {
			return false
		}
	}
	return true
}
