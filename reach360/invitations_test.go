package reach360_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/internal/fakekit"
	"github.com/grantkit/grantkit-go/internal/transport"
	"github.com/grantkit/grantkit-go/reach360"
	"github.com/grantkit/grantkit-go/reach360/reach360test"
)

// The Invitations API article's create answer, as printed there (the
// second group name's typo included), and the invitation inside it.
const (
	docInvitation = `{
		"id": "example-invitation-id",
		"email": "foo@example.com",
		"firstName": "Example First Name",
		"lastName": "Example Last Name",
		"groups": ["example group a", "exaple group b"]
	}`
	docInvitationCreated = `{"invitation": ` + docInvitation + `}`
)

var wantDocInvitation = reach360.Invitation{
	ID: "example-invitation-id", Email: "foo@example.com", FirstName: "Example First Name",
	LastName: "Example Last Name", Groups: []string{"example group a", "exaple group b"},
}

func TestCreateInvitationRequest(t *testing.T) {
	m := newMock(t)
	m.on("POST", base+"/invitations", http.StatusCreated, docInvitationCreated)

	inv, err := m.c.Invitations.Create(t.Context(), reach360.InvitationParams{
		Email: "foo@example.com", FirstName: "Example First Name", LastName: "Example Last Name",
		Groups: []string{"example group a", "exaple group b"},
	})
	require.NoError(t, err)
	assert.Equal(t, wantDocInvitation, *inv)

	r := m.only(t)
	assert.Equal(t, "POST", r.Method)
	assert.Equal(t, "/invitations", r.Path)
	assertHeaders(t, r, true)
	assert.JSONEq(t, `{"email":"foo@example.com","firstName":"Example First Name","lastName":"Example Last Name",
		"groups":["example group a","exaple group b"]}`, string(r.Body))
}

// The optional fields are left out, not sent empty.
func TestCreateInvitationSendsOnlyWhatIsSet(t *testing.T) {
	m := newMock(t)
	m.on("POST", base+"/invitations", http.StatusOK, docInvitationCreated)
	_, err := m.c.Invitations.Create(t.Context(), reach360.InvitationParams{Email: "foo@example.com"})
	require.NoError(t, err)
	assert.JSONEq(t, `{"email":"foo@example.com"}`, string(m.only(t).Body))
}

// The article shows no answer for GET /invitations/{id}: the invitation is
// read bare or wrapped like the create answer.
func TestGetInvitationReadsBothShapes(t *testing.T) {
	bare := `{"id":"example-invitation-id","email":"foo@example.com","firstName":"Example First Name",
		"lastName":"Example Last Name","groups":["example group a","exaple group b"],
		"url":"https://api.reach360.com/invitations/example-invitation-id"}`
	for name, body := range map[string]string{"bare": bare, "wrapped": `{"invitation":` + bare + `}`} {
		t.Run(name, func(t *testing.T) {
			m := newMock(t)
			m.on("GET", base+"/invitations/example-invitation-id", http.StatusOK, body)
			inv, err := m.c.Invitations.Get(t.Context(), "example-invitation-id")
			require.NoError(t, err)
			want := wantDocInvitation
			want.URL = "https://api.reach360.com/invitations/example-invitation-id"
			assert.Equal(t, want, *inv)
			r := m.only(t)
			assert.Equal(t, "/invitations/example-invitation-id", r.Path)
			assertHeaders(t, r, false)
		})
	}
}

func TestListAndDeleteInvitationRequests(t *testing.T) {
	m := newMock(t)
	m.on("GET", base+"/invitations", http.StatusOK, `{"invitations":[`+docInvitation+`],"nextUrl":null}`)
	m.on("DELETE", base+"/invitations/example-invitation-id", http.StatusNoContent, "")

	page, err := m.c.Invitations.ListPage(t.Context(), &reach360.ListOptions{Limit: 5})
	require.NoError(t, err)
	require.Len(t, page.Invitations, 1)
	assert.Equal(t, wantDocInvitation, *page.Invitations[0])
	assert.Empty(t, page.NextPageToken)
	require.NoError(t, m.c.Invitations.Delete(t.Context(), "example-invitation-id"))

	reqs := m.requests()
	require.Len(t, reqs, 2)
	assert.Equal(t, "GET", reqs[0].Method)
	assert.Equal(t, "/invitations", reqs[0].Path)
	assert.Equal(t, "limit=5", reqs[0].RawQuery)
	assert.Equal(t, "DELETE", reqs[1].Method)
	assert.Equal(t, "/invitations/example-invitation-id", reqs[1].Path)
	assertHeaders(t, reqs[1], false)
}

func TestInvitationLifecycle(t *testing.T) {
	srv, c := newFake(t)
	ctx := t.Context()

	inv, err := c.Invitations.Create(ctx, reach360.InvitationParams{Email: "ada@example.com", FirstName: "Ada",
		Groups: []string{"Sales", "New hires"}})
	require.NoError(t, err)
	assert.NotEmpty(t, inv.ID)
	assert.Equal(t, []string{"Sales", "New hires"}, inv.Groups)
	assert.Equal(t, srv.URL+"/invitations/"+inv.ID, inv.URL)
	assert.Equal(t, []reach360.Invitation{*inv}, srv.Invitations())
	assert.Equal(t, 1, srv.AppliedCount(reach360test.OpInvitationsCreate))

	got, err := c.Invitations.Get(ctx, inv.ID)
	require.NoError(t, err)
	assert.Equal(t, *inv, *got)

	_, err = c.Invitations.Create(ctx, reach360.InvitationParams{Email: "ada@example.com"})
	assert.ErrorIs(t, err, reach360.ErrInvitePending)
	srv.AddUser(reach360.User{Email: "bob@example.com"})
	_, err = c.Invitations.Create(ctx, reach360.InvitationParams{Email: "bob@example.com"})
	assert.ErrorIs(t, err, reach360.ErrUserExists)
	assert.Equal(t, 1, srv.AppliedCount(reach360test.OpInvitationsCreate))

	second := srv.AddInvitation(reach360.InvitationParams{Email: "cy@example.com"})
	all := collect(t, c.Invitations.List(ctx, &reach360.ListOptions{Limit: 1}))
	assert.Equal(t, []reach360.Invitation{*inv, second}, all)

	require.NoError(t, c.Invitations.Delete(ctx, inv.ID))
	assert.Equal(t, []reach360.Invitation{second}, srv.Invitations())
	_, err = c.Invitations.Get(ctx, inv.ID)
	assert.ErrorIs(t, err, reach360.ErrNotFound)
	assert.ErrorIs(t, c.Invitations.Delete(ctx, inv.ID), reach360.ErrNotFound, "a first attempt that finds nothing")
}

func TestInvitationInvalidParamsSendNothing(t *testing.T) {
	srv, c := newFake(t)
	ctx := t.Context()
	for _, p := range []reach360.InvitationParams{
		{}, {Email: "  "}, {Email: "not-an-address"}, {Email: "Ada <ada@example.com>"},
		{Email: "ada@example.com", Groups: []string{"Sales", " "}},
	} {
		_, err := c.Invitations.Create(ctx, p)
		assert.ErrorIs(t, err, reach360.ErrInvalidParams, "%+v", p)
	}
	_, err := c.Invitations.Create(ctx, reach360.InvitationParams{Email: "ada@example.com", Groups: []string{"", "x"}})
	assert.ErrorContains(t, err, "Groups[0]")
	_, err = c.Invitations.Get(ctx, "")
	assert.ErrorIs(t, err, reach360.ErrInvalidParams)
	assert.ErrorIs(t, c.Invitations.Delete(ctx, " "), reach360.ErrInvalidParams)
	assert.ErrorIs(t, firstErr(c.Invitations.List(ctx, &reach360.ListOptions{Limit: 101})), reach360.ErrInvalidParams)
	assert.Equal(t, 0, srv.RequestCount())
}

// Create is not idempotent (a replay sends a second email, or meets
// invite_pending): an answer lost after the server acted is returned as
// the error, however many retries the call allows.
func TestCreateInvitationIsNotReplayed(t *testing.T) {
	srv, c := newFake(t)
	srv.Inject(fakekit.Fault{Cut: fakekit.CutBeforeResponse, Apply: true})
	_, err := c.Invitations.Create(t.Context(), reach360.InvitationParams{Email: "ada@example.com"},
		reach360.WithRequestMaxRetries(5))
	var re *transport.RequestError
	require.ErrorAs(t, err, &re)
	assert.Equal(t, 1, re.Attempts)
	assert.NotErrorIs(t, err, reach360.ErrInvitePending)
	assert.Equal(t, 1, srv.RequestCount())
	assert.Equal(t, 1, srv.AppliedCount(reach360test.OpInvitationsCreate))

	srv.Inject(fakekit.Fault{Status: http.StatusServiceUnavailable})
	_, err = c.Invitations.Create(t.Context(), reach360.InvitationParams{Email: "bob@example.com"})
	var e *reach360.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, http.StatusServiceUnavailable, e.StatusCode)
	assert.Equal(t, 1, e.Attempts, "a 503 may come after the server acted: not retried for a create")
	assert.Equal(t, 1, srv.AppliedCount(reach360test.OpInvitationsCreate))
}

func TestCreateInvitationIsRetriedAfter429(t *testing.T) {
	srv, c := newFake(t)
	srv.Inject(fakekit.Fault{Status: http.StatusTooManyRequests, RetryAfter: "0"})
	_, err := c.Invitations.Create(t.Context(), reach360.InvitationParams{Email: "ada@example.com"})
	require.NoError(t, err)
	assert.Equal(t, 2, srv.RequestCount())
	assert.Equal(t, 1, srv.AppliedCount(reach360test.OpInvitationsCreate))
}

// A delete whose answer was lost is retried, and the retry's 404 with the
// API's code means the first attempt did it.
func TestDeleteInvitationWhoseAnswerWasLostSucceeds(t *testing.T) {
	srv, c := newFake(t)
	inv := srv.AddInvitation(reach360.InvitationParams{Email: "ada@example.com"})
	srv.Inject(fakekit.Fault{Cut: fakekit.CutMidBody, Status: http.StatusOK, Apply: true,
		Match: func(r *http.Request) bool { return r.Method == http.MethodDelete }})
	require.NoError(t, c.Invitations.Delete(t.Context(), inv.ID))
	assert.Equal(t, 1, srv.AppliedCount(reach360test.OpInvitationsDelete))
	assert.Equal(t, 2, srv.RequestCount())
	assert.Empty(t, srv.Invitations())
}
