package badinput

import (
	"context"
	"reflect"
	"testing"

	"github.com/grantkit/grantkit-go/internal/auth"
	"github.com/grantkit/grantkit-go/internal/transport"
	"github.com/grantkit/grantkit-go/shares"
	"github.com/grantkit/grantkit-go/shares/sharestest"
)

type sharesFixture struct {
	srv   *sharestest.Server
	c     *shares.Client
	oauth bool
}

func (f *sharesFixture) requests() int { return f.srv.RequestCount() }

func (f *sharesFixture) auths() int {
	if !f.oauth {
		return -1
	}
	return f.srv.AuthCount()
}

func (f *sharesFixture) newClient(a shares.Auth, opts ...shares.Option) error {
	all := []shares.Option{shares.WithBaseURL(f.srv.URL), shares.WithHTTPClient(f.srv.Client())}
	_, err := shares.NewClient(a, append(all, opts...)...)
	return err
}

func sharesSuite() vendorSuite {
	type F = *sharesFixture
	valid := func() shares.CreateShareParams {
		nine, five := shares.TimeOfDay{Hour: 9}, shares.TimeOfDay{Hour: 17}
		return shares.CreateShareParams{
			OrganizationID: 1,
			StartDate:      shares.Date{Year: 2030, Month: 3, Day: 1},
			StartTime:      &nine,
			EndDate:        shares.Date{Year: 2030, Month: 3, Day: 31},
			EndTime:        &five,
			Schedule: []shares.ScheduleEntry{
				{DayOfWeek: shares.Monday, Recurrence: shares.Weekly},
				{DayOfWeek: shares.Tuesday, Recurrence: shares.Daily,
					Period: &shares.Period{StartTime: shares.TimeOfDay{Hour: 8}, EndTime: shares.TimeOfDay{Hour: 18}}},
			},
			Source:   shares.Source{DeviceID: 1},
			Receiver: shares.Receiver{UserID: 2},
		}
	}
	create := func(class, field string, mod func(*shares.CreateShareParams)) row[F] {
		return row[F]{method: "SharesService.Create", class: class, field: field,
			call: func(ctx context.Context, f F) error {
				p := valid()
				mod(&p)
				_, err := f.c.Shares.Create(ctx, &p)
				return err
			}}
	}
	update := func(class, field string, id int64, mod func(*shares.UpdateShareParams)) row[F] {
		return row[F]{method: "SharesService.Update", class: class, field: field,
			call: func(ctx context.Context, f F) error {
				v := valid()
				p := shares.UpdateShareParams{StartDate: v.StartDate, StartTime: v.StartTime, EndDate: v.EndDate,
					EndTime: v.EndTime, Schedule: v.Schedule, Source: &v.Source, Receiver: &v.Receiver,
					AutoRemoveAfter: shares.AutoRemoveMonth}
				mod(&p)
				_, err := f.c.Shares.Update(ctx, id, &p)
				return err
			}}
	}
	byID := func(method string, call func(ctx context.Context, c *shares.Client, id int64) error) []row[F] {
		return []row[F]{
			{method: method, class: "zero shareID", field: "shareID",
				call: func(ctx context.Context, f F) error { return call(ctx, f.c, 0) }},
			{method: method, class: "negative shareID", field: "shareID",
				call: func(ctx context.Context, f F) error { return call(ctx, f.c, -7) }},
		}
	}
	ctor := func(method, class, setting string, a func(f F) shares.Auth, opts ...shares.Option) row[F] {
		return row[F]{method: method, class: class, field: setting, ctor: true,
			call: func(_ context.Context, f F) error { return f.newClient(a(f), opts...) }}
	}
	token := func(f F) shares.Auth { return shares.BearerToken(f.srv.Token()) }
	oauth := func(mod func(*shares.OAuth2)) func(F) shares.Auth {
		return func(f F) shares.Auth {
			o := &shares.OAuth2{ClientID: sharestest.ClientID, ClientSecret: sharestest.ClientSecret,
				RefreshToken: f.srv.AddRefreshToken()}
			mod(o)
			return o
		}
	}
	tod := func(h, m, s int) *shares.TimeOfDay { return &shares.TimeOfDay{Hour: h, Minute: m, Second: s} }

	rows := []row[F]{
		ctor("NewClient", "nil credentials", "credentials", func(F) shares.Auth { return nil }),
		ctor("NewClient", "nil *OAuth2", "OAuth2", func(F) shares.Auth { return (*shares.OAuth2)(nil) }),
		ctor("NewClient", "empty BearerToken", "bearer token", func(F) shares.Auth { return shares.BearerToken("") }),
		ctor("NewClient", "blank BearerToken", "bearer token", func(F) shares.Auth { return shares.BearerToken("  ") }),
		ctor("NewClient", "BearerToken with a newline", "bearer token", func(f F) shares.Auth { return shares.BearerToken(f.srv.Token() + "\n") }),
		ctor("NewClient", "empty OAuth2.ClientID", "OAuth2.ClientID", oauth(func(o *shares.OAuth2) { o.ClientID = "" })),
		ctor("NewClient", "empty OAuth2.ClientSecret", "OAuth2.ClientSecret", oauth(func(o *shares.OAuth2) { o.ClientSecret = "" })),
		ctor("NewClient", "empty OAuth2.RefreshToken", "OAuth2.RefreshToken", oauth(func(o *shares.OAuth2) { o.RefreshToken = "" })),
		ctor("NewClient", "OAuth2.RefreshToken with a space", "OAuth2.RefreshToken", oauth(func(o *shares.OAuth2) { o.RefreshToken = "a b" })),
		ctor("NewClient", "OAuth2.Token without a RefreshToken", "OAuth2.Token.RefreshToken", oauth(func(o *shares.OAuth2) {
			o.RefreshToken, o.Token = "", &shares.Token{AccessToken: "a"}
		})),
		ctor("NewClient", "OAuth2.RefreshToken and OAuth2.Token.RefreshToken differ", "OAuth2.Token.RefreshToken", oauth(func(o *shares.OAuth2) {
			o.Token = &shares.Token{RefreshToken: "other"}
		})),
		ctor("WithTokenStore", "with a BearerToken", "WithTokenStore", token, shares.WithTokenStore(&auth.MemoryStore{})),
		ctor("WithLanguage", "a word", "language", token, shares.WithLanguage("english")),
		ctor("WithLanguage", "empty", "language", token, shares.WithLanguage("")),
		ctor("WithLanguage", "a region tag", "language", token, shares.WithLanguage("de-CH")),
		ctor("WithLanguage", "a digit", "language", token, shares.WithLanguage("d3")),

		{method: "SharesService.Create", class: "nil params", field: "params",
			call: func(ctx context.Context, f F) error {
				_, err := f.c.Shares.Create(ctx, nil)
				return err
			}},
		create("zero OrganizationID", "OrganizationID", func(p *shares.CreateShareParams) { p.OrganizationID = 0 }),
		create("negative OrganizationID", "OrganizationID", func(p *shares.CreateShareParams) { p.OrganizationID = -1 }),
		create("neither device nor device group", "Source", func(p *shares.CreateShareParams) { p.Source = shares.Source{} }),
		create("both device and device group", "Source", func(p *shares.CreateShareParams) { p.Source.DeviceGroupID = 3 }),
		create("negative DeviceID", "Source.DeviceID", func(p *shares.CreateShareParams) { p.Source.DeviceID = -1 }),
		create("negative DeviceGroupID", "Source.DeviceGroupID", func(p *shares.CreateShareParams) {
			p.Source = shares.Source{DeviceGroupID: -4}
		}),
		create("neither user nor user group", "Receiver", func(p *shares.CreateShareParams) { p.Receiver = shares.Receiver{} }),
		create("both user and user group", "Receiver", func(p *shares.CreateShareParams) { p.Receiver.UserGroupID = 9 }),
		create("negative UserID", "Receiver.UserID", func(p *shares.CreateShareParams) { p.Receiver.UserID = -2 }),
		create("negative UserGroupID", "Receiver.UserGroupID", func(p *shares.CreateShareParams) {
			p.Receiver = shares.Receiver{UserGroupID: -2}
		}),
		create("EndDate before StartDate", "EndDate", func(p *shares.CreateShareParams) {
			p.EndDate = shares.Date{Year: 2030, Month: 2, Day: 28}
		}),
		create("EndTime before StartTime on one day", "EndTime", func(p *shares.CreateShareParams) {
			p.EndDate = p.StartDate
			p.EndTime = tod(8, 59, 59)
		}),
		create("StartDate not a date", "StartDate", func(p *shares.CreateShareParams) {
			p.StartDate = shares.Date{Year: 2030, Month: 2, Day: 30}
		}),
		create("EndDate month 13", "EndDate", func(p *shares.CreateShareParams) {
			p.EndDate = shares.Date{Year: 2030, Month: 13, Day: 1}
		}),
		create("StartTime hour 24", "StartTime", func(p *shares.CreateShareParams) { p.StartTime = tod(24, 0, 0) }),
		create("EndTime minute 60", "EndTime", func(p *shares.CreateShareParams) { p.EndTime = tod(17, 60, 0) }),
		create("EndTime negative second", "EndTime", func(p *shares.CreateShareParams) { p.EndTime = tod(17, 0, -1) }),
		create("unknown DayOfWeek", "Schedule[1].DayOfWeek", func(p *shares.CreateShareParams) { p.Schedule[1].DayOfWeek = "Funday" }),
		create("empty DayOfWeek", "Schedule[0].DayOfWeek", func(p *shares.CreateShareParams) { p.Schedule[0].DayOfWeek = "" }),
		create("DayOfWeek in lower case", "Schedule[0].DayOfWeek", func(p *shares.CreateShareParams) { p.Schedule[0].DayOfWeek = "monday" }),
		create("unknown Recurrence", "Schedule[1].Recurrence", func(p *shares.CreateShareParams) { p.Schedule[1].Recurrence = "Monthly" }),
		create("empty Recurrence", "Schedule[0].Recurrence", func(p *shares.CreateShareParams) { p.Schedule[0].Recurrence = "" }),
		create("Period end before start", "Schedule[1].Period.EndTime", func(p *shares.CreateShareParams) {
			p.Schedule[1].Period = &shares.Period{StartTime: shares.TimeOfDay{Hour: 18}, EndTime: shares.TimeOfDay{Hour: 8}}
		}),
		create("Period end equal to start", "Schedule[1].Period.EndTime", func(p *shares.CreateShareParams) {
			p.Schedule[1].Period = &shares.Period{StartTime: shares.TimeOfDay{Hour: 8}, EndTime: shares.TimeOfDay{Hour: 8}}
		}),
		create("Period start not a time", "Schedule[1].Period.StartTime", func(p *shares.CreateShareParams) {
			p.Schedule[1].Period = &shares.Period{StartTime: shares.TimeOfDay{Hour: 25}, EndTime: shares.TimeOfDay{Hour: 8}}
		}),

		{method: "SharesService.Update", class: "nil params", field: "params",
			call: func(ctx context.Context, f F) error {
				_, err := f.c.Shares.Update(ctx, 1, nil)
				return err
			}},
		update("zero shareID", "shareID", 0, func(*shares.UpdateShareParams) {}),
		update("negative shareID", "shareID", -1, func(*shares.UpdateShareParams) {}),
		update("unknown AutoRemoveAfter", "AutoRemoveAfter", 1, func(p *shares.UpdateShareParams) { p.AutoRemoveAfter = "DAY" }),
		update("AutoRemoveAfter in lower case", "AutoRemoveAfter", 1, func(p *shares.UpdateShareParams) { p.AutoRemoveAfter = "week" }),
		update("both device and device group", "Source", 1, func(p *shares.UpdateShareParams) {
			p.Source = &shares.Source{DeviceID: 1, DeviceGroupID: 2}
		}),
		update("neither device nor device group", "Source", 1, func(p *shares.UpdateShareParams) { p.Source = &shares.Source{} }),
		update("neither user nor user group", "Receiver", 1, func(p *shares.UpdateShareParams) { p.Receiver = &shares.Receiver{} }),
		update("both user and user group", "Receiver", 1, func(p *shares.UpdateShareParams) {
			p.Receiver = &shares.Receiver{UserID: 1, UserGroupID: 2}
		}),
		update("negative UserGroupID", "Receiver.UserGroupID", 1, func(p *shares.UpdateShareParams) {
			p.Receiver = &shares.Receiver{UserGroupID: -1}
		}),
		update("EndDate before StartDate", "EndDate", 1, func(p *shares.UpdateShareParams) {
			p.EndDate = shares.Date{Year: 2029, Month: 12, Day: 31}
		}),
		update("EndTime before StartTime on one day", "EndTime", 1, func(p *shares.UpdateShareParams) {
			p.EndDate, p.EndTime = p.StartDate, tod(0, 0, 1)
		}),
		update("unknown DayOfWeek", "Schedule[0].DayOfWeek", 1, func(p *shares.UpdateShareParams) {
			p.Schedule = []shares.ScheduleEntry{{DayOfWeek: "Someday", Recurrence: shares.Weekly}}
		}),
		update("Period end before start", "Schedule[0].Period.EndTime", 1, func(p *shares.UpdateShareParams) {
			p.Schedule = []shares.ScheduleEntry{{DayOfWeek: shares.Friday, Recurrence: shares.BiWeekly,
				Period: &shares.Period{StartTime: shares.TimeOfDay{Hour: 12, Minute: 30}, EndTime: shares.TimeOfDay{Hour: 12}}}}
		}),

		update("MakePermanent with an EndDate", "MakePermanent", 1, func(p *shares.UpdateShareParams) { p.MakePermanent = true }),
		update("MakePermanent with only a StartTime", "MakePermanent", 1, func(p *shares.UpdateShareParams) {
			*p = shares.UpdateShareParams{MakePermanent: true, StartTime: tod(9, 0, 0)}
		}),
		{method: "DevicesService.RemoteActivate", class: "zero deviceID", field: "deviceID",
			call: func(ctx context.Context, f F) error { return f.c.Devices.RemoteActivate(ctx, 0) }},
		{method: "DevicesService.RemoteActivate", class: "negative deviceID", field: "deviceID",
			call: func(ctx context.Context, f F) error { return f.c.Devices.RemoteActivate(ctx, -14) }},

		{method: "SharesService.List", class: "negative DeviceID", field: "DeviceID",
			call: func(ctx context.Context, f F) error {
				_, err := f.c.Shares.List(ctx, &shares.ListSharesOptions{DeviceID: -1})
				return err
			}},
	}
	rows = append(rows, byID("SharesService.Get", func(ctx context.Context, c *shares.Client, id int64) error {
		_, err := c.Shares.Get(ctx, id)
		return err
	})...)
	rows = append(rows, byID("SharesService.Delete", func(ctx context.Context, c *shares.Client, id int64) error {
		return c.Shares.Delete(ctx, id)
	})...)
	rows = append(rows, byID("SharesService.CreateWebKey", func(ctx context.Context, c *shares.Client, id int64) error {
		_, err := c.Shares.CreateWebKey(ctx, id)
		return err
	})...)
	rows = append(rows, engineOptionRows(engineOptions[shares.Option]{
		baseURL: shares.WithBaseURL, maxRetries: shares.WithMaxRetries,
		retry:            func(p transport.RetryPolicy) shares.Option { return shares.WithRetry(p) },
		maxResponseBytes: shares.WithMaxResponseBytes, userAgent: shares.WithUserAgent,
	}, "", func(f F, opts ...shares.Option) error { return f.newClient(token(f), opts...) })...)
	rows = append(rows, callOptionRows(callOptions{shares.WithHeader, shares.WithRequestMaxRetries, shares.WithResponseInto}, nil,
		func(ctx context.Context, f F, o transport.CallOption) error {
			_, err := f.c.Shares.List(ctx, nil, o)
			return err
		})...)

	return &suite[F]{
		vendor:   "shares",
		sentinel: shares.ErrInvalidParams,
		client:   reflect.TypeFor[shares.Client](),
		modes:    []string{"OAuth2", "BearerToken"},
		start: func(t *testing.T, mode string) F {
			srv := sharestest.NewServer(t)
			f := &sharesFixture{srv: srv, oauth: mode == "OAuth2"}
			a := token(f)
			if f.oauth {
				a = &shares.OAuth2{ClientID: sharestest.ClientID, ClientSecret: sharestest.ClientSecret,
					RefreshToken: srv.AddRefreshToken()}
			}
			c, err := shares.NewClient(a, shares.WithBaseURL(srv.URL), shares.WithHTTPClient(srv.Client()),
				shares.WithMaxRetries(0))
			if err != nil {
				t.Fatalf("NewClient: %v", err)
			}
			f.c = c
			return f
		},
		control: func(ctx context.Context, f F) error {
			_, err := f.c.Shares.List(ctx, nil)
			return err
		},
		rows: rows,
		unchecked: []unchecked[F]{
			{method: "SharesService.Update", input: "no fields",
				reason: "the reference does not say what a PUT leaving fields out does, so the package sends what is set and lets the API judge",
				call: func(ctx context.Context, f F) error {
					_, err := f.c.Shares.Update(ctx, 1, &shares.UpdateShareParams{})
					return err
				}},
		},
	}
}
