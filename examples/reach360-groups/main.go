// Command reach360-groups makes sure a Reach 360 account has a set of
// groups: it reads group names from a file, creates the missing ones and
// reports groups the account has beyond the list (it never deletes them).
//
// Without REACH360_API_KEY it runs against an in-memory fake seeded with a
// few groups, so it can be tried anywhere:
//
//	go run ./examples/reach360-groups
//	go run ./examples/reach360-groups -file groups.txt -dry-run
//
// With REACH360_API_KEY set it talks to the real API; REACH360_REGION=eu
// selects the EU endpoint.
package main

import (
	"bufio"
	"context"
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"github.com/grantkit/grantkit-go/reach360"
	"github.com/grantkit/grantkit-go/reach360/reach360test"
)

//go:embed groups.txt
var sampleList string

// everyone is the built-in group every account has; it is not reported as
// extra.
const everyone = "Everyone"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args[1:], os.Stdout)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "reach360-groups:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("reach360-groups", flag.ContinueOnError)
	file := fs.String("file", "", "file with one group name per line (default: a built-in sample list)")
	dryRun := fs.Bool("dry-run", false, "report what would be created without creating it")
	if err := fs.Parse(args); err != nil {
		return err
	}
	list := sampleList
	if *file != "" {
		b, err := os.ReadFile(*file)
		if err != nil {
			return err
		}
		list = string(b)
	}
	wanted := parseNames(list)
	if len(wanted) == 0 {
		return errors.New("the list names no groups")
	}

	c, where, closeFn, err := connect()
	if err != nil {
		return err
	}
	defer closeFn()
	fmt.Fprintln(out, "syncing", len(wanted), "groups with", where)
	return syncGroups(ctx, c, wanted, *dryRun, out)
}

// parseNames returns the list's names in order, trimmed, without blanks,
// comments or repeats.
func parseNames(list string) []string {
	var names []string
	seen := map[string]bool{}
	sc := bufio.NewScanner(strings.NewReader(list))
	for sc.Scan() {
		name := strings.TrimSpace(sc.Text())
		if name == "" || strings.HasPrefix(name, "#") || seen[name] {
			continue
		}
		seen[name] = true
		names = append(names, name)
	}
	return names
}

// connect returns a client for the real API when REACH360_API_KEY is set,
// and otherwise one for a seeded in-memory fake.
func connect() (*reach360.Client, string, func(), error) {
	if key := os.Getenv("REACH360_API_KEY"); key != "" {
		region := reach360.Region(strings.ToLower(os.Getenv("REACH360_REGION")))
		if region == "" {
			region = reach360.RegionUS
		}
		c, err := reach360.NewClient(reach360.APIKey(key),
			reach360.WithRegion(region), reach360.WithUserAgent("reach360-groups-example"))
		if err != nil {
			return nil, "", nil, err
		}
		return c, fmt.Sprintf("the Reach 360 API (region %s)", region), func() {}, nil
	}
	srv := reach360test.NewServer(nil)
	srv.AddGroup("Sales")
	srv.AddGroup("Legacy Contractors")
	c, err := reach360.NewClient(srv.APIKey(), reach360.WithBaseURL(srv.URL), reach360.WithHTTPClient(srv.Client()))
	if err != nil {
		srv.Close()
		return nil, "", nil, err
	}
	return c, "an in-memory fake (set REACH360_API_KEY to use a real account)", srv.Close, nil
}

// syncGroups creates the wanted groups the account lacks and reports the
// ones it has beyond them. A failed create is reported and the others are
// still tried; the error then says how many failed.
func syncGroups(ctx context.Context, c *reach360.Client, wanted []string, dryRun bool, out io.Writer) error {
	existing := map[string]bool{}
	var order []string
	for g, err := range c.Groups.List(ctx, &reach360.ListGroupsOptions{Limit: 100}) {
		if err != nil {
			return fmt.Errorf("listing groups: %w", err)
		}
		existing[g.Name] = true
		order = append(order, g.Name)
	}

	var present, created, failed int
	want := map[string]bool{}
	for _, name := range wanted {
		want[name] = true
		if existing[name] {
			present++
			fmt.Fprintf(out, "  ok       %s\n", name)
			continue
		}
		if dryRun {
			created++
			fmt.Fprintf(out, "  missing  %s (dry run: not created)\n", name)
			continue
		}
		_, err := c.Groups.Create(ctx, reach360.CreateGroupParams{Name: name})
		switch {
		case errors.Is(err, reach360.ErrDuplicateName):
			// Created by someone else since the list was read.
			present++
			fmt.Fprintf(out, "  ok       %s (created meanwhile)\n", name)
		case err != nil:
			failed++
			fmt.Fprintf(out, "  FAILED   %s: %v\n", name, err)
		default:
			created++
			fmt.Fprintf(out, "  created  %s\n", name)
		}
	}

	extra := 0
	for _, name := range order {
		if !want[name] && name != everyone {
			extra++
			fmt.Fprintf(out, "  extra    %s\n", name)
		}
	}
	verb := "created"
	if dryRun {
		verb = "to create"
	}
	fmt.Fprintf(out, "%d present, %d %s, %d extra, %d failed\n", present, created, verb, extra, failed)
	if failed > 0 {
		return fmt.Errorf("%d of %d groups could not be created", failed, len(wanted))
	}
	return nil
}
