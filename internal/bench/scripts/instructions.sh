#!/usr/bin/env bash
# Instructions per P1 call, counted by callgrind: deterministic, unlike
# times on a shared machine. For each vendor it runs one side of
# BenchmarkP1Get N and 2N times and prints the difference over N (which
# cancels the setup), hand-written first, then the SDK.
#
#	go test -c -o /tmp/bench.test ./internal/bench
#	internal/bench/scripts/instructions.sh /tmp/bench.test memory reach360 reach360page alfaview alfaview2 shares voltmx viviot
#
# Only the calls are counted (--toggle-collect on the benchmark's closures
# that make them), not the runtime's background threads, whose work grows
# with the wall time callgrind takes; GOGC=off leaves collection out too,
# so that the counts repeat within about 1%. Only server=memory and
# server=inproc work: callgrind cannot follow the replay server's child
# process. GODEBUG=asyncpreemptoff=1 because it cannot follow Go's
# preemption signals either. Each vendor takes about a minute.
set -euo pipefail
bin=$1 server=$2
shift 2
N=${N:-400}
count() {
	GOGC=off GODEBUG=asyncpreemptoff=1 GOMAXPROCS=1 valgrind --tool=callgrind --callgrind-out-file=/dev/null \
		--toggle-collect='*BenchmarkP1Get.func1.1.1' --toggle-collect='*BenchmarkP1Get.func1.1.2' \
		"$bin" -test.run='^$' -test.bench="^BenchmarkP1Get\$/^vendor=$1\$/^server=$server\$/^impl=$2\$" \
		-test.benchtime="$3x" 2>&1 | grep -o 'Collected : [0-9]*' | awk '{print $3}'
}
printf '%-14s %12s %12s %7s\n' vendor hand sdk sdk/hand
for v in "$@"; do
	row=()
	for impl in hand sdk; do
		a=$(count "$v" "$impl" "$N")
		b=$(count "$v" "$impl" $((2 * N)))
		row+=($(((b - a) / N)))
	done
	awk -v v="$v" -v h="${row[0]}" -v s="${row[1]}" 'BEGIN { printf "%-14s %12d %12d %7.3f\n", v, h, s, s / h }'
done
