package faultmatrix

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/grantkit/grantkit-go/internal/fakekit"
)

// opKind is the operation a cell exercises.
type opKind int

const (
	opRead opKind = iota
	opWrite
)

func (k opKind) String() string {
	if k == opWrite {
		return "write"
	}
	return "read"
}

// proxy stands between the client and the fake. It passes everything
// through, except that it can empty one answer: fakekit.Fault replaces an
// empty Body with DefaultFaultBody, so "200 with an empty body" cannot be
// injected at the fake. The fake still sees and handles the request (a
// create is applied); only its answer arrives empty, as from a proxy that
// lost the body.
type proxy struct {
	next *http.Transport

	mu    sync.Mutex
	blank *endpoint
}

// blankNext empties the body of the next answer to ep.
func (p *proxy) blankNext(ep endpoint) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.blank = &ep
}

func (p *proxy) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := p.next.RoundTrip(r)
	if err != nil {
		return nil, err
	}
	p.mu.Lock()
	hit := p.blank != nil && p.blank.matches(r.Method, r.URL.Path)
	if hit {
		p.blank = nil
	}
	p.mu.Unlock()
	if hit {
		_, _ = io.Copy(io.Discard, resp.Body)
		_ = resp.Body.Close()
		resp.StatusCode, resp.Status = http.StatusOK, "200 OK"
		resp.Body, resp.ContentLength = http.NoBody, 0
		resp.Header.Set("Content-Length", "0")
	}
	return resp, nil
}

// CloseIdleConnections lets http.Client.CloseIdleConnections reach the
// fake's transport.
func (p *proxy) CloseIdleConnections() { p.next.CloseIdleConnections() }

// logBuffer collects log output; token fetches may log from other
// goroutines than the caller's.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func (l *logBuffer) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Len()
}

func jsonLogger(w io.Writer) *slog.Logger {
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// loggedAttempts counts the SDK's per-attempt records of op in JSON log
// output: how many times the SDK itself sent the request.
func loggedAttempts(t *testing.T, logs, op string) int {
	t.Helper()
	n := 0
	sc := bufio.NewScanner(strings.NewReader(logs))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var rec struct {
			Msg string `json:"msg"`
			Op  string `json:"op"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatalf("log line is not JSON: %v: %s", err, sc.Bytes())
		}
		if rec.Msg == "grantkit request" && rec.Op == op {
			n++
		}
	}
	return n
}

// count returns how many recorded requests went to ep.
func count(reqs []fakekit.Request, ep endpoint) int {
	n := 0
	for _, r := range reqs {
		if ep.matches(r.Method, r.Path) {
			n++
		}
	}
	return n
}

// minSecret is the length below which a harvested value is not taken for a
// secret (ss-opt=perm and such).
const minSecret = 8

var (
	// secretHeaders carry credentials in one vendor or another.
	secretHeaders = []string{"Authorization", "X-Voltmx-Authorization", "X-Kony-Authorization", "Accesstoken", "Accesssecret"}
	// secretFields are body fields (JSON or form, any letter case) that
	// carry credentials: alfaview's accessInfo.accessToken and API key
	// "code", login passwords, shares' OAuth2 form.
	secretFields = map[string]bool{
		"accesstoken": true, "accesssecret": true, "password": true, "code": true, "secret": true,
		"refresh_token": true, "refreshtoken": true, "client_secret": true, "bearertoken": true,
	}
)

// harvest returns the credentials the recorded requests carried: tokens the
// SDK obtained at run time (bearer tokens, claims tokens, session cookies,
// alfaview's accessInfo token and refresh cookie, rotated refresh tokens)
// as well as the static ones.
func harvest(reqs []fakekit.Request) []string {
	var out []string
	add := func(s string) {
		if len(s) >= minSecret {
			out = append(out, s)
		}
	}
	for _, r := range reqs {
		for _, h := range secretHeaders {
			for _, v := range r.Header.Values(h) {
				add(v)
				scheme, cred, ok := strings.Cut(v, " ")
				if !ok {
					continue
				}
				add(cred)
				if !strings.EqualFold(scheme, "Basic") {
					continue
				}
				if raw, err := base64.StdEncoding.DecodeString(cred); err == nil {
					if _, pw, ok := strings.Cut(string(raw), ":"); ok {
						add(pw)
					}
				}
			}
		}
		for _, c := range (&http.Request{Header: r.Header}).Cookies() {
			add(c.Value)
		}
		if strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
			form, _ := url.ParseQuery(string(r.Body))
			for k, vs := range form {
				if secretFields[strings.ToLower(k)] {
					for _, v := range vs {
						add(v)
					}
				}
			}
			continue
		}
		var body any
		if json.Unmarshal(r.Body, &body) == nil {
			walkJSON(body, "", add)
		}
	}
	return out
}

func walkJSON(v any, key string, add func(string)) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			walkJSON(x, k, add)
		}
	case []any:
		for _, x := range v {
			walkJSON(x, key, add)
		}
	case string:
		if secretFields[strings.ToLower(key)] {
			add(v)
		}
	}
}

// printVerbs are the verbs every printed value is checked under.
var printVerbs = []string{"%v", "%+v", "%#v", "%s", "%d", "%x", "%q"}

// printAll formats every value with every verb, one per line.
func printAll(values ...any) string {
	var b strings.Builder
	for _, v := range values {
		for _, verb := range printVerbs {
			fmt.Fprintf(&b, "%T %s: "+verb+"\n", v, verb, v)
		}
	}
	return b.String()
}

// printError is everything a caller might print of err.
func printError(err error) string {
	if err == nil {
		return ""
	}
	return err.Error() + "\n" + printAll(err)
}

// checkSecrets fails t for every secret that text shows, plainly or
// hex-encoded (as %x of a string holding it would).
func checkSecrets(t *testing.T, what, text string, secrets []string) {
	t.Helper()
	if len(secrets) == 0 {
		t.Fatalf("%s: no secrets to look for: the test would pass whatever was printed", what)
	}
	seen := map[string]bool{}
	for _, s := range secrets {
		if seen[s] {
			continue
		}
		seen[s] = true
		if strings.Contains(text, s) || strings.Contains(text, hex.EncodeToString([]byte(s))) {
			t.Errorf("%s shows the secret %q:\n%s", what, s, excerpt(text, s))
		}
	}
}

// excerpt is the lines of text that hold s.
func excerpt(text, s string) string {
	var lines []string
	hx := hex.EncodeToString([]byte(s))
	for line := range strings.SplitSeq(text, "\n") {
		if strings.Contains(line, s) || strings.Contains(line, hx) {
			lines = append(lines, line)
		}
	}
	return strings.Join(lines, "\n")
}
