package viviot

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/grantkit/grantkit-go/internal/transport"
)

// documentedBodies are the answers the service's pages and ServiceStack's
// defaults describe, as fuzz seeds.
func documentedBodies(f *testing.F) []string {
	seed, err := os.ReadFile("testdata/seed_response.json")
	if err != nil {
		f.Fatal(err)
	}
	return []string{
		string(seed),
		`{"data":[{"id":"0f8fad5bd9cb469fa16570867728950e","organizationId":"7c9e6679742540de944be07fc1f90ae7","name":"Guests","permission":["open"],"scope":1,"accessCodeInitializationStrategy":1}]}`,
		`{"data":[]}`,
		`{"data":null,"responseStatus":null}`,
		`{"responseStatus":{"errorCode":"NotEmpty","message":"'Name' must not be empty.","stackTrace":"at X","errors":[{"errorCode":"NotEmpty","fieldName":"Name","message":"'Name' must not be empty.","meta":{"PropertyName":"Name"}}],"meta":{}}}`,
		`{"responseStatus":{"errorCode":"Forbidden","message":"Invalid Role","errors":[]}}`,
		`{"responseStatus":{"errorCode":"Unauthorized","message":"Not Authenticated"}}`,
		`{"userId":"7","sessionId":"abc","userName":"u","bearerToken":"eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjQxMDI0NDQ4MDB9.c2ln","roles":["Admin"]}`,
		`<html><body>502 Bad Gateway</body></html>`,
		``,
	}
}

func response(status int, body []byte) *transport.Response {
	return &transport.Response{StatusCode: status, Body: body, Op: "accessTemplates.get", Method: "GET", Path: "/access/template", Attempts: 1}
}

// FuzzDecodeResponse feeds successful answers to everything that reads
// them: the ResponseStatus check, the data envelope (object or list), the
// login answer and the JWT expiry. Whatever decodes must encode back to
// the same value.
func FuzzDecodeResponse(f *testing.F) {
	for _, b := range documentedBodies(f) {
		f.Add([]byte(b))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		if err := checkResponse(response(200, body)); err != nil {
			var e *Error
			if !errors.As(err, &e) || e.StatusCode != 200 || e.ErrorCode == "" {
				t.Fatalf("a 200 rejected with %#v", err)
			}
			_ = e.Error()
		}
		var login loginResponse
		if json.Unmarshal(body, &login) == nil {
			if exp := jwtExpiry(login.BearerToken, time.Now()); !exp.IsZero() && !exp.After(time.Now()) {
				t.Fatalf("expiry %v is not in the future", exp)
			}
		}
		_ = jwtExpiry(string(body), time.Now())

		var env envelope
		if json.Unmarshal(body, &env) != nil {
			return
		}
		for _, at := range env.Data {
			b, err := json.Marshal(at)
			if err != nil {
				t.Fatalf("decoded template does not encode: %v", err)
			}
			var back AccessTemplate
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatalf("%s does not decode: %v", b, err)
			}
			if !reflect.DeepEqual(at, back) {
				t.Fatalf("round trip changed the template:\n%#v\n%#v", at, back)
			}
		}
	})
}

// FuzzDecodeError feeds error answers to the error decoder. Every non-2xx
// answer must become an *Error with its status, and a stack trace in the
// body must never reach the error's text: the test replaces every
// stackTrace in the body with a marker and looks for it.
func FuzzDecodeError(f *testing.F) {
	for _, b := range documentedBodies(f) {
		for _, status := range []int{400, 401, 403, 404, 409, 500, 502} {
			f.Add(status, []byte(b))
		}
	}
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		status = 100 + (status%500+500)%500
		err := checkResponse(response(status, body))
		if status >= 200 && status <= 299 {
			return
		}
		var e *Error
		if !errors.As(err, &e) || e.StatusCode != status {
			t.Fatalf("status %d: got %#v", status, err)
		}
		for _, s := range []error{ErrUnauthorized, ErrForbidden, ErrNotFound, ErrValidation, ErrConflict} {
			_ = errors.Is(err, s)
		}

		marked, n := markStackTraces(body)
		if n == 0 {
			return
		}
		err = checkResponse(response(status, marked))
		for _, s := range []string{err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err)} {
			if strings.Contains(s, stackMarker) {
				t.Fatalf("stack trace reached the error: %s", s)
			}
		}
	})
}

const stackMarker = "STACK-TRACE-MARKER-7f3a"

// markStackTraces replaces the value of every stackTrace key (in any
// letter case, as encoding/json matches them) inside a responseStatus with
// stackMarker. It returns the new body and how many it replaced; 0 if the
// body holds none or the marker was already there.
func markStackTraces(body []byte) ([]byte, int) {
	if strings.Contains(string(body), stackMarker) {
		return nil, 0
	}
	var doc map[string]any
	if json.Unmarshal(body, &doc) != nil {
		return nil, 0
	}
	n := 0
	for k, v := range doc {
		rs, ok := v.(map[string]any)
		if !strings.EqualFold(k, "responseStatus") || !ok {
			continue
		}
		for k2 := range rs {
			if strings.EqualFold(k2, "stackTrace") {
				rs[k2] = stackMarker
				n++
			}
		}
	}
	b, _ := json.Marshal(doc)
	return b, n
}
