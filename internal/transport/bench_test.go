package transport_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/grantkit/grantkit-go/internal/auth"
	"github.com/grantkit/grantkit-go/internal/transport"
)

// The engine's cost against the same call written by hand: one loopback
// server, one tuned transport, the same headers, a ~1 KiB JSON object
// decoded into a struct. Compare the two with
//
//	go test -run '^$' -bench 'Get' -benchmem -count 6 ./internal/transport

type benchGroup struct {
	ID          string        `json:"id"`
	Name        string        `json:"name"`
	Description string        `json:"description"`
	CreatedAt   time.Time     `json:"createdAt"`
	UpdatedAt   time.Time     `json:"updatedAt"`
	MemberCount int           `json:"memberCount"`
	Tags        []string      `json:"tags"`
	Members     []benchMember `json:"members"`
}

type benchMember struct {
	ID    string `json:"id"`
	Email string `json:"email"`
	Role  string `json:"role"`
}

func benchBody() []byte {
	g := benchGroup{
		ID:          "9f1c6a2e-5d0b-4c1e-8a3f-2b7d9e4c1a00",
		Name:        "Engineering onboarding cohort",
		Description: strings.Repeat("A group used to measure the engine. ", 4),
		CreatedAt:   time.Date(2025, 3, 4, 5, 6, 7, 0, time.UTC),
		UpdatedAt:   time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC),
		MemberCount: 6,
		Tags:        []string{"onboarding", "engineering", "2026"},
	}
	for i := range 6 {
		g.Members = append(g.Members, benchMember{
			ID:    fmt.Sprintf("u-%08d-aaaa-bbbb-cccc", i),
			Email: fmt.Sprintf("member.number%d@example.test", i),
			Role:  "learner",
		})
	}
	b, err := json.Marshal(g)
	if err != nil {
		panic(err)
	}
	return b
}

type benchEnv struct {
	srv  *httptest.Server
	hc   *http.Client
	body []byte
}

func newBenchEnv(b *testing.B) *benchEnv {
	body := benchBody()
	if len(body) < 900 || len(body) > 1200 {
		b.Fatalf("body is %d bytes, want about 1 KiB", len(body))
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer bench-token" {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	}))
	tr := &http.Transport{
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		MaxIdleConns:        100,
		MaxIdleConnsPerHost: 100,
		IdleConnTimeout:     90 * time.Second,
	}
	b.Cleanup(func() {
		tr.CloseIdleConnections()
		srv.Close()
	})
	return &benchEnv{srv: srv, hc: &http.Client{Transport: tr, Timeout: transport.DefaultTimeout}, body: body}
}

// benchCheck is the usual vendor decoder on the success path: it looks at
// the status only and parses nothing (the hand-written call checks the
// status too).
func benchCheck(r *transport.Response) error {
	if r.StatusCode < 200 || r.StatusCode > 299 {
		return checkResponse(r)
	}
	return nil
}

var benchOp = &transport.Operation{Name: "groups.get", Method: http.MethodGet, Idempotent: true}

func BenchmarkGetEngine(b *testing.B) {
	env := newBenchEnv(b)
	var v cfg
	c, err := transport.New(transport.Config{
		Vendor:        "bench",
		Settings:      transport.Apply(&v, []option{transport.WithBaseURL[cfg](env.srv.URL + "/v1"), transport.WithHTTPClient[cfg](env.hc)}),
		Auth:          auth.Bearer("bench-token"),
		CheckResponse: benchCheck,
	})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	req := &transport.Request{Op: benchOp, Path: []string{"groups", "9f1c6a2e-5d0b-4c1e-8a3f-2b7d9e4c1a00"}}
	b.ReportAllocs()
	b.SetBytes(int64(len(env.body)))
	for b.Loop() {
		var g benchGroup
		if _, err := c.Do(ctx, req, &g); err != nil {
			b.Fatal(err)
		}
		if g.MemberCount != 6 {
			b.Fatal("bad decode")
		}
	}
}

func BenchmarkGetHandWritten(b *testing.B) {
	env := newBenchEnv(b)
	ctx := context.Background()
	url := env.srv.URL + "/v1/groups/9f1c6a2e-5d0b-4c1e-8a3f-2b7d9e4c1a00"
	ua := "grantkit-go/" + transport.Version + " (bench)"
	get := func() (*benchGroup, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return nil, err
		}
		req.Header.Set("Accept", "application/json")
		req.Header.Set("User-Agent", ua)
		req.Header.Set("Authorization", "Bearer bench-token")
		resp, err := env.hc.Do(req)
		if err != nil {
			return nil, err
		}
		defer resp.Body.Close()
		defer func() { _, _ = io.Copy(io.Discard, resp.Body) }()
		if resp.StatusCode != http.StatusOK {
			return nil, fmt.Errorf("status %d", resp.StatusCode)
		}
		var g benchGroup
		if err := json.NewDecoder(resp.Body).Decode(&g); err != nil {
			return nil, err
		}
		return &g, nil
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(env.body)))
	for b.Loop() {
		g, err := get()
		if err != nil {
			b.Fatal(err)
		}
		if g.MemberCount != 6 {
			b.Fatal("bad decode")
		}
	}
}
