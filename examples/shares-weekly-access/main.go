// Command shares-weekly-access gives a user weekday access to a Bold smart
// lock: Monday to Friday, 08:00 to 18:00, with remote activation.
//
// By default it runs against the fake API of package sharestest and needs
// nothing. To use the real API, set BOLD_TOKEN (an access token or API key
// with the manage scope) and BOLD_ORG_ID, BOLD_DEVICE_ID and BOLD_USER_ID;
// it then creates a real share.
//
//	go run ./examples/shares-weekly-access
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/grantkit/grantkit-go/shares"
	"github.com/grantkit/grantkit-go/shares/sharestest"
)

func main() {
	if err := run(context.Background(), os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "shares-weekly-access:", err)
		os.Exit(1)
	}
}

// target is where the share goes: the API and the ids to share between.
type target struct {
	client            *shares.Client
	where             string
	real              bool
	org, device, user int64
}

func run(ctx context.Context, w io.Writer) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()

	t, done, err := pickTarget()
	if err != nil {
		return err
	}
	defer done()
	fmt.Fprintf(w, "Bold shares API: %s\n", t.where)

	p := weekdayAccess(t.org, t.device, t.user)
	ref, err := t.client.Shares.Create(ctx, p)
	if err != nil {
		return fmt.Errorf("create share: %w", err)
	}
	fmt.Fprintf(w, "Created share %d: user %d may open device %d (remote activation on)\n", ref.ShareID, t.user, t.device)
	for _, e := range p.Schedule {
		fmt.Fprintf(w, "  %-9s %s–%s, %s\n", e.DayOfWeek, e.Period.StartTime, e.Period.EndTime, strings.ToLower(string(e.Recurrence)))
	}

	s, err := t.client.Shares.Get(ctx, ref.ShareID)
	if err != nil {
		if t.real {
			// The share exists; only reading it back failed.
			fmt.Fprintf(w, "Could not read the share back: %v\n", err)
			return nil
		}
		return fmt.Errorf("read share back: %w", err)
	}
	fmt.Fprintf(w, "Read back: %s for %s, %d schedule entries\n", sourceName(s), receiverName(s), len(s.Schedule))
	if u := s.Receiver.User; u != nil && !u.Registered && u.Invitation != nil {
		// The receiver cannot open the lock before registering: the
		// invitation link is what to hand on if the mail went astray.
		inv := u.Invitation
		switch {
		case inv.IsExpired:
			fmt.Fprintf(w, "%s has not registered, and the invitation has expired\n", receiverName(s))
		default:
			fmt.Fprintf(w, "%s has not registered yet; invitation: %s (valid until %s)\n",
				receiverName(s), inv.URL, inv.Expiration.Format(time.DateOnly))
		}
	}
	return nil
}

// weekdayAccess is the share this program makes.
func weekdayAccess(org, device, user int64) *shares.CreateShareParams {
	office := &shares.Period{StartTime: shares.TimeOfDay{Hour: 8}, EndTime: shares.TimeOfDay{Hour: 18}}
	p := &shares.CreateShareParams{
		OrganizationID: org,
		Permissions:    shares.Permissions{RemoteActivate: true},
		Source:         shares.Source{DeviceID: device},
		Receiver:       shares.Receiver{UserID: user},
	}
	for _, d := range []shares.Weekday{shares.Monday, shares.Tuesday, shares.Wednesday, shares.Thursday, shares.Friday} {
		p.Schedule = append(p.Schedule, shares.ScheduleEntry{DayOfWeek: d, Period: office, Recurrence: shares.Weekly})
	}
	return p
}

// pickTarget uses the real API when BOLD_TOKEN is set, the fake otherwise.
// done releases what it started.
func pickTarget() (target, func(), error) {
	token := os.Getenv("BOLD_TOKEN")
	if token == "" {
		return fakeTarget()
	}
	var ids [3]int64
	for i, name := range []string{"BOLD_ORG_ID", "BOLD_DEVICE_ID", "BOLD_USER_ID"} {
		v, err := strconv.ParseInt(os.Getenv(name), 10, 64)
		if err != nil || v <= 0 {
			return target{}, nil, fmt.Errorf("BOLD_TOKEN is set, so %s must be set to a positive id", name)
		}
		ids[i] = v
	}
	c, err := shares.NewClient(shares.BearerToken(token), shares.WithUserAgent("shares-weekly-access"))
	if err != nil {
		return target{}, nil, err
	}
	return target{client: c, where: "https://api.boldsmartlock.com", real: true, org: ids[0], device: ids[1], user: ids[2]}, func() {}, nil
}

func fakeTarget() (target, func(), error) {
	srv := sharestest.NewServer(nil)
	org := srv.AddOrganization("Office")
	lock := srv.AddDevice(org.ID, "Front door")
	user := srv.AddUser("Ada", "Lovelace", "ada@example.com")
	c, err := shares.NewClient(shares.BearerToken(srv.Token()),
		shares.WithBaseURL(srv.URL), shares.WithHTTPClient(srv.Client()), shares.WithUserAgent("shares-weekly-access"))
	if err != nil {
		srv.Close()
		return target{}, nil, err
	}
	t := target{client: c, where: "fake (sharestest) at " + srv.URL + " (set BOLD_TOKEN for the real API)",
		org: org.ID, device: lock.ID, user: user.ID}
	return t, srv.Close, nil
}

func sourceName(s *shares.Share) string {
	switch {
	case s.Source.Device != nil:
		return fmt.Sprintf("%q (device %d)", s.Source.Device.Name, s.Source.Device.ID)
	case s.Source.DeviceGroup != nil:
		return fmt.Sprintf("%q (device group %d)", s.Source.DeviceGroup.Name, s.Source.DeviceGroup.ID)
	}
	return "an unnamed source"
}

func receiverName(s *shares.Share) string {
	switch u := s.Receiver.User; {
	case u != nil:
		return strings.TrimSpace(u.FirstName + " " + u.LastName)
	case s.Receiver.UserGroup != nil:
		return "group " + s.Receiver.UserGroup.Name
	}
	return "an unnamed receiver"
}
