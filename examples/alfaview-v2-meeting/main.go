// Command alfaview-v2-meeting schedules an alfaview meeting through the
// REST API v2 with one group link for a team and a personal guest link for
// each guest, prints the join links, and then removes what it made: it
// deletes the links and cancels the meeting (without notifying anyone; the
// API has no way to delete a meeting). With -keep it leaves them.
//
// By default it runs against an in-memory fake of the API (package
// alfaview/v2/alfaviewtest), so it needs no account. With
// ALFAVIEW_CLIENT_ID, ALFAVIEW_KEY and ALFAVIEW_COMPANY_ID set (an API
// key's alias, the key and the company id) it uses the real API.
//
//	go run ./examples/alfaview-v2-meeting -title Kick-off -start 2030-03-14T13:00:00Z -for 90m \
//		-guests "Ada Lovelace <ada@example.com>, Grace Hopper <grace@example.com>"
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/mail"
	"os"
	"os/signal"
	"strings"
	"time"

	alfaview "github.com/grantkit/grantkit-go/alfaview/v2"
	"github.com/grantkit/grantkit-go/alfaview/v2/alfaviewtest"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Getenv, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "alfaview-v2-meeting:", err)
		os.Exit(1)
	}
}

// maxGuests keeps a pasted mailing list from inviting a crowd.
const maxGuests = 20

func run(ctx context.Context, args []string, getenv func(string) string, out io.Writer) (err error) {
	fs := flag.NewFlagSet("alfaview-v2-meeting", flag.ContinueOnError)
	title := fs.String("title", "Kick-off", "the meeting's title")
	from := fs.String("start", "", "the meeting's start, RFC 3339 (default: the next full hour)")
	length := fs.Duration("for", time.Hour, "the meeting's length")
	timezone := fs.String("timezone", "Europe/Berlin", "the meeting's time zone, an IANA name")
	group := fs.String("group", "Participant", "permission group of the links, by name (case-insensitive)")
	team := fs.String("team", "Team", "description of the group link")
	guestList := fs.String("guests", "Ada Lovelace <ada@example.com>, Grace Hopper <grace@example.com>",
		fmt.Sprintf("the guests, one personal link each: a comma-separated list of addresses (1-%d)", maxGuests))
	sendEmail := fs.Bool("send-email", false, "mail each guest their link")
	keep := fs.Bool("keep", false, "keep the meeting and its links instead of removing them at the end")
	timeout := fs.Duration("timeout", 30*time.Second, "give up after this long")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *length <= 0 {
		return errors.New("-for must be positive")
	}
	guests, err := mail.ParseAddressList(*guestList)
	if err != nil {
		return fmt.Errorf("-guests: %w", err)
	}
	if len(guests) > maxGuests {
		return fmt.Errorf("-guests: at most %d guests", maxGuests)
	}
	start := time.Now().UTC().Truncate(time.Hour).Add(time.Hour)
	if *from != "" {
		t, err := time.Parse(time.RFC3339, *from)
		if err != nil {
			return fmt.Errorf("-start: %w", err)
		}
		start = t
	}

	ctx, stop := signal.NotifyContext(ctx, os.Interrupt)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()

	client, where, closeFake, err := connect(getenv)
	if err != nil {
		return err
	}
	defer closeFake()
	fmt.Fprintln(out, "alfaview API:", where)

	pg, err := permissionGroup(ctx, client, *group)
	if err != nil {
		return err
	}
	m := &alfaview.MeetingCreate{
		Title:      *title,
		Start:      start,
		End:        start.Add(*length),
		Timezone:   *timezone,
		GroupLinks: []alfaview.GroupLinkCreate{{Description: *team, PermissionGroupID: pg.ID}},
	}
	for _, g := range guests {
		name := g.Name
		if name == "" {
			name = g.Address
		}
		m.GuestLinks = append(m.GuestLinks, alfaview.GuestLinkCreate{DisplayName: name, EmailAddress: g.Address,
			Locale: "en", PermissionGroupID: pg.ID, SendEmail: *sendEmail})
	}
	// Not retried once it may have reached alfaview: if this fails on a
	// broken connection, the meeting may exist; look for it with
	// Meetings.List before running again.
	id, err := client.Meetings.Create(ctx, m)
	if err != nil {
		return fmt.Errorf("create the meeting: %w", err)
	}
	fmt.Fprintf(out, "meeting:      %s, %s to %s (%s), id %s\n", *title,
		start.UTC().Format(time.RFC3339), start.Add(*length).UTC().Format(time.RFC3339), *timezone, id)

	// The meeting's id is its room's: its links are the room's links.
	room := &alfaview.ListLinksOptions{RoomID: id}
	var groupLinks []*alfaview.GroupLink
	var guestLinks []*alfaview.GuestLink
	if !*keep {
		// Removed however the rest goes, also after an interrupt or the
		// timeout: with a context of its own.
		defer func() {
			ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), *timeout)
			defer cancel()
			if cerr := cleanUp(ctx, client, id, groupLinks, guestLinks, out); cerr != nil {
				err = errors.Join(err, cerr)
			}
		}()
	}
	for l, err := range client.GroupLinks.List(ctx, room) {
		if err != nil {
			return fmt.Errorf("list the meeting's group links: %w", err)
		}
		groupLinks = append(groupLinks, l)
		fmt.Fprintf(out, "group link:   %-34s %s\n", l.Description, l.JoinLink)
	}
	for l, err := range client.GuestLinks.List(ctx, room) {
		if err != nil {
			return fmt.Errorf("list the meeting's guest links: %w", err)
		}
		guestLinks = append(guestLinks, l)
		who := l.EmailAddress
		if l.DisplayName != l.EmailAddress {
			who = l.DisplayName + " <" + l.EmailAddress + ">"
		}
		fmt.Fprintf(out, "guest link:   %-34s %s\n", who, l.JoinURL)
	}
	if *keep {
		fmt.Fprintln(out, "kept:         the meeting and its links (-keep)")
	}
	return nil
}

// permissionGroup finds the permission group called name.
func permissionGroup(ctx context.Context, c *alfaview.Client, name string) (*alfaview.PermissionGroup, error) {
	groups, err := c.PermissionGroups.List(ctx)
	if err != nil {
		return nil, fmt.Errorf("list permission groups: %w", err)
	}
	names := make([]string, len(groups))
	for i, g := range groups {
		if strings.EqualFold(g.Name, name) {
			return &g, nil
		}
		names[i] = g.Name
	}
	return nil, fmt.Errorf("no permission group %q; there are: %s", name, strings.Join(names, ", "))
}

// cleanUp deletes the links and cancels the meeting, then reads back what
// is left. A delete that finds a link gone succeeds, so running it twice
// does no harm.
func cleanUp(ctx context.Context, c *alfaview.Client, meetingID string, groupLinks []*alfaview.GroupLink, guestLinks []*alfaview.GuestLink, out io.Writer) error {
	var errs []error
	for _, l := range groupLinks {
		if err := c.GroupLinks.Delete(ctx, meetingID, l.ID); err != nil {
			errs = append(errs, fmt.Errorf("delete group link %s: %w", l.ID, err))
		}
	}
	for _, l := range guestLinks {
		if err := c.GuestLinks.Delete(ctx, meetingID, l.ID); err != nil {
			errs = append(errs, fmt.Errorf("delete guest link %s: %w", l.ID, err))
		}
	}
	if err := c.Meetings.Cancel(ctx, meetingID, &alfaview.MeetingCancellation{Reason: "created by a demo", SendNotification: false}); err != nil {
		errs = append(errs, fmt.Errorf("cancel the meeting: %w", err))
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	m, err := c.Meetings.Get(ctx, meetingID)
	if err != nil {
		return fmt.Errorf("read the meeting back: %w", err)
	}
	left := 0
	for _, err := range c.GroupLinks.List(ctx, &alfaview.ListLinksOptions{RoomID: meetingID}) {
		if err != nil {
			return fmt.Errorf("read the links back: %w", err)
		}
		left++
	}
	for _, err := range c.GuestLinks.List(ctx, &alfaview.ListLinksOptions{RoomID: meetingID}) {
		if err != nil {
			return fmt.Errorf("read the links back: %w", err)
		}
		left++
	}
	fmt.Fprintf(out, "removed:      %d links deleted (%d left), meeting %s\n", len(groupLinks)+len(guestLinks), left, m.State)
	return nil
}

// The variables that switch the program to the real API.
var credentialVars = []string{"ALFAVIEW_CLIENT_ID", "ALFAVIEW_KEY", "ALFAVIEW_COMPANY_ID"}

// connect returns a client of the real API when its credentials are in the
// environment (all three, or none for the fake), else of a fake, which
// closeFake stops.
func connect(getenv func(string) string) (c *alfaview.Client, where string, closeFake func(), err error) {
	var set, missing []string
	for _, v := range credentialVars {
		if getenv(v) == "" {
			missing = append(missing, v)
		} else {
			set = append(set, v)
		}
	}
	if len(set) > 0 {
		if len(missing) > 0 {
			return nil, "", nil, fmt.Errorf("%s set but %s not: set all of %s for the real API, or none for the fake",
				strings.Join(set, ", "), strings.Join(missing, ", "), strings.Join(credentialVars, ", "))
		}
		c, err = alfaview.NewClient(alfaview.APIKeyCredentials{
			ClientID:  getenv("ALFAVIEW_CLIENT_ID"),
			Key:       getenv("ALFAVIEW_KEY"),
			CompanyID: getenv("ALFAVIEW_COMPANY_ID"),
		}, alfaview.WithUserAgent("alfaview-v2-meeting"))
		return c, alfaview.DefaultBaseURL, func() {}, err
	}
	srv := alfaviewtest.NewServer(nil)
	c, err = alfaview.NewClient(srv.APIKeyCredentials(), append(srv.Options(), alfaview.WithUserAgent("alfaview-v2-meeting"))...)
	if err != nil {
		srv.Close()
		return nil, "", nil, err
	}
	return c, srv.URL + " (fake; set " + strings.Join(credentialVars, ", ") + " for the real API)", srv.Close, nil
}
