package main

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/grantkit/grantkit-go/shares"
	"github.com/grantkit/grantkit-go/shares/sharestest"
)

// runShares gives a user weekday access to a lock, 08:00 to 18:00 for the
// next four weeks, with remote activation, then fetches a web key for it.
func runShares(ctx context.Context, s *session) error {
	c, ids, err := sharesClient(s)
	if err != nil {
		return err
	}
	office := &shares.Period{StartTime: shares.TimeOfDay{Hour: 8}, EndTime: shares.TimeOfDay{Hour: 18}}
	today := shares.DateOf(time.Now())
	p := &shares.CreateShareParams{
		OrganizationID: ids.org,
		StartDate:      today,
		EndDate:        shares.DateOf(time.Now().AddDate(0, 0, 28)),
		Permissions:    shares.Permissions{RemoteActivate: true},
		Source:         shares.Source{DeviceID: ids.device},
		Receiver:       shares.Receiver{UserID: ids.user},
	}
	for _, d := range []shares.Weekday{shares.Monday, shares.Tuesday, shares.Wednesday, shares.Thursday, shares.Friday} {
		p.Schedule = append(p.Schedule, shares.ScheduleEntry{DayOfWeek: d, Period: office, Recurrence: shares.Weekly})
	}
	ref, err := c.Shares.Create(ctx, p)
	if err != nil {
		return fmt.Errorf("create share: %w", err)
	}
	if s.live {
		s.atEnd(func(ctx context.Context) error { return c.Shares.Delete(ctx, ref.ShareID) })
	}
	s.printf("created share %d: user %d may open device %d, Mon-Fri 08:00-18:00, %s to %s", ref.ShareID, ids.user, ids.device, p.StartDate, p.EndDate)

	got, err := c.Shares.Get(ctx, ref.ShareID)
	if err != nil {
		return fmt.Errorf("read share back: %w", err)
	}
	s.printf("read back: %d schedule entries, remote activation %v", len(got.Schedule), got.Permissions.RemoteActivate)
	if u := got.Receiver.User; u != nil && !u.Registered && u.Invitation != nil && !u.Invitation.IsExpired {
		s.printf("receiver not registered yet: invitation %s", u.Invitation.URL)
	}

	key, err := c.Shares.CreateWebKey(ctx, ref.ShareID)
	if err != nil {
		return fmt.Errorf("create web key: %w", err)
	}
	s.printf("web key: %s", key)
	return nil
}

type shareIDs struct{ org, device, user int64 }

func sharesClient(s *session) (*shares.Client, shareIDs, error) {
	opts := []shares.Option{shares.WithLogger(s.logger), shares.WithUserAgent("grantkit-quickstart")}
	if s.live {
		s.where = "Bold API"
		var v [3]int64
		for i, name := range []string{"BOLD_ORG_ID", "BOLD_DEVICE_ID", "BOLD_USER_ID"} {
			n, err := strconv.ParseInt(s.getenv(name), 10, 64)
			if err != nil || n <= 0 {
				return nil, shareIDs{}, fmt.Errorf("%s must be a positive id", name)
			}
			v[i] = n
		}
		c, err := shares.NewClient(shares.BearerToken(s.getenv("BOLD_TOKEN")), opts...)
		return c, shareIDs{v[0], v[1], v[2]}, err
	}
	srv := sharestest.NewServer(nil)
	s.closeFake(srv.Close)
	s.where = "fake at " + srv.URL
	org := srv.AddOrganization("Office")
	lock := srv.AddDevice(org.ID, "Front door")
	user := srv.AddUser("Ada", "Lovelace", "ada@example.com")
	if s.faults {
		injectFaults(s, srv, route("POST", "/v2/shares"), route("GET", "/v2/shares/"), route("GET", "/v2/shares/"))
	}
	// OAuth2 shows the refresh flow: the fake rotates the refresh token on
	// every use, and OnRefresh is where a program would persist the new one.
	auth := &shares.OAuth2{
		ClientID:     sharestest.ClientID,
		ClientSecret: sharestest.ClientSecret,
		RefreshToken: srv.AddRefreshToken(sharestest.AllScopes()...),
		OnRefresh: func(_ context.Context, t shares.Token) error {
			s.printf("OAuth2 refresh: access token valid until %s; rotated refresh token handed to OnRefresh", t.Expiry.UTC().Format(time.RFC3339))
			return nil
		},
	}
	c, err := shares.NewClient(auth, append(opts, shares.WithBaseURL(srv.URL), shares.WithHTTPClient(srv.Client()))...)
	return c, shareIDs{org.ID, lock.ID, user.ID}, err
}
