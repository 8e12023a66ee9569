package readme_test

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"strings"
	"testing"
	"testing/synctest"

	"github.com/grantkit/grantkit-go/alfaview"
	"github.com/grantkit/grantkit-go/alfaview/alfaviewtest"
	alfaviewv2test "github.com/grantkit/grantkit-go/alfaview/v2/alfaviewtest"
	"github.com/grantkit/grantkit-go/reach360"
	"github.com/grantkit/grantkit-go/reach360/reach360test"
	"github.com/grantkit/grantkit-go/shares"
	"github.com/grantkit/grantkit-go/shares/sharestest"
	"github.com/grantkit/grantkit-go/viviot"
	"github.com/grantkit/grantkit-go/viviot/viviottest"
	"github.com/grantkit/grantkit-go/voltmx"
	"github.com/grantkit/grantkit-go/voltmx/voltmxtest"
)

func Example_alfaview() {
	srv := alfaviewtest.NewServer(nil)
	defer srv.Close()
	room := srv.AddRoom(alfaview.Room{ID: "4173dafb-5cde-4c85-95a3-20ebdd43698a", DisplayName: "Workshop"})
	if err := inviteToRoom(context.Background(), srv.APIKeyCredentials(), room.ID, srv.Options()...); err != nil {
		log.Fatal(err)
	}
	// Output: https://app.alfaview.com/#/join/01EZYCFW9MJ10P15YJ63NZ8S47/4173dafb-5cde-4c85-95a3-20ebdd43698a/UDnlgrGXlfxumBE16Yj8MOJI2PN0yYT2/v2
}

func Example_alfaviewV2() {
	srv := alfaviewv2test.NewServer(nil)
	defer srv.Close()
	if err := scheduleMeeting(context.Background(), srv.APIKeyCredentials(), srv.Options()...); err != nil {
		log.Fatal(err)
	}
	// Output:
	// Team https://app.alfaview.com/#/join/01JM5Q2V7X8A9B0C1D2E3F4G5H/2618c9a3-d852-454a-9164-b191e6559542/JY5QVZqYqCaSkJI0zOFNN5pHbuV86bg2/v2
	// Ada Lovelace https://app.alfaview.com/#/join/01JM5Q2V7X8A9B0C1D2E3F4G5H/2618c9a3-d852-454a-9164-b191e6559542/Kfhly9GOej3gIBza95sPEDcfXZ7AcqBn/v2
}

func Example_reach360() {
	srv := reach360test.NewServer(nil)
	defer srv.Close()
	ada := srv.AddUser(reach360.User{Email: "ada@example.com", FirstName: "Ada"})
	err := onboardingGroup(context.Background(), srv.APIKey(), ada.ID,
		reach360.WithBaseURL(srv.URL), reach360.WithHTTPClient(srv.Client()))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("members:", len(srv.MemberIDs(srv.Groups()[1].ID)))
	// Output:
	// Everyone
	// Onboarding
	// members: 1
}

func Example_shares() {
	srv := sharestest.NewServer(nil)
	defer srv.Close()
	org := srv.AddOrganization("Office")
	lock := srv.AddDevice(org.ID, "Front door")
	ada := srv.AddUser("Ada", "Lovelace", "ada@example.com")
	webKey, err := weekdayAccess(context.Background(), shares.BearerToken(srv.Token()), org.ID, lock.ID, ada.ID,
		shares.WithBaseURL(srv.URL), shares.WithHTTPClient(srv.Client()))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("shares:", srv.ShareCount(), "web key from the fake:", strings.HasPrefix(webKey, sharestest.WebKeyBaseURL))
	// Output: shares: 1 web key from the fake: true
}

func Example_voltmx() {
	srv := voltmxtest.NewServer(nil)
	defer srv.Close()
	err := pushOperators(context.Background(), srv.URL, srv.ClaimsLogin(), voltmx.WithHTTPClient(srv.Client()))
	if err != nil {
		log.Fatal(err)
	}
	// Output:
	// created group 1
	// 1 Push operators
}

func Example_viviot() {
	srv := viviottest.NewServer(nil)
	defer srv.Close()
	site := srv.AddOrganization(viviottest.Organization{Name: "HQ", Type: viviot.OrganizationTypeLocation, ParentID: srv.RootOrganization().ID})
	door := srv.AddThing(viviottest.Thing{Name: "Door", OrganizationID: site.ID})
	room := srv.AddThing(viviottest.Thing{Name: "Room", OrganizationID: site.ID})
	err := guestTemplate(context.Background(), srv.Credentials(), door.ID, room.ID,
		viviot.WithBaseURL(srv.URL), viviot.WithHTTPClient(srv.Client()))
	if err != nil {
		log.Fatal(err)
	}
	// Output: Guests Guest Shared
}

func Example_errors() {
	srv := reach360test.NewServer(nil)
	defer srv.Close()
	srv.AddGroup("Sales")
	c, err := reach360.NewClient(srv.APIKey(), reach360.WithBaseURL(srv.URL), reach360.WithHTTPClient(srv.Client()))
	if err != nil {
		log.Fatal(err)
	}
	for _, name := range []string{"Support", "Sales", " "} {
		if err := createOrFind(context.Background(), c, name); err != nil {
			log.Fatal(err)
		}
	}
	// Output:
	// created Support
	// already there: Sales
	// bad input, nothing was sent: reach360: groups.create: invalid params: Name must not be empty
}

func Example_options() {
	c, err := configuredClient()
	fmt.Println(c != nil, err)
	// No Output line: compiled, not run, since it reads REACH360_API_KEY.
}

// README:begin testing
func TestOnboardingGroup(t *testing.T) {
	synctest.Test(t, func(t *testing.T) { // backoff and Retry-After pass in virtual time
		srv := reach360test.NewServer(t, reach360test.InMemory()) // closed when the test ends
		ada := srv.AddUser(reach360.User{Email: "ada@example.com", FirstName: "Ada"})
		srv.Inject(reach360test.Fault{Status: http.StatusTooManyRequests, RetryAfter: "20"})

		if err := onboardingGroup(t.Context(), srv.APIKey(), ada.ID, srv.Options()...); err != nil {
			t.Fatal(err)
		}
		if n := srv.AppliedCount(reach360test.OpGroupsCreate); n != 1 {
			t.Errorf("group created %d times, want once", n)
		}
	})
}

// README:end
