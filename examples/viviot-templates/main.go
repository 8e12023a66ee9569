// Command viviot-templates creates a guest access template for two things
// on Viviot.Api (4spaces) and lists the account's access templates.
//
// By default it runs against an in-memory fake of the service (package
// viviottest) with two demo things, so it needs no account:
//
//	go run ./examples/viviot-templates
//
// With VIVIOT_USER and VIVIOT_PASSWORD set it logs in to the real service
// (VIVIOT_URL overrides https://api.4spaces.io) and grants access to the
// two things given by -things or VIVIOT_THINGS, as Guids separated by a
// comma. The user needs the Admin, TenantAdmin or AccessTemplateAdmin role.
// -queues lists only the templates that include a smartspace configured to
// use queues; -delete removes the template again after listing.
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

	"github.com/grantkit/grantkit-go/viviot"
	"github.com/grantkit/grantkit-go/viviot/viviottest"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Getenv, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "viviot-templates:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, getenv func(string) string, out io.Writer) error {
	fs := flag.NewFlagSet("viviot-templates", flag.ContinueOnError)
	name := fs.String("name", "Guests: front door and meeting room", "name of the template to create")
	things := fs.String("things", getenv("VIVIOT_THINGS"), "two thing Guids, comma-separated, for the real service (default $VIVIOT_THINGS)")
	shared := fs.Bool("shared", true, "give a reservation's guests one shared access code instead of one each")
	del := fs.Bool("delete", false, "delete the template again after listing")
	queues := fs.Bool("queues", false, "list only the templates with a smartspace that uses queues")
	timeout := fs.Duration("timeout", 30*time.Second, "give up after this long")
	if err := fs.Parse(args); err != nil {
		return err
	}

	ctx, stop := signal.NotifyContext(ctx, os.Interrupt)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()

	env, err := connect(getenv, *things)
	if err != nil {
		return err
	}
	defer env.close()
	fmt.Fprintln(out, "Viviot.Api:", env.where)

	strategy := viviot.CodeStrategyUnique
	if *shared {
		strategy = viviot.CodeStrategyShared
	}
	p := &viviot.AccessTemplateParams{
		Name:         *name,
		Description:  "created by the grantkit-go viviot-templates example",
		Scope:        viviot.ScopeGuest,
		CodeStrategy: strategy,
	}
	for _, id := range env.things {
		p.Things = append(p.Things, viviot.ThingAccess{ThingID: id, Permission: []string{"open"}})
	}
	created, err := env.client.AccessTemplates.Create(ctx, p)
	if err != nil {
		return fmt.Errorf("create template: %w", err)
	}
	fmt.Fprintf(out, "created:    %q (%s) for %d things, scope %s, codes %s\n",
		created.Name, created.ID, len(p.Things), created.Scope, created.CodeStrategy)

	templates, err := env.client.AccessTemplates.List(ctx, &viviot.ListAccessTemplatesOptions{
		OnlyTemplatesWhereSmartSpaceUsesQueues: *queues,
	})
	if err != nil {
		return fmt.Errorf("list templates: %w", err)
	}
	kind := ""
	if *queues {
		kind = " with a queueing smartspace"
	}
	fmt.Fprintf(out, "%d access template(s)%s:\n", len(templates), kind)
	for _, t := range templates {
		mark := " "
		if t.ID == created.ID {
			mark = "*"
		}
		fmt.Fprintf(out, " %s %-6s %-7s %s  %s\n", mark, t.Scope, t.CodeStrategy, t.ID, t.Name)
	}

	if *del {
		if err := env.client.AccessTemplates.Delete(ctx, created.ID); err != nil {
			return fmt.Errorf("delete template: %w", err)
		}
		fmt.Fprintln(out, "deleted:   ", created.ID)
	}
	return nil
}

type environment struct {
	client *viviot.Client
	things []viviot.GUID
	where  string
	close  func()
}

// connect returns a client of the real service when VIVIOT_USER and
// VIVIOT_PASSWORD are set, else of a fake seeded with two things.
func connect(getenv func(string) string, things string) (*environment, error) {
	user, password := getenv("VIVIOT_USER"), getenv("VIVIOT_PASSWORD")
	if user != "" || password != "" {
		if user == "" || password == "" {
			return nil, errors.New("set both VIVIOT_USER and VIVIOT_PASSWORD for the real service, or neither for the fake")
		}
		ids, err := parseThings(things)
		if err != nil {
			return nil, err
		}
		opts := []viviot.Option{viviot.WithUserAgent("viviot-templates")}
		where := viviot.DefaultBaseURL
		if u := getenv("VIVIOT_URL"); u != "" {
			opts = append(opts, viviot.WithBaseURL(u))
			where = u
		}
		c, err := viviot.NewClient(viviot.Credentials{UserName: user, Password: password}, opts...)
		if err != nil {
			return nil, err
		}
		return &environment{client: c, things: ids, where: where, close: func() {}}, nil
	}

	srv := viviottest.NewServer(nil)
	// The session in an ss-tok cookie, as ServiceStack v6 and later answer
	// a login by default.
	srv.SetAuthMode(viviottest.AuthTokenCookie)
	site := srv.AddOrganization(viviottest.Organization{Name: "Demo building", Type: viviot.OrganizationTypeLocation,
		ParentID: srv.RootOrganization().ID})
	door := srv.AddThing(viviottest.Thing{Name: "Front door", TypeName: "Door", OrganizationID: site.ID})
	room := srv.AddThing(viviottest.Thing{Name: "Meeting room 1", TypeName: "Room", OrganizationID: site.ID})
	desk := srv.AddThing(viviottest.Thing{Name: "Hot desks", TypeName: "Desk", OrganizationID: site.ID, UsesQueues: true})
	srv.AddTemplate(viviottest.AccessTemplate{Name: "Staff: hot desks", Scope: viviot.ScopeStaff,
		Things: []viviot.ThingAccess{{ThingID: desk.ID}}})
	c, err := viviot.NewClient(srv.Credentials(), viviot.WithBaseURL(srv.URL), viviot.WithHTTPClient(srv.Client()),
		viviot.WithUserAgent("viviot-templates"))
	if err != nil {
		srv.Close()
		return nil, err
	}
	return &environment{client: c, things: []viviot.GUID{door.ID, room.ID},
		where: srv.URL + " (fake; set VIVIOT_USER and VIVIOT_PASSWORD for the real service)", close: srv.Close}, nil
}

func parseThings(s string) ([]viviot.GUID, error) {
	var ids []viviot.GUID
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		id, err := viviot.ParseGUID(f)
		if err != nil {
			return nil, fmt.Errorf("-things: %w", err)
		}
		ids = append(ids, id)
	}
	if len(ids) != 2 {
		return nil, fmt.Errorf("-things (or VIVIOT_THINGS) must name two thing Guids, comma-separated; got %d", len(ids))
	}
	return ids, nil
}
