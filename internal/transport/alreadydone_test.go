package transport_test

import (
	"context"
	"net/http"
	"testing"
	"testing/synctest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/internal/transport"
)

var opDelete = &transport.Operation{Name: "things.delete", Method: http.MethodDelete, Idempotent: true,
	AlreadyDone: func(err error) bool {
		e, ok := err.(*apiError)
		return ok && e.Status == http.StatusNotFound
	}}

// A delete whose first answer was lost (a 502 from a proxy after the server
// acted) finds the target gone on the retry: that is the delete succeeding.
// Only a first attempt that finds nothing is "not found".
func TestAlreadyDoneOnlyAfterARetry(t *testing.T) {
	for _, tc := range []struct {
		name     string
		op       *transport.Operation
		script   []reply
		wantErr  bool
		attempts int
	}{
		{"retry finds it gone", opDelete, []reply{{status: 502}, {status: 404, body: `{"code":"not_found"}`}}, false, 2},
		{"first attempt finds nothing", opDelete, []reply{{status: 404, body: `{"code":"not_found"}`}}, true, 1},
		{"other errors on the retry stay errors", opDelete, []reply{{status: 502}, {status: 409, body: `{"code":"conflict"}`}}, true, 2},
		{"an op without AlreadyDone reports the 404", opPut, []reply{{status: 502}, {status: 404, body: `{"code":"not_found"}`}}, true, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				mt := newMock(t)
				rec := &recorder{script: tc.script}
				mt.RegisterResponder(tc.op.Method, baseURL+"/things/1", rec.respond)
				c := newClient(t, mt)
				resp, err := c.Do(context.Background(), &transport.Request{Op: tc.op, Path: []string{"things", "1"}}, nil)
				assert.Equal(t, tc.attempts, rec.count())
				if tc.wantErr {
					require.Error(t, err)
					return
				}
				require.NoError(t, err)
				assert.Equal(t, http.StatusNotFound, resp.StatusCode, "the answer is kept for callers who look")
			})
		})
	}
}
