package reach360test_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/grantkit/grantkit-go/reach360"
	"github.com/grantkit/grantkit-go/reach360/reach360test"
)

// A test starts the fake, points a client at it with Options and the
// fake's key, and injects a fault: here the answer to a create is lost
// after the fake applied it. The client does not replay a create, so the
// group exists once, as AppliedCount and Groups show.
func Example() {
	srv := reach360test.NewServer(nil) // in a test: NewServer(t), closed when it ends
	defer srv.Close()
	c, err := reach360.NewClient(srv.APIKey(), srv.Options()...)
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	g, err := c.Groups.Create(ctx, reach360.CreateGroupParams{Name: "Sales"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("created", g.Name)

	srv.Inject(reach360test.Fault{Cut: reach360test.CutBeforeResponse, Apply: true})
	_, err = c.Groups.Create(ctx, reach360.CreateGroupParams{Name: "Support"})
	var reqErr *reach360.RequestError
	fmt.Println("answer lost:", errors.As(err, &reqErr))
	fmt.Println("groups created:", srv.AppliedCount(reach360test.OpGroupsCreate))
	for _, g := range srv.Groups() {
		fmt.Println(g.Name)
	}
	// Output:
	// created Sales
	// answer lost: true
	// groups created: 2
	// Everyone
	// Sales
	// Support
}
