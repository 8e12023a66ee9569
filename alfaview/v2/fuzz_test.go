package alfaview_test

import (
	"errors"
	"strings"
	"testing"

	alfaview "github.com/grantkit/grantkit-go/alfaview/v2"
	"github.com/grantkit/grantkit-go/internal/transport"
)

// FuzzCheckResponse feeds the error decoder arbitrary bodies: it never
// panics, always returns an *Error for a failed status, and its text holds
// no control character.
func FuzzCheckResponse(f *testing.F) {
	for _, seed := range []string{problemJSON, ``, `null`, `[]`, `{"errors":null}`, `{"type":7}`, "<html>\x1b[31m</html>",
		`{"title":"a\u0000b","errors":[{"location":"\u202e","message":"m","value":{"k":[1,2]}}]}`} {
		f.Add(422, seed)
	}
	f.Fuzz(func(t *testing.T, status int, body string) {
		if status < 300 || status > 599 {
			status = 500
		}
		err := alfaview.CheckResponse(&transport.Response{StatusCode: status, Body: []byte(body), Op: "op", Method: "GET", Path: "/v2/x"})
		var e *alfaview.Error
		if !errors.As(err, &e) {
			t.Fatalf("status %d: %v is not an *Error", status, err)
		}
		if strings.ContainsFunc(err.Error(), func(r rune) bool { return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) }) {
			t.Fatalf("control character in %q", err.Error())
		}
	})
}
