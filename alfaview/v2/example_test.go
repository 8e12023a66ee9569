package alfaview_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	alfaview "github.com/grantkit/grantkit-go/alfaview/v2"
	"github.com/grantkit/grantkit-go/alfaview/v2/alfaviewtest"
)

// newExampleClient starts a fake and returns a client logged in to it by
// API key. Against the real API, drop the options:
//
//	alfaview.NewClient(alfaview.APIKeyCredentials{
//		ClientID:  os.Getenv("ALFAVIEW_CLIENT_ID"),
//		Key:       os.Getenv("ALFAVIEW_KEY"),
//		CompanyID: os.Getenv("ALFAVIEW_COMPANY_ID"),
//	})
func newExampleClient() (*alfaviewtest.Server, *alfaview.Client) {
	srv := alfaviewtest.NewServer(nil)
	c, err := alfaview.NewClient(srv.APIKeyCredentials(), srv.Options()...)
	if err != nil {
		log.Fatal(err)
	}
	return srv, c
}

// Schedule a meeting with one group link for the team and a personal guest
// link for a visitor, then print the links to hand out.
func Example() {
	srv, c := newExampleClient()
	defer srv.Close()
	ctx := context.Background()

	groups, err := c.PermissionGroups.List(ctx)
	if err != nil {
		log.Fatal(err)
	}
	var participant string
	for _, g := range groups {
		if g.Name == "Participant" {
			participant = g.ID
		}
	}
	start := time.Date(2030, 3, 14, 13, 0, 0, 0, time.UTC)
	id, err := c.Meetings.Create(ctx, &alfaview.MeetingCreate{
		Title:    "Kick-off",
		Start:    start,
		End:      start.Add(2 * time.Hour),
		Timezone: "Europe/Berlin",
		GroupLinks: []alfaview.GroupLinkCreate{
			{Description: "Team", PermissionGroupID: participant},
		},
		GuestLinks: []alfaview.GuestLinkCreate{
			{DisplayName: "Ada Lovelace", EmailAddress: "ada@example.com", Locale: "en", PermissionGroupID: participant},
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	// The meeting's id is its room's id too.
	for l, err := range c.GroupLinks.List(ctx, &alfaview.ListLinksOptions{RoomID: id}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(l.Description, l.JoinLink)
	}
	for l, err := range c.GuestLinks.List(ctx, &alfaview.ListLinksOptions{RoomID: id}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(l.DisplayName, l.JoinURL)
	}
	// Output:
	// Team https://app.alfaview.com/#/join/01JM5Q2V7X8A9B0C1D2E3F4G5H/2618c9a3-d852-454a-9164-b191e6559542/JY5QVZqYqCaSkJI0zOFNN5pHbuV86bg2/v2
	// Ada Lovelace https://app.alfaview.com/#/join/01JM5Q2V7X8A9B0C1D2E3F4G5H/2618c9a3-d852-454a-9164-b191e6559542/Kfhly9GOej3gIBza95sPEDcfXZ7AcqBn/v2
}

// Walk the rooms of one type, page by page, and stop early: no further
// page is fetched after the loop breaks.
func ExampleRoomsService_List() {
	srv, c := newExampleClient()
	defer srv.Close()
	srv.AddRoom(alfaviewtest.Room{DisplayName: "Training", Type: alfaviewtest.RoomTypeDepartment})
	for _, name := range []string{"Lobby", "Workshop", "Lab", "Studio"} {
		srv.AddRoom(alfaviewtest.Room{DisplayName: name})
	}

	n := 0
	opts := &alfaview.ListRoomsOptions{Types: []alfaview.RoomType{alfaview.RoomTypeRoom}, Limit: 2}
	for room, err := range c.Rooms.List(context.Background(), opts) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(room.DisplayName)
		if n++; n == 3 {
			break
		}
	}
	// Output:
	// Lobby
	// Workshop
	// Lab
}

// Page by hand, e.g. to keep NextPageToken and resume later with ListPage.
func ExampleRoomPage_NextPage() {
	srv, c := newExampleClient()
	defer srv.Close()
	for i := range 5 {
		srv.AddRoom(alfaviewtest.Room{DisplayName: fmt.Sprint("Room ", i+1)})
	}
	ctx := context.Background()

	page, err := c.Rooms.ListPage(ctx, &alfaview.ListRoomsOptions{Limit: 2}, "")
	for ; err == nil; page, err = page.NextPage(ctx) {
		fmt.Println(len(page.Rooms), "rooms, more to come:", page.NextPageToken != "")
	}
	if !errors.Is(err, alfaview.ErrNoMorePages) {
		log.Fatal(err)
	}
	// Output:
	// 2 rooms, more to come: true
	// 2 rooms, more to come: true
	// 1 rooms, more to come: false
}

// Change only what the update sets: nil fields stay as they are, and Ptr
// tells "set to false" apart from "leave alone".
func ExampleRoomsService_Update() {
	srv, c := newExampleClient()
	defer srv.Close()
	room := srv.AddRoom(alfaviewtest.Room{DisplayName: "Workshop", WaitingRoomEnabled: true, WaitingRoomWelcomeNote: "Please wait"})
	ctx := context.Background()

	err := c.Rooms.Update(ctx, room.ID, &alfaview.RoomUpdate{
		DisplayName:        alfaview.Ptr("Lobby"),
		WaitingRoomEnabled: alfaview.Ptr(false),
	})
	if err != nil {
		log.Fatal(err)
	}
	r, err := c.Rooms.Get(ctx, room.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s, waiting room %t, note %q\n", r.DisplayName, r.WaitingRoomEnabled, r.WaitingRoomWelcomeNote)
	// Output: Lobby, waiting room false, note "Please wait"
}

// Create two group links at once: the ids come back in the order asked
// for.
func ExampleGroupLinksService_Create() {
	srv, c := newExampleClient()
	defer srv.Close()
	room := srv.AddRoom(alfaviewtest.Room{DisplayName: "Workshop"})
	ctx := context.Background()

	from := time.Date(2030, 3, 14, 13, 0, 0, 0, time.UTC)
	ids, err := c.GroupLinks.Create(ctx, room.ID, &alfaview.CreateGroupLinksParams{
		Origin: "booking tool",
		Links: []alfaview.GroupLinkCreate{
			{Description: "Hosts", PermissionGroupID: srv.PermissionGroupID("Moderator")},
			{Description: "Team", PermissionGroupID: srv.PermissionGroupID("Participant"), ValidFrom: from, ValidUntil: from.Add(4 * time.Hour)},
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, id := range ids {
		l, err := c.GroupLinks.Get(ctx, id)
		if err != nil {
			log.Fatal(err)
		}
		until := "until deleted" // a zero ValidUntil: no end
		if !l.ValidUntil.IsZero() {
			until = "until " + l.ValidUntil.Format(time.RFC3339)
		}
		fmt.Println(l.Description, "valid", until)
	}
	// Output:
	// Hosts valid until deleted
	// Team valid until 2030-03-14T17:00:00Z
}

// A guest who holds a group link's access key gets a token and a launch
// URL, both printed masked: they are the guest's credentials.
func ExampleAuthService_AuthenticateGroupLink() {
	srv, c := newExampleClient()
	defer srv.Close()
	room := srv.AddRoom(alfaviewtest.Room{DisplayName: "Workshop"})
	link := srv.AddGroupLink(alfaviewtest.GroupLink{RoomID: room.ID, Description: "Team", PermissionGroupID: srv.PermissionGroupID("Guest")})

	info, err := c.Auth.AuthenticateGroupLink(context.Background(), &alfaview.AuthenticateGroupLinkParams{
		AccessKey: link.AccessKey, CompanyID: alfaviewtest.CompanyID, RoomID: room.ID, DisplayName: "Visitor",
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(info.DisplayName, info.AccessToken, info.ClientLaunchURL)
	fmt.Println("a token to hand on:", string(info.AccessToken) != "")
	// Output:
	// Visitor [REDACTED] alfaview://apis.alfaview.com:443?companyId=xxxxx&roomId=xxxxx&token=xxxxx
	// a token to hand on: true
}

// A refused call is an *Error with the problem details alfaview sent.
func ExampleError() {
	srv, c := newExampleClient()
	defer srv.Close()
	room := srv.AddRoom(alfaviewtest.Room{DisplayName: "Workshop"})

	_, err := c.GroupLinks.Create(context.Background(), room.ID, &alfaview.CreateGroupLinksParams{
		Links: []alfaview.GroupLinkCreate{{Description: "Team", PermissionGroupID: "no-such-group"}},
	})
	var e *alfaview.Error
	switch {
	case errors.Is(err, alfaview.ErrNotFound):
		fmt.Println("no such room")
	case errors.As(err, &e):
		fmt.Println(e.StatusCode, e.Title)
		for _, d := range e.Details {
			fmt.Println(d.Location, d.Message, d.Value)
		}
	case err != nil:
		log.Fatal(err)
	}
	// Output:
	// 422 Unprocessable Entity
	// body.create[0].permissionGroupId unknown permission group no-such-group
}

// Bad parameters fail before anything is sent, naming each field.
func ExampleErrInvalidParams() {
	srv, c := newExampleClient()
	defer srv.Close()

	_, err := c.Meetings.Create(context.Background(), &alfaview.MeetingCreate{Title: "Kick-off", Timezone: "Europe/Berlin"})
	fmt.Println(errors.Is(err, alfaview.ErrInvalidParams))
	fmt.Println(err)
	fmt.Println("requests sent:", srv.RequestCount())
	// Output:
	// true
	// alfaview: meetings.create: invalid params: Start must be set; End must be set
	// requests sent: 0
}
