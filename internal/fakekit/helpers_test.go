package fakekit

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// startFake serves a small vendor-like API: POST /groups creates (and marks
// the write applied), GET /groups lists, POST /echo answers with the body it
// read, GET /addr answers with the client's address.
func startFake(t *testing.T, opts ...Option) *Server {
	t.Helper()
	var s *Server
	mux := http.NewServeMux()
	mux.HandleFunc("POST /groups", func(w http.ResponseWriter, r *http.Request) {
		var in struct{ Name string }
		if err := ReadJSON(r, &in); err != nil {
			WriteJSON(w, http.StatusBadRequest, map[string]string{"message": err.Error()})
			return
		}
		s.MarkApplied("groups.create")
		WriteJSON(w, http.StatusCreated, map[string]string{"id": "g1", "name": in.Name})
	})
	mux.HandleFunc("GET /groups", func(w http.ResponseWriter, r *http.Request) {
		WriteJSON(w, http.StatusOK, map[string]any{"items": []string{"a", "b", "c"}})
	})
	mux.HandleFunc("POST /echo", func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "text/plain")
		_, _ = w.Write(b)
	})
	mux.HandleFunc("GET /addr", func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, r.RemoteAddr)
	})
	s = Start(mux, opts...)
	t.Cleanup(s.Close)
	return s
}

// forEachMode runs f against a loopback TCP server and an in-memory one.
func forEachMode(t *testing.T, f func(t *testing.T, tcp bool, opts ...Option)) {
	t.Run("tcp", func(t *testing.T) { f(t, true) })
	t.Run("memory", func(t *testing.T) { f(t, false, InMemory()) })
}

// call sends a request and reads the whole body; err is from Do or from
// reading the body, and resp is kept when only the body failed.
func call(ctx context.Context, c *http.Client, method, url, body string) (*http.Response, []byte, error) {
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, rd)
	if err != nil {
		return nil, nil, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp, b, err
}

func mustCall(t *testing.T, c *http.Client, method, url, body string) (*http.Response, []byte) {
	t.Helper()
	resp, b, err := call(t.Context(), c, method, url, body)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	return resp, b
}

func check[T comparable](t *testing.T, what string, got, want T) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}
