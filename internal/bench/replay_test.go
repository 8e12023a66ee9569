package bench

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// P1 compares the SDK with hand-written code against three servers, the
// same answers from each:
//
//   - inproc: the vendor's fake in the benchmark's own process, on
//     loopback TCP (its ~40 allocations a call are charged to both sides);
//   - remote: a replay server in another process (this test binary run
//     again as TestReplayServer), on loopback TCP: what the fake answered,
//     served from a table, the client's own costs alone in this process;
//   - memory: the same table answered by an in-memory RoundTripper, no
//     network at all, which leaves nothing but the client's own work.
//
// Both sides send through one *http.Client whose Transport is a
// switchTransport, so they also share connections and the session the SDK
// set up.
var servers = []string{"inproc", "remote", "memory"}

// exchange is one answer the fake gave, to replay.
type exchange struct {
	Status int
	Header http.Header
	Body   []byte
}

// replayKey names the request an exchange answers: method, path and query.
func replayKey(r *http.Request) string {
	return r.Method + " " + r.URL.Path + "?" + r.URL.RawQuery
}

// switchTransport sends to the in-process fake, to a replay server in
// another process, or answers from memory, as set by use. While recording
// it keeps the fake's answers for replay.
type switchTransport struct {
	fake   *http.Transport
	remote *http.Transport // nil until startRemote
	mode   atomic.Value    // string: "inproc", "remote", "memory"

	mu        sync.Mutex
	recording bool
	answers   map[string]*exchange
}

func newSwitchTransport(fake *http.Transport) *switchTransport {
	t := &switchTransport{fake: fake, recording: true, answers: map[string]*exchange{}}
	t.mode.Store("inproc")
	return t
}

func (t *switchTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	switch t.mode.Load().(string) {
	case "memory":
		return t.replay(r)
	case "remote":
		return t.remote.RoundTrip(r)
	}
	t.mu.Lock()
	recording := t.recording
	t.mu.Unlock()
	if !recording {
		return t.fake.RoundTrip(r)
	}
	resp, err := t.fake.RoundTrip(r)
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	t.mu.Lock()
	t.answers[replayKey(r)] = &exchange{Status: resp.StatusCode, Header: resp.Header.Clone(), Body: body}
	t.mu.Unlock()
	resp.Body = io.NopCloser(bytes.NewReader(body))
	return resp, nil
}

// replay answers r from the recorded table, as a RoundTripper must: the
// request body read and closed, a fresh body reader per answer.
func (t *switchTransport) replay(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		_, _ = io.Copy(io.Discard, r.Body)
		_ = r.Body.Close()
	}
	if err := r.Context().Err(); err != nil {
		return nil, err
	}
	ex := t.answers[replayKey(r)]
	if ex == nil {
		return nil, fmt.Errorf("replay: no recorded answer for %s", replayKey(r))
	}
	return &http.Response{
		Status:        strconv.Itoa(ex.Status) + " " + http.StatusText(ex.Status),
		StatusCode:    ex.Status,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        ex.Header,
		Body:          io.NopCloser(bytes.NewReader(ex.Body)),
		ContentLength: int64(len(ex.Body)),
		Request:       r,
	}, nil
}

// stopRecording freezes the table: from now on the fake is only forwarded
// to, at no cost of its own.
func (t *switchTransport) stopRecording() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.recording = false
}

// use switches where requests go. "remote" starts the replay server on
// first use.
func (t *switchTransport) use(tb testing.TB, mode string) {
	tb.Helper()
	t.stopRecording()
	if mode == "remote" && t.remote == nil {
		addr := startReplayServer(tb, t.answers)
		t.remote = t.fake.Clone()
		dial := (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext
		t.remote.DialContext = func(ctx context.Context, network, _ string) (net.Conn, error) {
			return dial(ctx, network, addr)
		}
		tb.Cleanup(t.remote.CloseIdleConnections)
	}
	t.mode.Store(mode)
}

// replayEnv, when set, makes TestReplayServer serve instead of skipping.
const replayEnv = "GRANTKIT_BENCH_REPLAY_SERVER"

// startReplayServer runs this test binary again as TestReplayServer,
// serving answers, and returns its address. The server stops when the
// test ends (its standard input closes).
func startReplayServer(tb testing.TB, answers map[string]*exchange) string {
	tb.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestReplayServer$", "-test.count=1")
	cmd.Env = append(os.Environ(), replayEnv+"=1")
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	must(tb, err)
	stdout, err := cmd.StdoutPipe()
	must(tb, err)
	must(tb, cmd.Start())
	tb.Cleanup(func() {
		_ = stdin.Close()
		_ = cmd.Wait()
	})
	must(tb, json.NewEncoder(stdin).Encode(answers))
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		tb.Fatalf("replay server: %v", err)
	}
	go func() { _, _ = io.Copy(io.Discard, stdout) }()
	var addr string
	if _, err := fmt.Sscanf(line, "replay server on %s", &addr); err != nil {
		tb.Fatalf("replay server said %q: %v", line, err)
	}
	return addr
}

// TestReplayServer is the replay server's process: it reads the answers
// from standard input, serves them on loopback until standard input
// closes, and is skipped in ordinary test runs.
func TestReplayServer(t *testing.T) {
	if os.Getenv(replayEnv) == "" {
		t.Skip("runs only as BenchmarkP1Get's replay server")
	}
	in := bufio.NewReader(os.Stdin)
	var answers map[string]*exchange
	must(t, json.NewDecoder(in).Decode(&answers))
	l, err := net.Listen("tcp", "127.0.0.1:0")
	must(t, err)
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		ex := answers[replayKey(r)]
		if ex == nil {
			http.Error(w, "no recorded answer", http.StatusNotFound)
			return
		}
		for k, vs := range ex.Header {
			if k != "Date" && k != "Content-Length" {
				w.Header()[k] = vs
			}
		}
		w.Header().Set("Content-Length", strconv.Itoa(len(ex.Body)))
		w.WriteHeader(ex.Status)
		_, _ = w.Write(ex.Body)
	})}
	go func() { _ = srv.Serve(l) }()
	fmt.Printf("replay server on %s\n", l.Addr())
	_, _ = io.Copy(io.Discard, in)
	_ = srv.Close()
}
