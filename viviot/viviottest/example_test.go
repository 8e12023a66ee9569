package viviottest_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/grantkit/grantkit-go/viviot"
	"github.com/grantkit/grantkit-go/viviot/viviottest"
)

// A test seeds the fake, points a client at it with Options and the
// fake's admin login, and injects a fault: here the answer to a create is
// lost after the fake applied it. The client does not replay a create, so
// the template exists once, as AppliedCount and Templates show.
func Example() {
	srv := viviottest.NewServer(nil) // in a test: NewServer(t), closed when it ends
	defer srv.Close()
	door := srv.AddThing(viviottest.Thing{Name: "Front door", TypeName: "Door"})

	c, err := viviot.NewClient(srv.Credentials(), srv.Options()...)
	if err != nil {
		log.Fatal(err)
	}
	create := func(name string) (*viviot.AccessTemplate, error) {
		return c.AccessTemplates.Create(context.Background(), &viviot.AccessTemplateParams{
			Name: name, Scope: viviot.ScopeGuest, CodeStrategy: viviot.CodeStrategyShared,
			Things: []viviot.ThingAccess{{ThingID: door.ID, Permission: []string{"open"}}},
		})
	}
	t, err := create("Guests") // logs in first
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("created", t.Name)

	srv.Inject(viviottest.Fault{Cut: viviottest.CutBeforeResponse, Apply: true})
	_, err = create("Cleaners")
	var reqErr *viviot.RequestError
	fmt.Println("answer lost:", errors.As(err, &reqErr))
	fmt.Println("templates created:", srv.AppliedCount(viviottest.OpAccessTemplatesCreate))
	for _, t := range srv.Templates() {
		fmt.Println(t.Name)
	}
	// Output:
	// created Guests
	// answer lost: true
	// templates created: 2
	// Guests
	// Cleaners
}
