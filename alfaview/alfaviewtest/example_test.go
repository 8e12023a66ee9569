package alfaviewtest_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/grantkit/grantkit-go/alfaview"
	"github.com/grantkit/grantkit-go/alfaview/alfaviewtest"
)

// A test starts the fake, points a client at it with Options and the
// fake's API key, and injects a fault: here the answer to a create is lost
// after the fake applied it. The client does not replay a create, so the
// room exists once, as AppliedCount and Rooms show.
func Example() {
	srv := alfaviewtest.NewServer(nil) // in a test: NewServer(t), closed when it ends
	defer srv.Close()
	c, err := alfaview.NewClient(srv.APIKeyCredentials(), srv.Options()...)
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	r, err := c.Rooms.Create(ctx, alfaview.RoomCreation{DisplayName: "Workshop"}) // authenticates first
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("created", r.DisplayName)

	srv.Inject(alfaviewtest.Fault{Cut: alfaviewtest.CutBeforeResponse, Apply: true})
	_, err = c.Rooms.Create(ctx, alfaview.RoomCreation{DisplayName: "Lounge"})
	var reqErr *alfaview.RequestError
	fmt.Println("answer lost:", errors.As(err, &reqErr))
	fmt.Println("rooms created:", srv.AppliedCount(alfaviewtest.OpRoomsCreate))
	for _, r := range srv.Rooms() {
		fmt.Println(r.DisplayName)
	}
	// Output:
	// created Workshop
	// answer lost: true
	// rooms created: 2
	// Workshop
	// Lounge
}
