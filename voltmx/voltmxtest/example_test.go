package voltmxtest_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/grantkit/grantkit-go/voltmx"
	"github.com/grantkit/grantkit-go/voltmx/voltmxtest"
)

// A test starts the fake, points a client at it with Options and the
// fake's console user, and injects a fault: here the answer to a create is
// lost after the fake applied it. The client does not replay a create, so
// the group exists once, as AppliedCount and Groups show.
func Example() {
	srv := voltmxtest.NewServer(nil) // in a test: NewServer(t), closed when it ends
	defer srv.Close()
	c, err := voltmx.NewClient(srv.URL, srv.BasicAuth(), srv.Options()...)
	if err != nil {
		log.Fatal(err)
	}
	create := func(name string) (int64, error) {
		return c.Groups.Create(context.Background(), &voltmx.CreateGroupParams{
			GroupName: name, Email: "ops@example.com",
			PermissionIDs: []int64{srv.PermissionID("CAMPAIGNS_ALL")}, AppIDs: []string{},
		})
	}
	id, err := create("Push operators")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("created group", id)

	srv.Inject(voltmxtest.Fault{Cut: voltmxtest.CutBeforeResponse, Apply: true})
	_, err = create("Auditors")
	var reqErr *voltmx.RequestError
	fmt.Println("answer lost:", errors.As(err, &reqErr))
	fmt.Println("groups created:", srv.AppliedCount(voltmxtest.OpGroupsCreate))
	for _, g := range srv.Groups() {
		fmt.Println(g.ID, g.Name)
	}
	// Output:
	// created group 1
	// answer lost: true
	// groups created: 2
	// 1 Push operators
	// 2 Auditors
}
