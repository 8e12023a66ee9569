package shares_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"strings"

	"github.com/grantkit/grantkit-go/shares"
	"github.com/grantkit/grantkit-go/shares/sharestest"
)

// Give a user weekday access to a lock, 08:00 to 18:00, with remote
// activation.
func ExampleSharesService_Create() {
	srv := sharestest.NewServer(nil)
	defer srv.Close()
	org := srv.AddOrganization("Office")
	lock := srv.AddDevice(org.ID, "Front door")
	user := srv.AddUser("Ada", "Lovelace", "ada@example.com")

	c, err := shares.NewClient(shares.BearerToken(srv.Token()), shares.WithBaseURL(srv.URL), shares.WithHTTPClient(srv.Client()))
	if err != nil {
		log.Fatal(err)
	}
	office := &shares.Period{StartTime: shares.TimeOfDay{Hour: 8}, EndTime: shares.TimeOfDay{Hour: 18}}
	p := &shares.CreateShareParams{
		OrganizationID: org.ID,
		Permissions:    shares.Permissions{RemoteActivate: true},
		Source:         shares.Source{DeviceID: lock.ID},
		Receiver:       shares.Receiver{UserID: user.ID},
	}
	for _, day := range []shares.Weekday{shares.Monday, shares.Tuesday, shares.Wednesday, shares.Thursday, shares.Friday} {
		p.Schedule = append(p.Schedule, shares.ScheduleEntry{DayOfWeek: day, Period: office, Recurrence: shares.Weekly})
	}
	ref, err := c.Shares.Create(context.Background(), p)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("created share", ref.ShareID)
	// Output: created share 1
}

func ExampleSharesService_List() {
	srv := sharestest.NewServer(nil)
	defer srv.Close()
	org := srv.AddOrganization("Office")
	lock := srv.AddDevice(org.ID, "Front door")
	user := srv.AddUser("Ada", "Lovelace", "ada@example.com")
	c, err := shares.NewClient(shares.BearerToken(srv.Token()), shares.WithBaseURL(srv.URL), shares.WithHTTPClient(srv.Client()))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	_, err = c.Shares.Create(ctx, &shares.CreateShareParams{
		OrganizationID: org.ID,
		StartDate:      shares.Date{Year: 2030, Month: 7, Day: 1},
		EndDate:        shares.Date{Year: 2030, Month: 7, Day: 14},
		Source:         shares.Source{DeviceID: lock.ID},
		Receiver:       shares.Receiver{UserID: user.ID},
	})
	if err != nil {
		log.Fatal(err)
	}

	list, err := c.Shares.List(ctx, &shares.ListSharesOptions{DeviceID: lock.ID})
	if err != nil {
		log.Fatal(err)
	}
	for _, s := range list {
		fmt.Printf("share %d: %s for %s %s, %s to %s\n", s.ID, s.Source.Device.Name,
			s.Receiver.User.FirstName, s.Receiver.User.LastName, s.StartDate, s.EndDate)
	}
	// Output: share 1: Front door for Ada Lovelace, 2030-07-01 to 2030-07-14
}

// A web key opens the lock from a browser; the API makes one only for a
// temporary share to a user.
func ExampleSharesService_CreateWebKey() {
	srv := sharestest.NewServer(nil)
	defer srv.Close()
	org := srv.AddOrganization("Holiday home")
	lock := srv.AddDevice(org.ID, "Door")
	guest := srv.AddUser("Grace", "Hopper", "grace@example.com")
	c, err := shares.NewClient(shares.BearerToken(srv.Token()), shares.WithBaseURL(srv.URL), shares.WithHTTPClient(srv.Client()))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	ref, err := c.Shares.Create(ctx, &shares.CreateShareParams{
		OrganizationID: org.ID,
		StartDate:      shares.Date{Year: 2030, Month: 8, Day: 3},
		StartTime:      &shares.TimeOfDay{Hour: 15},
		EndDate:        shares.Date{Year: 2030, Month: 8, Day: 10},
		EndTime:        &shares.TimeOfDay{Hour: 10},
		Source:         shares.Source{DeviceID: lock.ID},
		Receiver:       shares.Receiver{UserID: guest.ID},
	})
	if err != nil {
		log.Fatal(err)
	}
	link, err := c.Shares.CreateWebKey(ctx, ref.ShareID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(strings.HasPrefix(link, sharestest.WebKeyBaseURL))

	_, err = c.Shares.CreateWebKey(ctx, ref.ShareID)
	var apiErr *shares.Error
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.Message)
	}
	// Output:
	// true
	// 400 Web key already exists
}

// With OAuth2 the client refreshes the access token itself; OnRefresh
// must store the rotated refresh token, or the next run starts from a
// spent one.
func ExampleOAuth2() {
	srv := sharestest.NewServer(nil)
	defer srv.Close()
	stored := srv.AddRefreshToken() // what your program saved last time

	c, err := shares.NewClient(&shares.OAuth2{
		ClientID:     sharestest.ClientID,
		ClientSecret: sharestest.ClientSecret,
		RefreshToken: stored,
		OnRefresh: func(ctx context.Context, t shares.Token) error {
			stored = t.RefreshToken // in a real program: write it to durable storage
			return nil
		},
	}, shares.WithBaseURL(srv.URL), shares.WithHTTPClient(srv.Client()))
	if err != nil {
		log.Fatal(err)
	}
	list, err := c.Shares.List(context.Background(), nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(list), "shares; refreshes:", srv.AuthCount())
	// Output: 0 shares; refreshes: 1
}

func ExampleParseDate() {
	d, err := shares.ParseDate("2022-06-23")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(d.Year, d.Month, d.Day, d.After(shares.Date{Year: 2022, Month: 1, Day: 1}))
	_, err = shares.ParseDate("2023-02-29")
	fmt.Println(err)
	// Output:
	// 2022 June 23 true
	// shares: date "2023-02-29" is not a valid YYYY-MM-DD date
}

// Errors from the API match the package's sentinels.
func ExampleError() {
	srv := sharestest.NewServer(nil)
	defer srv.Close()
	c, err := shares.NewClient(shares.BearerToken(srv.ReadOnlyToken()), shares.WithBaseURL(srv.URL), shares.WithHTTPClient(srv.Client()))
	if err != nil {
		log.Fatal(err)
	}
	err = c.Shares.Delete(context.Background(), 1)
	fmt.Println(errors.Is(err, shares.ErrForbidden))

	_, err = c.Shares.Create(context.Background(), &shares.CreateShareParams{OrganizationID: 1})
	fmt.Println(errors.Is(err, shares.ErrInvalidParams))
	fmt.Println(err)
	// Output:
	// true
	// true
	// shares: shares.create: invalid params: Source must set one of DeviceID and DeviceGroupID; Receiver must set one of UserID and UserGroupID
}
