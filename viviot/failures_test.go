package viviot_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/grantkit/grantkit-go/internal/fakekit"
	"github.com/grantkit/grantkit-go/internal/validate"
	"github.com/grantkit/grantkit-go/viviot"
	"github.com/grantkit/grantkit-go/viviot/viviottest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestInvalidParamsSendNothing(t *testing.T) {
	f := newFixture(t)
	ctx := t.Context()
	ts := f.c.AccessTemplates
	good := guestParams("ok", f.door)
	bad := viviot.Scope(7)
	tests := []struct {
		name   string
		call   func() error
		fields []string
	}{
		{"create nil", func() error { _, err := ts.Create(ctx, nil); return err }, []string{"params"}},
		{"create empty", func() error { _, err := ts.Create(ctx, &viviot.AccessTemplateParams{Name: "  "}); return err }, []string{"Name", "Things"}},
		{"create bad enums", func() error {
			_, err := ts.Create(ctx, &viviot.AccessTemplateParams{Name: "x", Things: good.Things, Scope: 7, CodeStrategy: -1, Version: -2})
			return err
		}, []string{"Scope", "CodeStrategy", "Version"}},
		{"update zero id", func() error { _, err := ts.Update(ctx, viviot.GUID{}, good); return err }, []string{"id"}},
		{"update nil", func() error { _, err := ts.Update(ctx, viviot.NewGUID(), nil); return err }, []string{"params"}},
		{"update zero id and nil", func() error { _, err := ts.Update(ctx, viviot.GUID{}, nil); return err }, []string{"id", "params"}},
		{"get zero id", func() error { _, err := ts.Get(ctx, viviot.GUID{}); return err }, []string{"id"}},
		{"delete zero id", func() error { return ts.Delete(ctx, viviot.GUID{}) }, []string{"id"}},
		{"list bad scope", func() error {
			_, err := ts.List(ctx, &viviot.ListAccessTemplatesOptions{Scope: &bad})
			return err
		}, []string{"Scope"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			require.ErrorIs(t, err, viviot.ErrInvalidParams)
			var v *validate.Error
			require.ErrorAs(t, err, &v)
			var fields []string
			for _, p := range v.Problems {
				fields = append(fields, p.Field)
			}
			assert.Equal(t, tt.fields, fields)
			assert.Contains(t, err.Error(), "viviot: accessTemplates.")
			assert.False(t, errors.Is(err, viviot.ErrValidation), "client-side checks are not the server's validation")
		})
	}
	assert.Zero(t, f.srv.RequestCount(), "invalid params must not even log in")
}

func TestCreateRetriedAfter429(t *testing.T) {
	f := newFixture(t)
	f.srv.Inject(fakekit.Fault{Match: isCreate, Status: 429, RetryAfter: "1", Body: viviottest.ErrorBody("TooManyRequests", "slow down")})
	_, err := f.c.AccessTemplates.Create(t.Context(), guestParams("x", f.door))
	require.NoError(t, err)
	assert.Equal(t, 2, countRequests(f.srv, "POST", "/access/template"))
	assert.Equal(t, 1, f.srv.AppliedCount(viviottest.OpAccessTemplatesCreate))
}

func TestCreateNotRetriedAfter503(t *testing.T) {
	f := newFixture(t)
	f.srv.Inject(fakekit.Fault{Match: isCreate, Status: 503, Body: viviottest.ErrorBody("ServiceUnavailable", "down")})
	_, err := f.c.AccessTemplates.Create(t.Context(), guestParams("x", f.door))
	var e *viviot.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 503, e.StatusCode)
	assert.Equal(t, 1, e.Attempts)
	assert.Equal(t, 1, countRequests(f.srv, "POST", "/access/template"))
	assert.Zero(t, f.srv.AppliedCount(viviottest.OpAccessTemplatesCreate))
}

func TestCreateNotRetriedAfterCutConnection(t *testing.T) {
	f := newFixture(t)
	f.srv.Inject(fakekit.Fault{Match: isCreate, Cut: fakekit.CutBeforeResponse, Apply: true})
	_, err := f.c.AccessTemplates.Create(t.Context(), guestParams("x", f.door))
	require.Error(t, err)
	var e *viviot.Error
	assert.False(t, errors.As(err, &e), "no answer arrived, so there is no API error: %v", err)
	assert.Equal(t, 1, countRequests(f.srv, "POST", "/access/template"))
	assert.Equal(t, 1, f.srv.AppliedCount(viviottest.OpAccessTemplatesCreate), "applied once, never twice")
	assert.Len(t, f.srv.Templates(), 1)
}

func TestReadsRetried(t *testing.T) {
	f := newFixture(t)
	seeded := f.srv.AddTemplate(viviottest.AccessTemplate{Name: "Seeded", Things: []viviot.ThingAccess{{ThingID: f.door.ID}}})
	f.srv.Inject(fakekit.Fault{Match: isMethod("GET"), Status: 503, Times: 2, Body: viviottest.ErrorBody("ServiceUnavailable", "down")})
	got, err := f.c.AccessTemplates.List(t.Context(), nil)
	require.NoError(t, err)
	assert.Len(t, got, 1)
	assert.Equal(t, 3, countRequests(f.srv, "GET", "/access/templates"))

	f.srv.Inject(fakekit.Fault{Match: isMethod("GET"), Status: 502, Body: "<html>bad gateway</html>", ContentType: "text/html"})
	_, err = f.c.AccessTemplates.Get(t.Context(), seeded.ID)
	require.NoError(t, err)
	assert.Equal(t, 2, countRequests(f.srv, "GET", "/access/template"))
}

// TestUpdateRetriedAfterCut: an update is idempotent (it sets the whole
// template), so a lost answer is safe to replay.
func TestUpdateRetriedAfterCut(t *testing.T) {
	f := newFixture(t)
	seeded := f.srv.AddTemplate(viviottest.AccessTemplate{Name: "Seeded", Things: []viviot.ThingAccess{{ThingID: f.door.ID}}})
	f.srv.Inject(fakekit.Fault{Match: isMethod("PUT"), Cut: fakekit.CutBeforeResponse, Apply: true})
	got, err := f.c.AccessTemplates.Update(t.Context(), seeded.ID, guestParams("Renamed", f.room))
	require.NoError(t, err)
	assert.Equal(t, "Renamed", got.Name)
	assert.Equal(t, 2, countRequests(f.srv, "PUT", "/access/template"))
}

// TestDeleteRetriedAfterLostAnswer: the first attempt deleted the template
// but its answer was lost; the retry's 404 means the work is done.
func TestDeleteRetriedAfterLostAnswer(t *testing.T) {
	f := newFixture(t)
	seeded := f.srv.AddTemplate(viviottest.AccessTemplate{Name: "Seeded", Things: []viviot.ThingAccess{{ThingID: f.door.ID}}})
	f.srv.Inject(fakekit.Fault{Match: isMethod("DELETE"), Cut: fakekit.CutBeforeResponse, Apply: true})
	require.NoError(t, f.c.AccessTemplates.Delete(t.Context(), seeded.ID))
	assert.Equal(t, 2, countRequests(f.srv, "DELETE", "/access/template"))
	assert.Equal(t, 1, f.srv.AppliedCount(viviottest.OpAccessTemplatesDelete))
	assert.Empty(t, f.srv.Templates())
}

func TestCancelledContext(t *testing.T) {
	f := newFixture(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := f.c.AccessTemplates.List(ctx, nil)
	require.ErrorIs(t, err, context.Canceled)
	assert.Zero(t, f.srv.RequestCount())
}

func TestDeadlineDuringLatency(t *testing.T) {
	f := newFixture(t)
	_, err := f.c.AccessTemplates.List(t.Context(), nil) // log in first
	require.NoError(t, err)
	f.srv.Inject(fakekit.Fault{Latency: 5 * time.Second})
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Millisecond)
	defer cancel()
	_, err = f.c.AccessTemplates.List(ctx, nil)
	require.ErrorIs(t, err, context.DeadlineExceeded)
}

func TestOversizedAnswer(t *testing.T) {
	f := newFixture(t)
	c := newClient(t, f.srv, f.srv.Credentials(), viviot.WithMaxResponseBytes(4<<10))
	_, err := c.AccessTemplates.List(t.Context(), nil)
	require.NoError(t, err)
	f.srv.Inject(fakekit.Fault{Match: isMethod("GET"), Oversize: 64 << 10})
	_, err = c.AccessTemplates.List(t.Context(), nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "too large")
}

func isCreate(r *http.Request) bool {
	return r.Method == http.MethodPost && r.URL.Path == "/access/template"
}

func isMethod(m string) func(*http.Request) bool {
	return func(r *http.Request) bool { return r.Method == m && r.URL.Path != "/auth/credentials" }
}
