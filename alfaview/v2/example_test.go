package alfaview_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"time"

	alfaview "github.com/grantkit/grantkit-go/alfaview/v2"
)

// Schedule a meeting with one group link for the team and a personal guest
// link for a visitor, then print the links to hand out.
func Example() {
	c, err := alfaview.NewClient(alfaview.APIKeyCredentials{
		ClientID:  os.Getenv("ALFAVIEW_CLIENT_ID"),
		Key:       os.Getenv("ALFAVIEW_KEY"),
		CompanyID: os.Getenv("ALFAVIEW_COMPANY_ID"),
	})
	if err != nil {
		log.Fatal(err)
	}
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
}

// Walk every room, page by page, and stop early: no further page is
// fetched after the loop breaks.
func ExampleRoomsService_List() {
	c, err := alfaview.NewClient(alfaview.AccessToken(os.Getenv("ALFAVIEW_TOKEN")))
	if err != nil {
		log.Fatal(err)
	}
	n := 0
	for room, err := range c.Rooms.List(context.Background(), &alfaview.ListRoomsOptions{Types: []alfaview.RoomType{alfaview.RoomTypeRoom}}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(room.DisplayName)
		if n++; n == 10 {
			break
		}
	}
}

// Page by hand, e.g. to keep NextPageToken and resume later with ListPage.
func ExampleRoomPage_Next() {
	c, err := alfaview.NewClient(alfaview.AccessToken(os.Getenv("ALFAVIEW_TOKEN")))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	page, err := c.Rooms.ListPage(ctx, &alfaview.ListRoomsOptions{Limit: alfaview.MaxRoomsPageSize}, "")
	for ; err == nil; page, err = page.Next(ctx) {
		fmt.Println(len(page.Rooms), "rooms; resume with", page.NextPageToken)
	}
	if !errors.Is(err, alfaview.ErrNoMorePages) {
		log.Fatal(err)
	}
}

// Change only what the update sets: nil fields stay as they are, and Ptr
// tells "set to false" apart from "leave alone".
func ExampleRoomsService_Update() {
	c, err := alfaview.NewClient(alfaview.AccessToken(os.Getenv("ALFAVIEW_TOKEN")))
	if err != nil {
		log.Fatal(err)
	}
	err = c.Rooms.Update(context.Background(), "4173dafb-5cde-4c85-95a3-20ebdd43698a", &alfaview.RoomUpdate{
		DisplayName:        alfaview.Ptr("Lobby"),
		WaitingRoomEnabled: alfaview.Ptr(false),
	})
	if err != nil {
		log.Fatal(err)
	}
}

// A refused call is an *Error with the problem details alfaview sent.
func ExampleError() {
	c, err := alfaview.NewClient(alfaview.AccessToken(os.Getenv("ALFAVIEW_TOKEN")))
	if err != nil {
		log.Fatal(err)
	}
	_, err = c.GroupLinks.Create(context.Background(), "4173dafb-5cde-4c85-95a3-20ebdd43698a", &alfaview.CreateGroupLinksParams{
		Links: []alfaview.GroupLinkCreate{{Description: "Team", PermissionGroupID: "no-such-group"}},
	})
	var e *alfaview.Error
	switch {
	case errors.Is(err, alfaview.ErrNotFound):
		fmt.Println("no such room")
	case errors.As(err, &e):
		for _, d := range e.Details {
			fmt.Println(d.Location, d.Message)
		}
	case err != nil:
		log.Fatal(err)
	}
}
