package badinput

import (
	"context"
	"reflect"
	"testing"

	"github.com/grantkit/grantkit-go/internal/auth"
	"github.com/grantkit/grantkit-go/internal/transport"
	"github.com/grantkit/grantkit-go/viviot"
	"github.com/grantkit/grantkit-go/viviot/viviottest"
)

type viviotFixture struct {
	srv     *viviottest.Server
	c       *viviot.Client
	session bool
}

func (f *viviotFixture) requests() int { return f.srv.RequestCount() }

func (f *viviotFixture) auths() int {
	if !f.session {
		return -1
	}
	return f.srv.AuthCount()
}

func (f *viviotFixture) newClient(a viviot.Auth, opts ...viviot.Option) error {
	all := []viviot.Option{viviot.WithBaseURL(f.srv.URL), viviot.WithHTTPClient(f.srv.Client())}
	_, err := viviot.NewClient(a, append(all, opts...)...)
	return err
}

func viviotSuite() vendorSuite {
	type F = *viviotFixture
	thing := viviot.MustParseGUID("3f2504e0-4f89-11d3-9a0c-0305e82c3301")
	id := viviot.MustParseGUID("9a1c7f40-2b7e-4c1d-8e55-0c2b6d1f7a10")
	valid := func() viviot.AccessTemplateParams {
		return viviot.AccessTemplateParams{Name: "Guests: front door",
			Things: []viviot.ThingAccess{{ThingID: thing}, {ThingID: thing, Exclusive: true}},
			Scope:  viviot.ScopeGuest, CodeStrategy: viviot.CodeStrategyShared}
	}
	params := func(method, class, field string, mod func(*viviot.AccessTemplateParams),
		call func(ctx context.Context, c *viviot.Client, p *viviot.AccessTemplateParams) error) row[F] {
		return row[F]{method: method, class: class, field: field,
			call: func(ctx context.Context, f F) error {
				p := valid()
				mod(&p)
				return call(ctx, f.c, &p)
			}}
	}
	create := func(ctx context.Context, c *viviot.Client, p *viviot.AccessTemplateParams) error {
		_, err := c.AccessTemplates.Create(ctx, p)
		return err
	}
	update := func(id viviot.GUID) func(context.Context, *viviot.Client, *viviot.AccessTemplateParams) error {
		return func(ctx context.Context, c *viviot.Client, p *viviot.AccessTemplateParams) error {
			_, err := c.AccessTemplates.Update(ctx, id, p)
			return err
		}
	}
	// Create and Update check the same params; both get every class.
	paramRows := func(method string, call func(context.Context, *viviot.Client, *viviot.AccessTemplateParams) error) []row[F] {
		return []row[F]{
			{method: method, class: "nil params", field: "params",
				call: func(ctx context.Context, f F) error { return call(ctx, f.c, nil) }},
			params(method, "empty Name", "Name", func(p *viviot.AccessTemplateParams) { p.Name = "" }, call),
			params(method, "blank Name", "Name", func(p *viviot.AccessTemplateParams) { p.Name = " \t" }, call),
			params(method, "nil Things", "Things", func(p *viviot.AccessTemplateParams) { p.Things = nil }, call),
			params(method, "no Things", "Things", func(p *viviot.AccessTemplateParams) { p.Things = []viviot.ThingAccess{} }, call),
			params(method, "zero ThingID", "Things[1].ThingID", func(p *viviot.AccessTemplateParams) {
				p.Things[1].ThingID = viviot.GUID{}
			}, call),
			params(method, "unknown Scope", "Scope", func(p *viviot.AccessTemplateParams) { p.Scope = 3 }, call),
			params(method, "negative Scope", "Scope", func(p *viviot.AccessTemplateParams) { p.Scope = -1 }, call),
			params(method, "unknown CodeStrategy", "CodeStrategy", func(p *viviot.AccessTemplateParams) { p.CodeStrategy = 2 }, call),
			params(method, "negative Version", "Version", func(p *viviot.AccessTemplateParams) { p.Version = -1 }, call),
		}
	}
	byID := func(method string, call func(ctx context.Context, c *viviot.Client, id viviot.GUID) error) row[F] {
		return row[F]{method: method, class: "zero GUID", field: "id",
			call: func(ctx context.Context, f F) error { return call(ctx, f.c, viviot.GUID{}) }}
	}
	ctor := func(class, setting string, a func(F) viviot.Auth) row[F] {
		return row[F]{method: "NewClient", class: class, field: setting, ctor: true,
			call: func(_ context.Context, f F) error { return f.newClient(a(f)) }}
	}
	scope := func(s viviot.Scope) *viviot.Scope { return &s }

	rows := []row[F]{
		ctor("nil auth", "auth", func(F) viviot.Auth { return nil }),
		ctor("nil *Credentials", "auth", func(F) viviot.Auth { return (*viviot.Credentials)(nil) }),
		ctor("nil *BearerToken", "auth", func(F) viviot.Auth { return (*viviot.BearerToken)(nil) }),
		ctor("empty Credentials.UserName", "Credentials.UserName", func(F) viviot.Auth { return viviot.Credentials{Password: "p"} }),
		ctor("blank Credentials.UserName", "Credentials.UserName", func(F) viviot.Auth {
			return &viviot.Credentials{UserName: "  ", Password: "p"}
		}),
		ctor("empty Credentials.Password", "Credentials.Password", func(f F) viviot.Auth {
			return viviot.Credentials{UserName: f.srv.Credentials().UserName}
		}),
		ctor("empty BearerToken", "BearerToken", func(F) viviot.Auth { return viviot.BearerToken("") }),
		{method: "WithTokenStore", class: "with a BearerToken", field: "WithTokenStore", ctor: true,
			call: func(_ context.Context, f F) error {
				return f.newClient(viviot.BearerToken(f.srv.IssueToken(f.srv.Credentials().UserName)), viviot.WithTokenStore(&auth.MemoryStore{}))
			}},
		ctor("BearerToken with a newline", "BearerToken", func(f F) viviot.Auth {
			return viviot.BearerToken(f.srv.IssueToken(f.srv.Credentials().UserName) + "\n")
		}),

		{method: "AccessTemplatesService.Update", class: "zero GUID", field: "id",
			call: func(ctx context.Context, f F) error {
				p := valid()
				return update(viviot.GUID{})(ctx, f.c, &p)
			}},
		{method: "AccessTemplatesService.List", class: "unknown Scope", field: "Scope",
			call: func(ctx context.Context, f F) error {
				_, err := f.c.AccessTemplates.List(ctx, &viviot.ListAccessTemplatesOptions{Scope: scope(7)})
				return err
			}},
		{method: "AccessTemplatesService.List", class: "negative Scope", field: "Scope",
			call: func(ctx context.Context, f F) error {
				_, err := f.c.AccessTemplates.List(ctx, &viviot.ListAccessTemplatesOptions{Scope: scope(-1)})
				return err
			}},
		{method: "AccessTemplatesService.List", class: "negative Version", field: "Version",
			call: func(ctx context.Context, f F) error {
				_, err := f.c.AccessTemplates.List(ctx, &viviot.ListAccessTemplatesOptions{Version: -2})
				return err
			}},
		byID("AccessTemplatesService.Get", func(ctx context.Context, c *viviot.Client, id viviot.GUID) error {
			_, err := c.AccessTemplates.Get(ctx, id)
			return err
		}),
		byID("AccessTemplatesService.Delete", func(ctx context.Context, c *viviot.Client, id viviot.GUID) error {
			return c.AccessTemplates.Delete(ctx, id)
		}),
	}
	rows = append(rows, paramRows("AccessTemplatesService.Create", create)...)
	rows = append(rows, paramRows("AccessTemplatesService.Update", update(id))...)
	rows = append(rows, engineOptionRows(engineOptions[viviot.Option]{
		baseURL: viviot.WithBaseURL, maxRetries: viviot.WithMaxRetries,
		retry:            func(p transport.RetryPolicy) viviot.Option { return viviot.WithRetry(p) },
		maxResponseBytes: viviot.WithMaxResponseBytes, userAgent: viviot.WithUserAgent,
	}, "", func(f F, opts ...viviot.Option) error { return f.newClient(f.srv.Credentials(), opts...) })...)
	rows = append(rows, callOptionRows(callOptions{viviot.WithHeader, viviot.WithRequestMaxRetries, viviot.WithResponseInto}, nil,
		func(ctx context.Context, f F, o transport.CallOption) error {
			_, err := f.c.AccessTemplates.List(ctx, nil, o)
			return err
		})...)

	return &suite[F]{
		vendor:   "viviot",
		sentinel: viviot.ErrInvalidParams,
		client:   reflect.TypeFor[viviot.Client](),
		modes:    []string{"Credentials", "BearerToken"},
		start: func(t *testing.T, mode string) F {
			srv := viviottest.NewServer(t)
			f := &viviotFixture{srv: srv, session: mode == "Credentials"}
			var a viviot.Auth = srv.Credentials()
			if !f.session {
				a = viviot.BearerToken(srv.IssueToken(srv.Credentials().UserName))
			}
			c, err := viviot.NewClient(a, viviot.WithBaseURL(srv.URL), viviot.WithHTTPClient(srv.Client()),
				viviot.WithMaxRetries(0))
			if err != nil {
				t.Fatalf("NewClient: %v", err)
			}
			f.c = c
			return f
		},
		control: func(ctx context.Context, f F) error {
			_, err := f.c.AccessTemplates.List(ctx, nil)
			return err
		},
		rows: rows,
		unchecked: []unchecked[F]{
			{method: "AccessTemplatesService.Create", input: "AvailableTo before AvailableFrom",
				reason: "the service counts AvailableFrom/AvailableTo in units no page documents, so the package cannot tell an end before a start",
				call: func(ctx context.Context, f F) error {
					p := valid()
					from, to := 60, 30
					p.Things[0].AvailableFrom, p.Things[0].AvailableTo = &from, &to
					_, err := f.c.AccessTemplates.Create(ctx, &p)
					return err
				}},
			{method: "AccessTemplatesService.Create", input: "negative AccessCount",
				reason: "AccessCount's range is undocumented; the service judges it",
				call: func(ctx context.Context, f F) error {
					p := valid()
					n := -1
					p.Things[0].AccessCount = &n
					_, err := f.c.AccessTemplates.Create(ctx, &p)
					return err
				}},
		},
	}
}
