// Command alfaview-invite creates group links for an alfaview room, valid
// over a time window, for the permission group named on the command line,
// and prints their join links.
//
// By default it runs against an in-memory fake of the alfaview API
// (package alfaviewtest) with a demo room, so it needs no account. With
// ALFAVIEW_CLIENT_ID, ALFAVIEW_SECRET and ALFAVIEW_COMPANY_ID set (an API
// key's alias, its secret and the company id) it uses the real API and the
// room ALFAVIEW_ROOM_ID (or -room).
//
//	go run ./examples/alfaview-invite -group Participant -n 3 -from 2030-03-14T13:00:00Z -for 4h
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/grantkit/grantkit-go/alfaview"
	"github.com/grantkit/grantkit-go/alfaview/alfaviewtest"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Getenv, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "alfaview-invite:", err)
		os.Exit(1)
	}
}

// maxLinks keeps a typo in -n from creating thousands of links.
const maxLinks = 100

func run(ctx context.Context, args []string, getenv func(string) string, out io.Writer) error {
	fs := flag.NewFlagSet("alfaview-invite", flag.ContinueOnError)
	group := fs.String("group", "Participant", "permission group the invited get, by name (case-insensitive)")
	n := fs.Int("n", 3, fmt.Sprintf("number of group links to create (1-%d)", maxLinks))
	from := fs.String("from", "", "start of the validity window, RFC 3339 (default: the next full hour)")
	length := fs.Duration("for", 2*time.Hour, "length of the validity window")
	title := fs.String("title", "Invitation", "link description, numbered when -n > 1")
	roomID := fs.String("room", getenv("ALFAVIEW_ROOM_ID"), "room id for the real API (default $ALFAVIEW_ROOM_ID)")
	timeout := fs.Duration("timeout", 30*time.Second, "give up after this long")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *n < 1 || *n > maxLinks {
		return fmt.Errorf("-n must be between 1 and %d", maxLinks)
	}
	if *length <= 0 {
		return errors.New("-for must be positive")
	}
	start := time.Now().UTC().Truncate(time.Hour).Add(time.Hour)
	if *from != "" {
		t, err := time.Parse(time.RFC3339, *from)
		if err != nil {
			return fmt.Errorf("-from: %w", err)
		}
		start = t
	}

	ctx, stop := signal.NotifyContext(ctx, os.Interrupt)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()

	client, room, where, closeFake, err := connect(getenv, *roomID)
	if err != nil {
		return err
	}
	defer closeFake()
	fmt.Fprintln(out, "alfaview API:    ", where)

	groups, err := client.PermissionGroups.List(ctx)
	if err != nil {
		return fmt.Errorf("list permission groups: %w", err)
	}
	pg, ok := alfaview.FindPermissionGroup(groups, *group)
	if !ok {
		names := make([]string, len(groups))
		for i, g := range groups {
			names[i] = g.Name
		}
		return fmt.Errorf("no permission group %q; there are: %s", *group, strings.Join(names, ", "))
	}

	creations := make([]alfaview.GroupLinkCreation, *n)
	for i := range creations {
		description := *title
		if *n > 1 {
			description = fmt.Sprintf("%s %d", *title, i+1)
		}
		creations[i] = alfaview.GroupLinkCreation{Description: description, ValidFrom: start,
			ValidUntil: start.Add(*length), PermissionGroupID: pg.ID}
	}
	links, err := client.Links.CreateGroupLinks(ctx, room, creations)
	var partial *alfaview.PartialError
	if err != nil && !errors.As(err, &partial) {
		return fmt.Errorf("create group links: %w", err)
	}

	fmt.Fprintln(out, "room:            ", room)
	fmt.Fprintf(out, "permission group: %s (order %d, id %s)\n", pg.Name, pg.Order, pg.ID)
	fmt.Fprintf(out, "valid:            %s to %s\n", start.UTC().Format(time.RFC3339), start.Add(*length).UTC().Format(time.RFC3339))
	fmt.Fprintf(out, "%d group link(s):\n", len(links))
	for _, l := range links {
		fmt.Fprintf(out, "  %-16s %s\n", l.Description, l.JoinLink)
	}
	if partial != nil {
		// The links above exist: running again would create them twice.
		return fmt.Errorf("alfaview created %d of the %d group links (those listed): %w", len(links), len(creations), err)
	}
	return nil
}

// startFake starts the fake the program runs against by default; tests
// replace it to inject faults.
var startFake = func() *alfaviewtest.Server { return alfaviewtest.NewServer(nil) }

// connect returns a client of the real API when its credentials are in the
// environment, else of a fake with a demo room, which closeFake stops.
func connect(getenv func(string) string, roomID string) (c *alfaview.Client, room, where string, closeFake func(), err error) {
	creds := alfaview.APIKeyCredentials{
		ClientID:  getenv("ALFAVIEW_CLIENT_ID"),
		Secret:    getenv("ALFAVIEW_SECRET"),
		CompanyID: getenv("ALFAVIEW_COMPANY_ID"),
	}
	if creds != (alfaview.APIKeyCredentials{}) {
		if roomID == "" {
			return nil, "", "", nil, errors.New("set ALFAVIEW_ROOM_ID or -room to the room to invite to")
		}
		c, err = alfaview.NewClient(creds, alfaview.WithUserAgent("alfaview-invite"))
		return c, roomID, alfaview.DefaultBaseURL, func() {}, err
	}
	srv := startFake()
	demo := srv.AddRoom(alfaview.Room{DisplayName: "Demo room"})
	c, err = alfaview.NewClient(srv.APIKeyCredentials(), append(srv.Options(), alfaview.WithUserAgent("alfaview-invite"))...)
	if err != nil {
		srv.Close()
		return nil, "", "", nil, err
	}
	return c, demo.ID, srv.URL + " (fake; set ALFAVIEW_CLIENT_ID, ALFAVIEW_SECRET and ALFAVIEW_COMPANY_ID for the real API)", srv.Close, nil
}
