#!/usr/bin/env bash
# Every number in BENCHMARKS.md, from the repository root, into $OUT
# (default bench-results/). Runs alternate, so that drift in the machine's
# load hits both sides of each comparison. About 25 minutes; on a quiet
# machine raise RUNS for tighter intervals.
set -euo pipefail
OUT=${OUT:-bench-results}
RUNS=${RUNS:-6}
mkdir -p "$OUT"
command -v benchstat >/dev/null || go install golang.org/x/perf/cmd/benchstat@latest
PATH=$PATH:$(go env GOPATH)/bin

# The assertions, and the virtual-time numbers (P2 ratio, P4 replays, P5).
go test -run 'TestP2Walk|TestP4OneAuth|TestP5RateLimit' -v ./internal/bench > "$OUT/tests.txt"

# P1: three servers per vendor, hand-written against the SDK.
for i in $(seq "$RUNS"); do
	go test -run '^$' -bench P1Get -benchmem -benchtime 0.5s ./internal/bench
done > "$OUT/p1.txt"
benchstat -row /vendor,/server -col /impl "$OUT/p1.txt" > "$OUT/p1-stat.txt"

# P1 in instructions (deterministic), over the in-memory RoundTripper.
go test -c -o "$OUT/bench.test" ./internal/bench
internal/bench/scripts/instructions.sh "$OUT/bench.test" memory \
	reach360 reach360page alfaview alfaview2 shares voltmx viviot > "$OUT/p1-instructions.txt"

# P2: prefetch against max(server, consumer), and the heap.
go test -run '^$' -bench P2Prefetch -benchtime 1x -count 3 ./internal/bench > "$OUT/p2.txt"
go test -run '^$' -bench P2Heap ./internal/bench > "$OUT/p2-heap.txt"

# P3: 256 goroutines, raw and SDK with the same connection cap.
for i in $(seq "$RUNS"); do
	go test -run '^$' -bench P3 -benchmem -benchtime 10000x ./internal/bench
done > "$OUT/p3.txt"
benchstat -col /impl "$OUT/p3.txt" > "$OUT/p3-stat.txt"

# P4: bursts of 1,000 callers on an expired session.
go test -run '^$' -bench P4 -benchmem -count 3 ./internal/bench > "$OUT/p4.txt"

# P5: 10,000 writes under a server's rate limit, in real time.
go test -run '^$' -bench P5 -benchtime 1x ./internal/bench > "$OUT/p5.txt"

# P6: the request-coalescing prototype.
go test -run '^$' -bench P6 -benchtime 5x ./internal/bench > "$OUT/p6.txt"
