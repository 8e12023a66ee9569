// Package bench measures what the SDK costs and proves its performance
// promises against the vendor fakes:
//
//   - P1: one read per vendor through the SDK against the same request
//     written by hand with net/http and encoding/json, on the same loopback
//     server and the same *http.Transport (BenchmarkP1Get; TestP1SameRequest
//     checks that both send the same request and read the same result).
//   - P2: walking 100,000 Reach 360 groups over 1,000 pages keeps the heap
//     flat, and prefetching hides the server's latency behind the caller's
//     work (TestP2Walk, BenchmarkP2Walk, BenchmarkP2Heap).
//   - P3: 256 goroutines share a bounded pool of connections and keep up
//     with a tuned raw client (TestP3Connections, BenchmarkP3Parallel).
//   - P4: a thousand callers holding an expired session token cause one
//     authentication (TestP4OneAuth, BenchmarkP4Burst).
//
// The package has no code of its own; BENCHMARKS.md at the repository root
// has the numbers and the commands that reproduce them:
//
//	go test -race ./internal/bench
//	go test -run '^$' -bench . -benchmem ./internal/bench
package bench
