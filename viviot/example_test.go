package viviot_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/grantkit/grantkit-go/viviot"
	"github.com/grantkit/grantkit-go/viviot/viviottest"
)

// fake starts a viviottest server with two things and returns a client
// logged in as its admin. Against the real service, drop the options:
// viviot.NewClient(viviot.Credentials{UserName: user, Password: pw}).
func fake() (*viviottest.Server, *viviot.Client, viviottest.Thing, viviottest.Thing) {
	srv := viviottest.NewServer(nil)
	door := srv.AddThing(viviottest.Thing{Name: "Front door", TypeName: "Door"})
	room := srv.AddThing(viviottest.Thing{Name: "Meeting room 1", TypeName: "Room"})
	c, err := viviot.NewClient(srv.Credentials(), viviot.WithBaseURL(srv.URL), viviot.WithHTTPClient(srv.Client()))
	if err != nil {
		log.Fatal(err)
	}
	return srv, c, door, room
}

func ExampleNewClient() {
	srv := viviottest.NewServer(nil)
	defer srv.Close()

	c, err := viviot.NewClient(
		viviot.Credentials{UserName: viviottest.AdminUserName, Password: viviottest.AdminPassword},
		viviot.WithBaseURL(srv.URL), viviot.WithHTTPClient(srv.Client()),
	)
	if err != nil {
		log.Fatal(err)
	}
	templates, err := c.AccessTemplates.List(context.Background(), nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(templates), "templates; logins:", srv.AuthCount())
	// Output: 0 templates; logins: 1
}

func ExampleAccessTemplatesService_Create() {
	srv, c, door, room := fake()
	defer srv.Close()

	t, err := c.AccessTemplates.Create(context.Background(), &viviot.AccessTemplateParams{
		Name:         "Guests: door and meeting room",
		Scope:        viviot.ScopeGuest,
		CodeStrategy: viviot.CodeStrategyShared,
		Things: []viviot.ThingAccess{
			{ThingID: door.ID, Permission: []string{"open"}},
			{ThingID: room.ID, Permission: []string{"open", "book"}},
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(t.Name, "|", t.Scope, "|", t.CodeStrategy, "|", t.Permission, "|", t.Organization.Name)
	// Output: Guests: door and meeting room | Guest | Shared | [open book] | 4spaces
}

func ExampleAccessTemplatesService_Get() {
	srv, c, door, _ := fake()
	defer srv.Close()
	ctx := context.Background()
	created, err := c.AccessTemplates.Create(ctx, &viviot.AccessTemplateParams{
		Name: "Staff: front door", Scope: viviot.ScopeStaff, Things: []viviot.ThingAccess{{ThingID: door.ID}},
	})
	if err != nil {
		log.Fatal(err)
	}

	t, err := c.AccessTemplates.Get(ctx, created.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(t.Name, t.ID == created.ID)

	_, err = c.AccessTemplates.Get(ctx, viviot.MustParseGUID("0f8fad5b-d9cb-469f-a165-70867728950e"))
	fmt.Println(errors.Is(err, viviot.ErrNotFound))
	// Output:
	// Staff: front door true
	// true
}

func ExampleAccessTemplatesService_List() {
	srv, c, door, room := fake()
	defer srv.Close()
	ctx := context.Background()
	for _, p := range []viviot.AccessTemplateParams{
		{Name: "Guests", Scope: viviot.ScopeGuest, Things: []viviot.ThingAccess{{ThingID: door.ID}}},
		{Name: "Staff", Scope: viviot.ScopeStaff, Things: []viviot.ThingAccess{{ThingID: room.ID}}},
	} {
		if _, err := c.AccessTemplates.Create(ctx, &p); err != nil {
			log.Fatal(err)
		}
	}

	staff := viviot.ScopeStaff
	templates, err := c.AccessTemplates.List(ctx, &viviot.ListAccessTemplatesOptions{Scope: &staff})
	if err != nil {
		log.Fatal(err)
	}
	for _, t := range templates {
		fmt.Println(t.Name, t.Scope)
	}
	// Output: Staff Staff
}

func ExampleAccessTemplatesService_Update() {
	srv, c, door, room := fake()
	defer srv.Close()
	ctx := context.Background()
	p := &viviot.AccessTemplateParams{Name: "Guests", Scope: viviot.ScopeGuest, Things: []viviot.ThingAccess{{ThingID: door.ID}}}
	t, err := c.AccessTemplates.Create(ctx, p)
	if err != nil {
		log.Fatal(err)
	}

	// Update replaces the whole template: send every field it keeps.
	p.Name = "Guests and staff"
	p.Scope = viviot.ScopeAll
	p.Things = append(p.Things, viviot.ThingAccess{ThingID: room.ID, AccessCount: new(int)})
	t, err = c.AccessTemplates.Update(ctx, t.ID, p)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(t.Name, t.Scope)
	// Output: Guests and staff All
}

func ExampleAccessTemplatesService_Delete() {
	srv, c, door, _ := fake()
	defer srv.Close()
	ctx := context.Background()
	t, err := c.AccessTemplates.Create(ctx, &viviot.AccessTemplateParams{
		Name: "Temporary", Things: []viviot.ThingAccess{{ThingID: door.ID}},
	})
	if err != nil {
		log.Fatal(err)
	}

	if err := c.AccessTemplates.Delete(ctx, t.ID); err != nil {
		log.Fatal(err)
	}
	templates, _ := c.AccessTemplates.List(ctx, nil)
	fmt.Println(len(templates))
	// Output: 0
}

// Problems the SDK can see fail before anything is sent, with
// ErrInvalidParams naming every rejected field; the service's refusals
// arrive as an *Error (here a thing it does not know; a failed validator
// gives ErrValidation with Error.FieldErrors).
func ExampleError() {
	srv, c, _, _ := fake()
	defer srv.Close()
	ctx := context.Background()

	_, err := c.AccessTemplates.Create(ctx, &viviot.AccessTemplateParams{
		Name: "", Things: []viviot.ThingAccess{{ThingName: "Front door"}},
	})
	fmt.Println(errors.Is(err, viviot.ErrInvalidParams))
	fmt.Println(err)

	_, err = c.AccessTemplates.Create(ctx, &viviot.AccessTemplateParams{
		Name: "Unknown thing", Things: []viviot.ThingAccess{{ThingID: viviot.MustParseGUID("0f8fad5bd9cb469fa16570867728950e")}},
	})
	var e *viviot.Error
	if errors.As(err, &e) {
		fmt.Println(e.StatusCode, e.ErrorCode, errors.Is(err, viviot.ErrNotFound))
	}
	// Output:
	// true
	// viviot: accessTemplates.create: invalid params: Name must not be empty; Things[0].ThingID must not be the zero GUID
	// 404 NotFound true
}

func ExampleParseGUID() {
	g, err := viviot.ParseGUID("0F8FAD5BD9CB469FA16570867728950E")
	if err != nil {
		log.Fatal(err)
	}
	text, _ := g.MarshalText()
	fmt.Println(g)
	fmt.Println(string(text))
	// Output:
	// 0f8fad5b-d9cb-469f-a165-70867728950e
	// 0f8fad5bd9cb469fa16570867728950e
}
