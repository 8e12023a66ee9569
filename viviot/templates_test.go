package viviot_test

import (
	"errors"
	"net/http"
	"slices"
	"testing"

	"github.com/grantkit/grantkit-go/internal/fakekit"
	"github.com/grantkit/grantkit-go/viviot"
	"github.com/grantkit/grantkit-go/viviot/viviottest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCreateGetListUpdateDelete(t *testing.T) {
	f := newFixture(t)
	ctx := t.Context()

	p := guestParams("Guests: door and room", f.door, f.room)
	p.Description = "front door and the meeting room"
	p.Things[1].AccessCount = intp(3)
	p.Things[1].Permission = []string{"open", "book"}
	created, err := f.c.AccessTemplates.Create(ctx, p)
	require.NoError(t, err)
	assert.False(t, created.ID.IsZero())
	assert.Equal(t, "Guests: door and room", created.Name)
	assert.Equal(t, "front door and the meeting room", created.Description)
	assert.Equal(t, viviot.ScopeGuest, created.Scope)
	assert.Equal(t, viviot.CodeStrategyShared, created.CodeStrategy)
	assert.Equal(t, []string{"open", "book"}, created.Permission)
	root := f.srv.RootOrganization()
	assert.Equal(t, root.ID, created.OrganizationID)
	require.NotNil(t, created.Organization)
	assert.Equal(t, viviot.OrganizationTypeAdmin, created.Organization.Type)

	stored, ok := f.srv.Template(created.ID)
	require.True(t, ok)
	require.Len(t, stored.Things, 2)
	assert.Equal(t, f.door.ID, stored.Things[0].ThingID)
	assert.Equal(t, f.room.ID, stored.Things[1].ThingID)
	assert.Equal(t, 3, *stored.Things[1].AccessCount)
	assert.Nil(t, stored.Things[0].AccessCount)

	got, err := f.c.AccessTemplates.Get(ctx, created.ID)
	require.NoError(t, err)
	assert.Equal(t, created, got)

	staff, err := f.c.AccessTemplates.Create(ctx, &viviot.AccessTemplateParams{
		Name: "Staff: locker", Scope: viviot.ScopeStaff,
		Things: []viviot.ThingAccess{{ThingID: f.locker.ID}},
	})
	require.NoError(t, err)

	all, err := f.c.AccessTemplates.List(ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, []string{"Guests: door and room", "Staff: locker"}, names(all))

	guest := viviot.ScopeGuest
	guests, err := f.c.AccessTemplates.List(ctx, &viviot.ListAccessTemplatesOptions{Scope: &guest})
	require.NoError(t, err)
	assert.Equal(t, []string{"Guests: door and room"}, names(guests))

	up := guestParams("Guests: door only", f.door)
	up.Scope = viviot.ScopeAll
	updated, err := f.c.AccessTemplates.Update(ctx, created.ID, up)
	require.NoError(t, err)
	assert.Equal(t, created.ID, updated.ID)
	assert.Equal(t, "Guests: door only", updated.Name)
	assert.Equal(t, viviot.ScopeAll, updated.Scope)
	stored, _ = f.srv.Template(created.ID)
	assert.Len(t, stored.Things, 1)

	require.NoError(t, f.c.AccessTemplates.Delete(ctx, staff.ID))
	_, err = f.c.AccessTemplates.Get(ctx, staff.ID)
	assert.ErrorIs(t, err, viviot.ErrNotFound)
	all, err = f.c.AccessTemplates.List(ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, []string{"Guests: door only"}, names(all))

	assert.Equal(t, 1, f.srv.AppliedCount(viviottest.OpAccessTemplatesUpdate))
	assert.Equal(t, 2, f.srv.AppliedCount(viviottest.OpAccessTemplatesCreate))
	assert.Equal(t, 1, f.srv.AppliedCount(viviottest.OpAccessTemplatesDelete))
	assert.Equal(t, 1, f.srv.AuthCount(), "one login serves every call")
}

func names(ts []viviot.AccessTemplate) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.Name
	}
	slices.Sort(out)
	return out
}

func TestGetLoadsOrganizationTree(t *testing.T) {
	f := newFixture(t)
	root := f.srv.RootOrganization()
	tenant := f.srv.AddOrganization(viviottest.Organization{Name: "Acme", Type: viviot.OrganizationTypeTenant, ParentID: root.ID})
	site := f.srv.AddOrganization(viviottest.Organization{Name: "Acme HQ", Type: viviot.OrganizationTypeLocation, ParentID: tenant.ID})
	seeded := f.srv.AddTemplate(viviottest.AccessTemplate{Name: "Seeded", Scope: viviot.ScopeStaff,
		Things: []viviot.ThingAccess{{ThingID: f.door.ID}}})

	got, err := f.c.AccessTemplates.Get(t.Context(), seeded.ID)
	require.NoError(t, err)
	want := &viviot.Organization{ID: root.ID, Name: "4spaces", Type: viviot.OrganizationTypeAdmin,
		SubOrganizations: []viviot.Organization{{ID: tenant.ID, Name: "Acme", Type: viviot.OrganizationTypeTenant,
			SubOrganizations: []viviot.Organization{{ID: site.ID, Name: "Acme HQ", Type: viviot.OrganizationTypeLocation,
				SubOrganizations: []viviot.Organization{}}}}}}
	assert.Equal(t, want, got.Organization)
	assert.Equal(t, viviot.ScopeStaff, got.Scope)
}

func TestGetUnknownIsNotFound(t *testing.T) {
	f := newFixture(t)
	id := viviot.NewGUID()
	_, err := f.c.AccessTemplates.Get(t.Context(), id)
	require.ErrorIs(t, err, viviot.ErrNotFound)
	var e *viviot.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "accessTemplates.get", e.Op)
	assert.Contains(t, e.Error(), id.String())
}

func TestUpdateAndDeleteUnknownAreNotFound(t *testing.T) {
	f := newFixture(t)
	id := viviot.NewGUID()
	_, err := f.c.AccessTemplates.Update(t.Context(), id, guestParams("x", f.door))
	assert.ErrorIs(t, err, viviot.ErrNotFound)
	var e *viviot.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 404, e.StatusCode)

	err = f.c.AccessTemplates.Delete(t.Context(), id)
	assert.ErrorIs(t, err, viviot.ErrNotFound)
	assert.Zero(t, f.srv.AppliedCount(viviottest.OpAccessTemplatesDelete)+f.srv.AppliedCount(viviottest.OpAccessTemplatesUpdate))
}

func TestCreateWithUnknownThingIsNotFound(t *testing.T) {
	f := newFixture(t)
	_, err := f.c.AccessTemplates.Create(t.Context(), guestParams("x", viviottest.Thing{ID: viviot.NewGUID()}))
	assert.ErrorIs(t, err, viviot.ErrNotFound)
	assert.Zero(t, f.srv.AppliedCount(viviottest.OpAccessTemplatesCreate))
}

func TestRoles(t *testing.T) {
	f := newFixture(t)
	ctx := t.Context()
	seeded := f.srv.AddTemplate(viviottest.AccessTemplate{Name: "Seeded", Things: []viviot.ThingAccess{{ThingID: f.door.ID}}})

	f.srv.AddUser(viviottest.User{UserName: "guest@example.com", Password: "pw-guest", Roles: []string{"Guest"}})
	f.srv.AddUser(viviottest.User{UserName: "reader@example.com", Password: "pw-reader", Roles: []string{viviottest.RoleAccessAdmin}})
	f.srv.AddUser(viviottest.User{UserName: "editor@example.com", Password: "pw-editor", Roles: []string{viviottest.RoleAccessTemplateAdmin}})

	nobody := newClient(t, f.srv, viviot.Credentials{UserName: "guest@example.com", Password: "pw-guest"})
	_, err := nobody.AccessTemplates.List(ctx, nil)
	require.ErrorIs(t, err, viviot.ErrForbidden)
	var e *viviot.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 403, e.StatusCode)
	assert.Equal(t, "Forbidden", e.ErrorCode)
	assert.Equal(t, "Invalid Role", e.Message)
	assert.False(t, errors.Is(err, viviot.ErrUnauthorized), "a 403 must not look like an expired session")
	assert.Equal(t, 1, f.srv.AuthCount(), "a 403 must not cause a new login")

	reader := newClient(t, f.srv, viviot.Credentials{UserName: "reader@example.com", Password: "pw-reader"})
	list, err := reader.AccessTemplates.List(ctx, nil)
	require.NoError(t, err)
	assert.Len(t, list, 1)
	// The metadata pages grant AccessAdmin GetAccessTemplates, not
	// GetAccessTemplate.
	_, err = reader.AccessTemplates.Get(ctx, seeded.ID)
	assert.ErrorIs(t, err, viviot.ErrForbidden)
	_, err = reader.AccessTemplates.Create(ctx, guestParams("x", f.door))
	assert.ErrorIs(t, err, viviot.ErrForbidden)
	assert.ErrorIs(t, reader.AccessTemplates.Delete(ctx, seeded.ID), viviot.ErrForbidden)

	editor := newClient(t, f.srv, viviot.Credentials{UserName: "editor@example.com", Password: "pw-editor"})
	_, err = editor.AccessTemplates.Create(ctx, guestParams("by editor", f.door))
	require.NoError(t, err)
}

func TestServerSideValidationErrors(t *testing.T) {
	f := newFixture(t)
	// A thing without its id is refused before sending, as the service's
	// validator would refuse it after a login and a round trip.
	_, err := f.c.AccessTemplates.Create(t.Context(), &viviot.AccessTemplateParams{
		Name: "x", Things: []viviot.ThingAccess{{ThingName: "no id"}},
	})
	require.ErrorIs(t, err, viviot.ErrInvalidParams)
	assert.ErrorContains(t, err, "Things[0].ThingID")
	assert.Zero(t, f.srv.RequestCount())

	// The validator's answer, in the fake's words, still decodes with its
	// field errors when the service finds what the client cannot.
	f.srv.Inject(fakekit.Fault{
		Match:  func(r *http.Request) bool { return r.URL.Path == "/access/template" },
		Status: http.StatusBadRequest,
		Body: `{"responseStatus":{"errorCode":"NotEmpty","message":"'Thing Id' must not be empty.",` +
			`"errors":[{"errorCode":"NotEmpty","fieldName":"Things[0].ThingId","message":"'Thing Id' must not be empty."}]}}`,
	})
	_, err = f.c.AccessTemplates.Create(t.Context(), guestParams("x", f.door))
	require.ErrorIs(t, err, viviot.ErrValidation)
	var e *viviot.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 400, e.StatusCode)
	assert.Equal(t, "NotEmpty", e.ErrorCode)
	assert.Equal(t, []viviot.FieldError{{ErrorCode: "NotEmpty", FieldName: "Things[0].ThingId", Message: "'Thing Id' must not be empty."}}, e.FieldErrors)
	assert.Zero(t, f.srv.AppliedCount(viviottest.OpAccessTemplatesCreate))
}
