package sharestest_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/grantkit/grantkit-go/shares"
	"github.com/grantkit/grantkit-go/shares/sharestest"
)

// A test seeds the fake, points a client at it with Options and the
// fake's API key, and injects a fault: here the answer to a create is lost
// after the fake applied it. The client does not replay a create, so the
// share exists once, as AppliedCount and Shares show.
func Example() {
	srv := sharestest.NewServer(nil) // in a test: NewServer(t), closed when it ends
	defer srv.Close()
	org := srv.AddOrganization("Office")
	lock := srv.AddDevice(org.ID, "Front door")
	ada := srv.AddUser("Ada", "Lovelace", "ada@example.com")
	grace := srv.AddUser("Grace", "Hopper", "grace@example.com")

	c, err := shares.NewClient(srv.Token(), srv.Options()...)
	if err != nil {
		log.Fatal(err)
	}
	shareLock := func(userID int64) (*shares.ShareRef, error) {
		return c.Shares.Create(context.Background(), &shares.CreateShareParams{
			OrganizationID: org.ID,
			Permissions:    shares.Permissions{RemoteActivate: true},
			Source:         shares.Source{DeviceID: lock.ID},
			Receiver:       shares.Receiver{UserID: userID},
		})
	}
	ref, err := shareLock(ada.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("created share", ref.ShareID)

	srv.Inject(sharestest.Fault{Cut: sharestest.CutBeforeResponse, Apply: true})
	_, err = shareLock(grace.ID)
	var reqErr *shares.RequestError
	fmt.Println("answer lost:", errors.As(err, &reqErr))
	fmt.Println("shares created:", srv.AppliedCount(sharestest.OpSharesCreate))
	for _, sh := range srv.Shares() {
		fmt.Println(sh.ID, sh.Receiver.User.FirstName)
	}
	// Output:
	// created share 1
	// answer lost: true
	// shares created: 2
	// 1 Ada
	// 2 Grace
}
