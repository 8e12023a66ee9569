package viviot_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/internal/transport"
	"github.com/grantkit/grantkit-go/viviot"
	"github.com/grantkit/grantkit-go/viviot/viviottest"
)

// A create or update answered 2xx with no template in data fails as
// malformed, not as a vendor *Error or ErrNotFound (the server did not say
// no), and the create is not sent again: the template may exist.
func TestWriteAnsweredWithoutATemplate(t *testing.T) {
	f := newFixture(t)
	isTemplate := func(r *http.Request) bool { return r.URL.Path == "/access/template" }

	f.srv.Inject(viviottest.Fault{Match: isTemplate, Status: http.StatusOK, Body: `{"data":[]}`, Apply: true})
	tpl, err := f.c.AccessTemplates.Create(t.Context(), guestParams("Guests", f.door))
	require.ErrorIs(t, err, transport.ErrMalformedResponse)
	assert.Nil(t, tpl)
	assert.NotErrorIs(t, err, viviot.ErrNotFound)
	var apiErr *viviot.Error
	assert.NotErrorAs(t, err, &apiErr)
	assert.Equal(t, 1, countRequests(f.srv, http.MethodPost, "/access/template"), "sent once")
	require.Len(t, f.srv.Templates(), 1, "the create was applied; only its answer was empty")

	id := f.srv.Templates()[0].ID
	f.srv.Inject(viviottest.Fault{Match: isTemplate, Status: http.StatusOK, Body: `{"data":null}`})
	_, err = f.c.AccessTemplates.Update(t.Context(), id, guestParams("Guests 2", f.door))
	require.ErrorIs(t, err, transport.ErrMalformedResponse)
}
